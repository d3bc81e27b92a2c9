"""The resource kinds of issues 13 and 14 in the state: where they live, their defaults and their rules.

Repositories carry branch_restrictions, default_reviewers, branching_model (null: inherit the
project's), deploy_keys, pipeline_variables, environments (each with variables) and pipelines
({enabled, ssh_key_pair, known_hosts}); projects carry default_reviewers, branching_model and
deploy_keys; workspaces carry pipeline_variables. Records created through the API before these
kinds existed (or by routes that do not know them) get the defaults on first use.
"""

import copy
import re

from . import spec

REPOSITORY_DEFAULTS = {
    'branch_restrictions': [],
    'default_reviewers': [],
    'branching_model': None,
    'deploy_keys': [],
    'pipeline_variables': [],
    'environments': [],
    'pipelines': {'enabled': False, 'ssh_key_pair': None, 'known_hosts': []},
}
PROJECT_DEFAULTS = {
    'default_reviewers': [],
    'branching_model': None,
    'deploy_keys': [],
}
WORKSPACE_DEFAULTS = {
    'pipeline_variables': [],
}
SEQUENCES = ('branch_restriction', 'deploy_key')

# Bitbucket's default branching model (a new project or repository): main branch for development,
# production off, the four branch types with their usual prefixes, branches kept on merge.
BRANCH_TYPE_KINDS = ('feature', 'bugfix', 'release', 'hotfix')
DEFAULT_BRANCHING_MODEL = {
    'development': {'use_mainbranch': True, 'name': None},
    'production': {'enabled': False, 'use_mainbranch': True, 'name': None},
    'branch_types': [{'kind': kind, 'prefix': '%s/' % kind, 'enabled': True} for kind in BRANCH_TYPE_KINDS],
    'default_branch_deletion': 'false',
}

# branch restrictions: kinds that take a value, kinds that take users and groups
VALUE_KINDS = (
    'require_approvals_to_merge', 'require_default_reviewer_approvals_to_merge', 'require_passing_builds_to_merge',
    'require_commits_behind',
)
USER_KINDS = ('push', 'restrict_merges')

ENVIRONMENT_TYPES = {'Test': 0, 'Staging': 1, 'Production': 2}
# Bitbucket Pipelines variable names: letters, digits and underscores, not starting with a digit
VARIABLE_KEY = re.compile(r'^[A-Za-z_][A-Za-z0-9_]*$')
VARIABLE_KEY_MESSAGE = 'Variable names may only contain letters, numbers and underscores, and may not start with a number.'
# a branch name prefix git accepts (no spaces, no glob or ref-syntax characters, no '..', not starting with '/' or '-')
_PREFIX = re.compile(r'^(?![/-])(?!.*\.\.)(?!.*//)[^\s~^:?*\[\\]+$')


def restriction_kinds():
    """The branch restriction kinds of the spec's enum."""
    return spec.enum_of('branchrestriction', 'kind')


def branch_match_kinds():
    """glob and branching_model (the spec's enum)."""
    return spec.enum_of('branchrestriction', 'branch_match_kind')


def branch_types():
    """feature, bugfix, release, hotfix, development, production (the spec's enum)."""
    return spec.enum_of('branchrestriction', 'branch_type')


def is_valid_prefix(prefix):
    """True for a branch type prefix git accepts."""
    return isinstance(prefix, str) and bool(_PREFIX.match(prefix))


def _ensure(record, defaults):
    for key, value in defaults.items():
        if key not in record:
            record[key] = copy.deepcopy(value)
    return record


def repository(record):
    """The repository record with every kind's default filled in."""
    return _ensure(record, REPOSITORY_DEFAULTS)


def project(record):
    """The project record with every kind's default filled in."""
    return _ensure(record, PROJECT_DEFAULTS)


def workspace(record):
    """The workspace record with every kind's default filled in."""
    return _ensure(record, WORKSPACE_DEFAULTS)


def default_branching_model():
    """A fresh copy of Bitbucket's default branching model settings."""
    return copy.deepcopy(DEFAULT_BRANCHING_MODEL)


def project_branching_model(record, for_update=False):
    """A project's branching model settings (the default until one is set; for_update stores it first)."""
    project(record)
    if record['branching_model'] is None:
        if not for_update:
            return default_branching_model()
        record['branching_model'] = default_branching_model()
    return record['branching_model']


def next_id(state, sequence):
    """The next integer id of a sequence (branch restrictions, deploy keys), kept in the state."""
    sequences = state.setdefault('sequences', {name: 0 for name in SEQUENCES})
    sequences[sequence] = sequences.get(sequence, 0) + 1
    return sequences[sequence]
