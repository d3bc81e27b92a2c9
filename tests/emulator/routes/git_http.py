"""Git smart HTTP at /{workspace}/{repo_slug}.git, served by `git http-backend` (CGI).

Authentication as Bitbucket's git over HTTPS (facts section 8): Basic with the user
x-bitbucket-api-token-auth (or the Bitbucket username) and an API token, or the user
x-token-auth and a repository/project/workspace access token or an OAuth access token; the
account email is not a git user name. Fetching needs read on the repository (scope
read:repository:bitbucket / repository), pushing needs write (write:repository:bitbucket /
repository:write). Anyone may fetch a public repository. Requests are recorded in the request
log like API requests (templates /{workspace}/{repo_slug}.git/...), with git_command: advertise,
ls-refs, fetch or push.
"""

import base64
import binascii
import gzip
import os
import re
import subprocess

from flask import Blueprint, Response, g, request

from .. import access, scopes
from ..auth import BASIC_CHALLENGE, Principal, _access_token, _oauth_token
from ..context import current_emulator
from ..errors import ApiError
from ..git import GIT, _environment

blueprint = Blueprint('git_http', __name__)

API_TOKEN_USER = 'x-bitbucket-api-token-auth'
ACCESS_TOKEN_USER = 'x-token-auth'
SERVICES = {'git-upload-pack': 'read', 'git-receive-pack': 'write'}
SCOPES = {'read': ('read:repository:bitbucket', 'repository'), 'write': ('write:repository:bitbucket', 'repository:write')}


def _text(status, message, challenge=False):
    return Response(message + '\n', status=status, mimetype='text/plain', headers=BASIC_CHALLENGE if challenge else None)


def git_principal(store, header):
    """The Principal for a git request's Authorization header, None without one; ApiError(401) when refused."""
    if not header:
        return None
    scheme, _sep, value = header.partition(' ')
    if scheme.lower() != 'basic':
        raise ApiError(401, 'Git over HTTPS takes Basic credentials.')
    try:
        username, _sep, secret = base64.b64decode(value.strip(), validate=True).decode('utf-8').partition(':')
    except (binascii.Error, UnicodeDecodeError):
        raise ApiError(401, 'Invalid credentials') from None
    if username == ACCESS_TOKEN_USER:
        found = _access_token(store, secret) or _oauth_token(store, secret)
        if found is not None:
            return found
        raise ApiError(401, 'Invalid credentials')
    for user in store.data['users']:
        if username in (API_TOKEN_USER, user['nickname']):
            token = next((entry for entry in user['api_tokens'] if entry['token'] == secret), None)
            if token is not None:
                return Principal('user', token['scopes'], user=user)
    if '@' in username:
        raise ApiError(401, 'Invalid credentials', detail='Git takes %s (or your Bitbucket username) with an API token, '
                                                          'not your email.' % API_TOKEN_USER)
    raise ApiError(401, 'Invalid credentials')


def _authorize(workspace, repo_git, service):
    """(bare repository path, REMOTE_USER) for the request, or a Response refusing it."""
    emulator = current_emulator()
    store = emulator.store
    needed = SERVICES[service]
    with store.lock:
        record = store.workspace(workspace)
        repository = store.repository(record, repo_git[:-len('.git')]) if record and repo_git.endswith('.git') else None
        if repository is None:
            return _text(404, 'Repository not found')
        try:
            caller = git_principal(store, request.headers.get('Authorization'))
        except ApiError as error:
            g.log_entry['auth'] = 'refused'
            return _text(401, ('%s %s' % (error.message, error.detail or '')).strip(), challenge=True)
        if caller is None:
            if needed == 'read' and not repository['is_private']:
                return emulator.git.ensure(repository), 'anonymous'
            return _text(401, 'Authentication required', challenge=True)
        g.log_entry['auth'] = caller.log_label
        granular, classic = SCOPES[needed]
        try:
            scopes.require(caller, granular=[granular], classic=[classic])
        except ApiError as error:
            return _text(403, '%s (needs %s)' % (error.message, granular if caller.scope_style == 'granular' else classic))
        if not access.at_least(access.repository_permission(caller, record, repository), needed):
            return _text(403, 'You do not have %s access to repository %s/%s.' % (needed, workspace, repository['slug']))
        label = caller.user['nickname'] if caller.user else caller.token['name']
        return emulator.git.ensure(repository), label


def _backend(git_dir, remote_user):
    """Run git http-backend for this request and turn its CGI answer into a Response."""
    root, name = os.path.split(git_dir)
    path_info = '/' + name + request.path.split('.git', 1)[1]
    env = _environment({
        'GIT_PROJECT_ROOT': root,
        'GIT_HTTP_EXPORT_ALL': '1',
        'PATH_INFO': path_info,
        'REQUEST_METHOD': request.method,
        'QUERY_STRING': request.query_string.decode('latin-1'),
        'CONTENT_TYPE': request.headers.get('Content-Type', ''),
        'REMOTE_USER': remote_user,
        'REMOTE_ADDR': request.remote_addr or '127.0.0.1',
        'GIT_PROTOCOL': request.headers.get('Git-Protocol', ''),
        'HTTP_CONTENT_ENCODING': request.headers.get('Content-Encoding', ''),
    })
    body = request.get_data()
    env['CONTENT_LENGTH'] = str(len(body))
    completed = subprocess.run([GIT, 'http-backend'], input=body, capture_output=True, env=env, check=False)
    head, _sep, payload = completed.stdout.partition(b'\r\n\r\n')
    if not _sep:
        head, _sep, payload = completed.stdout.partition(b'\n\n')
    status = 200
    headers = []
    for line in head.decode('latin-1').splitlines():
        key, _colon, value = line.partition(':')
        if key.lower() == 'status':
            status = int(value.strip().split(' ')[0])
        elif key:
            headers.append((key.strip(), value.strip()))
    if completed.returncode != 0 and status == 200:
        return _text(500, 'git http-backend failed: %s' % completed.stderr.decode('utf-8', 'replace').strip())
    return Response(payload, status=status, headers=headers)


def git_command(service):
    """What a git request does: advertise (GET info/refs), ls-refs or fetch (upload-pack), push (receive-pack)."""
    if request.method == 'GET':
        return 'advertise'
    if service == 'git-receive-pack':
        return 'push'
    body = request.get_data()
    if request.headers.get('Content-Encoding') == 'gzip':
        try:
            body = gzip.decompress(body)
        except OSError:
            return 'fetch'
    # protocol v2 names its command in the first pkt-line; v0 upload-pack requests are fetches
    match = re.match(rb'[0-9a-f]{4}command=([a-z-]+)', body)
    return match.group(1).decode('ascii') if match else 'fetch'


def _serve(workspace, repo_git, service, suffix):
    entry = {
        'method': request.method, 'path': request.path, 'query': request.args.to_dict(flat=True),
        'template': '/{workspace}/{repo_slug}.git/' + suffix, 'status': None, 'auth': None, 'fault': None,
        'git_command': git_command(service) if service in SERVICES else None,
    }
    g.log_entry = entry
    current_emulator().log.add(entry)
    if service not in SERVICES:
        return _text(403, 'Only the smart HTTP protocol is served.')
    answer = _authorize(workspace, repo_git, service)
    if isinstance(answer, Response):
        return answer
    return _backend(*answer)


@blueprint.get('/<workspace>/<repo_git>/info/refs')
def info_refs(workspace, repo_git):
    """GET /{workspace}/{repo_slug}.git/info/refs?service=git-upload-pack|git-receive-pack."""
    return _serve(workspace, repo_git, request.args.get('service'), 'info/refs')


@blueprint.post('/<workspace>/<repo_git>/<any("git-upload-pack", "git-receive-pack"):service>')
def rpc(workspace, repo_git, service):
    """POST /{workspace}/{repo_slug}.git/git-upload-pack (fetch) or git-receive-pack (push)."""
    return _serve(workspace, repo_git, service, service)
