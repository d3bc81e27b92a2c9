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
    declared repository that declares webhooks (or of every declared repository with O(prune)), and the grant
    lists of each declared repository and project that declares permissions (or of every one with O(prune)),
    a few requests at a time in parallel."
  - Each object is compared exactly as M(bitbucket.cloud.bitbucket_project), M(bitbucket.cloud.bitbucket_repo),
    M(bitbucket.cloud.bitbucket_webhook) and M(bitbucket.cloud.bitbucket_permission) compare it (the same code),
    so applying the planned actions with those modules converges the workspace, and a plan made afterwards is empty.
  - Only the options you set are compared. Invalid input fails before any API call, naming the option by its
    place in the input, for example C(repositories[2].webhooks[0].events).
  - It never reports C(changed) and never returns a webhook secret.
author:
  - bitbucket.cloud maintainers (@bitbucket-cloud)
options:
  workspace:
    description:
      - The workspace slug or C({UUID}).
    type: str
    required: true
  projects:
    description:
      - The projects to create or update, identified by O(projects[].key). Projects not listed are left alone.
    type: list
    elements: dict
    default: []
    suboptions:
      key:
        description:
          - The project key, as in M(bitbucket.cloud.bitbucket_project).
        type: str
        required: true
      name:
        description:
          - The project name. Required to create the project.
        type: str
      description:
        description:
          - The project description.
        type: str
      is_private:
        description:
          - Whether the project is private.
        type: bool
      permissions:
        description:
          - Explicit grants on the project, as in M(bitbucket.cloud.bitbucket_permission).
        type: dict
        suboptions:
          users:
            description:
              - Atlassian account ID or user C({UUID}) to permission (V(read), V(write), V(create-repo) or V(admin)).
            type: dict
          groups:
            description:
              - Group slug to permission (V(read), V(write), V(create-repo) or V(admin)).
            type: dict
  repositories:
    description:
      - The repositories to create or update, identified by their slug (O(repositories[].slug), or derived from
        O(repositories[].name)). Repositories not listed are left alone.
    type: list
    elements: dict
    default: []
    suboptions:
      name:
        description:
          - The repository name, as in M(bitbucket.cloud.bitbucket_repo). Required to create the repository.
        type: str
      slug:
        description:
          - The repository slug; by default derived from O(repositories[].name) by Bitbucket's rules.
        type: str
      project:
        description:
          - The key of the project that holds the repository. It must exist or be declared in O(projects).
        type: str
      description:
        description:
          - The repository description.
        type: str
      is_private:
        description:
          - Whether the repository is private. A repository created without it is created private.
        type: bool
      fork_policy:
        description:
          - Who may fork the repository.
        type: str
        choices: [allow_forks, no_public_forks, no_forks]
      language:
        description:
          - The repository's main language.
        type: str
      mainbranch:
        description:
          - The name of the main branch.
        type: str
      webhooks:
        description:
          - Webhooks of the repository, each identified by its URL, as in M(bitbucket.cloud.bitbucket_webhook).
        type: list
        elements: dict
        suboptions:
          url:
            description:
              - The URL events are delivered to; it identifies the webhook.
            type: str
            required: true
          description:
            description:
              - The webhook's description.
            type: str
          events:
            description:
              - The event keys, compared as a set. Required to create the webhook.
              - The event keys are those of M(bitbucket.cloud.bitbucket_webhook), for example V(repo:push) or
                V(pullrequest:created).
            type: list
            elements: str
          active:
            description:
              - Whether events are delivered. A new webhook is active unless this is V(false).
            type: bool
          skip_cert_verification:
            description:
              - Whether Bitbucket skips the TLS certificate check when delivering.
            type: bool
          secret:
            description:
              - The secret that signs deliveries. Bitbucket never returns it; it is planned when the webhook is
                created, when the existing webhook has none, or on every run with O(repositories[].webhooks[].secret_update=always).
              - It never appears in the result.
            type: str
          secret_update:
            description:
              - When the secret is sent, as in M(bitbucket.cloud.bitbucket_webhook).
            type: str
            choices: [on_create, always]
            default: on_create
      permissions:
        description:
          - Explicit grants on the repository.
        type: dict
        suboptions:
          users:
            description:
              - Atlassian account ID or user C({UUID}) to permission (V(read), V(write) or V(admin)).
            type: dict
          groups:
            description:
              - Group slug to permission (V(read), V(write) or V(admin)).
            type: dict
  workspace_webhooks:
    description:
      - The webhooks of the workspace itself, each identified by its URL (only workspace owners can manage them).
      - Omit it to leave the workspace webhooks alone. With O(prune), V([]) removes them all.
    type: list
    elements: dict
    suboptions:
      url:
        description:
          - The URL events are delivered to; it identifies the webhook.
        type: str
        required: true
      description:
        description:
          - The webhook's description.
        type: str
      events:
        description:
          - The event keys, compared as a set. Required to create the webhook.
        type: list
        elements: str
      active:
        description:
          - Whether events are delivered. A new webhook is active unless this is V(false).
        type: bool
      skip_cert_verification:
        description:
          - Whether Bitbucket skips the TLS certificate check when delivering.
        type: bool
      secret:
        description:
          - The secret that signs deliveries; never returned.
        type: str
      secret_update:
        description:
          - When the secret is sent, as in M(bitbucket.cloud.bitbucket_webhook).
        type: str
        choices: [on_create, always]
        default: on_create
  prune:
    description:
      - Also plan the removal of webhooks and explicit grants that the input does not declare, on the declared
        repositories and projects, and of workspace webhooks when O(workspace_webhooks) is given.
      - Repositories and projects are never removed.
    type: bool
    default: false
notes:
  - "Scopes: API token C(read:project:bitbucket), C(read:repository:bitbucket) and C(read:webhook:bitbucket);
    OAuth C(project), C(repository) and C(webhook), plus C(repository:admin) and C(project:admin) to read grants."
  - Reading the grants of a repository or project needs an administrator of it, and reading the workspace webhooks
    needs the workspace owner. Repository, project and workspace access tokens cannot read grants at all.
  - Applying the plan needs the scopes of the modules that apply it.
extends_documentation_fragment:
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
          V(********)); apply a webhook with the URL declared in the input, or with C(uuid) for a removal.
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
summary:
  description: How many actions of each kind the plan holds, and C(total).
  returned: always
  type: dict
  sample: {projects: {create: 1, update: 0, delete: 0}, repositories: {create: 1, update: 0, delete: 0},
           webhooks: {create: 1, update: 0, delete: 0}, permissions: {create: 2, update: 0, delete: 0}, total: 5}
differences:
  description: One line per planned action, for people (drift reports, previews).
  returned: always
  type: list
  elements: str
  sample: ["create project OPS: name='Operations'", "update repository infra-live: description 'old' -> 'new'"]
'''

from ansible_collections.bitbucket.cloud.plugins.module_utils.module import BitbucketModule
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.plan import WorkspacePlan
from ansible_collections.bitbucket.cloud.plugins.module_utils.repository import FORK_POLICIES
from ansible_collections.bitbucket.cloud.plugins.module_utils.webhook import SECRET_UPDATE_CHOICES

GRANTS = dict(type='dict', options=dict(users=dict(type='dict'), groups=dict(type='dict')))
WEBHOOK = dict(
    url=dict(type='str', required=True),
    description=dict(type='str'),
    events=dict(type='list', elements='str'),
    active=dict(type='bool'),
    skip_cert_verification=dict(type='bool'),
    secret=dict(type='str', no_log=True),
    secret_update=dict(type='str', choices=list(SECRET_UPDATE_CHOICES), default='on_create', no_log=False),
)


def main():
    module = BitbucketModule(argument_spec=dict(
        workspace=dict(type='str', required=True),
        projects=dict(type='list', elements='dict', default=[], options=dict(
            key=dict(type='str', required=True, no_log=False),
            name=dict(type='str'),
            description=dict(type='str'),
            is_private=dict(type='bool'),
            permissions=GRANTS,
        )),
        repositories=dict(type='list', elements='dict', default=[], options=dict(
            name=dict(type='str'),
            slug=dict(type='str'),
            project=dict(type='str'),
            description=dict(type='str'),
            is_private=dict(type='bool'),
            fork_policy=dict(type='str', choices=list(FORK_POLICIES)),
            language=dict(type='str'),
            mainbranch=dict(type='str'),
            webhooks=dict(type='list', elements='dict', options=WEBHOOK),
            permissions=GRANTS,
        )),
        workspace_webhooks=dict(type='list', elements='dict', options=WEBHOOK),
        prune=dict(type='bool', default=False),
    ))
    try:
        planner = WorkspacePlan(module.client, module.params)
    except InputError as exc:
        module.fail_json(msg=str(exc))

    def action():
        result = planner.build()
        for url in planner.listed_hook_urls():
            module.mask_url_credentials(url)
        for warning in planner.warnings:
            module.warn(warning)
        return dict(changed=False, **result)

    module.run(action)


if __name__ == '__main__':
    main()
