# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""repositories[].branch_restrictions in the workspace spec (bitbucket_workspace, _plan, _export) against the emulator."""

import requests

BOB = '557058:b0b00000-0000-4000-8000-000000000002'
BOB_UUID = '{b0b00000-0000-4000-8000-0000000000b2}'
CAROL = '557058:ca201000-0000-4000-8000-000000000003'
LEGACY = '/repositories/acme/legacy-app/branch-restrictions'
CORE = '/repositories/acme/core-api/branch-restrictions'

RESTRICTIONS = [
    dict(kind='push', pattern='master', users=['bob@example.com'], groups=['admins']),
    dict(kind='delete', pattern='master'),
    dict(kind='require_approvals_to_merge', branch_type='production', value=2),
    dict(kind='restrict_merges', pattern='release/*'),
]


def converge(run_module, alice, check_mode=False, module='bitbucket_workspace', **spec):
    return run_module(module, dict(alice, workspace='acme', **spec), check_mode=check_mode)


def writes(emu):
    return [(r['method'], r['path']) for r in emu.requests() if r['method'] != 'GET']


def listed(emu, path):
    session = requests.Session()
    session.auth = ('alice@example.com', 'alice-api-token')
    reply = session.get(emu.api_url + path, params={'pagelen': 100})
    assert reply.status_code == 200
    return reply.json()['values']


def post(emu, path, body):
    session = requests.Session()
    session.auth = ('alice@example.com', 'alice-api-token')
    reply = session.post(emu.api_url + path, json=body)
    assert reply.status_code == 201, reply.text
    return reply.json()


def delete(emu, path):
    session = requests.Session()
    session.auth = ('alice@example.com', 'alice-api-token')
    assert session.delete(emu.api_url + path).status_code == 204


def test_check_real_again_and_the_reads_of_an_idempotent_plan(emu, alice, run_module):
    spec = dict(repositories=[dict(name='legacy-app', branch_restrictions=RESTRICTIONS),
                              dict(slug='core-api', branch_restrictions=[dict(kind='force', pattern='*')]),
                              dict(name='acme-cli'),
                              dict(name='new-app', project='CORE', branch_restrictions=[dict(kind='delete', pattern='main')])])
    check = converge(run_module, alice, check_mode=True, **spec)
    assert not check.failed, check
    assert check['summary']['branch_restrictions'] == dict(create=6, update=0, delete=0)
    assert check["summary"]["total"] == 7, check["differences"]
    assert len(check['diff']) == 7 and writes(emu) == []
    push = next(a for a in check['plan']['branch_restrictions'] if a['kind'] == 'push')
    # The email is shown as the account it names.
    assert push['changes']['users'] == dict(before=None, after=[BOB]) and push['declared'] == 'repositories[0].branch_restrictions[0]'
    assert "create branch restriction push on pattern master of repository legacy-app: groups=['admins'], kind='push'," \
           " users=['%s']" % BOB in check['differences']

    done = converge(run_module, alice, **spec)
    assert not done.failed, done
    assert len(done['applied']) == 7
    # Applied a few at a time in parallel: in any order.
    made = sorted(listed(emu, LEGACY), key=lambda r: r['kind'])
    assert [(r['kind'], r['pattern'], r.get('branch_type'), r.get('value')) for r in made] == [
        ('delete', 'master', None, None), ('push', 'master', None, None),
        ('require_approvals_to_merge', '', 'production', 2), ('restrict_merges', 'release/*', None, None)]
    assert [u['account_id'] for u in made[1]['users']] == [BOB] and [g['slug'] for g in made[1]['groups']] == ['admins']
    # push and restrict_merges are created with empty lists when none are given: nobody is exempt.
    assert made[3]['users'] == [] and made[3]['groups'] == []
    assert len(listed(emu, '/repositories/acme/new-app/branch-restrictions')) == 1

    emu.clear_requests()
    again = converge(run_module, alice, module='bitbucket_workspace_plan', **spec)
    assert again['summary']['total'] == 0 and again['unmanaged'] == []
    assert writes(emu) == []
    # One restriction list per declared repository that declares them, one page each; none for acme-cli.
    paths = [r['path'] for r in emu.requests() if r['path'].endswith('/branch-restrictions')]
    assert sorted(paths) == sorted('/2.0/repositories/acme/%s/branch-restrictions' % s for s in ('legacy-app', 'core-api', 'new-app'))


def test_changes_compare_users_and_groups_as_sets(emu, alice, run_module):
    made = post(emu, LEGACY, dict(kind='push', pattern='master', users=[dict(account_id=BOB)], groups=[dict(slug='admins')]))
    same = [dict(kind='push', pattern='master', users=[BOB_UUID, 'bob@example.com'], groups=['admins', 'admins'])]
    assert converge(run_module, alice, repositories=[dict(name='legacy-app', branch_restrictions=same)])['changed'] is False
    emu.clear_requests()
    changed = [dict(kind='push', pattern='master', users=[], groups=['developers', 'admins'])]
    result = converge(run_module, alice, repositories=[dict(name='legacy-app', branch_restrictions=changed)])
    assert result['summary']['branch_restrictions'] == dict(create=0, update=1, delete=0)
    assert result['plan']['branch_restrictions'][0]['changes'] == dict(
        users=dict(before=[BOB], after=[]), groups=dict(before=['admins'], after=['admins', 'developers']))
    assert writes(emu) == [('PUT', '/2.0%s/%d' % (LEGACY, made['id']))]
    now = listed(emu, LEGACY)[0]
    assert now['users'] == [] and sorted(g['slug'] for g in now['groups']) == ['admins', 'developers']


def test_input_errors_at_their_places_before_any_call(emu, alice, run_module):
    result = converge(run_module, alice, repositories=[dict(name='legacy-app', branch_restrictions=[
        dict(kind='protect', pattern='main'),
        dict(kind='delete', pattern='main', value=1),
        dict(kind='require_approvals_to_merge', pattern='main', value=1, users=[BOB]),
        dict(kind='delete', pattern='main', branch_type='production'),
        dict(kind='force', branch_type='main'),
        dict(kind='force', pattern='main'),
        dict(kind='force', pattern='main'),
        dict(pattern='main'),
    ])])
    assert result.failed
    assert [e.split(': ', 1)[0] for e in result['errors']] == [
        'repositories[0].branch_restrictions[0].kind', 'repositories[0].branch_restrictions[1].value',
        'repositories[0].branch_restrictions[2].users', 'repositories[0].branch_restrictions[3].pattern',
        'repositories[0].branch_restrictions[4].branch_type', 'repositories[0].branch_restrictions[7].kind',
        'repositories[0].branch_restrictions[6]']
    assert 'same restriction as repositories[0].branch_restrictions[5]' in result['errors'][6]
    assert emu.requests() == []


def test_users_who_are_not_members_are_refused_before_any_write(emu, alice, run_module):
    result = converge(run_module, alice, repositories=[dict(name='legacy-app', branch_restrictions=[
        dict(kind='push', pattern='main', users=['carol@example.com']),
        dict(kind='restrict_merges', pattern='main', users=[CAROL, BOB]),
        dict(kind='require_passing_builds_to_merge', pattern='main'),
    ])])
    assert result.failed
    assert result['errors'] == [
        'repositories[0].branch_restrictions[0].users: carol@example.com is not a member of workspace acme; Bitbucket '
        'grants access only to workspace members',
        'repositories[0].branch_restrictions[2].value: is required to create branch restriction '
        'require_passing_builds_to_merge on pattern main of repository legacy-app: the minimum number of passing builds',
        'repositories[0].branch_restrictions[1].users: %s is not a member of workspace acme; Bitbucket grants access '
        'only to workspace members' % CAROL]
    assert writes(emu) == []
    # bob is checked once among the members, carol once; no other member read.
    member_reads = sorted(r['path'] for r in emu.requests() if '/members/' in r['path'])
    assert member_reads == ['/2.0/workspaces/acme/members/%s' % u for u in sorted([BOB, CAROL])]


def test_prune_removes_undeclared_restrictions_and_unmanaged_ones_are_reported(emu, alice, run_module):
    kept = post(emu, LEGACY, dict(kind='delete', pattern='master'))
    post(emu, LEGACY, dict(kind='force', pattern='master'))
    post(emu, CORE, dict(kind='force', pattern='master'))
    spec = dict(repositories=[dict(name='legacy-app', branch_restrictions=[dict(kind='delete', pattern='master')]),
                              dict(slug='core-api')])
    plan = converge(run_module, alice, module='bitbucket_workspace_plan', **spec)
    assert plan['summary']['total'] == 0
    assert [u['text'] for u in plan['unmanaged'] if u['kind'] == 'branch_restriction'] == [
        'branch restriction force on pattern master of repository legacy-app']
    emu.clear_requests()
    pruned = converge(run_module, alice, prune=True, **spec)
    assert pruned['summary']['branch_restrictions'] == dict(create=0, update=0, delete=1)
    assert pruned['differences'] == ['delete branch restriction force on pattern master of repository legacy-app']
    # core-api's list is not declared: left alone, not even read.
    assert '/2.0' + CORE not in [r['path'] for r in emu.requests()]
    assert [r['id'] for r in listed(emu, LEGACY)] == [kept['id']]
    assert len(listed(emu, CORE)) == 1
    emptied = converge(run_module, alice, prune=True, repositories=[dict(name='legacy-app', branch_restrictions=[])])
    assert emptied['summary']['branch_restrictions']['delete'] == 1 and listed(emu, LEGACY) == []


def test_a_restriction_deleted_by_hand_is_planned_again(emu, alice, run_module):
    spec = dict(repositories=[dict(name='legacy-app', branch_restrictions=RESTRICTIONS[1:3])])
    assert not converge(run_module, alice, **spec).failed
    made = [r for r in listed(emu, LEGACY) if r['kind'] == 'delete']
    delete(emu, '%s/%d' % (LEGACY, made[0]['id']))
    plan = converge(run_module, alice, module='bitbucket_workspace_plan', **spec)
    assert plan['differences'] == ['create branch restriction delete on pattern master of repository legacy-app: kind=\'delete\'']


def test_export_includes_restrictions_and_provisioning_it_plans_nothing(emu, alice, run_module):
    post(emu, LEGACY, dict(kind='restrict_merges', pattern='master', users=[dict(uuid=BOB_UUID)], groups=[dict(slug='admins')]))
    post(emu, LEGACY, dict(kind='require_approvals_to_merge', branch_match_kind='branching_model', branch_type='release', value=1))
    post(emu, LEGACY, dict(kind='delete', pattern='*'))
    exported = run_module('bitbucket_workspace_export', dict(alice, workspace='acme'))
    assert not exported.failed, exported
    legacy = next(r for r in exported['spec']['bitbucket_repositories'] if r['slug'] == 'legacy-app')
    assert legacy['branch_restrictions'] == [
        dict(kind='delete', pattern='*'),
        dict(kind='require_approvals_to_merge', branch_type='release', value=1),
        dict(kind='restrict_merges', pattern='master', users=[BOB], groups=['admins'])]
    assert all('branch_restrictions' not in r for r in exported['spec']['bitbucket_repositories'] if r['slug'] != 'legacy-app')
    spec = exported['spec']
    plan = converge(run_module, alice, module='bitbucket_workspace_plan', prune=True, projects=spec['bitbucket_projects'],
                    repositories=spec['bitbucket_repositories'], workspace_webhooks=spec['bitbucket_workspace_webhooks'])
    assert not plan.failed, plan
    assert plan["summary"]["total"] == 0 and plan["unmanaged"] == [], plan["differences"]
