"""Seeds: defaults, references, validation errors, bulk repositories, and state round trips."""

import pytest

from emulator.control import EmulatorControlError
from emulator.seed import SeedError, bulk_repositories, load_sample, normalize


def test_sample_seed_contents():
    state = normalize(load_sample())
    users = {user['email']: user for user in state['users']}
    assert set(users) == {'alice@example.com', 'bob@example.com', 'carol@example.com'}
    assert users['alice@example.com']['app_passwords'] == [{'username': 'alice', 'password': 'alice-app-password'}]
    assert all(user['account_id'].startswith('557058:') and user['uuid'].startswith('{') for user in users.values())
    acme = state['workspaces'][0]
    assert [(member['user'], member['role']) for member in acme['members']] == [
        (users['alice@example.com']['uuid'], 'owner'), (users['bob@example.com']['uuid'], 'member')]
    assert [token['kind'] for token in acme['access_tokens']] == ['workspace', 'repository']
    assert acme['oauth_consumers'][0]['owner'] == users['alice@example.com']['uuid']


def test_defaults_and_stable_ids():
    entry = {'slug': 'w', 'members': ['x@example.com'], 'repositories': bulk_repositories(3)}
    seed = {'users': [{'email': 'x@example.com'}], 'workspaces': [entry]}
    first, second = normalize(seed), normalize(seed)
    assert first == second
    workspace = first['workspaces'][0]
    assert [repository['slug'] for repository in workspace['repositories']] == ['repo-001', 'repo-002', 'repo-003']
    assert workspace['projects'][0]['key'] == 'PROJ'
    assert {repository['project'] for repository in workspace['repositories']} == {'PROJ'}
    assert first['users'][0]['nickname'] == 'x' and first['users'][0]['api_tokens'] == []


def test_state_round_trips_as_a_seed():
    state = normalize(load_sample())
    assert normalize(state) == state


@pytest.mark.parametrize('seed, message', [
    ({'users': [{'email': 'a@x'}, {'email': 'A@x'}]}, 'duplicate user email'),
    ({'workspaces': [{'slug': 'w', 'members': ['ghost@x']}]}, 'unknown user'),
    ({'workspaces': [{'slug': 'w', 'projects': [{'key': '9'}]}]}, 'invalid project key'),
    ({'workspaces': [{'slug': 'w', 'repositories': [{'name': 'r', 'project': 'NOPE'}]}]}, 'unknown project'),
    ({'workspaces': [{'slug': 'w', 'repositories': [{'slug': 'Bad Slug'}]}]}, 'invalid slug'),
    ({'workspaces': [{'slug': 'w', 'repositories': [{'name': 'r', 'webhooks': [{'url': 'https://e', 'events': ['x:y']}]}]}]}, 'events'),
    ({'workspaces': [{'slug': 'w', 'access_tokens': [{'token': 't', 'scopes': ['account:write']}]}]}, 'scopes'),
    ({'users': [{'email': 'a@x', 'api_tokens': [{'token': 't', 'scopes': ['read:everything']}]}]}, 'scopes'),
    ({'workspaces': [{'slug': 'w', 'projects': [{'key': 'P'}], 'repositories': [{'name': 'r', 'is_private': False}]}]}, 'private project'),
    ({'workspaces': [{'slug': 'w', 'groups': [{'slug': 'g'}], 'repositories': [{'name': 'r', 'permissions': {'groups': {'g': 'none'}}}]}]},
     'permission'),
    ({'workspaces': [{'slug': 'w', 'oauth_consumers': [{'key': 'k', 'secret': 's'}]}]}, 'owner'),
    ('not a mapping', 'mapping'),
])
def test_invalid_seeds(seed, message):
    with pytest.raises(SeedError, match=message):
        normalize(seed)


def test_tokens_of_missing_objects_are_deactivated(emu, api):
    seed = load_sample()
    seed['workspaces'][0]['repositories'] = [entry for entry in seed['workspaces'][0]['repositories'] if entry['slug'] != 'legacy-app']
    state = normalize(seed)
    token = [entry for entry in state['workspaces'][0]['access_tokens'] if entry['token'] == 'legacy-repo-token'][0]
    assert token['kind'] == 'repository' and token['active'] is False and token['repository'] is None
    assert normalize(state) == state
    emu.reset(seed)
    assert api(bearer='legacy-repo-token').get('/repositories/acme').status_code == 401


def test_reset_with_an_invalid_seed_keeps_the_state(emu, alice):
    with pytest.raises(EmulatorControlError):
        emu.reset({'workspaces': [{'slug': 'w', 'members': ['ghost@x']}]})
    assert alice.get('/workspaces/acme').status_code == 200
