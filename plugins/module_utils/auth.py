# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Authentication methods and their selection (internal to the bitbucket.cloud collection).

Exactly one complete method is used: user+password (Basic; an API token with the account
email), token (Bearer) or client_id+client_secret (OAuth client credentials). Task options
beat environment variables; two complete methods at the same level are an error.
"""

from ansible_collections.bitbucket.cloud.plugins.module_utils.client import shown_url
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import BitbucketError, InputError

# Environment variables per option, first match wins (the design's table).
ENVIRONMENT = {
    'api_url': ('BITBUCKET_API_URL',),
    'user': ('BITBUCKET_USER', 'BITBUCKET_USERNAME'),
    'password': ('BITBUCKET_API_TOKEN', 'BITBUCKET_APP_PASSWORD', 'BITBUCKET_PASSWORD'),
    'token': ('BITBUCKET_TOKEN', 'BITBUCKET_ACCESS_TOKEN'),
    'client_id': ('BITBUCKET_CLIENT_ID',),
    'client_secret': ('BITBUCKET_CLIENT_SECRET',),
    'token_url': ('BITBUCKET_TOKEN_URL',),
    'validate_certs': ('BITBUCKET_VALIDATE_CERTS',),
    'timeout': ('BITBUCKET_TIMEOUT',),
    'retries': ('BITBUCKET_RETRIES',),
    'rate_limit_wait': ('BITBUCKET_RATE_LIMIT_WAIT',),
}

# Options whose values go into an HTTP header; requests encodes headers as Latin-1.
HEADER_OPTIONS = ('user', 'password', 'token', 'client_id', 'client_secret')


class BasicAuthMethod(object):
    """user + password: an Atlassian API token with the account email (or a retired app password)."""

    options = ('user', 'password')

    def __init__(self, values):
        self.user = values['user']
        self._password = values['password']

    def describe(self):
        if '@' in self.user:
            return 'an API token (Basic auth as %s)' % self.user
        return 'Basic auth as username %s (an app password?)' % self.user

    def unauthorized_hint(self):
        if '@' not in self.user:
            return ('Bitbucket retired app passwords on 2026-07-28: create an Atlassian API token with scopes and '
                    'use it as password with your Atlassian account email as user.')
        return ('Check that user is the Atlassian account email and that the API token is valid and not expired '
                '(API tokens go in password/api_token, not in token).')

    def apply(self, client):
        client.session.auth = (self.user, self._password)


class BearerTokenMethod(object):
    """token: an OAuth access token or a repository, project or workspace access token."""

    options = ('token',)

    def __init__(self, values):
        self._token = values['token']

    def describe(self):
        return 'an access token (Bearer)'

    def unauthorized_hint(self):
        return ('The access token is invalid, expired or revoked, or does not reach this resource. '
                'An Atlassian API token is not a Bearer token: give it as password with user set to the account email.')

    def apply(self, client):
        client.session.headers['Authorization'] = 'Bearer %s' % self._token


class ClientCredentialsMethod(object):
    """client_id + client_secret: an OAuth consumer, exchanged once per module run for an access token."""

    options = ('client_id', 'client_secret')

    def __init__(self, values):
        self.client_id = values['client_id']
        self._secret = values['client_secret']
        self.token_url = values.get('token_url')

    def describe(self):
        return 'an OAuth access token of consumer %s (client credentials)' % self.client_id

    def unauthorized_hint(self):
        return 'The OAuth consumer\'s access token was refused; check the consumer\'s permissions in the workspace.'

    def apply(self, client):
        # The token endpoint is a separate host (bitbucket.org): moving api_url does not move it.
        shown = shown_url(self.token_url)
        response = client.send('POST', self.token_url, shown, data={'grant_type': 'client_credentials'},
                               auth=(self.client_id, self._secret))
        client.count_call('POST')
        try:
            data = response.json()
        except ValueError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        token = data.get('access_token')
        if response.status_code != 200 or not token or not isinstance(token, str):
            raise BitbucketError(
                'the token endpoint refused the client credentials of consumer %s: %s' % (
                    self.client_id, data.get('error_description') or data.get('error') or response.reason),
                method='POST', path=shown, status=response.status_code,
                hint='Check client_id and client_secret, and that the consumer is private (client credentials grant).')
        client.add_secret(token)
        client.add_secret(data.get('refresh_token'))
        client.session.headers['Authorization'] = 'Bearer %s' % token


METHODS = (BasicAuthMethod, BearerTokenMethod, ClientCredentialsMethod)


def _complete(values):
    return [m for m in METHODS if all(values.get(o) for o in m.options)]


def _names(methods):
    return ' and '.join('+'.join(m.options) for m in methods)


def select_auth(params, environ):
    """Pick the one authentication method from task options, then the environment. No network."""
    task = dict((o, params.get(o)) for o in ('user', 'password', 'token', 'client_id', 'client_secret'))
    env = {}
    for option, names in ENVIRONMENT.items():
        env[option] = next((environ[n] for n in names if environ.get(n)), None)
    merged = dict((o, task[o] or env.get(o)) for o in task)
    merged['token_url'] = params.get('token_url') or env.get('token_url')

    for option in HEADER_OPTIONS:
        value = merged.get(option)
        if value:
            try:
                value.encode('latin-1')
            except UnicodeEncodeError:
                # The value itself is never shown: it may be a secret.
                raise InputError(option, 'contains characters that HTTP authentication headers cannot carry (only '
                                 'Latin-1 is allowed); check for a pasted typographic quote, dash or space')
            if any(ord(c) < 32 or ord(c) == 127 for c in value):
                raise InputError(option, 'contains a control character (a line break?); check how it was pasted')

    at_task = _complete(task)
    if len(at_task) > 1:
        raise InputError(_names(at_task), 'two authentication methods are set on the task (%s); give exactly one'
                         % _names(at_task))
    if not at_task:
        # A method the task started (e.g. user in module_defaults, password from the environment) wins over others.
        started = [m for m in _complete(merged) if any(task.get(o) for o in m.options)]
        at_task = started if len(started) == 1 else _complete(merged)
        if len(at_task) > 1:
            raise InputError(_names(at_task), 'two authentication methods are set in the environment (%s); '
                             'set one on the task or unset one' % _names(at_task))
    if not at_task:
        partial = [m for m in METHODS if any(merged.get(o) for o in m.options)]
        if partial:
            method = partial[0]
            missing = [o for o in method.options if not merged.get(o)]
            raise InputError(missing[0], '%s is set but %s is missing (authentication %s is incomplete)'
                             % ('+'.join(o for o in method.options if merged.get(o)), ' and '.join(missing),
                                '+'.join(method.options)))
        raise InputError('user', 'no credentials: set user and password (an API token with the Atlassian account '
                         'email), or token, or client_id and client_secret, on the task, in module_defaults '
                         'or in the BITBUCKET_* environment variables')
    return at_task[0](merged)
