"""Seeds of the kinds of issues 13 and 14: defaults, references, errors, and the state document round trip."""

import pytest

from emulator.seed import SeedError, load_sample, normalize
from emulator.sshkeys import make_public_key

KEY = make_public_key(comment='deploy')
PRIVATE_KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----'


def _full_seed():
    seed = load_sample()
    acme = seed['workspaces'][0]
    acme['pipeline_variables'] = [{'key': 'ORG', 'value': 'acme'}, {'key': 'NPM_TOKEN', 'value': 'n', 'secured': True}]
    acme['projects'][1].update(default_reviewers=['alice@example.com'], branching_model={'development': {'name': 'develop'}},
                               deploy_keys=[{'key': KEY, 'label': 'project'}])
    acme['repositories'][0].update(
        branch_restrictions=[{'kind': 'push', 'pattern': 'master', 'users': ['bob@example.com'], 'groups': ['developers']},
                             {'kind': 'require_approvals_to_merge', 'branch_type': 'production', 'value': 2}],
        default_reviewers=['bob@example.com'],
        branching_model={'production': {'enabled': True, 'use_mainbranch': True}, 'default_branch_deletion': 'true'},
        deploy_keys=[{'key': KEY, 'label': 'ci', 'owner': 'alice@example.com'}],
        pipeline_variables=[{'key': 'TOKEN', 'value': 't', 'secured': True}],
        environments=[{'name': 'Production', 'variables': [{'key': 'URL', 'value': 'https://x'}]}],
        pipelines={'enabled': True, 'ssh_key_pair': {'private_key': PRIVATE_KEY, 'public_key': KEY},
                   'known_hosts': [{'hostname': 'github.com', 'public_key': KEY}]},
    )
    return seed


def test_defaults_of_the_new_kinds():
    state = normalize(load_sample())
    repository = state['workspaces'][0]['repositories'][0]
    assert repository['branch_restrictions'] == [] and repository['default_reviewers'] == [] and repository['branching_model'] is None
    assert repository['pipelines'] == {'enabled': False, 'ssh_key_pair': None, 'known_hosts': []}
    assert state['workspaces'][0]['projects'][0]['deploy_keys'] == [] and state['workspaces'][0]['pipeline_variables'] == []
    assert state['sequences'] == {'branch_restriction': 0, 'deploy_key': 0}


def test_full_seed_normalizes_and_round_trips():
    state = normalize(_full_seed())
    repository = state['workspaces'][0]['repositories'][0]
    assert [item['id'] for item in repository['branch_restrictions']] == [1, 2]
    assert repository['branch_restrictions'][1]['branch_match_kind'] == 'branching_model'
    assert repository['branch_restrictions'][0]['users'] == ['{b0b00000-0000-4000-8000-0000000000b2}']
    assert repository['deploy_keys'][0]['key'] == KEY.rsplit(' ', 1)[0] and repository['deploy_keys'][0]['comment'] == 'deploy'
    assert repository['branching_model']['production']['enabled'] is True
    assert repository['environments'][0]['environment_type'] == 'Production'
    assert state['sequences'] == {'branch_restriction': 2, 'deploy_key': 2}
    assert normalize(state) == state
    assert normalize(_full_seed()) == state


def test_state_after_api_writes_is_a_seed(emu, alice):
    emu.reset(_full_seed())
    repo = '/repositories/acme/legacy-app'
    assert alice.post(repo + '/branch-restrictions', {'kind': 'delete', 'pattern': 'main'}).status_code == 201
    assert alice.post(repo + '/deploy-keys', {'key': make_public_key('ssh-rsa', 'api')}).status_code == 200
    assert alice.put('/workspaces/acme/projects/CORE/branching-model/settings', {'default_branch_deletion': 'true'}).status_code == 200
    assert alice.put('/workspaces/acme/projects/CORE/default-reviewers/{a11ce000-0000-4000-8000-0000000000a1}').status_code == 200
    environment = alice.post(repo + '/environments', {'name': 'QA', 'environment_type': {'name': 'Test'}}).json()
    alice.post(repo + '/deployments_config/environments/%s/variables' % environment['uuid'], {'key': 'K', 'value': 'v', 'secured': True})
    key_type, data = make_public_key('ssh-rsa', 'h').split()
    alice.post(repo + '/pipelines_config/ssh/known_hosts', {'type': 'pipeline_known_host', 'hostname': 'h.example.com', 'public_key': {
        'type': 'pipeline_ssh_public_key', 'key_type': key_type, 'key': data}})
    state = emu.state()
    assert state['sequences'] == {'branch_restriction': 3, 'deploy_key': 3}
    assert normalize(state) == state
    emu.reset(state)
    assert emu.state() == state


@pytest.mark.parametrize('repository, message', [
    ({'branch_restrictions': [{'kind': 'protect', 'pattern': 'x'}]}, 'kind'),
    ({'branch_restrictions': [{'kind': 'delete'}]}, 'pattern'),
    ({'branch_restrictions': [{'kind': 'delete', 'branch_type': 'main'}]}, 'branch_type'),
    ({'branch_restrictions': [{'kind': 'delete', 'pattern': 'x', 'users': ['bob@example.com']}]}, 'users and groups'),
    ({'branch_restrictions': [{'kind': 'push', 'pattern': 'x', 'groups': ['ghosts']}]}, 'unknown group'),
    ({'branch_restrictions': [{'kind': 'delete', 'pattern': 'x'}, {'kind': 'delete', 'pattern': 'x'}]}, 'duplicate branch restriction'),
    ({'branch_restrictions': [{'kind': 'delete', 'pattern': 'x', 'id': 3}, {'kind': 'force', 'pattern': 'x', 'id': 3}]}, 'duplicate'),
    ({'default_reviewers': ['carol@example.com']}, 'not a member'),
    ({'branching_model': {'branch_types': [{'kind': 'chore'}]}}, 'branch_types'),
    ({'branching_model': {'default_branch_deletion': 'maybe'}}, 'default_branch_deletion'),
    ({'deploy_keys': [{'key': 'ssh-rsa no!pe'}]}, 'base64'),
    ({'pipeline_variables': [{'key': 'A-B'}]}, 'Variable names'),
    ({'pipeline_variables': [{'key': 'A'}, {'key': 'A'}]}, 'duplicate variable key'),
    ({'environments': [{'name': 'X', 'environment_type': 'Dev'}]}, 'environment_type'),
    ({'environments': [{'name': 'X'}, {'name': 'x'}]}, 'duplicate environment'),
    ({'pipelines': {'ssh_key_pair': {'private_key': 'secret', 'public_key': KEY}}}, 'private_key'),
    ({'pipelines': {'known_hosts': [{'hostname': 'h', 'public_key': 'ssh-rsa AAAA'}]}}, 'known_hosts'),
])
def test_invalid_kind_seeds(repository, message):
    seed = load_sample()
    seed['workspaces'][0]['repositories'][0].update(repository)
    with pytest.raises(SeedError, match=message):
        normalize(seed)
