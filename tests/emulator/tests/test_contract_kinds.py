"""Contract of the kinds of issues 13 and 14: their answers validate against the spec's definitions."""

from emulator.seed import load_sample
from emulator.sshkeys import make_public_key

from .test_contract import assert_valid

REPO = '/repositories/acme/legacy-app'
PROJECT = '/workspaces/acme/projects/LEGACY'
BOB_UUID = '{b0b00000-0000-4000-8000-0000000000b2}'
PRIVATE_KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----'


def _ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def test_branch_restrictions_match_the_spec(alice):
    base = REPO + '/branch-restrictions'
    push = _ok(alice.post(base, {'kind': 'push', 'pattern': 'main', 'users': [{'uuid': BOB_UUID}], 'groups': [{'slug': 'developers'}]}), 201)
    assert_valid(push, 'branchrestriction')
    model = _ok(alice.post(base, {'kind': 'require_approvals_to_merge', 'branch_match_kind': 'branching_model',
                                  'branch_type': 'development', 'value': 2}), 201)
    assert_valid(model, 'branchrestriction')
    assert_valid(_ok(alice.get('%s/%d' % (base, push['id']))), 'branchrestriction')
    assert_valid(_ok(alice.put('%s/%d' % (base, push['id']), {'users': []})), 'branchrestriction')
    assert_valid(_ok(alice.get(base)), 'paginated_branchrestrictions')


def test_default_reviewers_match_the_spec(alice):
    assert_valid(_ok(alice.put('%s/default-reviewers/%s' % (REPO, BOB_UUID))), 'account')
    assert_valid(_ok(alice.get('%s/default-reviewers/%s' % (REPO, BOB_UUID))), 'account')
    assert_valid(_ok(alice.get(REPO + '/default-reviewers')), 'paginated_accounts')
    assert_valid(_ok(alice.put('%s/default-reviewers/%s' % (PROJECT, BOB_UUID))), 'user')
    assert_valid(_ok(alice.get('%s/default-reviewers/%s' % (PROJECT, BOB_UUID))), 'user')
    assert_valid(_ok(alice.get(PROJECT + '/default-reviewers')), 'paginated_default_reviewer_and_type')
    assert_valid(_ok(alice.get(REPO + '/effective-default-reviewers')), 'paginated_default_reviewer_and_type')


def test_branching_models_match_the_spec(alice):
    for path in (REPO, PROJECT):
        assert_valid(_ok(alice.get(path + '/branching-model/settings')), 'branching_model_settings')
        body = {'development': {'name': 'develop'}, 'production': {'enabled': True, 'use_mainbranch': True},
                'branch_types': [{'kind': 'hotfix', 'enabled': False}], 'default_branch_deletion': 'true'}
        assert_valid(_ok(alice.put(path + '/branching-model/settings', body)), 'branching_model_settings')
    assert_valid(_ok(alice.get(REPO + '/branching-model')), 'branching_model')
    assert_valid(_ok(alice.get(REPO + '/effective-branching-model')), 'effective_repo_branching_model')
    # a project has no main branch to name: the spec's required name is there once the project names branches
    alice.put(PROJECT + '/branching-model/settings', {'production': {'name': 'release'}})
    assert_valid(_ok(alice.get(PROJECT + '/branching-model')), 'project_branching_model')


def test_deploy_keys_match_the_spec(emu, alice):
    seed = load_sample()
    seed['workspaces'][0]['repositories'][0]['deploy_keys'] = [
        {'key': make_public_key(comment='old'), 'label': 'used', 'last_used': '2026-01-01T00:00:00+00:00'}]
    emu.reset(seed)
    key = make_public_key('ssh-rsa', 'contract', comment='ci')
    created = _ok(alice.post(REPO + '/deploy-keys', {'key': key, 'label': 'ci'}))
    assert_valid(created, 'deploy_key')
    assert_valid(_ok(alice.get('%s/deploy-keys/%d' % (REPO, created['id']))), 'deploy_key')
    assert_valid(_ok(alice.get(REPO + '/deploy-keys')), 'paginated_deploy_keys')
    project_key = _ok(alice.post(PROJECT + '/deploy-keys', {'key': key, 'label': 'ci'}))
    assert_valid(project_key, 'project_deploy_key')
    assert_valid(_ok(alice.get('%s/deploy-keys/%d' % (PROJECT, project_key['id']))), 'project_deploy_key')
    assert_valid(_ok(alice.get(PROJECT + '/deploy-keys')), 'paginated_project_deploy_keys')


def test_pipelines_answers_match_the_spec(alice):
    environment = _ok(alice.post(REPO + '/environments', {'name': 'Production', 'environment_type': {'name': 'Production'}}), 201)
    assert_valid(environment, 'deployment_environment')
    assert_valid(_ok(alice.get(REPO + '/environments/%s' % environment['uuid'])), 'deployment_environment')
    assert_valid(_ok(alice.get(REPO + '/environments')), 'paginated_environments')
    scopes = (
        ('/workspaces/acme/pipelines-config/variables', 'pipeline_variable', 'paginated_pipeline_variables'),
        (REPO + '/pipelines_config/variables', 'pipeline_variable', 'paginated_pipeline_variables'),
        (REPO + '/deployments_config/environments/%s/variables' % environment['uuid'], 'deployment_variable', 'paginated_deployment_variable'),
    )
    for base, definition, page in scopes:
        for body in ({'key': 'PLAIN', 'value': 'v'}, {'key': 'SECRET', 'value': 's', 'secured': True}):
            created = _ok(alice.post(base, body), 201)
            assert_valid(created, definition)
            assert_valid(_ok(alice.put('%s/%s' % (base, created['uuid']), {'value': 'w'})), definition)
        assert_valid(_ok(alice.get(base)), page)
    assert_valid(_ok(alice.get(REPO + '/pipelines_config')), 'pipelines_config')
    assert_valid(_ok(alice.put(REPO + '/pipelines_config', {'enabled': True})), 'pipelines_config')
    pair = {'private_key': PRIVATE_KEY, 'public_key': make_public_key()}
    assert_valid(_ok(alice.put(REPO + '/pipelines_config/ssh/key_pair', pair)), 'pipeline_ssh_key_pair')
    assert_valid(_ok(alice.get(REPO + '/pipelines_config/ssh/key_pair')), 'pipeline_ssh_key_pair')
    key_type, data = make_public_key('ssh-rsa', 'host').split()
    host_body = {'type': 'pipeline_known_host', 'hostname': 'example.com',
                 'public_key': {'type': 'pipeline_ssh_public_key', 'key_type': key_type, 'key': data}}
    host = _ok(alice.post(REPO + '/pipelines_config/ssh/known_hosts', host_body), 201)
    assert_valid(host, 'pipeline_known_host')
    assert_valid(_ok(alice.put(REPO + '/pipelines_config/ssh/known_hosts/%s' % host['uuid'], host_body)), 'pipeline_known_host')
    assert_valid(_ok(alice.get(REPO + '/pipelines_config/ssh/known_hosts/%s' % host['uuid'])), 'pipeline_known_host')
    assert_valid(_ok(alice.get(REPO + '/pipelines_config/ssh/known_hosts')), 'paginated_pipeline_known_hosts')


def test_error_bodies_of_the_new_kinds(alice):
    # errors without "fields" fit the spec's error definition as it stands
    assert_valid(alice.get(REPO + '/branch-restrictions/12345').json(), 'error')
    assert_valid(alice.post(REPO + '/environments/{00000000-0000-4000-8000-000000000000}/changes', {'change': {}}).json(), 'error')
    alice.post(REPO + '/pipelines_config/variables', {'key': 'A', 'value': 'b'})
    assert_valid(alice.post(REPO + '/pipelines_config/variables', {'key': 'A', 'value': 'b'}).json(), 'error')
    assert_valid(alice.get(REPO + '/pipelines_config/ssh/key_pair').json(), 'error')
