# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""bitbucket_pipeline_variable and bitbucket_pipeline_variable_info against the emulator, in their three scopes."""

import json

import pytest
import requests

REPO = '/repositories/acme/legacy-app'
WS_VARS = '/workspaces/acme/pipelines-config/variables'
REPO_VARS = REPO + '/pipelines_config/variables'
SECRET = 'Qx7-unit-secured-variable-value-9Lm'
OTHER_SECRET = 'Hv2-rotated-secured-variable-value-5Tz'


def make_environment(emu, name='Production', type_name='Production'):
    response = requests.post(emu.api_url + REPO + '/environments', auth=('alice@example.com', 'alice-api-token'),
                             json={'name': name, 'environment_type': {'name': type_name}})
    assert response.status_code == 201, response.text
    return response.json()


@pytest.fixture(params=['workspace', 'repository', 'environment', 'environment_uuid'])
def scope(request, emu):
    """(module args of the scope, the list path of its variables)."""
    if request.param == 'workspace':
        return dict(), WS_VARS
    if request.param == 'repository':
        return dict(repository='legacy-app'), REPO_VARS
    environment = make_environment(emu)
    path = REPO + '/deployments_config/environments/%s/variables' % environment['uuid']
    if request.param == 'environment':
        return dict(repository='legacy-app', environment='production'), path
    return dict(repository='legacy-app', environment=environment['uuid']), path


def args(alice, where, **kwargs):
    out = dict(alice, workspace='acme', **where)
    out.update(kwargs)
    return out


def listed(api, path):
    return api.get(path, pagelen=100)['values']


def stored(emu, uuid):
    """The variable as the emulator stores it (with its value in clear), wherever the state keeps it."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get('uuid') == uuid and 'key' in node:
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(emu.state())
    assert len(found) == 1, found
    return found[0]


def writes(emu):
    return [(r['method'], r['path']) for r in emu.requests() if r['method'] != 'GET']


def assert_no_secret(*results):
    for result in results:
        text = json.dumps(result.result)
        assert SECRET not in text and OTHER_SECRET not in text, text


def test_plain_variable_check_real_again_update_absent(emu, alice, api, run_module, scope):
    where, path = scope
    emu.clear_requests()
    checked = run_module('bitbucket_pipeline_variable', args(alice, where, key='REGION', value='eu-west-1'), check_mode=True)
    assert checked['changed'] and not checked.failed, checked
    assert writes(emu) == [] and listed(api, path) == []
    assert checked['variable']['uuid'] is None and checked['variable']['secured'] is False
    assert checked['diff']['before'] == {} and checked['diff']['after']['key'] == 'REGION'

    real = run_module('bitbucket_pipeline_variable', args(alice, where, key='REGION', value='eu-west-1'))
    assert real['changed'] and not real.failed, real
    [variable] = listed(api, path)
    assert variable['key'] == 'REGION' and variable['value'] == 'eu-west-1' and variable['secured'] is False
    assert real['variable']['uuid'] == variable['uuid'] and real['variable']['secured'] is False
    if where.get('environment'):
        assert real['variable']['environment'] in path

    emu.clear_requests()
    again = run_module('bitbucket_pipeline_variable', args(alice, where, key='REGION', value='eu-west-1'))
    assert not again['changed'] and not again.failed, again
    assert writes(emu) == []

    changed = run_module('bitbucket_pipeline_variable', args(alice, where, key='REGION', value='us-east-1'), check_mode=True)
    assert changed['changed'] and listed(api, path)[0]['value'] == 'eu-west-1'
    assert changed['diff']['after']['key'] == 'REGION' and 'value' in changed['diff']['after']
    updated = run_module('bitbucket_pipeline_variable', args(alice, where, key='REGION', value='us-east-1'))
    assert updated['changed'] and listed(api, path)[0]['value'] == 'us-east-1'
    assert listed(api, path)[0]['uuid'] == variable['uuid']
    # Another key is another variable; keys are case-sensitive.
    assert not run_module('bitbucket_pipeline_variable', args(alice, where, key='region', state='absent'))['changed']

    gone = run_module('bitbucket_pipeline_variable', args(alice, where, key='REGION', state='absent'), check_mode=True)
    assert gone['changed'] and len(listed(api, path)) == 1
    gone = run_module('bitbucket_pipeline_variable', args(alice, where, key='REGION', state='absent'))
    assert gone['changed'] and gone['variable'] == {} and listed(api, path) == []
    assert not run_module('bitbucket_pipeline_variable', args(alice, where, key='REGION', state='absent'))['changed']


def test_secured_value_is_sent_on_create_only_and_never_shown(emu, alice, api, run_module, scope):
    where, path = scope
    task = args(alice, where, key='TOKEN', value=SECRET, secured=True)
    checked = run_module('bitbucket_pipeline_variable', task, check_mode=True)
    assert checked['changed'] and 'value' not in checked['variable'] and checked['variable']['secured'] is True
    real = run_module('bitbucket_pipeline_variable', task)
    assert real['changed'] and not real.failed, real
    [variable] = listed(api, path)
    assert variable['secured'] is True and 'value' not in variable
    assert stored(emu, variable['uuid'])['value'] == SECRET
    assert 'value' not in real['variable']

    # on_create: a different secured value is not applied (it cannot be compared)
    emu.clear_requests()
    again = run_module('bitbucket_pipeline_variable', dict(task, value=OTHER_SECRET))
    assert not again['changed'] and writes(emu) == []
    assert stored(emu, variable['uuid'])['value'] == SECRET

    # always: sent on every run, changed every run, the diff says so without the value
    rotated = run_module('bitbucket_pipeline_variable', dict(task, value=OTHER_SECRET, value_update='always'))
    assert rotated['changed'] and not rotated.failed
    assert rotated['diff']['before']['value'] == '(set, not readable)'
    assert rotated['diff']['after']['value'] == '(sent again: value_update=always)'
    assert stored(emu, variable['uuid'])['value'] == OTHER_SECRET
    assert run_module('bitbucket_pipeline_variable', dict(task, value=OTHER_SECRET, value_update='always'))['changed']
    # without secured, the existing secured variable is left as it is
    assert not run_module('bitbucket_pipeline_variable', args(alice, where, key='TOKEN', value='x'))['changed']
    absent = run_module('bitbucket_pipeline_variable', args(alice, where, key='TOKEN', state='absent'))
    assert absent['changed'] and listed(api, path) == []
    assert_no_secret(checked, real, again, rotated, absent)


def test_secured_flip_recreates_the_variable(emu, alice, api, run_module, scope):
    where, path = scope
    run_module('bitbucket_pipeline_variable', args(alice, where, key='DB_PASSWORD', value='visible'))
    [before] = listed(api, path)
    task = args(alice, where, key='DB_PASSWORD', value=SECRET, secured=True)
    checked = run_module('bitbucket_pipeline_variable', task, check_mode=True)
    assert checked['changed'] and listed(api, path) == [before]
    assert 'deleted and created again' in checked['diff']['after']['recreated']
    assert checked['diff']['before']['secured'] is False and checked['diff']['after']['secured'] is True
    emu.clear_requests()
    real = run_module('bitbucket_pipeline_variable', task)
    assert real['changed'] and not real.failed, real
    assert [m for m, p in writes(emu)] == ['DELETE', 'POST']
    [after] = listed(api, path)
    assert after['secured'] is True and after['uuid'] != before['uuid'] and stored(emu, after['uuid'])['value'] == SECRET
    assert not run_module('bitbucket_pipeline_variable', task)['changed']

    # back to not secured: the value cannot be read, so it must be given; nothing is written without it
    emu.clear_requests()
    missing = run_module('bitbucket_pipeline_variable', args(alice, where, key='DB_PASSWORD', secured=False))
    assert missing.failed and missing['msg'].startswith('value: is required to recreate')
    assert writes(emu) == []
    back = run_module('bitbucket_pipeline_variable', args(alice, where, key='DB_PASSWORD', value='plain', secured=False))
    # Ansible masks a no_log option's value wherever it appears in the output, even when not secured.
    assert back['changed'] and back['variable']['value'] == 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'
    assert [(v['key'], v['value'], v['secured']) for v in listed(api, path)] == [('DB_PASSWORD', 'plain', False)]
    assert_no_secret(checked, real, missing, back)


@pytest.mark.parametrize('task, option', [
    (dict(repository=None, environment='Production'), 'environment'),
    (dict(key='1ST'), 'key'),
    (dict(key='MY-VAR'), 'key'),
    (dict(key='A' * 256), 'key'),
    (dict(environment='{not-a-uuid'), None),
    (dict(environment='0f0f0f0f-0000-4000-8000-000000000000'), 'environment'),
    (dict(repository='a/b'), 'repository'),
    (dict(workspace='bad workspace'), 'workspace'),
])
def test_bad_input_fails_before_any_call(emu, alice, run_module, task, option):
    base = dict(alice, workspace='acme', repository='legacy-app', key='OK', value=SECRET, secured=True)
    base.update(task)
    base = dict((k, v) for k, v in base.items() if v is not None)
    emu.clear_requests()
    result = run_module('bitbucket_pipeline_variable', base)
    if option is None:
        # a name that merely looks odd is a name: looked up, and not found
        assert result.failed and 'environment:' in result['msg'] and 'has no deployment environment' in result['msg']
    else:
        assert result.failed and result['msg'].startswith(option + ':'), result
        assert emu.requests() == []
    assert_no_secret(result)


def test_value_is_required_to_create(emu, alice, api, run_module):
    emu.clear_requests()
    result = run_module('bitbucket_pipeline_variable', args(alice, dict(repository='legacy-app'), key='NEW'))
    assert result.failed and result['msg'].startswith('value: is required to create')
    assert writes(emu) == []


def test_unknown_environment_fails_clearly(emu, alice, run_module):
    make_environment(emu, 'Staging', 'Staging')
    result = run_module('bitbucket_pipeline_variable', args(alice, dict(repository='legacy-app', environment='Prod'),
                                                            key='A', value='b'))
    assert result.failed and 'environment: repository acme/legacy-app has no deployment environment Prod' in result['msg']
    assert 'Staging' in result['msg']


def test_lost_reply_creates_exactly_one_variable(emu, alice, api, run_module):
    emu.set_faults(rules=[{'action': 'drop_after_write', 'every': 1, 'count': 1, 'methods': ['POST'],
                           'path': r'/pipelines_config/variables$'}])
    task = args(alice, dict(repository='legacy-app'), key='TOKEN', value=SECRET, secured=True)
    result = run_module('bitbucket_pipeline_variable', task)
    assert emu.faults()['rules'][0]['fired'] == 1
    emu.clear_faults()
    assert result['changed'] and not result.failed, result
    assert [r['method'] for r in emu.requests()] == ['GET', 'POST', 'GET']
    [variable] = listed(api, REPO_VARS)
    assert result['variable']['uuid'] == variable['uuid']
    assert not run_module('bitbucket_pipeline_variable', task)['changed']
    assert_no_secret(result)


def test_info_lists_each_scope_without_secured_values(emu, alice, run_module):
    environment = make_environment(emu)
    for where in (dict(), dict(repository='legacy-app'), dict(repository='legacy-app', environment='Production')):
        run_module('bitbucket_pipeline_variable', args(alice, where, key='PLAIN', value='shown'))
        run_module('bitbucket_pipeline_variable', args(alice, where, key='HIDDEN', value=SECRET, secured=True))
        info = run_module('bitbucket_pipeline_variable_info', args(alice, where), check_mode=True)
        assert not info['changed'] and not info.failed, info
        assert [(v['key'], v['secured'], v.get('value')) for v in info['variables']] == [
            ('PLAIN', False, 'shown'), ('HIDDEN', True, None)]
        assert 'value' not in info['variables'][1]
        if where.get('environment'):
            assert info['variables'][0]['environment'] == environment['uuid']
        assert_no_secret(info)
    bad = run_module('bitbucket_pipeline_variable_info', dict(alice, workspace='acme', environment='Production'))
    assert bad.failed and bad['msg'].startswith('environment: needs repository')
