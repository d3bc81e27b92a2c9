# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""bitbucket_webhook against the emulator."""

import json
import os
import subprocess
import sys
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[4]
HOOKS = '/repositories/acme/legacy-app/hooks'
WS_HOOKS = '/workspaces/acme/hooks'
CI = 'https://ci.example.com/bitbucket'
SECRET = 'Zq8-unit-webhook-secret-7Yx'
OTHER_SECRET = 'Wm3-rotated-webhook-secret-4Kp'


def hook_args(alice, **kwargs):
    args = dict(alice, workspace='acme', repository='legacy-app', url=CI, events=['repo:push'])
    args.update(kwargs)
    return args


def hooks(api, path=HOOKS):
    return api.get(path, pagelen=100)['values']


def hooks_with_url(api, url=CI, path=HOOKS):
    return [h for h in hooks(api, path) if h['url'] == url]


def stored_hook(emu, uuid):
    """The hook as the emulator stores it (with its secret), wherever the state keeps it."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get('uuid') == uuid and 'url' in node:
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
    return [r for r in emu.requests() if r['method'] != 'GET']


def assert_no_secret(*results):
    for result in results:
        text = json.dumps(result.result)
        assert SECRET not in text and OTHER_SECRET not in text


def create(run_module, alice, api, **kwargs):
    result = run_module('bitbucket_webhook', hook_args(alice, **kwargs))
    assert result['changed'] and not result.failed, result
    return result['webhook']


def test_create_check_real_again(emu, alice, api, run_module):
    args = hook_args(alice, description='CI', events=['repo:push', 'pullrequest:created', 'repo:push'], secret=SECRET)
    emu.clear_requests()
    checked = run_module('bitbucket_webhook', args, check_mode=True)
    assert checked['changed'] and not checked.failed
    assert writes(emu) == []
    assert hooks_with_url(api) == []
    assert checked['webhook']['uuid'] is None
    assert checked['webhook']['secret_set'] is True
    assert checked['webhook']['events'] == ['pullrequest:created', 'repo:push']
    assert checked['diff']['before'] == {}
    assert checked['diff']['after']['secret_set'] is True

    emu.clear_requests()
    real = run_module('bitbucket_webhook', args)
    assert real['changed']
    assert [(r['method'], r['path']) for r in emu.requests()] == [('GET', '/2.0' + HOOKS), ('POST', '/2.0' + HOOKS)]
    [hook] = hooks_with_url(api)
    assert hook['uuid'] == real['webhook']['uuid']
    assert sorted(hook['events']) == ['pullrequest:created', 'repo:push']
    assert hook['active'] is True and hook['secret_set'] is True and hook['description'] == 'CI'
    assert hook.get('skip_cert_verification') is False
    assert stored_hook(emu, hook['uuid'])['secret'] == SECRET
    # The API object as Bitbucket gives it (events sorted), plus the convenience keys workspace and repository.
    assert real['webhook'] == dict(hook, events=['pullrequest:created', 'repo:push'], workspace='acme',
                                   repository='legacy-app')
    assert real['webhook']['subject']['full_name'] == 'acme/legacy-app' and 'secret' not in real['webhook']

    emu.clear_requests()
    again = run_module('bitbucket_webhook', dict(args, events=['pullrequest:created', 'repo:push']))
    assert not again['changed']
    assert [r['method'] for r in emu.requests()] == ['GET']
    assert again['webhook']['uuid'] == hook['uuid']
    assert_no_secret(checked, real, again)


def test_update_sends_only_what_the_user_set(emu, alice, api, run_module):
    created = create(run_module, alice, api, description='CI', events=['repo:push'], secret=SECRET)
    args = dict(alice, workspace='acme', repository='legacy-app', url=CI, events=['repo:push', 'repo:fork'],
                active=False)
    checked = run_module('bitbucket_webhook', args, check_mode=True)
    assert checked['changed']
    assert checked['diff'] == dict(
        before=dict(workspace='acme', repository='legacy-app', url=CI, events=['repo:push'], active=True),
        after=dict(workspace='acme', repository='legacy-app', url=CI, events=['repo:fork', 'repo:push'], active=False))
    assert hooks_with_url(api)[0]['active'] is True

    emu.clear_requests()
    real = run_module('bitbucket_webhook', args)
    assert real['changed']
    assert [r['method'] for r in emu.requests()] == ['GET', 'PUT']
    [hook] = hooks_with_url(api)
    assert hook['active'] is False and sorted(hook['events']) == ['repo:fork', 'repo:push']
    # Options left out are untouched, and so is the secret.
    assert hook['description'] == 'CI' and hook['secret_set'] is True
    assert stored_hook(emu, created['uuid'])['secret'] == SECRET

    again = run_module('bitbucket_webhook', args)
    assert not again['changed']


def test_skip_cert_verification_compared_only_when_given(emu, alice, api, run_module):
    create(run_module, alice, api, skip_cert_verification=True)
    assert hooks_with_url(api)[0]['skip_cert_verification'] is True
    assert not run_module('bitbucket_webhook', hook_args(alice))['changed']
    changed = run_module('bitbucket_webhook', hook_args(alice, skip_cert_verification=False))
    assert changed['changed'] and changed['webhook']['skip_cert_verification'] is False
    assert hooks_with_url(api)[0]['skip_cert_verification'] is False


def test_secret_on_create_is_not_resent(emu, alice, api, run_module):
    created = create(run_module, alice, api, secret=SECRET)
    result = run_module('bitbucket_webhook', hook_args(alice, secret=OTHER_SECRET))
    assert not result['changed']
    assert stored_hook(emu, created['uuid'])['secret'] == SECRET
    assert_no_secret(result)


def test_secret_on_create_sets_a_missing_secret(emu, alice, api, run_module):
    created = create(run_module, alice, api)
    assert created['secret_set'] is False
    checked = run_module('bitbucket_webhook', hook_args(alice, secret=SECRET), check_mode=True)
    assert checked['changed'] and checked['webhook']['secret_set'] is True
    assert checked['diff']['before']['secret_set'] is False and checked['diff']['after']['secret_set'] is True
    assert hooks_with_url(api)[0]['secret_set'] is False
    real = run_module('bitbucket_webhook', hook_args(alice, secret=SECRET))
    assert real['changed'] and real['webhook']['secret_set'] is True
    assert stored_hook(emu, created['uuid'])['secret'] == SECRET
    assert not run_module('bitbucket_webhook', hook_args(alice, secret=SECRET))['changed']
    assert_no_secret(checked, real)


def test_omitted_secret_never_removes_it(emu, alice, api, run_module):
    created = create(run_module, alice, api, secret=SECRET)
    for update in ('on_create', 'always'):
        result = run_module('bitbucket_webhook', hook_args(alice, description='changed ' + update, secret_update=update))
        assert result['changed'] and result['webhook']['secret_set'] is True
    assert stored_hook(emu, created['uuid'])['secret'] == SECRET
    # on_create with "" does not remove it either.
    assert not run_module('bitbucket_webhook', hook_args(alice, secret=''))['changed']
    assert stored_hook(emu, created['uuid'])['secret'] == SECRET


def test_secret_always_resends_and_reports_changed(emu, alice, api, run_module):
    created = create(run_module, alice, api, secret=SECRET)
    args = hook_args(alice, secret=OTHER_SECRET, secret_update='always')
    checked = run_module('bitbucket_webhook', args, check_mode=True)
    assert checked['changed']
    assert stored_hook(emu, created['uuid'])['secret'] == SECRET
    for dummy in range(2):
        result = run_module('bitbucket_webhook', args)
        assert result['changed'] and result['webhook']['secret_set'] is True
        assert stored_hook(emu, created['uuid'])['secret'] == OTHER_SECRET
        assert set(result['diff']['before']) == set(result['diff']['after'])
        assert_no_secret(result)
    assert_no_secret(checked)


def test_secret_always_empty_removes_it(emu, alice, api, run_module):
    created = create(run_module, alice, api, secret=SECRET)
    args = hook_args(alice, secret='', secret_update='always')
    checked = run_module('bitbucket_webhook', args, check_mode=True)
    assert checked['changed'] and checked['webhook']['secret_set'] is False
    assert hooks_with_url(api)[0]['secret_set'] is True
    real = run_module('bitbucket_webhook', args)
    assert real['changed'] and real['webhook']['secret_set'] is False
    assert real['diff'] == dict(before=dict(workspace='acme', repository='legacy-app', url=CI, secret_set=True),
                                after=dict(workspace='acme', repository='legacy-app', url=CI, secret_set=False))
    assert hooks_with_url(api)[0]['secret_set'] is False
    assert not stored_hook(emu, created['uuid']).get('secret')
    assert not run_module('bitbucket_webhook', args)['changed']


def test_duplicate_url_is_ambiguous_until_uuid_is_given(emu, alice, api, run_module):
    session = requests.Session()
    session.auth = ('alice@example.com', 'alice-api-token')
    uuids = []
    for description in ('first', 'second'):
        reply = session.post(emu.api_url + HOOKS, json=dict(url=CI, events=['repo:push'], description=description))
        assert reply.status_code == 201, reply.text
        uuids.append(reply.json()['uuid'])
    emu.clear_requests()
    result = run_module('bitbucket_webhook', hook_args(alice, description='third'))
    assert result.failed and result['msg'].startswith('url:')
    assert uuids[0] in result['msg'] and uuids[1] in result['msg']
    assert writes(emu) == []

    picked = run_module('bitbucket_webhook', hook_args(alice, uuid=uuids[1], description='picked'))
    assert picked['changed'] and picked['webhook']['uuid'] == uuids[1]
    by_uuid = dict((h['uuid'], h) for h in hooks_with_url(api))
    assert by_uuid[uuids[1]]['description'] == 'picked' and by_uuid[uuids[0]]['description'] == 'first'

    gone = run_module('bitbucket_webhook', dict(alice, workspace='acme', repository='legacy-app', uuid=uuids[0],
                                                state='absent'))
    assert gone['changed']
    assert [h['uuid'] for h in hooks_with_url(api)] == [uuids[1]]
    # Now the URL alone finds the one left.
    assert not run_module('bitbucket_webhook', hook_args(alice, description='picked'))['changed']


def test_uuid_can_change_the_url(emu, alice, api, run_module):
    created = create(run_module, alice, api)
    moved = 'https://ci2.example.com/bitbucket'
    result = run_module('bitbucket_webhook', hook_args(alice, url=moved, uuid=created['uuid']))
    assert result['changed']
    assert result['diff']['before']['url'] == CI and result['diff']['after']['url'] == moved
    assert hooks_with_url(api) == [] and len(hooks_with_url(api, moved)) == 1


def test_unknown_uuid_fails_when_present_and_is_absent_already(emu, alice, run_module):
    missing = '{0badc0de-0000-4000-8000-000000000000}'
    result = run_module('bitbucket_webhook', hook_args(alice, uuid=missing))
    assert result.failed and result['msg'].startswith('uuid:') and missing in result['msg']
    assert [r['method'] for r in emu.requests()] == ['GET']
    absent = run_module('bitbucket_webhook', dict(alice, workspace='acme', repository='legacy-app', uuid=missing,
                                                  state='absent'))
    assert not absent.failed and not absent['changed']


def test_unknown_event_fails_before_any_call(emu, alice, run_module):
    result = run_module('bitbucket_webhook', hook_args(alice, events=['repo:push', 'repo:pushed']))
    assert result.failed
    assert 'events' in result['msg'] and 'repo:pushed' in result['msg']
    assert emu.requests() == []


def test_bad_input_fails_before_any_call(emu, alice, run_module):
    cases = [
        (dict(url=None), 'url:'),
        (dict(url='ci.example.com'), 'url:'),
        (dict(events=[]), 'events:'),
        (dict(uuid='12'), 'uuid:'),
        (dict(secret='s' * 129), 'secret:'),
    ]
    for change, prefix in cases:
        result = run_module('bitbucket_webhook', hook_args(alice, **change))
        assert result.failed and result['msg'].startswith(prefix), result
        assert 's' * 129 not in json.dumps(result.result)
    assert emu.requests() == []


def test_events_are_required_to_create(emu, alice, api, run_module):
    args = hook_args(alice)
    del args['events']
    result = run_module('bitbucket_webhook', args)
    assert result.failed and result['msg'].startswith('events:')
    assert writes(emu) == []
    assert hooks_with_url(api) == []


def test_workspace_hook(emu, alice, api, run_module):
    args = dict(alice, workspace='acme', url='https://audit2.example.com/bitbucket', events=['repo:created', 'repo:deleted'],
                secret=SECRET)
    checked = run_module('bitbucket_webhook', args, check_mode=True)
    assert checked['changed'] and checked['webhook']['subject_type'] == 'workspace'
    assert hooks_with_url(api, args['url'], WS_HOOKS) == []
    real = run_module('bitbucket_webhook', args)
    assert real['changed']
    [hook] = hooks_with_url(api, args['url'], WS_HOOKS)
    assert hook['subject_type'] == 'workspace' and hook['secret_set'] is True
    assert real['webhook']['repository'] is None and real['webhook']['subject_type'] == 'workspace'
    assert stored_hook(emu, hook['uuid'])['secret'] == SECRET
    assert not run_module('bitbucket_webhook', args)['changed']
    # A repository hook with the same URL is a different hook.
    assert hooks_with_url(api, args['url']) == []

    absent = dict(alice, workspace='acme', url=args['url'], state='absent')
    assert run_module('bitbucket_webhook', absent, check_mode=True)['changed']
    assert len(hooks_with_url(api, args['url'], WS_HOOKS)) == 1
    assert run_module('bitbucket_webhook', absent)['changed']
    assert hooks_with_url(api, args['url'], WS_HOOKS) == []
    assert not run_module('bitbucket_webhook', absent)['changed']
    assert_no_secret(checked, real)


def test_delete_check_real_again(emu, alice, api, run_module):
    create(run_module, alice, api, description='CI')
    args = dict(alice, workspace='acme', repository='legacy-app', url=CI, state='absent')
    checked = run_module('bitbucket_webhook', args, check_mode=True)
    assert checked['changed'] and checked['webhook'] == {}
    assert checked['diff']['before']['description'] == 'CI' and checked['diff']['after'] == {}
    assert len(hooks_with_url(api)) == 1
    emu.clear_requests()
    real = run_module('bitbucket_webhook', args)
    assert real['changed']
    assert [r['method'] for r in emu.requests()] == ['GET', 'DELETE']
    assert hooks_with_url(api) == []
    assert not run_module('bitbucket_webhook', args)['changed']


def test_lost_reply_creates_exactly_one_hook(emu, alice, api, run_module):
    emu.set_faults(rules=[{'action': 'drop_after_write', 'every': 1, 'count': 1, 'methods': ['POST'],
                           'path': r'/hooks$'}])
    result = run_module('bitbucket_webhook', hook_args(alice, secret=SECRET))
    assert emu.faults()['rules'][0]['fired'] == 1
    emu.clear_faults()
    assert result['changed'] and not result.failed, result
    # The list, the POST whose reply was lost, the list that finds the hook it created.
    assert [r['method'] for r in emu.requests()] == ['GET', 'POST', 'GET']
    [hook] = hooks_with_url(api)
    assert result['webhook']['uuid'] == hook['uuid'] and result['webhook']['secret_set'] is True
    assert not run_module('bitbucket_webhook', hook_args(alice, secret=SECRET))['changed']


def test_missing_repository_fails_clearly(emu, alice, run_module):
    result = run_module('bitbucket_webhook', hook_args(alice, repository='no-such-repo'))
    assert result.failed and '404' in result['msg'] and 'no-such-repo' in result['msg']


def test_check_mode_on_a_repository_not_created_yet_predicts_the_hook(emu, alice, run_module):
    result = run_module('bitbucket_webhook', hook_args(alice, repository='not-created-yet'), check_mode=True)
    assert not result.failed and result['changed'], result
    assert result['webhook']['url'] == CI
    assert writes(emu) == []


def test_secret_absent_from_ansible_playbook_vvvv(emu, tmp_path):
    collections = tmp_path / 'collections'
    (collections / 'ansible_collections' / 'bitbucket').mkdir(parents=True)
    (collections / 'ansible_collections' / 'bitbucket' / 'cloud').symlink_to(ROOT)
    playbook = tmp_path / 'play.yml'
    connection = dict(api_url=emu.api_url, user='alice@example.com', password='alice-api-token')
    hook = dict(workspace='acme', repository='legacy-app', url=CI, events=['repo:push'], secret=SECRET)
    tasks = [
        {'name': 'create', 'bitbucket.cloud.bitbucket_webhook': hook},
        {'name': 'again', 'bitbucket.cloud.bitbucket_webhook': hook},
        {'name': 'rotate', 'bitbucket.cloud.bitbucket_webhook': dict(hook, secret=OTHER_SECRET, secret_update='always')},
        {'name': 'list', 'bitbucket.cloud.bitbucket_webhook_info': {'workspace': 'acme', 'repository': 'legacy-app'}},
        {'name': 'fail', 'bitbucket.cloud.bitbucket_webhook': dict(hook, uuid='{0badc0de-0000-4000-8000-000000000000}'),
         'ignore_errors': True},
    ]
    playbook.write_text(json.dumps([{'hosts': 'localhost', 'gather_facts': False,
                                     'module_defaults': {'group/bitbucket.cloud.bitbucket': connection},
                                     'tasks': tasks}]))
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(collections), ANSIBLE_NOCOLOR='1',
               ANSIBLE_LOCAL_TEMP=str(tmp_path / 'tmp'), ANSIBLE_PYTHON_INTERPRETER=sys.executable)
    ansible_playbook = str(Path(sys.executable).parent / 'ansible-playbook')
    done = subprocess.run([ansible_playbook, '-vvvv', '--diff', '-i', 'localhost,', '-c', 'local', str(playbook)],
                          env=env, capture_output=True, text=True, timeout=300, check=False)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    # The run did what it should, so the absence below means something.
    assert 'changed=2' in output and 'failed=0' in output and 'ignored=1' in output, output
    assert 'secret_set' in output and 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER' in output
    assert SECRET not in output
    assert OTHER_SECRET not in output
