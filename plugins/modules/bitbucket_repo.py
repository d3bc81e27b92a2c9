#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: bitbucket_repo
short_description: Manage a repository in a Bitbucket Cloud workspace
version_added: 1.0.0
description:
  - Create, update or delete a Git repository in a Bitbucket Cloud workspace, and move it between projects.
  - The repository is identified by its slug, O(slug), or when O(slug) is not given, the slug Bitbucket derives
    from O(name).
  - Only the options you set are compared and changed; options you leave out are left as they are.
author:
  - bitbucket.cloud maintainers (@bitbucket-cloud)
options:
  workspace:
    description:
      - The workspace slug or C({UUID}).
    type: str
    required: true
  name:
    description:
      - The repository name. One of O(name) and O(slug) is required, and O(name) is required to create the repository.
      - Sent when the repository is created. On update it is sent only when it keeps the current slug
        (for example a change of case, V(Infra Live) for the slug V(infra-live)).
      - In Bitbucket a new name moves the repository to the slug of that name, a rename. This module never renames;
        a name that would change the slug is left unapplied and the module warns.
    type: str
  slug:
    description:
      - The repository slug, its identity in the workspace and in its URLs. Compared in lower case, as Bitbucket
        stores it.
      - Defaults to the slug Bitbucket derives from O(name) by its rule, lower case ASCII letters, digits,
        V(_), V(.) and V(-); each run of other characters becomes one V(-), with no V(-) at either end, and at
        most 62 characters (V(My Repo!) becomes V(my-repo)).
      - Give it to create a repository whose slug differs from the one its name gives, or to manage a repository
        created with such a slug.
    type: str
  project:
    description:
      - The key of the project that holds the repository. Keys match ignoring case (V(ops) is the stored V(OPS));
        the result shows the key as Bitbucket stores it.
      - Changing it moves the repository to that project.
      - When a repository is created without it, Bitbucket puts it in the workspace's oldest project.
    type: str
  description:
    description:
      - The repository description. V("") clears it.
    type: str
  is_private:
    description:
      - Whether the repository is private. A private project cannot hold public repositories.
      - When a repository is created without it, it is created private (V(true) is sent), secure by default; the
        API's own default is not documented. Give V(false) to create a public repository.
      - When the repository exists and O(is_private) is not given, its visibility is left as it is.
    type: bool
  fork_policy:
    description:
      - Who may fork the repository. V(allow_forks) allows any fork, V(no_public_forks) only private forks,
        V(no_forks) none.
    type: str
    choices: [allow_forks, no_public_forks, no_forks]
  language:
    description:
      - The main programming language, as Bitbucket names it in lower case (V(python), V(go)). Compared ignoring case.
        V("") clears it.
    type: str
  mainbranch:
    description:
      - The name of the main branch (the default branch).
    type: str
  state:
    description:
      - V(present) creates or updates the repository; V(absent) deletes it, with all its content, irreversibly.
      - In check mode V(absent) reports the deletion it would make, and deletes nothing.
    type: str
    choices: [present, absent]
    default: present
notes:
  - "Scopes: API token C(read:repository:bitbucket), C(admin:repository:bitbucket) to create or update, and
    C(delete:repository:bitbucket) to delete; OAuth C(repository), C(repository:admin) and C(repository:delete)."
  - A no-op run makes one request, the read of the repository.
  - "A create whose reply was lost (timeout, dropped connection, HTTP 502 or 504) is never re-sent blindly: the
    module first reads the repository and returns it if the create was applied."
extends_documentation_fragment:
  - bitbucket.cloud.connection
  - bitbucket.cloud.attributes
  - bitbucket.cloud.attributes.write
seealso:
  - module: bitbucket.cloud.bitbucket_repo_info
  - module: bitbucket.cloud.bitbucket_project
  - name: What is a repository slug?
    description: Bitbucket Cloud's rule for deriving a slug from a repository name.
    link: https://support.atlassian.com/bitbucket-cloud/docs/what-is-a-slug/
'''

EXAMPLES = r'''
- name: Create a private repository in the OPS project
  bitbucket.cloud.bitbucket_repo:
    workspace: acme
    name: infra-live
    project: OPS
    description: Terraform and Ansible for production
    is_private: true
    fork_policy: no_public_forks
    mainbranch: main
    user: alice@example.com
    password: "{{ vault_bitbucket_api_token }}"
  register: repo

- name: Show where to clone it from
  ansible.builtin.debug:
    msg: "git clone {{ repo.repository.clone_urls.ssh }}"

- name: Move a repository to another project, with credentials from module_defaults
  module_defaults:
    group/bitbucket.cloud.bitbucket:
      user: alice@example.com
      password: "{{ vault_bitbucket_api_token }}"
  bitbucket.cloud.bitbucket_repo:
    workspace: acme
    slug: legacy-app
    project: ARCHIVE

- name: Create a repository whose slug differs from its name
  bitbucket.cloud.bitbucket_repo:
    workspace: acme
    slug: web
    name: Web Front End

- name: Delete a repository
  bitbucket.cloud.bitbucket_repo:
    workspace: acme
    slug: old-experiment
    state: absent
'''

RETURN = r'''
repository:
  description:
    - The repository as Bitbucket has it after the task, the API object as Bitbucket gives it (nested C(project),
      C(workspace), C(mainbranch), C(links)) plus the convenience keys RV(repository.clone_urls) and
      RV(repository.html_url); empty when it is absent. Only the main keys are listed here.
    - In check mode, the predicted repository; values Bitbucket assigns (RV(repository.uuid), RV(repository.clone_urls), dates) are null
      when it would be created.
  returned: always
  type: dict
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

from ansible_collections.bitbucket.cloud.plugins.module_utils.module import BitbucketModule
from ansible_collections.bitbucket.cloud.plugins.module_utils.repository import FORK_POLICIES, RepositoryResource


def main():
    module = BitbucketModule(argument_spec=dict(
        workspace=dict(type='str', required=True),
        name=dict(type='str'),
        slug=dict(type='str'),
        project=dict(type='str'),
        description=dict(type='str'),
        is_private=dict(type='bool'),
        fork_policy=dict(type='str', choices=list(FORK_POLICIES)),
        language=dict(type='str'),
        mainbranch=dict(type='str'),
        state=dict(type='str', choices=['present', 'absent'], default='present'),
    ))
    module.run_resource(RepositoryResource)


if __name__ == '__main__':
    main()
