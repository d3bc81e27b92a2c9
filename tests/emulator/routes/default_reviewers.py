"""Default reviewers of repositories and projects, and a repository's effective default reviewers."""

from flask import Blueprint, request

from .. import access, bbql, kinds, render, render_kinds
from ..errors import ApiError
from ..naming import same_uuid
from ..pagination import paginate
from .common import find_project, find_repository, find_workspace, json_body, json_response, no_content, store

blueprint = Blueprint('default_reviewers', __name__, url_prefix='/2.0')
_REPO = '/repositories/<workspace>/<repo_slug>'
_PROJECT = '/workspaces/<workspace>/projects/<project_key>'


def _user(workspace_record, ref, adding=False):
    """The user a path names ({uuid}, account id or nickname); 404 when unknown; adding the workspace (a team): 400."""
    if ref == workspace_record['slug'] or same_uuid(ref, workspace_record['uuid']):
        if adding:
            raise ApiError(400, 'Teams cannot be default reviewers.', detail='%s is a workspace, not a user.' % ref)
        raise ApiError(404, 'User %s not found.' % ref)
    user = store().user_by_id(ref)
    if user is None:
        user = next((candidate for candidate in store().data['users'] if candidate['nickname'] == ref), None)
    if user is None:
        raise ApiError(404, 'User %s not found.' % ref)
    return user


def _index(reviewers, user):
    for index, uuid in enumerate(reviewers):
        if same_uuid(uuid, user['uuid']):
            return index
    return None


def _users(reviewers):
    return [user for user in (store().user_by_uuid(uuid) for uuid in reviewers) if user is not None]


def _page(values):
    return json_response(paginate(bbql.apply(values, request.args.get('q'), request.args.get('sort'))))


class _Repository:
    def __init__(self, workspace, repo_slug, needed):
        self.workspace, self.repository, _permission = find_repository(workspace, repo_slug, needed=needed)
        self.reviewers = kinds.repository(self.repository)['default_reviewers']


@blueprint.get(_REPO + '/default-reviewers')
def list_repository_reviewers(workspace, repo_slug):
    """GET .../default-reviewers: paginated accounts."""
    target = _Repository(workspace, repo_slug, 'read')
    return _page([render.account(user) for user in _users(target.reviewers)])


@blueprint.get(_REPO + '/default-reviewers/<target_username>')
def get_repository_reviewer(workspace, repo_slug, target_username):
    """GET .../default-reviewers/{target_username}: 404 when the user is not a default reviewer."""
    target = _Repository(workspace, repo_slug, 'read')
    user = _user(target.workspace, target_username)
    if _index(target.reviewers, user) is None:
        raise ApiError(404, '%s is not a default reviewer of this repository.' % target_username)
    return json_response(render.account(user))


@blueprint.put(_REPO + '/default-reviewers/<target_username>')
def put_repository_reviewer(workspace, repo_slug, target_username):
    """PUT .../default-reviewers/{target_username}: idempotent, 200 with the account; 400 for users without access."""
    target = _Repository(workspace, repo_slug, 'admin')
    user = _user(target.workspace, target_username, adding=True)
    if access.user_repository_permission(target.workspace, user['uuid'], target.repository) is None:
        raise ApiError(400, '%s does not have access to this repository and cannot be a default reviewer.' % user['display_name'])
    if _index(target.reviewers, user) is None:
        target.reviewers.append(user['uuid'])
    return json_response(render.account(user))


@blueprint.delete(_REPO + '/default-reviewers/<target_username>')
def delete_repository_reviewer(workspace, repo_slug, target_username):
    """DELETE .../default-reviewers/{target_username}: 204; 404 when not a default reviewer."""
    target = _Repository(workspace, repo_slug, 'admin')
    user = _user(target.workspace, target_username)
    index = _index(target.reviewers, user)
    if index is None:
        raise ApiError(404, '%s is not a default reviewer of this repository.' % target_username)
    del target.reviewers[index]
    return no_content()


@blueprint.get(_REPO + '/effective-default-reviewers')
def list_effective_reviewers(workspace, repo_slug):
    """GET .../effective-default-reviewers: the repository's reviewers, then the project's not already listed."""
    target = _Repository(workspace, repo_slug, 'read')
    project = kinds.project(next(record for record in target.workspace['projects'] if record['key'] == target.repository['project']))
    values = [render_kinds.default_reviewer(user, 'repository') for user in _users(target.reviewers)]
    values += [render_kinds.default_reviewer(user, 'project') for user in _users(project['default_reviewers'])
               if _index(target.reviewers, user) is None]
    return _page(values)


class _Project:
    def __init__(self, workspace, project_key):
        self.workspace = find_workspace(workspace)
        self.project = kinds.project(find_project(self.workspace, project_key, needed='admin'))
        self.reviewers = self.project['default_reviewers']


@blueprint.get(_PROJECT + '/default-reviewers')
def list_project_reviewers(workspace, project_key):
    """GET .../projects/{project_key}/default-reviewers: default_reviewer_and_type values."""
    target = _Project(workspace, project_key)
    return _page([render_kinds.default_reviewer(user, 'project') for user in _users(target.reviewers)])


@blueprint.get(_PROJECT + '/default-reviewers/<selected_user>')
def get_project_reviewer(workspace, project_key, selected_user):
    """GET one project default reviewer: 400 when the user is not one."""
    target = _Project(workspace, project_key)
    user = _user(target.workspace, selected_user)
    if _index(target.reviewers, user) is None:
        raise ApiError(400, '%s is not a default reviewer of project %s.' % (selected_user, target.project['key']))
    return json_response(render.account(user))


@blueprint.put(_PROJECT + '/default-reviewers/<selected_user>')
def put_project_reviewer(workspace, project_key, selected_user):
    """PUT one project default reviewer (optional body {"uuid"}): idempotent, 200 with the user."""
    target = _Project(workspace, project_key)
    user = _user(target.workspace, selected_user, adding=True)
    body = json_body(optional=True)
    if body.get('uuid') is not None and not same_uuid(body['uuid'], user['uuid']):
        raise ApiError(400, 'Bad request', fields={'uuid': ['The uuid in the body must be the uuid of the user in the path.']})
    if access.user_project_permission(target.workspace, user['uuid'], target.project) is None:
        raise ApiError(400, '%s is not a member of workspace %s and cannot be a default reviewer.' % (user['display_name'], target.workspace['slug']))
    if _index(target.reviewers, user) is None:
        target.reviewers.append(user['uuid'])
    return json_response(render.account(user))


@blueprint.delete(_PROJECT + '/default-reviewers/<selected_user>')
def delete_project_reviewer(workspace, project_key, selected_user):
    """DELETE one project default reviewer: 204; 400 when the user is not one."""
    target = _Project(workspace, project_key)
    user = _user(target.workspace, selected_user)
    index = _index(target.reviewers, user)
    if index is None:
        raise ApiError(400, '%s is not a default reviewer of project %s.' % (selected_user, target.project['key']))
    del target.reviewers[index]
    return no_content()
