#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: bitbucket_deploy_key_info
short_description: List the deploy keys of a Bitbucket Cloud repository or project
version_added: 2.0.0
description:
  - Lists every deploy key of a repository or of a project, following every page of the list.
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
      - The slug or C({UUID}) of the repository whose keys are listed.
      - Exactly one of O(repository) and O(project) is required.
    type: str
  project:
    description:
      - The key of the project whose keys are listed.
      - Exactly one of O(repository) and O(project) is required.
    type: str
notes:
  - "Scopes: API token C(admin:repository:bitbucket) (repository keys) or C(admin:project:bitbucket) (project
    keys); OAuth C(repository) and C(repository:admin), or C(project) and C(project:admin)."
extends_documentation_fragment:
  - bitbucket.cloud.connection
  - bitbucket.cloud.attributes
  - bitbucket.cloud.attributes.info
seealso:
  - module: bitbucket.cloud.bitbucket_deploy_key
'''

EXAMPLES = r'''
- name: List the deploy keys of a repository
  bitbucket.cloud.bitbucket_deploy_key_info:
    workspace: acme
    repository: infra-live
    user: alice@example.com
    password: "{{ vault_bitbucket_api_token }}"
  register: infra_live_keys

- name: Show the keys never used
  ansible.builtin.debug:
    msg: "{{ infra_live_keys.deploy_keys | selectattr('last_used', 'none') | map(attribute='label') | list }}"

- name: List the deploy keys of a project
  bitbucket.cloud.bitbucket_deploy_key_info:
    workspace: acme
    project: OPS
'''

RETURN = r'''
deploy_keys:
  description: The deploy keys, in Bitbucket's order.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: The key id.
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
      description: The comment Bitbucket parsed from the key (may be empty).
      type: str
    fingerprint:
      description: The key's SHA256 fingerprint, as C(ssh-keygen -l) prints it.
      type: str
    added_on:
      description: When the key was added.
      type: str
    last_used:
      description: When the key was last used, null if never.
      type: str
    workspace:
      description: The workspace (a convenience key).
      type: str
    repository:
      description: The repository, null for a project key (a convenience key).
      type: str
    project:
      description: The project key, null for a repository key (a convenience key).
      type: str
'''

from ansible_collections.bitbucket.cloud.plugins.module_utils.module import BitbucketModule
from ansible_collections.bitbucket.cloud.plugins.module_utils.patterns import validate_workspace
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.deploy_key import (
    deploy_key_view, keys_path, validate_owner)


def main():
    module = BitbucketModule(argument_spec=dict(
        workspace=dict(type='str', required=True),
        repository=dict(type='str'),
        project=dict(type='str'),
    ), mutually_exclusive=[('repository', 'project')], required_one_of=[('repository', 'project')])
    params = module.params
    module.validate(lambda: validate_workspace(params['workspace']), lambda: validate_owner(params))

    def action():
        keys = list(module.client.paginate(keys_path(params['workspace'], params['repository'], params['project'])))
        return dict(changed=False, deploy_keys=[deploy_key_view(k, params['workspace'], params['repository'],
                                                                params['project']) for k in keys])

    module.run(action)


if __name__ == '__main__':
    main()
