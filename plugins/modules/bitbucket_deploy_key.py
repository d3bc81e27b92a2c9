#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: bitbucket_deploy_key
short_description: Manage one deploy key of a Bitbucket Cloud repository or project
version_added: 2.0.0
description:
  - Add, relabel or remove one deploy key (a read-only SSH access key) of a repository or of a project.
  - The key is identified by its type and base64 data; its comment is ignored, so the same key with another
    comment is the same key.
  - The key is checked before any API call. It must be one OpenSSH public key line of a type Bitbucket accepts,
    with strict base64 whose decoded data is a well-formed key of the stated type.
  - Bitbucket cannot change the label of a deploy key in place. Its C(PUT) answers 400 in practice, and project
    keys have no C(PUT). A new O(label) is applied by deleting the key and adding it again. The key then gets a new
    RV(deploy_key.id). The diff shows the change of id and the task warns. If adding the key again fails, the
    error says that the key was removed; running the task again adds it.
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
      - The slug or C({UUID}) of the repository the key belongs to.
      - Exactly one of O(repository) and O(project) is required.
    type: str
  project:
    description:
      - The key of the project the deploy key belongs to. A project key gives read access to every repository
        of the project.
      - Project keys match ignoring case (V(ops) is the stored V(OPS)).
      - Exactly one of O(repository) and O(project) is required.
    type: str
  key:
    description:
      - The OpenSSH public key, one line C(<type> <base64> [comment]), as in a C(.pub) file.
      - "Accepted types: V(ssh-rsa), V(ssh-ed25519), V(ecdsa-sha2-nistp256), V(ecdsa-sha2-nistp384),
        V(ecdsa-sha2-nistp521), V(sk-ssh-ed25519@openssh.com), V(sk-ecdsa-sha2-nistp256@openssh.com)."
      - Its type and base64 data identify the key; the comment is sent when the key is added and otherwise
        ignored.
      - A private key given by mistake fails before any API call. It is masked in the output, and no message
        shows it.
    type: str
    required: true
  label:
    description:
      - The label Bitbucket shows for the key.
      - Compared only when given. A different label deletes the key and adds it again with this label (see the
        description).
      - A private key given here by mistake is refused before any API call and masked in the output.
    type: str
  state:
    description:
      - V(present) adds the key (or relabels it); V(absent) removes it.
    type: str
    choices: [present, absent]
    default: present
notes:
  - "Scopes: API token C(admin:repository:bitbucket) (repository keys) or C(admin:project:bitbucket)
    (project keys) to read, plus C(write:ssh-key:bitbucket) to add and C(delete:ssh-key:bitbucket) to remove;
    OAuth C(repository) and C(repository:admin), or C(project) and C(project:admin). A label change needs both
    write and delete."
  - Repository, project and workspace access tokens cannot add, update or delete repository deploy keys
    (Bitbucket answers 403); use an API token or OAuth.
  - If the reply to the request that adds the key is lost, the module reads the key list before trying again,
    so it never adds the key twice.
  - "If a deploy key is authenticated with an OAuth consumer, any change to that consumer invalidates the key
    (Bitbucket's note)."
extends_documentation_fragment:
  - bitbucket.cloud.connection
  - bitbucket.cloud.attributes
  - bitbucket.cloud.attributes.write
seealso:
  - module: bitbucket.cloud.bitbucket_deploy_key_info
'''

EXAMPLES = r'''
- name: Let the deployment host clone infra-live
  bitbucket.cloud.bitbucket_deploy_key:
    workspace: acme
    repository: infra-live
    key: "{{ lookup('ansible.builtin.file', 'files/deploy.pub') }}"
    label: deploy host
    user: alice@example.com
    password: "{{ vault_bitbucket_api_token }}"

- name: Let the build agents read every repository of the OPS project
  bitbucket.cloud.bitbucket_deploy_key:
    workspace: acme
    project: OPS
    key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDpqukh97S9ESh/0vzWNqC/4YJpI0TYOZ91b+lDgw7rD build@agents
    label: build agents

- name: Remove that key (its comment does not matter)
  bitbucket.cloud.bitbucket_deploy_key:
    workspace: acme
    project: OPS
    key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDpqukh97S9ESh/0vzWNqC/4YJpI0TYOZ91b+lDgw7rD
    state: absent
'''

RETURN = r'''
deploy_key:
  description:
    - The key as Bitbucket has it after the task (predicted in check mode); empty when absent.
  returned: always
  type: dict
  contains:
    id:
      description: The key id Bitbucket gives (null when predicted in check mode, or after a relabel in check mode).
      type: int
      sample: 123
    label:
      description: The key's label.
      type: str
      sample: deploy host
    key:
      description: The key type and base64 data, without the comment.
      type: str
      sample: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDpqukh97S9ESh/0vzWNqC/4YJpI0TYOZ91b+lDgw7rD
    comment:
      description: The comment Bitbucket parsed from the key when it was added (may be empty).
      type: str
      sample: build@agents
    fingerprint:
      description: The key's SHA256 fingerprint, as C(ssh-keygen -l) prints it.
      type: str
      sample: SHA256:xSWSZ27+zRjmR6XrHAmWFuC2WzLb2KbqH7tJ776CJds
    added_on:
      description: When the key was added (null when predicted in check mode).
      type: str
      sample: "2026-03-01T10:00:00.000000+00:00"
    last_used:
      description: When the key was last used, null if never.
      type: str
    workspace:
      description: The workspace (a convenience key).
      type: str
      sample: acme
    repository:
      description: The repository, null for a project key (a convenience key).
      type: str
      sample: infra-live
    project:
      description: The project key, null for a repository key (a convenience key).
      type: str
'''

from ansible_collections.bitbucket.cloud.plugins.module_utils.module import BitbucketModule
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.deploy_key import DeployKeyResource


def main():
    BitbucketModule.converge(DeployKeyResource)


if __name__ == '__main__':
    main()
