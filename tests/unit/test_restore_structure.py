# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""workspace_restore creates the structure first with the projects' and repositories' own options only.

Every list of the workspace spec (webhooks, grants, branch restrictions, deploy keys, ...) must wait until the
history is pushed; the role names the structural options in vars/main.yml, kept equal to the declarations here.
"""

import os

import yaml

from ansible_collections.bitbucket.cloud.plugins.module_utils.engine import PARENTS

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _role_vars():
    with open(os.path.join(ROOT, 'roles', 'workspace_restore', 'vars', 'main.yml')) as handle:
        return yaml.safe_load(handle)


def test_the_structure_is_every_own_option_and_no_list():
    role = _role_vars()
    for key, parent, children in PARENTS:
        own = sorted(name for name, option in parent.options.items() if option.spec)
        named = sorted(role['workspace_restore_%s_keys' % parent.kind])
        assert named == own, key
        assert not set(named) & set(child_key for child_key, child in children), key
