"""Webhooks: required fields, event keys from the spec, write-only secrets, workspace hooks for owners only."""

import pytest

REPO_HOOKS = '/repositories/acme/legacy-app/hooks'
LEGACY_HOOK = '{4e6b0000-0000-4000-8000-00000000a1a1}'


def _stored_hooks(emu, repository=None):
    acme = emu.state()['workspaces'][0]
    if repository is None:
        return {hook['uuid']: hook for hook in acme['webhooks']}
    found = [record for record in acme['repositories'] if record['slug'] == repository][0]
    return {hook['uuid']: hook for hook in found['webhooks']}


def test_seeded_hook_hides_its_secret(emu, alice):
    hook = alice.get('%s/%s' % (REPO_HOOKS, LEGACY_HOOK)).json()
    assert hook['secret_set'] is True and 'secret' not in hook
    assert hook['skip_cert_verification'] is False and hook['subject_type'] == 'repository'
    assert hook['subject']['full_name'] == 'acme/legacy-app'
    assert _stored_hooks(emu, 'legacy-app')[LEGACY_HOOK]['secret'] == 'legacy-hook-secret'


@pytest.mark.parametrize('secret, stored', [({}, None), ({'secret': None}, None), ({'secret': ''}, None), ({'secret': 's3cret'}, 's3cret')])
def test_create_secret(emu, alice, secret, stored):
    response = alice.post(REPO_HOOKS, dict(secret, url='https://example.com/h', events=['repo:push', 'repo:push']))
    assert response.status_code == 201
    hook = response.json()
    assert hook['events'] == ['repo:push'] and hook['active'] is True and hook['secret_set'] is (stored is not None)
    assert 'secret' not in hook
    assert response.headers['Location'] == hook['links']['self']['href']
    assert _stored_hooks(emu, 'legacy-app')[hook['uuid']]['secret'] == stored


@pytest.mark.parametrize('change, stored', [
    ({}, 'legacy-hook-secret'),
    ({'secret': None}, None),
    ({'secret': ''}, None),
    ({'secret': 'rotated'}, 'rotated'),
])
def test_update_secret(emu, alice, change, stored):
    body = dict(change, description='updated')
    response = alice.put('%s/%s' % (REPO_HOOKS, LEGACY_HOOK), body)
    assert response.status_code == 200
    assert response.json()['secret_set'] is (stored is not None) and response.json()['description'] == 'updated'
    assert _stored_hooks(emu, 'legacy-app')[LEGACY_HOOK]['secret'] == stored


def test_update_fields_and_ignore_secret_set(emu, alice):
    response = alice.put('%s/%s' % (REPO_HOOKS, LEGACY_HOOK.strip('{}')), {
        'url': 'https://ci.example.com/v2', 'events': ['repo:updated'], 'active': False,
        'skip_cert_verification': True, 'secret_set': False,
    })
    assert response.status_code == 200
    hook = response.json()
    assert (hook['url'], hook['events'], hook['active'], hook['skip_cert_verification']) == ('https://ci.example.com/v2', ['repo:updated'], False, True)
    assert hook['secret_set'] is True


@pytest.mark.parametrize('body, field', [
    ({'events': ['repo:push']}, 'url'),
    ({'url': 'https://example.com'}, 'events'),
    ({'url': 'https://example.com', 'events': ['repo:pushed']}, 'events'),
    ({'url': 'https://example.com', 'events': []}, 'events'),
    ({'url': 'not a url', 'events': ['repo:push']}, 'url'),
    ({'url': 'https://example.com', 'events': ['repo:push'], 'active': 'yes'}, 'active'),
    ({'url': 'https://example.com', 'events': ['repo:push'], 'secret': 'x' * 129}, 'secret'),
])
def test_invalid_hook_bodies(alice, body, field):
    for path in (REPO_HOOKS, '/workspaces/acme/hooks'):
        response = alice.post(path, body)
        assert response.status_code == 400, response.text
        assert field in response.json()['error']['fields']


def test_invalid_event_on_update(alice):
    response = alice.put('%s/%s' % (REPO_HOOKS, LEGACY_HOOK), {'events': ['push']})
    assert response.status_code == 400 and 'events' in response.json()['error']['fields']


def test_delete_and_missing_hooks(alice):
    assert alice.delete('%s/%s' % (REPO_HOOKS, LEGACY_HOOK)).status_code == 204
    assert alice.get('%s/%s' % (REPO_HOOKS, LEGACY_HOOK)).status_code == 404
    assert alice.put('%s/%s' % (REPO_HOOKS, LEGACY_HOOK), {'active': True}).status_code == 404
    assert alice.get(REPO_HOOKS).json()['values'] == []


def test_repository_hooks_need_repository_admin(bob):
    assert bob.get(REPO_HOOKS).status_code == 403
    assert bob.post(REPO_HOOKS, {'url': 'https://example.com', 'events': ['repo:push']}).status_code == 403


def test_workspace_hooks_are_for_owners(emu, alice, bob):
    assert bob.get('/workspaces/acme/hooks').status_code == 403
    assert bob.post('/workspaces/acme/hooks', {'url': 'https://example.com', 'events': ['repo:push']}).status_code == 403
    created = alice.post('/workspaces/acme/hooks', {'url': 'https://example.com/ws', 'events': ['project:updated'], 'secret': 'w'})
    assert created.status_code == 201 and created.json()['subject_type'] == 'workspace'
    uid = created.json()['uuid']
    assert _stored_hooks(emu)[uid]['secret'] == 'w'
    assert len(alice.get('/workspaces/acme/hooks').json()['values']) == 2
    assert alice.put('/workspaces/acme/hooks/%s' % uid, {'secret': None}).json()['secret_set'] is False
    assert alice.delete('/workspaces/acme/hooks/%s' % uid).status_code == 204
