"""Default reviewers of repositories and projects: add (idempotent), get, list, remove, who can be one."""

import pytest

REPO = '/repositories/acme/legacy-app/default-reviewers'
PROJECT = '/workspaces/acme/projects/LEGACY/default-reviewers'
BOB_UUID = '{b0b00000-0000-4000-8000-0000000000b2}'
BOB_ACCOUNT = '557058:b0b00000-0000-4000-8000-000000000002'
ALICE_UUID = '{a11ce000-0000-4000-8000-0000000000a1}'
CAROL_UUID = '{ca201000-0000-4000-8000-0000000000c3}'


def test_repository_reviewers(alice, bob):
    assert alice.all_values(REPO) == []
    assert alice.get('%s/%s' % (REPO, BOB_UUID)).status_code == 404
    added = alice.put('%s/%s' % (REPO, BOB_ACCOUNT))
    assert added.status_code == 200 and added.json()['uuid'] == BOB_UUID and added.json()['type'] == 'user'
    assert alice.put('%s/%s' % (REPO, BOB_UUID)).status_code == 200
    assert [user['uuid'] for user in alice.all_values(REPO)] == [BOB_UUID]
    assert alice.get('%s/%s' % (REPO, BOB_UUID)).json()['account_id'] == BOB_ACCOUNT
    # reading needs read access (and the pullrequest scope), changing needs admin
    assert [user['uuid'] for user in bob.all_values(REPO)] == [BOB_UUID]
    assert bob.put('%s/%s' % (REPO, ALICE_UUID)).status_code == 403
    assert bob.delete('%s/%s' % (REPO, BOB_UUID)).status_code == 403
    assert alice.delete('%s/%s' % (REPO, BOB_UUID)).status_code == 204
    assert alice.get('%s/%s' % (REPO, BOB_UUID)).status_code == 404
    assert alice.delete('%s/%s' % (REPO, BOB_UUID)).status_code == 404
    assert alice.get('%s/acme' % REPO).status_code == 404


@pytest.mark.parametrize('path, status', [
    ('/repositories/acme/legacy-app/default-reviewers/%s' % CAROL_UUID, 400),   # not in the workspace
    ('/repositories/acme/core-api/default-reviewers/%s' % CAROL_UUID, 400),
    ('/repositories/acme/legacy-app/default-reviewers/acme', 400),              # a team
    ('/repositories/acme/legacy-app/default-reviewers/{00000000-0000-4000-8000-000000000000}', 404),
    ('/workspaces/acme/projects/LEGACY/default-reviewers/%s' % CAROL_UUID, 400),
    ('/workspaces/acme/projects/LEGACY/default-reviewers/{00000000-0000-4000-8000-000000000000}', 404),
])
def test_who_cannot_be_a_reviewer(alice, path, status):
    response = alice.put(path)
    assert response.status_code == status, response.text
    assert response.json()['type'] == 'error'


def test_a_member_without_access_cannot_review(emu, alice):
    from emulator.seed import load_sample  # pylint: disable=import-outside-toplevel
    seed = load_sample()
    seed['workspaces'][0]['repositories'].append({'slug': 'secret', 'project': 'LEGACY'})
    seed['workspaces'][0]['projects'][1]['permissions'] = {}
    emu.reset(seed)
    # bob is a member, but has no access to a private repository of LEGACY
    response = alice.put('/repositories/acme/secret/default-reviewers/%s' % BOB_UUID)
    assert response.status_code == 400 and 'access' in response.json()['error']['message']


def test_project_reviewers_and_effective_list(alice, bob):
    assert alice.all_values(PROJECT) == []
    assert alice.get('%s/%s' % (PROJECT, BOB_UUID)).status_code == 400
    assert alice.delete('%s/%s' % (PROJECT, BOB_UUID)).status_code == 400
    added = alice.put('%s/%s' % (PROJECT, BOB_UUID), {'uuid': BOB_UUID})
    assert added.status_code == 200 and added.json()['uuid'] == BOB_UUID
    assert alice.put('%s/%s' % (PROJECT, ALICE_UUID)).status_code == 200
    assert alice.put('%s/%s' % (PROJECT, BOB_UUID), {'uuid': ALICE_UUID}).status_code == 400
    values = alice.all_values(PROJECT)
    assert [(value['type'], value['reviewer_type'], value['user']['uuid']) for value in values] == [
        ('default_reviewer', 'project', BOB_UUID), ('default_reviewer', 'project', ALICE_UUID)]
    assert alice.get('%s/%s' % (PROJECT, BOB_UUID)).json()['uuid'] == BOB_UUID
    # project default reviewers are for project admins (bob only reads LEGACY)
    assert bob.get(PROJECT).status_code == 403
    alice.put('%s/%s' % (REPO, ALICE_UUID))
    effective = alice.all_values('/repositories/acme/legacy-app/effective-default-reviewers')
    assert [(value['reviewer_type'], value['user']['uuid']) for value in effective] == [('repository', ALICE_UUID), ('project', BOB_UUID)]
    assert alice.delete('%s/%s' % (PROJECT, BOB_UUID)).status_code == 204
    assert [value['user']['uuid'] for value in alice.all_values(PROJECT)] == [ALICE_UUID]


def test_seeded_reviewers(emu, alice):
    from emulator.seed import load_sample  # pylint: disable=import-outside-toplevel
    seed = load_sample()
    seed['workspaces'][0]['repositories'][0]['default_reviewers'] = ['bob@example.com']
    seed['workspaces'][0]['projects'][1]['default_reviewers'] = ['alice@example.com']
    emu.reset(seed)
    assert [user['uuid'] for user in alice.all_values(REPO)] == [BOB_UUID]
    assert [value['user']['uuid'] for value in alice.all_values(PROJECT)] == [ALICE_UUID]
