# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""bitbucket_workspace_plan against the emulator: what it plans, what it reads, and that it agrees with the modules."""

import json
import time

import pytest

from emulator.seed import bulk_repositories, load_sample

BOB = '557058:b0b00000-0000-4000-8000-000000000002'
BOB_UUID = '{b0b00000-0000-4000-8000-0000000000b2}'
LEGACY_HOOK = 'https://ci.example.com/hooks/legacy-app'
AUDIT_HOOK = 'https://audit.example.com/bitbucket'
SECRET = 'hook-secret-that-must-not-leak'

SPEC = dict(
    projects=[dict(key='OPS', name='Operations', description='Infrastructure code', is_private=True,
                   permissions=dict(groups=dict(admins='admin'), users={BOB: 'create-repo'}))],
    repositories=[
        dict(name='infra-live', project='OPS', description='Terraform', is_private=True, fork_policy='no_forks',
             webhooks=[dict(url='https://ci.example.com/bitbucket/infra-live', events=['repo:push', 'pullrequest:created'],
                            secret=SECRET)],
             permissions=dict(groups=dict(developers='write'))),
        dict(name='legacy-app', project='LEGACY', description='The old monolith, read-only',
             webhooks=[dict(url=LEGACY_HOOK, events=['pullrequest:created', 'repo:push'])],
             permissions=dict(groups=dict(developers='read'))),
    ],
)


def plan(run_module, alice, check_mode=False, **spec):
    return run_module('bitbucket_workspace_plan', dict(alice, workspace='acme', **spec), check_mode=check_mode)


def writes(emu):
    return [r for r in emu.requests() if r['method'] != 'GET']


def reads(emu):
    return [r for r in emu.requests() if r['method'] == 'GET']


def by(actions, **match):
    return [a for a in actions if all(a.get(k) == v for k, v in match.items())]


# --- input is checked before any API call ------------------------------------------------------

@pytest.mark.parametrize('spec, option', [
    (dict(repositories=[dict(name='x', webhooks=[dict(url='https://ci.example.com', events=['repo:psuh'])])]),
     'repositories[0].webhooks[0].events'),
    (dict(projects=[dict(key='OPS', permissions=dict(groups=dict(developers='owner')))]),
     'projects[0].permissions.groups.developers'),
    (dict(repositories=[dict(name='x', permissions=dict(groups=dict(developers='create-repo')))]),
     'repositories[0].permissions.groups.developers'),
    (dict(repositories=[dict(name='x', permissions=dict(users={'bob@': 'read'}))]),
     'repositories[0].permissions.users.bob@'),
    (dict(projects=[dict(key='1OPS', name='Ops')]), 'projects[0].key'),
    (dict(repositories=[dict(name='a'), dict(slug='b'), dict(name='B')]), 'repositories[2].name'),
    (dict(repositories=[dict(name='x', webhooks=[dict(url='https://a.example.com', events=['repo:push']),
                                                 dict(url='https://a.example.com', events=['repo:fork'])])]),
     'repositories[0].webhooks[1].url'),
    (dict(repositories=[dict(name='x', webhooks=[dict(url='ftp://a.example.com')])]), 'repositories[0].webhooks[0].url'),
    (dict(repositories=[dict(description='no name')]), 'repositories[0].name'),
    (dict(workspace_webhooks=[dict(url='https://a.example.com', events=[])]), 'workspace_webhooks[0].events'),
])
def test_invalid_input_fails_before_any_call_naming_its_place(emu, alice, run_module, spec, option):
    result = plan(run_module, alice, **spec)
    assert result.failed, result
    assert result['msg'].startswith(option + ':'), result['msg']
    assert emu.requests() == []


def test_unknown_key_is_refused_before_any_call(emu, alice, run_module):
    result = plan(run_module, alice, repositories=[dict(name='x', permisions=dict(groups=dict(developers='read')))])
    assert result.failed
    assert 'permisions' in result['msg']
    assert emu.requests() == []


def test_bad_secret_never_echoed(emu, alice, run_module):
    result = plan(run_module, alice, repositories=[dict(name='x', webhooks=[dict(
        url='https://a.example.com', events=['repo:push'], secret=SECRET + 'x' * 200)])])
    assert result.failed
    assert result['msg'].startswith('repositories[0].webhooks[0].secret:')
    assert SECRET not in json.dumps(result.result)
    assert emu.requests() == []


# --- what it plans -------------------------------------------------------------------------------

def test_plans_the_sample_spec_without_writing(emu, alice, run_module):
    result = plan(run_module, alice, **SPEC)
    assert not result.failed, result
    assert result['changed'] is False
    assert writes(emu) == []
    p = result['plan']
    assert p['projects'] == [dict(action='create', workspace='acme', key='OPS', declared='projects[0]', changes=dict(
        name=dict(before=None, after='Operations'), description=dict(before=None, after='Infrastructure code'),
        is_private=dict(before=None, after=True)),
        text="create project OPS: description='Infrastructure code', is_private=true, name='Operations'")]
    assert [(a['action'], a['slug']) for a in p['repositories']] == [('create', 'infra-live'), ('update', 'legacy-app')]
    assert p['repositories'][1]['changes'] == dict(
        description=dict(before='The old monolith', after='The old monolith, read-only'))
    hooks = p['webhooks']
    assert [(a['action'], a['repository'], a['url']) for a in hooks] == [
        ('create', 'infra-live', 'https://ci.example.com/bitbucket/infra-live')]
    assert hooks[0]['changes']['secret_set'] == dict(before=None, after=True)
    grants = [(a['action'], a.get('project') or a.get('repository'), a.get('group') or a.get('user_id'),
               a['changes']['permission']['after']) for a in p['permissions']]
    assert grants == [('create', 'OPS', BOB, 'create-repo'), ('create', 'OPS', 'admins', 'admin'),
                      ('create', 'infra-live', 'developers', 'write'), ('update', 'legacy-app', 'developers', 'read')]
    planned = ('projects', 'repositories', 'webhooks', 'permissions', 'total')
    assert dict((k, result['summary'][k]) for k in planned) == dict(projects=dict(create=1, update=0, delete=0),
                                                                    repositories=dict(create=1, update=1, delete=0),
                                                                    webhooks=dict(create=1, update=0, delete=0),
                                                                    permissions=dict(create=3, update=1, delete=0), total=8)
    # The other kinds (deploy keys, ...) are not in this spec: nothing planned for them.
    assert all(v == dict(create=0, update=0, delete=0) for k, v in result['summary'].items() if k not in planned)
    assert len(result['differences']) == 8
    assert sorted(result['differences']) == sorted(a['text'] for kind in ('projects', 'repositories', 'webhooks',
                                                                          'permissions') for a in p[kind])
    assert "update repository legacy-app: description 'The old monolith' -> 'The old monolith, read-only'" \
        in result['differences']
    assert SECRET not in json.dumps(result.result)


def test_check_mode_plans_the_same(emu, alice, run_module):
    real = plan(run_module, alice, **SPEC)
    checked = plan(run_module, alice, check_mode=True, **SPEC)
    assert checked['plan'] == real['plan']
    assert checked['changed'] is False


def test_reads_only_what_the_spec_declares(emu, alice, run_module):
    result = plan(run_module, alice, **SPEC)
    assert not result.failed, result
    paths = sorted(r['path'] for r in emu.requests())
    # legacy-app: its hooks and group grants (no user grant declared, no prune); infra-live does not exist yet;
    # bob, who would be granted create-repo on the new project OPS, is checked against the members.
    assert paths == sorted([
        '/2.0/workspaces/acme/members/' + BOB,
        '/2.0/workspaces/acme/projects',
        '/2.0/repositories/acme',
        '/2.0/repositories/acme/legacy-app/hooks',
        '/2.0/repositories/acme/legacy-app/permissions-config/groups',
    ]), paths
    repository_list = next(r for r in emu.requests() if r['path'] == '/2.0/repositories/acme')
    assert 'slug IN' in json.dumps(repository_list['query'])


def test_a_repository_in_an_unknown_project_fails_before_any_write(emu, alice, run_module):
    result = plan(run_module, alice, repositories=[dict(name='x', project='NOPE')])
    assert result.failed
    assert result['msg'].startswith('repositories[0].project: project NOPE does not exist')
    assert writes(emu) == []


def test_a_new_object_without_its_required_options_fails(emu, alice, run_module):
    result = plan(run_module, alice, repositories=[dict(slug='brand-new')])
    assert result.failed
    assert result['msg'].startswith('repositories[0].name: is required to create repository')
    result = plan(run_module, alice, repositories=[dict(name='legacy-app', webhooks=[dict(url='https://new.example.com')])])
    assert result['msg'].startswith('repositories[0].webhooks[0].events: is required to create webhook')
    assert writes(emu) == []


def test_an_ambiguous_webhook_url_fails_naming_it(emu, alice, run_module, api):
    seed = load_sample()
    repo = seed['workspaces'][0]['repositories'][0]
    repo['webhooks'].append(dict(url=LEGACY_HOOK, events=['repo:fork']))
    emu.reset(seed=seed)
    result = plan(run_module, alice, repositories=[dict(name='legacy-app', webhooks=[dict(url=LEGACY_HOOK)])])
    assert result.failed
    assert result['msg'].startswith('repositories[0].webhooks[0].url: 2 webhooks of repository acme/legacy-app')


def test_prune_plans_removals_only_on_declared_objects(emu, alice, run_module):
    # Prune acts on the lists given (webhooks: [], permissions: {}); the project's users list is exact too.
    result = plan(run_module, alice, prune=True, repositories=[dict(name='legacy-app', webhooks=[], permissions={})],
                  projects=[dict(key='LEGACY', permissions=dict(groups=dict(admins='admin')))])
    assert not result.failed, result
    p = result['plan']
    assert p['projects'] == [] and p['repositories'] == []
    assert [(a['action'], a['url'], a['uuid']) for a in p['webhooks']] == [
        ('delete', LEGACY_HOOK, '{4e6b0000-0000-4000-8000-00000000a1a1}')]
    assert p['webhooks'][0]['declared'] is None
    # The group grant of legacy-app goes; the declared project grant stays; nothing on undeclared CORE.
    assert [(a['action'], a.get('repository'), a.get('group')) for a in p['permissions']] == [
        ('delete', 'legacy-app', 'developers')]
    assert 'delete permission of group developers on repository legacy-app (write)' in result['differences']
    assert not any('core' in r['path'] for r in emu.requests())
    # Workspace webhooks are left alone unless given.
    assert not any(r['path'] == '/2.0/workspaces/acme/hooks' for r in emu.requests())


def test_prune_with_empty_workspace_webhooks_removes_them(emu, alice, run_module):
    result = plan(run_module, alice, prune=True, workspace_webhooks=[])
    assert [(a['action'], a['repository'], a['url']) for a in result['plan']['webhooks']] == [
        ('delete', None, AUDIT_HOOK)]
    kept = plan(run_module, alice, prune=True, workspace_webhooks=[dict(url=AUDIT_HOOK)])
    assert kept['plan']['webhooks'] == []


def test_without_prune_nothing_is_removed(emu, alice, run_module):
    result = plan(run_module, alice, repositories=[dict(name='legacy-app')], workspace_webhooks=[])
    assert result['summary']['total'] == 0
    assert not any('/hooks' in r['path'] and 'legacy' in r['path'] for r in emu.requests())


def test_user_grants_match_by_account_id_or_uuid(emu, alice, run_module, api):
    seed = load_sample()
    seed['workspaces'][0]['repositories'][0]['permissions']['users'] = {'bob@example.com': 'write'}
    emu.reset(seed=seed)
    for user_id in (BOB, BOB_UUID):
        result = plan(run_module, alice, prune=True, repositories=[dict(
            name='legacy-app', webhooks=[dict(url=LEGACY_HOOK)],
            permissions=dict(users={user_id: 'write'}, groups=dict(developers='write')))])
        assert result['summary']['total'] == 0, result['plan']


def test_secret_is_planned_only_when_the_hook_has_none(emu, alice, run_module):
    has_secret = plan(run_module, alice, repositories=[dict(name='legacy-app', webhooks=[dict(url=LEGACY_HOOK, secret=SECRET)])])
    assert has_secret['summary']['total'] == 0
    rotate = plan(run_module, alice, repositories=[dict(name='legacy-app', webhooks=[dict(
        url=LEGACY_HOOK, secret=SECRET, secret_update='always')])])
    assert [a['action'] for a in rotate['plan']['webhooks']] == ['update']
    assert SECRET not in json.dumps(rotate.result)


def test_a_failed_read_fails_the_plan(emu, run_module):
    bob = dict(api_url=emu.api_url, user='bob@example.com', password='bob-api-token', retries=0)
    result = run_module('bitbucket_workspace_plan', dict(bob, workspace='acme', prune=True,
                                                         repositories=[dict(name='legacy-app', permissions={})]))
    assert result.failed
    assert 'HTTP 403' in result['msg']


def test_retried_reads_are_reported(emu, alice, run_module):
    emu.set_faults(rules=[dict(status=429, every=3)])
    result = plan(run_module, alice, **SPEC)
    assert not result.failed, result
    assert result['summary']['total'] == 8
    assert 'were retried' in json.dumps(result.get('warnings'))


# --- the plan and the modules agree ---------------------------------------------------------------

def module_args(kind, action, spec):
    """What the role passes to the per-resource module for one planned action (roles/workspace_provision)."""
    after = dict((k, v['after']) for k, v in action['changes'].items())
    if kind == 'projects':
        return 'bitbucket_project', dict(workspace=action['workspace'], key=action['key'], **after)
    if kind == 'repositories':
        return 'bitbucket_repo', dict(workspace=action['workspace'], slug=action['slug'], **after)
    if kind == 'webhooks':
        args = dict((k, v) for k, v in after.items() if k not in ('secret_set', 'secret'))
        args.update(workspace=action['workspace'], url=action['url'],
                    state='absent' if action['action'] == 'delete' else 'present')
        for key in ('repository', 'uuid'):
            if action.get(key):
                args[key] = action[key]
        if action['declared']:
            index = [int(n) for n in action['declared'].replace(']', '[').split('[') if n.isdigit()]
            declared = spec['workspace_webhooks'][index[0]] if action['repository'] is None \
                else spec['repositories'][index[0]]['webhooks'][index[1]]
            for key in ('secret', 'secret_update'):
                if declared.get(key):
                    args[key] = declared[key]
        return 'bitbucket_webhook', args
    args = dict((k, action[k]) for k in ('workspace', 'repository', 'project', 'user_id', 'group') if k in action)
    args.update(after, state='absent' if action['action'] == 'delete' else 'present')
    return 'bitbucket_permission', args


def apply(run_module, alice, result, spec):
    for kind in ('projects', 'repositories', 'webhooks', 'permissions'):
        for action in result['plan'][kind]:
            name, args = module_args(kind, action, spec)
            applied = run_module(name, dict(alice, **args))
            assert not applied.failed, (action, applied)
            assert applied['changed'] is True, (action, applied)


def test_applying_the_plan_with_the_modules_converges(emu, alice, run_module, api):
    spec = dict(SPEC, prune=True, workspace_webhooks=[dict(url='https://audit.example.com/v2', events=['repo:created'])])
    first = plan(run_module, alice, **spec)
    assert first['summary']['total'] == 10, first['differences']
    apply(run_module, alice, first, spec)
    again = plan(run_module, alice, **spec)
    assert again['summary']['total'] == 0, again['differences']
    hook = api.get('/repositories/acme/infra-live/hooks')['values'][0]
    assert hook['secret_set'] is True
    assert [h['url'] for h in api.get('/workspaces/acme/hooks')['values']] == ['https://audit.example.com/v2']


# --- bulk reading: how many calls, how fast ------------------------------------------------------

def big_workspace(repositories=100):
    seed = load_sample()
    acme = seed['workspaces'][0]
    acme['projects'].extend(dict(key='P%d' % n, name='Project %d' % n) for n in range(3))
    repos = []
    for number, entry in enumerate(bulk_repositories(repositories, name_format='service-{:03d}')):
        entry.update(project='P%d' % (number % 3), description='Service %d' % number)
        entry['webhooks'] = [dict(url='https://ci.example.com/%s' % entry['name'], events=['repo:push']),
                             dict(url='https://chat.example.com/%s' % entry['name'], events=['pullrequest:created'])]
        entry['permissions'] = dict(groups=dict(developers='write'), users={'bob@example.com': 'admin'})
        repos.append(entry)
    acme['repositories'].extend(repos)
    spec = dict(repositories=[dict(name=r['name'], project=r['project'], description=r['description'],
                                   webhooks=[dict(url=h['url'], events=h['events']) for h in r['webhooks']],
                                   permissions=dict(groups=dict(developers='write'), users={BOB: 'admin'}))
                              for r in repos])
    return seed, spec


def test_a_converged_100_repository_workspace_costs_the_floor_of_reads(emu, alice, run_module):
    seed, spec = big_workspace(100)
    emu.reset(seed=seed)
    result = plan(run_module, alice, **spec)
    assert not result.failed, result
    assert result['summary']['total'] == 0, result['differences'][:5]
    assert writes(emu) == []
    # The design's floor: 1 project list + 1 repository list + 100 hook lists + 2 x 100 grant lists.
    assert len(reads(emu)) == 302
    emu.clear_requests()
    pruned = plan(run_module, alice, prune=True, **spec)
    assert pruned['summary']['total'] == 0, pruned['differences'][:5]
    assert len(reads(emu)) == 302
    assert writes(emu) == []
    # Declaring only group grants, without prune, spares the user-grant lists.
    emu.clear_requests()
    for repository in spec['repositories']:
        del repository['permissions']['users']
    assert plan(run_module, alice, **spec)['summary']['total'] == 0
    assert len(reads(emu)) == 202


def test_reads_run_in_parallel(emu, alice, run_module):
    seed, spec = big_workspace(40)
    emu.reset(seed=seed)
    emu.set_faults(latency_ms=100)
    started = time.monotonic()
    result = plan(run_module, alice, **spec)
    elapsed = time.monotonic() - started
    assert result['summary']['total'] == 0
    # One by one, 122 reads at 100 ms cannot take less than 12.2 s; four at a time take about 3 s.
    assert len(reads(emu)) == 122
    assert elapsed < 0.6 * 122 * 0.1, elapsed
