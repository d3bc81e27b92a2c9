# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Attributes shared by the bitbucket.cloud modules."""


class ModuleDocFragment(object):

    # Every module: membership of the action group.
    DOCUMENTATION = r'''
options: {}
attributes:
  action_group:
    description: Use C(group/bitbucket.cloud.bitbucket) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - bitbucket.cloud.bitbucket
'''

    # Modules that change Bitbucket.
    WRITE = r'''
options: {}
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying Bitbucket.
    support: full
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: full
'''

    # Modules that only read.
    INFO = r'''
options: {}
attributes:
  check_mode:
    description: This module only reads from Bitbucket and runs the same in check mode.
    support: full
  diff_mode:
    description: This module makes no changes, so there is no diff.
    support: N/A
'''
