# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Authentication: each method against the emulator, precedence, conflicts, and no credential in output."""

import pytest

from ansible_collections.bitbucket.cloud.plugins.module_utils.auth import (
    BasicAuthMethod, BearerTokenMethod, ClientCredentialsMethod, select_auth)
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import InputError

SECRETS = ('alice-api-token', 'alice-app-password', 'acme-read-token', 'ci-secret', 'alice-api-token')


def project_args(conn, **extra):
    args = dict(workspace='acme', key='AUTH', name='Auth test', retries=0)
    args.update(conn)
    args.update(extra)
    return args


def assert_no_secret(result):
    text = repr(result.result)
    for secret in SECRETS:
        assert secret not in text


@pytest.mark.parametrize('params, env, expected', [
    (dict(user='a@x.io', password='p'), {}, BasicAuthMethod),
    (dict(token='t'), {}, BearerTokenMethod),
    (dict(client_id='c', client_secret='s'), {}, ClientCredentialsMethod),
    ({}, dict(BITBUCKET_USER='a@x.io', BITBUCKET_API_TOKEN='p'), BasicAuthMethod),
    ({}, dict(BITBUCKET_USERNAME='a@x.io', BITBUCKET_APP_PASSWORD='p'), BasicAuthMethod),
    ({}, dict(BITBUCKET_ACCESS_TOKEN='t'), BearerTokenMethod),
    ({}, dict(BITBUCKET_CLIENT_ID='c', BITBUCKET_CLIENT_SECRET='s'), ClientCredentialsMethod),
    # The task beats the environment.
    (dict(token='t'), dict(BITBUCKET_USER='a@x.io', BITBUCKET_API_TOKEN='p'), BearerTokenMethod),
    (dict(user='a@x.io', password='p'), dict(BITBUCKET_TOKEN='t'), BasicAuthMethod),
    # A method the task started is completed from the environment, and wins over another there.
    (dict(user='a@x.io'), dict(BITBUCKET_API_TOKEN='p', BITBUCKET_TOKEN='t'), BasicAuthMethod),
])
def test_method_selection(params, env, expected):
    assert isinstance(select_auth(params, env), expected)


@pytest.mark.parametrize('params, env, words', [
    (dict(user='a@x.io', password='p', token='t'), {}, ['user+password and token', 'on the task']),
    ({}, dict(BITBUCKET_TOKEN='t', BITBUCKET_CLIENT_ID='c', BITBUCKET_CLIENT_SECRET='s'),
     ['token and client_id+client_secret', 'environment']),
    (dict(user='a@x.io'), {}, ['password', 'incomplete']),
    (dict(client_secret='s'), {}, ['client_id', 'incomplete']),
    ({}, {}, ['no credentials']),
])
def test_conflicts_and_gaps_are_clear(params, env, words):
    with pytest.raises(InputError) as info:
        select_auth(params, env)
    for word in words:
        assert word in str(info.value)
    for value in ('p', 't', 's'):
        assert "'%s'" % value not in str(info.value)


def test_api_token_basic_auth(emu, run_module):
    result = run_module('bitbucket_project', project_args(dict(api_url=emu.api_url, user='alice@example.com',
                                                               api_token='alice-api-token')))
    assert result['changed'] and result['project']['key'] == 'AUTH'
    assert_no_secret(result)


def test_environment_credentials(emu, run_module, monkeypatch):
    monkeypatch.setenv('BITBUCKET_API_URL', emu.api_url)
    monkeypatch.setenv('BITBUCKET_USER', 'alice@example.com')
    monkeypatch.setenv('BITBUCKET_API_TOKEN', 'alice-api-token')
    result = run_module('bitbucket_project', project_args({}))
    assert result['changed']
    assert_no_secret(result)


def test_retired_app_password_explains_401(emu, run_module):
    result = run_module('bitbucket_project', project_args(dict(api_url=emu.api_url, username='alice',
                                                               app_password='alice-app-password')))
    assert result.failed
    assert 'HTTP 401' in result['msg']
    assert 'retired app passwords' in result['msg']
    assert_no_secret(result)


def test_api_token_sent_as_bearer_explains_401(emu, run_module):
    result = run_module('bitbucket_project', project_args(dict(api_url=emu.api_url, token='alice-api-token')))
    assert result.failed
    assert 'HTTP 401' in result['msg'] and 'access token (Bearer)' in result['msg']
    assert 'not a Bearer token' in result['msg']
    assert_no_secret(result)


def test_workspace_access_token_reads_but_cannot_create(emu, run_module):
    result = run_module('bitbucket_project', project_args(dict(api_url=emu.api_url, token='acme-read-token')))
    assert result.failed
    assert 'HTTP 403' in result['msg'] and 'project:admin' in result['msg']
    assert_no_secret(result)
    # The read before the create went through with the same token.
    assert [r['status'] for r in emu.requests()][0] == 404


def test_oauth_client_credentials_one_token_request_per_run(emu, run_module):
    conn = dict(api_url=emu.api_url, token_url=emu.token_url, client_id='ci-consumer', client_secret='ci-secret')
    result = run_module('bitbucket_project', project_args(conn))
    assert result['changed'], result
    assert_no_secret(result)
    log = emu.requests()
    assert [r['path'] for r in log].count('/site/oauth2/access_token') == 1
    assert log[0]['path'] == '/site/oauth2/access_token'


def test_oauth_bad_secret_is_clear(emu, run_module):
    conn = dict(api_url=emu.api_url, token_url=emu.token_url, client_id='ci-consumer', client_secret='wrong-secret')
    result = run_module('bitbucket_project', project_args(conn))
    assert result.failed
    assert 'client credentials of consumer ci-consumer' in result['msg']
    assert 'wrong-secret' not in repr(result.result)


def test_two_methods_fail_before_any_call(emu, run_module):
    result = run_module('bitbucket_project', project_args(dict(api_url=emu.api_url, user='alice@example.com',
                                                               password='alice-api-token', token='acme-read-token')))
    assert result.failed
    assert 'two authentication methods' in result['msg']
    assert emu.requests() == []
    assert_no_secret(result)


def test_bad_api_url_fails_before_any_call(emu, run_module):
    result = run_module('bitbucket_project', project_args(dict(api_url='ftp://example', user='a@x.io', password='some-api-token')))
    assert result.failed and result['msg'].startswith('api_url:')
