"""Repositories of a workspace: list (q, sort, role), create (POST 200, PUT 201), get, update (PUT 200), delete."""

from flask import Blueprint, request

from .. import access, bbql, render, spec
from ..context import current_emulator
from ..errors import ApiError
from ..naming import new_uuid, now, slugify
from ..pagination import paginate
from ..state import Store, default_project
from ..validation import choice_error, raise_if, type_errors
from ..context import current_emulator
from .common import find_repository, find_workspace, forbidden, json_body, json_response, no_content, principal

blueprint = Blueprint('repositories', __name__, url_prefix='/2.0')
SLUG_EXISTS = 'Repository with this Slug and Owner already exists.'
ROLES = ('member', 'contributor', 'admin', 'owner')
_TYPES = {
    'name': str, 'description': str, 'is_private': bool, 'fork_policy': str, 'language': str, 'has_issues': bool,
    'has_wiki': bool, 'website': str, 'mainbranch': dict, 'project': dict, 'scm': str,
}
_PLAIN_FIELDS = ('name', 'description', 'is_private', 'fork_policy', 'language', 'website')


def _clone_user():
    caller = principal()
    return caller.user['nickname'] if caller.kind == 'user' else None


def _render(workspace_record, record):
    return render.repository(workspace_record, record, clone_user=_clone_user())


def _field_errors(body, record=None):
    fields = type_errors(body, _TYPES)
    policies = spec.enum_of('repository', 'fork_policy')
    if isinstance(body.get('fork_policy'), str) and body['fork_policy'] not in policies:
        fields['fork_policy'] = [choice_error(body['fork_policy'], policies)]
    if isinstance(body.get('scm'), str) and body['scm'] != 'git':
        fields['scm'] = [choice_error(body['scm'], ['git'])]
    mainbranch = body.get('mainbranch')
    if isinstance(mainbranch, dict) and not isinstance(mainbranch.get('name'), str):
        fields['mainbranch'] = ['mainbranch.name must be a branch name.']
    for legacy in ('has_issues', 'has_wiki'):
        # Issues and Wikis are sunset: they can no longer be switched on where they are off
        if body.get(legacy) is True and not (record and record[legacy]):
            fields[legacy] = ['Issues and wikis can no longer be enabled on repositories.']
    if body.get('name') is not None and isinstance(body['name'], str) and not slugify(body['name']):
        fields['name'] = ['A repository name must contain a letter or a digit.']
    return fields


def _named_project(workspace_record, body):
    """The project the body names ({"key": KEY or "{uuid}"} or {"uuid": ...}), None when it names none."""
    reference = body.get('project')
    if not reference:
        return None
    key = reference.get('key') or reference.get('uuid')
    project = Store.project(workspace_record, key) if isinstance(key, str) else None
    if project is None:
        raise ApiError(400, 'Bad request', fields={'project': ['No project %s in workspace %s.' % (key, workspace_record['slug'])]})
    return project


def _check_privacy(project, is_private):
    if project['is_private'] and not is_private:
        raise ApiError(400, 'Bad request', fields={'is_private': ['A private project cannot contain public repositories.']})


def _create(workspace_record, slug, body):
    if not slug or slugify(slug) != slug:
        raise ApiError(400, 'Bad request', fields={'slug': ['Invalid slug %r: use lowercase letters, digits, ".", "_" and "-".' % slug]})
    if Store.repository(workspace_record, slug) is not None:
        raise ApiError(400, SLUG_EXISTS)
    raise_if(_field_errors(body))
    caller = principal()
    project = _named_project(workspace_record, body) or Store.oldest_project(workspace_record)
    allowed = access.can_create_repository(caller, workspace_record, project) if project else access.is_workspace_admin(caller, workspace_record)
    if not allowed:
        raise forbidden('You do not have permission to create repositories in workspace %s.' % workspace_record['slug'])
    is_private = body['is_private'] if body.get('is_private') is not None else True
    if project is not None:
        _check_privacy(project, is_private)
    else:
        project = default_project(workspace_record)
    created_on = now()
    record = {
        'uuid': new_uuid(),
        'slug': slug,
        'name': body.get('name') or slug,
        'description': body.get('description') or '',
        'is_private': is_private,
        'project': project['key'],
        'fork_policy': body.get('fork_policy') or 'allow_forks',
        'language': body.get('language') or '',
        'mainbranch': (body.get('mainbranch') or {}).get('name') or 'main',
        'website': body.get('website') or '',
        'has_issues': False,
        'has_wiki': False,
        'size': 0,
        'created_on': created_on,
        'updated_on': created_on,
        'webhooks': [],
        'permissions': {'users': {}, 'groups': {}},
    }
    workspace_record['repositories'].append(record)
    current_emulator().git.ensure(record)
    return record


@blueprint.get('/repositories/<workspace>')
def list_repositories(workspace):
    """GET /repositories/{workspace}: the repositories the caller reaches; q, sort and role narrow it."""
    record = find_workspace(workspace, member=False)
    caller = principal()
    role = request.args.get('role')
    if role is not None and role not in ROLES:
        raise ApiError(400, 'Bad request', detail='role must be one of %s' % ', '.join(ROLES))
    needed = {'member': 'read', 'contributor': 'write', 'admin': 'admin', 'owner': 'admin'}.get(role, 'read')
    if role == 'owner' and not access.is_workspace_admin(caller, record):
        needed = None
    values = [
        _render(record, repository) for repository in record['repositories']
        if needed and access.at_least(access.repository_permission(caller, record, repository), needed)
    ]
    values = bbql.apply(values, request.args.get('q'), request.args.get('sort'),
                        unsupported=current_emulator().faults.bbql_unsupported)
    return json_response(paginate(values))


@blueprint.get('/repositories/<workspace>/<repo_slug>')
def get_repository(workspace, repo_slug):
    """GET /repositories/{workspace}/{repo_slug}."""
    found_workspace, record, _permission = find_repository(workspace, repo_slug)
    return json_response(_render(found_workspace, record))


@blueprint.post('/repositories/<workspace>/<repo_slug>')
def create_repository(workspace, repo_slug):
    """POST /repositories/{workspace}/{repo_slug}: 200 with the new repository (slug from the URL)."""
    record = find_workspace(workspace, member=False)
    repository = _create(record, repo_slug, json_body(optional=True))
    return json_response(_render(record, repository))


@blueprint.put('/repositories/<workspace>/<repo_slug>')
def put_repository(workspace, repo_slug):
    """PUT /repositories/{workspace}/{repo_slug}: 201 created, or 200 updated (a new name moves the slug)."""
    body = json_body(optional=True)
    if workspace != '{}':
        record = find_workspace(workspace, member=False)
        if Store.repository(record, repo_slug) is None:
            return json_response(_render(record, _create(record, repo_slug, body)), status=201)
    found_workspace, repository, _permission = find_repository(workspace, repo_slug, needed='admin')
    fields = _field_errors(body, repository)
    raise_if(fields)
    project = _named_project(found_workspace, body)
    if project is not None and project['key'] != repository['project']:
        if not access.can_create_repository(principal(), found_workspace, project):
            raise forbidden('You do not have permission to move repositories into project %s.' % project['key'])
    target = project or Store.project(found_workspace, repository['project'])
    _check_privacy(target, body['is_private'] if body.get('is_private') is not None else repository['is_private'])
    new_slug = repository['slug']
    if body.get('name') is not None and body['name'] != repository['name']:
        new_slug = slugify(body['name'])
        if new_slug != repository['slug'] and Store.repository(found_workspace, new_slug) is not None:
            raise ApiError(400, SLUG_EXISTS, fields={'name': ['The new name gives the slug %s, which is taken.' % new_slug]})
    for name in _PLAIN_FIELDS:
        if body.get(name) is not None:
            repository[name] = body[name]
    for legacy in ('has_issues', 'has_wiki'):
        if body.get(legacy) is False:
            repository[legacy] = False
    if isinstance(body.get('mainbranch'), dict):
        repository['mainbranch'] = body['mainbranch']['name']
    repository['project'] = target['key']
    headers = None
    if new_slug != repository['slug']:
        repository['slug'] = new_slug
        headers = {'Location': render.api_url('/repositories/%s/%s' % (found_workspace['slug'], new_slug))}
    repository['updated_on'] = now()
    return json_response(_render(found_workspace, repository), headers=headers)


@blueprint.delete('/repositories/<workspace>/<repo_slug>')
def delete_repository(workspace, repo_slug):
    """DELETE /repositories/{workspace}/{repo_slug}: 204 (redirect_to is accepted and ignored)."""
    found_workspace, repository, _permission = find_repository(workspace, repo_slug, needed='admin')
    found_workspace['repositories'].remove(repository)
    current_emulator().git.remove(repository)
    return no_content()
