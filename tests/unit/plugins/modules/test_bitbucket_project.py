# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""bitbucket_project against the emulator."""

import pytest


def writes(emu):
    return [r for r in emu.requests() if r['method'] != 'GET']


def project_state(api, key):
    return api.get('/workspaces/acme/projects/%s' % key)


def test_bad_key_fails_before_any_call(emu, alice, run_module):
    result = run_module('bitbucket_project', dict(alice, workspace='acme', key='1OPS', name='Ops'))
    assert result.failed
    assert result['msg'].startswith('key:')
    assert emu.requests() == []


@pytest.mark.parametrize('args, option', [
    (dict(workspace='acme', key='OPS-1', name='Ops'), 'key'),
    (dict(workspace='acme', key='_OPS', name='Ops'), 'key'),
    (dict(workspace='acme', key=u'\u00d8PS', name='Ops'), 'key'),
    (dict(workspace='acme', key='OPS', name='  '), 'name'),
    (dict(workspace='ac/me', key='OPS', name='Ops'), 'workspace'),
    (dict(workspace='acme', key='OPS', name='Ops', is_private='perhaps'), 'is_private'),
    (dict(workspace='acme', key='OPS', name='Ops', state='gone'), 'state'),
])
def test_bad_input_fails_before_any_call_naming_the_option(emu, alice, run_module, args, option):
    result = run_module('bitbucket_project', dict(alice, **args))
    assert result.failed
    assert option in result['msg']
    assert emu.requests() == []


def test_create_check_mode_then_real_then_again(emu, alice, api, run_module):
    args = dict(alice, workspace='acme', key='OPS', name='Operations', description='Infrastructure code',
                is_private=True)

    check = run_module('bitbucket_project', args, check_mode=True)
    assert check['changed'] is True
    assert check['project']['key'] == 'OPS' and check['project']['name'] == 'Operations'
    assert check['project']['uuid'] is None
    assert check['diff'] == dict(before={}, after=dict(workspace='acme', key='OPS', name='Operations',
                                                       description='Infrastructure code', is_private=True))
    assert writes(emu) == []
    assert project_state(api, 'OPS') is None

    real = run_module('bitbucket_project', args)
    assert real['changed'] is True, real
    stored = project_state(api, 'OPS')
    assert (stored['name'], stored['description'], stored['is_private']) == ('Operations', 'Infrastructure code', True)
    project = real['project']
    assert project['uuid'] == stored['uuid']
    assert (project['key'], project['name'], project['workspace']) == ('OPS', 'Operations', 'acme')
    assert project['html_url'] == stored['links']['html']['href']
    assert [(r['method'], r['path']) for r in writes(emu)] == [('POST', '/2.0/workspaces/acme/projects')]

    emu.clear_requests()
    again = run_module('bitbucket_project', args)
    assert again['changed'] is False, again
    assert again['diff']['before'] == again['diff']['after']
    # A no-op is one read, no write.
    assert [(r['method'], r['path']) for r in emu.requests()] == [('GET', '/2.0/workspaces/acme/projects/OPS')]


def test_create_without_name_fails_naming_it(emu, alice, run_module):
    result = run_module('bitbucket_project', dict(alice, workspace='acme', key='OPS'))
    assert result.failed
    assert result['msg'].startswith('name:')
    assert writes(emu) == []


@pytest.mark.parametrize('option, value', [
    ('name', 'Core Services'),
    ('description', 'Shared services, renamed'),
    ('description', ''),
    ('is_private', False),
])
def test_update_each_option(emu, alice, api, run_module, option, value):
    before = project_state(api, 'CORE')
    assert before[option] != value
    args = dict(alice, workspace='acme', key='CORE')
    args[option] = value

    check = run_module('bitbucket_project', args, check_mode=True)
    assert check['changed'] is True, check
    assert check['project'][option] == value
    assert check['diff'] == dict(before={'workspace': 'acme', 'key': 'CORE', option: before[option]},
                                 after={'workspace': 'acme', 'key': 'CORE', option: value})
    assert writes(emu) == []
    assert project_state(api, 'CORE') == before

    real = run_module('bitbucket_project', args)
    assert real['changed'] is True, real
    after = project_state(api, 'CORE')
    assert after[option] == value
    for other in ('name', 'description', 'is_private'):
        if other != option:
            assert after[other] == before[other], other
    assert [(r['method'], r['path']) for r in writes(emu)] == [('PUT', '/2.0/workspaces/acme/projects/CORE')]

    again = run_module('bitbucket_project', args)
    assert again['changed'] is False, again


def test_delete_empty_project_check_mode_then_real_then_again(emu, alice, api, run_module):
    assert run_module('bitbucket_project', dict(alice, workspace='acme', key='TMP', name='Temporary'))['changed']
    args = dict(alice, workspace='acme', key='TMP', state='absent')
    emu.clear_requests()

    check = run_module('bitbucket_project', args, check_mode=True)
    assert check['changed'] is True, check
    assert check['project'] == {}
    assert check['diff']['before']['key'] == 'TMP' and check['diff']['after'] == {}
    assert writes(emu) == []
    assert project_state(api, 'TMP') is not None

    real = run_module('bitbucket_project', args)
    assert real['changed'] is True, real
    assert project_state(api, 'TMP') is None
    assert [(r['method'], r['path']) for r in writes(emu)] == [('DELETE', '/2.0/workspaces/acme/projects/TMP')]

    again = run_module('bitbucket_project', args)
    assert again['changed'] is False
    assert again['project'] == {}


@pytest.mark.parametrize('check_mode', [True, False])
def test_delete_of_a_project_holding_repositories_fails_clearly(emu, alice, api, run_module, check_mode):
    result = run_module('bitbucket_project', dict(alice, workspace='acme', key='LEGACY', state='absent'),
                        check_mode=check_mode)
    assert result.failed
    assert 'LEGACY still holds 1 repository (legacy-app)' in result['msg']
    assert 'move or delete them first' in result['msg']
    assert writes(emu) == []
    assert project_state(api, 'LEGACY') is not None


def test_readonly_api_token_gets_403_naming_the_scope(emu, api, run_module):
    creds = dict(api_url=emu.api_url, user='bob@example.com', password='bob-readonly-token', retries=0)
    result = run_module('bitbucket_project', dict(creds, workspace='acme', key='OPS', name='Operations'))
    assert result.failed
    assert result['error']['status'] == 403
    assert 'admin:project:bitbucket' in result['msg']
    assert 'bob-readonly-token' not in str(result.result)
    assert project_state(api, 'OPS') is None


def test_readonly_access_token_cannot_update(emu, api, run_module):
    creds = dict(api_url=emu.api_url, token='acme-read-token', retries=0)
    result = run_module('bitbucket_project', dict(creds, workspace='acme', key='CORE', description='nope'))
    assert result.failed
    assert result['error']['status'] == 403
    assert 'project:admin' in result['msg']
    assert 'acme-read-token' not in str(result.result)
    assert project_state(api, 'CORE')['description'] == 'Shared services'


def test_unknown_workspace_fails_with_404(emu, alice, run_module):
    result = run_module('bitbucket_project', dict(alice, workspace='nope', key='OPS', name='Operations'))
    assert result.failed
    assert result['error']['status'] == 404
    assert 'nope' in result['msg']
