# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""repositories[].environments in bitbucket_workspace, against the emulator: plan, reads, prune, errors."""

from emulator.seed import load_sample

ENVS = '/2.0/repositories/acme/%s/environments'


def converge(run_module, alice, check_mode=False, **spec):
    return run_module('bitbucket_workspace', dict(alice, workspace='acme', **spec), check_mode=check_mode)


def writes(emu):
    return [(r['method'], r['path']) for r in emu.requests() if r['method'] != 'GET']


def reads(emu):
    return [r['path'] for r in emu.requests() if r['method'] == 'GET']


def stored(emu, slug):
    workspace = next(w for w in emu.state()['workspaces'] if w['slug'] == 'acme')
    return next(r for r in workspace['repositories'] if r['slug'] == slug)['environments']


def with_defaults(emu):
    """legacy-app and core-api with the environments Bitbucket may create by itself."""
    seed = load_sample()
    for repo in seed['workspaces'][0]['repositories']:
        if repo['slug'] in ('legacy-app', 'core-api'):
            repo['environments'] = [dict(name='Test'), dict(name='Staging'),
                                    dict(name='Production', variables=[dict(key='URL', value='https://prod')])]
    emu.reset(seed=seed)


def test_check_real_again_with_default_environments(emu, alice, run_module):
    with_defaults(emu)
    spec = dict(repositories=[
        dict(name='legacy-app', environments=[dict(name='Production', admin_only=True),
                                              dict(name='QA EU', environment_type='Test')]),
        dict(slug='core-api', environments=[dict(name='staging', environment_type='Staging')]),
    ])
    check = converge(run_module, alice, check_mode=True, **spec)
    assert not check.failed, check
    assert writes(emu) == []
    assert sorted(a['text'] for a in check['plan']['environments']) == [
        "create environment QA EU of repository legacy-app: admin_only=false, environment_type='Test', name='QA EU'",
        "update environment Production of repository legacy-app: admin_only false -> true",
        "update environment staging of repository core-api: name 'Staging' -> 'staging'",
    ]
    assert [a['declared'] for a in check['plan']['environments']] == [
        'repositories[0].environments[0]', 'repositories[0].environments[1]', 'repositories[1].environments[0]']
    # The environments it does not declare are reported, never planned for removal.
    assert sorted((u['repository'], u['name']) for u in check['unmanaged'] if u['kind'] == 'environment') == [
        ('core-api', 'Production'), ('core-api', 'Test'), ('legacy-app', 'Staging'), ('legacy-app', 'Test')]

    real = converge(run_module, alice, **spec)
    assert not real.failed, real
    assert len(real['applied']) == 3
    production = next(e for e in stored(emu, 'legacy-app') if e['name'] == 'Production')
    assert production['admin_only'] is True and production['variables'][0]['key'] == 'URL'
    assert [(e['name'], e['environment_type']) for e in stored(emu, 'legacy-app')][-1] == ('QA EU', 'Test')
    assert [e['name'] for e in stored(emu, 'core-api')] == ['Test', 'staging', 'Production']

    emu.clear_requests()
    again = converge(run_module, alice, **spec)
    assert not again.failed and not again['changed'], again
    assert writes(emu) == []
    # One environments list per declared repository, on top of the repository query.
    assert sorted(p for p in reads(emu) if p.endswith('/environments')) == [ENVS % 'core-api', ENVS % 'legacy-app']


def test_prune_never_removes_an_environment(emu, alice, run_module):
    with_defaults(emu)
    result = converge(run_module, alice, prune=True, repositories=[dict(name='legacy-app', environments=[])])
    assert not result.failed and not result['changed'], result
    assert writes(emu) == []
    assert sorted(u['name'] for u in result['unmanaged'] if u['kind'] == 'environment') == ['Production', 'Staging', 'Test']
    assert len(stored(emu, 'legacy-app')) == 3


def test_a_different_type_and_input_mistakes_are_reported_at_their_place_before_any_write(emu, alice, run_module):
    with_defaults(emu)
    result = converge(run_module, alice, repositories=[
        dict(name='legacy-app', environments=[dict(name='Production', environment_type='Test'), dict(name='New')]),
        dict(slug='core-api', environments=[dict(name='QA', environment_type='Test'), dict(name='qa', environment_type='Test'),
                                            dict(name=' x', environment_type='Development')]),
    ])
    assert result.failed
    assert writes(emu) == []
    assert sorted(result['errors']) == sorted([
        'repositories[1].environments[1].name: environment qa is declared twice, also in repositories[1].environments[0] '
        '(names match ignoring case)',
        "repositories[1].environments[2].name: must not start or end with spaces or hold control characters, got ' x'",
        "repositories[1].environments[2].environment_type: must be one of Test, Staging, Production, got 'Development'",
    ])
    # What the read finds comes next, all at once.
    result = converge(run_module, alice, repositories=[
        dict(name='legacy-app', environments=[dict(name='Production', environment_type='Test'), dict(name='New')])])
    assert result.failed and writes(emu) == []
    assert result['errors'][0].startswith('repositories[0].environments[0].environment_type: is Production on the existing '
                                          'environment Production of repository legacy-app and Bitbucket cannot change it')
    assert result['errors'][1] == ('repositories[0].environments[1].environment_type: is required to create environment '
                                   'New of repository legacy-app, which does not exist')


def test_environments_of_a_new_repository_are_created_after_it(emu, alice, run_module):
    spec = dict(repositories=[dict(name='fresh-app', environments=[dict(name='Production', environment_type='Production')])])
    check = converge(run_module, alice, check_mode=True, **spec)
    assert not check.failed, check
    # A repository that does not exist yet is not read.
    assert not any(p.endswith('/environments') for p in reads(emu))
    real = converge(run_module, alice, **spec)
    assert not real.failed, real
    assert writes(emu)[-1] == ('POST', ENVS % 'fresh-app')
    assert not converge(run_module, alice, **spec)['changed']
