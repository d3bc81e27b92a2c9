# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""bitbucket_permissions_info against the emulator."""

import re
from collections import Counter

import pytest

from emulator.reference import BOB_UUID, base_seed
from emulator.seed import bulk_repositories, load_sample

BOB = dict(account_id='557058:b0b00000-0000-4000-8000-000000000002', uuid='{b0b00000-0000-4000-8000-0000000000b2}',
           display_name='Bob Builder', nickname='bob')
ALICE = dict(account_id='557058:a11ce000-0000-4000-8000-000000000001', uuid='{a11ce000-0000-4000-8000-0000000000a1}',
             display_name='Alice Owner', nickname='alice')
WITHDRAWN = re.compile(r'^/2\.0/(workspaces/?|user/permissions/.*|repositories/?)$')


def withdrawn_calls(emu):
    """Requests to endpoints Atlassian withdrew (CHANGE-2770), or answered 410."""
    return [r for r in emu.requests() if r['status'] == 410 or WITHDRAWN.match(r['path'])]


def big_seed(members=0, grants=0):
    """The sample seed with extra acme members, and explicit grants to the first `grants` of them on legacy-app."""
    seed = load_sample()
    acme = seed['workspaces'][0]
    for number in range(members):
        email = 'user%03d@example.com' % number
        seed['users'].append(dict(email=email))
        acme['members'].append(dict(user=email))
    acme['repositories'][0]['permissions']['users'] = dict(('user%03d@example.com' % n, 'read') for n in range(grants))
    return seed


def test_repository_grants(emu, alice, run_module):
    seed = load_sample()
    seed['workspaces'][0]['repositories'][0]['permissions']['users'] = {'bob@example.com': 'admin'}
    emu.reset(seed=seed)
    result = run_module('bitbucket_permissions_info', dict(alice, workspace='acme', repository='legacy-app'))
    assert not result.failed, result
    assert result['changed'] is False
    assert result['users'] == [dict(BOB, permission='admin')]
    assert result['groups'] == [dict(slug='developers', name='Developers', permission='write')]
    assert 'members' not in result.result
    assert [(r['method'], r['path']) for r in emu.requests()] == [
        ('GET', '/2.0/repositories/acme/legacy-app/permissions-config/users'),
        ('GET', '/2.0/repositories/acme/legacy-app/permissions-config/groups')]
    assert withdrawn_calls(emu) == []


def test_project_grants(emu, alice, run_module):
    result = run_module('bitbucket_permissions_info', dict(alice, workspace='acme', project='LEGACY'))
    assert not result.failed, result
    assert result['users'] == []
    assert result['groups'] == [dict(slug='admins', name='Admins', permission='admin')]
    assert len(emu.requests()) == 2 and withdrawn_calls(emu) == []


def test_workspace_members_with_their_role(emu, alice, run_module):
    result = run_module('bitbucket_permissions_info', dict(alice, workspace='acme'))
    assert not result.failed, result
    assert sorted(result['members'], key=lambda m: m['nickname']) == [dict(ALICE, permission='owner'), dict(BOB, permission='member')]
    assert 'users' not in result.result and 'groups' not in result.result
    assert [(r['method'], r['path']) for r in emu.requests()] == [('GET', '/2.0/workspaces/acme/permissions')]


def test_more_than_100_members_and_grants_are_read_in_full(emu, alice, run_module):
    emu.reset(seed=big_seed(members=230, grants=150))
    members = run_module('bitbucket_permissions_info', dict(alice, workspace='acme'))
    assert not members.failed, members
    assert len(members['members']) == 232
    assert len(set(m['uuid'] for m in members['members'])) == 232
    assert sum(1 for r in emu.requests() if r['path'] == '/2.0/workspaces/acme/permissions') == 3

    emu.clear_requests()
    grants = run_module('bitbucket_permissions_info', dict(alice, workspace='acme', repository='legacy-app'))
    assert len(grants['users']) == 150
    assert set(u['nickname'] for u in grants['users']) == set('user%03d' % n for n in range(150))
    assert sum(1 for r in emu.requests() if r['path'].endswith('/permissions-config/users')) == 2
    assert withdrawn_calls(emu) == []


@pytest.mark.parametrize('args, option', [
    (dict(workspace='ac me'), 'workspace'),
    (dict(workspace='acme', project='1X'), 'project'),
    (dict(workspace='acme', repository='a/b'), 'repository'),
])
def test_bad_input_fails_before_any_call(emu, alice, run_module, args, option):
    result = run_module('bitbucket_permissions_info', dict(alice, **args))
    assert result.failed
    assert result['msg'].startswith(option + ':'), result['msg']
    assert emu.requests() == []


def test_repository_and_project_are_exclusive(emu, alice, run_module):
    result = run_module('bitbucket_permissions_info', dict(alice, workspace='acme', repository='legacy-app', project='LEGACY'))
    assert result.failed
    assert 'repository' in result['msg'] and 'project' in result['msg']
    assert emu.requests() == []


def test_unknown_repository_fails(emu, alice, run_module):
    result = run_module('bitbucket_permissions_info', dict(alice, workspace='acme', repository='nowhere'))
    assert result.failed
    assert result['error']['status'] == 404
    assert 'nowhere' in result['msg']


def test_access_token_cannot_read_grants(emu, run_module):
    result = run_module('bitbucket_permissions_info', dict(api_url=emu.api_url, token='acme-read-token', retries=0,
                                                           workspace='acme', repository='legacy-app'))
    assert result.failed
    assert result['error']['status'] == 403
    assert 'repository:admin' in result['msg']
    assert 'acme-read-token' not in str(result.result)


def test_missing_scope_is_named(emu, run_module):
    seed = load_sample()
    seed['users'][0]['api_tokens'].append(dict(token='alice-workspace-only', scopes=['read:workspace:bitbucket']))
    emu.reset(seed=seed)
    narrow = dict(api_url=emu.api_url, user='alice@example.com', password='alice-workspace-only', retries=0)
    assert not run_module('bitbucket_permissions_info', dict(narrow, workspace='acme')).failed
    result = run_module('bitbucket_permissions_info', dict(narrow, workspace='acme', project='LEGACY'))
    assert result.failed
    assert result['error']['status'] == 403
    assert 'read:project:bitbucket' in result['msg']
    assert 'alice-workspace-only' not in str(result.result)


def test_non_admin_cannot_read_grants(emu, run_module):
    result = run_module('bitbucket_permissions_info', dict(api_url=emu.api_url, user='bob@example.com', password='bob-readonly-token',
                                                           retries=0, workspace='acme', project='LEGACY'))
    assert result.failed
    assert result['error']['status'] == 403
    assert 'bob-readonly-token' not in str(result.result)


# --- all_targets: every repository and project in one run ---------------------------------------------------

def sample_targets():
    acme = load_sample()['workspaces'][0]
    return sorted(r['slug'] for r in acme['repositories']), sorted(p['key'] for p in acme['projects'])


def test_all_targets_equals_the_per_target_calls(emu, alice, run_module):
    bulk = run_module('bitbucket_permissions_info', dict(alice, workspace='acme', all_targets=True))
    assert not bulk.failed, bulk
    assert bulk['changed'] is False
    slugs, keys = sample_targets()
    assert [r['slug'] for r in bulk['repositories']] == slugs
    assert [p['key'] for p in bulk['projects']] == keys

    assert bulk['members'] == run_module('bitbucket_permissions_info', dict(alice, workspace='acme'))['members']
    listed = run_module('bitbucket_repo_info', dict(alice, workspace='acme', sort='slug'))['repositories']
    for record, repo in zip(bulk['repositories'], listed):
        single = run_module('bitbucket_permissions_info', dict(alice, workspace='acme', repository=repo['slug']))
        assert record == dict(slug=repo['slug'], name=repo['name'], project=repo['project']['key'], is_private=repo['is_private'],
                              users=single['users'], groups=single['groups'])
    for record in bulk['projects']:
        project = run_module('bitbucket_project', dict(alice, workspace='acme', key=record['key']), check_mode=True)['project']
        single = run_module('bitbucket_permissions_info', dict(alice, workspace='acme', project=record['key']))
        assert record == dict(key=project['key'], name=project['name'], is_private=project['is_private'],
                              users=single['users'], groups=single['groups'])
    # The sample's grants are all there, so the comparison above is not between empty lists.
    legacy = next(r for r in bulk['repositories'] if r['slug'] == 'legacy-app')
    assert legacy['groups'] == [dict(slug='developers', name='Developers', permission='write')]
    assert next(p for p in bulk['projects'] if p['key'] == 'OSS')['is_private'] is False


def test_all_targets_call_count(emu, alice, run_module):
    result = run_module('bitbucket_permissions_info', dict(alice, workspace='acme', all_targets=True))
    assert not result.failed, result
    slugs, keys = sample_targets()
    expected = ['/2.0/workspaces/acme/permissions', '/2.0/repositories/acme', '/2.0/workspaces/acme/projects']
    expected += ['/2.0/repositories/acme/%s/permissions-config/%s' % (s, k) for s in slugs for k in ('users', 'groups')]
    expected += ['/2.0/workspaces/acme/projects/%s/permissions-config/%s' % (p, k) for p in keys for k in ('users', 'groups')]
    log = emu.requests()
    # 3 lists, then 2 grant lists for each of the 3 repositories and 3 projects: 15, each once, all reads.
    assert len(log) == 15
    assert Counter((r['method'], r['path']) for r in log) == Counter(('GET', path) for path in expected)
    # The module's own client reads first (credentials set up once), then the workers.
    assert log[0]['path'] == '/2.0/workspaces/acme/permissions'
    assert withdrawn_calls(emu) == []


def test_all_targets_reads_every_page(emu, alice, run_module):
    seed = base_seed()
    acme = seed['workspaces'][0]
    acme['projects'] = [dict(key='P%03d' % n, name='Project %03d' % n) for n in range(105)]
    acme['projects'][104]['permissions'] = dict(users={BOB_UUID: 'read'})  # a project without repositories
    acme['repositories'] = bulk_repositories(120, name_format='svc-{:03d}', project='P000',
                                             permissions=dict(groups=dict(developers='write')))
    emu.reset(seed=seed)
    result = run_module('bitbucket_permissions_info', dict(alice, workspace='acme', all_targets=True))
    assert not result.failed, result
    assert [r['slug'] for r in result['repositories']] == ['svc-%03d' % n for n in range(1, 121)]
    assert all(r['groups'] == [dict(slug='developers', name='Developers', permission='write')] for r in result['repositories'])
    assert [p['key'] for p in result['projects']] == ['P%03d' % n for n in range(105)]
    assert result['projects'][104]['users'] == [dict(BOB, permission='read')]
    paths = Counter(r['path'] for r in emu.requests())
    assert paths['/2.0/repositories/acme'] == 2 and paths['/2.0/workspaces/acme/projects'] == 2
    assert sum(paths.values()) == 1 + 2 + 2 + 2 * (120 + 105)


@pytest.mark.parametrize('target', [dict(repository='legacy-app'), dict(project='LEGACY')])
def test_all_targets_with_one_target_fails_before_any_call(emu, alice, run_module, target):
    result = run_module('bitbucket_permissions_info', dict(alice, workspace='acme', all_targets=True, **target))
    assert result.failed
    assert result['msg'].startswith('all_targets:'), result['msg']
    assert list(target)[0] in result['msg']
    assert emu.requests() == []


def test_all_targets_in_check_mode_reads_the_same(emu, alice, run_module):
    real = run_module('bitbucket_permissions_info', dict(alice, workspace='acme', all_targets=True))
    calls = len(emu.requests())
    emu.clear_requests()
    check = run_module('bitbucket_permissions_info', dict(alice, workspace='acme', all_targets=True), check_mode=True)
    assert not check.failed, check
    assert check['changed'] is False
    for key in ('members', 'repositories', 'projects'):
        assert check[key] == real[key]
    assert len(emu.requests()) == calls
    assert set(r['method'] for r in emu.requests()) == {'GET'}


def test_all_targets_needs_an_administrator(emu, run_module):
    # A grant list the credentials may not read fails the run in a worker thread; the error still reaches the user.
    result = run_module('bitbucket_permissions_info', dict(api_url=emu.api_url, user='bob@example.com', password='bob-readonly-token',
                                                           retries=0, workspace='acme', all_targets=True))
    assert result.failed
    assert result['error']['status'] == 403
    assert 'permissions-config' in result['msg']
    assert 'bob-readonly-token' not in str(result.result)
