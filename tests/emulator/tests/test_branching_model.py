"""Branching models: defaults, partial PUT, validation, default_branch_deletion strings, project inheritance."""

import pytest

REPO = '/repositories/acme/legacy-app'
PROJECT = '/workspaces/acme/projects/LEGACY'


def test_defaults(alice):
    settings = alice.get(REPO + '/branching-model/settings').json()
    assert settings['type'] == 'branching_model_settings'
    assert settings['development'] == {'use_mainbranch': True, 'is_valid': True}
    assert settings['production'] == {'use_mainbranch': True, 'is_valid': True, 'enabled': False}
    assert [(item['kind'], item['prefix'], item['enabled']) for item in settings['branch_types']] == [
        ('feature', 'feature/', True), ('bugfix', 'bugfix/', True), ('release', 'release/', True), ('hotfix', 'hotfix/', True)]
    assert settings['default_branch_deletion'] == 'false'
    model = alice.get(REPO + '/branching-model').json()
    # legacy-app's main branch is master; production is off
    assert model['development'] == {'name': 'master', 'use_mainbranch': True} and 'production' not in model
    assert len(model['branch_types']) == 4
    assert alice.get(REPO + '/effective-branching-model').json()['development']['name'] == 'master'
    assert alice.get(PROJECT + '/branching-model/settings').json()['development'] == {'use_mainbranch': True, 'is_valid': True}


def test_partial_put(alice):
    body = {'development': {'name': 'develop', 'use_mainbranch': False},
            'branch_types': [{'kind': 'release', 'enabled': False}, {'kind': 'feature', 'prefix': 'feat/'}]}
    response = alice.put(REPO + '/branching-model/settings', body)
    assert response.status_code == 200, response.text
    settings = response.json()
    assert settings['development'] == {'name': 'develop', 'use_mainbranch': False, 'is_valid': True}
    types = {item['kind']: item for item in settings['branch_types']}
    assert types['feature'] == {'kind': 'feature', 'prefix': 'feat/', 'enabled': True}
    assert types['release']['enabled'] is False and types['hotfix']['prefix'] == 'hotfix/'
    # what is not passed stays as it is
    settings = alice.put(REPO + '/branching-model/settings', {'production': {'enabled': True, 'use_mainbranch': True}}).json()
    assert settings['development']['name'] == 'develop' and settings['branch_types'][0]['prefix'] == 'feat/'
    assert settings['production'] == {'use_mainbranch': True, 'enabled': True, 'is_valid': True}
    model = alice.get(REPO + '/branching-model').json()
    assert model['development'] == {'name': 'develop', 'use_mainbranch': False}
    assert model['production'] == {'name': 'master', 'use_mainbranch': True}
    assert [item['kind'] for item in model['branch_types']] == ['feature', 'bugfix', 'hotfix']
    back = alice.put(REPO + '/branching-model/settings', {'development': {'use_mainbranch': True}}).json()
    assert back['development'] == {'use_mainbranch': True, 'is_valid': True}


@pytest.mark.parametrize('value, stored', [('true', 'true'), ('false', 'false'), (True, 'false'), ('yes', 'false'), (1, 'false')])
def test_default_branch_deletion_takes_only_the_strings(alice, value, stored):
    response = alice.put(REPO + '/branching-model/settings', {'default_branch_deletion': value})
    assert response.status_code == 200
    assert response.json()['default_branch_deletion'] == stored
    assert alice.get(REPO + '/branching-model/settings').json()['default_branch_deletion'] == stored


@pytest.mark.parametrize('body, field', [
    ({'development': {'use_mainbranch': False}}, 'development.name'),
    ({'development': {'use_mainbranch': True, 'name': 'develop'}}, 'development.name'),
    ({'development': {'use_mainbranch': 'yes'}}, 'development.use_mainbranch'),
    ({'production': {'enabled': 'on'}}, 'production.enabled'),
    ({'production': {'use_mainbranch': False, 'name': ''}}, 'production.name'),
    ({'development': 'main'}, 'development'),
    ({'branch_types': [{'prefix': 'x/'}]}, 'branch_types[0]'),
    ({'branch_types': [{'kind': 'chore', 'prefix': 'x/'}]}, 'branch_types[0].kind'),
    ({'branch_types': [{'kind': 'feature', 'prefix': 'f*/'}]}, 'branch_types'),
    ({'branch_types': [{'kind': 'feature', 'prefix': 'fix'}, {'kind': 'bugfix', 'prefix': 'fix/'}]}, 'branch_types'),
    ({'branch_types': 'feature'}, 'branch_types'),
])
def test_invalid_settings_are_refused(alice, body, field):
    for path in (REPO, PROJECT):
        response = alice.put(path + '/branching-model/settings', body)
        assert response.status_code == 400, (path, response.text)
        assert field in response.json()['error']['fields']
    assert alice.get(REPO + '/branching-model/settings').json()['development'] == {'use_mainbranch': True, 'is_valid': True}


def test_a_disabled_branch_type_may_hold_an_invalid_prefix(alice):
    body = {'branch_types': [{'kind': 'hotfix', 'enabled': False, 'prefix': 'hot*'}]}
    response = alice.put(PROJECT + '/branching-model/settings', body)
    assert response.status_code == 200, response.text
    assert alice.put(PROJECT + '/branching-model/settings', {'branch_types': [{'kind': 'hotfix', 'enabled': True}]}).status_code == 400


def test_repositories_inherit_until_their_own_settings_are_put(alice):
    project = alice.put(PROJECT + '/branching-model/settings', {
        'development': {'name': 'develop'}, 'production': {'enabled': True, 'name': 'release'}, 'default_branch_deletion': 'true'})
    assert project.status_code == 200, project.text
    assert project.json()['production'] == {'name': 'release', 'use_mainbranch': False, 'enabled': True, 'is_valid': True}
    project_model = alice.get(PROJECT + '/branching-model').json()
    assert project_model['type'] == 'project_branching_model'
    assert project_model['development'] == {'name': 'develop', 'use_mainbranch': False}
    assert project_model['production'] == {'name': 'release', 'use_mainbranch': False}
    # legacy-app (in LEGACY) inherits; core-api (in CORE) does not see it
    assert alice.get(REPO + '/effective-branching-model').json()['development']['name'] == 'develop'
    assert alice.get(REPO + '/branching-model/settings').json()['default_branch_deletion'] == 'true'
    assert alice.get('/repositories/acme/core-api/branching-model').json()['development']['name'] == 'main'
    # a repository PUT gives the repository its own model: later project changes no longer reach it
    alice.put(REPO + '/branching-model/settings', {'branch_types': [{'kind': 'bugfix', 'prefix': 'fix/'}]})
    alice.put(PROJECT + '/branching-model/settings', {'development': {'name': 'trunk'}})
    effective = alice.get(REPO + '/effective-branching-model').json()
    assert effective['development']['name'] == 'develop' and effective['type'] == 'effective_repo_branching_model'
    assert alice.get(PROJECT + '/branching-model').json()['development']['name'] == 'trunk'


def test_who_may(api, alice, bob):
    # bob reads legacy-app (developers: write) but administers neither it nor LEGACY
    assert bob.get(REPO + '/branching-model').status_code == 200
    assert bob.get(REPO + '/effective-branching-model').status_code == 200
    assert bob.get(REPO + '/branching-model/settings').status_code == 403
    assert bob.put(REPO + '/branching-model/settings', {'default_branch_deletion': 'true'}).status_code == 403
    assert bob.get(PROJECT + '/branching-model/settings').status_code == 403
    assert bob.put(PROJECT + '/branching-model/settings', {}).status_code == 403
    assert api(bearer='legacy-repo-token').put(REPO + '/branching-model/settings', {}).status_code == 200


def test_seeded_models(emu, alice):
    from emulator.seed import load_sample  # pylint: disable=import-outside-toplevel
    seed = load_sample()
    seed['workspaces'][0]['projects'][1]['branching_model'] = {'development': {'name': 'develop'}, 'default_branch_deletion': True}
    seed['workspaces'][0]['repositories'][1]['branching_model'] = {
        'production': {'name': 'prod'}, 'branch_types': [{'kind': 'feature', 'prefix': 'feat/'}]}
    emu.reset(seed)
    assert alice.get(REPO + '/branching-model/settings').json()['default_branch_deletion'] == 'true'
    assert alice.get(REPO + '/branching-model').json()['development']['name'] == 'develop'
    core = alice.get('/repositories/acme/core-api/branching-model').json()
    assert core['production'] == {'name': 'prod', 'use_mainbranch': False} and core['branch_types'][0]['prefix'] == 'feat/'
