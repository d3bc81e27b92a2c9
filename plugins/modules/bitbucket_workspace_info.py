#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: bitbucket_workspace_info
short_description: Read Bitbucket Cloud workspaces and their members
version_added: 1.0.0
description:
  - With O(workspace), read that workspace; without it, read every workspace the credentials can reach, with
    whether the caller administers each.
  - With O(members=true), also list the members of each workspace with their workspace role.
  - It reads the list of workspaces from C(/user/workspaces) and never calls C(/workspaces) without a slug nor
    C(/user/permissions/workspaces), which Atlassian withdrew in April 2026 (they answer HTTP 410).
author:
  - bitbucket.cloud maintainers (@bitbucket-cloud)
options:
  workspace:
    description:
      - The workspace slug or C({UUID}) to read. Omit it to read every workspace the credentials reach.
      - A workspace that does not exist, or that the credentials cannot see, makes the module fail.
    type: str
  members:
    description:
      - Also list the members of each workspace, with their role, under RV(workspaces[].members).
      - This reads every page of the member list of each workspace returned.
    type: bool
    default: false
notes:
  - "Scopes: API token C(read:workspace:bitbucket); OAuth C(account)."
extends_documentation_fragment:
  - bitbucket.cloud.connection
  - bitbucket.cloud.attributes
  - bitbucket.cloud.attributes.info
seealso:
  - module: bitbucket.cloud.bitbucket_permissions_info
'''

EXAMPLES = r'''
- name: List every workspace the API token reaches
  bitbucket.cloud.bitbucket_workspace_info:
    user: alice@example.com
    password: "{{ vault_bitbucket_api_token }}"
  register: reachable

- name: Show the workspaces alice administers
  ansible.builtin.debug:
    msg: "{{ reachable.workspaces | selectattr('administrator') | map(attribute='slug') | list }}"

- name: Read one workspace with its members
  bitbucket.cloud.bitbucket_workspace_info:
    workspace: acme
    members: true
  register: acme

- name: Show the members of acme and their role
  ansible.builtin.debug:
    msg: "{{ acme.workspaces[0].members | items2dict(key_name='display_name', value_name='permission') }}"
'''

RETURN = r'''
workspaces:
  description:
    - The workspaces, each as Bitbucket returns a single workspace (C(GET /workspaces/{workspace})).
    - One workspace when O(workspace) is given, else every workspace the credentials reach, sorted by slug.
  returned: always
  type: list
  elements: dict
  contains:
    slug:
      description: The workspace slug.
      type: str
      sample: acme
    uuid:
      description: The workspace UUID, in braces.
      type: str
      sample: "{a15fb181-db1f-48f7-b41f-e1eff06929d6}"
    name:
      description: The workspace name.
      type: str
      sample: ACME Corp
    is_private:
      description: Whether the workspace is private.
      type: bool
    links:
      description: Links to the workspace's pages and API resources (C(html), C(avatar), C(self), C(members), ...).
      type: dict
    administrator:
      description: Whether the caller administers the workspace.
      returned: when O(workspace) is not given
      type: bool
    members:
      description: The members of the workspace with their role.
      returned: when O(members=true)
      type: list
      elements: dict
      contains:
        account_id:
          description: The member's Atlassian account ID.
          type: str
          sample: "557058:ba8948b2-49da-43a9-9e8b-e7249b8e324a"
        uuid:
          description: The member's UUID, in braces.
          type: str
          sample: "{d301aafa-d676-4ee0-88be-962be7417567}"
        display_name:
          description: The member's display name.
          type: str
          sample: Bob Builder
        nickname:
          description: The member's nickname.
          type: str
          sample: bob
        permission:
          description: The member's role in the workspace, for example V(owner) or V(member).
          type: str
          sample: member
'''

from ansible_collections.bitbucket.cloud.plugins.module_utils.module import BitbucketModule
from ansible_collections.bitbucket.cloud.plugins.module_utils.patterns import validate_workspace
from ansible_collections.bitbucket.cloud.plugins.module_utils.workspace import describe_workspaces


def main():
    module = BitbucketModule(argument_spec=dict(
        workspace=dict(type='str'),
        members=dict(type='bool', default=False),
    ))
    params = module.params

    def action():
        if params['workspace'] is not None:
            validate_workspace(params['workspace'])
        return dict(changed=False, workspaces=describe_workspaces(module.client, params['workspace'], params['members']))

    module.run(action)


if __name__ == '__main__':
    main()
