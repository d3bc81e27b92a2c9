#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: bitbucket_workspace
short_description: Converge a Bitbucket Cloud workspace to a declared state in one task
version_added: 2.0.0
description:
  - Plan the changes that converge the declared part of a workspace (projects, repositories, their webhooks and
    explicit grants, and the workspace webhooks), exactly as M(bitbucket.cloud.bitbucket_workspace_plan) does,
    then apply them in the same process, a few writes at a time (O(parallel)).
  - This is the converge step of the C(bitbucket.cloud.workspace_provision) role. Its options are the role's input
    without the C(bitbucket_) prefix, plus O(parallel).
  - "Order: projects, then repositories, then webhooks and grants; creates and updates before any removal. The
    removals (O(prune)) on a repository or project run only when every create and update on it succeeded, and a
    webhook is read again just before its removal: one that changed since it was planned is kept."
  - When a change fails, the changes that do not depend on it still go on, the ones that do are skipped, and the
    task fails at the end, listing RV(applied), RV(failed_actions) and RV(skipped_actions). Running it again applies what is missing.
  - Invalid input fails before any API call, with every mistake at once, each named by its place in the input
    (for example C(repositories[2].webhooks[0].events)); users that would be granted something are checked against
    the workspace members before anything is written.
  - In check mode it only plans. With C(--diff) it shows the before and after of each object.
  - When Bitbucket answers with C(X-RateLimit-NearLimit) set, it goes on with one request at a time.
author:
  - bitbucket.cloud maintainers (@bitbucket-cloud)
options:
  parallel:
    description:
      - How many writes are in flight at a time.
    type: int
    default: 4
notes:
  - "Scopes: those of M(bitbucket.cloud.bitbucket_project), M(bitbucket.cloud.bitbucket_repo),
    M(bitbucket.cloud.bitbucket_webhook) and M(bitbucket.cloud.bitbucket_permission) for what is changed, and
    those of M(bitbucket.cloud.bitbucket_workspace_plan) to read."
  - Naming users by email needs a workspace administrator's credentials (Bitbucket lets only them look members up
    by email).
extends_documentation_fragment:
  - bitbucket.cloud.workspace_spec
  - bitbucket.cloud.connection
  - bitbucket.cloud.attributes
  - bitbucket.cloud.attributes.write
seealso:
  - module: bitbucket.cloud.bitbucket_workspace_plan
'''

EXAMPLES = r'''
- name: Converge a workspace from a spec file
  bitbucket.cloud.bitbucket_workspace:
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
          users: {alice@example.com: admin}
    prune: true
  register: converged

- name: Show what was applied
  ansible.builtin.debug:
    msg: "{{ converged.applied }}"
'''

RETURN = r'''
plan:
  description:
    - The actions that converge the workspace (all planned, whether applied or not), per kind, in the order to apply them. Each action has C(action)
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
applied:
  description: The changes made, one line each, in the order they were applied. Empty in check mode.
  returned: when not in check mode
  type: list
  elements: str
  sample: ["create project OPS: name='Operations'"]
failed_actions:
  description:
    - The changes that failed, each with C(action) (the line) and C(error).
    - Not named C(failed), which Ansible reserves for the task's own status.
  returned: when not in check mode
  type: list
  elements: dict
  sample: [{action: "create permission of group developrs on repository infra-live: permission='write'",
            error: "group: developrs does not exist in workspace acme (...)"}]
skipped_actions:
  description:
    - Not named C(skipped), which Ansible reserves for the task's own status.
    - The changes not tried because one they depend on failed, each with C(action) and C(reason). A repository
      that could not be created skips its webhooks and grants; removals on a repository or project are skipped when
      any change on it failed.
  returned: when not in check mode
  type: list
  elements: dict
  sample: [{action: "delete permission of group developers on repository infra-live (write)",
            reason: "not tried: create permission of group developrs on repository infra-live: permission='write' failed"}]
'''

from ansible_collections.bitbucket.cloud.plugins.module_utils.engine import WorkspaceEngine, workspace_argument_spec
from ansible_collections.bitbucket.cloud.plugins.module_utils.module import BitbucketModule


def main():
    module = BitbucketModule(argument_spec=dict(workspace_argument_spec(), parallel=dict(type='int', default=4)))
    if module.params['parallel'] < 1:
        module.fail_json(msg='parallel: must be 1 or more, got %d' % module.params['parallel'])
    module.plan_workspace(WorkspaceEngine)


if __name__ == '__main__':
    main()
