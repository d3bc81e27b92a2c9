#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: bitbucket_workspace_export
short_description: Export a Bitbucket Cloud workspace as the input of the workspace_provision role
version_added: 2.0.0
description:
  - Reads a live workspace, all of it or only some projects or repositories, and returns RV(spec) in exactly the
    input format of the P(bitbucket.cloud.workspace_provision#role) role (C(bitbucket_workspace),
    C(bitbucket_projects), C(bitbucket_repositories) with their C(webhooks), C(permissions), C(deploy_keys),
    C(pipeline_variables), C(environments), C(branch_restrictions), C(default_reviewers) and C(branching_model),
    C(bitbucket_workspace_webhooks), C(bitbucket_workspace_variables)). Deploy keys are public keys, exported with
    their label and comment. This is how an existing workspace is brought under management;
    provisioning the exported spec on the same workspace changes nothing.
  - A project's branching model is exported when it is not Bitbucket's default; a repository's only when it differs
    from its project's and is the model in force on it (its effective model), so a repository that inherits its
    project's model is not given one of its own.
  - Only what a user writes is exported (no uuids, no read-only fields), sorted by project key, repository slug
    and webhook URL, with users as Atlassian account IDs.
  - Values Bitbucket never returns cannot be exported. RV(write_only) lists their places (for example the secret of
    a webhook that has one, or the value of a secured Pipelines or deployment variable), to be supplied before the
    spec is provisioned.
  - Reads in bulk, like M(bitbucket.cloud.bitbucket_workspace_plan). Never changes Bitbucket.
author:
  - bitbucket.cloud maintainers (@bitbucket-cloud)
options:
  workspace:
    description:
      - The workspace slug.
    type: str
    required: true
  projects:
    description:
      - Export only these projects (keys) and their repositories. The workspace webhooks and variables are then
        left out.
    type: list
    elements: str
  repositories:
    description:
      - Export only these repositories (slugs) and the projects that hold them. The workspace webhooks and
        variables are then left out.
    type: list
    elements: str
  raw_dir:
    description:
      - Also write the raw API JSON of each exported object under this directory
        (C(projects/KEY.json), C(repositories/SLUG.json) with the repository's webhooks, grants, deploy keys,
        variables and environments with their variables, branch restrictions, default reviewers and branching model
        settings, C(workspace.json), C(workspace_webhooks.json), C(workspace_variables.json)). Secured values are not
        in them, as Bitbucket never returns them. Only files whose content differs are written; the task then reports
        a change.
      - Used by the P(bitbucket.cloud.workspace_backup#role) role.
    type: path
notes:
  - "Scopes: API token C(read:repository:bitbucket), C(read:project:bitbucket), C(read:webhook:bitbucket),
    C(read:permission:bitbucket), C(read:pipeline:bitbucket), C(read:pullrequest:bitbucket) (default reviewers),
    C(admin:repository:bitbucket) (deploy keys, branch restrictions, branching models) and C(admin:project:bitbucket)
    (deploy keys, branching models); the grant lists need an API token (access tokens cannot read permissions); the
    variable lists need an administrator of the workspace and the repositories."
  - "Without C(read:pipeline:bitbucket) or C(admin:repository:bitbucket), a warning says that the Pipelines settings
    of a repository are not exported."
  - A webhook is identified by its URL in the role's input; when two webhooks of one owner have the same URL, the
    older one is exported and a warning names the other.
extends_documentation_fragment:
  - bitbucket.cloud.connection
  - bitbucket.cloud.attributes
attributes:
  check_mode:
    description: Reads the same in check mode; with O(raw_dir), reports the files it would write without writing.
    support: full
  diff_mode:
    description: Makes no change in Bitbucket, so there is no diff.
    support: none
seealso:
  - module: bitbucket.cloud.bitbucket_workspace_plan
'''

EXAMPLES = r'''
- name: Export the whole workspace
  bitbucket.cloud.bitbucket_workspace_export:
    workspace: acme
    user: alice@example.com
    password: "{{ vault_bitbucket_api_token }}"
  register: export

- name: Show the places whose values must be supplied
  ansible.builtin.debug:
    msg: "{{ export.write_only | map(attribute='place') | list }}"

- name: Provision the exported spec (nothing changes)
  ansible.builtin.include_role:
    name: bitbucket.cloud.workspace_provision
  vars:
    bitbucket_workspace: "{{ export.spec.bitbucket_workspace }}"
    bitbucket_projects: "{{ export.spec.bitbucket_projects }}"
    bitbucket_repositories: "{{ export.spec.bitbucket_repositories }}"
'''

RETURN = r'''
spec:
  description: The workspace as the role's input.
  returned: success
  type: dict
  contains:
    bitbucket_workspace:
      description: The workspace slug.
      type: str
      sample: acme
    bitbucket_projects:
      description: The projects (C(key), C(name), C(description), C(is_private), C(permissions), C(deploy_keys)).
      type: list
      elements: dict
    bitbucket_repositories:
      description:
        - The repositories (C(name), C(slug), C(project), C(description), C(is_private), C(fork_policy),
          C(language), C(mainbranch), C(webhooks), C(permissions), C(deploy_keys), C(pipeline_variables),
          C(environments), C(pipelines), C(branch_restrictions) with users as account IDs).
        - A variable has C(key) and C(secured), and C(value) only when not secured.
        - An environment has C(name), C(environment_type), C(admin_only) and its deployment C(variables); every
          environment is exported, those Bitbucket created by itself included.
        - C(pipelines) holds C(enabled), the C(known_hosts) when there are some and the C(ssh_key_pair)'s public key
          when there is one (its private key is listed in RV(write_only)).
      type: list
      elements: dict
    bitbucket_workspace_webhooks:
      description: The workspace's own webhooks; only when the whole workspace is exported.
      type: list
      elements: dict
      returned: without O(projects) and O(repositories)
    bitbucket_workspace_variables:
      description: The workspace's own Pipelines variables (C(key), C(secured), C(value) when not secured); only when
        the whole workspace is exported.
      type: list
      elements: dict
      returned: without O(projects) and O(repositories)
write_only:
  description: The places of values Bitbucket never returns, to be supplied.
  returned: success
  type: list
  elements: dict
  sample: [{"place": "bitbucket_repositories[0].webhooks[0].secret", "kind": "webhook_secret"}]
  contains:
    place:
      description: Where the value goes in RV(spec).
      type: str
    kind:
      description: What the value is (V(webhook_secret), V(pipeline_variable_value), V(ssh_private_key)).
      type: str
written:
  description: With O(raw_dir), the files written (relative to it).
  returned: O(raw_dir) given
  type: list
  elements: str
counts:
  description: How many projects, repositories, webhooks and Pipelines variables were exported.
  returned: success
  type: dict
  sample: {"projects": 3, "repositories": 12, "webhooks": 14, "variables": 5}
'''

from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.export import WorkspaceExport, write_raw
from ansible_collections.bitbucket.cloud.plugins.module_utils.module import BitbucketModule
from ansible_collections.bitbucket.cloud.plugins.module_utils.patterns import validate_project_key, validate_slug, validate_workspace


def main():
    module = BitbucketModule(argument_spec=dict(
        workspace=dict(type='str', required=True),
        projects=dict(type='list', elements='str'),
        repositories=dict(type='list', elements='str'),
        raw_dir=dict(type='path'),
    ))
    params = module.params
    try:
        validate_workspace(params['workspace'])
        if params['workspace'].startswith('{'):
            raise InputError('workspace', 'must be the workspace slug (the spec names the workspace by slug)')
        for index, key in enumerate(params['projects'] or []):
            validate_project_key(key, 'projects[%d]' % index)
        for index, slug in enumerate(params['repositories'] or []):
            validate_slug(slug, 'repositories[%d]' % index)
    except InputError as exc:
        module.fail_json(msg=str(exc))

    def action():
        export = WorkspaceExport(module.client, params['workspace'], params['projects'], params['repositories'])
        result = export.build()
        spec = result['spec']
        result['counts'] = dict(
            projects=len(spec['bitbucket_projects']), repositories=len(spec['bitbucket_repositories']),
            webhooks=sum(len(r.get('webhooks') or []) for r in spec['bitbucket_repositories'])
            + len(spec.get('bitbucket_workspace_webhooks') or []),
            variables=sum(len(r.get('pipeline_variables') or []) for r in spec['bitbucket_repositories'])
            + len(spec.get('bitbucket_workspace_variables') or []))
        result['changed'] = False
        if params['raw_dir']:
            result['written'] = write_raw(params['raw_dir'], export.raw, module.check_mode)
            result['changed'] = bool(result['written'])
        for warning in export.warnings:
            module.warn(warning)
        return result

    module.run(action)


if __name__ == '__main__':
    main()
