# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The module base of the bitbucket.cloud collection (internal to the collection).

It injects the connection options, picks the authentication method before any API call,
builds the one client, and is the one place where a BitbucketError becomes fail_json.
"""

import os

from ansible.module_utils.basic import AnsibleModule, missing_required_lib
from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.bitbucket.cloud.plugins.module_utils.auth import ENVIRONMENT, select_auth
from ansible_collections.bitbucket.cloud.plugins.module_utils.client import (
    BitbucketClient, DEFAULT_API_URL, DEFAULT_TOKEN_URL, HAS_REQUESTS, REQUESTS_IMPORT_ERROR)
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
    timeout=dict(type='int', default=30),
    retries=dict(type='int', default=5),
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
        if self.params['timeout'] <= 0:
            raise InputError('timeout', 'must be a positive number of seconds, got %s' % self.params['timeout'])
        if self.params['retries'] < 0:
            raise InputError('retries', 'must be 0 or more, got %s' % self.params['retries'])
        validate_certs = self.params['validate_certs']
        if validate_certs is None:
            env_value = _from_environment('validate_certs')
            try:
                validate_certs = boolean(env_value) if env_value is not None else True
            except TypeError:
                raise InputError('validate_certs', 'BITBUCKET_VALIDATE_CERTS must be a boolean, got %r' % env_value)
        api_url = self.params['api_url'] or _from_environment('api_url') or DEFAULT_API_URL
        if not api_url.startswith(('https://', 'http://')):
            raise InputError('api_url', 'must be an http(s) URL, got %r' % api_url)
        return BitbucketClient(auth, api_url=api_url, timeout=self.params['timeout'],
                               retries=self.params['retries'], validate_certs=validate_certs)

    def run(self, action):
        """Call action() -> result dict and exit; any BitbucketError fails the task here, once."""
        try:
            result = action()
        except BitbucketError as exc:
            self.fail_json(msg=str(exc), error=exc.as_dict())
        if self.client.retried:
            self.warn('%d request(s) to Bitbucket were retried after HTTP 429/5xx or a lost connection.'
                      % self.client.retried)
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
