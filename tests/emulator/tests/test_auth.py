"""Authentication, scope checks, workspace visibility, the OAuth token endpoint and withdrawn endpoints."""

import time

import pytest
import requests

from emulator.errors import BEARER_INVALID_MESSAGE, GONE_BODY, SCOPE_DENIED_MESSAGE

from .conftest import ACME_READ_TOKEN, ALICE_APP_PASSWORD, BOB_READONLY, CAROL, CONSUMER, LEGACY_REPO_TOKEN


def _client_credentials_token(emu):
    response = requests.post(emu.token_url, auth=CONSUMER, data={'grant_type': 'client_credentials'}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def test_api_token_basic_auth(alice):
    body = alice.get('/user').json()
    assert body['nickname'] == 'alice' and body['account_id'].startswith('557058:')
    assert 'email' not in body


@pytest.mark.parametrize('auth', [None, ALICE_APP_PASSWORD, ('alice@example.com', 'wrong'), ('nobody@example.com', 'alice-api-token')])
def test_missing_or_wrong_basic_credentials_answer_401(api, auth):
    response = api(auth=auth).get('/user')
    assert response.status_code == 401
    assert response.json()['type'] == 'error'
    assert response.headers['WWW-Authenticate'].startswith('Basic')


def test_app_password_is_retired(api):
    response = api(auth=ALICE_APP_PASSWORD).get('/repositories/acme')
    assert response.status_code == 401
    assert 'App passwords' in response.json()['error']['detail']


@pytest.mark.parametrize('token', ['alice-api-token', 'not-a-token'])
def test_api_tokens_and_unknown_tokens_as_bearer_answer_401(api, token):
    response = api(bearer=token).get('/user')
    assert response.status_code == 401
    assert response.json() == {'type': 'error', 'error': {'message': BEARER_INVALID_MESSAGE}}


def test_readonly_workspace_token_is_denied_writes_with_the_scope_named(api):
    reader = api(bearer=ACME_READ_TOKEN)
    assert reader.get('/repositories/acme/legacy-app').status_code == 200
    assert reader.get('/workspaces/acme/projects').status_code == 200
    for response, scope in (
        (reader.post('/repositories/acme/new-one', {}), 'repository:admin'),
        (reader.post('/workspaces/acme/projects', {'key': 'X', 'name': 'X'}), 'project:admin'),
        (reader.delete('/repositories/acme/legacy-app'), 'repository:delete'),
    ):
        assert response.status_code == 403, response.text
        error = response.json()['error']
        assert error['message'] == SCOPE_DENIED_MESSAGE
        assert error['detail']['required'] == [scope]
        assert 'repository' in error['detail']['granted']


def test_readonly_api_token_is_denied_writes(api):
    reader = api(auth=BOB_READONLY)
    assert reader.get('/repositories/acme/legacy-app').status_code == 200
    response = reader.post('/repositories/acme/legacy-app/hooks', {'url': 'https://example.com', 'events': ['repo:push']})
    assert response.status_code == 403
    assert response.json()['error']['detail']['required'] == ['read:webhook:bitbucket', 'write:webhook:bitbucket']
    response = reader.delete('/repositories/acme/legacy-app/hooks/{4e6b0000-0000-4000-8000-00000000a1a1}')
    assert response.status_code == 403
    assert response.json()['error']['detail']['required'] == ['delete:webhook:bitbucket']


def test_granular_scopes_do_not_imply_each_other(emu, api):
    seed = emu.state()
    seed['users'][1]['api_tokens'].append({'token': 'bob-write-only', 'scopes': ['write:repository:bitbucket']})
    emu.reset(seed)
    response = api(auth=('bob@example.com', 'bob-write-only')).get('/repositories/acme/legacy-app')
    assert response.status_code == 403
    assert response.json()['error']['detail']['required'] == ['read:repository:bitbucket']


def test_classic_scope_implications(emu, api):
    # project implies repository; repository:admin does not imply repository
    seed = emu.state()
    tokens = seed['workspaces'][0]['access_tokens']
    tokens.append({'token': 'project-scope', 'scopes': ['project']})
    tokens.append({'token': 'admin-scope', 'scopes': ['repository:admin']})
    emu.reset(seed)
    assert api(bearer='project-scope').get('/repositories/acme/legacy-app').status_code == 200
    denied = api(bearer='admin-scope').get('/repositories/acme/legacy-app')
    assert denied.status_code == 403 and denied.json()['error']['detail']['required'] == ['repository']


def test_webhook_creation_needs_the_scope_of_its_events(api):
    reader = api(bearer=ACME_READ_TOKEN)
    allowed = reader.post('/repositories/acme/legacy-app/hooks', {'url': 'https://example.com/a', 'events': ['repo:push']})
    assert allowed.status_code == 201
    denied = reader.post('/repositories/acme/legacy-app/hooks', {'url': 'https://example.com/b', 'events': ['issue:created']})
    assert denied.status_code == 403
    assert 'issue' in denied.json()['error']['detail']['required']


def test_repository_access_token_reaches_only_its_repository(api):
    token = api(bearer=LEGACY_REPO_TOKEN)
    assert token.get('/repositories/acme/legacy-app').status_code == 200
    assert token.get('/repositories/acme/legacy-app/hooks').status_code == 200
    assert token.get('/repositories/acme/core-api').status_code == 403
    assert [value['slug'] for value in token.get('/repositories/acme').json()['values']] == ['legacy-app']
    assert token.get('/workspaces/acme').status_code == 404
    assert token.get('/repositories/carol-space/notes').status_code == 404


def test_a_user_sees_only_its_workspaces(api, alice):
    carol = api(auth=CAROL)
    assert [value['workspace']['slug'] for value in carol.get('/user/workspaces').json()['values']] == ['carol-space']
    assert [value['workspace']['slug'] for value in alice.get('/user/workspaces').json()['values']] == ['acme']
    assert carol.get('/workspaces/acme').status_code == 404
    assert carol.get('/repositories/acme').status_code == 404
    assert carol.get('/repositories/acme/legacy-app').status_code == 404
    assert carol.get('/user/workspaces/acme/permission').status_code == 403
    assert alice.get('/workspaces/carol-space').status_code == 404


def test_user_workspaces_filters(api, alice, bob):
    assert bob.get('/user/workspaces').json()['values'][0]['administrator'] is False
    assert alice.get('/user/workspaces', params={'administrator': 'false'}).json()['values'] == []
    assert alice.get('/user/workspaces', params={'q': 'slug="acme"'}).json()['size'] == 1
    assert alice.get('/user/workspaces', params={'sort': 'name'}).status_code == 400
    assert alice.get('/user/workspaces/acme/permission').json()['permission'] == 'owner'
    assert bob.get('/user/workspaces/acme/permission').json()['permission'] == 'member'


def test_client_credentials_grant(emu, api):
    grant = _client_credentials_token(emu)
    assert grant['token_type'] == 'bearer' and grant['expires_in'] == 3600
    assert 'refresh_token' not in grant and 'scopes' not in grant
    assert set(grant['scope'].split(' ')) >= {'repository', 'repository:admin', 'project:admin', 'webhook'}
    client = api(bearer=grant['access_token'])
    assert client.get('/repositories/acme/legacy-app').status_code == 200
    assert client.post('/repositories/acme/from-oauth', {}).status_code == 200
    assert client.get('/user').json()['type'] == 'app_user'
    assert client.get('/repositories/carol-space').status_code == 404
    # credentials in the form work too
    response = requests.post(emu.token_url, data={'grant_type': 'client_credentials', 'client_id': CONSUMER[0], 'client_secret': CONSUMER[1]}, timeout=10)
    assert response.status_code == 200


@pytest.mark.parametrize('auth, data, status, error', [
    (('ci-consumer', 'wrong'), {'grant_type': 'client_credentials'}, 401, 'invalid_client'),
    (('nobody', 'x'), {'grant_type': 'client_credentials'}, 401, 'invalid_client'),
    (None, {'grant_type': 'client_credentials', 'client_id': 'ci-consumer', 'client_secret': 'bad'}, 400, 'invalid_client'),
    (None, {'grant_type': 'client_credentials'}, 400, 'invalid_client'),
    (CONSUMER, {'grant_type': 'password', 'username': 'a', 'password': 'b'}, 400, 'unsupported_grant_type'),
    (CONSUMER, {}, 400, 'unsupported_grant_type'),
])
def test_token_endpoint_errors(emu, auth, data, status, error):
    response = requests.post(emu.token_url, auth=auth, data=data, timeout=10)
    assert response.status_code == status
    assert response.json()['error'] == error and response.json()['error_description']


def test_oauth_tokens_expire(emu, api):
    seed = emu.state()
    seed['workspaces'][0]['oauth_consumers'][0]['token_lifetime'] = 1
    emu.reset(seed)
    grant = _client_credentials_token(emu)
    assert grant['expires_in'] == 1
    client = api(bearer=grant['access_token'])
    assert client.get('/user').status_code == 200
    time.sleep(1.1)
    assert client.get('/user').status_code == 401


def test_oauth_tokens_cannot_change_explicit_permissions(emu, api):
    client = api(bearer=_client_credentials_token(emu)['access_token'])
    assert client.get('/repositories/acme/legacy-app/permissions-config/groups').status_code == 200
    response = client.put('/repositories/acme/legacy-app/permissions-config/groups/developers', {'permission': 'read'})
    assert response.status_code == 403
    assert client.delete('/workspaces/acme/projects/LEGACY/permissions-config/groups/admins').status_code == 403


@pytest.mark.parametrize('path', ['/workspaces', '/user/permissions/workspaces', '/user/permissions/repositories', '/repositories'])
def test_withdrawn_endpoints_answer_410(alice, path):
    response = alice.get(path)
    assert response.status_code == 410
    assert response.json() == GONE_BODY


def test_public_hook_events_need_no_credentials(api):
    anonymous = api(auth=None)
    assert anonymous.get('/hook_events').status_code == 200
    events = anonymous.all_values('/hook_events/repository', pagelen=100)
    assert len(events) == 29 and {'event', 'category', 'label', 'description'} == set(events[0])
    assert anonymous.get('/hook_events/team').status_code == 404
    assert anonymous.get('/user').status_code == 401
