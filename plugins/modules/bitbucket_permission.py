#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: bitbucket_permission
short_description: Manage one explicit permission of a user or group on a Bitbucket Cloud repository or project
version_added: 1.0.0
description:
  - Grant, change or remove the explicit permission of one user or one group on a repository or a project,
    through Bitbucket's C(permissions-config) API.
  - The grant is set with a PUT and removed with a DELETE; a repeated run changes nothing.
  - Only explicit grants are managed. Access a user has through a group, a project or the workspace is not
    changed; M(bitbucket.cloud.bitbucket_permissions_info) lists the explicit grants.
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
      - The slug of the repository the grant is on.
      - Exactly one of O(repository) and O(project) is required.
    type: str
  project:
    description:
      - The key of the project the grant is on. A project grant applies to every repository of the project.
      - Keys match ignoring case (V(ops) is the stored V(OPS)); the result shows the key as Bitbucket stores it.
      - Exactly one of O(repository) and O(project) is required.
    type: str
  user_id:
    description:
      - The user who receives the grant, as an Atlassian account ID (for example
        V(557058:ba8948b2-49da-43a9-9e8b-e7249b8e324a), or 24 hex digits) or a user C({UUID}) in braces.
        Email addresses, nicknames and usernames are refused before any call to Bitbucket (a nickname never matches
        a listed grant).
      - A grant listed by Bitbucket matches when either its account ID or its UUID is O(user_id).
      - The user must be a member of the workspace, and cannot be the workspace owner; otherwise the module
        fails and says so.
      - This is not O(user), which is the account the module authenticates as.
      - Exactly one of O(user_id) and O(group) is required.
    type: str
  group:
    description:
      - The slug of the workspace group that receives the grant, for example V(developers).
      - A group that does not exist in the workspace makes the module fail and say so.
      - Exactly one of O(user_id) and O(group) is required.
    type: str
  permission:
    description:
      - The permission to grant. Required when O(state=present).
      - V(create-repo) exists only on projects; it is refused on a repository before any call to Bitbucket.
    type: str
    choices: [read, write, create-repo, admin]
  state:
    description:
      - V(present) grants O(permission), or changes an existing grant to it; V(absent) removes the explicit grant.
    type: str
    choices: [present, absent]
    default: present
notes:
  - "Scopes of the API token, on a repository: C(read:repository:bitbucket) to read the grant, plus
    C(admin:repository:bitbucket) with C(write:permission:bitbucket) to set it or C(delete:permission:bitbucket) to
    remove it. On a project: C(read:project:bitbucket), plus C(admin:project:bitbucket) with C(write:permission:bitbucket)
    or C(delete:permission:bitbucket)."
  - In check mode, and when Bitbucket refuses a grant, the module reads the workspace membership of O(user_id), which
    needs C(read:workspace:bitbucket); without it check mode cannot tell a user outside the workspace, and a refused
    grant fails with Bitbucket's own error, without the explanation.
  - Bitbucket lets only API tokens (O(user) and O(password)) change permissions; OAuth tokens are refused, and
    repository, project and workspace access tokens can neither read nor change them.
  - The caller must be an administrator of the repository or project.
extends_documentation_fragment:
  - bitbucket.cloud.connection
  - bitbucket.cloud.attributes
  - bitbucket.cloud.attributes.write
seealso:
  - module: bitbucket.cloud.bitbucket_permissions_info
  - module: bitbucket.cloud.bitbucket_workspace_info
'''

EXAMPLES = r'''
- name: Let the developers group write to infra-live
  bitbucket.cloud.bitbucket_permission:
    workspace: acme
    repository: infra-live
    group: developers
    permission: write
    user: alice@example.com
    password: "{{ vault_bitbucket_api_token }}"

- name: Make one user administrator of every repository in the OPS project
  module_defaults:
    group/bitbucket.cloud.bitbucket:
      user: alice@example.com
      password: "{{ vault_bitbucket_api_token }}"
  bitbucket.cloud.bitbucket_permission:
    workspace: acme
    project: OPS
    user_id: "557058:ba8948b2-49da-43a9-9e8b-e7249b8e324a"
    permission: admin

- name: Remove an explicit grant given to a user by UUID
  bitbucket.cloud.bitbucket_permission:
    workspace: acme
    repository: infra-live
    user_id: "{d301aafa-d676-4ee0-88be-962be7417567}"
    state: absent
'''

RETURN = r'''
permission:
  description:
    - The grant as Bitbucket has it after the task (predicted in check mode), the API object as Bitbucket gives
      it (C(type), RV(permission.permission), C(user) or C(group), RV(permission.repository) or
      RV(permission.project), C(links)); empty when absent.
    - Plus the convenience keys of a flat record, for a user the keys O(user_id) can match
      (RV(permission.account_id), RV(permission.uuid)) and the names; for a group, RV(permission.slug) and
      RV(permission.name); and RV(permission.workspace).
  returned: always
  type: dict
  contains:
    account_id:
      description: The user's Atlassian account ID.
      returned: for a user
      type: str
      sample: "557058:ba8948b2-49da-43a9-9e8b-e7249b8e324a"
    uuid:
      description: The user's UUID, in braces.
      returned: for a user
      type: str
      sample: "{d301aafa-d676-4ee0-88be-962be7417567}"
    display_name:
      description: The user's display name (null when predicted in check mode without C(read:workspace:bitbucket)).
      returned: for a user
      type: str
      sample: Bob Builder
    nickname:
      description: The user's nickname.
      returned: for a user
      type: str
      sample: bob
    slug:
      description: The group's slug.
      returned: for a group
      type: str
      sample: developers
    name:
      description: The group's name (null when predicted in check mode).
      returned: for a group
      type: str
      sample: Developers
    permission:
      description: The permission granted.
      type: str
      sample: write
    workspace:
      description: The workspace (a convenience key).
      type: str
      sample: acme
    repository:
      description: The repository the grant is on, as Bitbucket gives it (C(full_name), C(name), C(uuid), ...).
      returned: when O(repository) is given
      type: dict
      sample: {type: repository, full_name: acme/infra-live, name: infra-live}
    project:
      description: The project the grant is on, as Bitbucket gives it; C(key) is its key as Bitbucket stores it.
      returned: when O(project) is given
      type: dict
      sample: {type: project, key: OPS, name: Operations}
'''

from ansible_collections.bitbucket.cloud.plugins.module_utils.module import BitbucketModule
from ansible_collections.bitbucket.cloud.plugins.module_utils.permission import PermissionResource


def main():
    module = BitbucketModule(
        argument_spec=dict(
            workspace=dict(type='str', required=True),
            repository=dict(type='str'),
            project=dict(type='str'),
            user_id=dict(type='str'),
            group=dict(type='str'),
            permission=dict(type='str', choices=['read', 'write', 'create-repo', 'admin']),
            state=dict(type='str', choices=['present', 'absent'], default='present'),
        ),
        mutually_exclusive=[('repository', 'project'), ('user_id', 'group')],
        required_one_of=[('repository', 'project'), ('user_id', 'group')],
        required_if=[('state', 'present', ('permission',))],
    )
    module.run_resource(PermissionResource)


if __name__ == '__main__':
    main()
