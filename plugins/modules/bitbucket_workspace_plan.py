#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: bitbucket_workspace_plan
short_description: Plan the changes that converge a Bitbucket Cloud workspace to a declared state
version_added: 1.0.0
description:
  - Read the declared part of a workspace (projects, repositories, their webhooks and explicit grants, and the
    workspace webhooks) and return the changes needed to make it match the declaration, without making any.
  - This is the first step of the C(bitbucket.cloud.workspace_provision) role and of the
    C(bitbucket.cloud.drift_check) playbook. Its options are the role's input without the C(bitbucket_) prefix.
  - "It reads in bulk: one project list, repository lists of up to 100 repositories, the webhook list of each
    declared repository that declares webhooks, the grant lists of each declared repository and project that
    declares permissions (both kinds with O(prune)), and the members named by email, a few requests at a time
    in parallel."
  - Each object is compared exactly as M(bitbucket.cloud.bitbucket_project), M(bitbucket.cloud.bitbucket_repo),
    M(bitbucket.cloud.bitbucket_webhook) and M(bitbucket.cloud.bitbucket_permission) compare it (the same code),
    and M(bitbucket.cloud.bitbucket_workspace) applies exactly this plan.
  - Only the options you set are compared. Invalid input fails before any API call, with every mistake at once,
    each named by its place in the input, for example C(repositories[2].webhooks[0].events).
  - Users that would be granted something are checked against the workspace members; a user who is not a member
    fails the plan.
  - It never reports C(changed) and never returns a webhook secret.
author:
  - bitbucket.cloud maintainers (@bitbucket-cloud)
notes:
  - "Scopes: API token C(read:project:bitbucket), C(read:repository:bitbucket) and C(read:webhook:bitbucket);
    OAuth C(project), C(repository) and C(webhook), plus C(repository:admin) and C(project:admin) to read grants."
  - Reading the grants of a repository or project needs an administrator of it, and reading the workspace webhooks
    needs the workspace owner. Repository, project and workspace access tokens cannot read grants at all.
  - Applying the plan needs the scopes of the modules that apply it.
extends_documentation_fragment:
  - bitbucket.cloud.workspace_spec
  - bitbucket.cloud.connection
  - bitbucket.cloud.attributes
  - bitbucket.cloud.attributes.info
seealso:
  - module: bitbucket.cloud.bitbucket_project
  - module: bitbucket.cloud.bitbucket_repo
  - module: bitbucket.cloud.bitbucket_webhook
  - module: bitbucket.cloud.bitbucket_permission
'''

EXAMPLES = r'''
- name: Plan a workspace from a spec file
  bitbucket.cloud.bitbucket_workspace_plan:
    workspace: acme
    projects:
      - key: OPS
        name: Operations
        permissions:
          groups: {developers: write}
    repositories:
      - name: infra-live
        project: OPS
        webhooks:
          - url: https://ci.example.com/bitbucket
            events: [repo:push, pullrequest:created]
            secret: "{{ vault_ci_webhook_secret }}"
        permissions:
          groups: {developers: write}
    prune: true
  register: workspace_plan

- name: Fail when Bitbucket differs from the spec
  ansible.builtin.fail:
    msg: "{{ workspace_plan.differences }}"
  when: workspace_plan.summary.total > 0
'''

RETURN = r'''
plan:
  description:
    - The actions that converge the workspace, per kind, in the order to apply them. Each action has C(action)
      (V(create), V(update) or V(delete)), the options that identify the object for its module, C(changes),
      a dictionary of option to C(before) and C(after), C(declared), the place of the object in the input
      (for example V(repositories[0].webhooks[1])), or null for a removal planned by O(prune), and C(text),
      the action in one line for people (as in RV(differences)).
    - A removal appears only with O(prune), and only for webhooks and explicit grants.
    - Webhook secrets never appear; a secret to be sent shows as a change of C(secret_set) or as C(secret) with
      placeholder texts.
    - Project keys match ignoring case; an action names a project by the key Bitbucket stores.
  returned: always
  type: dict
  contains:
    projects:
      description: Actions for M(bitbucket.cloud.bitbucket_project) (C(workspace), C(key), C(changes)).
      type: list
      elements: dict
      sample: [{action: create, workspace: acme, key: OPS, declared: "projects[0]",
                changes: {name: {before: null, after: Operations}}}]
    repositories:
      description: Actions for M(bitbucket.cloud.bitbucket_repo) (C(workspace), C(slug), C(changes)).
      type: list
      elements: dict
      sample: [{action: update, workspace: acme, slug: infra-live, declared: "repositories[0]",
                changes: {description: {before: old, after: Terraform and Ansible}}}]
    webhooks:
      description:
        - Actions for M(bitbucket.cloud.bitbucket_webhook) (C(workspace), C(repository), C(url), C(uuid) for a
          webhook to remove, C(changes)). C(repository) is null for a workspace webhook.
        - C(url) is shown without its credentials (a password or a credential-like query value becomes
          V(********)).
      type: list
      elements: dict
      sample: [{action: delete, workspace: acme, repository: legacy-app, url: https://old.example.com/hook,
                uuid: "{4b9c2f0e-8a1d-4c3b-9e7f-0123456789ab}", declared: null, changes: {}}]
    permissions:
      description:
        - Actions for M(bitbucket.cloud.bitbucket_permission) (C(workspace), C(repository) or C(project),
          C(user_id) or C(group), C(changes)).
      type: list
      elements: dict
      sample: [{action: create, workspace: acme, repository: infra-live, group: developers,
                declared: "repositories[0].permissions.groups.developers", changes: {permission: {before: null, after: write}}}]
    pipeline_variables:
      description:
        - Actions for M(bitbucket.cloud.bitbucket_pipeline_variable) (C(workspace), C(repository), C(key), C(changes)).
          C(repository) is null for a workspace variable.
        - A secured value never appears, only placeholder texts; a change of C(secured) is an update whose text says
          the variable is deleted and created again.
      type: list
      elements: dict
      sample: [{action: create, workspace: acme, repository: infra-live, key: NPM_TOKEN, declared: "repositories[0].pipeline_variables[0]",
                changes: {key: {before: null, after: NPM_TOKEN}, secured: {before: null, after: true},
                          value: {before: null, after: "(secured, not shown)"}}}]
    environments:
      description:
        - Actions for M(bitbucket.cloud.bitbucket_deployment_environment) (C(workspace), C(repository), C(name),
          C(changes)). Never a removal.
        - The variables of an environment are in RV(plan.pipeline_variables), with C(environment) (its name).
      type: list
      elements: dict
      sample: [{action: create, workspace: acme, repository: infra-live, name: Production EU,
                declared: "repositories[0].environments[0]", changes: {name: {before: null, after: Production EU},
                environment_type: {before: null, after: Production}, admin_only: {before: null, after: true}}}]
summary:
  description: How many actions of each kind the plan holds, and C(total).
  returned: always
  type: dict
  sample: {projects: {create: 1, update: 0, delete: 0}, repositories: {create: 1, update: 0, delete: 0},
           webhooks: {create: 1, update: 0, delete: 0}, permissions: {create: 2, update: 0, delete: 0}, total: 5}
unmanaged:
  description:
    - The webhooks and explicit grants found on the lists the input gives that it does not declare and that are not
      planned for removal (without O(prune)). Each has C(kind), the options that identify it, and C(text).
  returned: always
  type: list
  elements: dict
  sample: [{kind: webhook, workspace: acme, repository: infra-live, url: https://old.example.com/hook,
            uuid: "{4b9c2f0e-8a1d-4c3b-9e7f-0123456789ab}", text: "webhook https://old.example.com/hook of repository infra-live"}]
differences:
  description: One line per planned action, for people (drift reports, previews).
  returned: always
  type: list
  elements: str
  sample: ["create project OPS: name='Operations'", "update repository infra-live: description 'old' -> 'new'"]
'''

from ansible_collections.bitbucket.cloud.plugins.module_utils.engine import WorkspaceEngine, workspace_argument_spec
from ansible_collections.bitbucket.cloud.plugins.module_utils.module import BitbucketModule


def main():
    module = BitbucketModule(argument_spec=workspace_argument_spec())
    module.plan_workspace(WorkspaceEngine, apply=False)


if __name__ == '__main__':
    main()
