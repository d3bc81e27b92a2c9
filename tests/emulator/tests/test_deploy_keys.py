"""Deploy keys of repositories and projects: add (200), list, get, delete; PUT refused; key checks; who may."""

import pytest

from emulator.sshkeys import make_public_key

REPO = '/repositories/acme/legacy-app/deploy-keys'
PROJECT = '/workspaces/acme/projects/LEGACY/deploy-keys'
KEY = make_public_key('ssh-ed25519', 'deploy', comment='ci@example.com')
RSA = make_public_key('ssh-rsa', 'rsa')


@pytest.mark.parametrize('base, type_name, owner_field', [(REPO, 'deploy_key', 'owner'), (PROJECT, 'project_deploy_key', 'created_by')])
def test_add_list_get_delete(alice, base, type_name, owner_field):
    response = alice.post(base, {'key': KEY, 'label': 'ci'})
    assert response.status_code == 200, response.text
    key = response.json()
    assert key['type'] == type_name and isinstance(key['id'], int)
    # the comment is split off the key
    assert key['key'] == KEY.rsplit(' ', 1)[0] and key['comment'] == 'ci@example.com' and key['label'] == 'ci'
    assert key['added_on'] and 'last_used' not in key and key[owner_field]['nickname'] == 'alice'
    assert key['links']['self']['href'].endswith('%s/%d' % (base, key['id']))
    second = alice.post(base, {'key': RSA, 'label': 'other'}).json()
    assert second['comment'] == '' and second['id'] > key['id']
    assert [item['id'] for item in alice.all_values(base)] == [key['id'], second['id']]
    assert alice.get('%s/%d' % (base, key['id'])).json() == key
    assert alice.delete('%s/%d' % (base, key['id'])).status_code == 204
    assert alice.get('%s/%d' % (base, key['id'])).status_code == 404
    assert alice.delete('%s/%d' % (base, key['id'])).status_code == 404
    assert [item['id'] for item in alice.all_values(base)] == [second['id']]


def test_repository_key_embeds_its_repository_and_project_key_its_project(alice):
    assert alice.post(REPO, {'key': KEY}).json()['repository']['full_name'] == 'acme/legacy-app'
    assert alice.post(PROJECT, {'key': KEY}).json()['project']['key'] == 'LEGACY'


def test_put_answers_400_as_in_practice(alice):
    key = alice.post(REPO, {'key': KEY, 'label': 'ci'}).json()
    response = alice.put('%s/%d' % (REPO, key['id']), {'key': KEY, 'label': 'renamed'})
    assert response.status_code == 400 and response.json()['type'] == 'error'
    assert alice.get('%s/%d' % (REPO, key['id'])).json()['label'] == 'ci'
    assert alice.put('%s/999' % REPO, {'label': 'x'}).status_code == 404


@pytest.mark.parametrize('body', [
    {},
    {'label': 'no key'},
    {'key': 'not a key'},
    {'key': 'ssh-ed25519 not-base64!'},
    {'key': 'ssh-foo AAAAB3NzaC1yc2E='},
    {'key': make_public_key('ssh-rsa', 'x').replace('ssh-rsa', 'ssh-ed25519', 1)},   # declared type differs from the data
    {'key': KEY, 'label': 5},
])
def test_invalid_keys(alice, body):
    for base in (REPO, PROJECT):
        response = alice.post(base, body)
        assert response.status_code == 400, response.text
        assert 'key' in response.json()['error']['fields'] or 'label' in response.json()['error']['fields']


def test_the_same_key_twice_is_refused_but_fine_elsewhere(alice):
    assert alice.post(REPO, {'key': KEY}).status_code == 200
    assert alice.post(REPO, {'key': KEY.rsplit(' ', 1)[0] + ' another comment'}).status_code == 400
    assert alice.post('/repositories/acme/core-api/deploy-keys', {'key': KEY}).status_code == 200


def test_who_may(api, alice, bob):
    assert bob.get(REPO).status_code == 403
    assert bob.post(REPO, {'key': KEY}).status_code == 403
    assert bob.get(PROJECT).status_code == 403
    token = api(bearer='legacy-repo-token')
    # classic scopes repository + repository:admin; access tokens cannot add or delete deploy keys
    assert token.get(REPO).status_code == 200
    assert token.post(REPO, {'key': KEY}).status_code == 403
    key = alice.post(REPO, {'key': KEY}).json()
    assert token.delete('%s/%d' % (REPO, key['id'])).status_code == 403


def test_seeded_keys(emu, alice):
    from emulator.seed import load_sample  # pylint: disable=import-outside-toplevel
    seed = load_sample()
    seed['workspaces'][0]['repositories'][0]['deploy_keys'] = [
        {'key': KEY, 'label': 'seeded', 'last_used': '2026-01-01T00:00:00+00:00', 'id': 7}]
    seed['workspaces'][0]['projects'][1]['deploy_keys'] = [{'key': RSA, 'label': 'project', 'owner': 'alice@example.com'}]
    emu.reset(seed)
    key = alice.get(REPO + '/7').json()
    assert key['label'] == 'seeded' and key['comment'] == 'ci@example.com' and key['last_used'].startswith('2026')
    project_key = alice.all_values(PROJECT)[0]
    assert project_key['id'] == 8 and project_key['created_by']['nickname'] == 'alice'
    assert alice.post(REPO, {'key': RSA}).json()['id'] == 9


def test_access_tokens_may_manage_project_keys_but_not_repository_keys(emu, api):
    # The spec's narrative lists only the repository deploy key add, update and delete as inaccessible to
    # access tokens; project deploy keys take a token with project:admin (a workspace token: project tokens
    # cannot have that scope).
    from emulator.seed import load_sample  # pylint: disable=import-outside-toplevel
    seed = load_sample()
    seed['workspaces'][0]['access_tokens'].append(
        {'token': 'acme-admin-token', 'scopes': ['project', 'project:admin', 'repository', 'repository:admin']})
    emu.reset(seed)
    token = api(bearer='acme-admin-token')
    added = token.post(PROJECT, {'key': KEY, 'label': 'by token'})
    assert added.status_code == 200, added.text
    assert token.delete('%s/%d' % (PROJECT, added.json()['id'])).status_code == 204
    refused = token.post(REPO, {'key': KEY})
    assert refused.status_code == 403 and 'repository deploy keys' in refused.json()['error']['message']
