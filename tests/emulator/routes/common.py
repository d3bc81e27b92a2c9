"""What every API view uses: the caller, JSON in and out, and lookups that answer 403/404 like the spec."""

import json

from flask import Response, g, request

from .. import access, spec
from ..context import current_emulator
from ..errors import ApiError
from ..naming import is_braced_uuid
from ..state import Store


def public(view):
    """Mark a view as needing no credentials (no authentication, no scope check)."""
    view.public = True
    return view


def store():
    """The state store of this emulator."""
    return current_emulator().store


def principal():
    """The authenticated caller of this request."""
    return g.principal


def json_response(body, status=200, headers=None):
    """A JSON answer."""
    return Response(json.dumps(body), status=status, headers=headers, mimetype='application/json')


def no_content():
    """A 204 answer: no body, no content type."""
    response = Response(status=204)
    response.headers.remove('Content-Type')
    return response


def _codes():
    rule = request.url_rule.rule if request.url_rule else ''
    return spec.response_codes(request.method, spec.rule_to_template(rule))


def not_found(message):
    """404, or 403 where the spec documents only 403 for an object the caller cannot see."""
    codes = _codes()
    return ApiError(403 if '403' in codes and '404' not in codes else 404, message)


def forbidden(message, detail=None):
    """403, or 400 where the spec says a missing privilege answers 400 (repository create/update)."""
    codes = _codes()
    return ApiError(400 if '400' in codes and '403' not in codes else 403, message, detail=detail)


def json_body(optional=False):
    """The request body as a JSON object; 400 when it is not one (an empty body is {} when optional)."""
    raw = request.get_data(as_text=True)
    if not raw.strip():
        if optional:
            return {}
        raise ApiError(400, 'Bad request', detail='A JSON request body is required.')
    try:
        body = json.loads(raw)
    except ValueError as error:
        raise ApiError(400, 'Bad request', detail='The request body is not valid JSON: %s' % error) from None
    if not isinstance(body, dict):
        raise ApiError(400, 'Bad request', detail='The request body must be a JSON object.')
    return body


def find_workspace(ref, member=True):
    """The workspace named in the path, if the caller may see it (member=False: any reach, e.g. a repository token)."""
    record = store().workspace(ref)
    caller = principal()
    if record is None:
        raise not_found('No workspace with identifier %r.' % ref)
    visible = access.workspace_role(caller, record) is not None if member else access.reaches_workspace(caller, record)
    if not visible:
        raise not_found('No workspace with identifier %r.' % ref)
    return record


def find_repository(workspace_ref, slug_ref, needed='read'):
    """(workspace, repository, permission) for a path's repository, checked against the needed permission."""
    if workspace_ref == '{}' and is_braced_uuid(slug_ref):
        # /repositories/{}/{uuid}: a repository named by UUID alone
        found_workspace, record = store().repository_anywhere(slug_ref)
        if record is None or not access.reaches_workspace(principal(), found_workspace):
            raise not_found('Repository %s not found' % slug_ref)
    else:
        found_workspace = find_workspace(workspace_ref, member=False)
        record = Store.repository(found_workspace, slug_ref)
        if record is None:
            raise not_found('Repository %s/%s not found' % (found_workspace['slug'], slug_ref))
    permission = access.repository_permission(principal(), found_workspace, record)
    if not access.at_least(permission, needed):
        raise forbidden('You need %s access to repository %s/%s.' % (needed, found_workspace['slug'], record['slug']))
    return found_workspace, record, permission


def find_project(workspace_record, key_ref, needed='read'):
    """A project of the workspace by key or '{uuid}', checked against the needed permission."""
    record = Store.project(workspace_record, key_ref)
    if record is None:
        raise not_found('Project %s not found in workspace %s' % (key_ref, workspace_record['slug']))
    permission = access.project_permission(principal(), workspace_record, record)
    if not access.at_least(permission, needed, access.PROJECT_PERMISSIONS):
        raise forbidden('You need %s access to project %s.' % (needed, record['key']))
    return record
