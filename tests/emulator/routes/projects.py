"""Projects of a workspace: list, create, get, update or create (PUT, which can rename the key), delete."""

from flask import Blueprint, request

from .. import access, bbql, render
from ..errors import ApiError
from ..naming import PROJECT_KEY_MESSAGE, is_project_key, now
from ..pagination import paginate
from ..state import Store, new_project
from ..validation import REQUIRED, raise_if, type_errors
from .common import find_project, find_workspace, json_body, json_response, no_content, principal

blueprint = Blueprint('projects', __name__, url_prefix='/2.0')
_TYPES = {'key': str, 'name': str, 'description': str, 'is_private': bool, 'links': dict}


def _location(workspace_record, project):
    return {'Location': render.api_url('/workspaces/%s/projects/%s' % (workspace_record['slug'], project['key']))}


def _avatar(body):
    avatar = (body.get('links') or {}).get('avatar')
    href = avatar.get('href') if isinstance(avatar, dict) else None
    return href if isinstance(href, str) and href else None


def _check_key(fields, workspace_record, key, current=None):
    if not is_project_key(key):
        fields['key'] = [PROJECT_KEY_MESSAGE]
    elif any(project['key'] == key and project is not current for project in workspace_record['projects']):
        fields['key'] = ['A project with the key %s already exists in this workspace.' % key]


def _check_name(fields, workspace_record, name, current=None):
    if not name or not name.strip():
        fields['name'] = [REQUIRED]
    elif any(project['name'] == name and project is not current for project in workspace_record['projects']):
        fields['name'] = ['A project with the name %s already exists in this workspace.' % name]


def _check_privacy(fields, workspace_record, project, is_private):
    if is_private and any(not repository['is_private'] for repository in Store.repositories_in(workspace_record, project['key'])):
        fields['is_private'] = ['A private project cannot contain public repositories.']


def _create(workspace_record, key, body):
    if not access.can_create_project(principal(), workspace_record):
        raise ApiError(403, 'You do not have permission to create projects in workspace %s.' % workspace_record['slug'])
    fields = type_errors(body, _TYPES)
    raise_if(fields)
    if not key:
        fields['key'] = [REQUIRED]
    else:
        _check_key(fields, workspace_record, key)
    _check_name(fields, workspace_record, body.get('name'))
    raise_if(fields)
    return new_project(
        workspace_record, key, body['name'],
        description=body.get('description') or '',
        is_private=body['is_private'] if body.get('is_private') is not None else True,
        avatar=_avatar(body),
    )


@blueprint.get('/workspaces/<workspace>/projects')
def list_projects(workspace):
    """GET /workspaces/{workspace}/projects."""
    record = find_workspace(workspace, member=False)
    values = [
        render.project(record, project) for project in record['projects']
        if access.project_permission(principal(), record, project)
    ]
    values = bbql.apply(values, request.args.get('q'), request.args.get('sort'))
    return json_response(paginate(values))


@blueprint.post('/workspaces/<workspace>/projects')
def create_project(workspace):
    """POST /workspaces/{workspace}/projects: 201."""
    record = find_workspace(workspace)
    body = json_body()
    project = _create(record, body.get('key'), body)
    return json_response(render.project(record, project), status=201, headers=_location(record, project))


@blueprint.get('/workspaces/<workspace>/projects/<project_key>')
def get_project(workspace, project_key):
    """GET /workspaces/{workspace}/projects/{project_key}."""
    record = find_workspace(workspace, member=False)
    return json_response(render.project(record, find_project(record, project_key)))


@blueprint.put('/workspaces/<workspace>/projects/<project_key>')
def put_project(workspace, project_key):
    """PUT /workspaces/{workspace}/projects/{project_key}: 200 updated (a body key renames), 201 created."""
    record = find_workspace(workspace, member=False)
    body = json_body()
    project = Store.project(record, project_key)
    if project is None:
        if body.get('key') not in (None, project_key):
            raise ApiError(400, 'Bad request', fields={'key': ['The key comes from the URL when a project is created.']})
        project = _create(record, project_key, body)
        return json_response(render.project(record, project), status=201, headers=_location(record, project))
    find_project(record, project_key, needed='admin')
    fields = type_errors(body, _TYPES)
    raise_if(fields)
    new_key = body.get('key') or project['key']
    if new_key != project['key']:
        _check_key(fields, record, new_key, current=project)
    if 'name' in body:
        _check_name(fields, record, body['name'], current=project)
    if body.get('is_private') is not None:
        _check_privacy(fields, record, project, body['is_private'])
    raise_if(fields)
    headers = None
    if new_key != project['key']:
        for repository in Store.repositories_in(record, project['key']):
            repository['project'] = new_key
        project['key'] = new_key
        headers = _location(record, project)
    for name in ('name', 'description', 'is_private'):
        if body.get(name) is not None:
            project[name] = body[name]
    if _avatar(body):
        project['avatar'] = _avatar(body)
    project['updated_on'] = now()
    return json_response(render.project(record, project), headers=headers)


@blueprint.delete('/workspaces/<workspace>/projects/<project_key>')
def delete_project(workspace, project_key):
    """DELETE /workspaces/{workspace}/projects/{project_key}: 204; refused while it holds repositories."""
    record = find_workspace(workspace, member=False)
    project = find_project(record, project_key, needed='admin')
    held = Store.repositories_in(record, project['key'])
    if held:
        raise ApiError(403, 'Project %s is not empty: it still holds %d repositories. Delete or move them first.' % (project['key'], len(held)))
    record['projects'].remove(project)
    return no_content()
