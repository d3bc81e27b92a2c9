# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/drift_check.yml: fails on planned changes; lists unmanaged objects, and fails on them when strict."""

LEGACY_HOOK = 'https://ci.example.com/hooks/legacy-app'
SPEC = dict(bitbucket_workspace='acme', bitbucket_repositories=[
    dict(name='legacy-app', webhooks=[], permissions=dict(groups=dict(developers='write')))])


def test_unmanaged_hooks_are_listed_and_fail_only_when_strict(emu, playbook):
    proc = playbook.run('bitbucket.cloud.drift_check', SPEC)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert 'webhook %s of repository legacy-app' % LEGACY_HOOK in proc.stdout
    assert '1 unmanaged object(s) listed above' in proc.stdout
    strict = playbook.run('bitbucket.cloud.drift_check', SPEC, args=['-e', 'bitbucket_drift_strict=true'])
    assert strict.returncode != 0
    assert 'has 1 unmanaged object(s)' in strict.stdout
    assert [r for r in emu.requests() if r['method'] != 'GET'] == []


def test_planned_changes_fail_the_check(emu, playbook):
    spec = dict(SPEC, bitbucket_repositories=[dict(name='legacy-app', description='Drifted')])
    proc = playbook.run('bitbucket.cloud.drift_check', spec)
    assert proc.returncode != 0
    assert "differs from the spec in 1 place(s)" in proc.stdout
    assert "update repository legacy-app: description 'The old monolith' -> 'Drifted'" in proc.stdout


def test_a_declared_restriction_removed_by_hand_is_reported(emu, playbook):
    import requests
    session = requests.Session()
    session.auth = ('alice@example.com', 'alice-api-token')
    base = emu.api_url + '/repositories/acme/legacy-app/branch-restrictions'
    made = [session.post(base, json=body).json() for body in (
        dict(kind='delete', pattern='master'),
        dict(kind='push', pattern='master', users=[], groups=[dict(slug='admins')]))]
    spec = dict(bitbucket_workspace='acme', bitbucket_repositories=[dict(name='legacy-app', branch_restrictions=[
        dict(kind='delete', pattern='master'), dict(kind='push', pattern='master', users=[], groups=['admins'])])])
    clean = playbook.run('bitbucket.cloud.drift_check', spec)
    assert clean.returncode == 0, clean.stdout[-3000:]
    assert 'Workspace acme matches the spec.' in clean.stdout
    # Someone lifts the protection of master by hand, through the API.
    assert session.delete('%s/%d' % (base, made[0]['id'])).status_code == 204
    drifted = playbook.run('bitbucket.cloud.drift_check', spec)
    assert drifted.returncode != 0
    assert 'differs from the spec in 1 place(s)' in drifted.stdout
    assert "create branch restriction delete on pattern master of repository legacy-app: kind='delete'" in drifted.stdout
    assert [r['method'] for r in emu.requests() if r['method'] != 'GET'] == ['POST', 'POST', 'DELETE']
