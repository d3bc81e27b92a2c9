"""Projects: key rules, duplicates, create with POST or PUT, key rename, who may create, delete only when empty."""

import pytest

from emulator.naming import PROJECT_KEY_MESSAGE

from .conftest import LEGACY_REPO_TOKEN


def test_create_project(alice):
    body = {'key': 'OPS', 'name': 'Operations', 'description': 'Infra', 'is_private': False,
            'links': {'avatar': {'href': 'https://example.com/ops.png'}}}
    response = alice.post('/workspaces/acme/projects', body)
    assert response.status_code == 201
    project = response.json()
    assert project['key'] == 'OPS' and project['is_private'] is False and project['description'] == 'Infra'
    assert project['links']['avatar']['href'] == 'https://example.com/ops.png'
    assert response.headers['Location'].endswith('/2.0/workspaces/acme/projects/OPS')
    assert alice.get('/workspaces/acme/projects/OPS').json()['name'] == 'Operations'


@pytest.mark.parametrize('key', ['1ABC', 'A-B', 'ÄB', '_X', ''])
def test_project_key_rule(alice, key):
    response = alice.post('/workspaces/acme/projects', {'key': key, 'name': 'Bad %s' % key})
    assert response.status_code == 400
    error = response.json()['error']
    expected = [PROJECT_KEY_MESSAGE] if key else ['This field is required.']
    assert error['message'] == 'Bad request' and error['fields']['key'] == expected


def test_duplicate_key_or_name_and_missing_name(alice):
    assert 'key' in alice.post('/workspaces/acme/projects', {'key': 'LEGACY', 'name': 'Other'}).json()['error']['fields']
    assert 'name' in alice.post('/workspaces/acme/projects', {'key': 'OTHER', 'name': 'Legacy Systems'}).json()['error']['fields']
    assert 'name' in alice.post('/workspaces/acme/projects', {'key': 'OTHER'}).json()['error']['fields']
    assert alice.post('/workspaces/acme/projects', {'key': 'OTHER', 'name': 'x', 'is_private': 'no'}).status_code == 400
    assert alice.post('/workspaces/acme/projects', None).status_code == 400


def test_members_cannot_create_projects(bob):
    response = bob.post('/workspaces/acme/projects', {'key': 'BOB', 'name': 'Bob'})
    assert response.status_code == 403
    assert bob.put('/workspaces/acme/projects/BOB', {'name': 'Bob'}).status_code == 403
    assert bob.put('/workspaces/acme/projects/LEGACY', {'description': 'x'}).status_code == 403


def test_put_creates_with_the_key_from_the_url(alice):
    response = alice.put('/workspaces/acme/projects/DATA', {'name': 'Data'})
    assert response.status_code == 201 and response.json()['key'] == 'DATA'
    assert alice.put('/workspaces/acme/projects/NONAME', {'description': 'x'}).status_code == 400
    assert alice.put('/workspaces/acme/projects/9BAD', {'name': 'Bad'}).json()['error']['fields']['key'] == [PROJECT_KEY_MESSAGE]


def test_put_updates_and_renames_the_key(emu, alice):
    response = alice.put('/workspaces/acme/projects/LEGACY', {'key': 'OLD', 'description': 'renamed'})
    assert response.status_code == 200
    assert response.headers['Location'].endswith('/workspaces/acme/projects/OLD')
    assert response.json()['key'] == 'OLD' and response.json()['description'] == 'renamed'
    assert alice.get('/workspaces/acme/projects/LEGACY').status_code == 404
    assert alice.get('/repositories/acme/legacy-app').json()['project']['key'] == 'OLD'
    assert alice.put('/workspaces/acme/projects/OLD', {'key': 'CORE'}).status_code == 400
    assert alice.put('/workspaces/acme/projects/OLD', {'key': 'bad-key'}).status_code == 400


def test_private_project_cannot_hold_public_repositories(alice):
    response = alice.put('/workspaces/acme/projects/OSS', {'is_private': True})
    assert response.status_code == 400 and 'is_private' in response.json()['error']['fields']
    assert alice.get('/workspaces/acme/projects/OSS').json()['has_publicly_visible_repos'] is True


def test_delete_only_when_empty(alice):
    refused = alice.delete('/workspaces/acme/projects/LEGACY')
    assert refused.status_code == 403
    assert 'not empty' in refused.json()['error']['message']
    assert alice.delete('/repositories/acme/legacy-app').status_code == 204
    assert alice.delete('/workspaces/acme/projects/LEGACY').status_code == 204
    assert alice.get('/workspaces/acme/projects/LEGACY').status_code == 404
    assert alice.delete('/workspaces/acme/projects/LEGACY').status_code == 404


def test_repository_token_lacks_the_project_scope(api):
    response = api(bearer=LEGACY_REPO_TOKEN).get('/workspaces/acme/projects')
    assert response.status_code == 403 and response.json()['error']['detail']['required'] == ['project']
