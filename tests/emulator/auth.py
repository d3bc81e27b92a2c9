"""Who is calling: credentials from the Authorization header turned into a Principal, or a 401."""

import base64
import binascii
import time

from .errors import BEARER_INVALID_MESSAGE, ApiError
from .naming import same_uuid

BASIC_CHALLENGE = {'WWW-Authenticate': 'Basic realm="Bitbucket.org HTTP"'}


class Principal:
    """The caller of one request.

    kind is 'user' (account email + API token; granular scopes), 'access_token' (repository,
    project or workspace access token; classic scopes) or 'oauth' (client-credentials token of
    an OAuth consumer; classic scopes; acts as the consumer's owner inside the consumer's workspace).
    """

    def __init__(self, kind, scopes, user=None, token=None, workspace=None):
        self.kind = kind
        self.scopes = list(scopes)
        self.user = user
        self.token = token
        self.workspace = workspace

    @property
    def scope_style(self):
        """'granular' for API tokens, 'classic' for access and OAuth tokens."""
        return 'granular' if self.kind == 'user' else 'classic'

    @property
    def log_label(self):
        """How the request log names this credential kind."""
        return {'user': 'api_token', 'access_token': 'access_token', 'oauth': 'oauth'}[self.kind]


def _unauthorized(message, detail=None, challenge=False):
    return ApiError(401, message, detail=detail, headers=BASIC_CHALLENGE if challenge else None)


def _basic(store, encoded):
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode('utf-8')
    except (binascii.Error, UnicodeDecodeError):
        raise _unauthorized('Invalid credentials', detail='The Basic credentials are not valid base64.', challenge=True) from None
    username, _sep, secret = decoded.partition(':')
    for user in store.data['users']:
        if user['email'].lower() == username.lower() and any(token['token'] == secret for token in user['api_tokens']):
            return Principal('user', next(token['scopes'] for token in user['api_tokens'] if token['token'] == secret), user=user)
    for user in store.data['users']:
        if any(entry['username'] == username and entry['password'] == secret for entry in user['app_passwords']):
            raise _unauthorized('Invalid credentials', challenge=True,
                                detail='App passwords are no longer supported (removed 2026-07-28). Use an API token with your Atlassian account email.')
    raise _unauthorized('Invalid credentials', challenge=True,
                        detail='Use your Atlassian account email as the username and an API token as the password.')


def _access_token(store, value):
    for workspace in store.data['workspaces']:
        for token in workspace['access_tokens']:
            if token['token'] != value or not token['active']:
                continue
            # a token dies with the repository or project it was created for
            if token['repository'] and store.repository_by_uuid(workspace, token['repository']) is None:
                return None
            if token['project'] and store.project_by_uuid(workspace, token['project']) is None:
                return None
            return Principal('access_token', token['scopes'], token=token, workspace=workspace)
    return None


def _oauth_token(store, value):
    record = store.oauth_token(value)
    if record is None or record['expires_at'] < time.time():
        return None
    workspace = store.workspace_by_uuid(record['workspace'])
    if workspace is None:
        return None
    consumer = next((entry for entry in workspace['oauth_consumers'] if entry['key'] == record['consumer']), None)
    if consumer is None or not any(same_uuid(member['user'], consumer['owner']) for member in workspace['members']):
        return None
    return Principal('oauth', record['scopes'], user=store.user_by_uuid(consumer['owner']), token=consumer, workspace=workspace)


def _bearer(store, value):
    value = value.strip()
    principal = _access_token(store, value) or _oauth_token(store, value)
    if principal is None:
        # API tokens (and anything unknown) are refused on the Bearer scheme
        raise _unauthorized(BEARER_INVALID_MESSAGE)
    return principal


def authenticate(store, header):
    """The Principal for an Authorization header value; raises ApiError(401) otherwise."""
    if not header:
        raise _unauthorized('Authentication required', challenge=True,
                            detail='Send Basic credentials (account email and API token) or a Bearer access token.')
    scheme, _sep, value = header.partition(' ')
    if scheme.lower() == 'basic':
        return _basic(store, value)
    if scheme.lower() == 'bearer':
        return _bearer(store, value)
    raise _unauthorized('Unsupported authentication scheme', detail='Use Basic or Bearer.', challenge=True)
