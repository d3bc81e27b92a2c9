"""The current user and the workspaces it reaches; the withdrawn cross-workspace endpoints (410)."""

from flask import Blueprint, request

from .. import access, bbql, render
from ..errors import GONE_BODY, ApiError
from ..pagination import paginate
from .common import find_workspace, json_response, principal, public, store

blueprint = Blueprint('users', __name__, url_prefix='/2.0')


@blueprint.get('/user')
def current_user():
    """GET /user."""
    return json_response(render.principal_account(principal()))


def _bool_arg(name):
    raw = request.args.get(name)
    if raw is None:
        return None
    if raw.lower() not in ('true', 'false'):
        raise ApiError(400, 'Bad request', detail='%s must be true or false' % name)
    return raw.lower() == 'true'


@blueprint.get('/user/workspaces')
def user_workspaces():
    """GET /user/workspaces: workspace_access records (sort and q on slug, administrator filter)."""
    caller = principal()
    values = [
        render.workspace_access(record, access.is_workspace_admin(caller, record))
        for record in store().data['workspaces'] if access.reaches_workspace(caller, record)
    ]
    administrator = _bool_arg('administrator')
    if administrator is not None:
        values = [value for value in values if value['administrator'] == administrator]
    sort = request.args.get('sort')
    if sort and sort.lstrip('-') != 'slug':
        raise ApiError(400, 'Bad request', detail='Only slug is supported as a sort field.')

    def view(value):
        return dict(value, slug=value['workspace']['slug'])
    values = bbql.apply(values, request.args.get('q'), sort, view=view)
    return json_response(paginate(values))


@blueprint.get('/user/workspaces/<workspace>/permission')
def user_workspace_permission(workspace):
    """GET /user/workspaces/{workspace}/permission: the caller's role."""
    record = find_workspace(workspace)
    role = access.workspace_role(principal(), record)
    return json_response(render.membership(record, render.principal_account(principal()), permission=role))


@blueprint.get('/user/workspaces/<workspace>/permissions/repositories')
def user_repository_permissions(workspace):
    """GET /user/workspaces/{workspace}/permissions/repositories: the caller's effective permissions."""
    caller = principal()
    record = find_workspace(workspace)
    values = []
    if caller.user is not None:
        for repository in record['repositories']:
            permission = access.repository_permission(caller, record, repository)
            if permission:
                values.append(render.repository_permission(record, repository, caller.user, permission))
    values = bbql.apply(values, request.args.get('q'), request.args.get('sort'), ranks={'permission': access.REPOSITORY_PERMISSIONS})
    return json_response(paginate(values))


def _gone():
    return json_response(GONE_BODY, status=410)


@blueprint.get('/workspaces')
@public
def withdrawn_workspaces():
    """GET /workspaces: withdrawn (CHANGE-2770)."""
    return _gone()


@blueprint.get('/user/permissions/workspaces')
@public
def withdrawn_user_workspace_permissions():
    """GET /user/permissions/workspaces: withdrawn (CHANGE-2770)."""
    return _gone()


@blueprint.get('/user/permissions/repositories')
@public
def withdrawn_user_repository_permissions():
    """GET /user/permissions/repositories: withdrawn (CHANGE-2770)."""
    return _gone()


@blueprint.get('/repositories')
@public
def withdrawn_repositories():
    """GET /repositories: withdrawn (CHANGE-2770)."""
    return _gone()
