# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""repositories[].pipeline_variables and workspace_variables in bitbucket_workspace_plan, bitbucket_workspace and
bitbucket_workspace_export, against the emulator."""

import json

import requests

WS_VARS = '/workspaces/acme/pipelines-config/variables'
REPO_VARS = '/repositories/acme/legacy-app/pipelines_config/variables'
SECRET = 'Kd9-engine-secured-variable-value-3Wq'
OTHER_SECRET = 'Tb6-engine-rotated-variable-value-1Hs'


def spec(**kwargs):
    out = dict(
        repositories=[dict(name='legacy-app', pipeline_variables=[
            dict(key='REGION', value='eu-west-1'),
            dict(key='DEPLOY_TOKEN', value=SECRET, secured=True),
        ])],
        workspace_variables=[dict(key='ORG', value='acme-org')],
    )
    out.update(kwargs)
    return out


def run(run_module, alice, module='bitbucket_workspace', check_mode=False, **kwargs):
    return run_module(module, dict(alice, workspace='acme', **kwargs), check_mode=check_mode)


def listed(emu, path):
    response = requests.get(emu.api_url + path, auth=('alice@example.com', 'alice-api-token'), params={'pagelen': 100})
    return response.json()['values']


def stored_value(emu, key):
    state = emu.state()['workspaces'][0]
    found = [v['value'] for v in state['pipeline_variables'] if v['key'] == key]
    for repository in state['repositories']:
        found += [v['value'] for v in repository['pipeline_variables'] if v['key'] == key]
    [value] = found
    return value


def post(emu, path, body):
    response = requests.post(emu.api_url + path, auth=('alice@example.com', 'alice-api-token'), json=body)
    assert response.status_code == 201, response.text


def assert_no_secret(*results):
    for result in results:
        text = json.dumps(result.result)
        assert SECRET not in text and OTHER_SECRET not in text, text


def test_plan_converge_again(emu, alice, run_module):
    planned = run(run_module, alice, module='bitbucket_workspace_plan', **spec())
    assert not planned.failed, planned
    assert planned['summary']['pipeline_variables'] == dict(create=3, update=0, delete=0)
    texts = planned['differences']
    assert "create pipeline variable DEPLOY_TOKEN of repository legacy-app: key='DEPLOY_TOKEN', secured=true, " \
           "value='(secured, not shown)'" in texts
    assert any(t.startswith('create pipeline variable ORG of workspace acme') for t in texts)

    checked = run(run_module, alice, check_mode=True, **spec())
    assert checked['changed'] and listed(emu, REPO_VARS) == []
    real = run(run_module, alice, **spec())
    assert real['changed'] and not real.failed, real
    # the engine creates a few at a time: the list order is not the declared one
    assert sorted((v['key'], v.get('value'), v['secured']) for v in listed(emu, REPO_VARS)) == [
        ('DEPLOY_TOKEN', None, True), ('REGION', 'eu-west-1', False)]
    assert stored_value(emu, 'DEPLOY_TOKEN') == SECRET
    assert [(v['key'], v['value']) for v in listed(emu, WS_VARS)] == [('ORG', 'acme-org')]

    # Idempotent, with a different secured value (on_create: not comparable, not sent), and one read per list.
    emu.clear_requests()
    again_spec = spec()
    again_spec['repositories'][0]['pipeline_variables'][1]['value'] = OTHER_SECRET
    again = run(run_module, alice, module='bitbucket_workspace_plan', **again_spec)
    assert again['summary']['total'] == 0, again
    variable_reads = [r['path'] for r in emu.requests() if 'variables' in r['path']]
    assert sorted(variable_reads) == ['/2.0' + REPO_VARS, '/2.0' + WS_VARS]
    assert not run(run_module, alice, **again_spec)['changed']
    assert stored_value(emu, 'DEPLOY_TOKEN') == SECRET
    assert_no_secret(planned, checked, real, again)


def test_value_update_always_and_secured_flip_and_plain_update(emu, alice, run_module):
    run(run_module, alice, **spec())
    changed = spec()
    changed['repositories'][0]['pipeline_variables'] = [
        dict(key='REGION', value='us-east-1', secured=True),
        dict(key='DEPLOY_TOKEN', value=OTHER_SECRET, secured=True, value_update='always'),
    ]
    before = dict((v['key'], v['uuid']) for v in listed(emu, REPO_VARS))
    result = run(run_module, alice, **changed)
    assert result['changed'] and not result.failed, result
    texts = result['differences']
    assert ("update pipeline variable DEPLOY_TOKEN of repository legacy-app: value '(set, not readable)' -> "
            "'(sent again: value_update=always)'") in texts
    flip = next(t for t in texts if 'REGION' in t)
    assert 'secured false -> true' in flip and 'deleted and created again' in flip
    after = dict((v['key'], (v['uuid'], v['secured'])) for v in listed(emu, REPO_VARS))
    assert after['DEPLOY_TOKEN'] == (before['DEPLOY_TOKEN'], True) and after['REGION'][1] is True
    assert after['REGION'][0] != before['REGION']
    assert stored_value(emu, 'DEPLOY_TOKEN') == OTHER_SECRET and stored_value(emu, 'REGION') == 'us-east-1'
    # always: changed on every run
    assert run(run_module, alice, module='bitbucket_workspace_plan', **changed)['summary']['pipeline_variables']['update'] == 1
    assert_no_secret(result)


def test_bad_input_is_placed_and_reported_at_once(emu, alice, run_module):
    bad = dict(repositories=[dict(name='legacy-app', pipeline_variables=[
        dict(key='1BAD', value=SECRET), dict(key='OK', value='first'), dict(key='OK', value='second'),
        dict(key='X', value_update='never')])],
        workspace_variables=[dict(key='my-var', value='x')])
    emu.clear_requests()
    result = run(run_module, alice, module='bitbucket_workspace_plan', **bad)
    assert result.failed and emu.requests() == []
    errors = result['errors']
    assert any(e.startswith('repositories[0].pipeline_variables[0].key: variable names may only') for e in errors)
    assert 'repositories[0].pipeline_variables[2].key: is declared twice, also in repositories[0].pipeline_variables[1]: OK' in errors
    assert any(e.startswith('repositories[0].pipeline_variables[3].value_update:') for e in errors)
    assert any(e.startswith('workspace_variables[0].key:') for e in errors)
    assert_no_secret(result)


def test_flip_without_value_fails_the_plan_before_any_write(emu, alice, run_module):
    post(emu, REPO_VARS, dict(key='HIDDEN', value=SECRET, secured=True))
    emu.clear_requests()
    result = run(run_module, alice, repositories=[dict(name='legacy-app', pipeline_variables=[
        dict(key='HIDDEN', secured=False)])])
    assert result.failed and [r for r in emu.requests() if r['method'] != 'GET'] == []
    assert any(e.startswith('repositories[0].pipeline_variables[0].value: is required to recreate')
               for e in result['errors'])


def test_prune_per_list(emu, alice, run_module):
    post(emu, REPO_VARS, dict(key='STRAY', value='x'))
    post(emu, WS_VARS, dict(key='WS_STRAY', value=SECRET, secured=True))
    # Without prune: reported unmanaged, kept.
    planned = run(run_module, alice, module='bitbucket_workspace_plan', **spec())
    unmanaged = sorted(u['text'] for u in planned['unmanaged'])
    assert unmanaged == ['pipeline variable STRAY of repository legacy-app', 'pipeline variable WS_STRAY of workspace acme']
    # With prune, but workspace_variables left out: only the repository's list is exact.
    result = run(run_module, alice, prune=True, repositories=spec()['repositories'])
    assert not result.failed, result
    assert 'delete pipeline variable STRAY of repository legacy-app' in result['differences']
    assert sorted(v['key'] for v in listed(emu, REPO_VARS)) == ['DEPLOY_TOKEN', 'REGION']
    assert [v['key'] for v in listed(emu, WS_VARS)] == ['WS_STRAY']
    # workspace_variables: [] with prune removes them all.
    result = run(run_module, alice, prune=True, workspace_variables=[])
    assert 'delete pipeline variable WS_STRAY of workspace acme (secured)' in result['differences']
    assert listed(emu, WS_VARS) == []
    assert_no_secret(planned, result)


def test_check_mode_on_a_new_repository_plans_its_variables(emu, alice, run_module):
    result = run(run_module, alice, check_mode=True, repositories=[dict(name='brand-new', pipeline_variables=[
        dict(key='A', value='brand-value')])])
    assert result['changed'] and result['summary']['pipeline_variables']['create'] == 1
    real = run(run_module, alice, repositories=[dict(name='brand-new', pipeline_variables=[dict(key='A', value='brand-value')])])
    assert real['changed'] and not real.failed, real
    assert [v['key'] for v in listed(emu, '/repositories/acme/brand-new/pipelines_config/variables')] == ['A']


def test_export_lists_secured_values_as_write_only_and_plans_nothing(emu, alice, run_module):
    run(run_module, alice, **spec())
    exported = run(run_module, alice, module='bitbucket_workspace_export')
    assert not exported.failed, exported
    legacy = next(r for r in exported['spec']['bitbucket_repositories'] if r['slug'] == 'legacy-app')
    index = exported['spec']['bitbucket_repositories'].index(legacy)
    assert legacy['pipeline_variables'] == [dict(key='DEPLOY_TOKEN', secured=True),
                                            dict(key='REGION', secured=False, value='eu-west-1')]
    assert exported['spec']['bitbucket_workspace_variables'] == [dict(key='ORG', secured=False, value='acme-org')]
    places = [w for w in exported['write_only'] if w['kind'] == 'pipeline_variable_value']
    assert places == [dict(place='bitbucket_repositories[%d].pipeline_variables[0].value' % index,
                           kind='pipeline_variable_value')]
    assert exported['counts']['variables'] == 3
    spec_out = exported['spec']
    replanned = run(run_module, alice, module='bitbucket_workspace_plan', prune=True,
                    projects=spec_out['bitbucket_projects'], repositories=spec_out['bitbucket_repositories'],
                    workspace_webhooks=spec_out['bitbucket_workspace_webhooks'],
                    workspace_variables=spec_out['bitbucket_workspace_variables'])
    assert not replanned.failed, replanned
    assert replanned['summary']['total'] == 0, replanned['differences']
    assert_no_secret(exported, replanned)
