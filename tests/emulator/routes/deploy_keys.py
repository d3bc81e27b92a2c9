"""Deploy keys of repositories (list, add, get, delete; PUT answers 400 as it does in practice) and projects."""

from flask import Blueprint, request

from .. import bbql, kinds, render_kinds, sshkeys
from ..errors import ApiError
from ..naming import now
from ..pagination import paginate
from ..validation import REQUIRED, raise_if, type_errors
from .common import find_project, find_repository, find_workspace, json_body, json_response, no_content, not_found, principal, store

blueprint = Blueprint('deploy_keys', __name__, url_prefix='/2.0')
_REPO = '/repositories/<workspace>/<repo_slug>/deploy-keys'
_PROJECT = '/workspaces/<workspace>/projects/<project_key>/deploy-keys'
PUT_REFUSED = 'Deploy keys cannot be updated: delete the key and add it again.'


def _refuse_access_tokens():
    # spec narrative (Access tokens): "Add/Update/Delete a repository deploy key" are inaccessible to access
    # tokens; project deploy keys are not in that list
    if principal().kind == 'access_token':
        raise ApiError(403, 'Access tokens cannot add, update or delete repository deploy keys.')


class _Owner:
    """A repository or a project and its deploy keys."""

    def __init__(self, workspace_record, record, keys, base_path, render):
        self.workspace = workspace_record
        self.record = record
        self.keys = keys
        self.base_path = base_path
        self._render = render

    def render(self, key):
        return self._render(store(), self.workspace, self.record, key, '%s/%d' % (self.base_path, key['id']))

    def find(self, key_id):
        for key in self.keys:
            if str(key['id']) == key_id:
                return key
        raise not_found('No deploy key with id %s.' % key_id)


def _repository(workspace, repo_slug):
    workspace_record, repository, _permission = find_repository(workspace, repo_slug, needed='admin')
    return _Owner(workspace_record, repository, kinds.repository(repository)['deploy_keys'],
                  '/repositories/%s/%s/deploy-keys' % (workspace_record['slug'], repository['slug']), render_kinds.deploy_key)


def _project(workspace, project_key):
    workspace_record = find_workspace(workspace)
    project = find_project(workspace_record, project_key, needed='admin')
    return _Owner(workspace_record, project, kinds.project(project)['deploy_keys'],
                  '/workspaces/%s/projects/%s/deploy-keys' % (workspace_record['slug'], project['key']), render_kinds.project_deploy_key)


def _list(owner):
    values = bbql.apply([owner.render(key) for key in owner.keys], request.args.get('q'), request.args.get('sort'))
    return json_response(paginate(values))


def _add(owner):
    body = json_body()
    fields = type_errors(body, {'key': str, 'label': str})
    raise_if(fields)
    if not body.get('key'):
        raise_if({'key': [REQUIRED]})
    try:
        key_type, data, comment = sshkeys.parse(body['key'])
    except sshkeys.InvalidKey as error:
        raise ApiError(400, 'Bad request', fields={'key': [str(error)]}) from None
    material = '%s %s' % (key_type, data)
    if any(key['key'] == material for key in owner.keys):
        raise ApiError(400, 'Bad request', fields={'key': ['This key has already been added here.']})
    caller = principal()
    key = {
        'id': kinds.next_id(store().data, 'deploy_key'),
        'key': material,
        'comment': comment,
        'label': body.get('label') or '',
        'added_on': now(),
        'last_used': None,
        'owner': caller.user['uuid'] if caller.user else None,
    }
    owner.keys.append(key)
    # Bitbucket answers 200 here, not 201
    return json_response(owner.render(key))


def _get(owner, key_id):
    return json_response(owner.render(owner.find(key_id)))


def _delete(owner, key_id):
    owner.keys.remove(owner.find(key_id))
    return no_content()


@blueprint.get(_REPO)
def list_repository_keys(workspace, repo_slug):
    """GET .../deploy-keys of a repository."""
    return _list(_repository(workspace, repo_slug))


@blueprint.post(_REPO)
def add_repository_key(workspace, repo_slug):
    """POST .../deploy-keys of a repository: 200 with the key."""
    owner = _repository(workspace, repo_slug)
    _refuse_access_tokens()
    return _add(owner)


@blueprint.get(_REPO + '/<key_id>')
def get_repository_key(workspace, repo_slug, key_id):
    """GET one deploy key of a repository."""
    return _get(_repository(workspace, repo_slug), key_id)


@blueprint.put(_REPO + '/<key_id>')
def update_repository_key(workspace, repo_slug, key_id):
    """PUT one deploy key of a repository: 400 whatever the body, as Bitbucket answers in practice."""
    owner = _repository(workspace, repo_slug)
    _refuse_access_tokens()
    owner.find(key_id)
    raise ApiError(400, 'Bad request', detail=PUT_REFUSED)


@blueprint.delete(_REPO + '/<key_id>')
def delete_repository_key(workspace, repo_slug, key_id):
    """DELETE one deploy key of a repository: 204."""
    owner = _repository(workspace, repo_slug)
    _refuse_access_tokens()
    return _delete(owner, key_id)


@blueprint.get(_PROJECT)
def list_project_keys(workspace, project_key):
    """GET .../deploy-keys of a project."""
    return _list(_project(workspace, project_key))


@blueprint.post(_PROJECT)
def add_project_key(workspace, project_key):
    """POST .../deploy-keys of a project: 200 with the key."""
    return _add(_project(workspace, project_key))


@blueprint.get(_PROJECT + '/<key_id>')
def get_project_key(workspace, project_key, key_id):
    """GET one deploy key of a project."""
    return _get(_project(workspace, project_key), key_id)


@blueprint.delete(_PROJECT + '/<key_id>')
def delete_project_key(workspace, project_key, key_id):
    """DELETE one deploy key of a project: 204."""
    return _delete(_project(workspace, project_key), key_id)
