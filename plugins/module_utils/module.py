# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The module base of the bitbucket.cloud collection (internal to the collection).

It injects the connection options, picks the authentication method before any API call,
builds the one client, and is the one place where a BitbucketError becomes fail_json.
"""

import ipaddress
import os

from ansible.module_utils.basic import AnsibleModule, missing_required_lib
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.module_utils.six.moves.urllib.parse import urlsplit

from ansible_collections.bitbucket.cloud.plugins.module_utils.auth import ClientCredentialsMethod, ENVIRONMENT, select_auth
from ansible_collections.bitbucket.cloud.plugins.module_utils.client import (
    BitbucketClient, DEFAULT_API_URL, DEFAULT_RATE_LIMIT_WAIT, DEFAULT_RETRIES, DEFAULT_TIMEOUT, DEFAULT_TOKEN_URL,
    HAS_REQUESTS, REQUESTS_IMPORT_ERROR)
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import BitbucketError, InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.patterns import url_credentials
from ansible_collections.bitbucket.cloud.plugins.module_utils.resource import ensure

CONNECTION_ARGUMENT_SPEC = dict(
    api_url=dict(type='str'),
    user=dict(type='str', aliases=['username']),
    password=dict(type='str', no_log=True, aliases=['api_token', 'app_password']),
    token=dict(type='str', no_log=True, aliases=['access_token']),
    client_id=dict(type='str'),
    client_secret=dict(type='str', no_log=True),
    token_url=dict(type='str', no_log=False),
    validate_certs=dict(type='bool'),
    # Defaults are applied after the environment (BITBUCKET_TIMEOUT, ...), so no argument-spec default.
    timeout=dict(type='int'),
    retries=dict(type='int'),
    rate_limit_wait=dict(type='int'),
)

SECRET_ENVIRONMENT = ('password', 'token', 'client_secret')
# Credentials of webhook URLs shorter than this are redacted in output but not added to Ansible's masked
# values (masking 'x' would star every x of the output).
MASK_MIN_LENGTH = 3


def _webhook_urls(value):
    """Every string under a key named `url` in the module's options (webhook URLs, at any depth)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == 'url' and isinstance(item, str):
                yield item
            else:
                yield from _webhook_urls(item)
    elif isinstance(value, list):
        for item in value:
            yield from _webhook_urls(item)


def _from_environment(option):
    return next((os.environ[n] for n in ENVIRONMENT[option] if os.environ.get(n)), None)


def _integer_option(params, option, default, minimum):
    """An int option: the task's value, else its BITBUCKET_* variable, else the default; at least minimum."""
    value = params.get(option)
    if value is None:
        raw = _from_environment(option)
        if raw is None:
            return default
        try:
            value = int(raw.strip())
        except ValueError:
            raise InputError(option, '%s must be a whole number, got %r' % (ENVIRONMENT[option][0], raw))
    if value < minimum:
        raise InputError(option, 'must be %s, got %s' % (
            'a positive number of seconds' if minimum == 1 else '%d or more' % minimum, value))
    return value


def _check_url(option, url):
    """An http(s) URL with a host, and nothing a message would have to hide (no user info)."""
    try:
        parts = urlsplit(url)
        parts.port
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ('http', 'https') or not parts.hostname or any(c.isspace() for c in url):
        raise InputError(option, 'must be an http(s) URL with a host, such as https://api.bitbucket.org/2.0')
    if parts.username is not None or parts.password is not None:
        raise InputError(option, 'must not contain a user name or password; use the authentication options')
    return parts


def _is_loopback(host):
    if host == 'localhost':
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class BitbucketModule(AnsibleModule):
    """AnsibleModule with the connection options, the client and the one error exit."""

    def __init__(self, argument_spec=None, **kwargs):
        spec = dict(CONNECTION_ARGUMENT_SPEC)
        spec.update(argument_spec or {})
        kwargs.setdefault('supports_check_mode', True)
        super(BitbucketModule, self).__init__(argument_spec=spec, **kwargs)
        if not HAS_REQUESTS:
            self.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)
        # Secrets read from the environment are masked like no_log options.
        for option in SECRET_ENVIRONMENT:
            value = _from_environment(option)
            if value:
                self.no_log_values.add(value)
        # So are the credentials a webhook URL may hold (user:password@, ?token=...).
        for url in _webhook_urls(self.params):
            self.mask_url_credentials(url)
        try:
            self.client = self._build_client()
        except InputError as exc:
            self.fail_json(msg=str(exc))

    def fail_json(self, msg, **kwargs):
        # Also when the options fail Ansible's own validation, before __init__ could add the masks.
        for url in _webhook_urls(getattr(self, 'params', None) or {}):
            self.mask_url_credentials(url)
        super(BitbucketModule, self).fail_json(msg, **kwargs)

    def mask_url_credentials(self, url):
        """Add the password and credential-like query values of a URL to the values Ansible masks."""
        self.no_log_values.update(url_credentials(url, MASK_MIN_LENGTH))

    def _build_client(self):
        params = dict(self.params)
        params['token_url'] = params.get('token_url') or _from_environment('token_url') or DEFAULT_TOKEN_URL
        auth = select_auth(params, os.environ)
        timeout = _integer_option(self.params, 'timeout', DEFAULT_TIMEOUT, 1)
        retries = _integer_option(self.params, 'retries', DEFAULT_RETRIES, 0)
        rate_limit_wait = _integer_option(self.params, 'rate_limit_wait', DEFAULT_RATE_LIMIT_WAIT, 0)
        validate_certs = self.params['validate_certs']
        if validate_certs is None:
            env_value = _from_environment('validate_certs')
            try:
                validate_certs = boolean(env_value) if env_value is not None else True
            except TypeError:
                raise InputError('validate_certs', 'BITBUCKET_VALIDATE_CERTS must be a boolean, got %r' % env_value)
        api_url = self.params['api_url'] or _from_environment('api_url') or DEFAULT_API_URL
        urls = [('api_url', api_url)]
        if isinstance(auth, ClientCredentialsMethod):
            urls.append(('token_url', params['token_url']))
        if not validate_certs:
            self.warn('validate_certs is false: the TLS certificate of %s is not verified.' % ' and '.join(
                option for option, _url in urls))
        for option, url in urls:
            try:
                password = urlsplit(url).password
            except ValueError:
                password = None
            if password:
                self.no_log_values.add(password)
            parts = _check_url(option, url)
            if parts.scheme == 'http' and not _is_loopback(parts.hostname):
                self.warn('%s uses plain http:// to %s: credentials and data cross the network unencrypted; '
                          'use https://' % (option, parts.hostname))
        return BitbucketClient(auth, api_url=api_url, timeout=timeout, retries=retries,
                               validate_certs=validate_certs, rate_limit_wait=rate_limit_wait,
                               no_log_values=self.no_log_values)

    def run(self, action):
        """Call action() -> result dict and exit; any BitbucketError fails the task here, once."""
        try:
            result = action()
        except BitbucketError as exc:
            self.fail_json(msg=str(exc), error=exc.as_dict())
        if self.client.retried:
            self.warn('%d request(s) to Bitbucket were retried after HTTP 429/5xx or a lost connection.'
                      % self.client.retried)
        if self.client.rate_limit_waited >= 1:
            self.warn('Bitbucket rate-limited this run (HTTP 429): waited %d s in all for its one-hour window to '
                      'allow more requests (rate_limit_wait).' % self.client.rate_limit_waited)
        self.exit_json(**result)

    def run_resource(self, resource_class):
        """Converge one object of resource_class with the module's options and exit."""
        try:
            resource_class.validate(self.params)
        except InputError as exc:
            self.fail_json(msg=str(exc))

        def action():
            resource = resource_class(self.client, self.params)
            changed, obj, diff = ensure(resource, self.params.get('state') or 'present', self.check_mode)
            for warning in resource.warnings:
                self.warn(warning)
            result = dict(changed=changed, diff=diff)
            result[resource.key] = resource.result(obj) if obj is not None else {}
            return result

        self.run(action)
