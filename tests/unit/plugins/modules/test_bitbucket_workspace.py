# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""bitbucket_workspace against the emulator: one converge in one process, its order and its failures."""

import copy

import pytest

from emulator.reference import base_seed, fewest_reads, reference_spec
from emulator.seed import load_sample

from ansible_collections.bitbucket.cloud.plugins.module_utils.auth import select_auth
from ansible_collections.bitbucket.cloud.plugins.module_utils.client import BitbucketClient
from ansible_collections.bitbucket.cloud.plugins.module_utils.engine import WorkspaceEngine

BOB = '557058:b0b00000-0000-4000-8000-000000000002'
BOB_UUID = '{b0b00000-0000-4000-8000-0000000000b2}'
LEGACY_HOOK = 'https://ci.example.com/hooks/legacy-app'
LEGACY_HOOK_UUID = '{4e6b0000-0000-4000-8000-00000000a1a1}'
SECRET = 'workspace-hook-secret-not-to-leak'


def converge(run_module, alice, check_mode=False, **spec):
    return run_module('bitbucket_workspace', dict(alice, workspace='acme', **spec), check_mode=check_mode)


def writes(emu):
    return [(r['method'], r['path']) for r in emu.requests() if r['method'] != 'GET']


def reads(emu):
    return [r for r in emu.requests() if r['method'] == 'GET']


def acme(emu):
    return next(w for w in emu.state()['workspaces'] if w['slug'] == 'acme')


def repository(emu, slug):
    return next((r for r in acme(emu)['repositories'] if r['slug'] == slug), None)


def role_spec(size):
    """The reference spec without the role's bitbucket_ prefix."""
    return dict((key[len('bitbucket_'):], value) for key, value in reference_spec(size).items()
                if key != 'bitbucket_workspace')


# --- check, real, again ---------------------------------------------------------------------------

def test_check_real_again_on_the_reference_workspace(emu, alice, run_module):
    emu.reset(seed=base_seed())
    spec = role_spec(5)
    check = converge(run_module, alice, check_mode=True, **spec)
    assert not check.failed, check
    assert check['changed'] and writes(emu) == []
    # 3 projects + their grants, 5 repositories, 10 hooks, 10 grants, 10 branch restrictions, 5 default reviewers.
    assert check['summary']['total'] == 3 + 3 + 5 + 10 + 10 + 10 + 5
    assert len(check['diff']) == check['summary']['total']
    repo_diff = next(d for d in check['diff'] if d['before_header'] == 'create repository service-000')
    assert repo_diff['before'] == {} and repo_diff['after']['description'] == 'Reference service 0'
    assert 'reference-hook-secret' not in str(check.result)

    emu.clear_requests()
    real = converge(run_module, alice, **spec)
    assert not real.failed, real
    assert real['changed'] and real['failed_actions'] == [] and real['skipped_actions'] == []
    assert len(real['applied']) == 46
    # Writes in order: projects, then repositories, then hooks, grants and restrictions.
    methods = writes(emu)
    first_repo = next(i for i, (m, p) in enumerate(methods) if p.startswith('/2.0/repositories/acme/service-') and p.count('/') == 4)
    assert all('/projects' in p for m, p in methods[:first_repo] if '/permissions-config' not in p)
    assert all(p.count('/') == 4 for m, p in methods[first_repo:first_repo + 5])
    assert len(methods) == 46
    hooks = dict((h['url'], h) for h in repository(emu, 'service-004')['webhooks'])
    assert hooks['https://ci.example.com/hooks/service-004']['secret'] == 'reference-hook-secret'

    emu.clear_requests()
    again = converge(run_module, alice, **spec)
    assert not again.failed, again
    assert not again['changed'] and again['applied'] == [] and writes(emu) == []
    assert len(reads(emu)) == fewest_reads(reference_spec(5))


def test_idempotent_reads_are_the_fewest_at_100_repositories(emu, alice, run_module):
    emu.reset(seed=base_seed())
    spec = role_spec(100)
    assert not converge(run_module, alice, **spec).failed
    emu.clear_requests()
    again = converge(run_module, alice, **spec)
    assert not again['changed']
    assert len(reads(emu)) == fewest_reads(reference_spec(100)) == 505
    assert writes(emu) == []


# --- the failure table ----------------------------------------------------------------------------

def test_a_typo_in_a_group_with_prune_keeps_the_real_grant(emu, alice, run_module, api):
    result = converge(run_module, alice, prune=True, repositories=[
        dict(name='legacy-app', permissions=dict(groups=dict(developrs='write')))])
    assert result.failed
    assert [f['action'] for f in result['failed_actions']] == [
        "create permission of group developrs on repository legacy-app: permission='write'"]
    assert 'developrs does not exist' in result['failed_actions'][0]['error']
    assert [s['action'] for s in result['skipped_actions']] == ['delete permission of group developers on repository legacy-app (write)']
    assert result['applied'] == []
    assert api.get('/repositories/acme/legacy-app/permissions-config/groups/developers')['permission'] == 'write'
    assert 'developrs' in result['msg'] and 'Skipped' in result['msg']


def test_a_failed_repository_create_skips_its_hooks_and_grants_and_the_rest_applies(emu, alice, run_module):
    emu.set_faults(rules=[dict(status=500, methods=['POST'], path='/repositories/acme/broken-repo$')])
    spec = dict(repositories=[
        dict(name='broken-repo', webhooks=[dict(url='https://ci.example.com/broken', events=['repo:push'])],
             permissions=dict(groups=dict(developers='write'))),
        dict(name='fine-repo', webhooks=[dict(url='https://ci.example.com/fine', events=['repo:push'])],
             permissions=dict(groups=dict(developers='write'))),
    ])
    result = converge(run_module, alice, **spec)
    assert result.failed
    assert [f['action'] for f in result['failed_actions']] == ["create repository broken-repo: is_private=true, name='broken-repo'"]
    assert sorted(s['action'].split(': ')[0] for s in result['skipped_actions']) == [
        'create permission of group developers on repository broken-repo', 'create webhook https://ci.example.com/broken of repository broken-repo']
    assert len(result['applied']) == 3
    assert repository(emu, 'broken-repo') is None
    fine = repository(emu, 'fine-repo')
    assert [h['url'] for h in fine['webhooks']] == ['https://ci.example.com/fine']
    assert fine['permissions']['groups'] == {'developers': 'write'}
    # A re-run converges.
    emu.clear_faults()
    again = converge(run_module, alice, **spec)
    assert not again.failed, again
    assert len(again['applied']) == 3
    assert repository(emu, 'broken-repo')['permissions']['groups'] == {'developers': 'write'}


def _client(emu):
    auth = select_auth(dict(user='alice@example.com', password='alice-api-token'), {})
    return BitbucketClient(auth, api_url=emu.api_url, retries=0)


def test_a_stale_plan_keeps_the_declared_hook(emu, api):
    """The hook planned for removal is changed into a declared one before the delete runs: it is kept."""
    spec = dict(workspace='acme', prune=True, repositories=[dict(name='legacy-app', webhooks=[
        dict(url='https://ci.example.com/new-legacy', events=['repo:push'])])])
    engine = WorkspaceEngine(_client(emu), spec)
    engine.plan()
    assert [p.action.text() for p in engine.planned] == [
        "create webhook https://ci.example.com/new-legacy of repository legacy-app: events=['repo:push'], "
        "url='https://ci.example.com/new-legacy'",
        'delete webhook %s of repository legacy-app' % LEGACY_HOOK]
    # Meanwhile someone points the old hook at the declared URL.
    api.session.put(emu.api_url + '/repositories/acme/legacy-app/hooks/' + LEGACY_HOOK_UUID,
                    json=dict(url='https://ci.example.com/new-legacy', events=['repo:push'], active=True))
    result = engine.apply()
    assert result['applied'] == [engine.planned[0].action.text()]
    assert 'changed since it was planned' in result['failed_actions'][0]['error']
    hooks = api.get('/repositories/acme/legacy-app/hooks')['values']
    assert LEGACY_HOOK_UUID in [h['uuid'] for h in hooks if h['url'] == 'https://ci.example.com/new-legacy']
    assert len(hooks) == 2


def test_a_hook_gone_before_its_delete_counts_as_removed(emu, api):
    spec = dict(workspace='acme', prune=True, repositories=[dict(name='legacy-app', webhooks=[])])
    engine = WorkspaceEngine(_client(emu), spec)
    engine.plan()
    api.session.delete(emu.api_url + '/repositories/acme/legacy-app/hooks/' + LEGACY_HOOK_UUID)
    emu.clear_requests()
    result = engine.apply()
    assert result['failed_actions'] == [] and len(result['applied']) == 1
    assert writes(emu) == []


def test_four_mistakes_are_reported_in_one_run(emu, alice, run_module):
    result = converge(run_module, alice, projects=[dict(key='1OPS', name='Ops')], repositories=[
        dict(name='a', webhooks=[dict(url='https://ci.example.com/a', events=['repo:psuh'])]),
        dict(name='b', permissions=dict(groups=dict(developers='owner'))),
        dict(name='c', mainbranch='two words'),
        dict(name='d', webhooks=[dict(url='ftp://ci.example.com/d', events=['repo:push'])]),
    ])
    assert result.failed
    places = [e.split(': ', 1)[0] for e in result['errors']]
    assert places == ['projects[0].key', 'repositories[0].webhooks[0].events', 'repositories[1].permissions.groups.developers',
                      'repositories[2].mainbranch', 'repositories[3].webhooks[0].url']
    assert result['msg'].startswith('projects[0].key:')
    assert emu.requests() == []


def test_mistakes_found_by_reading_are_reported_together_before_any_write(emu, alice, run_module):
    result = converge(run_module, alice, repositories=[
        dict(slug='no-name'),
        dict(name='x', project='NOPE'),
        dict(name='y', permissions=dict(users={'carol@example.com': 'read'})),
        dict(name='z', permissions=dict(users={'557058:ca201000-0000-4000-8000-000000000003': 'read'})),
    ])
    assert result.failed
    assert [e.split(': ', 1)[0] for e in result['errors']] == [
        'repositories[0].name', 'repositories[1].project', 'repositories[2].permissions.users.carol@example.com',
        'repositories[3].permissions.users.557058:ca201000-0000-4000-8000-000000000003']
    assert 'not a member of workspace acme' in result['errors'][2]
    assert writes(emu) == []


# --- users by email, uuid on declared hooks, unmanaged -------------------------------------------

def test_users_by_email(emu, alice, run_module, api):
    spec = dict(repositories=[dict(name='legacy-app', permissions=dict(users={'bob@example.com': 'admin'}))])
    result = converge(run_module, alice, **spec)
    assert not result.failed, result
    action = result['plan']['permissions'][0]
    assert (action['user_id'], action['account_id']) == ('bob@example.com', BOB)
    assert api.get('/repositories/acme/legacy-app/permissions-config/users/%s' % BOB)['permission'] == 'admin'
    lookups = [r for r in reads(emu) if r['path'] == '/2.0/workspaces/acme/members']
    assert len(lookups) == 1 and lookups[0]['query']['q'] == 'user.email IN ("bob@example.com")'
    emu.clear_requests()
    again = converge(run_module, alice, **spec)
    assert not again['changed'] and writes(emu) == []


def test_one_user_twice_is_refused(emu, alice, run_module):
    seed = load_sample()
    seed['workspaces'][0]['repositories'][0]['permissions']['users'] = {'bob@example.com': 'read'}
    emu.reset(seed=seed)
    result = converge(run_module, alice, repositories=[dict(name='legacy-app', permissions=dict(
        users={'bob@example.com': 'read', BOB: 'write'}))])
    assert result.failed
    assert result['errors'] == ['repositories[0].permissions.users.bob@example.com: is the same permission as '
                                'repositories[0].permissions.users.%s' % BOB]
    assert writes(emu) == []


def test_emails_are_looked_up_90_at_a_time(emu, alice, run_module):
    users = dict(('user%03d@example.com' % n, 'read') for n in range(95))
    users['bob@example.com'] = 'read'
    result = converge(run_module, alice, check_mode=True, repositories=[dict(name='legacy-app', permissions=dict(users=users))])
    assert result.failed
    assert len(result['errors']) == 95
    lookups = [r for r in reads(emu) if r['path'] == '/2.0/workspaces/acme/members']
    assert len(lookups) == 2


def test_email_lookup_refused_to_a_non_administrator_says_why(emu, run_module):
    bob = dict(api_url=emu.api_url, user='bob@example.com', password='bob-api-token', retries=0)
    result = run_module('bitbucket_workspace', dict(bob, workspace='acme', repositories=[
        dict(name='legacy-app', permissions=dict(users={'alice@example.com': 'read'}))]))
    assert result.failed
    assert 'HTTP 403' in result['msg'] and 'only workspace administrators may filter by email' in result['msg']


def test_permission_module_takes_an_email(emu, alice, run_module, api):
    args = dict(alice, workspace='acme', repository='legacy-app', user_id='bob@example.com', permission='read')
    result = run_module('bitbucket_permission', args)
    assert result['changed'] and result['permission']['account_id'] == BOB
    assert result['permission']['email'] == 'bob@example.com'
    assert api.get('/repositories/acme/legacy-app/permissions-config/users/%s' % BOB)['permission'] == 'read'
    assert not run_module('bitbucket_permission', args)['changed']
    outsider = run_module('bitbucket_permission', dict(args, user_id='carol@example.com'))
    assert outsider.failed and outsider['msg'].startswith('user_id: carol@example.com is not a member of workspace acme')


def _two_hooks_with_one_url(emu):
    seed = load_sample()
    repo = seed['workspaces'][0]['repositories'][0]
    repo['webhooks'].append(dict(url=LEGACY_HOOK, events=['repo:fork'], uuid='{4e6b0000-0000-4000-8000-00000000a1a2}'))
    emu.reset(seed=seed)


def test_uuid_on_a_declared_hook_picks_one_of_two_with_the_same_url(emu, alice, run_module, api):
    _two_hooks_with_one_url(emu)
    ambiguous = converge(run_module, alice, repositories=[dict(name='legacy-app', webhooks=[dict(url=LEGACY_HOOK)])])
    assert ambiguous.failed and 'give uuid to pick one' in ambiguous['msg']
    spec = dict(repositories=[dict(name='legacy-app', webhooks=[
        dict(url=LEGACY_HOOK, uuid='4E6B0000-0000-4000-8000-00000000A1A2', description='picked')])])
    result = converge(run_module, alice, **spec)
    assert not result.failed, result
    assert [a['uuid'] for a in result['plan']['webhooks']] == ['{4e6b0000-0000-4000-8000-00000000a1a2}']
    hooks = dict((h['uuid'], h) for h in api.get('/repositories/acme/legacy-app/hooks')['values'])
    assert hooks['{4e6b0000-0000-4000-8000-00000000a1a2}']['description'] == 'picked'
    assert hooks[LEGACY_HOOK_UUID]['description'] == 'Legacy CI'
    # The other hook is reported, not touched; with prune it goes.
    assert [(u['kind'], u['uuid']) for u in result['unmanaged']] == [('webhook', LEGACY_HOOK_UUID)]
    pruned = converge(run_module, alice, prune=True, **spec)
    assert pruned['applied'] == ['delete webhook %s of repository legacy-app' % LEGACY_HOOK]
    missing = converge(run_module, alice, repositories=[dict(name='legacy-app', webhooks=[
        dict(uuid='{00000000-0000-4000-8000-000000000000}', description='x')])])
    assert missing.failed and missing['msg'].startswith('repositories[0].webhooks[0].uuid: no webhook')


def test_lists_left_out_are_left_alone_and_unmanaged_objects_reported(emu, alice, run_module):
    result = converge(run_module, alice, prune=True, repositories=[
        dict(name='legacy-app', permissions=dict(groups=dict(developers='write')))])
    assert not result.failed and not result['changed']
    assert not any('/hooks' in r['path'] for r in emu.requests())
    kept = converge(run_module, alice, repositories=[dict(name='legacy-app', webhooks=[])])
    assert not kept['changed']
    assert [u['text'] for u in kept['unmanaged']] == ['webhook %s of repository legacy-app' % LEGACY_HOOK]


def test_near_limit_drops_to_one_request_in_flight(emu, alice, run_module):
    emu.reset(seed=base_seed())
    emu.set_faults(latency_ms=30)
    assert not converge(run_module, alice, **role_spec(4)).failed
    assert max(r['in_flight'] for r in emu.requests()) > 1
    emu.reset(seed=base_seed())
    emu.set_faults(latency_ms=30, rules=[dict(action='near_limit', every=1)])
    result = converge(run_module, alice, **role_spec(4))
    assert not result.failed, result
    log = emu.requests()
    assert len(log) == 41 and all(r['fault'] == 'near_limit' for r in log)
    # The first two reads go together; once their answers say the limit is near, one request at a time.
    assert [r['in_flight'] for r in log[2:]] == [1] * (len(log) - 2)


@pytest.mark.parametrize('parallel', [0, -1])
def test_parallel_must_be_positive(emu, alice, run_module, parallel):
    result = converge(run_module, alice, parallel=parallel)
    assert result.failed and result['msg'].startswith('parallel:')
    assert emu.requests() == []


def test_secrets_never_in_the_result(emu, alice, run_module):
    spec = dict(repositories=[dict(name='legacy-app', webhooks=[
        dict(url='https://ci.example.com/secret', events=['repo:push'], secret=SECRET)])])
    for check_mode in (True, False):
        result = converge(run_module, alice, check_mode=check_mode, **copy.deepcopy(spec))
        assert not result.failed
        assert SECRET not in str(result.result)


def test_a_membership_check_the_credentials_may_not_make_is_a_warning(emu, run_module, api):
    seed = load_sample()
    seed['users'][0]['api_tokens'].append(dict(token='alice-narrow-token', scopes=[
        'read:repository:bitbucket', 'admin:repository:bitbucket', 'write:permission:bitbucket']))
    emu.reset(seed=seed)
    narrow = dict(api_url=emu.api_url, user='alice@example.com', password='alice-narrow-token', retries=0)
    result = run_module('bitbucket_workspace', dict(narrow, workspace='acme', repositories=[
        dict(name='legacy-app', permissions=dict(users={BOB: 'read'}))]))
    assert not result.failed, result
    assert 'could not check that %s is a member' % BOB in str(result.get('warnings'))
    assert api.get('/repositories/acme/legacy-app/permissions-config/users/%s' % BOB)['permission'] == 'read'
