# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""bitbucket_branch_restriction and bitbucket_branch_restriction_info against the emulator."""

import pytest
import requests

BOB_ACCOUNT = '557058:b0b00000-0000-4000-8000-000000000002'
BOB_UUID = '{b0b00000-0000-4000-8000-0000000000b2}'
CAROL_ACCOUNT = '557058:ca201000-0000-4000-8000-000000000003'
BASE = '/repositories/acme/legacy-app/branch-restrictions'


def writes(emu):
    return [(r['method'], r['path']) for r in emu.requests() if r['method'] != 'GET']


def restrictions(emu):
    session = requests.Session()
    session.auth = ('alice@example.com', 'alice-api-token')
    reply = session.get(emu.api_url + BASE, params={'pagelen': 100})
    assert reply.status_code == 200
    return reply.json()['values']


def post(emu, body):
    session = requests.Session()
    session.auth = ('alice@example.com', 'alice-api-token')
    reply = session.post(emu.api_url + BASE, json=body)
    assert reply.status_code == 201, reply.text
    return reply.json()


def args(alice, **kwargs):
    return dict(dict(alice, workspace='acme', repository='legacy-app'), **kwargs)


# --- bad input: fails before any API call, naming the option ---------------------------------

@pytest.mark.parametrize('given, option', [
    (dict(kind='protect', pattern='main'), 'kind'),
    (dict(kind='delete', pattern='main', value=2), 'value'),
    (dict(kind='require_approvals_to_merge', pattern='main', value=2, users=[BOB_ACCOUNT]), 'users'),
    (dict(kind='require_approvals_to_merge', pattern='main', value=2, groups=['admins']), 'groups'),
    (dict(kind='delete', pattern='main', branch_type='production'), 'pattern'),
    (dict(kind='delete'), 'pattern'),
    (dict(kind='delete', branch_type='main'), 'branch_type'),
    (dict(kind='delete', pattern='ma in'), 'pattern'),
    (dict(kind='push', pattern='main', users=['bob']), 'users'),
    (dict(kind='push', pattern='main', groups=['dev elopers']), 'groups'),
    (dict(kind='require_approvals_to_merge', pattern='main', value=-1), 'value'),
    (dict(kind='delete', pattern='main', repository='legacy/app'), 'repository'),
])
def test_bad_input_fails_before_any_call(emu, alice, run_module, given, option):
    result = run_module('bitbucket_branch_restriction', dict(args(alice), **given))
    assert result.failed
    # Ansible checks the choices itself (kind, branch_type), the collection everything else.
    assert result['msg'].startswith((option + ':', 'value of %s must be one of' % option)), result['msg']
    assert emu.requests() == []


def test_every_input_error_at_once(emu, alice, run_module):
    result = run_module('bitbucket_branch_restriction', args(alice, kind='delete', pattern='main', value=1, users=[]))
    assert result.failed
    assert len(result['errors']) == 2 and result['errors'][0].startswith('value:') and result['errors'][1].startswith('users:')
    assert emu.requests() == []


# --- check mode, real, again, diff, absent ----------------------------------------------------

def test_push_restriction_check_real_again_update_absent(emu, alice, run_module):
    wanted = args(alice, kind='push', pattern='main', groups=['admins'])
    checked = run_module('bitbucket_branch_restriction', wanted, check_mode=True)
    assert not checked.failed, checked
    assert checked['changed'] is True
    assert checked['branch_restriction']['kind'] == 'push' and 'id' not in checked['branch_restriction']
    assert checked['branch_restriction']['users'] == [] and checked['branch_restriction']['groups'] == [dict(slug='admins')]
    assert checked['diff'] == dict(before={}, after=dict(
        workspace='acme', repository='legacy-app', kind='push', pattern='main', users=[], groups=['admins']))
    assert writes(emu) == [] and restrictions(emu) == []

    done = run_module('bitbucket_branch_restriction', wanted)
    assert done['changed'] is True, done
    made = done['branch_restriction']
    assert isinstance(made['id'], int) and made['branch_match_kind'] == 'glob' and made['pattern'] == 'main'
    assert [g['slug'] for g in made['groups']] == ['admins'] and made['users'] == []
    assert writes(emu) == [('POST', '/2.0' + BASE)]
    assert restrictions(emu) == [made]

    emu.clear_requests()
    again = run_module('bitbucket_branch_restriction', wanted)
    assert again['changed'] is False and again['branch_restriction'] == made
    assert again['diff']['before'] == again['diff']['after']
    assert len(emu.requests()) == 1 and writes(emu) == []

    # Users compared as a set: bob by email and by account id are one user; the groups are left alone.
    emu.clear_requests()
    more = args(alice, kind='push', pattern='main', users=['bob@example.com', BOB_ACCOUNT])
    diffed = run_module('bitbucket_branch_restriction', more, check_mode=True)
    assert diffed['changed'] is True
    assert diffed['diff'] == dict(before=dict(workspace='acme', repository='legacy-app', kind='push', pattern='main', users=[]),
                                  after=dict(workspace='acme', repository='legacy-app', kind='push', pattern='main',
                                             users=[BOB_ACCOUNT]))
    assert writes(emu) == []
    updated = run_module('bitbucket_branch_restriction', more)
    assert updated['changed'] is True
    assert [u['account_id'] for u in updated['branch_restriction']['users']] == [BOB_ACCOUNT]
    assert writes(emu) == [('PUT', '/2.0%s/%d' % (BASE, made['id']))]
    # by {UUID} now: the same set
    assert run_module('bitbucket_branch_restriction', dict(more, users=[BOB_UUID]))['changed'] is False
    stored = restrictions(emu)[0]
    assert [g['slug'] for g in stored['groups']] == ['admins']

    # [] exempts nobody
    emptied = run_module('bitbucket_branch_restriction', dict(more, users=[]))
    assert emptied['changed'] is True and restrictions(emu)[0]['users'] == []

    emu.clear_requests()
    gone_check = run_module('bitbucket_branch_restriction', dict(wanted, state='absent'), check_mode=True)
    assert gone_check['changed'] is True and gone_check['diff']['after'] == {} and writes(emu) == []
    gone = run_module('bitbucket_branch_restriction', dict(wanted, state='absent'))
    assert gone['changed'] is True and gone['branch_restriction'] == {}
    assert restrictions(emu) == []
    assert run_module('bitbucket_branch_restriction', dict(wanted, state='absent'))['changed'] is False


def test_value_and_branch_type(emu, alice, run_module):
    wanted = args(alice, kind='require_approvals_to_merge', branch_type='production', value=2)
    done = run_module('bitbucket_branch_restriction', wanted)
    assert done['changed'] is True, done
    made = done['branch_restriction']
    assert (made['branch_match_kind'], made['branch_type'], made['pattern'], made['value']) == ('branching_model', 'production', '', 2)
    assert run_module('bitbucket_branch_restriction', wanted)['changed'] is False
    # The same kind on a glob is another restriction.
    other = run_module('bitbucket_branch_restriction', args(alice, kind='require_approvals_to_merge', pattern='production', value=1))
    assert other['changed'] is True and len(restrictions(emu)) == 2
    raised = run_module('bitbucket_branch_restriction', dict(wanted, value=3), check_mode=True)
    assert raised['changed'] is True
    assert raised['diff']['before']['value'] == 2 and raised['diff']['after']['value'] == 3
    assert raised['branch_restriction']['value'] == 3
    emu.clear_requests()
    raised = run_module('bitbucket_branch_restriction', dict(wanted, value=3))
    assert writes(emu) == [('PUT', '/2.0%s/%d' % (BASE, made['id']))]
    assert [r['value'] for r in restrictions(emu) if r['id'] == made['id']] == [3]


def test_value_is_required_to_create_a_value_kind(emu, alice, run_module):
    result = run_module('bitbucket_branch_restriction', args(alice, kind='require_passing_builds_to_merge', pattern='main'))
    assert result.failed and result['msg'].startswith('value: is required to create'), result
    assert writes(emu) == []


def test_users_outside_the_workspace(emu, alice, run_module):
    wanted = args(alice, kind='restrict_merges', pattern='main', users=[CAROL_ACCOUNT])
    checked = run_module('bitbucket_branch_restriction', wanted, check_mode=True)
    assert checked.failed and 'users: %s is not a member of workspace acme' % CAROL_ACCOUNT in checked['msg'], checked
    real = run_module('bitbucket_branch_restriction', wanted)
    assert real.failed and 'users: %s is not a member of workspace acme' % CAROL_ACCOUNT in real['msg'], real
    by_email = run_module('bitbucket_branch_restriction', dict(wanted, users=['carol@example.com']))
    assert by_email.failed and by_email['msg'].startswith('users: carol@example.com is not a member')
    assert writes(emu) == [('POST', '/2.0' + BASE)] and restrictions(emu) == []


def test_unchanged_options_are_not_compared_and_existing_one_is_found(emu, alice, run_module):
    made = post(emu, dict(kind='push', pattern='release/*', users=[dict(account_id=BOB_ACCOUNT)], groups=[]))
    emu.clear_requests()
    # Neither users nor groups given: the existing lists are left alone.
    same = run_module('bitbucket_branch_restriction', args(alice, kind='push', pattern='release/*'))
    assert same['changed'] is False and same['branch_restriction']['id'] == made['id']
    assert writes(emu) == []
    # The kind and pattern filters of the list are used to find it.
    assert [(r['path'], r['query']) for r in emu.requests()] == [('/2.0' + BASE, dict(kind='push', pattern='release/*', pagelen='100'))]


@pytest.mark.parametrize('check_mode', [False, True])
def test_absent_in_a_missing_repository_is_ok_and_in_a_missing_workspace_fails(emu, alice, run_module, check_mode):
    gone = dict(kind='delete', pattern='main', state='absent')
    result = run_module('bitbucket_branch_restriction', dict(args(alice, repository='no-such-repo'), **gone), check_mode=check_mode)
    assert not result.failed and result['changed'] is False, result
    result = run_module('bitbucket_branch_restriction', dict(args(alice, workspace='acme-typo'), **gone), check_mode=check_mode)
    assert result.failed and 'workspace: acme-typo does not exist' in result['msg'], result
    # A new restriction on a missing repository: check mode predicts it, the real run fails with Bitbucket's 404.
    made = dict(kind='delete', pattern='main')
    result = run_module('bitbucket_branch_restriction', dict(args(alice, repository='no-such-repo'), **made), check_mode=check_mode)
    assert result.failed is not check_mode, result
    assert writes(emu) == ([] if check_mode else [('POST', '/2.0/repositories/acme/no-such-repo/branch-restrictions')])


# --- the _info module ---------------------------------------------------------------------------

def test_info_lists_and_filters(emu, alice, run_module):
    assert run_module('bitbucket_branch_restriction_info', args(alice))['branch_restrictions'] == []
    push = post(emu, dict(kind='push', pattern='main', users=[], groups=[]))
    delete = post(emu, dict(kind='delete', pattern='main'))
    model = post(emu, dict(kind='delete', branch_match_kind='branching_model', branch_type='release'))
    listed = run_module('bitbucket_branch_restriction_info', args(alice))
    assert listed['changed'] is False and listed['branch_restrictions'] == [push, delete, model]
    assert run_module('bitbucket_branch_restriction_info', args(alice, kind='delete'))['branch_restrictions'] == [delete, model]
    assert run_module('bitbucket_branch_restriction_info', args(alice, kind='delete', pattern='main'))['branch_restrictions'] == [delete]
    bad = run_module('bitbucket_branch_restriction_info', args(alice, pattern='ma in'))
    assert bad.failed and bad['msg'].startswith('pattern:')


def test_info_follows_pages(emu, alice, run_module):
    made = [post(emu, dict(kind='delete', pattern='branch-%02d' % n)) for n in range(23)]
    assert run_module('bitbucket_branch_restriction_info', args(alice))['branch_restrictions'] == made
