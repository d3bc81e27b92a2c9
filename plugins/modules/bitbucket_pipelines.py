#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: bitbucket_pipelines
short_description: Manage the Pipelines settings of a Bitbucket Cloud repository
version_added: 2.0.0
description:
  - Enable or disable Bitbucket Pipelines for a repository, set the SSH key pair its builds use, and make its
    list of known hosts exactly the declared one.
  - Only the settings you give are read, compared and changed; each one left out is left as it is.
  - There is no O(ignore:state) option. A repository always has Pipelines settings, so there is nothing to create or
    delete. O(enabled=false) disables Pipelines, O(ssh_key_pair={}) removes the key pair and O(known_hosts=[])
    removes every known host.
  - The private key of the pair is write-only in Bitbucket. It is never returned and never shown in the result,
    the diff or any message; see O(ssh_key_pair_update) for when it is sent.
author:
  - bitbucket.cloud maintainers (@bitbucket-cloud)
options:
  workspace:
    description:
      - The workspace slug or C({UUID}).
    type: str
    required: true
  repository:
    description:
      - The repository slug or C({UUID}). It must exist.
    type: str
    required: true
  enabled:
    description:
      - Whether Pipelines runs for the repository.
      - Left out, it is left as it is.
    type: bool
  ssh_key_pair:
    description:
      - The SSH key pair the repository's builds use (Bitbucket holds one per repository).
      - The pair is identified by its public key (the comment is ignored). It is sent when the repository has no key
        pair or one with another public key, and on every run with O(ssh_key_pair_update=always).
      - V({}) (neither key) removes the key pair. Left out, the key pair is left as it is.
      - Both keys are checked before any API call. When the Python library C(cryptography) can be imported on the
        host that runs the module (ansible-core depends on it, so it usually is on the controller), the module also
        checks that the private key belongs to the public key. Without it, that check is skipped; a pair that does
        not match is then sent as it is, and builds fail to connect with it.
    type: dict
    suboptions:
      private_key:
        description:
          - The private key, in PEM (C(-----BEGIN RSA PRIVATE KEY-----), C(-----BEGIN PRIVATE KEY-----), ...) or
            OpenSSH (C(-----BEGIN OPENSSH PRIVATE KEY-----)) format, without a passphrase (Pipelines cannot use a
            key with one). A PuTTY key must be exported in OpenSSH format first.
          - Write-only. It is never returned, compared or shown; diffs and plans show a marker in its place.
          - Needed only when the key pair is sent (see O(ssh_key_pair)). It may be left out when the repository
            already has this public key, for instance in a spec exported by M(bitbucket.cloud.bitbucket_workspace_export).
        type: str
      public_key:
        description:
          - The public key, one line C(<type> <base64> [comment]) (the C(.pub) file). Required with
            O(ssh_key_pair.private_key).
          - A private key given here by mistake fails the task, without showing it.
        type: str
  ssh_key_pair_update:
    description:
      - V(on_create) sends the key pair only when the repository has none or one with another public key.
      - V(always) sends it on every run, and the task then always reports C(changed), because Bitbucket gives no
        way to tell whether the private key was already the same. Use it to replace a private key whose public key
        stays the same (rarely needed).
    type: str
    choices: [on_create, always]
    default: on_create
  known_hosts:
    description:
      - The hosts builds may connect to over SSH, each with its host key. Exact when given, each host identified by
        its O(known_hosts[].hostname). Hosts not listed are removed, a host with another key is updated.
      - Left out, the known hosts are left as they are. V([]) removes them all.
    type: list
    elements: dict
    suboptions:
      hostname:
        description:
          - The host name (or address), as SSH names it, such as V(bitbucket.org) or V([deploy.example.com]:2222).
          - It identifies the host and is compared exactly as written (case included).
        type: str
        required: true
      public_key:
        description:
          - The host key, C(<type> <base64>), as C(ssh-keyscan) prints it after the host name.
        type: str
        required: true
notes:
  - "Scopes: reading and changing O(enabled) needs C(admin:repository:bitbucket) (OAuth C(repository:admin)).
    The key pair and the known hosts need C(read:pipeline:bitbucket) to read and C(admin:pipeline:bitbucket) to
    change (OAuth C(pipeline), C(pipeline:variable))."
  - Bitbucket shows a key pair's public key only; the private key cannot be read back, so a changed private key
    with the same public key is only sent with O(ssh_key_pair_update=always).
  - If the reply to the request that adds a known host is lost, the module reads the known hosts before trying again,
    so it never adds the same host twice.
extends_documentation_fragment:
  - bitbucket.cloud.connection
  - bitbucket.cloud.attributes
  - bitbucket.cloud.attributes.write
seealso:
  - module: bitbucket.cloud.bitbucket_workspace
'''

EXAMPLES = r'''
- name: Enable Pipelines, give builds a deploy key pair and trust bitbucket.org and the deploy host
  bitbucket.cloud.bitbucket_pipelines:
    workspace: acme
    repository: infra-live
    enabled: true
    ssh_key_pair:
      private_key: "{{ vault_pipelines_private_key }}"
      public_key: "{{ lookup('ansible.builtin.file', 'files/pipelines_deploy.pub') }}"
    known_hosts:
      - hostname: bitbucket.org
        public_key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIazEu89wgQZ4bqs3d63QSMzYVa0MuJ2e2gKTKqu+UUO
    user: alice@example.com
    password: "{{ vault_bitbucket_api_token }}"

- name: Disable Pipelines, leaving the key pair and the known hosts as they are
  bitbucket.cloud.bitbucket_pipelines:
    workspace: acme
    repository: legacy-app
    enabled: false

- name: Remove the key pair and every known host
  bitbucket.cloud.bitbucket_pipelines:
    workspace: acme
    repository: legacy-app
    ssh_key_pair: {}
    known_hosts: []
'''

RETURN = r'''
pipelines:
  description:
    - The repository's Pipelines settings after the task (predicted in check mode). The private key is never in it.
    - The key pair and the known hosts are read, and returned, only when given.
  returned: always
  type: dict
  contains:
    enabled:
      description: Whether Pipelines runs for the repository.
      type: bool
      sample: true
    ssh_key_pair:
      description: The key pair's public key, null when the repository has no key pair.
      type: dict
      returned: when O(ssh_key_pair) is given
      contains:
        public_key:
          description: The public key, as Bitbucket gives it.
          type: str
          sample: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEXAMPLEEXAMPLEEXAMPLEEXAMPLEEXAMPLEEXAMPLE
    known_hosts:
      description: The known hosts, sorted by host name.
      type: list
      elements: dict
      returned: when O(known_hosts) is given
      contains:
        hostname:
          description: The host name.
          type: str
          sample: bitbucket.org
        public_key:
          description: The host key, C(<type> <base64>).
          type: str
          sample: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIazEu89wgQZ4bqs3d63QSMzYVa0MuJ2e2gKTKqu+UUO
    workspace:
      description: The workspace (a convenience key).
      type: str
      sample: acme
    repository:
      description: The repository (a convenience key).
      type: str
      sample: infra-live
'''

from ansible_collections.bitbucket.cloud.plugins.module_utils.module import BitbucketModule
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.pipelines import PipelinesResource


def main():
    BitbucketModule.converge(PipelinesResource)


if __name__ == '__main__':
    main()
