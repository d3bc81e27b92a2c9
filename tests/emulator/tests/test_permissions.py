"""Members, roles, effective permissions and explicit grants (permissions-config)."""

import pytest

from .conftest import ACME_READ_TOKEN, BOB_READONLY, LEGACY_REPO_TOKEN

BOB_UUID = '{b0b00000-0000-4000-8000-0000000000b2}'
BOB_ACCOUNT = '557058:b0b00000-0000-4000-8000-000000000002'
ALICE_UUID = '{a11ce000-0000-4000-8000-0000000000a1}'
CAROL_UUID = '{ca201000-0000-4000-8000-0000000000c3}'
REPO = '/repositories/acme/legacy-app/permissions-config'
PROJECT = '/workspaces/acme/projects/LEGACY/permissions-config'


def test_members_and_roles(alice, bob):
    members = alice.get('/workspaces/acme/members').json()['values']
    assert [member['user']['nickname'] for member in members] == ['alice', 'bob']
    assert all('email' not in member['user'] for member in members)
    by_email = alice.get('/workspaces/acme/members', params={'q': 'user.email IN ("bob@example.com","x@example.com")'}).json()
    assert [member['user']['nickname'] for member in by_email['values']] == ['bob']
    assert alice.get('/workspaces/acme/members/%s' % BOB_ACCOUNT).json()['user']['uuid'] == BOB_UUID
    assert alice.get('/workspaces/acme/members/%%7B%s%%7D' % BOB_UUID.strip('{}')).status_code == 200
    assert alice.get('/workspaces/acme/members/%s' % CAROL_UUID).status_code == 404
    owners = bob.get('/workspaces/acme/permissions', params={'q': 'permission="owner"'}).json()['values']
    assert [(entry['user']['nickname'], entry['permission']) for entry in owners] == [('alice', 'owner')]
    too_many = ','.join('"u%d@example.com"' % number for number in range(91))
    assert alice.get('/workspaces/acme/members', params={'q': 'user.email IN (%s)' % too_many}).status_code == 400


def test_members_by_email_show_the_addresses_asked_for_to_administrators_only(alice, bob):
    query = {'q': 'user.email IN ("bob@example.com","alice@example.com")', 'fields': '+values.user.email'}
    values = alice.get('/workspaces/acme/members', params=query).json()['values']
    assert sorted((member['user']['nickname'], member['user']['email']) for member in values) == [
        ('alice', 'alice@example.com'), ('bob', 'bob@example.com')]
    # Without the filter the addresses stay hidden, fields or not.
    assert all('email' not in m['user'] for m in alice.get('/workspaces/acme/members', params={'fields': '+values.user.email'}).json()['values'])
    refused = bob.get('/workspaces/acme/members', params=query)
    assert refused.status_code == 403
    assert refused.json()['error']['message'].startswith('Only workspace administrators')


def test_effective_repository_permissions(alice, bob):
    values = alice.all_values('/workspaces/acme/permissions/repositories', pagelen=100)
    found = {(value['repository']['full_name'], value['user']['nickname']): value['permission'] for value in values}
    assert found[('acme/legacy-app', 'bob')] == 'write'
    assert found[('acme/core-api', 'bob')] == 'read'
    assert found[('acme/legacy-app', 'alice')] == 'admin'
    above_read = alice.get('/workspaces/acme/permissions/repositories', params={'q': 'permission>"read"', 'pagelen': 100}).json()['values']
    assert {value['permission'] for value in above_read} == {'write', 'admin'}
    one = alice.get('/workspaces/acme/permissions/repositories/legacy-app', params={'sort': 'user.display_name'}).json()['values']
    assert [value['user']['display_name'] for value in one] == ['Alice Owner', 'Bob Builder']
    assert bob.get('/workspaces/acme/permissions/repositories').status_code == 403
    assert bob.get('/workspaces/acme/permissions/repositories/legacy-app').status_code == 403
    mine = bob.get('/user/workspaces/acme/permissions/repositories').json()['values']
    assert {value['repository']['name']: value['permission'] for value in mine} == {'legacy-app': 'write', 'Core API': 'read', 'acme-cli': 'read'}


def test_seeded_group_grant(alice):
    groups = alice.get(REPO + '/groups').json()['values']
    assert [(grant['group']['slug'], grant['permission']) for grant in groups] == [('developers', 'write')]
    grant = alice.get(REPO + '/groups/developers').json()
    assert grant['type'] == 'repository_group_permission' and grant['group']['full_slug'] == 'acme:developers'
    assert grant['repository']['full_name'] == 'acme/legacy-app'
    assert alice.get(REPO + '/groups/admins').status_code == 404
    assert alice.get(REPO + '/groups/nobody').status_code == 404


@pytest.mark.parametrize('base', [REPO, PROJECT])
def test_user_grant_lifecycle(emu, alice, base):
    for user_id in (BOB_UUID, BOB_ACCOUNT):
        assert alice.get('%s/users/%s' % (base, user_id)).status_code == 404
    created = alice.put('%s/users/%s' % (base, BOB_ACCOUNT), {'permission': 'admin'})
    assert created.status_code == 200 and created.json()['permission'] == 'admin'
    assert created.json()['user']['uuid'] == BOB_UUID
    assert alice.get('%s/users/%%7B%s%%7D' % (base, BOB_UUID.strip('{}'))).json()['permission'] == 'admin'
    assert [grant['user']['nickname'] for grant in alice.get(base + '/users').json()['values']] == ['bob']
    assert alice.put('%s/users/%s' % (base, BOB_UUID), {'permission': 'read'}).json()['permission'] == 'read'
    assert alice.delete('%s/users/%s' % (base, BOB_UUID)).status_code == 204
    assert alice.delete('%s/users/%s' % (base, BOB_UUID)).status_code == 404
    assert alice.get(base + '/users').json()['values'] == []


def test_group_grant_lifecycle(emu, alice):
    assert alice.put(PROJECT + '/groups/developers', {'permission': 'create-repo'}).json()['permission'] == 'create-repo'
    assert alice.put(REPO + '/groups/developers', {'permission': 'create-repo'}).status_code == 400
    assert alice.put(REPO + '/groups/admins', {'permission': 'read'}).status_code == 200
    stored = [record for record in emu.state()['workspaces'][0]['repositories'] if record['slug'] == 'legacy-app'][0]
    assert stored['permissions']['groups'] == {'developers': 'write', 'admins': 'read'}
    assert alice.delete(REPO + '/groups/developers').status_code == 204
    assert alice.put(REPO + '/groups/ghosts', {'permission': 'read'}).status_code == 404


@pytest.mark.parametrize('body, message', [
    ({'permission': 'none'}, 'none is not a valid permission'),
    ({'permission': 'owner'}, 'owner is not a valid permission'),
    ({'permission': 'read', 'extra': 1}, 'Bad request'),
    ({}, 'Bad request'),
])
def test_invalid_grant_bodies(alice, body, message):
    response = alice.put('%s/users/%s' % (REPO, BOB_UUID), body)
    assert response.status_code == 400
    assert response.json()['error']['message'] == message


def test_grants_to_owner_non_member_and_unknown_users(alice):
    owner = alice.put('%s/users/%s' % (REPO, ALICE_UUID), {'permission': 'read'})
    assert owner.status_code == 400
    assert owner.json()['error']['message'].startswith('This user is linked to this workspace')
    assert alice.put('%s/users/%s' % (PROJECT, ALICE_UUID), {'permission': 'read'}).status_code == 400
    assert alice.put('%s/users/%s' % (REPO, CAROL_UUID), {'permission': 'read'}).status_code == 400
    assert alice.put('%s/users/%s' % (REPO, '{00000000-0000-4000-8000-000000000000}'), {'permission': 'read'}).status_code == 404
    assert alice.put('%s/users/%s' % (REPO, 'bob@example.com'), {'permission': 'read'}).status_code == 404


def test_who_may_read_and_change_grants(api, bob):
    assert bob.get(REPO + '/groups').status_code == 403
    assert bob.put('%s/users/%s' % (REPO, BOB_UUID), {'permission': 'admin'}).status_code == 403
    for token in (ACME_READ_TOKEN, LEGACY_REPO_TOKEN):
        assert api(bearer=token).get(REPO + '/groups').status_code == 403
    readonly = api(auth=BOB_READONLY).put('%s/users/%s' % (PROJECT, BOB_UUID), {'permission': 'read'})
    assert readonly.status_code == 403
    assert readonly.json()['error']['detail']['required'] == ['admin:project:bitbucket', 'write:permission:bitbucket']


def test_grants_change_effective_access(alice, bob):
    assert bob.delete('/repositories/acme/legacy-app').status_code == 403
    assert alice.put('%s/users/%s' % (REPO, BOB_UUID), {'permission': 'admin'}).status_code == 200
    assert bob.get(REPO + '/users').status_code == 200
    assert bob.delete('/repositories/acme/legacy-app').status_code == 204
