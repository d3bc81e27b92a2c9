"""Webhooks of repositories and workspaces (write-only secrets), and the public hook event catalogue."""

from flask import Blueprint, request

from .. import access, bbql, render, scopes, spec
from ..errors import ApiError
from ..naming import new_uuid, now
from ..pagination import paginate
from ..state import Store
from ..validation import REQUIRED, choice_error, is_http_url, raise_if, type_errors
from .common import find_repository, find_workspace, json_body, json_response, no_content, not_found, principal, public

blueprint = Blueprint('webhooks', __name__, url_prefix='/2.0')
SUBJECT_TYPES = ('repository', 'workspace')
MAX_SECRET_LENGTH = 128
_TYPES = {'url': str, 'description': str, 'active': bool, 'events': list, 'skip_cert_verification': bool}


def _parse(body, creating):
    """The changes a hook body asks for; 400 with per-field messages when it is invalid."""
    fields = type_errors(body, _TYPES)
    if creating:
        for name in ('url', 'events'):
            if body.get(name) is None:
                fields[name] = [REQUIRED]
    if isinstance(body.get('url'), str) and not is_http_url(body['url']):
        fields['url'] = ['Enter a valid http or https URL.']
    events = body.get('events')
    if isinstance(events, list):
        known = spec.webhook_events()
        unknown = [event for event in events if event not in known]
        if not events:
            fields['events'] = ['Subscribe to at least one event.']
        elif unknown:
            fields['events'] = [choice_error(event, known) for event in unknown]
    secret = body.get('secret')
    if secret is not None and not isinstance(secret, str):
        fields['secret'] = ['Expected a string.']
    elif isinstance(secret, str) and len(secret) > MAX_SECRET_LENGTH:
        fields['secret'] = ['Ensure this field has no more than %d characters.' % MAX_SECRET_LENGTH]
    raise_if(fields)
    changes = {name: body[name] for name in ('url', 'description', 'active', 'skip_cert_verification') if body.get(name) is not None}
    if events is not None:
        changes['events'] = list(dict.fromkeys(events))
        scopes.require_event_scopes(principal(), changes['events'])
    if 'secret' in body:
        # null and "" both mean "no secret"; an absent key leaves the secret as it is
        changes['secret'] = secret or None
    return changes


def _create(hooks, body):
    changes = _parse(body, creating=True)
    hook = {
        'uuid': new_uuid(),
        'url': changes['url'],
        'description': changes.get('description', ''),
        'events': changes['events'],
        'active': changes.get('active', True),
        'secret': changes.get('secret'),
        'skip_cert_verification': changes.get('skip_cert_verification', False),
        'created_at': now(),
    }
    hooks.append(hook)
    return hook


def _find(hooks, uid):
    hook = Store.hook(hooks, uid)
    if hook is None:
        raise not_found('Webhook %s not found' % uid)
    return hook


class _Subject:
    """Where hooks live (a repository or a workspace) and how they render."""

    def __init__(self, subject_type, hooks, subject, base_path):
        self.subject_type = subject_type
        self.hooks = hooks
        self.subject = subject
        self.base_path = base_path

    def render(self, hook):
        return render.webhook(hook, self.subject_type, self.subject, '%s/%s' % (self.base_path, hook['uuid']))


def _repository_subject(workspace, repo_slug):
    # managing a repository's webhooks is an admin feature
    found_workspace, repository, _permission = find_repository(workspace, repo_slug, needed='admin')
    return _Subject('repository', repository['webhooks'], render.repository_compact(found_workspace, repository),
                    '/repositories/%s/%s/hooks' % (found_workspace['slug'], repository['slug']))


def _workspace_subject(workspace):
    record = find_workspace(workspace)
    if not access.is_workspace_admin(principal(), record):
        raise ApiError(403, 'Only workspace owners can view or install webhooks on workspace %s.' % record['slug'])
    return _Subject('workspace', record['webhooks'], render.workspace_compact(record), '/workspaces/%s/hooks' % record['slug'])


def _list(subject):
    values = bbql.apply([subject.render(hook) for hook in subject.hooks], request.args.get('q'), request.args.get('sort'))
    return json_response(paginate(values))


def _post(subject):
    hook = _create(subject.hooks, json_body())
    body = subject.render(hook)
    return json_response(body, status=201, headers={'Location': body['links']['self']['href']})


def _put(subject, uid):
    hook = _find(subject.hooks, uid)
    hook.update(_parse(json_body(), creating=False))
    return json_response(subject.render(hook))


def _delete(subject, uid):
    subject.hooks.remove(_find(subject.hooks, uid))
    return no_content()


@blueprint.get('/repositories/<workspace>/<repo_slug>/hooks')
def list_repository_hooks(workspace, repo_slug):
    """GET /repositories/{workspace}/{repo_slug}/hooks."""
    return _list(_repository_subject(workspace, repo_slug))


@blueprint.post('/repositories/<workspace>/<repo_slug>/hooks')
def create_repository_hook(workspace, repo_slug):
    """POST /repositories/{workspace}/{repo_slug}/hooks: 201."""
    return _post(_repository_subject(workspace, repo_slug))


@blueprint.get('/repositories/<workspace>/<repo_slug>/hooks/<uid>')
def get_repository_hook(workspace, repo_slug, uid):
    """GET /repositories/{workspace}/{repo_slug}/hooks/{uid}."""
    subject = _repository_subject(workspace, repo_slug)
    return json_response(subject.render(_find(subject.hooks, uid)))


@blueprint.put('/repositories/<workspace>/<repo_slug>/hooks/<uid>')
def update_repository_hook(workspace, repo_slug, uid):
    """PUT /repositories/{workspace}/{repo_slug}/hooks/{uid}."""
    return _put(_repository_subject(workspace, repo_slug), uid)


@blueprint.delete('/repositories/<workspace>/<repo_slug>/hooks/<uid>')
def delete_repository_hook(workspace, repo_slug, uid):
    """DELETE /repositories/{workspace}/{repo_slug}/hooks/{uid}: 204."""
    return _delete(_repository_subject(workspace, repo_slug), uid)


@blueprint.get('/workspaces/<workspace>/hooks')
def list_workspace_hooks(workspace):
    """GET /workspaces/{workspace}/hooks (workspace owners only)."""
    return _list(_workspace_subject(workspace))


@blueprint.post('/workspaces/<workspace>/hooks')
def create_workspace_hook(workspace):
    """POST /workspaces/{workspace}/hooks: 201 (workspace owners only)."""
    return _post(_workspace_subject(workspace))


@blueprint.get('/workspaces/<workspace>/hooks/<uid>')
def get_workspace_hook(workspace, uid):
    """GET /workspaces/{workspace}/hooks/{uid}."""
    subject = _workspace_subject(workspace)
    return json_response(subject.render(_find(subject.hooks, uid)))


@blueprint.put('/workspaces/<workspace>/hooks/<uid>')
def update_workspace_hook(workspace, uid):
    """PUT /workspaces/{workspace}/hooks/{uid}."""
    return _put(_workspace_subject(workspace), uid)


@blueprint.delete('/workspaces/<workspace>/hooks/<uid>')
def delete_workspace_hook(workspace, uid):
    """DELETE /workspaces/{workspace}/hooks/{uid}: 204."""
    return _delete(_workspace_subject(workspace), uid)


HOOK_EVENTS_PAGELEN = 30
# The order Bitbucket lists events in: repository events first, beginning as Atlassian's example
# (repo:push, repo:fork, repo:imported, then pull requests from pullrequest:approved); the rest of
# each category in the spec's order.
_HOOK_EVENT_CATEGORY_ORDER = ('repo', 'pullrequest', 'issue', 'project', 'pipeline')
_HOOK_EVENT_LEADERS = ('repo:push', 'repo:fork', 'repo:imported', 'pullrequest:approved')


def _hook_event_rank(event):
    prefix = event.partition(':')[0]
    category = _HOOK_EVENT_CATEGORY_ORDER.index(prefix) if prefix in _HOOK_EVENT_CATEGORY_ORDER else len(_HOOK_EVENT_CATEGORY_ORDER)
    leader = _HOOK_EVENT_LEADERS.index(event) if event in _HOOK_EVENT_LEADERS else len(_HOOK_EVENT_LEADERS)
    return (category, leader, spec.webhook_events().index(event))


@blueprint.get('/hook_events')
@public
def hook_event_types():
    """GET /hook_events: where the event lists of each subject type are."""
    return json_response({subject_type: {'events': {'href': render.api_url('/hook_events/%s' % subject_type)}} for subject_type in SUBJECT_TYPES})


@blueprint.get('/hook_events/<subject_type>')
@public
def hook_events(subject_type):
    """GET /hook_events/{subject_type}: every event key of the spec's enum."""
    if subject_type not in SUBJECT_TYPES:
        raise ApiError(404, 'Unknown subject type %r; use repository or workspace.' % subject_type)
    events = sorted(spec.webhook_events(), key=_hook_event_rank)
    values = bbql.apply([render.hook_event(event) for event in events], request.args.get('q'), request.args.get('sort'))
    # Bitbucket answers this list in one page of 30 (Atlassian's example shows pagelen 30).
    return json_response(paginate(values, default_pagelen=HOOK_EVENTS_PAGELEN))
