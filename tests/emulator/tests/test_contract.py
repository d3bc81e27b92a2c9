"""Contract: every route exists in the spec, and responses validate against the spec's definitions."""

import functools
import hashlib
import gzip
import os

import pytest
from jsonschema import Draft4Validator

from emulator import spec
from emulator.app import create_app

from .conftest import ACME_READ_TOKEN

HIDDEN_PREFIXES = ('/_emulator', '/site/oauth2', '/static')
# git smart HTTP (git's http-protocol documentation, not the REST spec): tests/emulator/tests/test_git.py
GIT_ROUTES = {
    ('GET', '/<workspace>/<repo_git>/info/refs'),
    ('POST', '/<workspace>/<repo_git>/<any("git-upload-pack", "git-receive-pack"):service>'),
}


@functools.lru_cache(maxsize=None)
def _validator(definition):
    # the whole spec is the root document, so '#/definitions/...' references resolve inside it
    root = dict(spec.load_spec())
    root['$ref'] = '#/definitions/%s' % definition
    return Draft4Validator(root)


def assert_valid(instance, definition):
    errors = sorted(_validator(definition).iter_errors(instance), key=lambda error: list(error.absolute_path))
    assert not errors, '%s: %s at %s' % (definition, errors[0].message, list(errors[0].absolute_path))


def test_spec_copy_is_atlassians_document():
    with gzip.open(spec.SPEC_PATH, 'rb') as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == spec.SPEC_SHA256
    source = os.path.join(os.path.dirname(spec.SPEC_PATH), 'SOURCE.md')
    with open(source, encoding='utf-8') as handle:
        text = handle.read()
    assert spec.SPEC_SHA256 in text and 'd1081e474f57' in text
    assert spec.load_spec()['x-revision'] == 'd1081e474f57'


def test_every_route_is_a_spec_operation():
    app = create_app()
    checked = 0
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(HIDDEN_PREFIXES):
            continue
        if rule.endpoint.startswith('git_http.'):
            assert {(method, rule.rule) for method in rule.methods - {'HEAD', 'OPTIONS'}} <= GIT_ROUTES, rule.rule
            continue
        template = spec.rule_to_template(rule.rule)
        for method in rule.methods - {'HEAD', 'OPTIONS'}:
            assert spec.operation(method, template) is not None, '%s %s is not in the spec' % (method, template)
            checked += 1
    assert checked >= 50


def test_scope_table_comes_from_the_spec():
    entry = spec.scope_table()[('POST', '/repositories/{workspace}/{repo_slug}/hooks')]
    assert entry == {'classic': ['webhook'], 'granular': ['read:webhook:bitbucket', 'write:webhook:bitbucket']}
    assert 'read:permission:bitbucket' in spec.all_granular_scopes()
    assert len(spec.webhook_events()) == 29


GETS = [
    ('/user', 'account'),
    ('/user/workspaces', 'paginated_workspace_access'),
    ('/user/workspaces/acme/permission', 'workspace_membership'),
    ('/user/workspaces/acme/permissions/repositories', 'paginated_repository_permissions'),
    ('/workspaces/acme', 'workspace'),
    ('/workspaces/acme/members', 'paginated_workspace_memberships'),
    ('/workspaces/acme/members/{b0b00000-0000-4000-8000-0000000000b2}', 'workspace_membership'),
    ('/workspaces/acme/permissions', 'paginated_workspace_memberships'),
    ('/workspaces/acme/permissions/repositories', 'paginated_repository_permissions'),
    ('/workspaces/acme/permissions/repositories/legacy-app', 'paginated_repository_permissions'),
    ('/workspaces/acme/projects', 'paginated_projects'),
    ('/workspaces/acme/projects/LEGACY', 'project'),
    ('/repositories/acme', 'paginated_repositories'),
    ('/repositories/acme/legacy-app', 'repository'),
    ('/repositories/acme/legacy-app/hooks', 'paginated_webhook_subscriptions'),
    ('/repositories/acme/legacy-app/hooks/{4e6b0000-0000-4000-8000-00000000a1a1}', 'webhook_subscription'),
    ('/workspaces/acme/hooks', 'paginated_webhook_subscriptions'),
    ('/workspaces/acme/hooks/{4e6b0000-0000-4000-8000-0000000a0d17}', 'webhook_subscription'),
    ('/repositories/acme/legacy-app/permissions-config/groups', 'paginated_repository_group_permissions'),
    ('/repositories/acme/legacy-app/permissions-config/groups/developers', 'repository_group_permission'),
    ('/workspaces/acme/projects/LEGACY/permissions-config/groups', 'paginated_project_group_permissions'),
    ('/workspaces/acme/projects/LEGACY/permissions-config/groups/admins', 'project_group_permission'),
    ('/hook_events', 'subject_types'),
    ('/hook_events/repository', 'paginated_hook_events'),
    ('/hook_events/workspace', 'paginated_hook_events'),
]


@pytest.mark.parametrize('path, definition', GETS)
def test_get_responses_match_the_spec(alice, path, definition):
    response = alice.get(path)
    assert response.status_code == 200, response.text
    assert response.headers['Content-Type'].startswith('application/json')
    assert_valid(response.json(), definition)


def test_user_grant_responses_match_the_spec(alice):
    bob_uuid = '{b0b00000-0000-4000-8000-0000000000b2}'
    for base, kind in (('/repositories/acme/legacy-app', 'repository'), ('/workspaces/acme/projects/LEGACY', 'project')):
        response = alice.put('%s/permissions-config/users/%s' % (base, bob_uuid), {'permission': 'write'})
        assert response.status_code == 200, response.text
        assert_valid(response.json(), '%s_user_permission' % kind)
        listed = alice.get('%s/permissions-config/users' % base)
        assert_valid(listed.json(), 'paginated_%s_user_permissions' % kind)
        assert_valid(alice.get('%s/permissions-config/users/%s' % (base, bob_uuid)).json(), '%s_user_permission' % kind)


def test_write_responses_match_the_spec(alice):
    created = alice.post('/workspaces/acme/projects', {'key': 'NEW', 'name': 'New'})
    assert created.status_code == 201
    assert_valid(created.json(), 'project')
    updated = alice.put('/workspaces/acme/projects/NEW', {'description': 'changed'})
    assert_valid(updated.json(), 'project')
    repository = alice.post('/repositories/acme/fresh', {'project': {'key': 'NEW'}})
    assert repository.status_code == 200
    assert_valid(repository.json(), 'repository')
    assert_valid(alice.put('/repositories/acme/fresh', {'description': 'x'}).json(), 'repository')
    assert_valid(alice.put('/repositories/acme/other', {'name': 'other'}).json(), 'repository')
    for base in ('/repositories/acme/fresh/hooks', '/workspaces/acme/hooks'):
        hook = alice.post(base, {'url': 'https://example.com/hook', 'events': ['repo:push'], 'secret': 's'})
        assert hook.status_code == 201
        assert_valid(hook.json(), 'webhook_subscription')
        changed = alice.put('%s/%s' % (base, hook.json()['uuid']), {'active': False})
        assert_valid(changed.json(), 'webhook_subscription')
    group = alice.put('/repositories/acme/fresh/permissions-config/groups/developers', {'permission': 'read'})
    assert_valid(group.json(), 'repository_group_permission')


def test_simple_error_bodies_match_the_spec(api, alice):
    # errors without "fields" or an object "detail" fit the spec's error definition as it stands
    assert_valid(alice.get('/repositories/acme/nope').json(), 'error')
    assert_valid(alice.get('/workspaces').json(), 'error')
    denied = api(bearer=ACME_READ_TOKEN).post('/repositories/acme/x', {})
    assert denied.status_code == 403
    body = denied.json()
    assert body['type'] == 'error' and set(body['error']['detail']) == {'required', 'granted'}
