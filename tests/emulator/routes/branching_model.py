"""Branching models: repository and project settings (GET, partial PUT) and the applied and effective models.

A repository without settings of its own inherits its project's model; a PUT of a repository's
settings gives it its own (the documented side effect: it stops inheriting).
"""

import copy

from flask import Blueprint

from .. import kinds, render_kinds
from ..errors import ApiError, bad_request
from ..state import Store
from ..validation import choice_error
from .common import find_project, find_repository, find_workspace, json_body, json_response

blueprint = Blueprint('branching_model', __name__, url_prefix='/2.0')
_REPO = '/repositories/<workspace>/<repo_slug>'
_PROJECT = '/workspaces/<workspace>/projects/<project_key>'


def _branch(current, given, field, fields, with_enabled):
    """Apply a development/production object to a copy of its settings."""
    if given is None:
        return current
    if not isinstance(given, dict):
        fields[field] = ['Expected an object.']
        return current
    setting = dict(current)
    types = {'use_mainbranch': bool, 'enabled': bool} if with_enabled else {'use_mainbranch': bool}
    for name, expected in types.items():
        if name in given and not isinstance(given[name], expected):
            fields['%s.%s' % (field, name)] = ['Expected a boolean.']
    if 'name' in given and given['name'] is not None and not isinstance(given['name'], str):
        fields['%s.name' % field] = ['Expected a string.']
    if fields:
        return current
    if with_enabled and 'enabled' in given:
        setting['enabled'] = given['enabled']
    if given.get('use_mainbranch') is True:
        if given.get('name'):
            fields['%s.name' % field] = ['The name must be null when use_mainbranch is true.']
        setting.update(use_mainbranch=True, name=None)
    elif given.get('use_mainbranch') is False or given.get('name'):
        # an explicit branch; Bitbucket checks that it exists (here every branch name is taken to exist)
        name = given['name'] if 'name' in given else setting['name']
        if not name or not kinds.is_valid_prefix(name):
            fields['%s.name' % field] = ['A valid branch name is required when use_mainbranch is false.']
        setting.update(use_mainbranch=False, name=name or None)
    elif 'name' in given and not setting['use_mainbranch']:
        fields['%s.name' % field] = ['A branch name is required when use_mainbranch is false.']
    return setting


def _branch_types(current, given, fields):
    if given is None:
        return current
    if not isinstance(given, list):
        fields['branch_types'] = ['Expected a list.']
        return current
    result = copy.deepcopy(current)
    seen = set()
    for index, item in enumerate(given):
        where = 'branch_types[%d]' % index
        if not isinstance(item, dict) or 'kind' not in item:
            fields[where] = ['Each branch type must have a kind.']
            continue
        if item['kind'] not in kinds.BRANCH_TYPE_KINDS:
            fields['%s.kind' % where] = [choice_error(item['kind'], kinds.BRANCH_TYPE_KINDS)]
            continue
        if item['kind'] in seen:
            fields['%s.kind' % where] = ['The branch type %s is given twice.' % item['kind']]
        seen.add(item['kind'])
        unknown = sorted(set(item) - {'kind', 'prefix', 'enabled'})
        if unknown:
            fields[where] = ['Unknown properties: %s.' % ', '.join(unknown)]
        if 'enabled' in item and not isinstance(item['enabled'], bool):
            fields['%s.enabled' % where] = ['Expected a boolean.']
        if 'prefix' in item and item['prefix'] is not None and not isinstance(item['prefix'], str):
            fields['%s.prefix' % where] = ['Expected a string.']
        target = next(entry for entry in result if entry['kind'] == item['kind'])
        if isinstance(item.get('prefix'), str):
            target['prefix'] = item['prefix']
        if isinstance(item.get('enabled'), bool):
            target['enabled'] = item['enabled']
    enabled = [entry for entry in result if entry['enabled']]
    for entry in enabled:
        if not kinds.is_valid_prefix(entry['prefix']):
            fields['branch_types'] = ['The prefix %r of the enabled branch type %s is not a valid branch prefix.' % (entry['prefix'], entry['kind'])]
        for other in enabled:
            if other is not entry and kinds.is_valid_prefix(other['prefix']) and kinds.is_valid_prefix(entry['prefix']) \
                    and other['prefix'].startswith(entry['prefix']):
                fields['branch_types'] = ['The prefix %r of %s is a prefix of %r (%s): enabled prefixes must not overlap.' % (
                    entry['prefix'], entry['kind'], other['prefix'], other['kind'])]
    return result


def apply_settings(current, body):
    """New settings from a partial PUT body: only what is passed changes; 400 when the result would be invalid."""
    fields = {}
    model = copy.deepcopy(current)
    model['development'] = _branch(current['development'], body.get('development'), 'development', fields, False)
    model['production'] = _branch(current['production'], body.get('production'), 'production', fields, True)
    model['branch_types'] = _branch_types(current['branch_types'], body.get('branch_types'), fields)
    if fields:
        raise bad_request(fields)
    # documented as a string; any other value is silently ignored
    if body.get('default_branch_deletion') in ('true', 'false'):
        model['default_branch_deletion'] = body['default_branch_deletion']
    return model


def _project_of(workspace_record, repository):
    return kinds.project(Store.project(workspace_record, repository['project']))


def _repository_model(workspace_record, repository):
    """The repository's own settings, else its project's (inherited)."""
    kinds.repository(repository)
    if repository['branching_model'] is not None:
        return repository['branching_model']
    return kinds.project_branching_model(_project_of(workspace_record, repository))


def _repo_path(workspace_record, repository, tail):
    return '/repositories/%s/%s/%s' % (workspace_record['slug'], repository['slug'], tail)


@blueprint.get(_REPO + '/branching-model')
def get_repository_model(workspace, repo_slug):
    """GET .../branching-model: the model as applied (enabled branch types, production only when enabled)."""
    workspace_record, repository, _permission = find_repository(workspace, repo_slug, needed='read')
    model = _repository_model(workspace_record, repository)
    return json_response(render_kinds.branching_model(model, 'branching_model', repository['mainbranch']))


@blueprint.get(_REPO + '/effective-branching-model')
def get_effective_model(workspace, repo_slug):
    """GET .../effective-branching-model: the model in force (the repository's own or the project's)."""
    workspace_record, repository, _permission = find_repository(workspace, repo_slug, needed='read')
    model = _repository_model(workspace_record, repository)
    return json_response(render_kinds.branching_model(model, 'effective_repo_branching_model', repository['mainbranch']))


@blueprint.get(_REPO + '/branching-model/settings')
def get_repository_settings(workspace, repo_slug):
    """GET .../branching-model/settings."""
    workspace_record, repository, _permission = find_repository(workspace, repo_slug, needed='admin')
    model = _repository_model(workspace_record, repository)
    return json_response(render_kinds.branching_model_settings(model, _repo_path(workspace_record, repository, 'branching-model/settings')))


@blueprint.put(_REPO + '/branching-model/settings')
def put_repository_settings(workspace, repo_slug):
    """PUT .../branching-model/settings: partial; the repository stops inheriting its project's model."""
    workspace_record, repository, _permission = find_repository(workspace, repo_slug, needed='admin')
    model = apply_settings(_repository_model(workspace_record, repository), json_body())
    repository['branching_model'] = model
    return json_response(render_kinds.branching_model_settings(model, _repo_path(workspace_record, repository, 'branching-model/settings')))


def _project(workspace, project_key, needed):
    workspace_record = find_workspace(workspace)
    return workspace_record, kinds.project(find_project(workspace_record, project_key, needed=needed))


def _project_path(workspace_record, project):
    return '/workspaces/%s/projects/%s/branching-model/settings' % (workspace_record['slug'], project['key'])


@blueprint.get(_PROJECT + '/branching-model')
def get_project_model(workspace, project_key):
    """GET .../projects/{project_key}/branching-model."""
    _workspace_record, project = _project(workspace, project_key, 'read')
    return json_response(render_kinds.branching_model(kinds.project_branching_model(project), 'project_branching_model'))


@blueprint.get(_PROJECT + '/branching-model/settings')
def get_project_settings(workspace, project_key):
    """GET .../projects/{project_key}/branching-model/settings."""
    workspace_record, project = _project(workspace, project_key, 'admin')
    return json_response(render_kinds.branching_model_settings(kinds.project_branching_model(project), _project_path(workspace_record, project)))


@blueprint.put(_PROJECT + '/branching-model/settings')
def put_project_settings(workspace, project_key):
    """PUT .../projects/{project_key}/branching-model/settings: partial."""
    workspace_record, project = _project(workspace, project_key, 'admin')
    body = json_body()
    if not isinstance(body, dict):
        raise ApiError(400, 'Bad request')
    project['branching_model'] = apply_settings(kinds.project_branching_model(project), body)
    return json_response(render_kinds.branching_model_settings(project['branching_model'], _project_path(workspace_record, project)))
