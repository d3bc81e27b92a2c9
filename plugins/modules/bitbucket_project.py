#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: bitbucket_project
short_description: Manage a project in a Bitbucket Cloud workspace
version_added: 1.0.0
description:
  - Create, update or delete a project in a Bitbucket Cloud workspace.
  - Only the options you set are compared and changed; options you leave out are left as they are.
author:
  - bitbucket.cloud maintainers (@bitbucket-cloud)
options:
  workspace:
    description:
      - The workspace slug or C({UUID}).
    type: str
    required: true
  key:
    description:
      - The project key, its identity. It must start with a letter and consist of ASCII letters, digits
        and underscores. Keys match ignoring case (V(ops) finds a stored V(OPS)); the result shows the key as
        Bitbucket stores it.
      - This module never renames a key.
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
      - Whether the project is private. A private project cannot hold public repositories.
    type: bool
  state:
    description:
      - V(present) creates or updates the project; V(absent) deletes it.
      - A project that still holds repositories is never deleted; the module fails and names them.
    type: str
    choices: [present, absent]
    default: present
notes:
  - "Scopes: API token C(read:project:bitbucket), C(admin:project:bitbucket) to create, update or delete, and
    C(read:repository:bitbucket) to delete (the module checks the project is empty); OAuth C(project),
    C(project:admin) and C(repository)."
  - Only workspace administrators can create projects.
extends_documentation_fragment:
  - bitbucket.cloud.connection
  - bitbucket.cloud.attributes
  - bitbucket.cloud.attributes.write
seealso:
  - module: bitbucket.cloud.bitbucket_repo
'''

EXAMPLES = r'''
- name: Create the Operations project
  bitbucket.cloud.bitbucket_project:
    workspace: acme
    key: OPS
    name: Operations
    description: Infrastructure code
    is_private: true
    user: alice@example.com
    password: "{{ vault_bitbucket_api_token }}"

- name: Delete an empty project, with credentials from module_defaults
  module_defaults:
    group/bitbucket.cloud.bitbucket:
      user: alice@example.com
      password: "{{ vault_bitbucket_api_token }}"
  bitbucket.cloud.bitbucket_project:
    workspace: acme
    key: OLD
    state: absent
'''

RETURN = r'''
project:
  description:
    - The project as Bitbucket has it after the task (predicted in check mode), the API object as Bitbucket gives
      it (with C(links), C(owner), C(type)) plus the convenience keys RV(project.workspace) and RV(project.html_url);
      empty when absent. Only the main keys are listed here.
  returned: always
  type: dict
  contains:
    uuid:
      description: The project UUID, with braces (null when predicted in check mode).
      type: str
      sample: "{2a3f6c7e-1b2c-4d5e-8f90-1234567890ab}"
    key:
      description: The project key, in the spelling Bitbucket stores.
      type: str
      sample: OPS
    name:
      description: The project name.
      type: str
      sample: Operations
    description:
      description: The project description.
      type: str
    is_private:
      description: Whether the project is private.
      type: bool
    workspace:
      description: The slug of the workspace the project belongs to (a convenience key).
      type: str
      sample: acme
    html_url:
      description: The project's web page (a convenience key, from C(links.html.href)).
      type: str
    created_on:
      description: When the project was created.
      type: str
    updated_on:
      description: When the project was last updated.
      type: str
    has_publicly_visible_repos:
      description: Whether the project holds public repositories.
      type: bool
'''

from ansible_collections.bitbucket.cloud.plugins.module_utils.module import BitbucketModule
from ansible_collections.bitbucket.cloud.plugins.module_utils.project import ProjectResource


def main():
    module = BitbucketModule(argument_spec=dict(
        workspace=dict(type='str', required=True),
        key=dict(type='str', required=True, no_log=False),
        name=dict(type='str'),
        description=dict(type='str'),
        is_private=dict(type='bool'),
        state=dict(type='str', choices=['present', 'absent'], default='present'),
    ))
    module.run_resource(ProjectResource)


if __name__ == '__main__':
    main()
