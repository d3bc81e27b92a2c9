# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Branching models in the workspace spec (bitbucket_workspace and its plan) against the emulator."""

REPO = '/2.0/repositories/acme/legacy-app/branching-model/settings'
PROJECT = '/2.0/workspaces/acme/projects/CORE/branching-model/settings'


def converge(run_module, alice, check_mode=False, **spec):
    return run_module('bitbucket_workspace', dict(alice, workspace='acme', **spec), check_mode=check_mode)


def writes(emu):
    return [(r['method'], r['path']) for r in emu.requests() if r['method'] != 'GET']


def settings_reads(emu):
    return sorted(r['path'] for r in emu.requests() if r['method'] == 'GET' and '/branching-model' in r['path'])


def get(api, path):
    return api.get(path[len('/2.0'):])


SPEC = dict(
    projects=[dict(key='core', branching_model=dict(development=dict(name='develop'), default_branch_deletion=True))],
    repositories=[
        dict(name='legacy-app', branching_model=dict(
            production=dict(enabled=True, use_mainbranch=True),
            branch_types=[dict(kind='release', prefix='rel/'), dict(kind='hotfix', enabled=False)])),
        dict(name='acme-cli'),
    ],
)


def test_check_real_again_reads_one_settings_object_per_declared_parent(emu, alice, run_module, api):
    emu.clear_requests()
    check = converge(run_module, alice, check_mode=True, **SPEC)
    assert not check.failed, check
    assert check['changed'] and writes(emu) == []
    assert check['summary']['branching_models'] == dict(create=0, update=2, delete=0)
    actions = dict((a['declared'], a) for a in check['plan']['branching_models'])
    assert actions['projects[0].branching_model']['changes'] == dict(
        development=dict(before=dict(name=None, use_mainbranch=True), after=dict(name='develop', use_mainbranch=False)),
        default_branch_deletion=dict(before=False, after=True))
    assert actions['repositories[0].branching_model']['changes']['branch_types'] == dict(
        before=[dict(kind='hotfix', enabled=True), dict(kind='release', prefix='release/')],
        after=[dict(kind='hotfix', enabled=False), dict(kind='release', prefix='rel/')])
    # the repository stops inheriting its project's model: one warning, at its place; none for the project
    inheriting = [w for w in check.warnings if 'stop inheriting' in w]
    assert len(inheriting) == 1 and inheriting[0].startswith('repositories[0].branching_model: ')
    assert settings_reads(emu) == sorted([REPO, PROJECT])

    real = converge(run_module, alice, **SPEC)
    assert not real.failed, real
    assert len(real['applied']) == 2
    assert get(api, PROJECT)['development']['name'] == 'develop' and get(api, PROJECT)['default_branch_deletion'] == 'true'
    settings = get(api, REPO)
    assert settings['production']['enabled'] is True
    assert dict((t['kind'], (t['prefix'], t['enabled'])) for t in settings['branch_types'])['release'] == ('rel/', True)

    emu.clear_requests()
    again = converge(run_module, alice, **SPEC)
    assert not again['changed'] and writes(emu) == []
    assert not any('stop inheriting' in w for w in again.warnings)
    # one settings GET per declared parent that declares a model; none for acme-cli, never a list
    assert settings_reads(emu) == sorted([REPO, PROJECT])


def test_prune_never_touches_a_model_and_it_is_never_unmanaged(emu, alice, run_module, api):
    assert not converge(run_module, alice, **SPEC).failed
    emu.clear_requests()
    pruned = converge(run_module, alice, prune=True, repositories=[dict(name='legacy-app', branching_model=dict())],
                      projects=[dict(key='CORE', branching_model=dict())])
    assert not pruned.failed and not pruned['changed'], pruned
    assert pruned['unmanaged'] == [] and writes(emu) == []
    assert get(api, REPO)['production']['enabled'] is True


def test_a_new_repository_gets_its_model_after_its_creation(emu, alice, run_module, api):
    spec = dict(repositories=[dict(name='fresh', project='CORE', branching_model=dict(
        development=dict(name='develop'), branch_types=[dict(kind='bugfix', enabled=False)]))])
    check = converge(run_module, alice, check_mode=True, **spec)
    assert not check.failed, check
    assert [a['action'] for a in check['plan']['branching_models']] == ['create']
    assert not any('/fresh/branching-model' in r['path'] for r in emu.requests())
    emu.clear_requests()
    real = converge(run_module, alice, **spec)
    assert not real.failed and len(real['applied']) == 2, real
    assert writes(emu) == [('POST', '/2.0/repositories/acme/fresh'),
                           ('PUT', '/2.0/repositories/acme/fresh/branching-model/settings')]
    assert get(api, '/2.0/repositories/acme/fresh/branching-model/settings')['development']['name'] == 'develop'
    assert not converge(run_module, alice, **spec)['changed']


def test_mistakes_are_reported_at_their_place_before_any_write(emu, alice, run_module):
    result = converge(run_module, alice, repositories=[
        dict(name='legacy-app', branching_model=dict(development=dict(name='develop', use_mainbranch=True))),
        dict(name='core-api', branching_model=dict(branch_types=[dict(kind='story', prefix='s/')])),
        dict(name='acme-cli', branching_model=dict(branch_types=[dict(kind='bugfix', prefix='a b/')],
                                                   production=dict(use_mainbranch=False))),
    ], projects=[dict(key='CORE', branching_model=dict(branch_types=[dict(kind='release'), dict(kind='release')]))])
    assert result.failed
    places = [e.split(': ', 1)[0] for e in result['errors']]
    assert places == ['projects[0].branching_model.branch_types[1].kind',
                      'repositories[0].branching_model.development.name',
                      'repositories[1].branching_model.branch_types[0].kind',
                      'repositories[2].branching_model.production.name',
                      'repositories[2].branching_model.branch_types[0].prefix'], result['errors']
    assert 'the branch type release is given twice (items 0 and 1)' in result['errors'][0]
    assert emu.requests() == []


def test_export_includes_own_models_only_and_provisioning_it_plans_nothing(emu, alice, run_module):
    from emulator.seed import load_sample
    seed = load_sample()
    workspace = seed['workspaces'][0]
    workspace['projects'][0]['branching_model'] = dict(development=dict(name='develop'), default_branch_deletion=True)
    # legacy-app (project LEGACY, default model) has a model of its own; core-api inherits CORE's
    workspace['repositories'][0]['branching_model'] = dict(branch_types=[dict(kind='bugfix', enabled=False)])
    emu.reset(seed=seed)
    exported = run_module('bitbucket_workspace_export', dict(alice, workspace='acme'))
    assert not exported.failed, exported
    spec = exported['spec']
    by_key = dict((p['key'], p) for p in spec['bitbucket_projects'])
    by_slug = dict((r['slug'], r) for r in spec['bitbucket_repositories'])
    assert by_key['CORE']['branching_model'] == dict(
        development=dict(name='develop', use_mainbranch=False), production=dict(enabled=False, use_mainbranch=True),
        branch_types=[dict(kind=k, prefix='%s/' % k, enabled=True) for k in ('bugfix', 'feature', 'hotfix', 'release')],
        default_branch_deletion=True)
    assert [t for t in by_slug['legacy-app']['branching_model']['branch_types'] if not t['enabled']] == [
        dict(kind='bugfix', prefix='bugfix/', enabled=False)]
    # the default model, and a repository that inherits its project's, are not exported as models of their own
    assert 'branching_model' not in by_key['LEGACY'] and 'branching_model' not in by_key['OSS']
    assert 'branching_model' not in by_slug['core-api'] and 'branching_model' not in by_slug['acme-cli']
    emu.clear_requests()
    plan = run_module('bitbucket_workspace_plan', dict(
        alice, workspace='acme', projects=spec['bitbucket_projects'], repositories=spec['bitbucket_repositories'],
        workspace_webhooks=spec['bitbucket_workspace_webhooks'], prune=True))
    assert not plan.failed, plan
    assert plan['summary']['total'] == 0 and plan.warnings == []
    assert writes(emu) == []


def test_a_model_that_is_not_in_force_is_told_apart():
    from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.branching_model import in_force
    settings = dict(development=dict(use_mainbranch=False, name='develop'), production=dict(enabled=False, use_mainbranch=True),
                    branch_types=[dict(kind='feature', prefix='feature/', enabled=True),
                                  dict(kind='bugfix', prefix='bugfix/', enabled=False)])
    applied = dict(development=dict(name='develop', use_mainbranch=False), branch_types=[dict(kind='feature', prefix='feature/')])
    assert in_force(settings, applied)
    # the repository inherits another model: its project's development branch, or another branch type
    assert not in_force(settings, dict(applied, development=dict(name='master', use_mainbranch=True)))
    assert not in_force(settings, dict(applied, branch_types=[dict(kind='feature', prefix='feat/')]))
    assert not in_force(settings, dict(applied, production=dict(name='master', use_mainbranch=True)))
