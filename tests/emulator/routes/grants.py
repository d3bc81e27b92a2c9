"""Explicit user and group grants on repositories and projects (permissions-config)."""

from flask import Blueprint, request

from .. import render, spec
from ..errors import ApiError
from ..naming import same_uuid
from ..pagination import paginate
from ..state import Store
from .common import find_project, find_repository, find_workspace, json_body, json_response, no_content, principal, store

blueprint = Blueprint('grants', __name__, url_prefix='/2.0')
OWNER_LINKED = 'This user is linked to this workspace, so their access on any of the %s cannot be modified or removed'


class _Target:
    """A repository or a project whose explicit grants are read or changed."""

    def __init__(self, kind, workspace_record, record, base_path):
        self.kind = kind
        self.workspace = workspace_record
        self.record = record
        self.base_path = base_path
        self.grants = record['permissions']

    @property
    def schema(self):
        name = 'RepoPermissionUpdateSchema' if self.kind == 'repository' else 'ProjectPermissionUpdateSchema'
        return spec.definition('bitbucket.apps.permissions.serializers.%s' % name)

    def embedded(self):
        if self.kind == 'repository':
            return render.repository_compact(self.workspace, self.record)
        return render.project_compact(self.workspace, self.record)

    def user_grant(self, user, permission):
        return render.grant('%s_user_permission' % self.kind, permission, 'user', render.account(user), self.kind, self.embedded(),
                            '%s/users/%s' % (self.base_path, user['account_id']))

    def group_grant(self, group, permission):
        return render.grant('%s_group_permission' % self.kind, permission, 'group', render.group(self.workspace, group), self.kind,
                            self.embedded(), '%s/groups/%s' % (self.base_path, group['slug']))


def _refuse_tokens():
    caller = principal()
    if caller.kind == 'access_token':
        raise ApiError(403, 'Access tokens cannot query or manipulate repository, project or workspace permissions.')
    if caller.kind == 'oauth' and request.method in ('PUT', 'DELETE'):
        raise ApiError(403, 'This resource does not support authentication using the provided token',
                       detail='Explicit permissions can only be changed with an API token (account email and API token, Basic auth).')


def _repository_target(workspace, repo_slug):
    _refuse_tokens()
    found_workspace, repository, _permission = find_repository(workspace, repo_slug, needed='admin')
    return _Target('repository', found_workspace, repository,
                   '/repositories/%s/%s/permissions-config' % (found_workspace['slug'], repository['slug']))


def _project_target(workspace, project_key):
    _refuse_tokens()
    record = find_workspace(workspace)
    project = find_project(record, project_key, needed='admin')
    return _Target('project', record, project, '/workspaces/%s/projects/%s/permissions-config' % (record['slug'], project['key']))


def _user(target, selected_user_id, changing):
    """The user a path names ('{uuid}' or account id); 404 unknown, 400 non-member or owner when changing."""
    user = store().user_by_id(selected_user_id)
    if user is None:
        raise ApiError(404, 'No user with id %s.' % selected_user_id)
    role = Store.member_role(target.workspace, user['uuid'])
    if changing and role is None:
        raise ApiError(400, 'User %s is not a member of workspace %s.' % (selected_user_id, target.workspace['slug']))
    if changing and role == 'owner':
        raise ApiError(400, OWNER_LINKED % ('repositories' if target.kind == 'repository' else 'projects'))
    return user


def _group(target, group_slug):
    group = Store.group(target.workspace, group_slug)
    if group is None:
        raise ApiError(404, 'No group %s in workspace %s.' % (group_slug, target.workspace['slug']))
    return group


def _permission(target):
    """The permission of a PUT body, checked against the spec's update schema."""
    body = json_body()
    allowed = target.schema['properties']['permission']['enum']
    unknown = sorted(set(body) - set(target.schema['properties']))
    if unknown:
        raise ApiError(400, 'Bad request', fields={name: ['Unknown field.'] for name in unknown})
    if 'permission' not in body:
        raise ApiError(400, 'Bad request', fields={'permission': ['This field is required.']})
    if body['permission'] not in allowed:
        raise ApiError(400, '%s is not a valid permission' % (body['permission'],),
                       fields={'permission': ['Expected one of: %s.' % ', '.join(allowed)]})
    return body['permission']


def _user_grant(target, user):
    for uuid, permission in target.grants['users'].items():
        if same_uuid(uuid, user['uuid']):
            return uuid, permission
    return None, None


def _list_users(target):
    values = []
    for uuid, permission in target.grants['users'].items():
        user = store().user_by_uuid(uuid)
        if user is not None:
            values.append(target.user_grant(user, permission))
    return json_response(paginate(values))


def _get_user(target, selected_user_id):
    user = _user(target, selected_user_id, changing=False)
    _key, permission = _user_grant(target, user)
    if permission is None:
        raise ApiError(404, 'User %s has no explicit permission here.' % selected_user_id)
    return json_response(target.user_grant(user, permission))


def _put_user(target, selected_user_id):
    user = _user(target, selected_user_id, changing=True)
    permission = _permission(target)
    key, _old = _user_grant(target, user)
    target.grants['users'][key or user['uuid']] = permission
    return json_response(target.user_grant(user, permission))


def _delete_user(target, selected_user_id):
    user = _user(target, selected_user_id, changing=True)
    key, _old = _user_grant(target, user)
    if key is None:
        raise ApiError(404, 'User %s has no explicit permission here.' % selected_user_id)
    del target.grants['users'][key]
    return no_content()


def _list_groups(target):
    values = [target.group_grant(Store.group(target.workspace, slug), permission)
              for slug, permission in target.grants['groups'].items() if Store.group(target.workspace, slug)]
    return json_response(paginate(values))


def _get_group(target, group_slug):
    group = _group(target, group_slug)
    if group['slug'] not in target.grants['groups']:
        raise ApiError(404, 'Group %s has no explicit permission here.' % group_slug)
    return json_response(target.group_grant(group, target.grants['groups'][group['slug']]))


def _put_group(target, group_slug):
    group = _group(target, group_slug)
    target.grants['groups'][group['slug']] = _permission(target)
    return json_response(target.group_grant(group, target.grants['groups'][group['slug']]))


def _delete_group(target, group_slug):
    group = _group(target, group_slug)
    if target.grants['groups'].pop(group['slug'], None) is None:
        raise ApiError(404, 'Group %s has no explicit permission here.' % group_slug)
    return no_content()


_REPO = '/repositories/<workspace>/<repo_slug>/permissions-config'
_PROJECT = '/workspaces/<workspace>/projects/<project_key>/permissions-config'


@blueprint.get(_REPO + '/users')
def list_repository_users(workspace, repo_slug):
    """GET .../permissions-config/users of a repository."""
    return _list_users(_repository_target(workspace, repo_slug))


@blueprint.get(_REPO + '/users/<selected_user_id>')
def get_repository_user(workspace, repo_slug, selected_user_id):
    """GET one user grant of a repository."""
    return _get_user(_repository_target(workspace, repo_slug), selected_user_id)


@blueprint.put(_REPO + '/users/<selected_user_id>')
def put_repository_user(workspace, repo_slug, selected_user_id):
    """PUT one user grant of a repository: 200."""
    return _put_user(_repository_target(workspace, repo_slug), selected_user_id)


@blueprint.delete(_REPO + '/users/<selected_user_id>')
def delete_repository_user(workspace, repo_slug, selected_user_id):
    """DELETE one user grant of a repository: 204."""
    return _delete_user(_repository_target(workspace, repo_slug), selected_user_id)


@blueprint.get(_REPO + '/groups')
def list_repository_groups(workspace, repo_slug):
    """GET .../permissions-config/groups of a repository."""
    return _list_groups(_repository_target(workspace, repo_slug))


@blueprint.get(_REPO + '/groups/<group_slug>')
def get_repository_group(workspace, repo_slug, group_slug):
    """GET one group grant of a repository."""
    return _get_group(_repository_target(workspace, repo_slug), group_slug)


@blueprint.put(_REPO + '/groups/<group_slug>')
def put_repository_group(workspace, repo_slug, group_slug):
    """PUT one group grant of a repository: 200."""
    return _put_group(_repository_target(workspace, repo_slug), group_slug)


@blueprint.delete(_REPO + '/groups/<group_slug>')
def delete_repository_group(workspace, repo_slug, group_slug):
    """DELETE one group grant of a repository: 204."""
    return _delete_group(_repository_target(workspace, repo_slug), group_slug)


@blueprint.get(_PROJECT + '/users')
def list_project_users(workspace, project_key):
    """GET .../permissions-config/users of a project."""
    return _list_users(_project_target(workspace, project_key))


@blueprint.get(_PROJECT + '/users/<selected_user_id>')
def get_project_user(workspace, project_key, selected_user_id):
    """GET one user grant of a project."""
    return _get_user(_project_target(workspace, project_key), selected_user_id)


@blueprint.put(_PROJECT + '/users/<selected_user_id>')
def put_project_user(workspace, project_key, selected_user_id):
    """PUT one user grant of a project: 200."""
    return _put_user(_project_target(workspace, project_key), selected_user_id)


@blueprint.delete(_PROJECT + '/users/<selected_user_id>')
def delete_project_user(workspace, project_key, selected_user_id):
    """DELETE one user grant of a project: 204."""
    return _delete_user(_project_target(workspace, project_key), selected_user_id)


@blueprint.get(_PROJECT + '/groups')
def list_project_groups(workspace, project_key):
    """GET .../permissions-config/groups of a project."""
    return _list_groups(_project_target(workspace, project_key))


@blueprint.get(_PROJECT + '/groups/<group_slug>')
def get_project_group(workspace, project_key, group_slug):
    """GET one group grant of a project."""
    return _get_group(_project_target(workspace, project_key), group_slug)


@blueprint.put(_PROJECT + '/groups/<group_slug>')
def put_project_group(workspace, project_key, group_slug):
    """PUT one group grant of a project: 200."""
    return _put_group(_project_target(workspace, project_key), group_slug)


@blueprint.delete(_PROJECT + '/groups/<group_slug>')
def delete_project_group(workspace, project_key, group_slug):
    """DELETE one group grant of a project: 204."""
    return _delete_group(_project_target(workspace, project_key), group_slug)
