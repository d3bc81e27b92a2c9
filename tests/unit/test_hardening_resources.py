# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Issue 11, the resource half: private by default, absent on a missing workspace, project key case,
grant errors, the plan's fallback when `slug IN (...)` is refused, webhook URL credentials in results.

Every test runs the modules against the emulator over HTTP and fails on 1.0.
"""

import pytest

from emulator.seed import load_sample

CAROL_ACCOUNT = '557058:ca201000-0000-4000-8000-000000000003'
URL_PASSWORD = 'url-password-61HB'
URL_TOKEN = 'url-token-72QC'
CREDENTIAL_URL = 'https://deploy:%s@ci.example.com/hook?token=%s&team=ops' % (URL_PASSWORD, URL_TOKEN)
SHOWN_URL = 'https://deploy:********@ci.example.com/hook?token=********&team=ops'


def writes(emu):
    return [(r['method'], r['path']) for r in emu.requests() if r['method'] != 'GET']


# --- 3. secure by default ------------------------------------------------------------------------

def test_repository_created_without_is_private_is_private(emu, alice, api, run_module):
    args = dict(alice, workspace='acme', name='quiet-by-default')
    check = run_module('bitbucket_repo', args, check_mode=True)
    assert check['changed'] is True
    assert check['repository']['is_private'] is True
    assert check['diff']['after']['is_private'] is True
    planned = run_module('bitbucket_workspace_plan', dict(alice, workspace='acme', repositories=[dict(name='quiet-by-default')]))
    assert planned['plan']['repositories'][0]['changes']['is_private'] == dict(before=None, after=True)
    real = run_module('bitbucket_repo', args)
    assert real['changed'] is True and real['repository']['is_private'] is True
    assert api.get('/repositories/acme/quiet-by-default')['is_private'] is True
    # The default applies to creation only: an existing public repository stays public.
    public = run_module('bitbucket_repo', dict(alice, workspace='acme', slug='acme-cli', description='Command line client'))
    assert public['changed'] is False and public['repository']['is_private'] is False


# --- 8. state=absent on a workspace that does not exist fails -----------------------------------

ABSENT = [
    ('bitbucket_repo', dict(slug='legacy-app')),
    ('bitbucket_project', dict(key='LEGACY')),
    ('bitbucket_webhook', dict(repository='legacy-app', url='https://ci.example.com/hooks/legacy-app')),
    ('bitbucket_webhook', dict(url='https://ci.example.com/workspace-hook')),
    ('bitbucket_permission', dict(repository='legacy-app', group='developers')),
    ('bitbucket_permission', dict(project='LEGACY', user_id='557058:b0b00000-0000-4000-8000-000000000002')),
]


@pytest.mark.parametrize('check_mode', [False, True])
@pytest.mark.parametrize('module, options', ABSENT, ids=['%s-%d' % (m, i) for i, (m, o) in enumerate(ABSENT)])
def test_absent_in_a_missing_workspace_fails(emu, alice, run_module, module, options, check_mode):
    result = run_module(module, dict(alice, workspace='acme-typo', state='absent', **options), check_mode=check_mode)
    assert result.failed, result
    # Said by the module, or by Bitbucket's 404 on a list of the workspace.
    assert ('workspace: acme-typo does not exist' in result['msg']
            or "No workspace with identifier 'acme-typo'" in result['msg']), result['msg']
    assert writes(emu) == []


def test_absent_in_an_existing_workspace_is_still_ok(emu, alice, run_module):
    result = run_module('bitbucket_repo', dict(alice, workspace='acme', slug='never-was', state='absent'))
    assert not result.failed and result['changed'] is False


# --- 4. project keys match ignoring case; results show the stored key --------------------------

def test_project_key_case_insensitive_in_the_project_module(emu, alice, run_module):
    same = run_module('bitbucket_project', dict(alice, workspace='acme', key='legacy', name='Legacy Systems'))
    assert not same.failed, same
    assert same['changed'] is False
    assert same['project']['key'] == 'LEGACY'
    changed = run_module('bitbucket_project', dict(alice, workspace='acme', key='legacy', description='Kept alive'))
    assert changed['changed'] is True and changed['project']['key'] == 'LEGACY'
    assert writes(emu) == [('PUT', '/2.0/workspaces/acme/projects/LEGACY')]
    keys = [p['key'] for w in emu.state()['workspaces'] if w['slug'] == 'acme' for p in w['projects']]
    assert sorted(keys) == ['CORE', 'LEGACY', 'OSS']


def test_project_key_case_insensitive_in_the_repository_module(emu, alice, api, run_module):
    same = run_module('bitbucket_repo', dict(alice, workspace='acme', slug='legacy-app', project='legacy'))
    assert same['changed'] is False, same
    assert writes(emu) == []
    args = dict(alice, workspace='acme', name='lower-key', project='legacy')
    created = run_module('bitbucket_repo', args)
    assert not created.failed, created
    assert api.get('/repositories/acme/lower-key')['project']['key'] == 'LEGACY'
    assert run_module('bitbucket_repo', args)['changed'] is False


def test_project_key_case_insensitive_in_the_permission_module(emu, alice, run_module):
    args = dict(alice, workspace='acme', project='legacy', group='admins', permission='admin')
    same = run_module('bitbucket_permission', args)
    assert not same.failed, same
    assert same['changed'] is False and same['permission']['project']['key'] == 'LEGACY'
    granted = run_module('bitbucket_permission', dict(args, group='developers', permission='read'))
    assert granted['changed'] is True and granted['permission']['project']['key'] == 'LEGACY'
    assert writes(emu) == [('PUT', '/2.0/workspaces/acme/projects/LEGACY/permissions-config/groups/developers')]
    assert run_module('bitbucket_permission', dict(args, group='developers', permission='read'))['changed'] is False


def test_project_key_case_insensitive_in_the_plan(emu, alice, run_module):
    spec = dict(projects=[dict(key='legacy', name='Legacy Systems', permissions=dict(groups=dict(admins='admin')))],
                repositories=[dict(slug='legacy-app', project='Legacy')])
    planned = run_module('bitbucket_workspace_plan', dict(alice, workspace='acme', **spec))
    assert not planned.failed, planned
    assert planned['summary']['total'] == 0, planned['differences']
    changed = run_module('bitbucket_workspace_plan', dict(alice, workspace='acme', projects=[
        dict(key='legacy', description='new', permissions=dict(groups=dict(developers='read')))]))
    assert [a['key'] for a in changed['plan']['projects']] == ['LEGACY']
    assert [a['project'] for a in changed['plan']['permissions']] == ['LEGACY']
    twice = run_module('bitbucket_workspace_plan', dict(alice, workspace='acme', projects=[
        dict(key='OPS', name='a'), dict(key='ops', name='b')]))
    assert twice.failed and 'projects[1].key' in twice['msg']


# --- 5. grant errors ------------------------------------------------------------------------------

def test_grant_error_is_kept_when_the_member_lookup_is_forbidden(emu, run_module):
    seed = load_sample()
    seed['users'][0]['api_tokens'].append(dict(token='alice-no-workspace-read', scopes=[
        'read:repository:bitbucket', 'admin:repository:bitbucket', 'write:permission:bitbucket']))
    emu.reset(seed=seed)
    narrow = dict(api_url=emu.api_url, user='alice@example.com', password='alice-no-workspace-read', retries=0)
    result = run_module('bitbucket_permission', dict(narrow, workspace='acme', repository='legacy-app',
                                                     user_id=CAROL_ACCOUNT, permission='read'))
    assert result.failed
    # The PUT's own failure, not the 403 of the lookup that would have explained it.
    assert result['error']['method'] == 'PUT' and result['error']['status'] in (400, 404), result
    assert 'read:workspace' not in result['msg']


# --- 6. the plan when Bitbucket refuses `slug IN (...)` -------------------------------------------

def test_plan_falls_back_to_listing_when_slug_in_is_refused(emu, alice, run_module):
    spec = dict(repositories=[dict(slug='legacy-app', description='changed'), dict(name='brand-new'),
                              dict(slug='core-api', description='The platform API')])
    expected = run_module('bitbucket_workspace_plan', dict(alice, workspace='acme', **spec))
    emu.reset()
    emu.set_faults(bbql_unsupported=['in'])
    result = run_module('bitbucket_workspace_plan', dict(alice, workspace='acme', **spec))
    assert not result.failed, result
    assert result['plan'] == expected['plan']
    assert result['differences'] == expected['differences']
    lists = [r for r in emu.requests() if r['path'] == '/2.0/repositories/acme']
    assert [r['status'] for r in lists] == [400, 200]
    assert 'q' not in lists[1]['query'] and lists[1]['query']['pagelen'] == '100'


# --- 2. webhook URL credentials: redacted in results and diffs, real in Bitbucket ---------------

def test_webhook_url_credentials_are_redacted_and_masked(emu, alice, api, run_module):
    args = dict(alice, workspace='acme', repository='legacy-app', url=CREDENTIAL_URL, events=['repo:push'])
    created = run_module('bitbucket_webhook', args)
    assert created['changed'] is True
    hooks = api.get('/repositories/acme/legacy-app/hooks')['values']
    assert CREDENTIAL_URL in [h['url'] for h in hooks]  # Bitbucket has the real URL
    again = run_module('bitbucket_webhook', args)
    assert again['changed'] is False  # and the real URL is what is compared
    updated = run_module('bitbucket_webhook', dict(args, events=['repo:push', 'repo:fork']), check_mode=True)
    info = run_module('bitbucket_webhook_info', dict(alice, workspace='acme', repository='legacy-app'))
    planned = run_module('bitbucket_workspace_plan', dict(alice, workspace='acme', repositories=[
        dict(slug='legacy-app', webhooks=[dict(url=CREDENTIAL_URL, events=['repo:fork'])])]))
    for result in (created, again, updated, info, planned):
        text = str(result.result)
        assert URL_PASSWORD not in text and URL_TOKEN not in text, text
    assert created['webhook']['url'] == SHOWN_URL
    assert created['diff']['after']['url'] == SHOWN_URL
    assert SHOWN_URL in [h['url'] for h in info['webhooks']]
    assert planned['plan']['webhooks'][0]['url'] == SHOWN_URL
    assert SHOWN_URL in planned['differences'][0]


@pytest.mark.parametrize('module, options', [
    # Ansible's own option validation fails (a choice, an unknown option): the invocation still hides the URL's secrets.
    ('bitbucket_webhook', dict(repository='legacy-app', url=CREDENTIAL_URL, events=['repo:pushed'])),
    ('bitbucket_webhook', dict(repository='legacy-app', url=CREDENTIAL_URL, events=['repo:push'], colour='red')),
    ('bitbucket_workspace_plan', dict(repositories=[dict(slug='legacy-app', colour='red', webhooks=[
        dict(url=CREDENTIAL_URL, events=['repo:push'])])])),
    # The collection's validation fails on another option.
    ('bitbucket_webhook', dict(repository='..', url=CREDENTIAL_URL, events=['repo:push'])),
])
def test_webhook_url_credentials_hidden_when_input_is_refused(emu, alice, run_module, module, options):
    result = run_module(module, dict(alice, workspace='acme', **options))
    assert result.failed
    text = str(result.result)
    assert URL_PASSWORD not in text and URL_TOKEN not in text, text
    assert emu.requests() == []
