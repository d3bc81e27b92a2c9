"""Per-operation scope checks: granular scopes for API tokens, classic scopes for access and OAuth tokens."""

from . import spec
from .errors import SCOPE_DENIED_MESSAGE, ApiError

# Classic scopes that grant others (spec narrative "Bitbucket OAuth 2.0 scopes"); admin scopes imply no read.
CLASSIC_IMPLIES = {
    'repository:write': ('repository',),
    'project': ('repository',),
    'pullrequest': ('repository',),
    'pullrequest:write': ('pullrequest', 'repository:write'),
    'issue:write': ('issue',),
    'snippet:write': ('snippet',),
}

# The classic scope needed to subscribe a webhook to an event, by the event key's prefix.
EVENT_SCOPES = {
    'repo': 'repository',
    'pullrequest': 'pullrequest',
    'issue': 'issue',
    'pipeline': 'pipeline',
    'project': 'project',
}

# The classic scopes each kind of access token can be given (spec narrative "Access tokens").
_REPOSITORY_TOKEN_SCOPES = (
    'repository', 'repository:write', 'repository:admin', 'repository:delete', 'pullrequest', 'pullrequest:write',
    'webhook', 'pipeline', 'pipeline:write', 'pipeline:variable', 'runner', 'runner:write',
)
ACCESS_TOKEN_SCOPES = {
    'repository': _REPOSITORY_TOKEN_SCOPES,
    'project': _REPOSITORY_TOKEN_SCOPES + ('project',),
    'workspace': _REPOSITORY_TOKEN_SCOPES + ('project', 'project:admin', 'account'),
}


def expand_classic(scopes):
    """The classic scopes held, including the ones they imply (transitively)."""
    held = set(scopes)
    pending = list(held)
    while pending:
        for implied in CLASSIC_IMPLIES.get(pending.pop(), ()):
            if implied not in held:
                held.add(implied)
                pending.append(implied)
    return held


def denied(required, granted):
    """The 403 Bitbucket answers when a credential lacks a scope; detail names both sides."""
    return ApiError(403, SCOPE_DENIED_MESSAGE, detail={'required': sorted(required), 'granted': sorted(granted)})


def require(principal, granular=(), classic=()):
    """Raise the scope 403 unless the principal holds every required scope of its scope style."""
    if principal.scope_style == 'granular':
        missing = [scope for scope in granular if scope not in principal.scopes]
        if missing:
            raise denied(granular, principal.scopes)
    else:
        held = expand_classic(principal.scopes)
        missing = [scope for scope in classic if scope not in held]
        if missing:
            raise denied(classic, principal.scopes)


def check_operation(principal, method, template):
    """Apply the spec's scope requirement of one operation (no-op for operations the spec does not scope)."""
    entry = spec.scope_table().get((method.upper(), template))
    if entry:
        require(principal, entry['granular'], entry['classic'])


def require_event_scopes(principal, events):
    """Classic credentials also need the scope of every event a webhook subscribes to (spec, hook POST)."""
    if principal.scope_style != 'classic':
        return
    needed = ['webhook'] + sorted({EVENT_SCOPES[event.split(':')[0]] for event in events if event.split(':')[0] in EVENT_SCOPES})
    require(principal, classic=needed)
