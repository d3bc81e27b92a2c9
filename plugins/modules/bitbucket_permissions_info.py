#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: bitbucket_permissions_info
short_description: List who can reach a Bitbucket Cloud repository, project or workspace
version_added: 1.0.0
description:
  - For a repository or a project, list its explicit grants to users and groups, read from Bitbucket's
    C(permissions-config) API.
  - For a workspace alone, list its members with their workspace role.
  - With O(all_targets=true), also list every repository and every project of the workspace with its explicit grants,
    in one run; the grant lists are read a few at a time in parallel.
  - Every page of every list is read.
  - It never calls the cross-workspace endpoints Atlassian withdrew in April 2026
    (C(/user/permissions/workspaces), C(/user/permissions/repositories)), which answer HTTP 410.
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
      - The slug of a repository whose explicit grants to list.
      - Mutually exclusive with O(project).
    type: str
  project:
    description:
      - The key of a project whose explicit grants to list.
      - Mutually exclusive with O(repository).
    type: str
  all_targets:
    description:
      - List every repository and every project of the workspace with its explicit grants, besides the workspace
        members, in one run (RV(repositories), RV(projects), RV(members)).
      - Projects without repositories are listed too.
      - Needs administrator access to every repository and project, in practice a workspace owner's credentials.
      - Cannot be combined with O(repository) or O(project).
    type: bool
    default: false
notes:
  - "Scopes: for a repository, API token C(read:repository:bitbucket) (OAuth C(repository:admin)); for a project,
    C(read:project:bitbucket) (OAuth C(project:admin)); for the workspace, C(read:workspace:bitbucket)
    (OAuth C(account))."
  - The grants of a repository or project are visible only to its administrators. Repository, project and
    workspace access tokens cannot read permissions.
  - Only explicit grants are listed; access inherited from a project or the workspace is not.
extends_documentation_fragment:
  - bitbucket.cloud.connection
  - bitbucket.cloud.attributes
  - bitbucket.cloud.attributes.info
seealso:
  - module: bitbucket.cloud.bitbucket_permission
  - module: bitbucket.cloud.bitbucket_workspace_info
'''

EXAMPLES = r'''
- name: List the explicit grants of a repository
  bitbucket.cloud.bitbucket_permissions_info:
    workspace: acme
    repository: infra-live
    user: alice@example.com
    password: "{{ vault_bitbucket_api_token }}"
  register: grants

- name: Show the groups that can write to it
  ansible.builtin.debug:
    msg: "{{ grants.groups | selectattr('permission', 'in', ['write', 'admin']) | map(attribute='slug') | list }}"

- name: List the workspace members and their role
  bitbucket.cloud.bitbucket_permissions_info:
    workspace: acme
  register: access

- name: Read every repository and project of the workspace with its grants, in one run
  bitbucket.cloud.bitbucket_permissions_info:
    workspace: acme
    all_targets: true
  register: everything

- name: Show the repositories and projects without any explicit grant
  ansible.builtin.debug:
    msg:
      - "{{ everything.repositories | rejectattr('users') | rejectattr('groups') | map(attribute='slug') | list }}"
      - "{{ everything.projects | rejectattr('users') | rejectattr('groups') | map(attribute='key') | list }}"

- name: Show the workspace owners
  ansible.builtin.debug:
    msg: "{{ access.members | selectattr('permission', 'equalto', 'owner') | map(attribute='display_name') | list }}"
'''

RETURN = r'''
users:
  description: The explicit grants to users on the repository or project.
  returned: when O(repository) or O(project) is given
  type: list
  elements: dict
  contains:
    account_id:
      description: The user's Atlassian account ID.
      type: str
      sample: "557058:ba8948b2-49da-43a9-9e8b-e7249b8e324a"
    uuid:
      description: The user's UUID, in braces.
      type: str
      sample: "{d301aafa-d676-4ee0-88be-962be7417567}"
    display_name:
      description: The user's display name.
      type: str
      sample: Bob Builder
    nickname:
      description: The user's nickname.
      type: str
      sample: bob
    permission:
      description: The permission granted, V(read), V(write), V(admin) or, on a project, V(create-repo).
      type: str
      sample: write
groups:
  description: The explicit grants to groups on the repository or project.
  returned: when O(repository) or O(project) is given
  type: list
  elements: dict
  contains:
    slug:
      description: The group's slug.
      type: str
      sample: developers
    name:
      description: The group's name.
      type: str
      sample: Developers
    permission:
      description: The permission granted, V(read), V(write), V(admin) or, on a project, V(create-repo).
      type: str
      sample: write
members:
  description: The members of the workspace with their workspace role.
  returned: when neither O(repository) nor O(project) is given
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
repositories:
  description:
    - Every repository of the workspace, sorted by slug, with its explicit grants.
    - RV(repositories[].users) and RV(repositories[].groups) are flat records as in RV(users) and RV(groups).
  returned: when O(all_targets=true)
  type: list
  elements: dict
  contains:
    slug:
      description: The repository's slug.
      type: str
      sample: infra-live
    name:
      description: The repository's name.
      type: str
      sample: Infra Live
    project:
      description: The key of the repository's project.
      type: str
      sample: OPS
    is_private:
      description: Whether the repository is private.
      type: bool
      sample: true
    users:
      description: The explicit grants to users on the repository, as in RV(users).
      type: list
      elements: dict
      sample: []
    groups:
      description: The explicit grants to groups on the repository, as in RV(groups).
      type: list
      elements: dict
      sample: [{"slug": "developers", "name": "Developers", "permission": "write"}]
projects:
  description:
    - Every project of the workspace, sorted by key, with its explicit grants, including projects without repositories.
  returned: when O(all_targets=true)
  type: list
  elements: dict
  contains:
    key:
      description: The project's key.
      type: str
      sample: OPS
    name:
      description: The project's name.
      type: str
      sample: Operations
    is_private:
      description: Whether the project is private.
      type: bool
      sample: true
    users:
      description: The explicit grants to users on the project, as in RV(users).
      type: list
      elements: dict
      sample: []
    groups:
      description: The explicit grants to groups on the project, as in RV(groups).
      type: list
      elements: dict
      sample: [{"slug": "admins", "name": "Admins", "permission": "admin"}]
'''

from ansible_collections.bitbucket.cloud.plugins.module_utils.module import BitbucketModule
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.permission import (
    describe_access, describe_workspace_access, validate_target)


def main():
    module = BitbucketModule(
        argument_spec=dict(
            workspace=dict(type='str', required=True),
            repository=dict(type='str'),
            project=dict(type='str'),
            all_targets=dict(type='bool', default=False),
        ),
        mutually_exclusive=[('repository', 'project')],
    )
    params = module.params
    module.validate(lambda: validate_target(params))

    def action():
        if params['all_targets']:
            return dict(changed=False, **describe_workspace_access(module.client, params['workspace']))
        return dict(changed=False, **describe_access(module.client, params['workspace'], params['repository'], params['project']))

    module.run(action)


if __name__ == '__main__':
    main()
