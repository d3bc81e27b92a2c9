# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""extensions/awx/credential_type.yml: the AWX credential type injects only what the modules read.

The environment variables the modules read come from the code (auth.ENVIRONMENT) and must be
documented in the connection doc fragment; secrets are the no_log connection options.
"""

import os
import re

import pytest
import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ansible_collections.bitbucket.cloud.plugins.doc_fragments.connection import ModuleDocFragment
from ansible_collections.bitbucket.cloud.plugins.module_utils.auth import ENVIRONMENT
from ansible_collections.bitbucket.cloud.plugins.module_utils.module import CONNECTION_ARGUMENT_SPEC

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CREDENTIAL_TYPE = os.path.join(ROOT, 'extensions', 'awx', 'credential_type.yml')
TEMPLATE = re.compile(r'^\{\{ *([a-z_]+) *\}\}$')


@pytest.fixture(scope='module')
def credential_type():
    with open(CREDENTIAL_TYPE) as handle:
        return yaml.safe_load(handle)


def read_by_modules():
    """{variable: option} of every environment variable the modules read."""
    return dict((name, option) for option, names in ENVIRONMENT.items() for name in names)


def injected(credential_type):
    """{variable: input id} of the injectors; each must be exactly '{{ input_id }}'."""
    result = {}
    for name, template in credential_type['injectors']['env'].items():
        match = TEMPLATE.match(template)
        assert match, '%s: the injector must be a single input, got %r' % (name, template)
        result[name] = match.group(1)
    return result


def render(credential_type, inputs):
    """The environment AWX would inject: a sandboxed Jinja render, unset inputs as empty strings."""
    sandbox = ImmutableSandboxedEnvironment()
    namespace = dict((field['id'], inputs.get(field['id'], '')) for field in credential_type['inputs']['fields'])
    return dict((name, sandbox.from_string(template).render(**namespace))
                for name, template in credential_type['injectors']['env'].items())


def test_every_injected_variable_is_read_by_the_modules_and_documented(credential_type):
    modules_read = read_by_modules()
    documented = set(re.findall(r'E\((BITBUCKET_[A-Z_]+)\)', ModuleDocFragment.DOCUMENTATION))
    assert set(modules_read) <= documented, 'read but not documented: %s' % sorted(set(modules_read) - documented)
    for name in injected(credential_type):
        assert name in modules_read, '%s is injected but no module reads it' % name
    # One variable per option: two for the same option would be ambiguous.
    options = [modules_read[name] for name in injected(credential_type)]
    assert len(options) == len(set(options))


def test_the_credential_type_covers_each_method_and_the_connection_settings(credential_type):
    options = set(read_by_modules()[name] for name in injected(credential_type))
    assert {'user', 'password', 'token', 'client_id', 'client_secret', 'api_url'} <= options
    if 'rate_limit_wait' in ENVIRONMENT:
        assert 'rate_limit_wait' in options


def test_inputs_and_injectors_match_one_to_one(credential_type):
    fields = credential_type['inputs']['fields']
    ids = [field['id'] for field in fields]
    assert len(ids) == len(set(ids))
    used = list(injected(credential_type).values())
    assert sorted(used) == sorted(ids), 'every input feeds exactly one variable'
    for field in fields:
        assert field['type'] in ('string', 'boolean') and field['label'] and field['help_text']
    assert set(credential_type['inputs']['required']) <= set(ids)
    assert credential_type['kind'] == 'cloud' and credential_type['name']


def test_every_secret_input_is_secret(credential_type):
    modules_read = read_by_modules()
    secret_options = set(option for option, spec in CONNECTION_ARGUMENT_SPEC.items() if spec.get('no_log'))
    assert secret_options >= {'password', 'token', 'client_secret'}
    fields = dict((field['id'], field) for field in credential_type['inputs']['fields'])
    for name, field_id in injected(credential_type).items():
        secret = modules_read[name] in secret_options
        assert fields[field_id].get('secret', False) is secret, \
            '%s (%s) must%s be secret: true' % (field_id, name, '' if secret else ' not')


def test_an_awx_job_environment_authenticates_with_only_the_api_token_filled_in(
        credential_type, emu, run_module, monkeypatch):
    # AWX injects every variable; the inputs left empty come as empty strings and must count as unset,
    # or the modules would see several half-given methods.
    env = render(credential_type, dict(user='alice@example.com', api_token='alice-api-token', api_url=emu.api_url))
    assert env['BITBUCKET_TOKEN'] == '' and env['BITBUCKET_CLIENT_SECRET'] == ''
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = run_module('bitbucket_workspace_info', dict(workspace='acme'))
    assert not result.failed, result.result
    assert result['workspaces'][0]['slug'] == 'acme'


def test_an_awx_job_environment_with_an_access_token(credential_type, emu, run_module, monkeypatch):
    env = render(credential_type, dict(access_token='wrong-access-token', api_url=emu.api_url))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = run_module('bitbucket_workspace_info', dict(workspace='acme'))
    # The emulator does not know this token: the module used Bearer auth from BITBUCKET_TOKEN and says 401.
    assert result.failed
    assert '401' in result['msg'] and 'wrong-access-token' not in str(result.result)


def test_the_rate_limit_wait_input_reaches_the_modules(credential_type, emu, run_module, monkeypatch):
    env = render(credential_type, dict(user='alice@example.com', api_token='alice-api-token', api_url=emu.api_url,
                                       rate_limit_wait='soon'))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = run_module('bitbucket_workspace_info', dict(workspace='acme'))
    assert result.failed and 'rate_limit_wait' in result['msg'], result.result
