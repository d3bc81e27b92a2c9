#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: bitbucket_pipeline_variable
short_description: Manage a Bitbucket Pipelines variable of a workspace, repository or deployment environment
version_added: 2.0.0
description:
  - Create, update or delete one Pipelines variable. Its scope is the workspace when O(repository) is omitted,
    the repository when O(repository) is given, and a deployment environment of that repository when
    O(environment) is given too.
  - The variable is identified by O(key) in its scope.
  - A value that is not secured is compared, and updated when it differs.
  - A secured value is write-only. Bitbucket never returns it, so it cannot be compared. It is sent when the
    variable is created, and on every run with O(value_update=always). It never appears in the result, the diff
    or any message.
  - Bitbucket cannot change O(secured) in place. A change of O(secured) deletes the variable and creates it again
    with O(value), which is then required. The diff and the plan text say so.
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
      - The repository slug or C({UUID}) whose variable this is.
      - Omit it to manage a variable of the workspace itself (workspace variables apply to every repository's
        pipelines; only workspace administrators can manage them).
    type: str
  environment:
    description:
      - The deployment environment of O(repository) whose variable this is, by name (looked up among the
        repository's environments; names match ignoring case, as Bitbucket refuses two that differ only in case)
        or by C({UUID}).
      - Requires O(repository). The environment must exist; M(bitbucket.cloud.bitbucket_deployment_environment)
        creates it.
    type: str
  key:
    description:
      - The variable name. It identifies the variable in its scope; names are case-sensitive.
      - Bitbucket's rule, checked before any API call, names may only contain ASCII letters, digits and
        underscores, and must not start with a digit.
    type: str
    required: true
  value:
    description:
      - The variable's value. Required to create the variable, and to change O(secured).
      - Never logged (C(no_log)), even when not secured, because variable values are often secrets. Ansible then
        masks this text wherever it appears in the task's output, so a very short value (V(1), V(true)) garbles it.
      - Not secured, it is compared and updated when it differs. Secured, it is sent only as O(value_update) says.
      - Leaving it out leaves the value of an existing variable as it is.
    type: str
  secured:
    description:
      - Whether the value is secured. Bitbucket never returns a secured value, in the API or in pipeline logs.
      - A new variable is not secured unless this is V(true). On an existing variable it is compared only when
        given; a different value deletes the variable and creates it again (O(value) is then required).
    type: bool
  value_update:
    description:
      - When a secured value is sent. V(on_create) sends it only when the variable is created, so a changed
        secured value is not applied to an existing variable (the module cannot see the difference).
      - V(always) sends it on every run, and the task then always reports C(changed), because Bitbucket gives no
        way to tell whether the value was already the same. Use it to rotate a secret.
      - Values that are not secured are compared, so this option does not matter for them.
    type: str
    choices: [on_create, always]
    default: on_create
  state:
    description:
      - V(present) creates or updates the variable; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
notes:
  - "Scopes: API token C(read:pipeline:bitbucket), and C(admin:pipeline:bitbucket) to create, update or delete;
    OAuth C(pipeline), and C(pipeline:variable) to create, update or delete. A deployment environment given by name
    is looked up in the repository's environments (C(read:pipeline:bitbucket) / C(pipeline))."
  - Workspace variables live under C(/workspaces/{workspace}/pipelines-config/variables), repository variables under
    C(/repositories/{workspace}/{repo_slug}/pipelines_config/variables), deployment variables under
    C(/repositories/{workspace}/{repo_slug}/deployments_config/environments/{environment_uuid}/variables).
  - If the reply to the request that creates the variable is lost (timeout or dropped connection), the module reads
    the variable list before trying again, so it never creates the same variable twice. A variable with the same key
    that appears between the read and the create (Bitbucket answers 409) is found and made what the task declares.
extends_documentation_fragment:
  - bitbucket.cloud.connection
  - bitbucket.cloud.attributes
  - bitbucket.cloud.attributes.write
seealso:
  - module: bitbucket.cloud.bitbucket_pipeline_variable_info
  - module: bitbucket.cloud.bitbucket_workspace
'''

EXAMPLES = r'''
- name: A repository variable, compared on every run
  bitbucket.cloud.bitbucket_pipeline_variable:
    workspace: acme
    repository: infra-live
    key: AWS_REGION
    value: eu-west-1
    user: alice@example.com
    password: "{{ vault_bitbucket_api_token }}"

- name: A secured workspace variable, sent only when it is created
  bitbucket.cloud.bitbucket_pipeline_variable:
    workspace: acme
    key: NPM_TOKEN
    value: "{{ vault_npm_token }}"
    secured: true

- name: Rotate that secured value (reports changed on every run)
  bitbucket.cloud.bitbucket_pipeline_variable:
    workspace: acme
    key: NPM_TOKEN
    value: "{{ vault_npm_token_new }}"
    secured: true
    value_update: always

- name: A secured variable of the Production deployment environment
  bitbucket.cloud.bitbucket_pipeline_variable:
    workspace: acme
    repository: infra-live
    environment: Production
    key: DEPLOY_TOKEN
    value: "{{ vault_deploy_token }}"
    secured: true

- name: Remove a repository variable
  bitbucket.cloud.bitbucket_pipeline_variable:
    workspace: acme
    repository: infra-live
    key: OLD_SETTING
    state: absent
'''

RETURN = r'''
variable:
  description:
    - The variable after the task (predicted in check mode); empty when absent.
    - A secured value is never returned.
  returned: always
  type: dict
  contains:
    uuid:
      description: The variable UUID, with braces (null when predicted in check mode).
      type: str
      sample: "{4b9c2f0e-8a1d-4c3b-9e7f-0123456789ab}"
    key:
      description: The variable name.
      type: str
      sample: AWS_REGION
    secured:
      description: Whether the value is secured.
      type: bool
      sample: false
    value:
      description: The value, only when the variable is not secured (Ansible masks it in its output, as O(value) is C(no_log)).
      type: str
      returned: when not secured
      sample: eu-west-1
    workspace:
      description: The workspace (a convenience key).
      type: str
      sample: acme
    repository:
      description: The repository, null for a workspace variable (a convenience key).
      type: str
      sample: infra-live
    environment:
      description: The deployment environment's C({UUID}) (its name in check mode before it was looked up), null
        for a workspace or repository variable (a convenience key).
      type: str
      sample: "{1c6b5f3a-2d4e-4f70-8a9b-0123456789ab}"
'''

from ansible_collections.bitbucket.cloud.plugins.module_utils.module import BitbucketModule
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.pipeline_variable import PipelineVariableResource


def main():
    BitbucketModule.converge(PipelineVariableResource)


if __name__ == '__main__':
    main()
