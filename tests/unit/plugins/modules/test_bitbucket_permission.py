# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""bitbucket_permission against the emulator."""

import pytest

from emulator.seed import load_sample

BOB_ACCOUNT = '557058:b0b00000-0000-4000-8000-000000000002'
BOB_UUID = '{b0b00000-0000-4000-8000-0000000000b2}'
CAROL_ACCOUNT = '557058:ca201000-0000-4000-8000-000000000003'
REPO_GRANTS = '/repositories/acme/legacy-app/permissions-config'
PROJECT_GRANTS = '/workspaces/acme/projects/CORE/permissions-config'


def writes(emu):
    return [(r['method'], r['path']) for r in emu.requests() if r['method'] != 'GET']


def calls(emu):
    return [(r['method'], r['path'], r['status']) for r in emu.requests()]


def grant(api, path):
    """The explicit grant at a permissions-config path, as alice reads it, or None."""
    return api.get(path)


# --- bad input: fails before any API call, naming the option ---------------------------------

@pytest.mark.parametrize('args, option', [
    (dict(repository='legacy-app', group='developers', permission='create-repo'), 'permission'),
    (dict(repository='legacy-app', user_id='bob@example.com', permission='read'), 'user_id'),
    (dict(repository='legacy-app', user_id='b0b00000-0000-4000-8000-0000000000b2', permission='read'), 'user_id'),
    (dict(repository='legacy-app', user_id='bob builder', permission='read'), 'user_id'),
    (dict(project='1CORE', group='developers', permission='read'), 'project'),
    (dict(repository='legacy/app', group='developers', permission='read'), 'repository'),
    (dict(repository='legacy-app', group='dev elopers', permission='read'), 'group'),
    (dict(workspace='ac me', repository='legacy-app', group='developers', permission='read'), 'workspace'),
])
def test_bad_input_fails_before_any_call(emu, alice, run_module, args, option):
    result = run_module('bitbucket_permission', dict(alice, **dict(dict(workspace='acme'), **args)))
    assert result.failed
    assert result['msg'].startswith(option + ':'), result['msg']
    assert emu.requests() == []


@pytest.mark.parametrize('args, words', [
    (dict(repository='legacy-app', project='CORE', group='developers', permission='read'), ['repository', 'project']),
    (dict(repository='legacy-app', user_id=BOB_ACCOUNT, group='developers', permission='read'), ['user_id', 'group']),
    (dict(group='developers', permission='read'), ['repository', 'project']),
    (dict(repository='legacy-app', permission='read'), ['user_id', 'group']),
    (dict(repository='legacy-app', group='developers'), ['permission']),
    (dict(repository='legacy-app', group='developers', permission='owner'), ['permission']),
])
def test_inconsistent_options_fail_before_any_call(emu, alice, run_module, args, words):
    result = run_module('bitbucket_permission', dict(alice, workspace='acme', **args))
    assert result.failed
    assert all(word in result['msg'] for word in words), result['msg']
    assert emu.requests() == []


# --- check mode, real, again -----------------------------------------------------------------

FLAT_KEYS = ('account_id', 'uuid', 'display_name', 'nickname', 'slug', 'name', 'permission', 'workspace')


def flat(result):
    """The flat convenience keys of a permission result, and the target's slug or key."""
    out = dict((k, result[k]) for k in FLAT_KEYS if k in result)
    if 'repository' in result:
        out['repository'] = result['repository'].get('slug') or result['repository']['full_name'].split('/')[1]
    if 'project' in result:
        out['project'] = result['project']['key']
    return out


def test_group_grant_on_repository_check_real_again(emu, alice, api, run_module):
    args = dict(alice, workspace='acme', repository='legacy-app', group='admins', permission='read')
    assert grant(api, REPO_GRANTS + '/groups/admins') is None
    emu.clear_requests()

    checked = run_module('bitbucket_permission', args, check_mode=True)
    assert not checked.failed, checked
    assert checked['changed'] is True
    assert flat(checked['permission']) == dict(slug='admins', name=None, permission='read', workspace='acme', repository='legacy-app')
    assert checked['permission']['group'] == dict(slug='admins')
    assert checked['diff'] == dict(before={}, after=dict(permission='read', workspace='acme', repository='legacy-app', group='admins'))
    assert writes(emu) == []
    assert calls(emu) == [('GET', '/2.0' + REPO_GRANTS + '/groups/admins', 404)]
    assert grant(api, REPO_GRANTS + '/groups/admins') is None

    emu.clear_requests()
    done = run_module('bitbucket_permission', args)
    assert not done.failed, done
    assert done['changed'] is True
    assert flat(done['permission']) == dict(slug='admins', name='Admins', permission='read', workspace='acme', repository='legacy-app')
    # The grant as Bitbucket gives it: the group and repository objects, links.
    assert done['permission']['group']['slug'] == 'admins' and done['permission']['repository']['full_name'] == 'acme/legacy-app'
    assert done['permission']['type'] == 'repository_group_permission' and done['permission']['links']['self']['href']
    assert [c[:2] for c in calls(emu)] == [('GET', '/2.0' + REPO_GRANTS + '/groups/admins'),
                                           ('PUT', '/2.0' + REPO_GRANTS + '/groups/admins')]
    assert grant(api, REPO_GRANTS + '/groups/admins')['permission'] == 'read'

    emu.clear_requests()
    again = run_module('bitbucket_permission', args)
    assert again['changed'] is False
    assert again['permission']['permission'] == 'read'
    assert again['diff']['before'] == again['diff']['after']
    assert len(emu.requests()) == 1 and writes(emu) == []


def test_user_grant_on_project_by_account_id_then_by_uuid(emu, alice, api, run_module):
    args = dict(alice, workspace='acme', project='CORE', user_id=BOB_ACCOUNT, permission='create-repo')

    checked = run_module('bitbucket_permission', args, check_mode=True)
    assert checked['changed'] is True
    # check mode reads bob's membership, so the predicted record is complete
    assert flat(checked['permission']) == dict(account_id=BOB_ACCOUNT, uuid=BOB_UUID, display_name='Bob Builder', nickname='bob',
                                               permission='create-repo', workspace='acme', project='CORE')
    assert writes(emu) == []
    assert grant(api, PROJECT_GRANTS + '/users/' + BOB_ACCOUNT) is None

    emu.clear_requests()
    done = run_module('bitbucket_permission', args)
    assert done['changed'] is True
    assert flat(done['permission']) == flat(checked['permission'])
    assert done['permission']['project']['key'] == 'CORE' and done['permission']['user']['account_id'] == BOB_ACCOUNT
    assert writes(emu) == [('PUT', '/2.0' + PROJECT_GRANTS + '/users/' + BOB_ACCOUNT)]
    assert grant(api, PROJECT_GRANTS + '/users/' + BOB_ACCOUNT)['permission'] == 'create-repo'

    emu.clear_requests()
    again = run_module('bitbucket_permission', dict(args, user_id=BOB_UUID))
    assert again['changed'] is False, again
    assert again['permission']['account_id'] == BOB_ACCOUNT
    assert writes(emu) == []


def test_changing_a_grant_shows_the_diff_and_sends_only_a_put(emu, alice, api, run_module):
    args = dict(alice, workspace='acme', repository='legacy-app', group='developers', permission='admin')
    assert grant(api, REPO_GRANTS + '/groups/developers')['permission'] == 'write'

    checked = run_module('bitbucket_permission', args, check_mode=True)
    assert checked['changed'] is True
    assert checked['diff'] == dict(before=dict(permission='write', workspace='acme', repository='legacy-app', group='developers'),
                                   after=dict(permission='admin', workspace='acme', repository='legacy-app', group='developers'))
    assert checked['permission']['permission'] == 'admin'
    assert grant(api, REPO_GRANTS + '/groups/developers')['permission'] == 'write'

    emu.clear_requests()
    done = run_module('bitbucket_permission', args)
    assert done['changed'] is True and done['diff'] == checked['diff']
    assert writes(emu) == [('PUT', '/2.0' + REPO_GRANTS + '/groups/developers')]
    assert grant(api, REPO_GRANTS + '/groups/developers')['permission'] == 'admin'

    assert run_module('bitbucket_permission', args)['changed'] is False


def test_removing_a_grant_check_real_again(emu, alice, api, run_module):
    args = dict(alice, workspace='acme', project='LEGACY', group='admins', state='absent')
    path = '/workspaces/acme/projects/LEGACY/permissions-config/groups/admins'

    checked = run_module('bitbucket_permission', args, check_mode=True)
    assert checked['changed'] is True
    assert checked['permission'] == {}
    assert checked['diff'] == dict(before=dict(permission='admin', workspace='acme', project='LEGACY', group='admins'), after={})
    assert grant(api, path)['permission'] == 'admin'

    emu.clear_requests()
    done = run_module('bitbucket_permission', args)
    assert done['changed'] is True
    assert writes(emu) == [('DELETE', '/2.0' + path)]
    assert grant(api, path) is None

    emu.clear_requests()
    again = run_module('bitbucket_permission', args)
    assert again['changed'] is False
    assert writes(emu) == []


# --- the grantee or the target is wrong: a clear message -------------------------------------

@pytest.mark.parametrize('check_mode', [True, False])
def test_user_outside_the_workspace_fails_clearly(emu, alice, api, run_module, check_mode):
    args = dict(alice, workspace='acme', repository='legacy-app', user_id=CAROL_ACCOUNT, permission='read')
    result = run_module('bitbucket_permission', args, check_mode=check_mode)
    assert result.failed
    assert 'user_id: %s is not a member of workspace acme' % CAROL_ACCOUNT in result['msg']
    assert writes(emu) == ([] if check_mode else [('PUT', '/2.0' + REPO_GRANTS + '/users/' + CAROL_ACCOUNT)])
    assert grant(api, REPO_GRANTS + '/users/' + CAROL_ACCOUNT) is None


def test_unknown_group_fails_clearly(emu, alice, run_module):
    result = run_module('bitbucket_permission', dict(alice, workspace='acme', repository='legacy-app', group='ghosts', permission='read'))
    assert result.failed
    assert 'group: ghosts does not exist in workspace acme' in result['msg']


def test_missing_repository_fails_naming_it(emu, alice, run_module):
    result = run_module('bitbucket_permission', dict(alice, workspace='acme', repository='nowhere', user_id=BOB_ACCOUNT, permission='read'))
    assert result.failed
    assert 'repository: acme/nowhere does not exist' in result['msg']


def test_workspace_owner_cannot_be_granted(emu, alice, run_module):
    result = run_module('bitbucket_permission', dict(alice, workspace='acme', repository='legacy-app',
                                                     user_id='{a11ce000-0000-4000-8000-0000000000a1}', permission='read'))
    assert result.failed
    assert result['msg'].count('user_id:') == 1 and 'owner' in result['msg']


# --- credentials without the scope ------------------------------------------------------------

def alice_with(emu, scopes):
    """alice's connection options with an API token that has only these scopes."""
    seed = load_sample()
    seed['users'][0]['api_tokens'].append(dict(token='alice-narrow-token', scopes=scopes))
    emu.reset(seed=seed)
    return dict(api_url=emu.api_url, user='alice@example.com', password='alice-narrow-token', retries=0)


def test_token_without_write_permission_scope_names_it(emu, api, run_module):
    narrow = alice_with(emu, ['read:repository:bitbucket', 'admin:repository:bitbucket', 'read:workspace:bitbucket'])
    args = dict(narrow, workspace='acme', repository='legacy-app', group='developers', permission='admin')
    checked = run_module('bitbucket_permission', args, check_mode=True)
    assert checked['changed'] is True  # check mode only reads
    result = run_module('bitbucket_permission', args)
    assert result.failed
    assert result['error']['status'] == 403
    assert 'write:permission:bitbucket' in result['msg']
    assert 'alice-narrow-token' not in str(result.result)
    assert grant(api, REPO_GRANTS + '/groups/developers')['permission'] == 'write'


def test_token_without_delete_permission_scope_names_it(emu, api, run_module):
    narrow = alice_with(emu, ['read:project:bitbucket', 'admin:project:bitbucket', 'write:permission:bitbucket'])
    result = run_module('bitbucket_permission', dict(narrow, workspace='acme', project='LEGACY', group='admins', state='absent'))
    assert result.failed
    assert result['error']['status'] == 403 and result['error']['method'] == 'DELETE'
    assert 'delete:permission:bitbucket' in result['msg']
    assert grant(api, '/workspaces/acme/projects/LEGACY/permissions-config/groups/admins')['permission'] == 'admin'


def test_non_admin_cannot_grant(emu, api, run_module):
    bob = dict(api_url=emu.api_url, user='bob@example.com', password='bob-api-token', retries=0)
    result = run_module('bitbucket_permission', dict(bob, workspace='acme', repository='legacy-app', group='developers', permission='admin'))
    assert result.failed
    assert result['error']['status'] == 403
    assert 'admin access' in result['msg']
    assert 'bob-api-token' not in str(result.result)
    assert grant(api, REPO_GRANTS + '/groups/developers')['permission'] == 'write'


def test_workspace_access_token_cannot_manage_permissions(emu, api, run_module):
    result = run_module('bitbucket_permission', dict(api_url=emu.api_url, token='acme-read-token', retries=0, workspace='acme',
                                                     repository='legacy-app', group='admins', permission='read'))
    assert result.failed
    assert result['error']['status'] == 403
    assert 'acme-read-token' not in str(result)
    assert grant(api, REPO_GRANTS + '/groups/admins') is None


# --- a PUT whose reply was lost is re-sent safely ----------------------------------------------

def test_lost_reply_on_put_is_retried_without_harm(emu, alice, api, run_module):
    emu.set_faults(rules=[dict(action='drop_after_write', every=1, count=1, methods=['PUT'], path='permissions-config')])
    args = dict(alice, workspace='acme', repository='legacy-app', user_id=BOB_UUID, permission='write')
    result = run_module('bitbucket_permission', args)
    assert not result.failed, result
    assert result['changed'] is True
    assert [m for m, p in writes(emu)] == ['PUT', 'PUT']
    assert grant(api, REPO_GRANTS + '/users/' + BOB_ACCOUNT)['permission'] == 'write'
    assert run_module('bitbucket_permission', args)['changed'] is False


# --- select(): the plan module picks a grant from a listed page -------------------------------

def test_select_matches_account_id_uuid_or_group_slug(emu, alice):
    from ansible_collections.bitbucket.cloud.plugins.module_utils.permission import PermissionResource
    listed = [
        dict(permission='read', user=dict(account_id=BOB_ACCOUNT, uuid=BOB_UUID)),
        dict(permission='write', group=dict(slug='developers', name='Developers')),
    ]
    by_uuid = PermissionResource(None, dict(workspace='acme', repository='r', user_id=BOB_UUID.upper()))
    by_account = PermissionResource(None, dict(workspace='acme', repository='r', user_id=BOB_ACCOUNT))
    by_group = PermissionResource(None, dict(workspace='acme', repository='r', group='developers'))
    nobody = PermissionResource(None, dict(workspace='acme', repository='r', user_id=CAROL_ACCOUNT))
    assert by_uuid.select(listed) is listed[0]
    assert by_account.select(listed) is listed[0]
    assert by_group.select(listed) is listed[1]
    assert nobody.select(listed) is None
    assert by_group.plan(listed[1], 'present') is None
    assert PermissionResource(None, dict(workspace='acme', repository='r', group='developers', permission='admin')).plan(listed[1]) == dict(
        action='update', workspace='acme', repository='r', group='developers', changes=dict(permission=dict(before='write', after='admin')))
    assert emu.requests() == []


def test_seeded_user_grant_is_found_by_uuid(emu, alice, run_module):
    seed = load_sample()
    seed['workspaces'][0]['repositories'][0]['permissions']['users'] = {'bob@example.com': 'read'}
    emu.reset(seed=seed)
    result = run_module('bitbucket_permission', dict(alice, workspace='acme', repository='legacy-app', user_id=BOB_UUID, permission='read'))
    assert result['changed'] is False, result
    assert result['permission']['account_id'] == BOB_ACCOUNT
