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
from ansible_collections.bitbucket.cloud.plugins.module_utils.patterns import url_credentials, validate_http_url
from ansible_collections.bitbucket.cloud.plugins.module_utils.resource import ensure
from ansible_collections.bitbucket.cloud.plugins.module_utils.ssh_public_key import is_private_key

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


def _private_keys(value):
    """Every string option (at any depth) that holds a private key, pasted by mistake where a public key goes."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _private_keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from _private_keys(item)
    elif is_private_key(value):
        yield value


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
        # So are the credentials a webhook URL may hold (user:password@, ?token=...), and private keys.
        self.mask_params(self.params)
        try:
            self.client = self._build_client()
        except InputError as exc:
            self.fail_json(msg=str(exc))

    def fail_json(self, msg, **kwargs):
        # Also when the options fail Ansible's own validation, before __init__ could add the masks.
        self.mask_params(getattr(self, 'params', None) or {})
        super(BitbucketModule, self).fail_json(msg, **kwargs)

    def mask_params(self, params):
        """Mask the credentials of webhook URLs and any private key given in the options."""
        for url in _webhook_urls(params):
            self.mask_url_credentials(url)
        for text in _private_keys(params):
            self.no_log_values.add(text)
            self.no_log_values.update(line.strip() for line in text.splitlines() if len(line.strip()) >= MASK_MIN_LENGTH)

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
            parts = validate_http_url(url, option, userinfo=False)
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
            extra = dict(errors=[str(e) for e in exc.errors]) if getattr(exc, 'errors', None) else {}
            self.fail_json(msg=str(exc), error=exc.as_dict(), **extra)
        if self.client.retried:
            self.warn('%d request(s) to Bitbucket were retried after HTTP 429/5xx or a lost connection.'
                      % self.client.retried)
        if self.client.rate_limit_waited >= 1:
            self.warn('Bitbucket rate-limited this run (HTTP 429): waited %d s in all for its one-hour window to '
                      'allow more requests (rate_limit_wait).' % self.client.rate_limit_waited)
        self.exit_json(**result)

    def validate(self, *checks):
        """Run input checks (callables that raise InputError) before any API call; fail with every error at once."""
        errors = []
        for check in checks:
            try:
                check()
            except InputError as exc:
                errors.append(exc)
        self.check_input(errors)

    def check_input(self, errors):
        """Fail with every input error at once (each names its option), before any API call."""
        if errors:
            self.fail_json(msg='\n'.join(str(e) for e in errors), errors=[str(e) for e in errors])

    @classmethod
    def converge(cls, resource_class):
        """A whole per-resource module: the argument spec from the kind's declaration, then plan + apply of one object."""
        module = cls(argument_spec=resource_class.argument_spec(), **resource_class.constraints)
        module.run_resource(resource_class)

    def run_resource(self, resource_class):
        """Converge one object of resource_class with the module's options (plan + apply) and exit."""
        self.check_input(resource_class.input_errors(self.params))

        def action():
            resource = resource_class(self.client, self.params)
            changed, obj, diff = ensure(resource, self.params.get('state') or 'present', self.check_mode)
            for warning in resource.warnings:
                self.warn(warning)
            result = dict(changed=changed, diff=diff)
            result[resource.kind] = resource.result(obj) if obj is not None else {}
            return result

        self.run(action)

    def plan_workspace(self, engine_class, apply=True):
        """Plan a workspace spec (every input error at once), then apply it unless told not to or in check mode."""
        def action():
            engine = engine_class(self.client, self.params, parallel=self.params.get('parallel') or 4)
            try:
                result = engine.plan()
            finally:
                for url in engine.listed_hook_urls():
                    self.mask_url_credentials(url)
            if apply and not self.check_mode:
                result = engine.apply()
            for warning in engine.warnings:
                self.warn(warning)
            if not apply:
                return dict(changed=False, **result)
            result['changed'] = bool(result['applied']) if 'applied' in result else result['summary']['total'] > 0
            if self._diff:
                result['diff'] = engine.diff()
            if result.get('failed_actions'):
                self.fail_json(msg=failure_message(result), **result)
            return result

        self.run(action)


def failure_message(result):
    """What the converge did, in one message: failed, skipped, applied."""
    failed, skipped = result['failed_actions'], result['skipped_actions']
    text = '%d of %d planned changes failed' % (len(failed), result['summary']['total'])
    text += ': ' + '; '.join('%s (%s)' % (f['action'], f['error']) for f in failed)
    if skipped:
        text += '. Skipped because of those: ' + '; '.join(s['action'] for s in skipped)
    text += '. Applied: %s' % ('; '.join(result['applied']) if result['applied'] else 'nothing')
    return text + '. Running it again plans and applies what is still missing.'
