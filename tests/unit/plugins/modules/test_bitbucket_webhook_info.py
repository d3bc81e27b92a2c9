# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""bitbucket_webhook_info against the emulator."""

import json

import requests

HOOKS = '/repositories/acme/legacy-app/hooks'
WS_HOOKS = '/workspaces/acme/hooks'
SECRET = 'Pt5-info-webhook-secret-9Rb'


def _session():
    session = requests.Session()
    session.auth = ('alice@example.com', 'alice-api-token')
    return session


def _add_hooks(emu, path, count, **extra):
    session = _session()
    uuids = []
    for number in range(count):
        body = dict(url='https://hook%03d.example.com/bitbucket' % number, events=['repo:push'], **extra)
        reply = session.post(emu.api_url + path, json=body)
        assert reply.status_code == 201, reply.text
        uuids.append(reply.json()['uuid'])
    return uuids


def _all(emu, path):
    reply = _session().get(emu.api_url + path, params={'pagelen': 100})
    assert reply.status_code == 200 and 'next' not in reply.json()
    return reply.json()['values']


def test_repository_hooks_in_the_module_shape(emu, alice, run_module):
    _add_hooks(emu, HOOKS, 1, secret=SECRET, description='with secret')
    expected = _all(emu, HOOKS)
    emu.clear_requests()
    result = run_module('bitbucket_webhook_info', dict(alice, workspace='acme', repository='legacy-app'))
    assert not result['changed'] and not result.failed
    assert [r['method'] for r in emu.requests()] == ['GET']
    assert [h['uuid'] for h in result['webhooks']] == [h['uuid'] for h in expected]
    ours = next(h for h in result['webhooks'] if h['url'] == 'https://hook000.example.com/bitbucket')
    listed = next(h for h in expected if h['url'] == 'https://hook000.example.com/bitbucket')
    assert ours == dict(listed, workspace='acme', repository='legacy-app')
    assert (ours['description'], ours['events'], ours['secret_set'], ours['subject_type']) == (
        'with secret', ['repo:push'], True, 'repository')
    # The seed's hook has a secret too; no secret is ever returned.
    assert all('secret' not in h for h in result['webhooks'])
    assert SECRET not in json.dumps(result.result)


def test_follows_every_page(emu, alice, run_module):
    before = len(_all(emu, HOOKS))
    _add_hooks(emu, HOOKS, 101 - before)
    emu.clear_requests()
    result = run_module('bitbucket_webhook_info', dict(alice, workspace='acme', repository='legacy-app'))
    assert len(result['webhooks']) == 101
    assert len(set(h['uuid'] for h in result['webhooks'])) == 101
    assert [r['method'] for r in emu.requests()] == ['GET', 'GET']


def test_workspace_hooks_without_repository(emu, alice, run_module):
    uuids = _add_hooks(emu, WS_HOOKS, 2)
    result = run_module('bitbucket_webhook_info', dict(alice, workspace='acme'))
    assert not result.failed
    assert set(uuids) <= set(h['uuid'] for h in result['webhooks'])
    assert all(h['subject_type'] == 'workspace' and h['repository'] is None for h in result['webhooks'])
    # Repository hooks are not the workspace's.
    repo_uuids = set(h['uuid'] for h in _all(emu, HOOKS))
    assert not repo_uuids & set(h['uuid'] for h in result['webhooks'])


def test_bad_input_fails_before_any_call(emu, alice, run_module):
    result = run_module('bitbucket_webhook_info', dict(alice, workspace='acme', repository='a/b'))
    assert result.failed and result['msg'].startswith('repository:')
    result = run_module('bitbucket_webhook_info', dict(alice, workspace='no such'))
    assert result.failed and result['msg'].startswith('workspace:')
    assert emu.requests() == []


def test_missing_repository_fails_clearly(emu, alice, run_module):
    result = run_module('bitbucket_webhook_info', dict(alice, workspace='acme', repository='no-such-repo'))
    assert result.failed and '404' in result['msg']
