#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: bitbucket_repo_info
short_description: List the repositories of a Bitbucket Cloud workspace
version_added: 1.0.0
description:
  - List the repositories of a Bitbucket Cloud workspace that the credentials can see, optionally only those of
    one project, or those matching a Bitbucket query, in a chosen order.
  - Every page of the list is read.
author:
  - bitbucket.cloud maintainers (@bitbucket-cloud)
options:
  workspace:
    description:
      - The workspace slug or C({UUID}).
    type: str
    required: true
  project:
    description:
      - Only the repositories of the project with this key.
      - Adds C(project.key = "KEY") to the query, joined with V(AND) to O(query) when both are given.
    type: str
  query:
    description:
      - A Bitbucket query language (BBQL) filter, for example V(name ~ "infra") or V(is_private = true).
      - Fields are those of the repository object, without a C(values.) prefix; strings go in double quotes.
    type: str
  sort:
    description:
      - The repository field to sort by, for example V(name) or V(-updated_on) (a leading V(-) sorts in
        descending order). One field only.
    type: str
notes:
  - "Scopes: API token C(read:repository:bitbucket); OAuth C(repository)."
  - Only repositories the credentials can read are listed.
extends_documentation_fragment:
  - bitbucket.cloud.connection
  - bitbucket.cloud.attributes
  - bitbucket.cloud.attributes.info
seealso:
  - module: bitbucket.cloud.bitbucket_repo
  - name: Filter and sort API results
    description: The Bitbucket query language used by O(query) and O(sort).
    link: https://developer.atlassian.com/cloud/bitbucket/rest/intro/#filtering
'''

EXAMPLES = r'''
- name: List the repositories of the OPS project, newest first
  bitbucket.cloud.bitbucket_repo_info:
    workspace: acme
    project: OPS
    sort: -created_on
    user: alice@example.com
    password: "{{ vault_bitbucket_api_token }}"
  register: ops

- name: Show their slugs
  ansible.builtin.debug:
    msg: "{{ ops.repositories | map(attribute='slug') | list }}"

- name: List the public repositories, with credentials from module_defaults
  module_defaults:
    group/bitbucket.cloud.bitbucket:
      user: alice@example.com
      password: "{{ vault_bitbucket_api_token }}"
  bitbucket.cloud.bitbucket_repo_info:
    workspace: acme
    query: is_private = false
  register: public
'''

RETURN = r'''
repositories:
  description: The repositories, in the order Bitbucket lists them, each as M(bitbucket.cloud.bitbucket_repo) returns one.
  returned: success
  type: list
  elements: dict
  contains:
    uuid:
      description: The repository UUID, with braces.
      type: str
      sample: "{7b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d}"
    slug:
      description: The repository slug.
      type: str
      sample: infra-live
    name:
      description: The repository name.
      type: str
      sample: infra-live
    full_name:
      description: The workspace and slug, as in the repository's URLs.
      type: str
      sample: acme/infra-live
    workspace:
      description: The workspace, as Bitbucket gives it (also C(type), C(links)).
      type: dict
      contains:
        slug:
          description: The workspace slug.
          type: str
          sample: acme
        name:
          description: The workspace name.
          type: str
          sample: ACME Corp
        uuid:
          description: The workspace UUID, with braces.
          type: str
    project:
      description: The project that holds the repository, as Bitbucket gives it (also C(type), C(links)).
      type: dict
      contains:
        key:
          description: The project key, in the spelling Bitbucket stores.
          type: str
          sample: OPS
        name:
          description: The project name.
          type: str
          sample: Operations
        uuid:
          description: The project UUID, with braces.
          type: str
    description:
      description: The repository description.
      type: str
    is_private:
      description: Whether the repository is private.
      type: bool
    fork_policy:
      description: The fork policy, V(allow_forks), V(no_public_forks) or V(no_forks).
      type: str
    language:
      description: The main programming language.
      type: str
    mainbranch:
      description: The main branch, as Bitbucket gives it.
      type: dict
      contains:
        name:
          description: The name of the main branch.
          type: str
          sample: main
        type:
          description: V(branch).
          type: str
    links:
      description: Bitbucket's links of the repository (C(html), C(clone), C(avatar), C(self), ...).
      type: dict
    clone_urls:
      description: Where to clone the repository from (a convenience key, from C(links.clone)).
      type: dict
      contains:
        https:
          description: The HTTPS clone URL.
          type: str
          sample: https://bitbucket.org/acme/infra-live.git
        ssh:
          description: The SSH clone URL.
          type: str
          sample: git@bitbucket.org:acme/infra-live.git
    html_url:
      description: The repository's web page (a convenience key, from C(links.html.href)).
      type: str
      sample: https://bitbucket.org/acme/infra-live
    created_on:
      description: When the repository was created.
      type: str
    updated_on:
      description: When the repository was last updated.
      type: str
'''

from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.module import BitbucketModule
from ansible_collections.bitbucket.cloud.plugins.module_utils.repository import (
    list_repositories, repository_result, validate_listing)


def main():
    module = BitbucketModule(argument_spec=dict(
        workspace=dict(type='str', required=True),
        project=dict(type='str'),
        query=dict(type='str'),
        sort=dict(type='str'),
    ))
    try:
        validate_listing(module.params)
    except InputError as exc:
        module.fail_json(msg=str(exc))
    params = module.params
    module.run(lambda: dict(changed=False, repositories=[
        repository_result(repo, params['workspace'])
        for repo in list_repositories(module.client, params['workspace'], params['project'], params['query'],
                                      params['sort'])]))


if __name__ == '__main__':
    main()
