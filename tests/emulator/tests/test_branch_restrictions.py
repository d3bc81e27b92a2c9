"""Branch restrictions: create, filters, partial update, validation and uniqueness, delete, who may."""

import pytest

BASE = '/repositories/acme/legacy-app/branch-restrictions'
BOB = {'uuid': '{b0b00000-0000-4000-8000-0000000000b2}'}
ALICE_ACCOUNT = {'account_id': '557058:a11ce000-0000-4000-8000-000000000001'}


def _create(alice, **body):
    response = alice.post(BASE, body)
    assert response.status_code == 201, response.text
    return response.json()


def test_create_get_list_and_filters(alice):
    push = _create(alice, kind='push', pattern='main', users=[BOB, ALICE_ACCOUNT], groups=[{'slug': 'admins'}])
    assert push['type'] == 'branchrestriction' and isinstance(push['id'], int)
    assert push['branch_match_kind'] == 'glob' and push['pattern'] == 'main'
    assert [user['uuid'] for user in push['users']] == [BOB['uuid'], '{a11ce000-0000-4000-8000-0000000000a1}']
    assert [group['slug'] for group in push['groups']] == ['admins'] and 'value' not in push and 'branch_type' not in push
    approvals = _create(alice, kind='require_approvals_to_merge', pattern='main', value=2)
    assert approvals['value'] == 2 and approvals['users'] == [] and approvals['groups'] == []
    model = _create(alice, kind='delete', branch_match_kind='branching_model', branch_type='production')
    assert model['pattern'] == '' and model['branch_type'] == 'production'
    assert alice.get('%s/%d' % (BASE, push['id'])).json() == push
    assert push['links']['self']['href'].endswith('%s/%d' % (BASE, push['id']))
    assert [item['id'] for item in alice.all_values(BASE)] == [push['id'], approvals['id'], model['id']]
    assert [item['id'] for item in alice.all_values(BASE, kind='push')] == [push['id']]
    assert [item['id'] for item in alice.all_values(BASE, pattern='main')] == [push['id'], approvals['id']]
    assert alice.all_values(BASE, kind='force') == []
    assert len({push['id'], approvals['id'], model['id']}) == 3


def test_partial_update_keeps_what_is_not_given(alice):
    push = _create(alice, kind='push', pattern='main', users=[BOB], groups=[])
    response = alice.put('%s/%d' % (BASE, push['id']), {'groups': [{'slug': 'developers'}]})
    assert response.status_code == 200, response.text
    updated = response.json()
    assert [user['uuid'] for user in updated['users']] == [BOB['uuid']]
    assert [group['slug'] for group in updated['groups']] == ['developers']
    assert updated['pattern'] == 'main' and updated['kind'] == 'push'
    moved = alice.put('%s/%d' % (BASE, push['id']), {'pattern': 'release/*', 'users': []}).json()
    assert moved['pattern'] == 'release/*' and moved['users'] == [] and [group['slug'] for group in moved['groups']] == ['developers']
    approvals = _create(alice, kind='require_approvals_to_merge', pattern='main', value=1)
    assert alice.put('%s/%d' % (BASE, approvals['id']), {'value': 3}).json()['value'] == 3


@pytest.mark.parametrize('body, field', [
    ({'pattern': 'main'}, 'kind'),
    ({'kind': 'protect', 'pattern': 'main'}, 'kind'),
    ({'kind': 'delete'}, 'pattern'),
    ({'kind': 'delete', 'pattern': 'main', 'branch_match_kind': 'regex'}, 'branch_match_kind'),
    ({'kind': 'delete', 'branch_match_kind': 'branching_model'}, 'branch_type'),
    ({'kind': 'delete', 'branch_match_kind': 'branching_model', 'branch_type': 'main'}, 'branch_type'),
    ({'kind': 'push', 'pattern': 'main', 'groups': []}, 'users'),
    ({'kind': 'restrict_merges', 'pattern': 'main', 'users': []}, 'groups'),
    ({'kind': 'require_approvals_to_merge', 'pattern': 'main', 'users': [BOB]}, 'users'),
    ({'kind': 'delete', 'pattern': 'main', 'groups': [{'slug': 'developers'}]}, 'groups'),
    ({'kind': 'require_approvals_to_merge', 'pattern': 'main'}, 'value'),
    ({'kind': 'require_approvals_to_merge', 'pattern': 'main', 'value': -1}, 'value'),
    ({'kind': 'require_approvals_to_merge', 'pattern': 'main', 'value': '2'}, 'value'),
    ({'kind': 'push', 'pattern': 'main', 'users': [{'uuid': '{ca201000-0000-4000-8000-0000000000c3}'}], 'groups': []}, 'users'),
    ({'kind': 'push', 'pattern': 'main', 'users': [], 'groups': [{'slug': 'nobody'}]}, 'groups'),
])
def test_invalid_bodies(alice, body, field):
    response = alice.post(BASE, body)
    assert response.status_code == 400, response.text
    error = response.json()
    assert error['type'] == 'error' and field in error['error']['fields']
    assert alice.all_values(BASE) == []


def test_empty_user_lists_are_accepted_on_other_kinds(alice):
    created = _create(alice, kind='force', pattern='*', users=[], groups=[])
    assert created['users'] == [] and created['groups'] == []


def test_kind_and_match_must_be_unique(alice):
    first = _create(alice, kind='delete', pattern='main')
    duplicate = alice.post(BASE, {'kind': 'delete', 'pattern': 'main'})
    assert duplicate.status_code == 409 and 'already exists' in duplicate.json()['error']['message']
    _create(alice, kind='force', pattern='main')
    _create(alice, kind='delete', branch_match_kind='branching_model', branch_type='production')
    again = alice.post(BASE, {'kind': 'delete', 'branch_match_kind': 'branching_model', 'branch_type': 'production'})
    assert again.status_code == 409
    other = _create(alice, kind='delete', pattern='develop')
    assert alice.put('%s/%d' % (BASE, other['id']), {'pattern': 'main'}).status_code == 409
    assert alice.put('%s/%d' % (BASE, first['id']), {'pattern': 'main'}).status_code == 200
    # another repository may hold the same rule
    assert alice.post('/repositories/acme/core-api/branch-restrictions', {'kind': 'delete', 'pattern': 'main'}).status_code == 201


def test_update_validation(alice):
    push = _create(alice, kind='push', pattern='main', users=[], groups=[])
    assert alice.put('%s/%d' % (BASE, push['id']), {'kind': 'delete', 'users': [BOB]}).status_code == 400
    changed = alice.put('%s/%d' % (BASE, push['id']), {'kind': 'delete'})
    assert changed.status_code == 200 and changed.json()['kind'] == 'delete'
    assert alice.put('%s/%d' % (BASE, push['id']), {'kind': 'require_commits_behind'}).status_code == 400
    assert alice.put('%s/%d' % (BASE, push['id']), {'branch_match_kind': 'branching_model'}).status_code == 400
    by_type = alice.put('%s/%d' % (BASE, push['id']), {'branch_match_kind': 'branching_model', 'branch_type': 'feature'}).json()
    assert by_type['pattern'] == '' and by_type['branch_type'] == 'feature'


def test_delete_and_missing(alice):
    created = _create(alice, kind='delete', pattern='main')
    path = '%s/%d' % (BASE, created['id'])
    assert alice.delete(path).status_code == 204
    for response in (alice.get(path), alice.put(path, {'pattern': 'x'}), alice.delete(path), alice.get(BASE + '/abc')):
        assert response.status_code == 404 and response.json()['type'] == 'error'


def test_repository_admins_only(api, alice, bob):
    created = _create(alice, kind='delete', pattern='main')
    # bob writes to legacy-app through the developers group, but is no admin there
    assert bob.get(BASE).status_code == 403
    assert bob.post(BASE, {'kind': 'force', 'pattern': 'main'}).status_code == 403
    assert bob.delete('%s/%d' % (BASE, created['id'])).status_code == 403
    readonly = api(('bob@example.com', 'bob-readonly-token')).get(BASE)
    assert readonly.status_code == 403 and readonly.json()['error']['detail']['required'] == ['admin:repository:bitbucket']
    assert api(bearer='legacy-repo-token').get(BASE).status_code == 200


def test_seeded_restrictions(emu, alice):
    from emulator.seed import load_sample  # pylint: disable=import-outside-toplevel
    seed = load_sample()
    seed['workspaces'][0]['repositories'][0]['branch_restrictions'] = [
        {'kind': 'push', 'pattern': 'master', 'users': ['alice@example.com'], 'groups': ['admins'], 'id': 40},
        {'kind': 'require_passing_builds_to_merge', 'branch_type': 'production', 'value': 1},
    ]
    emu.reset(seed)
    values = alice.all_values(BASE)
    assert [(item['id'], item['kind'], item['branch_match_kind']) for item in values] == [
        (40, 'push', 'glob'), (41, 'require_passing_builds_to_merge', 'branching_model')]
    assert values[0]['users'][0]['nickname'] == 'alice' and values[1]['value'] == 1
    assert _create(alice, kind='delete', pattern='x')['id'] == 42
