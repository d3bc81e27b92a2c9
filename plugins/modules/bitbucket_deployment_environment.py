#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: bitbucket_deployment_environment
short_description: Manage a deployment environment of a Bitbucket Cloud repository
version_added: 2.0.0
description:
  - Create, update or delete one deployment environment of a repository (the environments Bitbucket Pipelines
    deploys to, such as C(Test), C(Staging) and C(Production)).
  - The environment is identified by its repository and O(name), ignoring case. Bitbucket refuses two
    environments whose names differ only in case.
  - Only the options you set are compared and changed; options you leave out are left as they are.
  - Changes go through the environment's C(changes) endpoint, which can change the name (only its case, since the
    name identifies the environment) and O(admin_only). The type is fixed when the environment is created.
  - Its deployment variables are managed with M(bitbucket.cloud.bitbucket_pipeline_variable) (option
    C(environment)), or as C(environments[].variables) of a repository in M(bitbucket.cloud.bitbucket_workspace).
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
      - The repository slug or C({UUID}) whose environment this is.
    type: str
    required: true
  name:
    description:
      - The environment name. It identifies the environment, ignoring case.
      - When the existing environment's name differs from it only in case, the environment is renamed to it.
      - Not empty, without leading or trailing spaces or control characters, at most 255 characters.
    type: str
    required: true
  environment_type:
    description:
      - The environment type. Required to create the environment.
      - Bitbucket cannot change the type of an existing environment. When it differs, the task fails before any
        change and says what the type is; to change it, remove the environment with O(state=absent) and create it
        again, which also removes its variables and its deployment history. The module never does that by itself.
    type: str
    choices: [Test, Staging, Production]
  admin_only:
    description:
      - Whether only repository administrators may deploy to the environment.
      - A new environment is created with V(false) unless given; on an existing environment it is compared only when
        given.
    type: bool
  state:
    description:
      - V(present) creates or updates the environment.
      - V(absent) deletes it, with its deployment variables and its deployment history.
    type: str
    choices: [present, absent]
    default: present
notes:
  - "Scopes: API token C(read:pipeline:bitbucket), and C(admin:pipeline:bitbucket) to create, change or delete;
    OAuth C(pipeline)."
  - Bitbucket may give a repository the environments C(Test), C(Staging) and C(Production) when Pipelines is enabled;
    declare them by those names to manage them.
  - If the reply to the request that creates the environment is lost (timeout or dropped connection), the module reads
    the environments before trying again, so it never creates the same environment twice.
extends_documentation_fragment:
  - bitbucket.cloud.connection
  - bitbucket.cloud.attributes
  - bitbucket.cloud.attributes.write
seealso:
  - module: bitbucket.cloud.bitbucket_workspace
'''

EXAMPLES = r'''
- name: A production environment only administrators deploy to
  bitbucket.cloud.bitbucket_deployment_environment:
    workspace: acme
    repository: infra-live
    name: Production EU
    environment_type: Production
    admin_only: true
    user: alice@example.com
    password: "{{ vault_bitbucket_api_token }}"

- name: Let every developer deploy to the existing Staging environment
  bitbucket.cloud.bitbucket_deployment_environment:
    workspace: acme
    repository: infra-live
    name: Staging
    admin_only: false

- name: Remove an environment, with its variables and deployment history
  bitbucket.cloud.bitbucket_deployment_environment:
    workspace: acme
    repository: infra-live
    name: Old QA
    state: absent
'''

RETURN = r'''
environment:
  description:
    - The environment as Bitbucket has it after the task (predicted in check mode), the API object as Bitbucket gives
      it, plus the convenience keys RV(environment.environment_type), RV(environment.admin_only),
      RV(environment.workspace) and RV(environment.repository); empty when absent.
  returned: always
  type: dict
  contains:
    uuid:
      description: The environment UUID, with braces (null when predicted in check mode).
      type: str
      sample: "{0b1e5d2c-7a4f-4c3e-9d8a-1f2e3d4c5b6a}"
    name:
      description: The environment name.
      type: str
      sample: Production EU
    environment_type:
      description: The environment type, V(Test), V(Staging) or V(Production) (Bitbucket's C(environment_type.name)).
      type: str
      sample: Production
    admin_only:
      description: Whether only repository administrators may deploy to it (Bitbucket's C(restrictions.admin_only)).
      type: bool
      sample: true
    restrictions:
      description: Bitbucket's restrictions of the environment.
      type: dict
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
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.deployment_environment import DeploymentEnvironmentResource


def main():
    BitbucketModule.converge(DeploymentEnvironmentResource)


if __name__ == '__main__':
    main()
