# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""bitbucket_deploy_key and bitbucket_deploy_key_info against the emulator."""

import base64
import json
import struct

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

REPO_KEYS = '/repositories/acme/legacy-app/deploy-keys'
PROJECT_KEYS = '/workspaces/acme/projects/LEGACY/deploy-keys'


def public_of(private):
    return private.public_key().public_bytes(serialization.Encoding.OpenSSH,
                                             serialization.PublicFormat.OpenSSH).decode('ascii')


def pem_of(private):
    return private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH,
                                 serialization.NoEncryption()).decode('ascii')


PRIVATE_KEY = ed25519.Ed25519PrivateKey.generate()
OTHER_PRIVATE_KEY = ed25519.Ed25519PrivateKey.generate()
KEY = public_of(PRIVATE_KEY)
PRIVATE = pem_of(PRIVATE_KEY)
OTHER = public_of(OTHER_PRIVATE_KEY)
OTHER_PRIVATE = pem_of(OTHER_PRIVATE_KEY)
RSA = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key().public_bytes(
    serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode('ascii')
ECDSA = ec.generate_private_key(ec.SECP384R1()).public_key().public_bytes(
    serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode('ascii')


def blob_of(*fields):
    return base64.b64encode(b''.join(struct.pack('>I', len(f)) + f for f in fields)).decode('ascii')


def args(alice, **kwargs):
    out = dict(alice, workspace='acme', repository='legacy-app', key=KEY + ' ci@example.com', label='ci')
    out.update(kwargs)
    return {k: v for k, v in out.items() if v is not None}


def keys(api, path=REPO_KEYS):
    return api.get(path, pagelen=100)['values']


def writes(emu):
    return [r for r in emu.requests() if r['method'] != 'GET']


@pytest.mark.parametrize('owner, path', [(dict(repository='legacy-app'), REPO_KEYS),
                                         (dict(repository=None, project='LEGACY'), PROJECT_KEYS)])
def test_add_check_real_again_absent(emu, alice, api, run_module, owner, path):
    emu.clear_requests()
    checked = run_module('bitbucket_deploy_key', args(alice, **owner), check_mode=True)
    assert checked['changed'] and not checked.failed, checked
    assert writes(emu) == [] and keys(api, path) == []
    assert checked['deploy_key']['id'] is None and checked['deploy_key']['key'] == KEY
    assert checked['diff']['before'] == {} and checked['diff']['after']['label'] == 'ci'

    real = run_module('bitbucket_deploy_key', args(alice, **owner))
    assert real['changed'] and not real.failed, real
    key = real['deploy_key']
    assert isinstance(key['id'], int) and key['key'] == KEY and key['comment'] == 'ci@example.com'
    assert key['label'] == 'ci' and key['added_on'] and key['last_used'] is None
    assert key['fingerprint'].startswith('SHA256:')
    assert [k['id'] for k in keys(api, path)] == [key['id']]

    # The same key with another comment is the same key.
    emu.clear_requests()
    again = run_module('bitbucket_deploy_key', args(alice, key=KEY + ' other comment', **owner))
    assert not again['changed'] and not again.failed and again['deploy_key']['id'] == key['id']
    assert writes(emu) == []
    assert again['diff']['before'] == again['diff']['after']

    listed = run_module('bitbucket_deploy_key_info', dict(alice, workspace='acme', **{k: v for k, v in owner.items() if v}))
    assert [k['id'] for k in listed['deploy_keys']] == [key['id']] and listed['deploy_keys'][0]['key'] == KEY

    gone_check = run_module('bitbucket_deploy_key', args(alice, state='absent', label=None, **owner), check_mode=True)
    assert gone_check['changed'] and len(keys(api, path)) == 1
    assert gone_check['diff']['after'] == {} and gone_check['diff']['before']['label'] == 'ci'
    gone = run_module('bitbucket_deploy_key', args(alice, state='absent', label=None, **owner))
    assert gone['changed'] and gone['deploy_key'] == {} and keys(api, path) == []
    gone_again = run_module('bitbucket_deploy_key', args(alice, state='absent', label=None, **owner))
    assert not gone_again['changed'] and not gone_again.failed


def test_project_key_matches_ignoring_case(emu, alice, api, run_module):
    real = run_module('bitbucket_deploy_key', args(alice, repository=None, project='legacy'))
    assert real['changed'] and not real.failed, real
    assert real['deploy_key']['project'] == 'LEGACY' and len(keys(api, PROJECT_KEYS)) == 1
    again = run_module('bitbucket_deploy_key', args(alice, repository=None, project='legacy'))
    assert not again['changed'], again


def test_label_change_is_delete_and_readd(emu, alice, api, run_module):
    first = run_module('bitbucket_deploy_key', args(alice))['deploy_key']
    emu.clear_requests()
    checked = run_module('bitbucket_deploy_key', args(alice, label='deploy'), check_mode=True)
    assert checked['changed'] and writes(emu) == []
    assert checked['diff']['before']['label'] == 'ci' and checked['diff']['after']['label'] == 'deploy'
    assert checked['diff']['before']['id'] == first['id'] and 'deleted and added again' in checked['diff']['after']['id']
    assert any('deleted and added' in w for w in checked.warnings), checked.warnings
    relabeled = run_module('bitbucket_deploy_key', args(alice, label='deploy'))
    assert relabeled['changed'] and not relabeled.failed, relabeled
    assert [(r['method'], r['path'].split('/')[-1] == 'deploy-keys') for r in writes(emu)] == [
        ('DELETE', False), ('POST', True)]
    assert any('deleted and added' in w for w in relabeled.warnings)
    listed = keys(api)
    assert [k['label'] for k in listed] == ['deploy'] and listed[0]['id'] != first['id']
    assert relabeled['deploy_key']['id'] == listed[0]['id']
    assert not run_module('bitbucket_deploy_key', args(alice, label='deploy'))['changed']
    # Without a label, the label is left alone.
    assert not run_module('bitbucket_deploy_key', args(alice, label=None))['changed']


def test_failed_readd_says_the_key_was_removed(emu, alice, api, run_module):
    run_module('bitbucket_deploy_key', args(alice))
    emu.set_faults(rules=[{'status': 500, 'methods': ['POST'], 'path': 'deploy-keys'}])
    failed = run_module('bitbucket_deploy_key', args(alice, label='deploy', retries=0))
    emu.set_faults(rules=[])
    assert failed.failed
    assert 'was deleted to change its label' in failed['msg'] and 'NOT on the repository' in failed['msg']
    assert 'run the task again' in failed['msg']
    assert keys(api) == []
    rerun = run_module('bitbucket_deploy_key', args(alice, label='deploy'))
    assert rerun['changed'] and [k['label'] for k in keys(api)] == ['deploy']


SK_ED25519 = 'sk-ssh-ed25519@openssh.com ' + blob_of(b'sk-ssh-ed25519@openssh.com', b'\x11' * 32, b'ssh:')
SK_ECDSA_BLOB = blob_of(b'sk-ecdsa-sha2-nistp256@openssh.com', b'nistp256', b'\x04' + b'\x22' * 64, b'ssh:')
SK_ECDSA = 'sk-ecdsa-sha2-nistp256@openssh.com ' + SK_ECDSA_BLOB


# ids: the keys are made at random, and pytest-xdist workers must collect the same test names.
@pytest.mark.parametrize('key', [RSA, ECDSA, KEY, SK_ED25519, SK_ECDSA],
                         ids=['rsa', 'ecdsa-nistp384', 'ed25519', 'sk-ed25519', 'sk-ecdsa'])
def test_key_types(emu, alice, api, run_module, key):
    result = run_module('bitbucket_deploy_key', args(alice, key=key))
    assert result['changed'] and not result.failed, result
    assert result['deploy_key']['key'] == key


@pytest.mark.parametrize('key, message', [
    ('not a key', 'must start with a key type'),
    ('ssh-dss ' + blob_of(b'ssh-dss', b'p', b'q', b'g', b'y'), 'must start with a key type'),
    ('ssh-ed25519', 'no base64 key data'),
    ('ssh-ed25519 AAAA!!!!', 'not valid base64'),
    ('ssh-ed25519 ' + blob_of(b'ssh-ed25519', b'x' * 32)[:-1], 'not valid base64'),
    ('ssh-ed25519 ' + base64.b64encode(b'\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20abc').decode(), 'truncated'),
    ('ssh-ed25519 ' + RSA.split()[1], 'says ssh-ed25519, but its key data is a key of ssh-rsa'),
    ('ssh-rsa ' + blob_of(b'ssh-ed25519', b'x' * 32), 'says ssh-rsa, but its key data is a key of ssh-ed25519'),
    ('ssh-ed25519 ' + blob_of(b'ssh-ed25519', b'x' * 31), 'not 32 bytes long'),
    ('ecdsa-sha2-nistp256 ' + ECDSA.split()[1], 'key of ecdsa-sha2-nistp384'),
    ('ecdsa-sha2-nistp256 ' + blob_of(b'ecdsa-sha2-nistp256', b'nistp384', b'\x04abc'), 'another curve'),
    ('sk-ssh-ed25519@openssh.com ' + blob_of(b'sk-ssh-ed25519@openssh.com', b'x' * 32), 'not a well-formed'),
    (KEY + '\n' + OTHER, 'several lines'),
], ids=['no-type', 'dsa', 'no-data', 'not-base64', 'bad-padding', 'truncated', 'ed25519-says-rsa', 'rsa-says-ed25519',
        'ed25519-31-bytes', 'nistp256-says-nistp384', 'wrong-curve', 'sk-without-application', 'two-lines'])
def test_malformed_keys_fail_before_any_call(emu, alice, run_module, key, message):
    emu.clear_requests()
    result = run_module('bitbucket_deploy_key', args(alice, key=key))
    assert result.failed and result['msg'].startswith('key: ') and message in result['msg'], result['msg']
    assert emu.requests() == []


@pytest.mark.parametrize('private', [PRIVATE, '\n' + OTHER_PRIVATE + '\n'], ids=['pem', 'with-newlines'])
def test_a_private_key_fails_unshown_and_masked(emu, alice, run_module, private):
    emu.clear_requests()
    for extra in (dict(), dict(project='LEGACY')):  # also when Ansible's own checks fail (both targets given)
        result = run_module('bitbucket_deploy_key', args(alice, key=private, **extra))
        assert result.failed and emu.requests() == []
        text = json.dumps(result.result)
        body = [line for line in private.strip().splitlines() if 'PRIVATE KEY' not in line]
        assert all(line not in text for line in body), text
        assert 'PRIVATE KEY-----' not in text
    assert 'holds a private key' in run_module('bitbucket_deploy_key', args(alice, key=private))['msg']
    # Pasted as the label, it is refused and masked all the same.
    result = run_module('bitbucket_deploy_key', args(alice, label=private))
    assert result.failed and result['msg'].startswith('label: holds a private key') and emu.requests() == []
    assert all(line not in json.dumps(result.result) for line in private.strip().splitlines())


def test_repository_and_project_together_fail(emu, alice, run_module):
    emu.clear_requests()
    result = run_module('bitbucket_deploy_key', args(alice, project='LEGACY'))
    assert result.failed and 'mutually exclusive' in result['msg'] and emu.requests() == []
    result = run_module('bitbucket_deploy_key', args(alice, repository=None))
    assert result.failed and 'repository' in result['msg'] and emu.requests() == []
    info = run_module('bitbucket_deploy_key_info', dict(alice, workspace='acme', repository='legacy-app', project='LEGACY'))
    assert info.failed and 'mutually exclusive' in info['msg']


def test_access_tokens_cannot_add_repository_keys(emu, run_module, alice):
    token = dict(api_url=alice['api_url'], token='legacy-repo-token', retries=0)
    result = run_module('bitbucket_deploy_key', args(token))
    assert result.failed and result['error']['status'] == 403 and 'Access tokens' in result['msg']


def test_missing_repository_in_check_mode_and_for_real(emu, alice, run_module):
    checked = run_module('bitbucket_deploy_key', args(alice, repository='not-yet'), check_mode=True)
    assert checked['changed'] and not checked.failed
    real = run_module('bitbucket_deploy_key', args(alice, repository='not-yet'))
    assert real.failed and real['error']['status'] == 404
