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


# --- the variables each environment carries (nested lists) ------------------------------------------

SECRET = 'Kp7-deploy-token-never-shown-3Qz'


def variables_spec():
    return dict(repositories=[
        dict(name='legacy-app', environments=[
            dict(name='Production', variables=[dict(key='URL', value='https://prod.example.com'),
                                               dict(key='TOKEN', value=SECRET, secured=True)]),
            dict(name='QA', environment_type='Test', variables=[dict(key='URL', value='https://qa.example.com')]),
            dict(name='Staging'),
        ]),
        dict(slug='core-api', environments=[dict(name='Production', variables=[dict(key='URL')])]),
    ])


def variables_of(emu, slug, name):
    return dict((v['key'], v) for v in next(e for e in stored(emu, slug) if e['name'] == name)['variables'])


def test_variables_check_real_again(emu, alice, run_module):
    with_defaults(emu)
    spec = variables_spec()
    check = converge(run_module, alice, check_mode=True, **spec)
    assert not check.failed, check
    assert writes(emu) == []
    assert sorted((a['action'], a['declared']) for a in check['plan']['pipeline_variables']) == [
        ('create', 'repositories[0].environments[0].variables[1]'),
        ('create', 'repositories[0].environments[1].variables[0]'),
        ('update', 'repositories[0].environments[0].variables[0]')]
    texts = sorted(a['text'] for a in check['plan']['pipeline_variables'])
    assert texts[0].startswith('create pipeline variable TOKEN of environment Production of repository legacy-app')
    # Values are no_log options: Ansible masks them in the whole result, secured or not.
    assert texts[1] == ("create pipeline variable URL of environment QA of repository legacy-app: key='URL', "
                        "secured=false, value='********'")
    assert texts[2] == ("update pipeline variable URL of environment Production of repository legacy-app: "
                        "value 'https://prod' -> '********'")
    assert SECRET not in str(check.result)

    emu.clear_requests()
    real = converge(run_module, alice, **spec)
    assert not real.failed, real
    assert len(real['applied']) == 4 and SECRET not in str(real.result)
    production = variables_of(emu, 'legacy-app', 'Production')
    assert production['URL']['value'] == 'https://prod.example.com'
    assert production['TOKEN'] == dict(production['TOKEN'], value=SECRET, secured=True)
    assert variables_of(emu, 'legacy-app', 'QA')['URL']['value'] == 'https://qa.example.com'
    # The new environment's variable took its uuid from the created environment: no look-up by name.
    methods = writes(emu)
    qa = next(e for e in stored(emu, 'legacy-app') if e['name'] == 'QA')
    assert methods.index(('POST', ENVS % 'legacy-app')) < methods.index(
        ('POST', '/2.0/repositories/acme/legacy-app/deployments_config/environments/%s/variables' % qa['uuid']))
    applied_reads = [p for p in reads(emu) if p.endswith('/environments')]
    assert sorted(applied_reads) == [ENVS % 'core-api', ENVS % 'legacy-app']

    emu.clear_requests()
    again = converge(run_module, alice, **spec)
    assert not again.failed and not again['changed'], again
    assert writes(emu) == []
    # Second round: one variables list per declared existing environment that declares variables.
    variable_reads = sorted(p for p in reads(emu) if p.endswith('/variables'))
    assert len(variable_reads) == 3
    assert all('/deployments_config/environments/{' in p for p in variable_reads)
    assert sorted(p for p in reads(emu) if p.endswith('/environments')) == [ENVS % 'core-api', ENVS % 'legacy-app']


def test_a_failed_environment_create_skips_its_variables_and_the_rest_applies(emu, alice, run_module):
    with_defaults(emu)
    emu.set_faults(rules=[dict(status=500, methods=['POST'], path='/legacy-app/environments$')])
    result = converge(run_module, alice, **variables_spec())
    assert result.failed
    assert [f['action'].split(':')[0] for f in result['failed_actions']] == ['create environment QA of repository legacy-app']
    assert [s['action'].split(':')[0] for s in result['skipped_actions']] == [
        'create pipeline variable URL of environment QA of repository legacy-app']
    assert len(result['applied']) == 2
    assert sorted(variables_of(emu, 'legacy-app', 'Production')) == ['TOKEN', 'URL']
    emu.clear_faults()
    again = converge(run_module, alice, **variables_spec())
    assert not again.failed and len(again['applied']) == 2, again
    assert variables_of(emu, 'legacy-app', 'QA')['URL']['value'] == 'https://qa.example.com'


def test_prune_makes_each_variables_list_exact_and_keeps_the_environments(emu, alice, run_module):
    with_defaults(emu)
    spec = dict(prune=True, repositories=[dict(name='legacy-app', environments=[
        dict(name='Production', variables=[dict(key='OTHER', value='other-value')]),
        dict(name='Staging'),
    ])])
    check = converge(run_module, alice, check_mode=True, **spec)
    assert not check.failed, check
    assert sorted(a['text'] for a in check['plan']['pipeline_variables']) == [
        "create pipeline variable OTHER of environment Production of repository legacy-app: key='OTHER', secured=false, "
        "value='********'",
        'delete pipeline variable URL of environment Production of repository legacy-app']
    assert check['plan']['environments'] == []
    real = converge(run_module, alice, **spec)
    assert not real.failed, real
    assert sorted(variables_of(emu, 'legacy-app', 'Production')) == ['OTHER']
    assert len(stored(emu, 'legacy-app')) == 3
    # Without prune, the variables not declared are reported.
    seed_var = converge(run_module, alice, check_mode=True, repositories=[dict(name='legacy-app', environments=[
        dict(name='Production', variables=[])])])
    assert [(u['kind'], u['environment'], u['key']) for u in seed_var['unmanaged'] if u['kind'] == 'variable'] == [
        ('variable', 'Production', 'OTHER')]


def test_variable_mistakes_are_reported_at_their_place(emu, alice, run_module):
    with_defaults(emu)
    result = converge(run_module, alice, repositories=[dict(name='legacy-app', environments=[
        dict(name='Production', variables=[dict(key='OK', value='first-value'), dict(key='1BAD', value='bad-value'),
                                           dict(key='OK', value='second-value')]),
        dict(name='New', environment_type='Test', variables=[dict(key='NEEDS_VALUE')]),
    ])])
    assert result.failed and writes(emu) == []
    errors = result['errors']
    assert any(e.startswith('repositories[0].environments[0].variables[1].key: variable names') for e in errors), errors
    assert 'repositories[0].environments[0].variables[2].key: is declared twice, also in ' \
           'repositories[0].environments[0].variables[0]: OK' in errors
    # Found by planning (the input is otherwise valid): all at once, before any write.
    result = converge(run_module, alice, repositories=[dict(name='legacy-app', environments=[
        dict(name='New', environment_type='Test', variables=[dict(key='NEEDS_VALUE')]),
        dict(name='Production', environment_type='Staging', variables=[dict(key='A', value='a-value')])])])
    assert result.failed and writes(emu) == []
    assert result['errors'][0].startswith('repositories[0].environments[0].variables[0].value: is required to create')
    assert result['errors'][1].startswith('repositories[0].environments[1].environment_type: is Production')


# --- export -------------------------------------------------------------------------------------------

def test_export_has_the_environments_and_provisioning_it_plans_nothing(emu, alice, run_module):
    seed = load_sample()
    repo = next(r for r in seed['workspaces'][0]['repositories'] if r['slug'] == 'legacy-app')
    repo['environments'] = [
        dict(name='Test'),
        dict(name='Production', admin_only=True, variables=[dict(key='URL', value='https://prod.example.com'),
                                                            dict(key='TOKEN', value=SECRET, secured=True)]),
        dict(name='Staging EU', environment_type='Staging')]
    emu.reset(seed=seed)
    export = run_module('bitbucket_workspace_export', dict(alice, workspace='acme'))
    assert not export.failed, export
    assert SECRET not in str(export.result)
    spec = export['spec']
    index = next(i for i, r in enumerate(spec['bitbucket_repositories']) if r['slug'] == 'legacy-app')
    assert spec['bitbucket_repositories'][index]['environments'] == [
        dict(name='Production', environment_type='Production', admin_only=True, variables=[
            dict(key='TOKEN', secured=True), dict(key='URL', secured=False, value='https://prod.example.com')]),
        dict(name='Staging EU', environment_type='Staging', admin_only=False),
        dict(name='Test', environment_type='Test', admin_only=False)]
    place = 'bitbucket_repositories[%d].environments[0].variables[0].value' % index
    assert dict(place=place, kind='pipeline_variable_value') in export['write_only']
    # A repository without environments exports none.
    assert all('environments' not in r for r in spec['bitbucket_repositories'] if r['slug'] != 'legacy-app')

    emu.clear_requests()
    plan = run_module('bitbucket_workspace_plan', dict(alice, **dict(
        (key[len('bitbucket_'):], value) for key, value in spec.items())))
    assert not plan.failed, plan
    assert plan['summary']['total'] == 0, plan['differences']
    assert writes(emu) == []
