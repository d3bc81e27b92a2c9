#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: bitbucket_branch_restriction
short_description: Manage a branch restriction of a Bitbucket Cloud repository
version_added: 2.0.0
description:
  - Create, update or delete one branch restriction (branch permission or merge check) of a repository.
  - A restriction is identified by its repository, its O(kind) and the branches it applies to, given either as a
    glob O(pattern) or as a O(branch_type) of the repository's branching model. Bitbucket allows one restriction
    per kind and pattern, and one per kind and branch type.
  - Only the options you set are compared and changed; O(users) and O(groups) are compared as sets (order and
    repeats do not matter).
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
    type: str
    required: true
  kind:
    description:
      - What is restricted. Required.
      - V(push), V(delete), V(force) restrict pushing, deleting and force-pushing matching branches;
        V(restrict_merges) restricts merging pull requests into them.
      - The other kinds are merge checks, for example V(require_approvals_to_merge) or
        V(require_passing_builds_to_merge).
    type: str
    choices:
      - push
      - delete
      - force
      - restrict_merges
      - require_tasks_to_be_completed
      - require_approvals_to_merge
      - require_review_group_approvals_to_merge
      - require_default_reviewer_approvals_to_merge
      - require_no_changes_requested
      - require_passing_builds_to_merge
      - require_commits_behind
      - reset_pullrequest_approvals_on_change
      - smart_reset_pullrequest_approvals
      - reset_pullrequest_changes_requested_on_change
      - require_all_dependencies_merged
      - enforce_merge_checks
      - allow_auto_merge_when_builds_pass
      - require_all_comments_resolved
  pattern:
    description:
      - The branches the restriction applies to, as a glob where V(*) matches any characters, for example V(main),
        V(release/*) or V(*).
      - Give O(pattern) or O(branch_type), not both.
    type: str
  branch_type:
    description:
      - The branches the restriction applies to, by their type in the repository's branching model (Bitbucket's
        C(branch_match_kind=branching_model)).
      - Give O(pattern) or O(branch_type), not both.
    type: str
    choices: [feature, bugfix, release, hotfix, development, production]
  value:
    description:
      - The number the kind needs, only for these kinds, and required to create them.
      - V(require_approvals_to_merge), the minimum number of approvals; V(require_default_reviewer_approvals_to_merge),
        the minimum number of approvals from default reviewers; V(require_passing_builds_to_merge), the minimum
        number of passing builds; V(require_commits_behind), the maximum number of commits the branch may be behind
        its destination.
    type: int
  users:
    description:
      - The users exempt from a V(push) or V(restrict_merges) restriction, compared as a set. Only for those two
        kinds.
      - Each is an Atlassian account ID, a user C({UUID}) or the email address of a workspace member (looked up among
        the workspace members, which needs a workspace administrator's credentials).
      - V([]) exempts nobody. Left out, the users of an existing restriction are left alone, and a new restriction
        is created with none.
    type: list
    elements: str
  groups:
    description:
      - The slugs of the groups exempt from a V(push) or V(restrict_merges) restriction, compared as a set. Only for
        those two kinds.
      - V([]) exempts no group. Left out, the groups of an existing restriction are left alone, and a new
        restriction is created with none.
    type: list
    elements: str
  state:
    description:
      - V(present) creates or updates the restriction; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
notes:
  - "Scopes: API token C(admin:repository:bitbucket); OAuth C(repository:admin). Users given by email also need
    C(read:workspace:bitbucket) (OAuth C(account)) and a workspace administrator's credentials."
  - If the reply to the request that creates the restriction is lost (timeout or dropped connection), the module
    reads the restrictions before trying again, so it never creates the same restriction twice.
  - The exempt users must be members of the workspace; in check mode, users given by account ID or C({UUID}) are
    checked among the members.
extends_documentation_fragment:
  - bitbucket.cloud.connection
  - bitbucket.cloud.attributes
  - bitbucket.cloud.attributes.write
seealso:
  - module: bitbucket.cloud.bitbucket_branch_restriction_info
  - module: bitbucket.cloud.bitbucket_workspace
    description: Declares the branch restrictions of many repositories at once.
'''

EXAMPLES = r'''
- name: Only the admins group may push to main
  bitbucket.cloud.bitbucket_branch_restriction:
    workspace: acme
    repository: legacy-app
    kind: push
    pattern: main
    groups: [admins]
    users: []
    user: alice@example.com
    password: "{{ vault_bitbucket_api_token }}"

- name: Nobody may delete a release branch
  bitbucket.cloud.bitbucket_branch_restriction:
    workspace: acme
    repository: legacy-app
    kind: delete
    pattern: release/*

- name: Require two approvals to merge into the production branch of the branching model
  bitbucket.cloud.bitbucket_branch_restriction:
    workspace: acme
    repository: legacy-app
    kind: require_approvals_to_merge
    branch_type: production
    value: 2

- name: Let bob merge into main, by his email address
  bitbucket.cloud.bitbucket_branch_restriction:
    workspace: acme
    repository: legacy-app
    kind: restrict_merges
    pattern: main
    users: [bob@example.com]

- name: Allow force pushes to feature branches again
  bitbucket.cloud.bitbucket_branch_restriction:
    workspace: acme
    repository: legacy-app
    kind: force
    pattern: feature/*
    state: absent
'''

RETURN = r'''
branch_restriction:
  description:
    - The restriction as Bitbucket has it after the task, the API object as Bitbucket gives it (predicted in check
      mode, without RV(branch_restriction.id) when it is created); empty when absent.
  returned: always
  type: dict
  contains:
    id:
      description: The restriction's id.
      type: int
      sample: 17
    kind:
      description: What is restricted.
      type: str
      sample: push
    branch_match_kind:
      description: V(glob) (matched by RV(branch_restriction.pattern)) or V(branching_model) (matched by
        RV(branch_restriction.branch_type)).
      type: str
      sample: glob
    pattern:
      description: The glob of the branches; empty for a branching model restriction.
      type: str
      sample: main
    branch_type:
      description: The branch type, for a branching model restriction.
      type: str
      sample: production
    value:
      description: The number the kind needs, for the kinds that take one.
      type: int
      sample: 2
    users:
      description: The exempt users, as Bitbucket's account objects (C(account_id), C(uuid), C(display_name), ...).
      type: list
      elements: dict
    groups:
      description: The exempt groups, as Bitbucket's group objects (C(slug), C(name), ...).
      type: list
      elements: dict
    links:
      description: Bitbucket's links of the restriction.
      type: dict
'''

from ansible_collections.bitbucket.cloud.plugins.module_utils.module import BitbucketModule
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.branch_restriction import BranchRestrictionResource


def main():
    BitbucketModule.converge(BranchRestrictionResource)


if __name__ == '__main__':
    main()
