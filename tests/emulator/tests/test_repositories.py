"""Repositories: filtering and sorting, creation and slug rules, updates and renames, privacy, deletion."""

import pytest

from emulator.naming import slugify

from .conftest import CAROL

LEGACY_UUID = '{1e9ac1a0-0000-4000-8000-0000000a1a01}'
ACME_UUID = '{ac3e0000-0000-4000-8000-00000000ac01}'


def _slugs(page):
    return [value['slug'] for value in page.json()['values']]


@pytest.mark.parametrize('name, slug', [
    ('My Repo', 'my-repo'),
    ('  Hello, World!  ', 'hello-world'),
    ('already-fine_1.0', 'already-fine_1.0'),
    ('Ünïcode  Name', 'unicode-name'),
    ('--x--', 'x'),
    # Atlassian's examples for Bitbucket Cloud (support.atlassian.com/bitbucket-cloud/docs/what-is-a-slug/)
    ('føøbar', 'foobar'),
    ('foo bar', 'foo-bar'),
    ('a@b!-#c', 'a-b-c'),
    ('x' * 70, 'x' * 62),
    ('a' * 61 + ' b', 'a' * 61),
])
def test_slugify(name, slug):
    assert slugify(name) == slug


@pytest.mark.parametrize('query, expected', [
    ('project.key = "LEGACY"', ['legacy-app']),
    ('name ~ "API"', ['core-api']),
    ('slug = "acme-cli"', ['acme-cli']),
    ('project.key = "CORE" OR project.key = "OSS"', ['core-api', 'acme-cli']),
    ('project.key IN ("CORE", "LEGACY") AND is_private = true', ['legacy-app', 'core-api']),
    ('project.key NOT IN ("CORE", "LEGACY")', ['acme-cli']),
    ('(language = "go" or language = "java") and name !~ "cli"', ['legacy-app']),
    ('created_on > 2020-01-01', ['acme-cli']),
    ('description = null', []),
])
def test_bbql_filters(alice, query, expected):
    response = alice.get('/repositories/acme', params={'q': query})
    assert response.status_code == 200, response.text
    assert _slugs(response) == expected


def test_invalid_bbql_is_a_400(alice):
    response = alice.get('/repositories/acme', params={'q': 'name = '})
    assert response.status_code == 400 and response.json()['error']['message'] == 'Invalid query'


@pytest.mark.parametrize('sort, expected', [
    ('name', ['Core API', 'acme-cli', 'legacy-app']),
    ('-name', ['legacy-app', 'acme-cli', 'Core API']),
    ('slug', ['acme-cli', 'Core API', 'legacy-app']),
    ('created_on', ['Core API', 'legacy-app', 'acme-cli']),
    ('-updated_on', ['acme-cli', 'legacy-app', 'Core API']),
])
def test_sort(alice, sort, expected):
    response = alice.get('/repositories/acme', params={'sort': sort})
    assert [value['name'] for value in response.json()['values']] == expected


def test_role_filter_and_member_visibility(bob, alice):
    # bob: write on legacy-app (developers), read on core-api (CORE project grant), read on public acme-cli
    assert _slugs(bob.get('/repositories/acme')) == ['legacy-app', 'core-api', 'acme-cli']
    assert _slugs(bob.get('/repositories/acme', params={'role': 'contributor'})) == ['legacy-app']
    assert _slugs(bob.get('/repositories/acme', params={'role': 'admin'})) == []
    assert _slugs(bob.get('/repositories/acme', params={'role': 'owner'})) == []
    assert len(_slugs(alice.get('/repositories/acme', params={'role': 'owner'}))) == 3
    assert bob.get('/repositories/acme', params={'role': 'boss'}).status_code == 400


def test_repository_fields(emu, alice):
    body = alice.get('/repositories/acme/legacy-app').json()
    assert body['full_name'] == 'acme/legacy-app' and body['scm'] == 'git'
    assert body['project']['key'] == 'LEGACY' and body['mainbranch'] == {'type': 'branch', 'name': 'master'}
    assert body['fork_policy'] == 'no_public_forks' and body['workspace']['slug'] == 'acme'
    clone = {link['name']: link['href'] for link in body['links']['clone']}
    assert clone == {'https': emu.url.replace('://', '://alice@') + '/acme/legacy-app.git', 'ssh': 'git@bitbucket.org:acme/legacy-app.git'}


@pytest.mark.parametrize('path', [
    '/repositories/acme/%s' % LEGACY_UUID,
    '/repositories/acme/%7B1e9ac1a0-0000-4000-8000-0000000a1a01%7D',
    '/repositories/%s/legacy-app' % ACME_UUID,
    '/repositories/%7Bac3e0000-0000-4000-8000-00000000ac01%7D/legacy-app',
    '/repositories/%7B%7D/%7B1e9ac1a0-0000-4000-8000-0000000a1a01%7D',
])
def test_uuid_path_parameters(alice, path):
    response = alice.get(path)
    assert response.status_code == 200, response.text
    assert response.json()['slug'] == 'legacy-app'


def test_uuid_path_parameters_for_workspace_and_project(alice):
    assert alice.get('/workspaces/%s' % ACME_UUID).json()['slug'] == 'acme'
    assert alice.get('/workspaces/%7Bac3e0000-0000-4000-8000-00000000ac01%7D/projects/%7B1e9ac100-0000-4000-8000-000000001e9a%7D').json()['key'] == 'LEGACY'


def test_create_uses_the_url_slug_and_the_oldest_project(emu, alice):
    response = alice.post('/repositories/acme/new-service', {'name': 'New Service', 'description': 'd'})
    assert response.status_code == 200
    body = response.json()
    assert body['slug'] == 'new-service' and body['name'] == 'New Service'
    assert body['project']['key'] == 'CORE'
    assert body['is_private'] is True and body['fork_policy'] == 'allow_forks'
    stored = [repository for repository in emu.state()['workspaces'][0]['repositories'] if repository['slug'] == 'new-service']
    assert stored[0]['project'] == 'CORE'


def test_create_in_a_workspace_without_projects_makes_the_default_project(emu, api):
    carol = api(auth=CAROL)
    assert carol.delete('/repositories/carol-space/notes').status_code == 204
    assert carol.delete('/workspaces/carol-space/projects/NOTES').status_code == 204
    body = carol.post('/repositories/carol-space/fresh', {}).json()
    assert body['project']['key'] == 'PROJ' and body['project']['name'] == 'Untitled project'


def test_create_errors(alice):
    exists = alice.post('/repositories/acme/legacy-app', {})
    assert exists.status_code == 400
    assert exists.json()['error']['message'] == 'Repository with this Slug and Owner already exists.'
    bad_policy = alice.post('/repositories/acme/x1', {'fork_policy': 'sometimes'})
    assert bad_policy.status_code == 400 and 'fork_policy' in bad_policy.json()['error']['fields']
    bad_type = alice.post('/repositories/acme/x2', {'is_private': 'yes', 'name': 5})
    assert set(bad_type.json()['error']['fields']) == {'is_private', 'name'}
    assert alice.post('/repositories/acme/MyRepo', {}).status_code == 400
    public_in_private = alice.post('/repositories/acme/x3', {'project': {'key': 'LEGACY'}, 'is_private': False})
    assert public_in_private.status_code == 400 and 'is_private' in public_in_private.json()['error']['fields']
    assert alice.post('/repositories/acme/x4', {'project': {'key': 'NOPE'}}).status_code == 400
    assert alice.post('/repositories/acme/x5', {'scm': 'hg'}).status_code == 400
    assert alice.post('/repositories/acme/x6', {'has_issues': True}).status_code == 400
    not_json = alice.session.post(alice.url('/repositories/acme/x7'), data='{nope', headers={'Content-Type': 'application/json'})
    assert not_json.status_code == 400


def test_create_with_project_uuid_and_public_project(alice):
    by_uuid = alice.post('/repositories/acme/by-uuid', {'project': {'key': '{0550ce00-0000-4000-8000-000000000055}'}, 'is_private': False})
    assert by_uuid.status_code == 200 and by_uuid.json()['project']['key'] == 'OSS' and by_uuid.json()['is_private'] is False


def test_members_cannot_create_repositories_outside_their_grants(emu, bob, alice):
    denied = bob.post('/repositories/acme/bobs', {'project': {'key': 'LEGACY'}})
    assert denied.status_code == 400
    assert alice.put('/workspaces/acme/projects/LEGACY/permissions-config/users/{b0b00000-0000-4000-8000-0000000000b2}',
                     {'permission': 'create-repo'}).status_code == 200
    assert bob.post('/repositories/acme/bobs', {'project': {'key': 'LEGACY'}}).status_code == 200


def test_put_creates_then_updates(alice):
    created = alice.put('/repositories/acme/via-put', {'description': 'first'})
    assert created.status_code == 201 and created.json()['description'] == 'first'
    updated = alice.put('/repositories/acme/via-put', {'description': 'second', 'language': 'rust', 'mainbranch': {'name': 'trunk'}})
    assert updated.status_code == 200
    body = updated.json()
    assert body['description'] == 'second' and body['language'] == 'rust' and body['mainbranch']['name'] == 'trunk'
    assert 'Location' not in updated.headers


def test_put_with_a_new_name_moves_the_slug(alice):
    response = alice.put('/repositories/acme/core-api', {'name': 'Core API v2'})
    assert response.status_code == 200
    assert response.headers['Location'].endswith('/2.0/repositories/acme/core-api-v2')
    assert response.json()['slug'] == 'core-api-v2'
    assert alice.get('/repositories/acme/core-api').status_code == 404
    assert alice.get('/repositories/acme/core-api-v2').status_code == 200
    same_slug = alice.put('/repositories/acme/legacy-app', {'name': 'Legacy-App'})
    assert same_slug.status_code == 200 and 'Location' not in same_slug.headers and same_slug.json()['name'] == 'Legacy-App'


def test_rename_onto_an_existing_slug_is_refused(alice):
    response = alice.put('/repositories/acme/core-api', {'name': 'Legacy App'})
    assert response.status_code == 400
    assert alice.get('/repositories/acme/core-api').json()['name'] == 'Core API'


def test_move_between_projects_and_privacy(alice):
    public = alice.put('/repositories/acme/acme-cli', {'project': {'key': 'LEGACY'}})
    assert public.status_code == 400
    moved = alice.put('/repositories/acme/acme-cli', {'project': {'key': 'LEGACY'}, 'is_private': True})
    assert moved.status_code == 200 and moved.json()['project']['key'] == 'LEGACY'


def test_delete(alice, bob):
    assert bob.delete('/repositories/acme/legacy-app').status_code == 403
    response = alice.delete('/repositories/acme/legacy-app', params={'redirect_to': 'https://example.com'})
    assert response.status_code == 204 and response.content == b''
    assert 'Content-Type' not in response.headers
    assert alice.get('/repositories/acme/legacy-app').status_code == 404
    assert alice.delete('/repositories/acme/legacy-app').status_code == 404


def test_private_repository_without_access_answers_403(emu, bob, alice):
    assert alice.delete('/workspaces/acme/projects/CORE/permissions-config/groups/developers').status_code == 204
    assert bob.get('/repositories/acme/core-api').status_code == 403
    assert bob.get('/repositories/acme/missing').status_code == 404
