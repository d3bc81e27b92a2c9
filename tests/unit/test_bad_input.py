# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bad input across the modules: each fails before any API call, names the option, and shows no traceback.

The role's own bad-input cases are in tests/system/test_role_input.py.
"""

import pytest

GOOD_AUTH = dict(user='alice@example.com', password='alice-api-token')
HOOK = dict(url='https://ci.example.com/hook', events=['repo:push'])

# (module, options without the connection, the option the message must name)
CASES = [
    # bitbucket_project
    ('bitbucket_project', dict(workspace='acme', key='1OPS', name='Ops'), 'key'),
    ('bitbucket_project', dict(workspace='acme', key='OPS-1', name='Ops'), 'key'),
    ('bitbucket_project', dict(workspace='acme', key='', name='Ops'), 'key'),
    ('bitbucket_project', dict(workspace='acme', key='OPS', name='Ops', state='gone'), 'state'),
    ('bitbucket_project', dict(workspace='acme', key='OPS', is_private='maybe'), 'is_private'),
    ('bitbucket_project', dict(workspace='ac me', key='OPS', name='Ops'), 'workspace'),
    ('bitbucket_project', dict(key='OPS', name='Ops'), 'workspace'),
    ('bitbucket_project', dict(workspace='acme', key='OPS', name='  '), 'name'),
    ('bitbucket_project', dict(workspace='acme', key='OPS', colour='red'), 'colour'),
    # bitbucket_repo
    ('bitbucket_repo', dict(workspace='acme', slug='Bad Slug!'), 'slug'),
    ('bitbucket_repo', dict(workspace='acme', slug='-leading'), 'slug'),
    ('bitbucket_repo', dict(workspace='acme', name='!!!'), 'name'),
    ('bitbucket_repo', dict(workspace='acme'), 'name'),
    ('bitbucket_repo', dict(workspace='acme', name='app', fork_policy='sometimes'), 'fork_policy'),
    ('bitbucket_repo', dict(workspace='acme', name='app', project='1BAD'), 'project'),
    ('bitbucket_repo', dict(workspace='acme', name='app', is_private='perhaps'), 'is_private'),
    ('bitbucket_repo', dict(workspace='acme', name='app', state='archived'), 'state'),
    # bitbucket_repo_info
    ('bitbucket_repo_info', dict(workspace='acme', project='not a key'), 'project'),
    ('bitbucket_repo_info', dict(project='OPS'), 'workspace'),
    # bitbucket_webhook
    ('bitbucket_webhook', dict(workspace='acme', repository='legacy-app', url='not a url', events=['repo:push']), 'url'),
    ('bitbucket_webhook', dict(workspace='acme', repository='legacy-app', url='ftp://x.example.com/h',
                               events=['repo:push']), 'url'),
    ('bitbucket_webhook', dict(workspace='acme', repository='legacy-app', url='https://x.example.com/h',
                               events=['repo:pushed']), 'events'),
    ('bitbucket_webhook', dict(workspace='acme', repository='legacy-app', url='https://x.example.com/h',
                               events=[]), 'events'),
    ('bitbucket_webhook', dict(workspace='acme', repository='legacy-app', events=['repo:push']), 'url'),
    ('bitbucket_webhook', dict(workspace='acme', repository='legacy-app', uuid='not-a-uuid', **HOOK), 'uuid'),
    ('bitbucket_webhook', dict(workspace='acme', repository='Bad Repo!', **HOOK), 'repository'),
    ('bitbucket_webhook', dict(workspace='acme', repository='legacy-app', secret_update='sometimes', **HOOK),
     'secret_update'),
    ('bitbucket_webhook', dict(workspace='acme', repository='legacy-app', active='yes please', **HOOK), 'active'),
    # bitbucket_webhook_info
    ('bitbucket_webhook_info', dict(workspace='acme', repository='Bad Repo!'), 'repository'),
    ('bitbucket_webhook_info', dict(repository='legacy-app'), 'workspace'),
    # bitbucket_workspace_info
    ('bitbucket_workspace_info', dict(workspace='ac me'), 'workspace'),
    ('bitbucket_workspace_info', dict(members='lots'), 'members'),
    # bitbucket_permissions_info
    ('bitbucket_permissions_info', dict(workspace='acme', repository='legacy-app', project='LEGACY'), 'repository'),
    ('bitbucket_permissions_info', dict(workspace='acme', project='1BAD'), 'project'),
    # bitbucket_permission
    ('bitbucket_permission', dict(workspace='acme', repository='legacy-app', group='developers', permission='owner'),
     'permission'),
    ('bitbucket_permission', dict(workspace='acme', repository='legacy-app', group='developers',
                                  permission='create-repo'), 'permission'),
    ('bitbucket_permission', dict(workspace='acme', repository='legacy-app', user_id='bob@example.com',
                                  permission='read'), 'user_id'),
    ('bitbucket_permission', dict(workspace='acme', repository='legacy-app', permission='read'), 'user_id'),
    ('bitbucket_permission', dict(workspace='acme', group='developers', permission='read'), 'repository'),
    ('bitbucket_permission', dict(workspace='acme', repository='legacy-app', group='developers'), 'permission'),
    ('bitbucket_permission', dict(workspace='acme', repository='legacy-app', project='LEGACY', group='developers',
                                  permission='read'), 'repository'),
    ('bitbucket_permission', dict(workspace='acme', project='LEGACY', group='developers', user_id='{b0b}',
                                  permission='read'), 'user_id'),
    # bitbucket_workspace_plan
    ('bitbucket_workspace_plan', dict(workspace='acme', projects=[dict(key='1BAD', name='Bad')]), 'key'),
    ('bitbucket_workspace_plan', dict(workspace='acme', repositories=[dict(name='app', fork_policy='never')]),
     'fork_policy'),
    # bitbucket_repo_mirror
    ('bitbucket_repo_mirror', dict(workspace='acme', repository='Bad Repo!', path='/tmp/x.git'), 'repository'),
    ('bitbucket_repo_mirror', dict(workspace='acme', repository='legacy-app'), 'path'),
    ('bitbucket_repo_mirror', dict(workspace='acme', repository='legacy-app', path='/tmp/x.git', parallel=0), 'parallel'),
    ('bitbucket_repo_mirror', dict(workspace='acme', repository='legacy-app', path='/tmp/x.git', operation='pull'),
     'operation'),
    ('bitbucket_repo_mirror', dict(workspace='acme', repository='legacy-app', path='/tmp/x.git',
                                   url='https://u:p@example.com/acme/legacy-app.git'), 'url'),
    ('bitbucket_repo_mirror', dict(workspace='acme', mirrors=[
        dict(repository='a', path='/tmp/x.git'), dict(repository='b', path='/tmp/x.git')]), 'path'),
    ('bitbucket_repo_mirror', dict(workspace='acme', mirrors=[
        dict(repository='a', path='/tmp/a.git'), dict(repository='a', path='/tmp/b.git')]), 'repository'),
    # bitbucket_workspace_export
    ('bitbucket_workspace_export', dict(workspace='ac me'), 'workspace'),
    ('bitbucket_workspace_export', dict(workspace='acme', projects=['1BAD']), 'projects[0]'),
    ('bitbucket_workspace_export', dict(workspace='acme', repositories=['ok', 'Bad Repo!']), 'repositories[1]'),
    ('bitbucket_workspace_plan', dict(workspace='acme', repositories=[dict(name='app', webhooks=[
        dict(url='https://x.example.com/h', events=['repo:pushed'])])]), 'events'),
    ('bitbucket_workspace_plan', dict(workspace='acme', repositories=[dict(name='app', colour='red')]), 'colour'),
]

# Connection options: (options, the option the message must name)
AUTH_CASES = [
    (dict(user='alice@example.com'), 'password'),
    (dict(password='alice-api-token'), 'user'),
    (dict(client_id='ci-consumer'), 'client_secret'),
    (dict(user='alice@example.com', password='alice-api-token', token='acme-read-token'), 'token'),
    (dict(token='acme-read-token', client_id='ci-consumer', client_secret='ci-secret'), 'client_id'),
    ({}, 'user'),
    (dict(GOOD_AUTH, timeout=0), 'timeout'),
    (dict(GOOD_AUTH, retries=-1), 'retries'),
    (dict(GOOD_AUTH, timeout='soon'), 'timeout'),
    (dict(GOOD_AUTH, validate_certs='sometimes'), 'validate_certs'),
]


def check(emu, result, option):
    assert result.failed, result
    message = result['msg']
    assert option in message, message
    assert 'Traceback' not in message and 'exception' not in result.result, result
    assert emu.requests() == []


@pytest.mark.parametrize('module, options, option', CASES,
                         ids=['%s-%s-%d' % (c[0], c[2], i) for i, c in enumerate(CASES)])
def test_bad_module_input(emu, run_module, module, options, option):
    args = dict(GOOD_AUTH, api_url=emu.api_url)
    args.update(options)
    check(emu, run_module(module, args), option)


@pytest.mark.parametrize('auth, option', AUTH_CASES, ids=['auth-%s-%d' % (c[1], i) for i, c in enumerate(AUTH_CASES)])
def test_bad_connection_input(emu, run_module, auth, option):
    args = dict(workspace='acme', key='OPS', name='Ops', api_url=emu.api_url)
    args.update(auth)
    check(emu, run_module('bitbucket_project', args), option)


def test_the_table_is_large():
    assert len(CASES) + len(AUTH_CASES) >= 40


# Dot segments, unanchored patterns, over-long values and malformed URLs: each one reached another endpoint or
# slipped through a validator in 1.0 (issue 11). (module, options, the option the message must name)
PEER = dict(group='developers', permission='read')
LONG = 'a' * 200
ATTACKS = [
    # dot segments where the value becomes a path segment
    ('bitbucket_webhook', dict(workspace='acme', repository='.', **HOOK), 'repository'),
    ('bitbucket_webhook', dict(workspace='acme', repository='..', **HOOK), 'repository'),
    ('bitbucket_webhook_info', dict(workspace='acme', repository='.'), 'repository'),
    ('bitbucket_webhook_info', dict(workspace='acme', repository='..'), 'repository'),
    ('bitbucket_repo', dict(workspace='acme', slug='.', name='x'), 'slug'),
    ('bitbucket_repo', dict(workspace='acme', slug='..', name='x'), 'slug'),
    ('bitbucket_repo', dict(workspace='acme', slug='..', state='absent'), 'slug'),
    ('bitbucket_repo', dict(workspace='.', name='app'), 'workspace'),
    ('bitbucket_repo', dict(workspace='..', name='app'), 'workspace'),
    ('bitbucket_project', dict(workspace='..', key='OPS', name='Ops'), 'workspace'),
    ('bitbucket_permission', dict(workspace='acme', repository='.', **PEER), 'repository'),
    ('bitbucket_permission', dict(workspace='acme', repository='..', **PEER), 'repository'),
    ('bitbucket_permission', dict(workspace='acme', repository='legacy-app', group='.', permission='read'), 'group'),
    ('bitbucket_permission', dict(workspace='acme', repository='legacy-app', group='..', permission='read'), 'group'),
    ('bitbucket_permission', dict(workspace='acme', repository='legacy-app', group='..', state='absent'), 'group'),
    ('bitbucket_permissions_info', dict(workspace='acme', repository='..'), 'repository'),
    ('bitbucket_permissions_info', dict(workspace='..'), 'workspace'),
    ('bitbucket_workspace_info', dict(workspace='..'), 'workspace'),
    ('bitbucket_repo_info', dict(workspace='.'), 'workspace'),
    # a trailing newline passed the ^...$ patterns of 1.0
    ('bitbucket_project', dict(workspace='acme\n', key='OPS', name='Ops'), 'workspace'),
    ('bitbucket_project', dict(workspace='acme', key='OPS\n', name='Ops'), 'key'),
    ('bitbucket_repo', dict(workspace='acme', slug='app\n', name='x'), 'slug'),
    ('bitbucket_repo', dict(workspace='acme', name='app', project='OPS\n'), 'project'),
    ('bitbucket_repo', dict(workspace='acme', name='app', mainbranch='main\n'), 'mainbranch'),
    ('bitbucket_repo_info', dict(workspace='acme', sort='name\n'), 'sort'),
    ('bitbucket_webhook', dict(workspace='acme', repository='legacy-app\n', **HOOK), 'repository'),
    ('bitbucket_webhook', dict(workspace='acme', repository='legacy-app', uuid='{01234567-89ab-cdef-0123-456789abcdef}\n',
                               **HOOK), 'uuid'),
    ('bitbucket_permission', dict(workspace='acme', repository='legacy-app\n', **PEER), 'repository'),
    ('bitbucket_permission', dict(workspace='acme', repository='legacy-app', group='developers\n', permission='read'),
     'group'),
    ('bitbucket_permission', dict(workspace='acme', repository='legacy-app',
                                  user_id='557058:b0b00000-0000-4000-8000-000000000002\n', permission='read'), 'user_id'),
    ('bitbucket_permission', dict(workspace='acme', repository='legacy-app',
                                  user_id='{b0b00000-0000-4000-8000-0000000000b2}\n', permission='read'), 'user_id'),
    ('bitbucket_webhook_info', dict(workspace='acme\n'), 'workspace'),
    # other characters that change the path or the query
    ('bitbucket_permission', dict(workspace='acme', repository='legacy-app', group='dev/../admins', permission='read'),
     'group'),
    ('bitbucket_permission', dict(workspace='acme', repository='legacy-app', group='dev?x=1', permission='read'),
     'group'),
    ('bitbucket_webhook', dict(workspace='acme', repository='a/b', **HOOK), 'repository'),
    ('bitbucket_workspace_info', dict(workspace='{not-a-uuid}'), 'workspace'),
    # nicknames never match a listed grant (account id or {uuid} only)
    ('bitbucket_permission', dict(workspace='acme', repository='legacy-app', user_id='bob', permission='read'),
     'user_id'),
    ('bitbucket_permission', dict(workspace='acme', repository='legacy-app', user_id='bob_smith', state='absent'),
     'user_id'),
    # length limits
    ('bitbucket_repo', dict(workspace='acme', slug='a' * 63, name='x'), 'slug'),
    ('bitbucket_project', dict(workspace=LONG, key='OPS', name='Ops'), 'workspace'),
    ('bitbucket_project', dict(workspace='acme', key='K' * 129, name='Ops'), 'key'),
    ('bitbucket_permission', dict(workspace='acme', repository='legacy-app', group=LONG, permission='read'), 'group'),
    ('bitbucket_permission', dict(workspace='acme', repository='legacy-app', user_id='557058:' + LONG,
                                  permission='read'), 'user_id'),
    ('bitbucket_repo', dict(workspace='acme', name='app', mainbranch='m' * 256), 'mainbranch'),
    ('bitbucket_repo', dict(workspace='acme', name='app', mainbranch='a..b'), 'mainbranch'),
    ('bitbucket_webhook', dict(workspace='acme', repository='legacy-app', url='https://x.example.com/' + 'a' * 2048,
                               events=['repo:push']), 'url'),
    # webhook URLs checked whole
    ('bitbucket_webhook', dict(workspace='acme', url='https://x.example.com/h ook', events=['repo:push']), 'url'),
    ('bitbucket_webhook', dict(workspace='acme', url='https://x.example.com/h\nX-Injected: 1', events=['repo:push']),
     'url'),
    ('bitbucket_webhook', dict(workspace='acme', url='https://x.example.com/h\x00', events=['repo:push']), 'url'),
    ('bitbucket_webhook', dict(workspace='acme', url='https:///nohost', events=['repo:push']), 'url'),
    ('bitbucket_webhook', dict(workspace='acme', url='https://:80/h', events=['repo:push']), 'url'),
    ('bitbucket_webhook', dict(workspace='acme', url='https://x.example.com:99999/h', events=['repo:push']), 'url'),
    ('bitbucket_webhook', dict(workspace='acme', url='https://[::1/h', events=['repo:push']), 'url'),
    ('bitbucket_webhook', dict(workspace='acme', url='javascript://x.example.com/%0aalert(1)', events=['repo:push']),
     'url'),
    ('bitbucket_webhook', dict(workspace='acme', url='https:x.example.com/h', events=['repo:push']), 'url'),
    ('bitbucket_webhook', dict(workspace='acme', url='https://x.example.com\\@evil.example/h', events=['repo:push']),
     'url'),
    # the plan (and so the role) refuses the same, naming the place in its input
    ('bitbucket_workspace_plan', dict(workspace='..'), 'workspace'),
    ('bitbucket_workspace_plan', dict(workspace='acme\n'), 'workspace'),
    ('bitbucket_workspace_plan', dict(workspace='acme', repositories=[dict(slug='..', name='x')]),
     'repositories[0].slug'),
    ('bitbucket_workspace_plan', dict(workspace='acme', repositories=[dict(slug='.', name='x')]),
     'repositories[0].slug'),
    ('bitbucket_workspace_plan', dict(workspace='acme', projects=[dict(key='OPS\n', name='Ops')]), 'projects[0].key'),
    ('bitbucket_workspace_plan', dict(workspace='acme', repositories=[dict(name='app', permissions=dict(
        groups={'..': 'read'}))]), 'repositories[0].permissions.groups...'),
    ('bitbucket_workspace_plan', dict(workspace='acme', repositories=[dict(name='app', permissions=dict(
        users={'bob': 'read'}))]), 'repositories[0].permissions.users.bob'),
    ('bitbucket_workspace_plan', dict(workspace='acme', repositories=[dict(name='app', webhooks=[
        dict(url='https://x.example.com/a b', events=['repo:push'])])]), 'repositories[0].webhooks[0].url'),
    ('bitbucket_workspace_plan', dict(workspace='acme', workspace_webhooks=[
        dict(url='http://', events=['repo:push'])]), 'workspace_webhooks[0].url'),
]


@pytest.mark.parametrize('module, options, option', ATTACKS,
                         ids=['%s-%s-%d' % (c[0], c[2], i) for i, c in enumerate(ATTACKS)])
def test_attack_refused_before_any_request(emu, run_module, module, options, option):
    args = dict(GOOD_AUTH, api_url=emu.api_url)
    args.update(options)
    result = run_module(module, args)
    check(emu, result, option)
    # A URL that may hold credentials is never echoed in the message.
    if 'url' in options:
        assert options['url'] not in result['msg']
