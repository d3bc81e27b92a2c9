"""JSON representations of the kinds of issues 13 and 14, shaped after the spec's definitions.

Optional values that are unset (a restriction's value, a deploy key's last_used, a branch name
that tracks the main branch) are left out rather than sent as null: the spec types them as
integers or strings.
"""

from . import render, sshkeys
from .kinds import ENVIRONMENT_TYPES
from .state import Store


def _self(path):
    return {'self': {'href': render.api_url(path)}}


def branch_restriction(store, workspace_record, record, base_path):
    """A branchrestriction."""
    body = {
        'type': 'branchrestriction',
        'id': record['id'],
        'kind': record['kind'],
        'branch_match_kind': record['branch_match_kind'],
        'pattern': record['pattern'],
        'users': [render.account(user) for user in (store.user_by_uuid(uuid) for uuid in record['users']) if user],
        'groups': [render.group(workspace_record, group) for group in (Store.group(workspace_record, slug) for slug in record['groups']) if group],
        'links': _self('%s/%d' % (base_path, record['id'])),
    }
    if record['branch_type'] is not None:
        body['branch_type'] = record['branch_type']
    if record['value'] is not None:
        body['value'] = record['value']
    return body


def default_reviewer(user, reviewer_type):
    """A default_reviewer_and_type: the user and where the rule comes from (repository or project)."""
    return {'type': 'default_reviewer', 'reviewer_type': reviewer_type, 'user': render.account(user)}


def _branch_setting(setting, with_enabled):
    body = {'use_mainbranch': setting['use_mainbranch'], 'is_valid': True}
    if setting['name'] is not None:
        body['name'] = setting['name']
    if with_enabled:
        body['enabled'] = setting['enabled']
    return body


def branching_model_settings(model, self_path):
    """branching_model_settings: the raw configuration, every branch type, default_branch_deletion as a string."""
    return {
        'type': 'branching_model_settings',
        'development': _branch_setting(model['development'], False),
        'production': _branch_setting(model['production'], True),
        'branch_types': [dict(item) for item in model['branch_types']],
        'default_branch_deletion': model['default_branch_deletion'],
        'links': _self(self_path),
    }


def _model_branch(setting, mainbranch):
    body = {'use_mainbranch': setting['use_mainbranch']}
    name = mainbranch if setting['use_mainbranch'] else setting['name']
    if name is not None:
        body['name'] = name
    return body


def branching_model(model, type_name, mainbranch=None):
    """The applied model (branching_model, project_branching_model, effective_repo_branching_model).

    Only enabled branch types; no production when it is disabled; names resolved against the main
    branch for repositories. No branch objects: the emulator holds no branches.
    """
    body = {
        'type': type_name,
        'development': _model_branch(model['development'], mainbranch),
        'branch_types': [{'kind': item['kind'], 'prefix': item['prefix']} for item in model['branch_types'] if item['enabled']],
    }
    if model['production']['enabled']:
        body['production'] = _model_branch(model['production'], mainbranch)
    return body


def _deploy_key_common(record, self_path):
    body = {
        'id': record['id'],
        'key': record['key'],
        'label': record['label'],
        'comment': record['comment'],
        'added_on': record['added_on'],
        'links': _self(self_path),
    }
    if record['last_used'] is not None:
        body['last_used'] = record['last_used']
    return body


def deploy_key(store, workspace_record, repository_record, record, self_path):
    """A repository deploy_key."""
    body = dict(_deploy_key_common(record, self_path), type='deploy_key',
                repository=render.repository_compact(workspace_record, repository_record))
    owner = store.user_by_uuid(record['owner']) if record['owner'] else None
    if owner is not None:
        body['owner'] = render.account(owner)
    return body


def project_deploy_key(store, workspace_record, project_record, record, self_path):
    """A project_deploy_key."""
    body = dict(_deploy_key_common(record, self_path), type='project_deploy_key',
                project=render.project_compact(workspace_record, project_record))
    creator = store.user_by_uuid(record['owner']) if record['owner'] else None
    if creator is not None:
        body['created_by'] = render.account(creator)
    return body


def variable(record, type_name='pipeline_variable'):
    """A pipeline_variable or deployment_variable; a secured variable's value is never shown."""
    body = {'type': type_name, 'uuid': record['uuid'], 'key': record['key'], 'secured': record['secured']}
    if not record['secured']:
        body['value'] = record['value']
    return body


def environment(record):
    """A deployment_environment with the fields real answers carry (type, restrictions)."""
    rank = ENVIRONMENT_TYPES[record['environment_type']]
    return {
        'type': 'deployment_environment',
        'uuid': record['uuid'],
        'name': record['name'],
        'slug': record['name'].lower().replace(' ', '-'),
        'rank': rank,
        'hidden': False,
        'environment_type': {'type': 'deployment_environment_type', 'name': record['environment_type'], 'rank': rank},
        'restrictions': {'type': 'deployment_restrictions_configuration', 'admin_only': record['admin_only']},
    }


def pipelines_config(workspace_record, repository_record, enabled):
    """The repository's pipelines_config."""
    return {
        'type': 'repository_pipelines_configuration',
        'enabled': enabled,
        'repository': render.repository_compact(workspace_record, repository_record),
    }


def ssh_key_pair(pair):
    """pipeline_ssh_key_pair: the public key only (the private key is write-only)."""
    return {'type': 'pipeline_ssh_key_pair', 'public_key': pair['public_key']}


def known_host(record):
    """A pipeline_known_host with its public key's fingerprints."""
    md5, sha256 = sshkeys.fingerprints(record['public_key']['key'])
    return {
        'type': 'pipeline_known_host',
        'uuid': record['uuid'],
        'hostname': record['hostname'],
        'public_key': {
            'type': 'pipeline_ssh_public_key',
            'key_type': record['public_key']['key_type'],
            'key': record['public_key']['key'],
            'md5_fingerprint': md5,
            'sha256_fingerprint': sha256,
        },
    }
