# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""bitbucket_repo_info against the emulator."""

import pytest

LIST_PATH = '/2.0/repositories/acme'
SEEDED = ['acme-cli', 'core-api', 'legacy-app']


def slugs(result):
    return [r['slug'] for r in result['repositories']]


def add_repositories(api, count, project='CORE'):
    for index in range(count):
        response = api.session.post('%s/repositories/acme/bulk-%03d' % (api.api_url, index),
                                    json={'scm': 'git', 'project': {'key': project}})
        assert response.status_code == 200, response.text


def test_lists_every_repository_of_the_workspace(emu, alice, api, run_module):
    result = run_module('bitbucket_repo_info', dict(alice, workspace='acme'))
    assert result['changed'] is False
    assert sorted(slugs(result)) == SEEDED
    legacy = next(r for r in result['repositories'] if r['slug'] == 'legacy-app')
    stored = api.get('/repositories/acme/legacy-app')
    clone = dict((c['name'], c['href']) for c in stored['links']['clone'])
    # The API object as Bitbucket gives it, plus the convenience keys clone_urls and html_url.
    assert legacy == dict(stored, clone_urls=dict(https=clone['https'], ssh=clone['ssh']),
                          html_url=stored['links']['html']['href'])
    assert (legacy['project']['key'], legacy['workspace']['slug'], legacy['mainbranch']['name']) == (
        'LEGACY', 'acme', 'master')


def test_same_shape_as_bitbucket_repo(emu, alice, run_module):
    listed = run_module('bitbucket_repo_info', dict(alice, workspace='acme', query='slug = "core-api"'))
    single = run_module('bitbucket_repo', dict(alice, workspace='acme', slug='core-api'))
    assert listed['repositories'] == [single['repository']]


def test_follows_every_page(emu, alice, api, run_module):
    add_repositories(api, 120)
    emu.clear_requests()
    result = run_module('bitbucket_repo_info', dict(alice, workspace='acme'))
    assert len(result['repositories']) == 123
    assert len(set(slugs(result))) == 123
    reads = [r for r in emu.requests() if r['path'] == LIST_PATH]
    assert len(reads) == 2
    assert all(r['method'] == 'GET' for r in emu.requests())


def test_project_narrows_the_list(emu, alice, run_module):
    result = run_module('bitbucket_repo_info', dict(alice, workspace='acme', project='LEGACY'))
    assert slugs(result) == ['legacy-app']
    assert run_module('bitbucket_repo_info', dict(alice, workspace='acme', project='NOPE'))['repositories'] == []


def test_query_and_project_are_joined(emu, alice, run_module):
    query = 'language = "go" OR language = "java"'
    both = run_module('bitbucket_repo_info', dict(alice, workspace='acme', query=query, sort='slug'))
    assert slugs(both) == ['acme-cli', 'legacy-app']
    narrowed = run_module('bitbucket_repo_info', dict(alice, workspace='acme', query=query, project='OSS'))
    assert slugs(narrowed) == ['acme-cli']


@pytest.mark.parametrize('sort, expected', [
    ('slug', SEEDED),
    ('-slug', SEEDED[::-1]),
    ('created_on', ['core-api', 'legacy-app', 'acme-cli']),
])
def test_sort(emu, alice, run_module, sort, expected):
    assert slugs(run_module('bitbucket_repo_info', dict(alice, workspace='acme', sort=sort))) == expected


def test_check_mode_reads_the_same(emu, alice, run_module):
    result = run_module('bitbucket_repo_info', dict(alice, workspace='acme', sort='slug'), check_mode=True)
    assert result['changed'] is False
    assert slugs(result) == SEEDED


@pytest.mark.parametrize('args, option', [
    (dict(workspace='acme', project='1X'), 'project'),
    (dict(workspace='acme', sort='slug desc'), 'sort'),
    (dict(workspace='acme', query=' '), 'query'),
    (dict(workspace='a b'), 'workspace'),
])
def test_bad_input_fails_before_any_call(emu, alice, run_module, args, option):
    result = run_module('bitbucket_repo_info', dict(alice, **args))
    assert result.failed
    assert result['msg'].startswith(option + ':')
    assert emu.requests() == []


def test_invalid_query_reports_bitbucket_error(emu, alice, run_module):
    result = run_module('bitbucket_repo_info', dict(alice, workspace='acme', query='slug = = "x"'))
    assert result.failed
    assert result['error']['status'] == 400


def test_readonly_token_lists(emu, run_module):
    creds = dict(api_url=emu.api_url, user='bob@example.com', password='bob-readonly-token', retries=0)
    assert sorted(slugs(run_module('bitbucket_repo_info', dict(creds, workspace='acme')))) == SEEDED


def test_token_without_the_repository_scope_gets_403_naming_it(emu, run_module):
    state = emu.state()
    bob = next(u for u in state['users'] if u['email'] == 'bob@example.com')
    token = next(t for t in bob['api_tokens'] if t['token'] == 'bob-readonly-token')
    token['scopes'] = [s for s in token['scopes'] if s != 'read:repository:bitbucket']
    emu.reset(seed=state)
    creds = dict(api_url=emu.api_url, user='bob@example.com', password='bob-readonly-token', retries=0)
    result = run_module('bitbucket_repo_info', dict(creds, workspace='acme'))
    assert result.failed
    assert result['error']['status'] == 403
    assert 'read:repository:bitbucket' in result['msg']
    assert 'bob-readonly-token' not in str(result.result)


def test_outsider_cannot_see_the_workspace(emu, run_module):
    creds = dict(api_url=emu.api_url, user='carol@example.com', password='carol-api-token', retries=0)
    result = run_module('bitbucket_repo_info', dict(creds, workspace='acme'))
    assert result.failed
    assert result['error']['status'] == 404


def test_unknown_workspace_fails_with_404(emu, alice, run_module):
    result = run_module('bitbucket_repo_info', dict(alice, workspace='nope'))
    assert result.failed
    assert result['error']['status'] == 404
    assert 'nope' in result['msg']
