# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The README's migration table from community.general names modules and options that exist, as documented."""

import importlib
import os
import re

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COMMUNITY_GENERAL = ('bitbucket_access_key', 'bitbucket_pipeline_variable', 'bitbucket_pipeline_key_pair',
                     'bitbucket_pipeline_known_host')


def _rows():
    with open(os.path.join(ROOT, 'README.md')) as handle:
        readme = handle.read()
    section = readme.split('<!-- docs:migration -->')[1].split('<!-- /docs:migration -->')[0]
    rows = [[cell.strip() for cell in line.strip().strip('|').split('|')] for line in section.splitlines()
            if line.startswith('| ') and not line.startswith('| community.general')]
    return rows


def _options(module):
    doc = yaml.safe_load(importlib.import_module('ansible_collections.bitbucket.cloud.plugins.modules.%s' % module).DOCUMENTATION)
    return doc['options']


def _has(options, path):
    parts = re.split(r'(?:\[\])?\.', path)
    for index, part in enumerate(parts):
        if part not in (options or {}):
            return False
        if index < len(parts) - 1:
            options = options[part].get('suboptions')
    return True


def test_every_community_general_module_is_mapped_to_a_module_of_ours():
    mapped = {}
    for row in _rows():
        if row[0]:
            mapped[row[0].strip('`')] = re.findall(r'`([a-z_]+)`', row[2])[0]
    assert sorted(mapped) == sorted(COMMUNITY_GENERAL)
    for module in mapped.values():
        assert os.path.exists(os.path.join(ROOT, 'plugins', 'modules', module + '.py')), module


def test_every_option_named_in_the_table_is_an_option_of_that_module():
    module, checked = None, 0
    for row in _rows():
        if row[0]:
            module = re.findall(r'`([a-z_]+)`', row[2])[0]
            continue
        for token in re.findall(r'`([^`]+)`', row[2]):
            path = token.split(':')[0].strip()
            assert _has(_options(module), path), '%s has no option %s' % (module, path)
            checked += 1
    assert checked >= 10
