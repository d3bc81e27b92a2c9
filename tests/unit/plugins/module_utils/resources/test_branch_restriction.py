# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""BranchRestrictionResource pieces that need no API: the spec's enums, validation, identity, comparison."""

import ast
import gzip
import json
from pathlib import Path

import pytest
import yaml

from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.branch_restriction import (
    BRANCH_TYPES, RESTRICTION_KINDS, USER_KINDS, VALUE_KINDS, BranchRestrictionResource, restriction_spec)

ROOT = Path(__file__).resolve().parents[5]
BOB = '557058:b0b00000-0000-4000-8000-000000000002'
BOB_UUID = '{b0b00000-0000-4000-8000-0000000000b2}'


def _definition():
    spec_dir = ROOT / 'tests' / 'emulator' / 'spec'
    if (spec_dir / 'openapi.json').is_file():
        spec = json.loads((spec_dir / 'openapi.json').read_text(encoding='utf-8'))
    else:
        with gzip.open(str(spec_dir / 'openapi.json.gz'), 'rb') as handle:
            spec = json.loads(handle.read().decode('utf-8'))
    definition = spec['definitions']['branchrestriction']
    return next(part['properties'] for part in definition['allOf'] if 'properties' in part)


def _docs(module):
    source = (ROOT / 'plugins' / 'modules' / ('%s.py' % module)).read_text(encoding='utf-8')
    return yaml.safe_load(next(node.value.value for node in ast.parse(source).body
                               if isinstance(node, ast.Assign) and node.targets[0].id == 'DOCUMENTATION'))


def _params(**kwargs):
    params = dict(workspace='acme', repository='legacy-app', kind='push', pattern='main', branch_type=None, value=None,
                  users=None, groups=None, state='present')
    params.update(kwargs)
    return params


def test_kinds_and_branch_types_are_the_spec_enums():
    properties = _definition()
    assert list(RESTRICTION_KINDS) == properties['kind']['enum']
    assert list(BRANCH_TYPES) == properties['branch_type']['enum']
    # The kinds whose value the spec describes.
    assert all('`%s`' % kind in properties['value']['description'] for kind in VALUE_KINDS)
    assert len(VALUE_KINDS) == properties['value']['description'].count('uses it')


@pytest.mark.parametrize('module', ['bitbucket_branch_restriction', 'bitbucket_branch_restriction_info'])
def test_module_docs_list_the_kinds(module):
    assert _docs(module)['options']['kind']['choices'] == list(RESTRICTION_KINDS)


@pytest.mark.parametrize('changes, options', [
    (dict(kind='protect'), ['kind']),
    (dict(kind=None), ['kind']),
    (dict(kind='delete', value=1), ['value']),
    (dict(kind='require_commits_behind', value=True), ['value']),
    (dict(kind='delete', users=[BOB], groups=[]), ['users', 'groups']),
    (dict(branch_type='production'), ['pattern']),
    (dict(pattern=None), ['pattern']),
    (dict(pattern=None, branch_type='trunk'), ['branch_type']),
    (dict(pattern='a b'), ['pattern']),
    (dict(pattern='feature/[ab]'), ['pattern']),
    (dict(users=['bob']), ['users']),
    (dict(users=[BOB_UUID.strip('{}')]), ['users']),
    (dict(groups=['a/b']), ['groups']),
])
def test_input_errors_name_the_options(changes, options):
    errors = BranchRestrictionResource.input_errors(_params(**changes))
    assert [e.option for e in errors] == options
    assert all(str(e).startswith(e.option + ':') for e in errors)


@pytest.mark.parametrize('changes', [
    dict(), dict(pattern='*'), dict(pattern='release/*'), dict(users=[BOB, BOB_UUID, 'bob@example.com'], groups=['admins']),
    dict(kind='require_approvals_to_merge', value=0), dict(kind='delete', pattern=None, branch_type='production'),
])
def test_good_input(changes):
    assert BranchRestrictionResource.input_errors(_params(**changes)) == []


def test_every_value_kind_and_user_kind_is_a_kind():
    assert set(VALUE_KINDS) <= set(RESTRICTION_KINDS) and set(USER_KINDS) <= set(RESTRICTION_KINDS)


def test_select_by_kind_and_match():
    glob = dict(id=1, kind='push', branch_match_kind='glob', pattern='main')
    model = dict(id=2, kind='push', branch_match_kind='branching_model', pattern='', branch_type='production')
    other = dict(id=3, kind='delete', branch_match_kind='glob', pattern='main')
    candidates = [glob, model, other]
    assert BranchRestrictionResource(None, _params()).select(candidates) is glob
    assert BranchRestrictionResource(None, _params(pattern=None, branch_type='production')).select(candidates) is model
    assert BranchRestrictionResource(None, _params(kind='delete')).select(candidates) is other
    assert BranchRestrictionResource(None, _params(pattern='Main')).select(candidates) is None
    assert BranchRestrictionResource(None, _params(pattern=None, branch_type='release')).select(candidates) is None


def test_duplicates_are_found_by_kind_and_match():
    items = [('r[0]', _params()), ('r[1]', _params(kind='delete')), ('r[2]', _params(users=[BOB])),
             ('r[3]', _params(pattern=None, branch_type='production')), ('r[4]', _params(pattern=None, branch_type='production'))]
    errors = list(BranchRestrictionResource.duplicates(items))
    assert [(e.option, 'as %s' % e.message.split(' as ')[1].split(' ')[0]) for e in errors] == [('r[2]', 'as r[0]'), ('r[4]', 'as r[3]')]


def test_users_are_compared_as_sets_of_accounts():
    current = dict(id=1, kind='push', branch_match_kind='glob', pattern='main', users=[dict(account_id=BOB, uuid=BOB_UUID)],
                   groups=[dict(slug='admins')])
    same = BranchRestrictionResource(None, _params(users=[BOB_UUID, BOB], groups=['admins', 'admins']))
    assert same.changes(current) == {}
    assert same.plan(current) is None
    by_email = BranchRestrictionResource(None, _params(users=['bob@example.com']))
    by_email.accounts = {'bob@example.com': dict(account_id=BOB, uuid=BOB_UUID)}
    assert by_email.changes(current) == {}
    fewer = BranchRestrictionResource(None, _params(groups=[]))
    assert fewer.changes(current) == dict(groups=(['admins'], []))


def test_value_is_required_only_to_create():
    current = dict(id=1, kind='require_approvals_to_merge', branch_match_kind='glob', pattern='main', value=2)
    resource = BranchRestrictionResource(None, _params(kind='require_approvals_to_merge'))
    assert resource.plan(current) is None
    with pytest.raises(Exception) as info:
        resource.plan(None)
    assert str(info.value).startswith('value: is required to create branch restriction require_approvals_to_merge')


def test_restriction_spec_is_what_a_user_writes():
    assert restriction_spec(dict(id=1, kind='push', branch_match_kind='glob', pattern='main', links={},
                                 users=[dict(account_id=BOB, uuid=BOB_UUID)], groups=[dict(slug='b'), dict(slug='a')])) == dict(
        kind='push', pattern='main', users=[BOB], groups=['a', 'b'])
    assert restriction_spec(dict(id=2, kind='require_commits_behind', branch_match_kind='branching_model', pattern='',
                                 branch_type='release', value=3, users=[], groups=[])) == dict(
        kind='require_commits_behind', branch_type='release', value=3)
