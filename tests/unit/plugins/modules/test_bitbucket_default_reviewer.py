# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""bitbucket_default_reviewer against the emulator."""

import pytest

BOB_ACCOUNT = '557058:b0b00000-0000-4000-8000-000000000002'
BOB_UUID = '{b0b00000-0000-4000-8000-0000000000b2}'
CAROL_ACCOUNT = '557058:ca201000-0000-4000-8000-000000000003'
REPO = '/repositories/acme/legacy-app/default-reviewers'
PROJECT = '/workspaces/acme/projects/CORE/default-reviewers'


def writes(emu):
    return [(r['method'], r['path']) for r in emu.requests() if r['method'] != 'GET']


def reviewers(api, path):
    """The account ids of a reviewer list, as alice reads it (a project lists {reviewer_type, user})."""
    values = api.get(path)['values']
    return sorted((v.get('user') or v)['account_id'] for v in values)


# --- bad input: fails before any API call, naming the option ---------------------------------

@pytest.mark.parametrize('args, option', [
    (dict(repository='legacy-app', user_id='bob'), 'user_id'),
    (dict(repository='legacy-app', user_id='bob@'), 'user_id'),
    (dict(repository='legacy-app', user_id='b0b00000-0000-4000-8000-0000000000b2'), 'user_id'),
    (dict(project='1CORE', user_id=BOB_ACCOUNT), 'project'),
    (dict(repository='legacy/app', user_id=BOB_ACCOUNT), 'repository'),
    (dict(workspace='ac me', repository='legacy-app', user_id=BOB_ACCOUNT), 'workspace'),
])
def test_bad_input_fails_before_any_call(emu, alice, run_module, args, option):
    result = run_module('bitbucket_default_reviewer', dict(alice, **dict(dict(workspace='acme'), **args)))
    assert result.failed
    assert result['msg'].startswith(option + ':'), result['msg']
    assert emu.requests() == []


@pytest.mark.parametrize('args, words', [
    (dict(repository='legacy-app', project='CORE', user_id=BOB_ACCOUNT), ['repository', 'project']),
    (dict(user_id=BOB_ACCOUNT), ['repository', 'project']),
    (dict(repository='legacy-app'), ['user_id']),
])
def test_inconsistent_options_fail_before_any_call(emu, alice, run_module, args, words):
    result = run_module('bitbucket_default_reviewer', dict(alice, workspace='acme', **args))
    assert result.failed
    assert all(word in result['msg'] for word in words), result['msg']
    assert emu.requests() == []


# --- check mode, real, again -----------------------------------------------------------------

def test_repository_reviewer_check_real_again_absent(emu, alice, api, run_module):
    args = dict(alice, workspace='acme', repository='legacy-app', user_id=BOB_ACCOUNT)
    emu.clear_requests()

    checked = run_module('bitbucket_default_reviewer', args, check_mode=True)
    assert not checked.failed, checked
    assert checked['changed'] is True
    # check mode reads bob's membership, so the predicted account is complete
    assert checked['default_reviewer']['uuid'] == BOB_UUID and checked['default_reviewer']['display_name'] == 'Bob Builder'
    assert checked['diff'] == dict(before={}, after=dict(workspace='acme', repository='legacy-app', user_id=BOB_ACCOUNT))
    assert writes(emu) == []
    assert reviewers(api, REPO) == []

    emu.clear_requests()
    done = run_module('bitbucket_default_reviewer', args)
    assert done['changed'] is True
    assert done['default_reviewer']['account_id'] == BOB_ACCOUNT and done['default_reviewer']['nickname'] == 'bob'
    assert done['diff'] == checked['diff']
    assert [(r['method'], r['path']) for r in emu.requests()] == [('GET', '/2.0' + REPO), ('PUT', '/2.0' + REPO + '/' + BOB_ACCOUNT)]
    assert reviewers(api, REPO) == [BOB_ACCOUNT]

    emu.clear_requests()
    again = run_module('bitbucket_default_reviewer', dict(args, user_id=BOB_UUID))
    assert again['changed'] is False, again
    assert again['default_reviewer']['account_id'] == BOB_ACCOUNT
    assert again['diff']['before'] == again['diff']['after']
    assert len(emu.requests()) == 1 and writes(emu) == []

    absent = dict(args, state='absent')
    checked = run_module('bitbucket_default_reviewer', absent, check_mode=True)
    assert checked['changed'] is True and checked['default_reviewer'] == {}
    assert checked['diff']['after'] == {} and checked['diff']['before']['user_id'] == BOB_ACCOUNT
    assert reviewers(api, REPO) == [BOB_ACCOUNT]
    emu.clear_requests()
    removed = run_module('bitbucket_default_reviewer', absent)
    assert removed['changed'] is True
    assert writes(emu) == [('DELETE', '/2.0' + REPO + '/' + BOB_ACCOUNT)]
    assert reviewers(api, REPO) == []
    emu.clear_requests()
    assert run_module('bitbucket_default_reviewer', absent)['changed'] is False
    assert writes(emu) == []


def test_project_reviewer_by_email_with_key_in_other_case(emu, alice, api, run_module):
    args = dict(alice, workspace='acme', project='core', user_id='bob@example.com')
    checked = run_module('bitbucket_default_reviewer', args, check_mode=True)
    assert checked['changed'] is True, checked
    assert checked['default_reviewer']['account_id'] == BOB_ACCOUNT
    assert checked['diff']['after'] == dict(workspace='acme', project='CORE', user_id='bob@example.com', account_id=BOB_ACCOUNT)
    assert reviewers(api, PROJECT) == []

    emu.clear_requests()
    done = run_module('bitbucket_default_reviewer', args)
    assert done['changed'] is True, done
    assert writes(emu) == [('PUT', '/2.0' + PROJECT + '/' + BOB_ACCOUNT)]
    assert reviewers(api, PROJECT) == [BOB_ACCOUNT]
    # the project's reviewers reach its repositories
    effective = api.get('/repositories/acme/core-api/effective-default-reviewers')['values']
    assert [(v['reviewer_type'], v['user']['account_id']) for v in effective] == [('project', BOB_ACCOUNT)]

    assert run_module('bitbucket_default_reviewer', args)['changed'] is False
    # a project answers 400 (not 404) for a GET or DELETE of a user who is no reviewer: absent reads the list instead
    emu.clear_requests()
    gone = run_module('bitbucket_default_reviewer', dict(args, state='absent'))
    assert gone['changed'] is True
    assert writes(emu) == [('DELETE', '/2.0' + PROJECT + '/' + BOB_ACCOUNT)]
    again = run_module('bitbucket_default_reviewer', dict(args, state='absent'))
    assert again['changed'] is False and not again.failed
    assert reviewers(api, PROJECT) == []


# --- a user who cannot be a reviewer, or a missing target: the reason ------------------------

def test_user_outside_the_workspace_fails_with_the_api_reason(emu, alice, api, run_module):
    args = dict(alice, workspace='acme', repository='legacy-app', user_id=CAROL_ACCOUNT)
    checked = run_module('bitbucket_default_reviewer', args, check_mode=True)
    assert checked.failed
    assert 'user_id: %s is not a member of workspace acme' % CAROL_ACCOUNT in checked['msg']
    assert writes(emu) == []

    emu.clear_requests()
    result = run_module('bitbucket_default_reviewer', args)
    assert result.failed
    assert 'user_id: Bitbucket refused %s as a default reviewer of repository acme/legacy-app' % CAROL_ACCOUNT in result['msg']
    # the API's own reason, and its 400
    assert 'does not have access to this repository' in result['msg']
    assert result['error']['status'] == 400
    assert writes(emu) == [('PUT', '/2.0' + REPO + '/' + CAROL_ACCOUNT)]
    assert reviewers(api, REPO) == []


def test_email_of_no_member_fails_naming_user_id(emu, alice, run_module):
    result = run_module('bitbucket_default_reviewer', dict(alice, workspace='acme', repository='legacy-app',
                                                           user_id='carol@example.com'))
    assert result.failed
    assert 'user_id: carol@example.com is not a member of workspace acme' in result['msg']
    assert writes(emu) == []


@pytest.mark.parametrize('target, word', [(dict(repository='nope'), 'repository: acme/nope does not exist'),
                                          (dict(project='NOPE'), 'project: NOPE in workspace acme does not exist')])
def test_missing_target_fails_clearly(emu, alice, run_module, target, word):
    result = run_module('bitbucket_default_reviewer', dict(alice, workspace='acme', user_id=BOB_ACCOUNT, **target))
    assert result.failed
    assert word in result['msg'], result['msg']
    assert writes(emu) == []


def test_a_member_without_access_fails_with_the_api_reason_in_the_module_and_the_workspace(emu, alice, run_module, api):
    from emulator.seed import load_sample
    seed = load_sample()
    seed['workspaces'][0]['repositories'].append({'slug': 'secret', 'project': 'LEGACY'})
    seed['workspaces'][0]['projects'][1]['permissions'] = {}
    emu.reset(seed=seed)
    # bob is a member (check mode cannot tell more), but has no access to this private repository
    args = dict(alice, workspace='acme', repository='secret', user_id=BOB_ACCOUNT)
    assert run_module('bitbucket_default_reviewer', args, check_mode=True)['changed'] is True
    result = run_module('bitbucket_default_reviewer', args)
    assert result.failed
    assert 'user_id: Bitbucket refused %s as a default reviewer of repository acme/secret' % BOB_ACCOUNT in result['msg']
    assert 'Bob Builder does not have access to this repository' in result['msg']
    converged = run_module('bitbucket_workspace', dict(alice, workspace='acme', repositories=[
        dict(name='secret', default_reviewers=[BOB_ACCOUNT])]))
    assert converged.failed
    assert [f['action'] for f in converged['failed_actions']] == [
        'create default reviewer %s of repository acme/secret: user_id=%r' % (BOB_ACCOUNT, BOB_ACCOUNT)]
    assert 'does not have access to this repository' in converged['failed_actions'][0]['error']
    assert api.get('/repositories/acme/secret/default-reviewers')['values'] == []
