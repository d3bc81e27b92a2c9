"""Git smart HTTP: clone, fetch and push through `git http-backend` with the API's credentials and permissions."""

import base64
import os
import subprocess

import pytest

from .conftest import ACME_READ_TOKEN, CONSUMER, LEGACY_REPO_TOKEN

API_USER = 'x-bitbucket-api-token-auth'
TOKEN_USER = 'x-token-auth'
LEGACY_REFS = {'refs/heads/master', 'refs/heads/feature/login', 'refs/tags/v1.0'}


def git(args, cwd=None, user=None, secret=None):
    """Run git with credentials (if any) in an http.extraHeader given by the environment; returns CompletedProcess."""
    env = {'PATH': os.environ['PATH'], 'HOME': str(cwd or '/tmp'), 'GIT_TERMINAL_PROMPT': '0', 'GIT_CONFIG_NOSYSTEM': '1',
           'GIT_CONFIG_GLOBAL': os.devnull, 'GIT_CONFIG_COUNT': '1', 'GIT_CONFIG_KEY_0': 'credential.helper',
           'GIT_CONFIG_VALUE_0': '', 'GIT_ASKPASS': 'false'}
    if user is not None:
        header = 'Authorization: Basic ' + base64.b64encode(('%s:%s' % (user, secret)).encode()).decode()
        env.update({'GIT_CONFIG_COUNT': '2', 'GIT_CONFIG_KEY_1': 'http.extraHeader', 'GIT_CONFIG_VALUE_1': header})
    return subprocess.run(['git'] + args, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def remote_refs(emu, slug, user=API_USER, secret='alice-api-token', workspace='acme'):
    done = git(['ls-remote', '%s/%s/%s.git' % (emu.url, workspace, slug)], user=user, secret=secret)
    assert done.returncode == 0, done.stderr
    return dict(reversed(line.split('\t')) for line in done.stdout.splitlines())


def test_clone_link_points_at_the_git_server(emu, alice, tmp_path):
    href = {link['name']: link['href'] for link in alice.get('/repositories/acme/legacy-app').json()['links']['clone']}['https']
    assert href == emu.url.replace('://', '://alice@') + '/acme/legacy-app.git'
    done = git(['clone', '--mirror', href.replace('alice@', ''), str(tmp_path / 'm.git')], user=API_USER, secret='alice-api-token')
    assert done.returncode == 0, done.stderr
    listed = git(['for-each-ref', '--format=%(refname)'], cwd=tmp_path / 'm.git').stdout.split()
    assert set(listed) == LEGACY_REFS
    assert git(['fsck'], cwd=tmp_path / 'm.git').returncode == 0
    log = git(['log', '--format=%an|%aI|%s', 'master'], cwd=tmp_path / 'm.git').stdout.splitlines()
    assert log == ['Alice Owner|2019-01-04T00:00:00+00:00|Fix the build', 'Alice Owner|2019-01-02T00:00:00+00:00|Bump to version 2',
                   'Alice Owner|2019-01-01T00:00:00+00:00|Initial import']


def test_seeded_history_is_the_same_after_a_reset(emu):
    first = remote_refs(emu, 'legacy-app')
    assert set(first) == LEGACY_REFS | {'HEAD'} and first['HEAD'] == first['refs/heads/master']
    assert first['refs/tags/v1.0'] == first['refs/heads/master'] != first['refs/heads/feature/login']
    emu.reset()
    assert remote_refs(emu, 'legacy-app') == first


@pytest.mark.parametrize('user,secret', [
    (API_USER, 'bob-api-token'), ('bob', 'bob-api-token'), (API_USER, 'bob-readonly-token'),
    (TOKEN_USER, LEGACY_REPO_TOKEN), (TOKEN_USER, ACME_READ_TOKEN),
])
def test_credentials_that_fetch(emu, user, secret):
    assert 'refs/heads/master' in remote_refs(emu, 'legacy-app', user=user, secret=secret)


@pytest.mark.parametrize('user,secret', [
    ('bob@example.com', 'bob-api-token'),  # the account email is not a git user name
    (API_USER, 'wrong'),
    (TOKEN_USER, 'bob-api-token'),
    (API_USER, LEGACY_REPO_TOKEN),
    (None, None),
])
def test_credentials_refused_answer_401(emu, user, secret):
    done = git(['ls-remote', '%s/acme/legacy-app.git' % emu.url], user=user, secret=secret)
    assert done.returncode != 0
    assert '401' in done.stderr or 'Authentication failed' in done.stderr or 'could not read Username' in done.stderr
    logged = [entry for entry in emu.requests() if entry['template'] == '/{workspace}/{repo_slug}.git/info/refs']
    assert logged and logged[-1]['status'] == 401


def test_no_access_or_unknown_repository(emu):
    carol = git(['ls-remote', '%s/acme/legacy-app.git' % emu.url], user=API_USER, secret='carol-api-token')
    assert carol.returncode != 0 and '403' in carol.stderr
    other = git(['ls-remote', '%s/acme/legacy-app.git' % emu.url], user=TOKEN_USER, secret=LEGACY_REPO_TOKEN)
    assert other.returncode == 0
    core = git(['ls-remote', '%s/acme/core-api.git' % emu.url], user=TOKEN_USER, secret=LEGACY_REPO_TOKEN)
    assert core.returncode != 0 and '403' in core.stderr
    missing = git(['ls-remote', '%s/acme/nope.git' % emu.url], user=API_USER, secret='alice-api-token')
    assert missing.returncode != 0 and 'Repository not found' in missing.stderr


def test_public_repository_fetches_without_credentials(emu):
    done = git(['ls-remote', '%s/acme/acme-cli.git' % emu.url])
    assert done.returncode == 0 and done.stdout == ''


def _commit_in_clone(emu, tmp_path, user, secret, slug='legacy-app'):
    work = tmp_path / 'work'
    done = git(['clone', '%s/acme/%s.git' % (emu.url, slug), str(work)], user=user, secret=secret)
    assert done.returncode == 0, done.stderr
    (work / 'new.txt').write_text('new\n')
    git(['add', 'new.txt'], cwd=work)
    done = git(['-c', 'user.name=T', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'new'], cwd=work)
    assert done.returncode == 0, done.stderr
    return work


def test_push_needs_write_permission_and_scope(emu, tmp_path):
    work = _commit_in_clone(emu, tmp_path, API_USER, 'bob-api-token')
    readonly = git(['push', 'origin', 'HEAD:master'], cwd=work, user=API_USER, secret='bob-readonly-token')
    assert readonly.returncode != 0 and '403' in readonly.stderr
    read_token = git(['push', 'origin', 'HEAD:master'], cwd=work, user=TOKEN_USER, secret=ACME_READ_TOKEN)
    assert read_token.returncode != 0 and '403' in read_token.stderr
    pushed = git(['push', 'origin', 'HEAD:master'], cwd=work, user=API_USER, secret='bob-api-token')
    assert pushed.returncode == 0, pushed.stderr
    head = git(['rev-parse', 'HEAD'], cwd=work).stdout.strip()
    assert remote_refs(emu, 'legacy-app')['refs/heads/master'] == head
    templates = [entry['template'] for entry in emu.requests() if entry['status'] == 200]
    assert '/{workspace}/{repo_slug}.git/git-receive-pack' in templates
    assert {entry['git_command'] for entry in emu.requests() if entry['status'] == 200} >= {'advertise', 'push'}


def test_request_log_tells_a_fetch_from_a_ref_listing(emu, tmp_path):
    mirror = str(tmp_path / 'm.git')
    assert git(['clone', '--mirror', '%s/acme/legacy-app.git' % emu.url, mirror], user=API_USER, secret='alice-api-token').returncode == 0
    assert 'fetch' in [entry['git_command'] for entry in emu.requests()]
    emu.clear_requests()
    assert git(['-C', mirror, 'remote', 'update', '--prune'], user=API_USER, secret='alice-api-token').returncode == 0
    assert 'fetch' not in [entry['git_command'] for entry in emu.requests()]


def test_read_only_grant_cannot_push(emu, tmp_path):
    # bob reads core-api through the developers group's read grant on project CORE
    work = tmp_path / 'core'
    assert git(['clone', '%s/acme/core-api.git' % emu.url, str(work)], user=API_USER, secret='bob-api-token').returncode == 0
    (work / 'a.txt').write_text('a\n')
    git(['add', 'a.txt'], cwd=work)
    git(['-c', 'user.name=T', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'a'], cwd=work)
    denied = git(['push', 'origin', 'HEAD:main'], cwd=work, user=API_USER, secret='bob-api-token')
    assert denied.returncode != 0 and '403' in denied.stderr
    allowed = git(['push', 'origin', 'HEAD:main'], cwd=work, user=API_USER, secret='alice-api-token')
    assert allowed.returncode == 0, allowed.stderr


def test_oauth_token_pushes_as_its_owner(emu, tmp_path):
    import requests
    token = requests.post(emu.token_url, auth=CONSUMER, data={'grant_type': 'client_credentials'}, timeout=10).json()['access_token']
    work = _commit_in_clone(emu, tmp_path, TOKEN_USER, token)
    assert git(['push', 'origin', 'HEAD:master'], cwd=work, user=TOKEN_USER, secret=token).returncode == 0


def test_api_create_rename_and_delete_follow_the_git_repository(emu, alice, tmp_path):
    assert alice.post('/repositories/acme/fresh', {'project': {'key': 'CORE'}, 'mainbranch': {'name': 'trunk'}}).status_code == 200
    assert remote_refs(emu, 'fresh') == {}
    work = tmp_path / 'fresh'
    git(['init', '-q', '-b', 'trunk', str(work)])
    (work / 'f.txt').write_text('f\n')
    git(['add', 'f.txt'], cwd=work)
    git(['-c', 'user.name=T', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'f'], cwd=work)
    pushed = git(['push', '%s/acme/fresh.git' % emu.url, 'trunk'], cwd=work, user=API_USER, secret='alice-api-token')
    assert pushed.returncode == 0, pushed.stderr
    refs = remote_refs(emu, 'fresh')
    assert refs['HEAD'] == refs['refs/heads/trunk']
    assert alice.put('/repositories/acme/fresh', {'name': 'renamed'}).status_code == 200
    assert remote_refs(emu, 'renamed') == refs
    assert alice.delete('/repositories/acme/renamed').status_code == 204
    assert alice.post('/repositories/acme/renamed', {'project': {'key': 'CORE'}}).status_code == 200
    assert remote_refs(emu, 'renamed') == {}


def test_dumb_protocol_is_refused(emu):
    import requests
    response = requests.get('%s/acme/legacy-app.git/info/refs' % emu.url, auth=(API_USER, 'alice-api-token'), timeout=10)
    assert response.status_code == 403
