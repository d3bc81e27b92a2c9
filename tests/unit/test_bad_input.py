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
    ('bitbucket_repo_mirror', dict(workspace='acme', mirrors=[dict(repository='a', path='/tmp/x.git'),
                                                               dict(repository='b', path='/tmp/x.git')]), 'path'),
    ('bitbucket_repo_mirror', dict(workspace='acme', mirrors=[dict(repository='a', path='/tmp/a.git'),
                                                               dict(repository='a', path='/tmp/b.git')]), 'repository'),
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
