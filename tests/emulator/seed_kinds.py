"""Seed normalization of the kinds of issues 13 and 14 (see README "Seed format"); called by seed.py.

Each function fills the state record of a repository, project or workspace from its seed entry,
resolving user references to uuids and checking what Bitbucket would refuse.
"""

from . import kinds, sshkeys
from .naming import braced, seed_uuid
from .state import Store


def _fail(where, message):
    from .seed import SeedError as Error  # pylint: disable=import-outside-toplevel
    raise Error('%s: %s' % (where, message))


def _list(entry, key, where):
    value = entry.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        _fail(where, '%s must be a list' % key)
    return value


def _uuid(entry, kind, natural_key):
    return braced(entry['uuid']) if entry.get('uuid') else seed_uuid(kind, natural_key)


def _member(normalizer, workspace, ref, where):
    uuid = normalizer.user_ref(ref, where)
    if Store.member_role(workspace, uuid) is None:
        _fail(where, 'user %r is not a member of workspace %s' % (ref, workspace['slug']))
    return uuid


def branching_model(value, where):
    """Branching model settings from a seed (partial: the rest is Bitbucket's default), or None."""
    if value is None:
        return None
    if not isinstance(value, dict):
        _fail(where, 'branching_model must be a mapping')
    model = kinds.default_branching_model()
    for side in ('development', 'production'):
        given = value.get(side) or {}
        if not isinstance(given, dict):
            _fail(where, 'branching_model.%s must be a mapping' % side)
        target = model[side]
        if given.get('name'):
            target.update(name=given['name'], use_mainbranch=False)
        if given.get('use_mainbranch') is True:
            target.update(name=None, use_mainbranch=True)
        if side == 'production' and 'enabled' in given:
            target['enabled'] = bool(given['enabled'])
        elif side == 'production' and given.get('name'):
            target['enabled'] = True
    for item in value.get('branch_types') or []:
        if not isinstance(item, dict) or item.get('kind') not in kinds.BRANCH_TYPE_KINDS:
            _fail(where, 'branch_types entries need a kind among %s' % ', '.join(kinds.BRANCH_TYPE_KINDS))
        target = [entry for entry in model['branch_types'] if entry['kind'] == item['kind']][0]
        if 'prefix' in item:
            target['prefix'] = item['prefix']
        if 'enabled' in item:
            target['enabled'] = bool(item['enabled'])
    deletion = value.get('default_branch_deletion', 'false')
    if isinstance(deletion, bool):
        deletion = 'true' if deletion else 'false'
    if deletion not in ('true', 'false'):
        _fail(where, 'default_branch_deletion must be true or false')
    model['default_branch_deletion'] = deletion
    return model


def _restriction(normalizer, workspace, entry, where):
    if not isinstance(entry, dict):
        _fail(where, 'a branch restriction is a mapping')
    kind = entry.get('kind')
    if kind not in kinds.restriction_kinds():
        _fail(where, 'kind must be one of %s' % ', '.join(kinds.restriction_kinds()))
    branch_type = entry.get('branch_type')
    match_kind = entry.get('branch_match_kind') or ('branching_model' if branch_type else 'glob')
    if match_kind == 'branching_model' and branch_type not in kinds.branch_types():
        _fail(where, 'branch_type must be one of %s' % ', '.join(kinds.branch_types()))
    if match_kind == 'glob' and not entry.get('pattern'):
        _fail(where, 'pattern (or branch_type) is required')
    users = [_member(normalizer, workspace, ref, where) for ref in _list(entry, 'users', where)]
    groups = _list(entry, 'groups', where)
    for slug in groups:
        if Store.group(workspace, slug) is None:
            _fail(where, 'unknown group %r' % slug)
    if (users or groups) and kind not in kinds.USER_KINDS:
        _fail(where, 'users and groups apply only to %s' % ' and '.join(kinds.USER_KINDS))
    value = entry.get('value')
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
        _fail(where, 'value must be a non-negative integer')
    if entry.get('id') is not None and (not isinstance(entry['id'], int) or entry['id'] < 1):
        _fail(where, 'id must be a positive integer')
    return {
        'id': entry.get('id'),
        'kind': kind,
        'branch_match_kind': match_kind,
        'pattern': entry.get('pattern') or '' if match_kind == 'glob' else '',
        'branch_type': branch_type if match_kind == 'branching_model' else None,
        'value': value if kind in kinds.VALUE_KINDS else None,
        'users': users,
        'groups': list(groups),
    }


def _deploy_key(normalizer, timestamp, entry, where):
    if not isinstance(entry, dict):
        _fail(where, 'a deploy key is a mapping with key and label')
    try:
        key_type, data, comment = sshkeys.parse(entry.get('key'))
    except sshkeys.InvalidKey as error:
        _fail(where, str(error))
    if entry.get('id') is not None and (not isinstance(entry['id'], int) or entry['id'] < 1):
        _fail(where, 'id must be a positive integer')
    return {
        'id': entry.get('id'),
        'key': '%s %s' % (key_type, data),
        'comment': entry['comment'] if entry.get('comment') is not None else comment,
        'label': entry.get('label') or '',
        'added_on': timestamp(entry.get('added_on'), where),
        'last_used': timestamp(entry['last_used'], where) if entry.get('last_used') else None,
        'owner': normalizer.user_ref(entry['owner'], where) if entry.get('owner') else None,
    }


def _variables(entries, where, natural_key):
    variables = []
    for index, entry in enumerate(entries):
        item_where = '%s[%d]' % (where, index)
        if not isinstance(entry, dict):
            _fail(item_where, 'a variable is a mapping with key and value')
        key = entry.get('key')
        if not isinstance(key, str) or not kinds.VARIABLE_KEY.match(key):
            _fail(item_where, kinds.VARIABLE_KEY_MESSAGE)
        secured = entry.get('secured', False)
        if not isinstance(secured, bool):
            _fail(item_where, 'secured must be true or false')
        variables.append({
            'uuid': _uuid(entry, 'variable', '%s/%s' % (natural_key, key)),
            'key': key,
            'value': '' if entry.get('value') is None else str(entry['value']),
            'secured': secured,
        })
    _unique([variable['key'] for variable in variables], where, 'variable key')
    return variables


def _unique(values, where, what):
    seen = set()
    for value in values:
        if value in seen:
            _fail(where, 'duplicate %s %s' % (what, value))
        seen.add(value)


def _environment(entry, where, natural_key):
    if not isinstance(entry, dict) or not entry.get('name'):
        _fail(where, 'an environment needs a name')
    name = entry['name']
    environment_type = entry.get('environment_type') or (name if name in kinds.ENVIRONMENT_TYPES else 'Test')
    if isinstance(environment_type, dict):
        environment_type = environment_type.get('name')
    if environment_type not in kinds.ENVIRONMENT_TYPES:
        _fail(where, 'environment_type must be one of %s' % ', '.join(kinds.ENVIRONMENT_TYPES))
    admin_only = entry.get('admin_only', False)
    if not isinstance(admin_only, bool):
        _fail(where, 'admin_only must be true or false')
    key = '%s/%s' % (natural_key, name)
    return {
        'uuid': _uuid(entry, 'environment', key),
        'name': name,
        'environment_type': environment_type,
        'admin_only': admin_only,
        'variables': _variables(_list(entry, 'variables', where), '%s.variables' % where, key),
    }


def _known_host(entry, where, natural_key):
    if not isinstance(entry, dict) or not entry.get('hostname'):
        _fail(where, 'a known host needs a hostname and a public_key')
    public_key = entry.get('public_key')
    try:
        if isinstance(public_key, dict):
            key_type, data = public_key.get('key_type'), public_key.get('key')
            sshkeys.decode(key_type, data if isinstance(data, str) else '')
        else:
            key_type, data, _comment = sshkeys.parse(public_key)
    except sshkeys.InvalidKey as error:
        _fail(where, str(error))
    return {
        'uuid': _uuid(entry, 'known-host', '%s/%s' % (natural_key, entry['hostname'])),
        'hostname': entry['hostname'],
        'public_key': {'key_type': key_type, 'key': data},
    }


def _pipelines(value, where, natural_key):
    value = value or {}
    if not isinstance(value, dict):
        _fail(where, 'pipelines must be a mapping')
    enabled = value.get('enabled', False)
    if not isinstance(enabled, bool):
        _fail(where, 'pipelines.enabled must be true or false')
    pair = value.get('ssh_key_pair')
    if pair is not None:
        if not isinstance(pair, dict) or not sshkeys.is_private_key(pair.get('private_key')):
            _fail(where, 'ssh_key_pair needs a private_key (PEM or OpenSSH block) and a public_key')
        try:
            key_type, data, _comment = sshkeys.parse(pair.get('public_key'))
        except sshkeys.InvalidKey as error:
            _fail(where, 'ssh_key_pair.public_key: %s' % error)
        pair = {'private_key': pair['private_key'], 'public_key': '%s %s' % (key_type, data)}
    hosts = [_known_host(entry, '%s.known_hosts[%d]' % (where, index), natural_key)
             for index, entry in enumerate(_list(value, 'known_hosts', where))]
    _unique([host['hostname'] for host in hosts], where, 'known host')
    return {'enabled': enabled, 'ssh_key_pair': pair, 'known_hosts': hosts}


def repository(normalizer, workspace, record, entry, where, timestamp):
    """Fill a repository record's kinds from its seed entry."""
    full_name = '%s/%s' % (workspace['slug'], record['slug'])
    record['branch_restrictions'] = [_restriction(normalizer, workspace, item, '%s.branch_restrictions[%d]' % (where, index))
                                     for index, item in enumerate(_list(entry, 'branch_restrictions', where))]
    _unique(['%s|%s|%s' % (item['kind'], item['pattern'], item['branch_type']) for item in record['branch_restrictions']],
            where, 'branch restriction (kind and pattern or branch_type)')
    record['default_reviewers'] = [_member(normalizer, workspace, ref, '%s.default_reviewers' % where)
                                   for ref in _list(entry, 'default_reviewers', where)]
    record['branching_model'] = branching_model(entry.get('branching_model'), '%s.branching_model' % where)
    record['deploy_keys'] = [_deploy_key(normalizer, timestamp, item, '%s.deploy_keys[%d]' % (where, index))
                             for index, item in enumerate(_list(entry, 'deploy_keys', where))]
    record['pipeline_variables'] = _variables(_list(entry, 'pipeline_variables', where), '%s.pipeline_variables' % where, full_name)
    record['environments'] = [_environment(item, '%s.environments[%d]' % (where, index), full_name)
                              for index, item in enumerate(_list(entry, 'environments', where))]
    _unique([item['name'].lower() for item in record['environments']], where, 'environment name')
    record['pipelines'] = _pipelines(entry.get('pipelines'), '%s.pipelines' % where, full_name)


def project(normalizer, workspace, record, entry, where, timestamp):
    """Fill a project record's kinds from its seed entry."""
    record['default_reviewers'] = [_member(normalizer, workspace, ref, '%s.default_reviewers' % where)
                                   for ref in _list(entry, 'default_reviewers', where)]
    record['branching_model'] = branching_model(entry.get('branching_model'), '%s.branching_model' % where)
    record['deploy_keys'] = [_deploy_key(normalizer, timestamp, item, '%s.deploy_keys[%d]' % (where, index))
                             for index, item in enumerate(_list(entry, 'deploy_keys', where))]


def workspace(record, entry, where):
    """Fill a workspace record's kinds from its seed entry."""
    record['pipeline_variables'] = _variables(_list(entry, 'pipeline_variables', where), '%s.pipeline_variables' % where, record['slug'])


def finish(state, given):
    """Number the seeded branch restrictions and deploy keys without an id; keep the sequences in the state."""
    given = given or {}
    for workspace_record in state['workspaces']:
        # objects the seed did not name (the default project PROJ) get the defaults too
        kinds.workspace(workspace_record)
        for record in workspace_record['projects']:
            kinds.project(record)
        for record in workspace_record['repositories']:
            kinds.repository(record)
    groups = {
        'branch_restriction': [item for workspace_record in state['workspaces'] for repository_record in workspace_record['repositories']
                               for item in repository_record['branch_restrictions']],
        'deploy_key': [item for workspace_record in state['workspaces']
                       for owner in workspace_record['repositories'] + workspace_record['projects'] for item in owner['deploy_keys']],
    }
    state['sequences'] = {}
    for sequence, items in groups.items():
        explicit = [item['id'] for item in items if item['id'] is not None]
        _unique(explicit, 'sequences', '%s id' % sequence)
        current = max([int(given.get(sequence) or 0)] + explicit)
        for item in items:
            if item['id'] is None:
                current += 1
                item['id'] = current
        state['sequences'][sequence] = current
