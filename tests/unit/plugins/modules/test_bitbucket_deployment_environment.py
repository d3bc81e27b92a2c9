# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""bitbucket_deployment_environment against the emulator."""

import pytest

from emulator.seed import load_sample

ENVS = '/repositories/acme/legacy-app/environments'


def env_args(alice, **kwargs):
    args = dict(alice, workspace='acme', repository='legacy-app', name='Production EU', environment_type='Production')
    args.update(kwargs)
    return dict((k, v) for k, v in args.items() if v is not None)


def environments(api):
    return api.get(ENVS, pagelen=100)['values']


def writes(emu):
    return [(r['method'], r['path']) for r in emu.requests() if r['method'] != 'GET']


def seeded(emu):
    """legacy-app with the three environments Bitbucket may create by default, Production holding a variable."""
    seed = load_sample()
    repo = next(r for r in seed['workspaces'][0]['repositories'] if r['slug'] == 'legacy-app')
    repo['environments'] = [dict(name='Test'), dict(name='Staging'),
                            dict(name='Production', variables=[dict(key='URL', value='https://prod')])]
    emu.reset(seed=seed)


def test_check_real_again(emu, alice, run_module, api):
    check = run_module('bitbucket_deployment_environment', env_args(alice, admin_only=True), check_mode=True)
    assert not check.failed, check
    assert check['changed'] and writes(emu) == []
    assert check['environment']['uuid'] is None and check['environment']['environment_type'] == 'Production'
    assert check['diff']['before'] == {}
    assert check['diff']['after']['admin_only'] is True and check['diff']['after']['environment_type'] == 'Production'

    real = run_module('bitbucket_deployment_environment', env_args(alice, admin_only=True))
    assert not real.failed, real
    assert real['changed'] and real['environment']['uuid']
    assert real['environment']['admin_only'] is True and real['environment']['name'] == 'Production EU'
    assert writes(emu) == [('POST', '/2.0' + ENVS)]
    [created] = environments(api)
    assert created['environment_type']['name'] == 'Production' and created['restrictions']['admin_only'] is True

    emu.clear_requests()
    again = run_module('bitbucket_deployment_environment', env_args(alice, admin_only=True))
    assert not again.failed and not again['changed'], again
    assert again['environment']['uuid'] == created['uuid'] and writes(emu) == []
    # Leaving out admin_only and the type compares nothing more.
    assert not run_module('bitbucket_deployment_environment', env_args(alice, environment_type=None))['changed']


def test_admin_only_and_case_of_the_name_change_through_changes(emu, alice, run_module, api):
    seeded(emu)
    uuid = next(e['uuid'] for e in environments(api) if e['name'] == 'Staging')
    emu.clear_requests()
    args = env_args(alice, name='staging', environment_type='Staging', admin_only=True)
    check = run_module('bitbucket_deployment_environment', args, check_mode=True)
    assert check['changed'] and writes(emu) == []
    assert check['diff']['before'] == dict(workspace='acme', repository='legacy-app', name='Staging', admin_only=False)
    assert check['diff']['after'] == dict(workspace='acme', repository='legacy-app', name='staging', admin_only=True)
    real = run_module('bitbucket_deployment_environment', args)
    assert real['changed'] and real['environment']['name'] == 'staging' and real['environment']['admin_only'] is True
    assert writes(emu) == [('POST', '/2.0%s/%s/changes' % (ENVS, uuid))]
    now = next(e for e in environments(api) if e['uuid'] == uuid)
    assert now['name'] == 'staging' and now['restrictions']['admin_only'] is True
    emu.clear_requests()
    assert not run_module('bitbucket_deployment_environment', args)['changed'] and writes(emu) == []


def test_a_different_type_fails_and_deletes_nothing(emu, alice, run_module, api):
    seeded(emu)
    emu.clear_requests()
    for check_mode in (True, False):
        result = run_module('bitbucket_deployment_environment', env_args(alice, name='production', environment_type='Test'),
                            check_mode=check_mode)
        assert result.failed
        assert result['msg'].startswith('environment_type: is Production on the existing environment production')
        assert 'state: absent' in result['msg']
    assert writes(emu) == []
    assert [e['name'] for e in environments(api)] == ['Test', 'Staging', 'Production']


def test_absent(emu, alice, run_module, api):
    seeded(emu)
    args = env_args(alice, name='TEST', environment_type=None, state='absent')
    check = run_module('bitbucket_deployment_environment', args, check_mode=True)
    assert check['changed'] and check['diff']['after'] == {} and check['diff']['before']['name'] == 'TEST'
    assert len(environments(api)) == 3
    assert run_module('bitbucket_deployment_environment', args)['changed']
    assert [e['name'] for e in environments(api)] == ['Staging', 'Production']
    assert not run_module('bitbucket_deployment_environment', args)['changed']
    typo = run_module('bitbucket_deployment_environment', dict(args, workspace='acme-typo'))
    assert typo.failed


def test_create_needs_a_type(emu, alice, run_module):
    result = run_module('bitbucket_deployment_environment', env_args(alice, environment_type=None))
    assert result.failed and result['msg'].startswith('environment_type: is required to create environment Production EU')
    assert writes(emu) == []


@pytest.mark.parametrize('args, message', [
    (dict(name=' Prod'), 'name: must not start or end with spaces'),
    (dict(name=''), 'name: must be a non-empty environment name'),
    (dict(name='x' * 256), 'name: must be at most 255 characters long'),
    (dict(repository='a/b'), 'repository: must be a repository slug'),
    (dict(environment_type='Development'), 'value of environment_type must be one of: Test, Staging, Production'),
])
def test_bad_input_fails_before_any_call(emu, alice, run_module, args, message):
    result = run_module('bitbucket_deployment_environment', env_args(alice, **args))
    assert result.failed and message in result['msg'], result
    assert emu.requests() == []


def test_a_lost_reply_to_the_create_does_not_create_twice(emu, alice, run_module, api):
    emu.set_faults(rules=[dict(action='drop_after_write', every=1, count=1, methods=['POST'], path='/environments$')])
    result = run_module('bitbucket_deployment_environment', env_args(alice))
    assert not result.failed, result
    assert [e['name'] for e in environments(api)] == ['Production EU']
