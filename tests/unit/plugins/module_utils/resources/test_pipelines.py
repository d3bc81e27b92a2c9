# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PipelinesResource and the private key checks, without the API: input errors, the optional cryptography check."""

import json
import os
import subprocess
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.pipelines import PipelinesResource
from ansible_collections.bitbucket.cloud.plugins.module_utils.ssh_private_key import derived_public_key

ROOT = Path(__file__).resolve().parents[5]


def _pair():
    key = ed25519.Ed25519PrivateKey.generate()
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH,
                                serialization.NoEncryption()).decode()
    public = key.public_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode()
    return private, public


def _params(**kwargs):
    params = dict(workspace='acme', repository='legacy-app', enabled=None, ssh_key_pair=None,
                  ssh_key_pair_update='on_create', known_hosts=None)
    params.update(kwargs)
    return params


def test_derived_public_key_is_the_pair():
    private, public = _pair()
    assert derived_public_key(private) == public


def test_mismatched_pair_is_an_error_that_never_shows_the_private_key():
    private, dummy = _pair()
    other_private, other_public = _pair()
    errors = PipelinesResource.input_errors(_params(ssh_key_pair=dict(private_key=private, public_key=other_public)))
    assert [e.option for e in errors] == ['ssh_key_pair.private_key']
    assert 'does not belong' in str(errors[0]) and 'SHA256:' in str(errors[0])
    body = [line for line in private.splitlines() if not line.startswith('-----')]
    assert all(line not in str(errors[0]) for line in body)


def test_without_cryptography_the_match_is_not_checked():
    """The library is optional: without it the key formats are still checked, the match is skipped."""
    private, dummy = _pair()
    other_private, other_public = _pair()
    script = '''
import json, sys
sys.modules['cryptography'] = None
from ansible_collections.bitbucket.cloud.plugins.module_utils import ssh_private_key
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.pipelines import PipelinesResource
args = json.loads(sys.stdin.read())
params = dict(workspace='acme', repository='r', ssh_key_pair=dict(private_key=args[0], public_key=args[1]))
bad = dict(workspace='acme', repository='r', ssh_key_pair=dict(private_key='nope', public_key=args[1]))
print(json.dumps([ssh_private_key.HAS_CRYPTOGRAPHY, ssh_private_key.derived_public_key(args[0]),
                  [e.option for e in PipelinesResource.input_errors(params)],
                  [e.option for e in PipelinesResource.input_errors(bad)]]))
'''
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / '.tmp' / 'collections')] + sys.path))
    out = subprocess.run([sys.executable, '-c', script], input=json.dumps([private, other_public]), env=env,
                         capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == [False, None, [], ['ssh_key_pair.private_key']]


def test_argument_spec_has_no_state_and_marks_the_private_key():
    spec = PipelinesResource.argument_spec()
    assert 'state' not in spec
    assert spec['ssh_key_pair']['options']['private_key']['no_log'] is True
    assert spec['ssh_key_pair']['options']['public_key']['no_log'] is False
    assert spec['known_hosts']['options']['hostname'] == dict(type='str', required=True)


def test_plan_of_a_repository_still_to_be_created_is_against_the_defaults():
    resource = PipelinesResource(None, _params(enabled=False, known_hosts=[]))
    assert resource.plan(None) is None
    resource = PipelinesResource(None, _params(enabled=True, known_hosts=[]))
    action = resource.plan(None)
    assert action.name == 'create' and action.changes == dict(enabled=(False, True))
