# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fill_write_only filter: put values at the write_only places of an exported spec."""

import copy
import re

from ansible.errors import AnsibleFilterError

_STEP = re.compile(r'([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?')


def _steps(place):
    steps = []
    for part in place.split('.'):
        match = _STEP.fullmatch(part)
        if match is None:
            raise AnsibleFilterError('fill_write_only: %r is not a place such as bitbucket_repositories[0].webhooks[0].secret'
                                     % place)
        steps.append((match.group(1), int(match.group(2)) if match.group(2) is not None else None))
    return steps


def fill_write_only(spec, values):
    """A copy of spec with each value of values ({place: value}) set at its place; the places must exist in spec."""
    if not isinstance(spec, dict):
        raise AnsibleFilterError('fill_write_only: the spec must be a mapping')
    out = copy.deepcopy(spec)
    for place, value in (values or {}).items():
        steps = _steps(str(place))
        node = out
        for number, (key, index) in enumerate(steps):
            last = number == len(steps) - 1
            if not isinstance(node, dict) or (key not in node and not (last and index is None)):
                raise AnsibleFilterError('fill_write_only: the spec has no %s (place %s)' % (key, place))
            if last and index is None:
                node[key] = value
                break
            node = node[key]
            if index is not None:
                if not isinstance(node, list) or index >= len(node):
                    raise AnsibleFilterError('fill_write_only: the spec has no %s[%d] (place %s)' % (key, index, place))
                node = node[index]
    return out


class FilterModule(object):
    def filters(self):
        return {'fill_write_only': fill_write_only}
