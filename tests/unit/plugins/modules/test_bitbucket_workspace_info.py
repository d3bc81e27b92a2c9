# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""bitbucket_workspace_info against the emulator."""

import re

from emulator.seed import load_sample

ACME_UUID = '{ac3e0000-0000-4000-8000-00000000ac01}'
BOB = dict(account_id='557058:b0b00000-0000-4000-8000-000000000002', uuid='{b0b00000-0000-4000-8000-0000000000b2}',
           display_name='Bob Builder', nickname='bob', permission='member')
ALICE = dict(account_id='557058:a11ce000-0000-4000-8000-000000000001', uuid='{a11ce000-0000-4000-8000-0000000000a1}',
             display_name='Alice Owner', nickname='alice', permission='owner')
WITHDRAWN = re.compile(r'^/2\.0/(workspaces/?|user/permissions/.*|repositories/?)$')


def withdrawn_calls(emu):
    """Requests to endpoints Atlassian withdrew (CHANGE-2770), or answered 410."""
    return [r for r in emu.requests() if r['status'] == 410 or WITHDRAWN.match(r['path'])]


def by_nickname(members):
    return sorted(members, key=lambda m: m['nickname'])


def test_one_workspace_has_the_shape_of_get_workspace(emu, alice, api, run_module):
    result = run_module('bitbucket_workspace_info', dict(alice, workspace='acme'))
    log = [(r['method'], r['path']) for r in emu.requests()]
    assert not result.failed, result
    assert result['changed'] is False
    assert result['workspaces'] == [api.get('/workspaces/acme')]
    acme = result['workspaces'][0]
    assert (acme['slug'], acme['uuid'], acme['name'], acme['is_private']) == ('acme', ACME_UUID, 'ACME Corp', True)
    assert acme['links']['html']['href']
    assert 'administrator' not in acme and 'members' not in acme and 'workspace' not in acme
    assert log == [('GET', '/2.0/workspaces/acme')]


def test_one_workspace_with_members(emu, alice, run_module):
    result = run_module('bitbucket_workspace_info', dict(alice, workspace=ACME_UUID, members=True))
    assert not result.failed, result
    assert by_nickname(result['workspaces'][0]['members']) == [ALICE, BOB]
    assert len(emu.requests()) == 2 and withdrawn_calls(emu) == []


def test_every_reachable_workspace_without_withdrawn_endpoints(emu, alice, api, run_module):
    result = run_module('bitbucket_workspace_info', dict(alice))
    log = [(r['method'], r['path'], r['status']) for r in emu.requests()]
    assert not result.failed, result
    assert [w['slug'] for w in result['workspaces']] == ['acme']
    acme = result['workspaces'][0]
    expected = dict(api.get('/workspaces/acme'), administrator=True)
    assert acme == expected
    assert withdrawn_calls(emu) == []
    # one list, then one detail read per workspace: /user/workspaces gives no name nor is_private
    assert log == [('GET', '/2.0/user/workspaces', 200), ('GET', '/2.0/workspaces/acme', 200)]


def test_listing_says_who_administers_and_lists_members(emu, run_module):
    seed = load_sample()
    seed['workspaces'][1]['members'].append(dict(user='bob@example.com', role='owner'))
    emu.reset(seed=seed)
    bob = dict(api_url=emu.api_url, user='bob@example.com', password='bob-api-token', retries=2)
    result = run_module('bitbucket_workspace_info', dict(bob, members=True))
    assert not result.failed, result
    assert [(w['slug'], w['administrator']) for w in result['workspaces']] == [('acme', False), ('carol-space', True)]
    assert by_nickname(result['workspaces'][0]['members']) == [ALICE, BOB]
    assert [m['nickname'] for m in by_nickname(result['workspaces'][1]['members'])] == ['bob', 'carol']
    assert all(set(w) >= set(['slug', 'uuid', 'name', 'is_private', 'links']) for w in result['workspaces'])
    assert withdrawn_calls(emu) == []


def test_more_than_100_members_are_read_in_full(emu, alice, run_module):
    seed = load_sample()
    for number in range(205):
        email = 'user%03d@example.com' % number
        seed['users'].append(dict(email=email))
        seed['workspaces'][0]['members'].append(dict(user=email))
    emu.reset(seed=seed)
    result = run_module('bitbucket_workspace_info', dict(alice, members=True))
    assert not result.failed, result
    members = result['workspaces'][0]['members']
    assert len(members) == 207
    assert set(m['nickname'] for m in members) == set(['alice', 'bob'] + ['user%03d' % n for n in range(205)])
    assert sum(1 for r in emu.requests() if r['path'] == '/2.0/workspaces/acme/permissions') == 3
    assert withdrawn_calls(emu) == []


def test_unknown_workspace_fails_naming_it(emu, alice, run_module):
    result = run_module('bitbucket_workspace_info', dict(alice, workspace='nowhere'))
    assert result.failed
    assert 'workspace: nowhere does not exist' in result['msg']


def test_bad_workspace_fails_before_any_call(emu, alice, run_module):
    result = run_module('bitbucket_workspace_info', dict(alice, workspace='no where'))
    assert result.failed
    assert result['msg'].startswith('workspace:')
    assert emu.requests() == []


def test_missing_scope_is_named(emu, run_module):
    seed = load_sample()
    seed['users'][1]['api_tokens'].append(dict(token='bob-repo-only', scopes=['read:repository:bitbucket']))
    emu.reset(seed=seed)
    result = run_module('bitbucket_workspace_info', dict(api_url=emu.api_url, user='bob@example.com', password='bob-repo-only',
                                                         retries=0, workspace='acme'))
    assert result.failed
    assert result['error']['status'] == 403
    assert 'read:workspace:bitbucket' in result['msg']
    assert 'bob-repo-only' not in str(result.result)
