"""A repository's Pipelines settings: enabled (pipelines_config), SSH key pair (private key write-only), known hosts."""

from flask import Blueprint, request

from .. import bbql, kinds, render_kinds, sshkeys
from ..errors import ApiError
from ..naming import new_uuid, same_uuid
from ..pagination import paginate
from ..validation import REQUIRED, raise_if, type_errors
from .common import find_repository, json_body, json_response, no_content

blueprint = Blueprint('pipelines_config', __name__, url_prefix='/2.0')
_BASE = '/repositories/<workspace>/<repo_slug>/pipelines_config'


def _target(workspace, repo_slug):
    workspace_record, repository, _permission = find_repository(workspace, repo_slug, needed='admin')
    return workspace_record, kinds.repository(repository)


@blueprint.get(_BASE)
def get_config(workspace, repo_slug):
    """GET .../pipelines_config."""
    workspace_record, repository = _target(workspace, repo_slug)
    return json_response(render_kinds.pipelines_config(workspace_record, repository, repository['pipelines']['enabled']))


@blueprint.put(_BASE)
def update_config(workspace, repo_slug):
    """PUT .../pipelines_config: {"enabled": bool}."""
    workspace_record, repository = _target(workspace, repo_slug)
    body = json_body()
    raise_if(type_errors(body, {'enabled': bool}))
    if body.get('enabled') is not None:
        repository['pipelines']['enabled'] = body['enabled']
    return json_response(render_kinds.pipelines_config(workspace_record, repository, repository['pipelines']['enabled']))


@blueprint.get(_BASE + '/ssh/key_pair')
def get_key_pair(workspace, repo_slug):
    """GET .../ssh/key_pair: the public key only; 404 when there is none."""
    _workspace_record, repository = _target(workspace, repo_slug)
    pair = repository['pipelines']['ssh_key_pair']
    if pair is None:
        raise ApiError(404, 'This repository has no SSH key pair.')
    return json_response(render_kinds.ssh_key_pair(pair))


@blueprint.put(_BASE + '/ssh/key_pair')
def put_key_pair(workspace, repo_slug):
    """PUT .../ssh/key_pair {private_key, public_key}: creates or replaces it; the answer shows the public key only."""
    _workspace_record, repository = _target(workspace, repo_slug)
    body = json_body()
    fields = type_errors(body, {'private_key': str, 'public_key': str})
    if not body.get('private_key'):
        fields.setdefault('private_key', [REQUIRED])
    elif not sshkeys.is_private_key(body['private_key']):
        # never echo the private key back, not even in an error
        fields['private_key'] = ['Not a PEM or OpenSSH private key.']
    if not body.get('public_key'):
        fields.setdefault('public_key', [REQUIRED])
    else:
        try:
            key_type, data, _comment = sshkeys.parse(body['public_key'])
        except sshkeys.InvalidKey as error:
            fields['public_key'] = [str(error)]
    raise_if(fields)
    pair = {'private_key': body['private_key'], 'public_key': '%s %s' % (key_type, data)}
    repository['pipelines']['ssh_key_pair'] = pair
    return json_response(render_kinds.ssh_key_pair(pair))


@blueprint.delete(_BASE + '/ssh/key_pair')
def delete_key_pair(workspace, repo_slug):
    """DELETE .../ssh/key_pair: 204; 404 when there is none."""
    _workspace_record, repository = _target(workspace, repo_slug)
    if repository['pipelines']['ssh_key_pair'] is None:
        raise ApiError(404, 'This repository has no SSH key pair.')
    repository['pipelines']['ssh_key_pair'] = None
    return no_content()


def _hosts(workspace, repo_slug):
    return _target(workspace, repo_slug)[1]['pipelines']['known_hosts']


def _find_host(hosts, uuid):
    for host in hosts:
        if same_uuid(host['uuid'], uuid):
            return host
    raise ApiError(404, 'No known host with UUID %s.' % uuid)


def _parse_host(body, creating):
    """hostname and public key of a known host body; bodies carry their objects' type, as the spec's object requires."""
    fields = type_errors(body, {'type': str, 'hostname': str, 'public_key': dict})
    if body.get('type') != 'pipeline_known_host':
        fields.setdefault('type', ['Expected "pipeline_known_host".'])
    if creating and not body.get('hostname'):
        fields.setdefault('hostname', [REQUIRED])
    public_key = body.get('public_key')
    key = None
    if creating and public_key is None:
        fields.setdefault('public_key', [REQUIRED])
    elif isinstance(public_key, dict):
        if public_key.get('type') != 'pipeline_ssh_public_key':
            fields['public_key.type'] = ['Expected "pipeline_ssh_public_key".']
        try:
            sshkeys.decode(public_key.get('key_type'), public_key.get('key') if isinstance(public_key.get('key'), str) else '')
            key = {'key_type': public_key['key_type'], 'key': public_key['key']}
        except sshkeys.InvalidKey as error:
            fields['public_key.key'] = [str(error)]
    raise_if(fields)
    return body.get('hostname'), key


def _hostname_taken(hosts, hostname, current=None):
    if any(host['hostname'] == hostname and host is not current for host in hosts):
        raise ApiError(409, 'A known host with the provided hostname already exists.', data={'hostname': hostname})


@blueprint.get(_BASE + '/ssh/known_hosts')
def list_known_hosts(workspace, repo_slug):
    """GET .../ssh/known_hosts."""
    values = [render_kinds.known_host(host) for host in _hosts(workspace, repo_slug)]
    return json_response(paginate(bbql.apply(values, request.args.get('q'), request.args.get('sort'))))


@blueprint.post(_BASE + '/ssh/known_hosts')
def create_known_host(workspace, repo_slug):
    """POST .../ssh/known_hosts: 201; 409 when the hostname is already there."""
    hosts = _hosts(workspace, repo_slug)
    hostname, key = _parse_host(json_body(), creating=True)
    _hostname_taken(hosts, hostname)
    host = {'uuid': new_uuid(), 'hostname': hostname, 'public_key': key}
    hosts.append(host)
    return json_response(render_kinds.known_host(host), status=201)


@blueprint.get(_BASE + '/ssh/known_hosts/<known_host_uuid>')
def get_known_host(workspace, repo_slug, known_host_uuid):
    """GET one known host."""
    return json_response(render_kinds.known_host(_find_host(_hosts(workspace, repo_slug), known_host_uuid)))


@blueprint.put(_BASE + '/ssh/known_hosts/<known_host_uuid>')
def update_known_host(workspace, repo_slug, known_host_uuid):
    """PUT one known host (hostname and/or public_key)."""
    hosts = _hosts(workspace, repo_slug)
    host = _find_host(hosts, known_host_uuid)
    hostname, key = _parse_host(json_body(), creating=False)
    if hostname:
        _hostname_taken(hosts, hostname, host)
        host['hostname'] = hostname
    if key:
        host['public_key'] = key
    return json_response(render_kinds.known_host(host))


@blueprint.delete(_BASE + '/ssh/known_hosts/<known_host_uuid>')
def delete_known_host(workspace, repo_slug, known_host_uuid):
    """DELETE one known host: 204."""
    hosts = _hosts(workspace, repo_slug)
    hosts.remove(_find_host(hosts, known_host_uuid))
    return no_content()
