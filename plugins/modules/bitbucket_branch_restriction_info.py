#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: bitbucket_branch_restriction_info
short_description: List the branch restrictions of a Bitbucket Cloud repository
version_added: 2.0.0
description:
  - Lists the branch restrictions of a repository, following every page of the list, optionally only those of one
    O(kind) or one O(pattern) (Bitbucket's own filters of the list).
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
      - Only the restrictions of this kind.
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
      - Only the restrictions with this pattern (restrictions matched by branch type have an empty pattern).
    type: str
notes:
  - "Scopes: API token C(admin:repository:bitbucket); OAuth C(repository:admin) (Bitbucket asks for the admin
    scope even to read restrictions)."
extends_documentation_fragment:
  - bitbucket.cloud.connection
  - bitbucket.cloud.attributes
  - bitbucket.cloud.attributes.info
seealso:
  - module: bitbucket.cloud.bitbucket_branch_restriction
'''

EXAMPLES = r'''
- name: List the branch restrictions of a repository
  bitbucket.cloud.bitbucket_branch_restriction_info:
    workspace: acme
    repository: legacy-app
    user: alice@example.com
    password: "{{ vault_bitbucket_api_token }}"
  register: legacy_restrictions

- name: Fail unless main is protected against deletion
  ansible.builtin.assert:
    that: >-
      legacy_restrictions.branch_restrictions | selectattr('kind', 'eq', 'delete')
      | selectattr('pattern', 'eq', 'main') | list | length == 1

- name: List who may push to main
  bitbucket.cloud.bitbucket_branch_restriction_info:
    workspace: acme
    repository: legacy-app
    kind: push
    pattern: main
  register: main_push
'''

RETURN = r'''
branch_restrictions:
  description: The restrictions as Bitbucket gives them, in Bitbucket's order.
  returned: success
  type: list
  elements: dict
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
      description: V(glob) or V(branching_model).
      type: str
      sample: glob
    pattern:
      description: The glob of the branches; empty for a branching model restriction.
      type: str
      sample: main
    branch_type:
      description: The branch type, for a branching model restriction.
      type: str
    value:
      description: The number the kind needs, for the kinds that take one.
      type: int
    users:
      description: The exempt users, as Bitbucket's account objects.
      type: list
      elements: dict
    groups:
      description: The exempt groups, as Bitbucket's group objects.
      type: list
      elements: dict
    links:
      description: Bitbucket's links of the restriction.
      type: dict
'''

from ansible_collections.bitbucket.cloud.plugins.module_utils.module import BitbucketModule
from ansible_collections.bitbucket.cloud.plugins.module_utils.patterns import (
    validate_branch_glob, validate_repository_ref, validate_workspace)
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.branch_restriction import RESTRICTION_KINDS, restrictions_path


def main():
    module = BitbucketModule(argument_spec=dict(
        workspace=dict(type='str', required=True),
        repository=dict(type='str', required=True),
        kind=dict(type='str', choices=list(RESTRICTION_KINDS)),
        pattern=dict(type='str'),
    ))
    params = module.params
    checks = [lambda: validate_workspace(params['workspace']), lambda: validate_repository_ref(params['repository'])]
    if params['pattern'] is not None:
        checks.append(lambda: validate_branch_glob(params['pattern']))
    module.validate(*checks)

    def action():
        filters = dict((name, params[name]) for name in ('kind', 'pattern') if params[name] is not None)
        found = list(module.client.paginate(restrictions_path(params['workspace'], params['repository']), filters))
        return dict(changed=False, branch_restrictions=found)

    module.run(action)


if __name__ == '__main__':
    main()
