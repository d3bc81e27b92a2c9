# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PipelineVariableResource: validation, the engine's class methods, the plan, and creates that meet a 409."""

import json

import pytest
import requests

from ansible_collections.bitbucket.cloud.plugins.module_utils.auth import select_auth
from ansible_collections.bitbucket.cloud.plugins.module_utils.client import BitbucketClient
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.pipeline_variable import (
    VALUE_KEPT, VALUE_RESENT, VALUE_SECURED, PipelineVariableResource, variables_path)

ENV = '{0f0f0f0f-0000-4000-8000-000000000000}'
SECRET = 'Pw4-resource-secured-value-8Jr'
REPO_VARS = '/repositories/acme/legacy-app/pipelines_config/variables'


def _params(**kwargs):
    params = dict(workspace='acme', repository='legacy-app', environment=None, key='TOKEN', value=None, secured=None,
                  value_update='on_create', state='present')
    params.update(kwargs)
    return params


def _client(emu):
    auth = select_auth(dict(user='alice@example.com', password='alice-api-token'), {})
    return BitbucketClient(auth, api_url=emu.api_url, retries=0)


def _post(emu, path, body):
    response = requests.post(emu.api_url + path, auth=('alice@example.com', 'alice-api-token'), json=body)
    assert response.status_code == 201, response.text
    return response.json()


def test_paths_of_the_three_scopes():
    assert variables_path('acme') == '/workspaces/acme/pipelines-config/variables'
    assert variables_path('acme', 'app') == '/repositories/acme/app/pipelines_config/variables'
    assert variables_path('acme', 'app', ENV.upper(), '{u}') == (
        '/repositories/acme/app/deployments_config/environments/%%7B%s%%7D/variables/%%7Bu%%7D' % ENV.strip('{}'))


@pytest.mark.parametrize('changes, option', [
    (dict(key='1ST'), 'key'),
    (dict(key='MY-VAR'), 'key'),
    (dict(key='ÄPFEL'), 'key'),
    (dict(key=''), 'key'),
    (dict(key='A' * 256), 'key'),
    (dict(repository=None, environment='Production'), 'environment'),
    (dict(environment='0f0f0f0f-0000-4000-8000-000000000000'), 'environment'),
    (dict(environment='  '), 'environment'),
    (dict(environment='Prod\nuction'), 'environment'),
    (dict(value_update='sometimes'), 'value_update'),
    (dict(repository='../x'), 'repository'),
])
def test_validate_names_the_option(changes, option):
    with pytest.raises(InputError) as info:
        PipelineVariableResource.validate(_params(value=SECRET, **changes))
    assert info.value.option == option and str(info.value).startswith(option + ':')
    assert SECRET not in str(info.value)


@pytest.mark.parametrize('key', ['A', '_', 'AWS_REGION', 'lower_case9', '_1'])
def test_valid_keys(key):
    PipelineVariableResource.validate(_params(key=key, environment='Production EU'))
    PipelineVariableResource.validate(_params(key=key, environment=ENV))


def test_declare_duplicates_and_paths_for_the_engine():
    items = PipelineVariableResource.declare([dict(key='A', value='1', secured=None, value_update=None),
                                              dict(key='A', value='2', secured=True, value_update='always')],
                                             'acme', dict(repository='app'), 'repositories[0].pipeline_variables')
    assert [place for place, params in items] == ['repositories[0].pipeline_variables[0]',
                                                  'repositories[0].pipeline_variables[1]']
    assert items[0][1] == dict(workspace='acme', repository='app', environment=None, key='A', value='1', secured=None,
                               value_update='on_create', state='present')
    [error] = PipelineVariableResource.duplicates(items)
    assert str(error) == ('repositories[0].pipeline_variables[1].key: is declared twice, also in '
                          'repositories[0].pipeline_variables[0]: A')
    assert PipelineVariableResource.list_paths('acme', {}, [], False) == {'variables': variables_path('acme')}
    assert PipelineVariableResource.list_paths('acme', dict(repository='app', environment=ENV), [], True) == {
        'variables': variables_path('acme', 'app', ENV)}
    # An environment known by name only (not created yet): nothing to read.
    assert PipelineVariableResource.list_paths('acme', dict(repository='app', environment='New'), [], True) == {}
    found = PipelineVariableResource.found('acme', dict(repository='app'), 'variables', dict(key='OLD', secured=True))
    assert found['key'] == 'OLD' and found['state'] == 'absent' and found['repository'] == 'app'


def test_plan_texts_never_show_a_secured_value():
    listed = [dict(uuid='{u1}', key='TOKEN', secured=True), dict(uuid='{u2}', key='PLAIN', value='a', secured=False)]
    resource = PipelineVariableResource(None, _params(value=SECRET, secured=True, value_update='always'))
    current = resource.select(listed)
    action = resource.plan(current)
    assert action.name == 'update' and action.changes == dict(value=(VALUE_KEPT, VALUE_RESENT))
    create = PipelineVariableResource(None, _params(key='NEW', value=SECRET, secured=True)).plan(None)
    assert create.changes['value'] == (None, VALUE_SECURED) and create.changes['secured'] == (None, True)
    flip = PipelineVariableResource(None, _params(key='PLAIN', value=SECRET, secured=True)).plan(listed[1])
    assert flip.name == 'update' and 'deleted and created again' in flip.text()
    assert flip.changes == dict(secured=(False, True), value=('a', VALUE_SECURED))
    for one in (action, create, flip):
        assert SECRET not in json.dumps([one.text(), one.public('x'), one.diff()])
    # on_create: a secured value is not comparable, nothing to do; a plain one is compared
    assert PipelineVariableResource(None, _params(value='other', secured=True)).plan(current) is None
    assert PipelineVariableResource(None, _params(key='PLAIN', value='a')).plan(listed[1]) is None
    assert PipelineVariableResource(None, _params(key='PLAIN', value='b')).plan(listed[1]).changes == dict(value=('a', 'b'))
    with pytest.raises(InputError) as info:
        PipelineVariableResource(None, _params(secured=False)).plan(current)
    assert info.value.option == 'value' and 'recreate' in str(info.value)


def test_a_key_created_since_the_plan_is_found_and_converged(emu):
    """Bitbucket answers 409 (the key exists now): the create finds the variable and makes it what was declared."""
    client = _client(emu)
    resource = PipelineVariableResource(client, _params(value=SECRET, secured=True))
    action = resource.plan(resource.find())
    assert action.name == 'create'
    # Someone (or a POST whose reply was lost and that the list did not show yet) creates the key meanwhile.
    other = _post(emu, REPO_VARS, dict(key='TOKEN', value='someone else', secured=True))
    emu.clear_requests()
    created = resource.apply(action)
    assert created['uuid'] == other['uuid'] and created['secured'] is True
    assert [(r['method'], r['status']) for r in emu.requests()] == [('POST', 409), ('GET', 200), ('PUT', 200)]
    stored = [v for v in emu.state()['workspaces'][0]['repositories'] if v['slug'] == 'legacy-app'][0]
    assert [(v['key'], v['value'], v['secured']) for v in stored['pipeline_variables']] == [('TOKEN', SECRET, True)]


def test_a_409_with_the_other_secured_flag_recreates(emu):
    client = _client(emu)
    resource = PipelineVariableResource(client, _params(key='MODE', value='plain'))
    action = resource.plan(resource.find())
    _post(emu, REPO_VARS, dict(key='MODE', value='hidden', secured=True))
    created = resource.apply(action)
    assert created['secured'] is False and created['value'] == 'plain'
    listed = requests.get(emu.api_url + REPO_VARS, auth=('alice@example.com', 'alice-api-token')).json()['values']
    assert [(v['key'], v.get('value'), v['secured']) for v in listed] == [('MODE', 'plain', False)]
