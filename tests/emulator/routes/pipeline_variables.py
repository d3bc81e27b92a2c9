"""Pipelines variables in their three scopes, and deployment environments.

Workspace variables live at /workspaces/{workspace}/pipelines-config/variables (hyphen),
repository variables at .../pipelines_config/variables (underscore), deployment variables under
.../deployments_config/environments/{environment_uuid}/variables (no single GET). Secured values
are write-only: answers never carry them.
"""

from flask import Blueprint, Response, request

from .. import access, bbql, kinds, render_kinds
from ..errors import ApiError
from ..naming import new_uuid, same_uuid
from ..pagination import paginate
from ..validation import REQUIRED, choice_error, raise_if, type_errors
from .common import find_repository, find_workspace, json_body, json_response, no_content, principal

blueprint = Blueprint('pipeline_variables', __name__, url_prefix='/2.0')
_TYPES = {'key': str, 'value': str, 'secured': bool}
_REPO = '/repositories/<workspace>/<repo_slug>'


def _find(records, uuid, what):
    for record in records:
        if same_uuid(record['uuid'], uuid):
            return record
    raise ApiError(404, 'No %s with UUID %s.' % (what, uuid))


def _duplicate(variables, key, current=None):
    if any(variable['key'] == key and variable is not current for variable in variables):
        raise ApiError(409, 'A variable with the key %s already exists.' % key, detail='A variable with the provided key already exists.',
                       data={'key': key})


def _check_key(fields, key):
    if not isinstance(key, str) or not key:
        fields['key'] = [REQUIRED]
    elif not kinds.VARIABLE_KEY.match(key):
        fields['key'] = [kinds.VARIABLE_KEY_MESSAGE]


def _create(variables, type_name):
    body = json_body()
    fields = type_errors(body, _TYPES)
    _check_key(fields, body.get('key'))
    raise_if(fields)
    _duplicate(variables, body['key'])
    record = {'uuid': new_uuid(), 'key': body['key'], 'value': body.get('value') or '', 'secured': bool(body.get('secured'))}
    variables.append(record)
    return json_response(render_kinds.variable(record, type_name), status=201)


def _update(variables, uuid, type_name):
    record = _find(variables, uuid, 'variable')
    body = json_body()
    fields = type_errors(body, _TYPES)
    if body.get('key') is not None:
        _check_key(fields, body['key'])
    if record['secured'] and body.get('secured') is False:
        fields['secured'] = ['A secured variable cannot be made unsecured: delete it and create it again.']
    raise_if(fields)
    if body.get('key') is not None:
        _duplicate(variables, body['key'], record)
        record['key'] = body['key']
    if body.get('value') is not None:
        record['value'] = body['value']
    if body.get('secured') is True:
        record['secured'] = True
    return json_response(render_kinds.variable(record, type_name))


def _delete(variables, uuid):
    variables.remove(_find(variables, uuid, 'variable'))
    return no_content()


def _list(values):
    return json_response(paginate(bbql.apply(values, request.args.get('q'), request.args.get('sort'))))


# workspace variables (workspace owners)

def _workspace_variables(workspace):
    record = find_workspace(workspace)
    if not access.is_workspace_admin(principal(), record):
        raise ApiError(403, 'Only workspace administrators can manage the variables of workspace %s.' % record['slug'])
    return kinds.workspace(record)['pipeline_variables']


@blueprint.get('/workspaces/<workspace>/pipelines-config/variables')
def list_workspace_variables(workspace):
    """GET /workspaces/{workspace}/pipelines-config/variables."""
    return _list([render_kinds.variable(record) for record in _workspace_variables(workspace)])


@blueprint.post('/workspaces/<workspace>/pipelines-config/variables')
def create_workspace_variable(workspace):
    """POST /workspaces/{workspace}/pipelines-config/variables: 201; 409 on a duplicate key."""
    return _create(_workspace_variables(workspace), 'pipeline_variable')


@blueprint.get('/workspaces/<workspace>/pipelines-config/variables/<variable_uuid>')
def get_workspace_variable(workspace, variable_uuid):
    """GET one workspace variable."""
    return json_response(render_kinds.variable(_find(_workspace_variables(workspace), variable_uuid, 'variable')))


@blueprint.put('/workspaces/<workspace>/pipelines-config/variables/<variable_uuid>')
def update_workspace_variable(workspace, variable_uuid):
    """PUT one workspace variable."""
    return _update(_workspace_variables(workspace), variable_uuid, 'pipeline_variable')


@blueprint.delete('/workspaces/<workspace>/pipelines-config/variables/<variable_uuid>')
def delete_workspace_variable(workspace, variable_uuid):
    """DELETE one workspace variable: 204."""
    return _delete(_workspace_variables(workspace), variable_uuid)


# repository variables (repository admins)

def _repository(workspace, repo_slug, needed='admin'):
    _workspace_record, repository, _permission = find_repository(workspace, repo_slug, needed=needed)
    return kinds.repository(repository)


@blueprint.get(_REPO + '/pipelines_config/variables')
def list_repository_variables(workspace, repo_slug):
    """GET .../pipelines_config/variables."""
    return _list([render_kinds.variable(record) for record in _repository(workspace, repo_slug)['pipeline_variables']])


@blueprint.post(_REPO + '/pipelines_config/variables')
def create_repository_variable(workspace, repo_slug):
    """POST .../pipelines_config/variables: 201; 409 on a duplicate key."""
    return _create(_repository(workspace, repo_slug)['pipeline_variables'], 'pipeline_variable')


@blueprint.get(_REPO + '/pipelines_config/variables/<variable_uuid>')
def get_repository_variable(workspace, repo_slug, variable_uuid):
    """GET one repository variable."""
    return json_response(render_kinds.variable(_find(_repository(workspace, repo_slug)['pipeline_variables'], variable_uuid, 'variable')))


@blueprint.put(_REPO + '/pipelines_config/variables/<variable_uuid>')
def update_repository_variable(workspace, repo_slug, variable_uuid):
    """PUT one repository variable."""
    return _update(_repository(workspace, repo_slug)['pipeline_variables'], variable_uuid, 'pipeline_variable')


@blueprint.delete(_REPO + '/pipelines_config/variables/<variable_uuid>')
def delete_repository_variable(workspace, repo_slug, variable_uuid):
    """DELETE one repository variable: 204."""
    return _delete(_repository(workspace, repo_slug)['pipeline_variables'], variable_uuid)


# deployment environments and their variables

def _environment(workspace, repo_slug, environment_uuid, needed='admin'):
    return _find(_repository(workspace, repo_slug, needed)['environments'], environment_uuid, 'environment')


@blueprint.get(_REPO + '/deployments_config/environments/<environment_uuid>/variables')
def list_deployment_variables(workspace, repo_slug, environment_uuid):
    """GET the variables of a deployment environment."""
    environment = _environment(workspace, repo_slug, environment_uuid)
    return _list([render_kinds.variable(record, 'deployment_variable') for record in environment['variables']])


@blueprint.post(_REPO + '/deployments_config/environments/<environment_uuid>/variables')
def create_deployment_variable(workspace, repo_slug, environment_uuid):
    """POST a deployment variable: 201; 409 on a duplicate key in the environment."""
    return _create(_environment(workspace, repo_slug, environment_uuid)['variables'], 'deployment_variable')


@blueprint.put(_REPO + '/deployments_config/environments/<environment_uuid>/variables/<variable_uuid>')
def update_deployment_variable(workspace, repo_slug, environment_uuid, variable_uuid):
    """PUT a deployment variable."""
    return _update(_environment(workspace, repo_slug, environment_uuid)['variables'], variable_uuid, 'deployment_variable')


@blueprint.delete(_REPO + '/deployments_config/environments/<environment_uuid>/variables/<variable_uuid>')
def delete_deployment_variable(workspace, repo_slug, environment_uuid, variable_uuid):
    """DELETE a deployment variable: 204."""
    return _delete(_environment(workspace, repo_slug, environment_uuid)['variables'], variable_uuid)


def _environment_type(fields, value):
    name = value.get('name') if isinstance(value, dict) else None
    if value is None:
        fields['environment_type'] = [REQUIRED]
    elif name not in kinds.ENVIRONMENT_TYPES:
        fields['environment_type'] = [choice_error(name, list(kinds.ENVIRONMENT_TYPES))]
    return name


def _admin_only(fields, value):
    if value is None:
        return None
    admin_only = value.get('admin_only') if isinstance(value, dict) else None
    if not isinstance(value, dict) or ('admin_only' in value and not isinstance(admin_only, bool)):
        fields['restrictions'] = ['Expected {"admin_only": true or false}.']
    return admin_only


def _name_taken(environments, name, current=None):
    if any(environment['name'].lower() == name.lower() and environment is not current for environment in environments):
        raise ApiError(409, 'An environment host with the provided name already exists.', data={'name': name})


@blueprint.get(_REPO + '/environments')
def list_environments(workspace, repo_slug):
    """GET .../environments."""
    return _list([render_kinds.environment(record) for record in _repository(workspace, repo_slug, 'read')['environments']])


@blueprint.post(_REPO + '/environments')
def create_environment(workspace, repo_slug):
    """POST .../environments: 201; 409 when the name is taken (case-insensitively)."""
    environments = _repository(workspace, repo_slug)['environments']
    body = json_body()
    fields = type_errors(body, {'name': str, 'environment_type': dict, 'restrictions': dict})
    if not body.get('name'):
        fields.setdefault('name', [REQUIRED])
    type_name = _environment_type(fields, body.get('environment_type'))
    admin_only = _admin_only(fields, body.get('restrictions'))
    raise_if(fields)
    _name_taken(environments, body['name'])
    record = {'uuid': new_uuid(), 'name': body['name'], 'environment_type': type_name, 'admin_only': bool(admin_only), 'variables': []}
    environments.append(record)
    return json_response(render_kinds.environment(record), status=201)


@blueprint.get(_REPO + '/environments/<environment_uuid>')
def get_environment(workspace, repo_slug, environment_uuid):
    """GET one environment."""
    return json_response(render_kinds.environment(_environment(workspace, repo_slug, environment_uuid, 'read')))


@blueprint.delete(_REPO + '/environments/<environment_uuid>')
def delete_environment(workspace, repo_slug, environment_uuid):
    """DELETE one environment (and its variables): 204."""
    environments = _repository(workspace, repo_slug)['environments']
    environments.remove(_find(environments, environment_uuid, 'environment'))
    return no_content()


@blueprint.post(_REPO + '/environments/<environment_uuid>/changes')
def change_environment(workspace, repo_slug, environment_uuid):
    """POST .../changes {"change": {...}}: 202, no body; only name and restrictions.admin_only can change."""
    environments = _repository(workspace, repo_slug)['environments']
    record = _find(environments, environment_uuid, 'environment')
    body = json_body()
    change = body.get('change')
    if not isinstance(change, dict):
        raise_if({'change': ['Expected an object with the properties to change.']})
    fields = type_errors(change, {'name': str, 'restrictions': dict})
    unknown = sorted(set(change) - {'name', 'restrictions'})
    if unknown:
        fields['change'] = ['Only name and restrictions.admin_only can be changed, not: %s.' % ', '.join(unknown)]
    if 'name' in change and not change['name']:
        fields.setdefault('name', [REQUIRED])
    admin_only = _admin_only(fields, change.get('restrictions'))
    raise_if(fields)
    if change.get('name'):
        _name_taken(environments, change['name'], record)
        record['name'] = change['name']
    if admin_only is not None:
        record['admin_only'] = admin_only
    response = Response(status=202)
    response.headers.remove('Content-Type')
    return response
