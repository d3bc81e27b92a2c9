# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The role's meta/argument_specs.yml is generated from the resource declarations and kept in step with them."""

import importlib.util
from pathlib import Path

import yaml

from ansible_collections.bitbucket.cloud.plugins.module_utils.engine import workspace_argument_spec

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / 'roles' / 'workspace_provision' / 'meta' / 'argument_specs.yml'


def generator():
    spec = importlib.util.spec_from_file_location('role_argument_specs', str(ROOT / 'scripts' / 'role_argument_specs.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_argument_specs_are_generated_from_the_declarations():
    assert SPECS.read_text(encoding='utf-8') == generator().render(), (
        'roles/workspace_provision/meta/argument_specs.yml is stale: run python scripts/role_argument_specs.py')


def _shape(options):
    """type/elements/choices/required/default of each option, recursively (what validation uses)."""
    out = {}
    for name, option in options.items():
        out[name] = dict((k, option[k]) for k in ('type', 'elements', 'choices', 'required', 'default') if option.get(k))
        if option.get('options'):
            out[name]['options'] = _shape(option['options'])
    return out


def test_the_role_and_the_modules_take_the_same_input():
    role = yaml.safe_load(SPECS.read_text(encoding='utf-8'))['argument_specs']
    module = workspace_argument_spec()
    for entry in ('main', 'plan'):
        options = role[entry]['options']
        assert sorted(options) == sorted('bitbucket_' + name for name in module)
        assert _shape(dict((name[len('bitbucket_'):], o) for name, o in options.items())) == _shape(module)


def test_a_changed_declaration_makes_the_file_stale(monkeypatch):
    from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.repository import RepositoryResource
    monkeypatch.setattr(RepositoryResource.options['language'], 'doc', 'Changed.')
    assert SPECS.read_text(encoding='utf-8') != generator().render()
