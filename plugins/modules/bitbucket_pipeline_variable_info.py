#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: bitbucket_pipeline_variable_info
short_description: List the Pipelines variables of a Bitbucket Cloud workspace, repository or deployment environment
version_added: 2.0.0
description:
  - Lists every Pipelines variable of the workspace itself (O(repository) omitted), of a repository, or of a
    deployment environment of a repository (O(environment)), following every page of the list.
  - Returns each variable's key and whether it is secured, and its value only when it is not secured. Bitbucket
    never returns secured values.
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
      - The repository slug or C({UUID}).
      - Omit it to list the variables of the workspace itself, not those of its repositories.
    type: str
  environment:
    description:
      - A deployment environment of O(repository), by name (matched ignoring case) or by C({UUID}), to list its
        variables. Requires O(repository).
    type: str
notes:
  - "Scopes: API token C(read:pipeline:bitbucket); OAuth C(pipeline)."
  - Values of variables that are not secured are returned as Bitbucket gives them; treat the result as sensitive.
extends_documentation_fragment:
  - bitbucket.cloud.connection
  - bitbucket.cloud.attributes
  - bitbucket.cloud.attributes.info
seealso:
  - module: bitbucket.cloud.bitbucket_pipeline_variable
'''

EXAMPLES = r'''
- name: List the variables of a repository
  bitbucket.cloud.bitbucket_pipeline_variable_info:
    workspace: acme
    repository: infra-live
    user: alice@example.com
    password: "{{ vault_bitbucket_api_token }}"
  register: infra_live_variables

- name: Fail when a token is not secured
  ansible.builtin.assert:
    that: >-
      infra_live_variables.variables | selectattr('key', 'search', 'TOKEN')
      | rejectattr('secured') | list | length == 0

- name: List the variables of the Production environment
  bitbucket.cloud.bitbucket_pipeline_variable_info:
    workspace: acme
    repository: infra-live
    environment: Production
  register: production_variables

- name: List the variables of the workspace itself
  bitbucket.cloud.bitbucket_pipeline_variable_info:
    workspace: acme
  register: workspace_variables
'''

RETURN = r'''
variables:
  description: The variables, in Bitbucket's order.
  returned: success
  type: list
  elements: dict
  contains:
    uuid:
      description: The variable UUID, with braces.
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
      description: The value, only when the variable is not secured.
      type: str
      returned: when not secured
      sample: eu-west-1
    workspace:
      description: The workspace (a convenience key).
      type: str
      sample: acme
    repository:
      description: The repository, null for workspace variables (a convenience key).
      type: str
      sample: infra-live
    environment:
      description: The deployment environment's C({UUID}), null for workspace and repository variables (a
        convenience key).
      type: str
      sample: "{1c6b5f3a-2d4e-4f70-8a9b-0123456789ab}"
'''

from ansible_collections.bitbucket.cloud.plugins.module_utils.module import BitbucketModule
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.pipeline_variable import (
    find_environment, is_environment_uuid, normalize_uuid, validate_scope, variable_view, variables_path)


def main():
    module = BitbucketModule(argument_spec=dict(
        workspace=dict(type='str', required=True),
        repository=dict(type='str'),
        environment=dict(type='str'),
    ))
    workspace = module.params['workspace']
    repository = module.params['repository']
    environment = module.params['environment']
    module.validate(lambda: validate_scope(workspace, repository, environment))

    def action():
        uuid = None
        if environment is not None:
            uuid = normalize_uuid(environment) if is_environment_uuid(environment) else normalize_uuid(
                find_environment(module.client, workspace, repository, environment).get('uuid'))
        variables = module.client.paginate(variables_path(workspace, repository, uuid))
        return dict(changed=False, variables=[variable_view(v, workspace, repository, uuid) for v in variables])

    module.run(action)


if __name__ == '__main__':
    main()
