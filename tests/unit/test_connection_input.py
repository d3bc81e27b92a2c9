# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Connection options and their BITBUCKET_* variables: bad values fail before any API call, naming the
option, never showing the secret; the token endpoint's failures are errors, not tracebacks."""

import socket
import time

import pytest

GOOD_AUTH = dict(user='alice@example.com', password='alice-api-token')
OAUTH = dict(client_id='ci-consumer', client_secret='ci-secret')
PROJECT = dict(workspace='acme', key='OPS', name='Ops')

# (task options, environment, the option the message must name, a text the message must not contain)
CASES = [
    (dict(OAUTH, token_url='not a url'), {}, 'token_url', None),
    (dict(OAUTH, token_url='ftp://127.0.0.1/token'), {}, 'token_url', None),
    (dict(OAUTH, token_url='https://'), {}, 'token_url', None),
    (dict(OAUTH, token_url='https://me:hunter2@127.0.0.1/token'), {}, 'token_url', 'hunter2'),
    (dict(OAUTH, token_url='https://127.0.0.1:99999/token'), {}, 'token_url', None),
    (OAUTH, {'BITBUCKET_TOKEN_URL': 'bitbucket.org/site/oauth2/access_token'}, 'token_url', None),
    (dict(GOOD_AUTH, api_url='https://me:hunter2@127.0.0.1/2.0'), {}, 'api_url', 'hunter2'),
    (dict(GOOD_AUTH, api_url='https://api.bitbucket.org /2.0'), {}, 'api_url', None),
    (dict(user='alice@example.com', password='t\u00f6ken\u2019s'), {}, 'password', 't\u00f6ken\u2019s'),
    (dict(user='alice@example.com', password='token\n'), {}, 'password', None),
    (dict(token='\u201cacme-read-token\u201d'), {}, 'token', 'acme-read-token'),
    (dict(client_id='ci-consumer', client_secret='s\u00e9cret\u2026'), {}, 'client_secret', 's\u00e9cret\u2026'),
    ({}, {'BITBUCKET_USER': 'alice@example.com', 'BITBUCKET_API_TOKEN': 'caf\u00e9\u2014token'}, 'password',
     'caf\u00e9\u2014token'),
    (GOOD_AUTH, {'BITBUCKET_TIMEOUT': 'soon'}, 'timeout', None),
    (GOOD_AUTH, {'BITBUCKET_TIMEOUT': '0'}, 'timeout', None),
    (GOOD_AUTH, {'BITBUCKET_RETRIES': '-2'}, 'retries', None),
    (GOOD_AUTH, {'BITBUCKET_RATE_LIMIT_WAIT': 'an hour'}, 'rate_limit_wait', None),
    (dict(GOOD_AUTH, rate_limit_wait=-1), {}, 'rate_limit_wait', None),
]


@pytest.mark.parametrize('options, environ, option, hidden', CASES,
                         ids=['%s-%d' % (c[2], i) for i, c in enumerate(CASES)])
def test_bad_connection_input(emu, run_module, monkeypatch, options, environ, option, hidden):
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    args = dict(PROJECT)
    args.setdefault('api_url', emu.api_url)
    args.update(options)
    result = run_module('bitbucket_project', args)
    assert result.failed, result
    assert result['msg'].startswith(option + ':') or (option + ':') in result['msg'], result['msg']
    assert 'Traceback' not in result['msg'] and 'exception' not in result.result
    if hidden:
        assert hidden not in str(result.result)
    assert emu.requests() == []


def test_the_table_covers_each_new_check():
    assert len(CASES) >= 18


def test_environment_sets_timeout_retries_and_rate_limit_wait(emu, run_module, monkeypatch):
    monkeypatch.setenv('BITBUCKET_RETRIES', '0')
    monkeypatch.setenv('BITBUCKET_RATE_LIMIT_WAIT', '0')
    emu.set_faults(rules=[{'status': 503, 'every': 1, 'count': 1}])
    result = run_module('bitbucket_project', dict(GOOD_AUTH, api_url=emu.api_url, workspace='acme', key='CORE'))
    # no retry: the one 503 fails the task at once
    assert result.failed and 'HTTP 503' in result['msg']
    assert [r['status'] for r in emu.requests()] == [503]


def test_task_option_beats_the_environment(emu, run_module, monkeypatch):
    monkeypatch.setenv('BITBUCKET_RETRIES', '0')
    emu.set_faults(rules=[{'status': 503, 'every': 1, 'count': 1}])
    result = run_module('bitbucket_project', dict(GOOD_AUTH, api_url=emu.api_url, workspace='acme', key='CORE',
                                                  retries=1))
    assert not result.failed, result
    assert [r['status'] for r in emu.requests()] == [503, 200]


def test_rate_limit_wait_zero_gives_up_after_the_fast_retries(emu, run_module):
    emu.set_faults(rules=[{'status': 429, 'every': 1}])
    result = run_module('bitbucket_project', dict(GOOD_AUTH, api_url=emu.api_url, workspace='acme', key='CORE',
                                                  retries=0, rate_limit_wait=0))
    assert result.failed and 'HTTP 429' in result['msg']
    assert 'Rate limit for this resource has been exceeded' in result['msg']
    assert len(emu.requests()) == 1


def test_plain_http_to_a_remote_host_warns_before_any_call(emu, run_module):
    # 192.0.2.1 (TEST-NET-1) is never contacted: the bad key fails the task before any request.
    result = run_module('bitbucket_project', dict(GOOD_AUTH, api_url='http://192.0.2.1/2.0', workspace='acme',
                                                  key='1BAD', name='Bad'))
    assert result.failed and 'key' in result['msg']
    assert any('plain http://' in w and '192.0.2.1' in w for w in result.warnings), result
    assert emu.requests() == []


def test_plain_http_to_loopback_does_not_warn(emu, run_module):
    result = run_module('bitbucket_project', dict(GOOD_AUTH, api_url=emu.api_url, workspace='acme', key='CORE'))
    assert not result.failed
    assert not any('plain http://' in w for w in result.warnings)


def test_token_endpoint_down_fails_clearly(emu, run_module):
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        port = sock.getsockname()[1]
    result = run_module('bitbucket_project', dict(OAUTH, api_url=emu.api_url, workspace='acme', key='CORE', retries=0,
                                                  token_url='http://127.0.0.1:%d/site/oauth2/access_token' % port))
    assert result.failed
    assert 'could not reach http://127.0.0.1:%d/site/oauth2/access_token' % port in result['msg']
    assert 'Traceback' not in result['msg'] and 'ci-secret' not in str(result.result)
    assert emu.requests() == []


def test_token_endpoint_timeout_fails_clearly(emu, run_module):
    emu.set_faults(latency_ms=2000)
    result = run_module('bitbucket_project', dict(OAUTH, api_url=emu.api_url, workspace='acme', key='CORE', retries=0,
                                                  timeout=1, token_url=emu.token_url))
    assert result.failed
    assert 'Timeout' in result['msg'] and emu.token_url.split('//')[1] in result['msg']
    assert 'ci-secret' not in str(result.result)
    # The abandoned request is still being served: let it finish so it cannot meet the next test's faults.
    deadline = time.monotonic() + 10
    while any(r['status'] is None for r in emu.requests()) and time.monotonic() < deadline:
        time.sleep(0.1)
