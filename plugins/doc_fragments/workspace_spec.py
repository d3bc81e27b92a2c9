# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The workspace spec: the options of bitbucket_workspace_plan and bitbucket_workspace, written once.

The argument spec itself derives from the resource declarations (module_utils/engine.py); sanity's
validate-modules keeps these docs in step with it.
"""


class ModuleDocFragment(object):

    DOCUMENTATION = r'''
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
              - User to permission (V(read), V(write), V(create-repo) or V(admin)). A user is an Atlassian account ID,
                a user C({UUID}) or the email address of a workspace member (looked up among the workspace members,
                which needs a workspace administrator's credentials).
            type: dict
          groups:
            description:
              - Group slug to permission (V(read), V(write), V(create-repo) or V(admin)).
            type: dict
      default_reviewers:
        description:
          - Default reviewers of the project (added to every new pull request of its repositories), as in
            M(bitbucket.cloud.bitbucket_default_reviewer), as Atlassian account IDs, user C({UUID})s or email addresses
            of workspace members. Omit it to leave them alone; with O(prune), the list is exact.
        type: list
        elements: str
      branching_model:
        description:
          - The branching model of the project, as in M(bitbucket.cloud.bitbucket_branching_model). Only what is given is
            compared and set (the branch types per kind given, in any order); it is never removed, and O(prune) does not
            touch it.
        type: dict
        suboptions:
          development:
            description:
              - The development branch.
            type: dict
            suboptions:
              name:
                description:
                  - The branch; it implies V(use_mainbranch=false).
                type: str
              use_mainbranch:
                description:
                  - V(true) tracks the main branch (then leave C(name) out); V(false) needs C(name).
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
                  - The branch; it implies V(use_mainbranch=false).
                type: str
              use_mainbranch:
                description:
                  - V(true) tracks the main branch (then leave C(name) out); V(false) needs C(name).
                type: bool
          branch_types:
            description:
              - The branch types to set, each identified by C(kind); the kinds left out keep their settings.
            type: list
            elements: dict
            suboptions:
              kind:
                description:
                  - V(feature), V(bugfix), V(release) or V(hotfix).
                type: str
              prefix:
                description:
                  - The prefix of the branches of this kind, for example V(feature/).
                type: str
              enabled:
                description:
                  - Whether the branch type is enabled.
                type: bool
          default_branch_deletion:
            description:
              - Whether pull requests delete their source branch on merge by default.
            type: bool
      deploy_keys:
        description:
          - Deploy keys of the project, as in M(bitbucket.cloud.bitbucket_deploy_key), each identified by its key
            type and base64 data (the comment is ignored). The same key twice in one list is an input error.
          - A new label deletes the key and adds it again (Bitbucket cannot relabel a key in place).
          - With O(prune), the list is exact; left out, the project's deploy keys are left alone.
        type: list
        elements: dict
        suboptions:
          key:
            description:
              - The OpenSSH public key, one line C(<type> <base64> [comment]). Checked before any API call; a private
                key given by mistake fails and is never shown.
            type: str
            required: true
          label:
            description:
              - The label Bitbucket shows for the key; compared only when given.
            type: str
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
              - The URL events are delivered to; it identifies the webhook unless O(repositories[].webhooks[].uuid)
                is given. Required to create the webhook.
            type: str
          uuid:
            description:
              - The UUID of an existing webhook, to pick one of several webhooks with the same URL. A UUID that
                matches no webhook of the repository fails the plan.
            type: str
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
              - User to permission (V(read), V(write) or V(admin)), as an Atlassian account ID, a user C({UUID}) or
                the email address of a workspace member.
            type: dict
          groups:
            description:
              - Group slug to permission (V(read), V(write) or V(admin)).
            type: dict
      default_reviewers:
        description:
          - Default reviewers of the repository (added to every new pull request), as in
            M(bitbucket.cloud.bitbucket_default_reviewer), as Atlassian account IDs, user C({UUID})s or email addresses
            of workspace members. Omit it to leave them alone; with O(prune), the list is exact.
        type: list
        elements: str
      branching_model:
        description:
          - The branching model of the repository, as in M(bitbucket.cloud.bitbucket_branching_model). Only what is given is
            compared and set (the branch types per kind given, in any order); it is never removed, and O(prune) does not
            touch it.
          - Setting the model of a repository makes it stop inheriting the model of its project (a side effect
            documented by Bitbucket); the plan warns about it.
        type: dict
        suboptions:
          development:
            description:
              - The development branch.
            type: dict
            suboptions:
              name:
                description:
                  - The branch; it implies V(use_mainbranch=false).
                type: str
              use_mainbranch:
                description:
                  - V(true) tracks the main branch (then leave C(name) out); V(false) needs C(name).
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
                  - The branch; it implies V(use_mainbranch=false).
                type: str
              use_mainbranch:
                description:
                  - V(true) tracks the main branch (then leave C(name) out); V(false) needs C(name).
                type: bool
          branch_types:
            description:
              - The branch types to set, each identified by C(kind); the kinds left out keep their settings.
            type: list
            elements: dict
            suboptions:
              kind:
                description:
                  - V(feature), V(bugfix), V(release) or V(hotfix).
                type: str
              prefix:
                description:
                  - The prefix of the branches of this kind, for example V(feature/).
                type: str
              enabled:
                description:
                  - Whether the branch type is enabled.
                type: bool
          default_branch_deletion:
            description:
              - Whether pull requests delete their source branch on merge by default.
            type: bool
      deploy_keys:
        description:
          - Deploy keys of the repository, as in M(bitbucket.cloud.bitbucket_deploy_key), each identified by its key
            type and base64 data (the comment is ignored). The same key twice in one list is an input error.
          - A new label deletes the key and adds it again (Bitbucket cannot relabel a key in place).
          - With O(prune), the list is exact; left out, the repository's deploy keys are left alone.
        type: list
        elements: dict
        suboptions:
          key:
            description:
              - The OpenSSH public key, one line C(<type> <base64> [comment]). Checked before any API call; a private
                key given by mistake fails and is never shown.
            type: str
            required: true
          label:
            description:
              - The label Bitbucket shows for the key; compared only when given.
            type: str
      pipeline_variables:
        description:
          - Pipelines variables of the repository, each identified by its key, as in
            M(bitbucket.cloud.bitbucket_pipeline_variable). Left out, the variables are left alone.
        type: list
        elements: dict
        suboptions:
          key:
            description:
              - The variable name; it identifies the variable (case-sensitive). ASCII letters, digits and underscores, not
                starting with a digit.
            type: str
            required: true
          value:
            description:
              - The value. Required to create the variable, and to change O(repositories[].pipeline_variables[].secured).
              - Not secured, it is compared. Secured, Bitbucket never returns it; it is planned when the variable is created,
                or on every run with O(repositories[].pipeline_variables[].value_update=always). It never appears in the result.
            type: str
          secured:
            description:
              - Whether the value is secured. A new variable is not secured unless this is V(true); on an existing one it is
                compared only when given, and a change deletes the variable and creates it again.
            type: bool
          value_update:
            description:
              - When a secured value is sent, V(on_create) (the default) or V(always), as in
                M(bitbucket.cloud.bitbucket_pipeline_variable).
            type: str
            default: on_create
      environments:
        description:
          - Deployment environments of the repository, each identified by its name (ignoring case), as in
            M(bitbucket.cloud.bitbucket_deployment_environment).
          - Environments it does not declare (Bitbucket may create C(Test), C(Staging) and C(Production) by itself)
            are listed in RV(unmanaged) and never removed, not even with O(prune), because removing an environment removes its
            variables and its deployment history. Remove one with M(bitbucket.cloud.bitbucket_deployment_environment)
            and O(bitbucket.cloud.bitbucket_deployment_environment#module:state=absent).
        type: list
        elements: dict
        suboptions:
          name:
            description:
              - The environment name; it identifies the environment, ignoring case.
            type: str
            required: true
          environment_type:
            description:
              - V(Test), V(Staging) or V(Production). Required to create the environment.
              - Bitbucket cannot change the type of an existing environment; a different one fails the plan, before any
                change.
            type: str
          admin_only:
            description:
              - Whether only repository administrators may deploy to it; a new environment is not admin only unless
                V(true).
            type: bool
          variables:
            description:
              - Deployment variables of the environment, each identified by its key, as
                O(repositories[].pipeline_variables) and M(bitbucket.cloud.bitbucket_pipeline_variable) with its
                C(environment) option. Left out, the environment's variables are left alone; with O(prune), the list is
                exact.
              - The variables of an environment created by the same run are created after it.
            type: list
            elements: dict
            suboptions:
              key:
                description:
                  - The variable name; it identifies the variable in the environment (case-sensitive).
                type: str
                required: true
              value:
                description:
                  - The value. Required to create the variable, and to change
                    O(repositories[].environments[].variables[].secured).
                  - Not secured, it is compared. Secured, Bitbucket never returns it; it is sent when the variable is
                    created, or on every run with O(repositories[].environments[].variables[].value_update=always). It
                    never appears in the result.
                type: str
              secured:
                description:
                  - Whether the value is secured. A new variable is not secured unless this is V(true); a change deletes
                    the variable and creates it again.
                type: bool
              value_update:
                description:
                  - When a secured value is sent, V(on_create) (the default) or V(always).
                type: str
                default: on_create
      pipelines:
        description:
          - The repository's Pipelines settings, as in M(bitbucket.cloud.bitbucket_pipelines). Each setting left out
            is left alone; the key pair and the known hosts are read only when given. Never removed.
        type: dict
        suboptions:
          enabled:
            description:
              - Whether Pipelines runs for the repository.
            type: bool
          ssh_key_pair:
            description:
              - The SSH key pair builds use, identified by its public key; V({}) removes it.
              - It is sent when the repository has no key pair or one with another public key, or on every run with
                O(repositories[].pipelines.ssh_key_pair_update=always). Plans and diffs show a marker for the private key.
            type: dict
            suboptions:
              private_key:
                description:
                  - The private key (PEM or OpenSSH, without a passphrase). Write-only, never shown. Needed only when
                    the key pair is sent.
                type: str
              public_key:
                description:
                  - The public key, C(<type> <base64> [comment]).
                type: str
          ssh_key_pair_update:
            description:
              - When the key pair is sent, as in M(bitbucket.cloud.bitbucket_pipelines).
            type: str
            choices: [on_create, always]
            default: on_create
          known_hosts:
            description:
              - The known hosts, exact when given (hosts not listed are removed), each identified by its host name.
            type: list
            elements: dict
            suboptions:
              hostname:
                description:
                  - The host name, such as V(bitbucket.org).
                type: str
                required: true
              public_key:
                description:
                  - The host key, C(<type> <base64>).
                type: str
                required: true
      branch_restrictions:
        description:
          - Branch restrictions of the repository, as in M(bitbucket.cloud.bitbucket_branch_restriction), each
            identified by its O(repositories[].branch_restrictions[].kind) and its
            O(repositories[].branch_restrictions[].pattern) or O(repositories[].branch_restrictions[].branch_type).
            Declaring one twice is an error.
          - With O(prune), the list is exact; left out, the repository's restrictions are left alone.
        type: list
        elements: dict
        suboptions:
          kind:
            description:
              - What is restricted, one of the kinds of M(bitbucket.cloud.bitbucket_branch_restriction), for example
                V(push), V(delete), V(force), V(restrict_merges) or V(require_approvals_to_merge). Required.
            type: str
          pattern:
            description:
              - The branches it applies to, as a glob where V(*) matches any characters (V(main), V(release/*)).
                Give it or O(repositories[].branch_restrictions[].branch_type), not both.
            type: str
          branch_type:
            description:
              - The branches it applies to, by their type in the branching model (V(feature), V(bugfix),
                V(release), V(hotfix), V(development) or V(production)).
            type: str
          value:
            description:
              - The number the kind needs, only for V(require_approvals_to_merge),
                V(require_default_reviewer_approvals_to_merge), V(require_passing_builds_to_merge) and
                V(require_commits_behind); required to create them.
            type: int
          users:
            description:
              - Users exempt from a V(push) or V(restrict_merges) restriction (only those kinds), compared as a set,
                each an Atlassian account ID, a user C({UUID}) or the email address of a workspace member.
              - V([]) exempts nobody; left out, a new restriction exempts nobody and an existing one keeps its users.
            type: list
            elements: str
          groups:
            description:
              - Slugs of the groups exempt from a V(push) or V(restrict_merges) restriction, compared as a set.
            type: list
            elements: str
  workspace_webhooks:
    description:
      - The webhooks of the workspace itself, each identified by its URL (only workspace owners can manage them).
      - Omit it to leave the workspace webhooks alone. With O(prune), V([]) removes them all.
    type: list
    elements: dict
    suboptions:
      url:
        description:
          - The URL events are delivered to; it identifies the webhook unless O(workspace_webhooks[].uuid) is given.
            Required to create the webhook.
        type: str
      uuid:
        description:
          - The UUID of an existing workspace webhook, to pick one of several with the same URL.
        type: str
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
  workspace_variables:
    description:
      - The Pipelines variables of the workspace itself, each identified by its key (only workspace administrators
        can manage them), as in M(bitbucket.cloud.bitbucket_pipeline_variable).
      - Omit it to leave the workspace variables alone. With O(prune), V([]) removes them all.
    type: list
    elements: dict
    suboptions:
      key:
        description:
          - The variable name; it identifies the variable (case-sensitive). ASCII letters, digits and underscores, not
            starting with a digit.
        type: str
        required: true
      value:
        description:
          - The value. Required to create the variable, and to change O(workspace_variables[].secured).
          - Not secured, it is compared. Secured, Bitbucket never returns it; it is planned when the variable is created,
            or on every run with O(workspace_variables[].value_update=always). It never appears in the result.
        type: str
      secured:
        description:
          - Whether the value is secured. A new variable is not secured unless this is V(true); on an existing one it is
            compared only when given, and a change deletes the variable and creates it again.
        type: bool
      value_update:
        description:
          - When a secured value is sent, V(on_create) (the default) or V(always), as in
            M(bitbucket.cloud.bitbucket_pipeline_variable).
        type: str
        default: on_create
  prune:
    description:
      - Make each list given in the input exact (O(repositories[].webhooks), O(repositories[].permissions),
        O(repositories[].deploy_keys), O(repositories[].pipeline_variables), O(repositories[].environments[].variables),
        O(repositories[].branch_restrictions), O(repositories[].default_reviewers), O(projects[].permissions),
        O(projects[].deploy_keys), O(projects[].default_reviewers), O(workspace_webhooks), O(workspace_variables)),
        that is, remove the webhooks, explicit grants, deploy keys, variables, branch restrictions and default
        reviewers it does not declare. A list given empty removes them all; a list left out is left alone.
      - Repositories, projects, deployment environments and branching models are never removed.
    type: bool
    default: false
'''
