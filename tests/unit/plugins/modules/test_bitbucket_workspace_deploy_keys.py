# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Deploy keys in the workspace spec (bitbucket_workspace, _plan, _export) against the emulator."""

import json

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519


def public_key(comment=''):
    key = ed25519.Ed25519PrivateKey.generate().public_key().public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode('ascii')
    return '%s %s' % (key, comment) if comment else key


REPO_KEY = public_key('deploy@prod')
BACKUP_KEY = public_key()
PROJECT_KEY = public_key('agents@ops')
REPO_KEYS = '/2.0/repositories/acme/legacy-app/deploy-keys'
PROJECT_KEYS = '/2.0/workspaces/acme/projects/LEGACY/deploy-keys'


def spec(repo_keys=None, project_keys=None):
    out = dict(repositories=[dict(name='legacy-app')], projects=[dict(key='LEGACY')])
    if repo_keys is not None:
        out['repositories'][0]['deploy_keys'] = repo_keys
    if project_keys is not None:
        out['projects'][0]['deploy_keys'] = project_keys
    return out


DECLARED = spec([dict(key=REPO_KEY, label='deploy host'), dict(key=BACKUP_KEY, label='backup')],
                [dict(key=PROJECT_KEY, label='build agents')])


def converge(run_module, alice, check_mode=False, module='bitbucket_workspace', **kwargs):
    return run_module(module, dict(alice, workspace='acme', **kwargs), check_mode=check_mode)


def writes(emu):
    return [(r['method'], r['path']) for r in emu.requests() if r['method'] != 'GET']


def key_reads(emu):
    return sorted(r['path'] for r in emu.requests() if r['method'] == 'GET' and r['path'].endswith('/deploy-keys'))


def listed(api, path):
    return api.get(path[len('/2.0'):], pagelen=100)['values']


def test_check_real_again_with_one_read_per_list(emu, alice, api, run_module):
    emu.clear_requests()
    check = converge(run_module, alice, check_mode=True, **DECLARED)
    assert not check.failed, check
    assert check['changed'] and writes(emu) == []
    assert check['summary']['deploy_keys'] == dict(create=3, update=0, delete=0)
    texts = [p['text'] for p in check['plan']['deploy_keys']]
    assert all(t.startswith('create deploy key SHA256:') for t in texts), texts
    assert sorted(p['declared'] for p in check['plan']['deploy_keys']) == [
        'projects[0].deploy_keys[0]', 'repositories[0].deploy_keys[0]', 'repositories[0].deploy_keys[1]']

    real = converge(run_module, alice, **DECLARED)
    assert not real.failed and real['changed'] and len(real['applied']) == 3, real
    assert sorted(k['label'] for k in listed(api, REPO_KEYS)) == ['backup', 'deploy host']
    assert [(k['label'], k['comment']) for k in listed(api, PROJECT_KEYS)] == [('build agents', 'agents@ops')]

    emu.clear_requests()
    again = converge(run_module, alice, **DECLARED)
    assert not again.failed and not again['changed'] and writes(emu) == []
    # One read of each declared parent's key list.
    assert key_reads(emu) == sorted([REPO_KEYS, PROJECT_KEYS])


def test_label_change_prune_and_unmanaged(emu, alice, api, run_module):
    assert not converge(run_module, alice, **DECLARED).failed
    old_ids = dict((k['label'], k['id']) for k in listed(api, REPO_KEYS))
    # Left out, a list is left alone and its keys reported unmanaged.
    left_out = converge(run_module, alice, module='bitbucket_workspace_plan',
                        **spec([dict(key=REPO_KEY, label='deploy host')]))
    assert left_out['summary']['total'] == 0
    assert len(left_out['unmanaged']) == 1, left_out['unmanaged']
    unmanaged = left_out['unmanaged'][0]
    assert unmanaged['kind'] == 'deploy_key' and unmanaged['key'] == BACKUP_KEY
    assert unmanaged['text'].startswith('deploy key SHA256:') and unmanaged['text'].endswith(' of repository legacy-app')

    changed = spec([dict(key=REPO_KEY.rsplit(' ', 1)[0] + ' new comment', label='production')])
    check = converge(run_module, alice, check_mode=True, prune=True, **changed)
    assert check['summary']['deploy_keys'] == dict(create=0, update=1, delete=1), check['plan']
    update = next(p for p in check['plan']['deploy_keys'] if p['action'] == 'update')
    assert update['changes']['label'] == dict(before='deploy host', after='production')
    assert 'deleted and added again' in update['changes']['id']['after'] and 'deleted and added again' in update['text']
    assert any(w.startswith('repositories[0].deploy_keys[0]: ') and 'deleted and added again' in w
               for w in check.warnings), check.warnings
    emu.clear_requests()
    real = converge(run_module, alice, prune=True, **changed)
    assert not real.failed and real['changed'], real
    assert sorted(m for m, p in writes(emu)) == ['DELETE', 'DELETE', 'POST']
    now = listed(api, REPO_KEYS)
    assert [k['label'] for k in now] == ['production'] and now[0]['id'] not in old_ids.values()
    # The project's keys were not declared: left alone even under prune.
    assert len(listed(api, PROJECT_KEYS)) == 1
    assert not converge(run_module, alice, prune=True, **changed)['changed']
    # An empty list under prune removes every key.
    emptied = converge(run_module, alice, prune=True, **spec([]))
    assert emptied['summary']['deploy_keys'] == dict(create=0, update=0, delete=1) and listed(api, REPO_KEYS) == []


def test_input_errors_at_their_place_before_any_call(emu, alice, run_module):
    private = ed25519.Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH, serialization.NoEncryption()).decode('ascii')
    bad = spec([dict(key=REPO_KEY, label='a'), dict(key=REPO_KEY.rsplit(' ', 1)[0] + ' other', label='b'),
                dict(key='ssh-rsa ' + REPO_KEY.split()[1]), dict(key=private)],
               [dict(key='ssh-ed25519 not*base64')])
    emu.clear_requests()
    result = converge(run_module, alice, **bad)
    assert result.failed and emu.requests() == []
    errors = result['errors']
    assert any(e.startswith('repositories[0].deploy_keys[1].key: is the same key') and 'repositories[0].deploy_keys[0].key' in e
               for e in errors), errors
    assert any(e.startswith('repositories[0].deploy_keys[2].key: says ssh-rsa, but its key data is a key of ssh-ed25519')
               for e in errors), errors
    assert any(e.startswith('repositories[0].deploy_keys[3].key: holds a private key') for e in errors), errors
    assert any(e.startswith('projects[0].deploy_keys[0].key: ') and 'not valid base64' in e for e in errors), errors
    text = json.dumps(result.result)
    assert all(line not in text for line in private.splitlines() if 'PRIVATE KEY' not in line)
    assert 'PRIVATE KEY-----' not in text


def test_export_includes_the_keys_and_provisioning_it_plans_nothing(emu, alice, run_module):
    assert not converge(run_module, alice, **DECLARED).failed
    exported = run_module('bitbucket_workspace_export', dict(alice, workspace='acme'))
    assert not exported.failed, exported
    exported_spec = exported['spec']
    repo = next(r for r in exported_spec['bitbucket_repositories'] if r['slug'] == 'legacy-app')
    assert repo['deploy_keys'] == sorted([dict(key=BACKUP_KEY, label='backup'), dict(key=REPO_KEY, label='deploy host')],
                                         key=lambda k: k['label'])
    project = next(p for p in exported_spec['bitbucket_projects'] if p['key'] == 'LEGACY')
    assert project['deploy_keys'] == [dict(key=PROJECT_KEY, label='build agents')]
    assert not [w for w in exported['write_only'] if 'deploy_keys' in w['place']]
    plan = converge(run_module, alice, module='bitbucket_workspace_plan', prune=True,
                    projects=exported_spec['bitbucket_projects'], repositories=exported_spec['bitbucket_repositories'])
    assert not plan.failed and plan['summary']['total'] == 0, plan['differences']
