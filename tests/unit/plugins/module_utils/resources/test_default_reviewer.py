# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Default reviewers in the workspace spec (bitbucket_workspace and its plan) against the emulator."""

from emulator.seed import load_sample

BOB = '557058:b0b00000-0000-4000-8000-000000000002'
BOB_UUID = '{b0b00000-0000-4000-8000-0000000000b2}'
ALICE = '557058:a11ce000-0000-4000-8000-000000000001'
CAROL = '557058:ca201000-0000-4000-8000-000000000003'
REPO_LIST = '/2.0/repositories/acme/legacy-app/default-reviewers'
PROJECT_LIST = '/2.0/workspaces/acme/projects/CORE/default-reviewers'


def converge(run_module, alice, check_mode=False, **spec):
    return run_module('bitbucket_workspace', dict(alice, workspace='acme', **spec), check_mode=check_mode)


def writes(emu):
    return [(r['method'], r['path']) for r in emu.requests() if r['method'] != 'GET']


def reads(emu, path):
    return [r for r in emu.requests() if r['method'] == 'GET' and r['path'] == path]


def reviewers(api, path):
    return sorted((v.get('user') or v)['account_id'] for v in api.get(path[len('/2.0'):])['values'])


SPEC = dict(
    projects=[dict(key='core', default_reviewers=[BOB_UUID])],
    repositories=[dict(name='legacy-app', default_reviewers=['bob@example.com']),
                  dict(name='acme-cli', default_reviewers=[])],
)


def test_check_real_again_reads_one_list_per_declared_parent(emu, alice, run_module, api):
    emu.clear_requests()
    check = converge(run_module, alice, check_mode=True, **SPEC)
    assert not check.failed, check
    assert check['changed'] and writes(emu) == []
    assert sorted(a['text'] for a in check['plan']['default_reviewers']) == sorted([
        "create default reviewer %s of project CORE in workspace acme: user_id='%s'" % (BOB_UUID, BOB_UUID),
        "create default reviewer bob@example.com of repository acme/legacy-app: user_id='bob@example.com'"])
    by_email = next(a for a in check['plan']['default_reviewers'] if a.get('repository'))
    assert (by_email['declared'], by_email['account_id']) == ('repositories[0].default_reviewers[0]', BOB)
    assert check['summary']['default_reviewers'] == dict(create=2, update=0, delete=0)
    assert reviewers(api, REPO_LIST) == []

    real = converge(run_module, alice, **SPEC)
    assert not real.failed, real
    assert real['changed'] and len(real['applied']) == 2
    assert reviewers(api, REPO_LIST) == [BOB] and reviewers(api, PROJECT_LIST) == [BOB]

    emu.clear_requests()
    again = converge(run_module, alice, **SPEC)
    assert not again['changed'] and writes(emu) == []
    # one reviewer list per declared parent that declares one (acme-cli's empty list too), nothing else per reviewer
    for path in (REPO_LIST, PROJECT_LIST, '/2.0/repositories/acme/acme-cli/default-reviewers'):
        assert len(reads(emu, path)) == 1, path
    assert not any('/default-reviewers/' in r['path'] for r in emu.requests())
    assert not any('/core-api/default-reviewers' in r['path'] for r in emu.requests())


def _seeded(emu):
    seed = load_sample()
    repo = seed['workspaces'][0]['repositories'][0]
    repo['default_reviewers'] = ['alice@example.com', 'bob@example.com']
    emu.reset(seed=seed)


def test_unmanaged_reported_then_pruned(emu, alice, run_module, api):
    _seeded(emu)
    spec = dict(repositories=[dict(name='legacy-app', default_reviewers=[BOB])])
    kept = converge(run_module, alice, **spec)
    assert not kept['changed'], kept
    assert [(u['kind'], u['user_id']) for u in kept['unmanaged']] == [('default_reviewer', ALICE)]
    assert reviewers(api, REPO_LIST) == sorted([ALICE, BOB])

    check = converge(run_module, alice, check_mode=True, prune=True, **spec)
    assert [a['text'] for a in check['plan']['default_reviewers']] == [
        'delete default reviewer %s of repository acme/legacy-app' % ALICE]
    assert check['diff'][0]['before']['user_id'] == ALICE and check['diff'][0]['after'] == {}
    emu.clear_requests()
    pruned = converge(run_module, alice, prune=True, **spec)
    assert pruned['changed'] and writes(emu) == [('DELETE', REPO_LIST + '/' + ALICE)]
    assert reviewers(api, REPO_LIST) == [BOB]
    assert not converge(run_module, alice, prune=True, **spec)['changed']
    # a list left out is left alone, even with prune
    emu.clear_requests()
    assert not converge(run_module, alice, prune=True, repositories=[dict(name='legacy-app')])['changed']
    assert reads(emu, REPO_LIST) == [] and reviewers(api, REPO_LIST) == [BOB]


def test_prune_of_a_project_list(emu, alice, run_module, api):
    seed = load_sample()
    seed['workspaces'][0]['projects'][0]['default_reviewers'] = ['bob@example.com']
    emu.reset(seed=seed)
    emu.clear_requests()
    pruned = converge(run_module, alice, prune=True, projects=[dict(key='CORE', default_reviewers=[])])
    assert pruned['changed'], pruned
    assert writes(emu) == [('DELETE', PROJECT_LIST + '/' + BOB)]
    assert reviewers(api, PROJECT_LIST) == []


def test_mistakes_are_reported_at_their_place_before_any_write(emu, alice, run_module):
    result = converge(run_module, alice, repositories=[
        dict(name='legacy-app', default_reviewers=['bob', BOB, BOB]),
        dict(name='core-api', default_reviewers=['carol@example.com', CAROL]),
    ], projects=[dict(key='CORE', default_reviewers=['{not-a-uuid'])])
    assert result.failed
    places = [e.split(': ', 1)[0] for e in result['errors']]
    assert places == ['projects[0].default_reviewers[0]', 'repositories[0].default_reviewers[0]',
                      'repositories[0].default_reviewers[2]'], result['errors']
    assert 'also in repositories[0].default_reviewers[1]' in result['errors'][2]
    assert writes(emu) == []
    # found by reading: users outside the workspace, by email and by account id
    result = converge(run_module, alice, repositories=[
        dict(name='core-api', default_reviewers=['carol@example.com', CAROL])])
    assert result.failed
    assert [e.split(': ', 1)[0] for e in result['errors']] == [
        'repositories[0].default_reviewers[0]', 'repositories[0].default_reviewers[1]']
    assert all('is not a member of workspace acme' in e for e in result['errors'])
    assert writes(emu) == []


def test_one_user_by_email_and_by_account_id_is_refused(emu, alice, run_module):
    _seeded(emu)
    result = converge(run_module, alice, repositories=[dict(name='legacy-app', default_reviewers=['bob@example.com', BOB])])
    assert result.failed
    assert result['errors'] == ['repositories[0].default_reviewers[1]: is the same default_reviewer as '
                                'repositories[0].default_reviewers[0]']


def test_a_new_repository_gets_its_reviewers_after_its_creation(emu, alice, run_module, api):
    spec = dict(repositories=[dict(name='fresh', project='CORE', default_reviewers=[BOB])])
    check = converge(run_module, alice, check_mode=True, **spec)
    assert not check.failed, check
    assert [a['action'] for a in check['plan']['default_reviewers']] == ['create']
    assert not any('/fresh/default-reviewers' in r['path'] for r in emu.requests())
    real = converge(run_module, alice, **spec)
    assert not real.failed and len(real['applied']) == 2
    assert reviewers(api, '/2.0/repositories/acme/fresh/default-reviewers') == [BOB]
    assert not converge(run_module, alice, **spec)['changed']


def test_export_includes_the_reviewers_and_provisioning_it_plans_nothing(emu, alice, run_module):
    seed = load_sample()
    seed['workspaces'][0]['repositories'][0]['default_reviewers'] = ['bob@example.com', 'alice@example.com']
    seed['workspaces'][0]['projects'][0]['default_reviewers'] = ['bob@example.com']
    emu.reset(seed=seed)
    exported = run_module('bitbucket_workspace_export', dict(alice, workspace='acme'))
    assert not exported.failed, exported
    spec = exported['spec']
    by_slug = dict((r['slug'], r) for r in spec['bitbucket_repositories'])
    by_key = dict((p['key'], p) for p in spec['bitbucket_projects'])
    assert by_slug['legacy-app']['default_reviewers'] == sorted([ALICE, BOB])
    assert by_key['CORE']['default_reviewers'] == [BOB]
    assert 'default_reviewers' not in by_slug['core-api'] and 'default_reviewers' not in by_key['OSS']
    emu.clear_requests()
    plan = run_module('bitbucket_workspace_plan', dict(
        alice, workspace='acme', projects=spec['bitbucket_projects'], repositories=spec['bitbucket_repositories'],
        workspace_webhooks=spec['bitbucket_workspace_webhooks'], prune=True))
    assert not plan.failed, plan
    assert plan['summary']['total'] == 0 and plan['unmanaged'] == []
    assert writes(emu) == []
