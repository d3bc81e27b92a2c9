#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: bitbucket_branching_model
short_description: Manage the branching model of a Bitbucket Cloud repository or project
version_added: 2.0.0
description:
  - Set the branching model settings of a repository or of a project, the development and production branches, the
    branch types (feature, bugfix, release, hotfix) and whether merged branches are deleted by default.
  - Only what is given is compared and sent (Bitbucket's update is partial); what is left out keeps its current
    value. The branch types are compared per O(branch_types[].kind) given, in any order, and only those that
    differ are sent. A repeated run changes nothing.
  - There is one branching model per repository or project, always; it is never removed.
  - Setting the branching model of a repository makes it stop inheriting the branching model of its project (a
    side effect documented by Bitbucket's API); the module warns whenever it changes a repository's model. Set the
    project's model to keep its repositories in step.
  - M(bitbucket.cloud.bitbucket_workspace) sets branching models with the rest of a workspace
    (O(bitbucket.cloud.bitbucket_workspace#module:repositories[].branching_model) and
    O(bitbucket.cloud.bitbucket_workspace#module:projects[].branching_model)).
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
      - The slug of the repository whose branching model this is.
      - Exactly one of O(repository) and O(project) is required.
    type: str
  project:
    description:
      - The key of the project whose branching model this is. Its repositories that do not have their own model
        inherit it.
      - Keys match ignoring case (V(ops) is the stored V(OPS)).
      - Exactly one of O(repository) and O(project) is required.
    type: str
  development:
    description:
      - The development branch.
    type: dict
    suboptions:
      name:
        description:
          - The branch. On a repository it must exist. Giving it implies O(development.use_mainbranch=false).
        type: str
      use_mainbranch:
        description:
          - V(true) tracks the main branch (then O(development.name) must be left out); V(false) needs
            O(development.name).
        type: bool
  production:
    description:
      - The production branch.
    type: dict
    suboptions:
      enabled:
        description:
          - Whether there is a production branch.
        type: bool
      name:
        description:
          - The branch. On a repository it must exist. Giving it implies O(production.use_mainbranch=false).
        type: str
      use_mainbranch:
        description:
          - V(true) tracks the main branch (then O(production.name) must be left out); V(false) needs
            O(production.name).
        type: bool
  branch_types:
    description:
      - The branch types to set, each identified by O(branch_types[].kind); the kinds left out keep their settings.
    type: list
    elements: dict
    suboptions:
      kind:
        description:
          - The kind of branch type.
        type: str
        required: true
        choices: [feature, bugfix, release, hotfix]
      prefix:
        description:
          - The prefix of the branches of this kind, for example V(feature/). The prefix of an enabled branch type
            must be a valid branch name prefix and not a prefix of another enabled one.
        type: str
      enabled:
        description:
          - Whether the branch type is enabled.
        type: bool
  default_branch_deletion:
    description:
      - Whether pull requests delete their source branch on merge by default.
      - Sent to Bitbucket as the string it takes (V(true) or V(false)); Bitbucket silently ignores any other value,
        so the module only accepts a boolean.
    type: bool
notes:
  - "Scopes of the API token: C(admin:repository:bitbucket) on a repository, C(admin:project:bitbucket) on a project,
    to read and to set the settings (OAuth: C(repository:admin) or C(project:admin)). The caller must be an
    administrator of the repository or project."
  - With none of O(development), O(production), O(branch_types) and O(default_branch_deletion), the module only reads
    and returns the settings.
extends_documentation_fragment:
  - bitbucket.cloud.connection
  - bitbucket.cloud.attributes
  - bitbucket.cloud.attributes.write
seealso:
  - module: bitbucket.cloud.bitbucket_workspace
'''

EXAMPLES = r'''
- name: Give the CORE project a git-flow model, inherited by its repositories
  bitbucket.cloud.bitbucket_branching_model:
    workspace: acme
    project: CORE
    development:
      name: develop
    production:
      enabled: true
      use_mainbranch: true
    branch_types:
      - kind: release
        prefix: release/
      - kind: hotfix
        prefix: hotfix/
    default_branch_deletion: true
    user: alice@example.com
    password: "{{ vault_bitbucket_api_token }}"

- name: Switch off bugfix branches on one repository (it stops inheriting its project's model)
  bitbucket.cloud.bitbucket_branching_model:
    workspace: acme
    repository: legacy-app
    branch_types:
      - kind: bugfix
        enabled: false
'''

RETURN = r'''
branching_model:
  description:
    - The branching model settings as Bitbucket gives them after the task (predicted in check mode).
  returned: always
  type: dict
  contains:
    development:
      description: The development branch (C(name) only when it is not the main branch).
      type: dict
      sample: {use_mainbranch: false, name: develop, is_valid: true}
    production:
      description: The production branch (C(name) only when it is not the main branch).
      type: dict
      sample: {enabled: true, use_mainbranch: true, is_valid: true}
    branch_types:
      description: Every branch type, with C(kind), C(prefix) and C(enabled).
      type: list
      elements: dict
      sample: [{kind: feature, prefix: feature/, enabled: true}]
    default_branch_deletion:
      description: Whether merged branches are deleted by default, as Bitbucket's string V(true) or V(false).
      type: str
      sample: "true"
'''

from ansible_collections.bitbucket.cloud.plugins.module_utils.module import BitbucketModule
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.branching_model import BranchingModelResource


def main():
    BitbucketModule.converge(BranchingModelResource)


if __name__ == '__main__':
    main()
