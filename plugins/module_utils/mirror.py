# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Git mirrors of Bitbucket repositories: clone --mirror, update, fsck and push --mirror (internal to the collection).

Credentials reach git only through the environment of the git process: an ``http.extraHeader``
given by GIT_CONFIG_COUNT / GIT_CONFIG_KEY_n / GIT_CONFIG_VALUE_n, never argv, a URL, the
mirror's config or a file. The git user is the one Bitbucket documents for the credential kind:
``x-bitbucket-api-token-auth`` with an API token (Basic user+password), ``x-token-auth`` with an
access token or an OAuth access token (Bearer).
"""

import base64
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

from ansible.module_utils.six.moves.urllib.parse import urlsplit, urlunsplit

from ansible_collections.bitbucket.cloud.plugins.module_utils.client import api_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import BitbucketError, InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.engine import repository_queries
from ansible_collections.bitbucket.cloud.plugins.module_utils.patterns import validate_http_url, validate_slug

API_TOKEN_GIT_USER = 'x-bitbucket-api-token-auth'
ACCESS_TOKEN_GIT_USER = 'x-token-auth'
OPERATIONS = ('fetch', 'push')
MAX_PARALLEL = 16


class GitError(BitbucketError):
    """A git command failed; the message names the repository and carries git's own words."""


def git_credentials(client):
    """(git user, secret) for the client's credentials; the client is authenticated first (OAuth: token exchange)."""
    client._authenticate()
    header = client.session.headers.get('Authorization') or ''
    if header.lower().startswith('bearer '):
        return ACCESS_TOKEN_GIT_USER, header[7:].strip()
    if client.session.auth:
        return API_TOKEN_GIT_USER, client.session.auth[1]
    raise InputError('password', 'git needs credentials: an API token (user and password) or an access token')


def git_environment(client, validate_certs=True):
    """The environment variables that give git the credentials (an Authorization header) and nothing else."""
    user, secret = git_credentials(client)
    encoded = base64.b64encode(('%s:%s' % (user, secret)).encode('utf-8')).decode('ascii')
    client.add_secret(secret)
    client.add_secret(encoded)
    env = {
        'GIT_TERMINAL_PROMPT': '0',
        'GIT_ASKPASS': 'true',
        'SSH_ASKPASS': 'true',
        'LC_ALL': 'C',
        'GIT_CONFIG_COUNT': '2',
        # no credential helper may store or offer a password
        'GIT_CONFIG_KEY_0': 'credential.helper',
        'GIT_CONFIG_VALUE_0': '',
        'GIT_CONFIG_KEY_1': 'http.extraHeader',
        'GIT_CONFIG_VALUE_1': 'Authorization: Basic %s' % encoded,
    }
    if not validate_certs:
        env['GIT_SSL_NO_VERIFY'] = '1'
    return env


def strip_user(url):
    """A clone link without its user part (Bitbucket puts the caller's username there)."""
    parts = urlsplit(url)
    host = parts.netloc.rsplit('@', 1)[-1]
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def validate_mirrors(params):
    """The mirrors to work on, [{repository, path, url}], from repository+path or mirrors; InputError before any call."""
    if params['operation'] not in OPERATIONS:
        raise InputError('operation', 'must be one of %s' % ', '.join(OPERATIONS))
    if not 1 <= params['parallel'] <= MAX_PARALLEL:
        raise InputError('parallel', 'must be between 1 and %d, got %s' % (MAX_PARALLEL, params['parallel']))
    if params.get('mirrors') is not None:
        entries = [('mirrors[%d]' % index, entry) for index, entry in enumerate(params['mirrors'])]
    else:
        entries = [('', dict(repository=params['repository'], path=params['path'], url=params.get('url')))]
    out, slugs, paths = [], set(), set()
    for where, entry in entries:
        prefix = where + '.' if where else ''
        validate_slug(entry['repository'], prefix + 'repository')
        if not entry.get('path'):
            raise InputError(prefix + 'path', 'is required')
        path = os.path.abspath(os.path.expanduser(entry['path']))
        if entry['repository'] in slugs:
            raise InputError(prefix + 'repository', 'names %s a second time' % entry['repository'])
        if path in paths:
            raise InputError(prefix + 'path', 'is used by two mirrors: %s' % path)
        slugs.add(entry['repository'])
        paths.add(path)
        url = entry.get('url')
        if url:
            validate_http_url(url, prefix + 'url', userinfo=False)
        out.append(dict(repository=entry['repository'], path=path, url=url))
    return out


def clone_urls(client, workspace, slugs):
    """{slug: https clone URL without user} of the repositories, read in lists of up to 100."""
    found = {}
    for query in repository_queries(slugs):
        for repo in client.paginate(api_path('repositories', workspace), {'q': query}):
            links = dict((link.get('name'), link.get('href')) for link in (repo.get('links') or {}).get('clone') or [])
            if links.get('https'):
                found[repo.get('slug')] = strip_user(links['https'])
    return found


class Git(object):
    """Runs git with the credential environment; never puts a secret in argv."""

    def __init__(self, env, executable):
        self.env = dict(os.environ)
        # a credential in the caller's environment must not reach git some other way
        # and the connection options' own variables are not passed on to git at all
        for name in list(self.env):
            if name.startswith(('GIT_CONFIG_', 'BITBUCKET_')) or name in ('GIT_ASKPASS', 'GIT_DIR', 'GIT_WORK_TREE'):
                del self.env[name]
        self.env.update(env)
        self.executable = executable

    def run(self, args, repository, cwd=None):
        # Not AnsibleModule.run_command (ansible-core 2.21's sanity asks for it): git must get self.env in place of
        # the environment, without BITBUCKET_* and GIT_CONFIG_*, and run_command can only add variables to it.
        completed = subprocess.run(  # pylint: disable=ansible-bad-function
            [self.executable] + list(args), cwd=cwd, env=self.env, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
        if completed.returncode != 0:
            words = completed.stderr.decode('utf-8', 'replace').strip().splitlines()
            command = args[0] if args[0] != '-C' else args[2]
            raise GitError('git %s failed for repository %s: %s' % (
                command, repository, ' / '.join(words[-3:]) or 'exit %d' % completed.returncode))
        return completed.stdout.decode('utf-8', 'replace')

    def local_refs(self, path, repository):
        out = self.run(['-C', path, 'for-each-ref', '--format=%(refname) %(objectname)'], repository)
        return dict(line.split(' ', 1) for line in out.splitlines() if line.strip())

    def remote_refs(self, url, repository):
        out = self.run(['ls-remote', url], repository)
        refs = dict(reversed(line.split('\t', 1)) for line in out.splitlines() if '\t' in line)
        refs.pop('HEAD', None)
        # a mirror keeps no peeled tag entries
        return dict((name, sha) for name, sha in refs.items() if not name.endswith('^{}'))


def directory_size(path):
    total = 0
    for root, dummy, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total


class MirrorRun(object):
    """Fetch or push many mirrors, a few at a time; each mirror's result is independent of the others'."""

    def __init__(self, git, operation, check_mode, fsck=True, force=False):
        self.git = git
        self.operation = operation
        self.check_mode = check_mode
        self.fsck = fsck
        self.force = force

    def fetch(self, mirror):
        slug, path, url = mirror['repository'], mirror['path'], mirror['url']
        exists = os.path.isdir(os.path.join(path, 'refs')) or os.path.isfile(os.path.join(path, 'HEAD'))
        before = self.git.local_refs(path, slug) if exists else {}
        if self.check_mode:
            after = self.git.remote_refs(url, slug)
            action = 'new' if not exists else ('fetched' if after != before else 'unchanged')
            return self.result(mirror, action, after, before, path if exists else None)
        if not exists:
            if os.path.exists(path) and os.listdir(path):
                raise GitError('the mirror path %s of repository %s exists and is not a git mirror' % (path, slug),
                               option='path')
            partial = path + '.partial'
            shutil.rmtree(partial, ignore_errors=True)
            # several mirrors may make the same parent at once
            os.makedirs(os.path.dirname(path), exist_ok=True)
            self.git.run(['clone', '--mirror', '--quiet', '--template=', url, partial], slug)
            if os.path.isdir(path):
                os.rmdir(path)
            os.rename(partial, path)
            action = 'new'
        else:
            # the clone link may move (a renamed repository, another API host): follow it, credentials stay out
            if self.git.run(['-C', path, 'config', '--get', 'remote.origin.url'], slug).strip() != url:
                self.git.run(['-C', path, 'remote', 'set-url', 'origin', url], slug)
            self.git.run(['-C', path, 'remote', 'update', '--prune'], slug)
            action = None
        after = self.git.local_refs(path, slug)
        if action is None:
            action = 'fetched' if after != before else 'unchanged'
        if self.fsck:
            self.git.run(['-C', path, 'fsck', '--no-progress'], slug)
        return self.result(mirror, action, after, before, path)

    def push(self, mirror):
        slug, path, url = mirror['repository'], mirror['path'], mirror['url']
        if not os.path.isfile(os.path.join(path, 'HEAD')):
            raise GitError('no git mirror of repository %s at %s' % (slug, path), option='path')
        local = self.git.local_refs(path, slug)
        remote = before = self.git.remote_refs(url, slug)
        if remote == local:
            action = 'unchanged'
        elif not local:
            action = 'empty' if not remote else 'skipped'
        elif remote and not self.force:
            action = 'skipped'
        else:
            action = 'pushed'
        if action == 'pushed' and not self.check_mode:
            self.git.run(['-C', path, 'push', '--mirror', '--quiet', url], slug)
            remote_after = self.git.remote_refs(url, slug)
            if remote_after != local:
                raise GitError('after git push --mirror, the refs of repository %s differ from the mirror: %s' % (
                    slug, ', '.join(sorted(set(remote_after.items()) ^ set(local.items()))[:5])))
            remote = remote_after
        elif action == 'pushed':
            remote = local
        result = self.result(mirror, action, local, before, path)
        result['remote_refs'] = remote
        return result

    def result(self, mirror, action, refs, before, path):
        changed = action in ('new', 'fetched', 'pushed')
        size = directory_size(path) if path else 0
        line = '%s: %s (%d refs%s, %d bytes)' % (mirror['repository'], action, len(refs), ', empty' if not refs else '', size)
        return dict(repository=mirror['repository'], path=mirror['path'], url=mirror['url'], action=action,
                    changed=changed, refs=refs, empty=not refs, size=size, before=before, line=line)

    def one(self, mirror):
        """The result of one mirror; a git failure is recorded on it (action failed) so the others go on."""
        try:
            return self.push(mirror) if self.operation == 'push' else self.fetch(mirror)
        except (GitError, OSError) as exc:
            return dict(repository=mirror['repository'], path=mirror['path'], url=mirror['url'], action='failed',
                        changed=False, refs={}, empty=True, size=0, before={}, error=str(exc),
                        line='%s: failed: %s' % (mirror['repository'], exc))

    def run(self, mirrors, parallel):
        """The results of the mirrors, in their order."""
        if parallel <= 1 or len(mirrors) <= 1:
            return [self.one(mirror) for mirror in mirrors]
        with ThreadPoolExecutor(max_workers=parallel) as pool:
            return list(pool.map(self.one, mirrors))
