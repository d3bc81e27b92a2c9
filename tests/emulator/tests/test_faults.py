"""Fault injection (429, 5xx, latency, drop_after_write) and the request log."""

import concurrent.futures
import time

import pytest
import requests

from emulator.control import EmulatorControlError
from emulator.errors import RATE_LIMIT_TEXT

from .conftest import CONSUMER


def test_rate_limit_is_plain_text_without_retry_after(emu, alice):
    emu.set_faults(rules=[{'status': 429, 'every': 2}])
    assert alice.get('/user').status_code == 200
    limited = alice.get('/user')
    assert limited.status_code == 429
    assert limited.headers['Content-Type'].startswith('text/plain')
    assert limited.text == RATE_LIMIT_TEXT and 'Retry-After' not in limited.headers
    assert alice.get('/user').status_code == 200
    assert alice.get('/user').status_code == 429


@pytest.mark.parametrize('status', [500, 502, 503, 504])
def test_server_errors_are_json_and_not_applied(emu, alice, status):
    emu.set_faults(rules=[{'status': status, 'methods': ['POST'], 'count': 1}])
    response = alice.post('/repositories/acme/faulted', {})
    assert response.status_code == status
    assert response.json()['type'] == 'error' and response.json()['error']['message']
    assert alice.get('/repositories/acme/faulted').status_code == 404
    assert alice.post('/repositories/acme/faulted', {}).status_code == 200


def test_path_and_count_limit_the_rule(emu, alice):
    emu.set_faults(rules=[{'status': 503, 'path': r'/hooks$', 'count': 2}])
    assert alice.get('/repositories/acme/legacy-app').status_code == 200
    statuses = [alice.get('/repositories/acme/legacy-app/hooks').status_code for _attempt in range(4)]
    assert statuses == [503, 503, 200, 200]
    rule = emu.faults()['rules'][0]
    assert rule['matched'] == 4 and rule['fired'] == 2


def test_latency_is_added(emu, alice):
    emu.set_faults(latency_ms=150)
    started = time.monotonic()
    assert alice.get('/user').status_code == 200
    assert time.monotonic() - started >= 0.15
    assert requests.post(emu.token_url, auth=CONSUMER, data={'grant_type': 'client_credentials'}, timeout=10).status_code == 200
    emu.clear_faults()
    started = time.monotonic()
    alice.get('/user')
    assert time.monotonic() - started < 0.15


def test_drop_after_write_applies_the_write_and_sends_nothing(emu, alice):
    emu.set_faults(rules=[{'action': 'drop_after_write', 'count': 1}])
    assert alice.get('/user').status_code == 200
    with pytest.raises(requests.ConnectionError):
        alice.post('/repositories/acme/legacy-app/hooks', {'url': 'https://example.com/dropped', 'events': ['repo:push']})
    hooks = [record for record in emu.state()['workspaces'][0]['repositories'] if record['slug'] == 'legacy-app'][0]['webhooks']
    assert [hook['url'] for hook in hooks].count('https://example.com/dropped') == 1
    listed = alice.get('/repositories/acme/legacy-app/hooks').json()['values']
    assert 'https://example.com/dropped' in [hook['url'] for hook in listed]
    dropped = [entry for entry in emu.requests() if entry['fault'] == 'drop_after_write']
    assert len(dropped) == 1 and dropped[0]['status'] == 0 and dropped[0]['method'] == 'POST'


def test_drop_every_second_put(emu, alice):
    emu.set_faults(rules=[{'action': 'drop_after_write', 'every': 2, 'methods': ['PUT']}])
    assert alice.put('/repositories/acme/legacy-app', {'description': 'one'}).status_code == 200
    with pytest.raises(requests.ConnectionError):
        alice.put('/repositories/acme/legacy-app', {'description': 'two'})
    assert alice.get('/repositories/acme/legacy-app').json()['description'] == 'two'


def test_invalid_fault_documents_are_refused(emu):
    for config in ({'rules': [{'status': 404}]}, {'rules': [{'status': 500, 'action': 'drop_after_write'}]},
                   {'rules': [{'status': 500, 'every': 0}]}, {'rules': [{'status': 500, 'path': '('}]},
                   {'latency_ms': -1}, {'rules': [{'action': 'explode'}]}):
        with pytest.raises(EmulatorControlError):
            emu.set_faults(**config)


def test_request_log(emu, alice, api):
    alice.get('/repositories/acme', params={'pagelen': 100, 'q': 'slug="acme-cli"'})
    alice.get('/repositories/acme/%7B1e9ac1a0-0000-4000-8000-0000000a1a01%7D/hooks')
    api(auth=None).get('/user')
    requests.post(emu.token_url, auth=CONSUMER, data={'grant_type': 'client_credentials'}, timeout=10)
    alice.get('/no/such/endpoint')
    emu.state()
    log = emu.requests()
    assert [entry['template'] for entry in log] == [
        '/repositories/{workspace}', '/repositories/{workspace}/{repo_slug}/hooks', '/user', '/site/oauth2/access_token', None,
    ]
    assert log[0]['query'] == {'pagelen': '100', 'q': 'slug="acme-cli"'} and log[0]['auth'] == 'api_token'
    assert log[1]['path'] == '/2.0/repositories/acme/{1e9ac1a0-0000-4000-8000-0000000a1a01}/hooks'
    assert [entry['status'] for entry in log] == [200, 200, 401, 200, 404]
    emu.clear_requests()
    assert emu.requests() == []


def test_reset_clears_faults_and_log(emu, alice):
    emu.set_faults(latency_ms=5, rules=[{'status': 500}])
    assert alice.get('/user').status_code == 500
    emu.reset()
    assert emu.faults() == {'latency_ms': 0, 'rules': [], 'next_link': None, 'bbql_unsupported': []} and emu.requests() == []
    assert alice.get('/user').status_code == 200


def test_concurrent_requests_with_latency_overlap(emu, alice):
    emu.set_faults(latency_ms=200)
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(pool.map(lambda _index: requests.get(emu.api_url + '/user', auth=alice.session.auth, timeout=10).status_code, range(4)))
    assert statuses == [200] * 4
    assert time.monotonic() - started < 0.6


def test_bbql_unsupported_answers_400_invalid_query(emu, alice):
    emu.set_faults(bbql_unsupported=['in'])
    refused = alice.get('/repositories/acme', params={'q': 'slug IN ("legacy-app")'})
    assert refused.status_code == 400
    body = refused.json()
    assert body['type'] == 'error' and body['error']['message'] == 'Invalid query'
    assert 'IN' in body['error']['detail']
    # Other queries, and the same one once the faults are cleared, still work.
    assert alice.get('/repositories/acme', params={'q': 'slug = "legacy-app"'}).json()['values']
    assert emu.faults()['bbql_unsupported'] == ['in']
    emu.clear_faults()
    assert alice.get('/repositories/acme', params={'q': 'slug IN ("legacy-app")'}).json()['values']
    with pytest.raises(EmulatorControlError):
        emu.set_faults(bbql_unsupported=['like'])
