#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: bitbucket_default_reviewer
short_description: Manage one default reviewer of a Bitbucket Cloud repository or project
version_added: 2.0.0
description:
  - Add or remove one default reviewer of a repository or of a project. Bitbucket adds the default reviewers to
    every new pull request; a project's default reviewers apply to every repository of the project.
  - The reviewer is added with an idempotent PUT and removed with a DELETE; the module reads the reviewer list
    first, so a repeated run changes nothing and sends nothing.
  - M(bitbucket.cloud.bitbucket_workspace) manages whole lists of default reviewers
    (O(bitbucket.cloud.bitbucket_workspace#module:repositories[].default_reviewers) and
    O(bitbucket.cloud.bitbucket_workspace#module:projects[].default_reviewers)).
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
      - The slug of the repository whose default reviewer this is.
      - Exactly one of O(repository) and O(project) is required.
    type: str
  project:
    description:
      - The key of the project whose default reviewer this is.
      - Keys match ignoring case (V(ops) is the stored V(OPS)).
      - Exactly one of O(repository) and O(project) is required.
    type: str
  user_id:
    description:
      - The reviewer, as an Atlassian account ID (for example V(557058:ba8948b2-49da-43a9-9e8b-e7249b8e324a)), a
        user C({UUID}) in braces, or the email address of a workspace member (looked up with one request among the
        workspace members, which Bitbucket allows to workspace administrators only). Nicknames are refused before
        any call to Bitbucket.
      - A listed reviewer matches when either its account ID or its UUID is O(user_id).
      - Bitbucket refuses a team, a bot, or a user without access to the repository or project; the module then
        fails with Bitbucket's reason.
      - This is not O(user), which is the account the module authenticates as.
    type: str
    required: true
  state:
    description:
      - V(present) makes O(user_id) a default reviewer; V(absent) removes it from the default reviewers.
    type: str
    choices: [present, absent]
    default: present
notes:
  - "Scopes of the API token, on a repository: C(read:pullrequest:bitbucket) to read the default reviewers, plus
    C(admin:repository:bitbucket) to add or remove one (OAuth: C(pullrequest) and C(repository:admin)). On a project:
    C(read:pullrequest:bitbucket), plus C(admin:project:bitbucket) to add or remove one (OAuth: C(project:admin))."
  - In check mode the module reads the workspace membership of a new reviewer given by account ID or C({UUID}),
    which needs C(read:workspace:bitbucket); without it check mode cannot tell a user outside the workspace, and
    the real run fails with Bitbucket's own reason.
  - The caller must be an administrator of the repository or project.
extends_documentation_fragment:
  - bitbucket.cloud.connection
  - bitbucket.cloud.attributes
  - bitbucket.cloud.attributes.write
seealso:
  - module: bitbucket.cloud.bitbucket_permission
  - module: bitbucket.cloud.bitbucket_workspace
'''

EXAMPLES = r'''
- name: Make Bob a default reviewer of legacy-app
  bitbucket.cloud.bitbucket_default_reviewer:
    workspace: acme
    repository: legacy-app
    user_id: "557058:b0b00000-0000-4000-8000-000000000002"
    user: alice@example.com
    password: "{{ vault_bitbucket_api_token }}"

- name: Make a workspace member, named by email, a default reviewer of every repository of the CORE project
  module_defaults:
    group/bitbucket.cloud.bitbucket:
      user: alice@example.com
      password: "{{ vault_bitbucket_api_token }}"
  bitbucket.cloud.bitbucket_default_reviewer:
    workspace: acme
    project: CORE
    user_id: bob@example.com

- name: Remove a default reviewer given by UUID
  bitbucket.cloud.bitbucket_default_reviewer:
    workspace: acme
    repository: legacy-app
    user_id: "{b0b00000-0000-4000-8000-0000000000b2}"
    state: absent
'''

RETURN = r'''
default_reviewer:
  description:
    - The reviewer's account as Bitbucket gives it after the task (predicted in check mode); empty when absent.
  returned: always
  type: dict
  contains:
    account_id:
      description: The user's Atlassian account ID.
      type: str
      sample: "557058:b0b00000-0000-4000-8000-000000000002"
    uuid:
      description: The user's UUID, in braces.
      type: str
      sample: "{b0b00000-0000-4000-8000-0000000000b2}"
    display_name:
      description: The user's display name (absent when predicted in check mode without C(read:workspace:bitbucket)).
      type: str
      sample: Bob Builder
    nickname:
      description: The user's nickname.
      type: str
      sample: bob
'''

from ansible_collections.bitbucket.cloud.plugins.module_utils.module import BitbucketModule
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.default_reviewer import DefaultReviewerResource


def main():
    BitbucketModule.converge(DefaultReviewerResource)


if __name__ == '__main__':
    main()
