# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""bitbucket_repo against the emulator."""

import pytest

from ansible.module_utils.common import warnings as ansible_warnings

REPO_PATH = '/2.0/repositories/acme/legacy-app'


@pytest.fixture(autouse=True)
def fresh_warnings():
    """Each module run starts with no warnings, as in its own process under Ansible."""
    ansible_warnings._global_warnings.clear()
    yield
    ansible_warnings._global_warnings.clear()


def warning_texts(result):
    """The warning messages of a result (ansible-core 2.19 returns them as WarningSummary documents)."""
    return [w['event']['msg'] if isinstance(w, dict) else w for w in result.get('warnings') or []]


def writes(emu):
    return [r for r in emu.requests() if r['method'] != 'GET']


def repo_state(api, slug):
    return api.get('/repositories/acme/%s' % slug)


def test_create_check_mode_then_real_then_again(emu, alice, api, run_module):
    args = dict(alice, workspace='acme', name='Infra Live', project='LEGACY', description='Terraform',
                is_private=True, fork_policy='no_public_forks', language='python', mainbranch='main')

    check = run_module('bitbucket_repo', args, check_mode=True)
    assert check['changed'] is True
    assert check['repository']['slug'] == 'infra-live'
    assert check['repository']['full_name'] == 'acme/infra-live'
    assert check['repository']['project'] == dict(key='LEGACY')
    assert check['repository']['workspace'] == dict(slug='acme')
    assert check['repository']['mainbranch'] == dict(name='main')
    assert check['repository']['uuid'] is None
    assert check['diff']['before'] == {}
    assert check['diff']['after'] == dict(workspace='acme', slug='infra-live', name='Infra Live', project='LEGACY',
                                          description='Terraform', is_private=True, fork_policy='no_public_forks',
                                          language='python', mainbranch='main')
    assert writes(emu) == []
    assert repo_state(api, 'infra-live') is None

    real = run_module('bitbucket_repo', args)
    assert real['changed'] is True, real
    repo = real['repository']
    stored = repo_state(api, 'infra-live')
    assert stored is not None
    assert repo['uuid'] == stored['uuid'] and repo['uuid'].startswith('{')
    assert (repo['slug'], repo['name'], repo['full_name'], repo['workspace']['slug']) == (
        'infra-live', 'Infra Live', 'acme/infra-live', 'acme')
    assert (stored['name'], stored['project']['key'], stored['description'], stored['is_private'],
            stored['fork_policy'], stored['language'], stored['mainbranch']['name']) == (
        'Infra Live', 'LEGACY', 'Terraform', True, 'no_public_forks', 'python', 'main')
    # The API object as Bitbucket gives it, plus clone_urls and html_url.
    assert dict((k, v) for k, v in repo.items() if k not in ('clone_urls', 'html_url')) == stored
    assert repo['project']['key'] == 'LEGACY'
    assert repo['mainbranch']['name'] == 'main'
    clone = dict((c['name'], c['href']) for c in stored['links']['clone'])
    assert repo['clone_urls'] == dict(https=clone['https'], ssh=clone['ssh'])
    assert repo['clone_urls']['ssh'] and repo['clone_urls']['https']
    assert repo['html_url'] == stored['links']['html']['href']
    assert [(r['method'], r['path']) for r in writes(emu)] == [('POST', '/2.0/repositories/acme/infra-live')]

    emu.clear_requests()
    again = run_module('bitbucket_repo', args)
    assert again['changed'] is False, again
    assert again['diff']['before'] == again['diff']['after']
    assert again['repository'] == dict(repo, updated_on=again['repository']['updated_on'])


def test_noop_makes_one_read_and_no_write(emu, alice, run_module):
    args = dict(alice, workspace='acme', slug='legacy-app', project='LEGACY')
    first = run_module('bitbucket_repo', args)
    assert first['changed'] is False, first
    emu.clear_requests()
    result = run_module('bitbucket_repo', dict(args, description=first['repository']['description'],
                                               is_private=first['repository']['is_private']))
    assert result['changed'] is False
    assert [(r['method'], r['path']) for r in emu.requests()] == [('GET', REPO_PATH)]


@pytest.mark.parametrize('slug, option, value, api_value', [
    ('legacy-app', 'description', 'Now with a description', lambda r: r['description']),
    ('legacy-app', 'description', '', lambda r: r['description']),
    # acme-cli is public, in the public project OSS (a private project cannot hold a public repository).
    ('acme-cli', 'is_private', True, lambda r: r['is_private']),
    ('legacy-app', 'fork_policy', 'no_forks', lambda r: r['fork_policy']),
    ('legacy-app', 'language', 'go', lambda r: r['language']),
    ('legacy-app', 'mainbranch', 'develop', lambda r: r['mainbranch']['name']),
    ('legacy-app', 'name', 'Legacy-App', lambda r: r['name']),
])
def test_update_each_option(emu, alice, api, run_module, slug, option, value, api_value):
    path = '/2.0/repositories/acme/%s' % slug
    before = repo_state(api, slug)
    assert api_value(before) != value
    args = dict(alice, workspace='acme', slug=slug)
    args[option] = value

    check = run_module('bitbucket_repo', args, check_mode=True)
    assert check['changed'] is True, check
    assert api_value(check['repository']) == value
    assert check['diff'] == dict(before={'workspace': 'acme', 'slug': slug, option: api_value(before)},
                                 after={'workspace': 'acme', 'slug': slug, option: value})
    assert writes(emu) == []
    assert repo_state(api, slug) == before

    emu.clear_requests()
    real = run_module('bitbucket_repo', args)
    assert real['changed'] is True, real
    assert [(r['method'], r['path']) for r in emu.requests()] == [('GET', path), ('PUT', path)]
    assert api_value(real['repository']) == value
    after = repo_state(api, slug)
    assert api_value(after) == value
    # Only the option set was changed.
    for other in ('name', 'description', 'is_private', 'fork_policy', 'language'):
        if other != option:
            assert after[other] == before[other], other
    assert after['project']['key'] == before['project']['key']
    assert after['mainbranch'] == before['mainbranch'] or option == 'mainbranch'

    again = run_module('bitbucket_repo', args)
    assert again['changed'] is False, again


def test_move_to_another_project(emu, alice, api, run_module):
    created = run_module('bitbucket_project', dict(alice, workspace='acme', key='ARCHIVE', name='Archive'))
    assert created['changed'] is True, created
    args = dict(alice, workspace='acme', slug='legacy-app', project='ARCHIVE')

    check = run_module('bitbucket_repo', args, check_mode=True)
    assert check['changed'] is True
    assert check['repository']['project']['key'] == 'ARCHIVE'
    assert check['diff']['before']['project'] == 'LEGACY' and check['diff']['after']['project'] == 'ARCHIVE'
    assert repo_state(api, 'legacy-app')['project']['key'] == 'LEGACY'

    real = run_module('bitbucket_repo', args)
    assert real['changed'] is True, real
    assert real['repository']['project']['key'] == 'ARCHIVE'
    assert repo_state(api, 'legacy-app')['project']['key'] == 'ARCHIVE'

    assert run_module('bitbucket_repo', args)['changed'] is False


def test_move_to_a_missing_project_fails_and_changes_nothing(emu, alice, api, run_module):
    result = run_module('bitbucket_repo', dict(alice, workspace='acme', slug='legacy-app', project='NOPE'))
    assert result.failed
    assert result['error']['status'] == 400
    assert 'NOPE' in result['msg']
    assert repo_state(api, 'legacy-app')['project']['key'] == 'LEGACY'


def test_slug_is_compared_in_lower_case(emu, alice, run_module):
    result = run_module('bitbucket_repo', dict(alice, workspace='acme', slug='Legacy-App'))
    assert result['changed'] is False, result
    assert result['repository']['slug'] == 'legacy-app'


def test_name_that_would_move_the_slug_is_left_unapplied(emu, alice, api, run_module):
    before = repo_state(api, 'legacy-app')
    args = dict(alice, workspace='acme', slug='legacy-app', name='Modern App', description='changed too')
    for check_mode in (True, False):
        result = run_module('bitbucket_repo', args, check_mode=check_mode)
        assert result['changed'] is True, result
        assert 'name' not in result['diff']['after']
        assert result['repository']['name'] == before['name']
        assert any("'Modern App' is left unapplied" in w and 'never renames' in w for w in warning_texts(result))
        ansible_warnings._global_warnings.clear()
    after = repo_state(api, 'legacy-app')
    assert after['name'] == before['name'] and after['description'] == 'changed too'
    assert repo_state(api, 'modern-app') is None
    again = run_module('bitbucket_repo', args)
    assert again['changed'] is False
    assert len(warning_texts(again)) == 1


def test_name_sent_on_update_keeps_the_slug_by_bitbucket_rule(emu, alice, api, run_module):
    created = run_module('bitbucket_repo', dict(alice, workspace='acme', name=u'Ops -- T\u00f8ols', project='LEGACY'))
    assert created['repository']['slug'] == 'ops-tools', created
    result = run_module('bitbucket_repo', dict(alice, workspace='acme', name='OPS - TOOLS!', slug='ops-tools'))
    assert result['changed'] is True and warning_texts(result) == [], result
    assert repo_state(api, 'ops-tools')['name'] == 'OPS - TOOLS!'
    assert [r['slug'] for r in api.get('/repositories/acme', q='project.key = "LEGACY"')['values']] == [
        'legacy-app', 'ops-tools']


def test_explicit_slug_differs_from_name(emu, alice, api, run_module):
    args = dict(alice, workspace='acme', slug='web', name='Web Front End', project='LEGACY')
    result = run_module('bitbucket_repo', args)
    assert result['changed'] is True, result
    assert (result['repository']['slug'], result['repository']['name']) == ('web', 'Web Front End')
    assert repo_state(api, 'web')['name'] == 'Web Front End'
    assert repo_state(api, 'web-front-end') is None
    again = run_module('bitbucket_repo', args)
    assert again['changed'] is False and warning_texts(again) == []


def test_delete_check_mode_then_real_then_again(emu, alice, api, run_module):
    args = dict(alice, workspace='acme', slug='legacy-app', state='absent')
    check = run_module('bitbucket_repo', args, check_mode=True)
    assert check['changed'] is True
    assert check['repository'] == {}
    assert check['diff']['before']['slug'] == 'legacy-app' and check['diff']['after'] == {}
    assert repo_state(api, 'legacy-app') is not None
    assert writes(emu) == []

    real = run_module('bitbucket_repo', args)
    assert real['changed'] is True, real
    assert repo_state(api, 'legacy-app') is None
    assert [(r['method'], r['path']) for r in writes(emu)] == [('DELETE', REPO_PATH)]

    again = run_module('bitbucket_repo', args)
    assert again['changed'] is False
    assert again['repository'] == {}


def test_create_from_a_slug_alone_fails_naming_name(emu, alice, api, run_module):
    result = run_module('bitbucket_repo', dict(alice, workspace='acme', slug='typo-repo'))
    assert result.failed
    assert result['msg'].startswith('name: is required to create repository')
    assert writes(emu) == []
    assert repo_state(api, 'typo-repo') is None


def test_create_whose_reply_is_lost_creates_once(emu, alice, api, run_module):
    emu.set_faults(rules=[{'action': 'drop_after_write', 'every': 1, 'count': 1, 'methods': ['POST'],
                           'path': '/repositories/acme/lost-reply'}])
    result = run_module('bitbucket_repo', dict(alice, workspace='acme', name='lost-reply', project='LEGACY'))
    assert result['changed'] is True, result
    log = [(r['method'], r['status']) for r in emu.requests()]
    # The POST was applied but its reply lost: the module found the repository instead of posting again.
    assert log == [('GET', 404), ('POST', 0), ('GET', 200)]
    assert result['repository']['uuid'] == repo_state(api, 'lost-reply')['uuid']


@pytest.mark.parametrize('args, option', [
    (dict(workspace='acme'), 'name'),
    (dict(workspace='acme', slug='a--b'), 'slug'),
    (dict(workspace='acme', slug='-lead'), 'slug'),
    (dict(workspace='acme', name='!!!'), 'slug'),
    (dict(workspace='acme', name='   '), 'name'),
    (dict(workspace='acme', name='x', project='1OPS'), 'project'),
    (dict(workspace='acme', name='x', fork_policy='sometimes'), 'fork_policy'),
    (dict(workspace='acme', name='x', mainbranch='has space'), 'mainbranch'),
    (dict(workspace='ac me', name='x'), 'workspace'),
    (dict(workspace='acme', name='x', is_private='maybe'), 'is_private'),
])
def test_bad_input_fails_before_any_call(emu, alice, run_module, args, option):
    result = run_module('bitbucket_repo', dict(alice, **args))
    assert result.failed
    assert option in result['msg']
    assert emu.requests() == []


def test_readonly_token_gets_403_naming_the_scope(emu, api, run_module):
    creds = dict(api_url=emu.api_url, user='bob@example.com', password='bob-readonly-token', retries=0)
    result = run_module('bitbucket_repo', dict(creds, workspace='acme', name='new-repo'))
    assert result.failed
    assert result['error']['status'] == 403
    assert 'admin:repository:bitbucket' in result['msg']
    assert 'bob-readonly-token' not in str(result.result)
    assert repo_state(api, 'new-repo') is None


def test_readonly_token_cannot_delete(emu, api, run_module):
    creds = dict(api_url=emu.api_url, user='bob@example.com', password='bob-readonly-token', retries=0)
    result = run_module('bitbucket_repo', dict(creds, workspace='acme', slug='legacy-app', state='absent'))
    assert result.failed
    assert result['error']['status'] == 403
    assert repo_state(api, 'legacy-app') is not None


def test_unknown_workspace_fails_with_404(emu, alice, run_module):
    result = run_module('bitbucket_repo', dict(alice, workspace='nope', name='x'))
    assert result.failed
    assert result['error']['status'] == 404
    assert 'nope' in result['msg']
