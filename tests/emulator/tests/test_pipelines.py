"""Pipelines: variables in three scopes (secured values write-only), environments, pipelines_config, SSH key pair, known hosts."""

import pytest

from emulator.sshkeys import fingerprints, make_public_key

REPO = '/repositories/acme/legacy-app'
WORKSPACE_VARIABLES = '/workspaces/acme/pipelines-config/variables'
REPO_VARIABLES = REPO + '/pipelines_config/variables'
PRIVATE_KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n'
PUBLIC_KEY = make_public_key('ssh-ed25519', 'pipelines')
HOST_KEY = make_public_key('ssh-rsa', 'github')


def _environment(alice, name='Production', type_name='Production'):
    response = alice.post(REPO + '/environments', {'name': name, 'environment_type': {'name': type_name}})
    assert response.status_code == 201, response.text
    return response.json()


def _scopes(alice):
    environment = _environment(alice)
    return [
        (WORKSPACE_VARIABLES, 'pipeline_variable', True),
        (REPO_VARIABLES, 'pipeline_variable', True),
        (REPO + '/deployments_config/environments/%s/variables' % environment['uuid'], 'deployment_variable', False),
    ]


def _stored(emu, key):
    """Every stored variable with this key, in any scope (from the state document, values in clear)."""
    state = emu.state()['workspaces'][0]
    found = [variable for variable in state['pipeline_variables'] if variable['key'] == key]
    for repository in state['repositories']:
        found += [variable for variable in repository['pipeline_variables'] if variable['key'] == key]
        for environment in repository['environments']:
            found += [variable for variable in environment['variables'] if variable['key'] == key]
    return found


def test_variables_in_every_scope(emu, alice):
    for base, type_name, has_get in _scopes(alice):
        plain = alice.post(base, {'key': 'REGION', 'value': 'eu-west-1'})
        assert plain.status_code == 201, (base, plain.text)
        assert plain.json() == {'type': type_name, 'uuid': plain.json()['uuid'], 'key': 'REGION', 'value': 'eu-west-1', 'secured': False}
        secret = alice.post(base, {'key': 'TOKEN', 'value': 's3cr3t', 'secured': True})
        assert secret.status_code == 201
        # a secured value is never in an answer
        assert 'value' not in secret.json() and secret.json()['secured'] is True
        listed = alice.all_values(base)
        assert [(item['key'], item.get('value')) for item in listed] == [('REGION', 'eu-west-1'), ('TOKEN', None)]
        assert 's3cr3t' not in alice.get(base).text
        duplicate = alice.post(base, {'key': 'REGION', 'value': 'other'})
        assert duplicate.status_code == 409 and duplicate.json()['type'] == 'error'
        uuid = plain.json()['uuid']
        if has_get:
            assert alice.get('%s/%s' % (base, uuid)).json()['value'] == 'eu-west-1'
            assert 'value' not in alice.get('%s/%s' % (base, secret.json()['uuid'])).json()
        else:
            # deployment variables have no single GET in the spec
            assert alice.get('%s/%s' % (base, uuid)).status_code == 405
        updated = alice.put('%s/%s' % (base, uuid), {'value': 'us-east-1'})
        assert updated.status_code == 200 and updated.json()['value'] == 'us-east-1'
        rotated = alice.put('%s/%s' % (base, secret.json()['uuid']), {'value': 'rotated'})
        assert rotated.status_code == 200 and 'value' not in rotated.json()
        assert alice.put('%s/%s' % (base, uuid), {'key': 'TOKEN'}).status_code == 409
        assert alice.delete('%s/%s' % (base, uuid)).status_code == 204
        assert alice.put('%s/%s' % (base, uuid), {'value': 'x'}).status_code == 404
        assert alice.delete('%s/%s' % (base, uuid)).status_code == 404
        assert [item['key'] for item in alice.all_values(base)] == ['TOKEN']
    assert [variable['value'] for variable in _stored(emu, 'TOKEN')] == ['rotated'] * 3


@pytest.mark.parametrize('body, field', [
    ({'value': 'x'}, 'key'),
    ({'key': '1ST', 'value': 'x'}, 'key'),
    ({'key': 'MY-VAR', 'value': 'x'}, 'key'),
    ({'key': 'OK', 'value': 5}, 'value'),
    ({'key': 'OK', 'secured': 'yes'}, 'secured'),
])
def test_invalid_variables(alice, body, field):
    for base, _type_name, _has_get in _scopes(alice):
        response = alice.post(base, body)
        assert response.status_code == 400, response.text
        assert field in response.json()['error']['fields']


def test_securing_is_one_way(alice):
    plain = alice.post(REPO_VARIABLES, {'key': 'A', 'value': 'visible'}).json()
    secured = alice.put('%s/%s' % (REPO_VARIABLES, plain['uuid']), {'secured': True})
    assert secured.status_code == 200 and secured.json()['secured'] is True and 'value' not in secured.json()
    response = alice.put('%s/%s' % (REPO_VARIABLES, plain['uuid']), {'secured': False})
    assert response.status_code == 400 and 'secured' in response.json()['error']['fields']
    assert 'visible' not in response.text


def test_variables_are_for_admins(api, alice, bob):
    assert bob.get(WORKSPACE_VARIABLES).status_code == 403
    assert bob.get(REPO_VARIABLES).status_code == 403
    assert bob.post(REPO_VARIABLES, {'key': 'A', 'value': 'b'}).status_code == 403
    readonly = api(('bob@example.com', 'bob-readonly-token')).get(REPO_VARIABLES)
    assert readonly.status_code == 403 and readonly.json()['error']['detail']['required'] == ['read:pipeline:bitbucket']
    token = api(bearer='acme-read-token')
    # the workspace token's classic scopes lack pipeline and pipeline:variable
    assert token.get(WORKSPACE_VARIABLES).status_code == 403
    assert alice.get('/workspaces/carol-space/pipelines-config/variables').status_code == 404
    assert alice.get(REPO + '/deployments_config/environments/{00000000-0000-4000-8000-000000000000}/variables').status_code == 404


def test_environments(alice, bob):
    production = _environment(alice)
    assert production['type'] == 'deployment_environment' and production['name'] == 'Production'
    assert production['environment_type']['name'] == 'Production' and production['environment_type']['rank'] == 2
    assert production['restrictions']['admin_only'] is False
    staging = alice.post(REPO + '/environments', {'name': 'Staging EU', 'environment_type': {'name': 'Staging'},
                                                  'restrictions': {'admin_only': True}}).json()
    assert staging['restrictions']['admin_only'] is True
    for name in ('Production', 'production'):
        duplicate = alice.post(REPO + '/environments', {'name': name, 'environment_type': {'name': 'Test'}})
        assert duplicate.status_code == 409 and duplicate.json()['error']['message'].startswith('An environment')
    assert [item['name'] for item in alice.all_values(REPO + '/environments')] == ['Production', 'Staging EU']
    assert [item['name'] for item in bob.all_values(REPO + '/environments')] == ['Production', 'Staging EU']
    assert bob.post(REPO + '/environments', {'name': 'Dev', 'environment_type': {'name': 'Test'}}).status_code == 403
    path = REPO + '/environments/%s' % staging['uuid']
    assert alice.get(path).json() == staging
    changed = alice.post(path + '/changes', {'change': {'name': 'Staging', 'restrictions': {'admin_only': False}}})
    assert changed.status_code == 202 and changed.text == '' and 'Content-Type' not in changed.headers
    assert (alice.get(path).json()['name'], alice.get(path).json()['restrictions']['admin_only']) == ('Staging', False)
    assert alice.post(path + '/changes', {'change': {'name': 'PRODUCTION'}}).status_code == 409
    assert alice.post(path + '/changes', {'change': {'environment_type': {'name': 'Test'}}}).status_code == 400
    assert alice.post(path + '/changes', {'name': 'x'}).status_code == 400
    assert alice.delete(path).status_code == 204
    assert alice.get(path).status_code == 404
    assert alice.post(path + '/changes', {'change': {'name': 'x'}}).status_code == 404


@pytest.mark.parametrize('body, field', [
    ({'environment_type': {'name': 'Test'}}, 'name'),
    ({'name': 'Dev'}, 'environment_type'),
    ({'name': 'Dev', 'environment_type': {'name': 'Development'}}, 'environment_type'),
    ({'name': 'Dev', 'environment_type': {'name': 'Test'}, 'restrictions': {'admin_only': 'yes'}}, 'restrictions'),
])
def test_invalid_environments(alice, body, field):
    response = alice.post(REPO + '/environments', body)
    assert response.status_code == 400 and field in response.json()['error']['fields']


def test_pipelines_config(alice, bob):
    config = alice.get(REPO + '/pipelines_config').json()
    assert config['enabled'] is False and config['repository']['full_name'] == 'acme/legacy-app'
    assert alice.put(REPO + '/pipelines_config', {'enabled': True}).json()['enabled'] is True
    assert alice.get(REPO + '/pipelines_config').json()['enabled'] is True
    assert alice.put(REPO + '/pipelines_config', {'enabled': 'yes'}).status_code == 400
    assert bob.get(REPO + '/pipelines_config').status_code == 403


def test_ssh_key_pair(emu, alice):
    path = REPO + '/pipelines_config/ssh/key_pair'
    assert alice.get(path).status_code == 404
    assert alice.delete(path).status_code == 404
    response = alice.put(path, {'private_key': PRIVATE_KEY, 'public_key': PUBLIC_KEY + ' me@example.com'})
    assert response.status_code == 200, response.text
    assert response.json() == {'type': 'pipeline_ssh_key_pair', 'public_key': PUBLIC_KEY}
    assert alice.get(path).json() == {'type': 'pipeline_ssh_key_pair', 'public_key': PUBLIC_KEY}
    assert 'PRIVATE' not in alice.get(path).text
    stored = [repository for repository in emu.state()['workspaces'][0]['repositories'] if repository['slug'] == 'legacy-app'][0]
    assert stored['pipelines']['ssh_key_pair']['private_key'] == PRIVATE_KEY
    for body, field in (({'public_key': PUBLIC_KEY}, 'private_key'), ({'private_key': 'hunter2', 'public_key': PUBLIC_KEY}, 'private_key'),
                        ({'private_key': PRIVATE_KEY}, 'public_key'), ({'private_key': PRIVATE_KEY, 'public_key': 'ssh-rsa !!'}, 'public_key')):
        refused = alice.put(path, body)
        assert refused.status_code == 400 and field in refused.json()['error']['fields']
        assert 'hunter2' not in refused.text and 'b3BlbnNzaC1rZXkt' not in refused.text
    assert alice.delete(path).status_code == 204
    assert alice.get(path).status_code == 404


def _host_body(hostname='github.com', key=HOST_KEY):
    key_type, data = key.split()[:2]
    return {'type': 'pipeline_known_host', 'hostname': hostname,
            'public_key': {'type': 'pipeline_ssh_public_key', 'key_type': key_type, 'key': data}}


def test_known_hosts(alice):
    base = REPO + '/pipelines_config/ssh/known_hosts'
    response = alice.post(base, _host_body())
    assert response.status_code == 201, response.text
    host = response.json()
    md5, sha256 = fingerprints(HOST_KEY.split()[1])
    assert host['type'] == 'pipeline_known_host' and host['hostname'] == 'github.com'
    assert host['public_key'] == {'type': 'pipeline_ssh_public_key', 'key_type': 'ssh-rsa', 'key': HOST_KEY.split()[1],
                                  'md5_fingerprint': md5, 'sha256_fingerprint': sha256}
    assert alice.post(base, _host_body()).status_code == 409
    other = alice.post(base, _host_body('bitbucket.org', PUBLIC_KEY)).json()
    assert [item['hostname'] for item in alice.all_values(base)] == ['github.com', 'bitbucket.org']
    path = '%s/%s' % (base, host['uuid'])
    assert alice.get(path).json() == host
    changed = alice.put(path, _host_body('github.com', PUBLIC_KEY))
    assert changed.status_code == 200 and changed.json()['public_key']['key_type'] == 'ssh-ed25519'
    assert alice.put(path, _host_body('bitbucket.org')).status_code == 409
    assert alice.delete('%s/%s' % (base, other['uuid'])).status_code == 204
    assert alice.delete('%s/%s' % (base, other['uuid'])).status_code == 404
    assert [item['hostname'] for item in alice.all_values(base)] == ['github.com']


@pytest.mark.parametrize('change, field', [
    ({'type': None}, 'type'),
    ({'type': 'known_host'}, 'type'),
    ({'hostname': None}, 'hostname'),
    ({'public_key': None}, 'public_key'),
    ({'public_key': {'key_type': 'ssh-rsa', 'key': HOST_KEY.split()[1]}}, 'public_key.type'),
    ({'public_key': {'type': 'pipeline_ssh_public_key', 'key_type': 'ssh-ed25519', 'key': HOST_KEY.split()[1]}}, 'public_key.key'),
])
def test_invalid_known_hosts(alice, change, field):
    body = _host_body()
    body.update(change)
    body = {key: value for key, value in body.items() if value is not None}
    response = alice.post(REPO + '/pipelines_config/ssh/known_hosts', body)
    assert response.status_code == 400 and field in response.json()['error']['fields']


def test_seeded_pipelines(emu, alice):
    from emulator.seed import load_sample  # pylint: disable=import-outside-toplevel
    seed = load_sample()
    seed['workspaces'][0]['pipeline_variables'] = [{'key': 'ORG', 'value': 'acme'}]
    seed['workspaces'][0]['repositories'][0].update({
        'pipeline_variables': [{'key': 'TOKEN', 'value': 'seeded-secret', 'secured': True}],
        'environments': [{'name': 'Production', 'admin_only': True, 'variables': [{'key': 'URL', 'value': 'https://prod'}]},
                         {'name': 'QA', 'environment_type': 'Test'}],
        'pipelines': {'enabled': True, 'ssh_key_pair': {'private_key': PRIVATE_KEY, 'public_key': PUBLIC_KEY},
                      'known_hosts': [{'hostname': 'github.com', 'public_key': HOST_KEY}]},
    })
    emu.reset(seed)
    assert [(item['key'], item['value']) for item in alice.all_values(WORKSPACE_VARIABLES)] == [('ORG', 'acme')]
    assert alice.all_values(REPO_VARIABLES)[0]['secured'] is True and 'seeded-secret' not in alice.get(REPO_VARIABLES).text
    environments = alice.all_values(REPO + '/environments')
    assert [(item['name'], item['environment_type']['name'], item['restrictions']['admin_only']) for item in environments] == [
        ('Production', 'Production', True), ('QA', 'Test', False)]
    variables = alice.all_values(REPO + '/deployments_config/environments/%s/variables' % environments[0]['uuid'])
    assert [(item['key'], item['value']) for item in variables] == [('URL', 'https://prod')]
    assert alice.get(REPO + '/pipelines_config').json()['enabled'] is True
    assert alice.get(REPO + '/pipelines_config/ssh/key_pair').json()['public_key'] == PUBLIC_KEY
    assert alice.all_values(REPO + '/pipelines_config/ssh/known_hosts')[0]['public_key']['key'] == HOST_KEY.split()[1]
    # the same seed gives the same uuids
    emu.reset(seed)
    assert alice.all_values(REPO + '/environments')[0]['uuid'] == environments[0]['uuid']
