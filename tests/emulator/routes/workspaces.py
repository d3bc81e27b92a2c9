"""Workspaces: the workspace object, its members and roles, and effective repository permissions."""

import re

from flask import Blueprint, request

from .. import access, bbql, render
from ..errors import ApiError
from ..pagination import paginate
from ..state import Store
from .common import find_repository, find_workspace, json_response, not_found, principal, store

blueprint = Blueprint('workspaces', __name__, url_prefix='/2.0')
MAX_EMAIL_FILTER = 90
_PERMISSION_RANKS = {'permission': access.REPOSITORY_PERMISSIONS}


def _members(record):
    """(user, role) for every member of the workspace, in seed order."""
    return [(store().user_by_uuid(member['user']), member['role']) for member in record['members']]


def _with_email(value, user):
    # user.email is queryable (q=user.email IN (...)) though never shown
    return dict(value, user=dict(value['user'], email=user['email']))


@blueprint.get('/workspaces/<workspace>')
def get_workspace(workspace):
    """GET /workspaces/{workspace}."""
    return json_response(render.workspace(find_workspace(workspace)))


@blueprint.get('/workspaces/<workspace>/members')
def list_members(workspace):
    """GET /workspaces/{workspace}/members (q=user.email IN (...) up to 90 addresses, by administrators only).

    With fields=+values.user.email, the addresses filtered by (and only those) are shown.
    """
    record = find_workspace(workspace)
    query = request.args.get('q')
    by_email = bool(query) and 'user.email' in query
    if by_email and not access.is_workspace_admin(principal(), record):
        raise ApiError(403, 'Only workspace administrators, integrations and workspace access tokens can filter '
                            'members by email address.')
    if query and len(re.findall(r'"[^"]*@[^"]*"', query)) > MAX_EMAIL_FILTER:
        raise ApiError(400, 'Bad request', detail='You can filter by up to %d email addresses at a time.' % MAX_EMAIL_FILTER)
    pairs = [(render.membership(record, render.account(user)), user) for user, _role in _members(record)]
    pairs = bbql.apply(pairs, query, request.args.get('sort'), view=lambda pair: _with_email(*pair))
    fields = [field.strip() for field in request.args.get('fields', '').split(',')]
    if by_email and '+values.user.email' in fields:
        return json_response(paginate([_with_email(value, user) for value, user in pairs]))
    return json_response(paginate([value for value, _user in pairs]))


@blueprint.get('/workspaces/<workspace>/members/<member>')
def get_member(workspace, member):
    """GET /workspaces/{workspace}/members/{member} (member: '{uuid}' or Atlassian account id)."""
    record = find_workspace(workspace)
    user = store().user_by_id(member)
    if user is not None and Store.member_role(record, user['uuid']) is not None:
        return json_response(render.membership(record, render.account(user)))
    raise not_found('%s is not a member of workspace %s' % (member, record['slug']))


@blueprint.get('/workspaces/<workspace>/permissions')
def list_workspace_permissions(workspace):
    """GET /workspaces/{workspace}/permissions: members with owner or member (q=permission="owner")."""
    record = find_workspace(workspace)
    pairs = [
        (render.membership(record, render.account(user), permission='owner' if role == 'owner' else 'member'), user)
        for user, role in _members(record)
    ]
    pairs = bbql.apply(pairs, request.args.get('q'), request.args.get('sort'), view=lambda pair: _with_email(*pair))
    return json_response(paginate([value for value, _user in pairs]))


def _effective(record, repositories):
    values = []
    for repository in repositories:
        for user, _role in _members(record):
            permission = access.user_repository_permission(record, user['uuid'], repository)
            if permission:
                values.append(render.repository_permission(record, repository, user, permission))
    return values


def _refuse_access_tokens():
    if principal().kind == 'access_token':
        raise ApiError(403, 'Access tokens cannot query repository, project or workspace permissions.')


@blueprint.get('/workspaces/<workspace>/permissions/repositories')
def list_repository_permissions(workspace):
    """GET /workspaces/{workspace}/permissions/repositories: every member's effective permission (admins only)."""
    _refuse_access_tokens()
    record = find_workspace(workspace)
    if not access.is_workspace_admin(principal(), record):
        raise ApiError(403, 'Only workspace admins can list repository permissions.')
    values = bbql.apply(_effective(record, record['repositories']), request.args.get('q'), request.args.get('sort'), ranks=_PERMISSION_RANKS)
    return json_response(paginate(values))


@blueprint.get('/workspaces/<workspace>/permissions/repositories/<repo_slug>')
def list_one_repository_permissions(workspace, repo_slug):
    """GET /workspaces/{workspace}/permissions/repositories/{repo_slug} (repository admins only)."""
    _refuse_access_tokens()
    record = find_workspace(workspace)
    found_workspace, repository, _permission = find_repository(record['slug'], repo_slug, needed='admin')
    values = bbql.apply(_effective(found_workspace, [repository]), request.args.get('q'), request.args.get('sort'), ranks=_PERMISSION_RANKS)
    return json_response(paginate(values))
