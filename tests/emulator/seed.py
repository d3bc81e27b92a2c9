"""Seeds: read a YAML/JSON seed (file or dict) and normalize it into the state document.

The format is described in tests/emulator/README.md. Normalizing fills every default, resolves
user references (email, nickname, '{uuid}' or account id) to user uuids, and gives seeded
objects UUIDs that stay the same across resets.
"""

import copy
import datetime
import json
import os

import yaml

from . import scopes, seed_kinds, spec
from .access import PROJECT_PERMISSIONS, REPOSITORY_PERMISSIONS
from .naming import braced, is_project_key, parse_timestamp, same_uuid, seed_account_id, seed_uuid, slugify
from .state import DEFAULT_PROJECT, Store, new_project

SAMPLE_SEED_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'seeds', 'sample.yml')
DEFAULT_CREATED_ON = '2024-01-01T00:00:00+00:00'
WORKSPACE_ROLES = ('owner', 'create-project', 'member')
DEFAULT_TOKEN_LIFETIME = 3600


class SeedError(ValueError):
    """A seed that cannot be loaded; the message names the offending entry."""


def load_seed_file(path):
    """Read a seed file (.json as JSON, anything else as YAML) into a dict."""
    with open(path, encoding='utf-8') as handle:
        if path.endswith('.json'):
            data = json.load(handle)
        else:
            data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise SeedError('%s: a seed is a mapping with users and workspaces' % path)
    return data


def load_sample():
    """The sample seed as a dict, to extend in tests (e.g. with bulk_repositories)."""
    return load_seed_file(SAMPLE_SEED_PATH)


def bulk_repositories(count, name_format='repo-{:03d}', project=None, start=1, **fields):
    """Many repository entries for a seed: names from name_format, the same extra fields on each."""
    entries = []
    for number in range(start, start + count):
        entry = dict(fields, name=name_format.format(number))
        if project:
            entry['project'] = project
        entries.append(entry)
    return entries


def resolve_seed(seed):
    """A seed given as None (the sample), a file path or a dict, as a dict."""
    if seed is None:
        return load_sample()
    if isinstance(seed, (str, os.PathLike)):
        return load_seed_file(os.fspath(seed))
    if isinstance(seed, dict):
        return copy.deepcopy(seed)
    raise SeedError('a seed is None, a file path or a dict, not %s' % type(seed).__name__)


def _timestamp(value, where):
    if value is None:
        return DEFAULT_CREATED_ON
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return value.isoformat()
    if isinstance(value, datetime.date):
        return '%sT00:00:00+00:00' % value.isoformat()
    if isinstance(value, str) and parse_timestamp(value) is not None:
        return value
    raise SeedError('%s: timestamps must be ISO-8601, not %r' % (where, value))


def _uuid(entry, kind, natural_key):
    """The entry's own uuid in '{...}' form, else one derived from its natural key."""
    return braced(entry['uuid']) if entry.get('uuid') else seed_uuid(kind, natural_key)


def _branch_name(value):
    """A main branch given as a name or as the API's {"name": ...} object; default main."""
    if isinstance(value, dict):
        value = value.get('name')
    return value or 'main'


def _require(entry, key, where):
    if not isinstance(entry, dict):
        raise SeedError('%s: expected a mapping, got %r' % (where, entry))
    if entry.get(key) in (None, ''):
        raise SeedError('%s: %s is required' % (where, key))
    return entry[key]


def _bool(entry, key, default, where):
    value = entry.get(key, default)
    if not isinstance(value, bool):
        raise SeedError('%s: %s must be true or false' % (where, key))
    return value


def _scope_list(value, allowed, where):
    if value in ('all', None):
        return list(allowed) if value == 'all' else []
    if not isinstance(value, list) or any(scope not in allowed for scope in value):
        unknown = [scope for scope in value if scope not in allowed] if isinstance(value, list) else value
        raise SeedError('%s: scopes must be "all" or a list of %s; unknown: %s' % (where, ', '.join(allowed), unknown))
    return list(value)


class _Normalizer:
    """Builds the state document from a seed dict, checking references as it goes."""

    def __init__(self, seed):
        if not isinstance(seed, dict):
            raise SeedError('a seed is a mapping with users and workspaces')
        self.seed = seed
        self.users = []

    def run(self):
        self.users = [self.user(entry, 'users[%d]' % index) for index, entry in enumerate(self.seed.get('users') or [])]
        self.unique([user['email'].lower() for user in self.users], 'user email')
        state = {'users': self.users, 'workspaces': [], 'oauth_tokens': list(self.seed.get('oauth_tokens') or [])}
        store = Store(state)
        for index, entry in enumerate(self.seed.get('workspaces') or []):
            state['workspaces'].append(self.workspace(entry, 'workspaces[%d]' % index, store))
        self.unique([workspace['slug'] for workspace in state['workspaces']], 'workspace slug')
        tokens = [token['token'] for user in self.users for token in user['api_tokens']]
        tokens += [token['token'] for workspace in state['workspaces'] for token in workspace['access_tokens']]
        self.unique(tokens, 'token')
        self.unique([consumer['key'] for workspace in state['workspaces'] for consumer in workspace['oauth_consumers']], 'consumer key')
        seed_kinds.finish(state, self.seed.get('sequences'))
        return state

    @staticmethod
    def unique(values, what):
        seen = set()
        for value in values:
            if value in seen:
                raise SeedError('duplicate %s: %s' % (what, value))
            seen.add(value)

    def user_ref(self, ref, where):
        user = Store({'users': self.users, 'workspaces': []}).user(ref) if isinstance(ref, str) else None
        if user is None:
            raise SeedError('%s: unknown user %r' % (where, ref))
        return user['uuid']

    def user(self, entry, where):
        email = _require(entry, 'email', where)
        nickname = entry.get('nickname') or email.split('@')[0]
        api_tokens = []
        for index, token in enumerate(entry.get('api_tokens') or []):
            token_where = '%s.api_tokens[%d]' % (where, index)
            api_tokens.append({
                'token': _require(token, 'token', token_where),
                'name': token.get('name') or 'token-%d' % (index + 1),
                'scopes': _scope_list(token.get('scopes', 'all'), spec.all_granular_scopes(), token_where),
            })
        app_passwords = []
        for index, password in enumerate(entry.get('app_passwords') or []):
            app_passwords.append({
                'username': password.get('username') or nickname,
                'password': _require(password, 'password', '%s.app_passwords[%d]' % (where, index)),
            })
        return {
            'uuid': _uuid(entry, 'user', email.lower()),
            'account_id': entry.get('account_id') or seed_account_id(email),
            'email': email,
            'nickname': nickname,
            'display_name': entry.get('display_name') or nickname,
            'created_on': _timestamp(entry.get('created_on'), where),
            'api_tokens': api_tokens,
            'app_passwords': app_passwords,
        }

    def workspace(self, entry, where, store):
        slug = _require(entry, 'slug', where)
        created_on = _timestamp(entry.get('created_on'), where)
        workspace = {
            'uuid': _uuid(entry, 'workspace', slug),
            'slug': slug,
            'name': entry.get('name') or slug,
            'is_private': _bool(entry, 'is_private', True, where),
            'is_personal': _bool(entry, 'is_personal', False, where),
            'is_privacy_enforced': _bool(entry, 'is_privacy_enforced', False, where),
            'forking_mode': entry.get('forking_mode') or 'allow_forks',
            'created_on': created_on,
            'updated_on': _timestamp(entry.get('updated_on') or created_on, where),
            'members': [],
            'groups': [],
            'projects': [],
            'repositories': [],
            'webhooks': [],
            'access_tokens': [],
            'oauth_consumers': [],
        }
        for index, member in enumerate(entry.get('members') or []):
            workspace['members'].append(self.member(member, '%s.members[%d]' % (where, index)))
        self.unique([member['user'] for member in workspace['members']], '%s member' % where)
        for index, group in enumerate(entry.get('groups') or []):
            workspace['groups'].append(self.group(group, '%s.groups[%d]' % (where, index)))
        self.unique([group['slug'] for group in workspace['groups']], '%s group' % where)
        for index, project in enumerate(entry.get('projects') or []):
            self.project(workspace, project, '%s.projects[%d]' % (where, index))
        self.unique([project['key'] for project in workspace['projects']], '%s project key' % where)
        for index, repository in enumerate(entry.get('repositories') or []):
            self.repository(workspace, repository, '%s.repositories[%d]' % (where, index), store)
        self.unique([repository['slug'] for repository in workspace['repositories']], '%s repository slug' % where)
        for index, hook in enumerate(entry.get('webhooks') or []):
            workspace['webhooks'].append(self.webhook(hook, '%s.webhooks[%d]' % (where, index), '%s/%d' % (slug, index)))
        for index, token in enumerate(entry.get('access_tokens') or []):
            workspace['access_tokens'].append(self.access_token(workspace, token, '%s.access_tokens[%d]' % (where, index), store))
        for index, consumer in enumerate(entry.get('oauth_consumers') or []):
            workspace['oauth_consumers'].append(self.consumer(workspace, consumer, '%s.oauth_consumers[%d]' % (where, index)))
        seed_kinds.workspace(workspace, entry, where)
        return workspace

    def member(self, entry, where):
        if isinstance(entry, str):
            entry = {'user': entry}
        role = (entry or {}).get('role', 'member')
        if role not in WORKSPACE_ROLES:
            raise SeedError('%s: role must be one of %s' % (where, ', '.join(WORKSPACE_ROLES)))
        return {'user': self.user_ref(_require(entry, 'user', where), where), 'role': role}

    def group(self, entry, where):
        name = entry.get('name') if isinstance(entry, dict) else None
        slug = (entry.get('slug') if isinstance(entry, dict) else None) or (slugify(name) if name else None)
        if not slug:
            raise SeedError('%s: a group needs a slug or a name' % where)
        return {
            'slug': slug,
            'name': name or slug,
            'members': [self.user_ref(ref, where) for ref in entry.get('members') or []],
        }

    def permissions(self, workspace, entry, allowed, where):
        entry = entry or {}
        users = {}
        for ref, permission in (entry.get('users') or {}).items():
            if permission not in allowed:
                raise SeedError('%s: permission of %s must be one of %s' % (where, ref, ', '.join(allowed)))
            users[self.user_ref(ref, where)] = permission
        groups = {}
        for slug, permission in (entry.get('groups') or {}).items():
            if Store.group(workspace, slug) is None:
                raise SeedError('%s: unknown group %r' % (where, slug))
            if permission not in allowed:
                raise SeedError('%s: permission of group %s must be one of %s' % (where, slug, ', '.join(allowed)))
            groups[slug] = permission
        return {'users': users, 'groups': groups}

    def project(self, workspace, entry, where):
        key = _require(entry, 'key', where)
        if not is_project_key(key):
            raise SeedError('%s: %s' % (where, 'invalid project key %r' % key))
        project = new_project(
            workspace, key, entry.get('name') or key,
            description=entry.get('description') or '',
            is_private=_bool(entry, 'is_private', True, where),
            created_on=_timestamp(entry.get('created_on'), where),
            uuid=_uuid(entry, 'project', '%s/%s' % (workspace['slug'], key)),
            avatar=entry.get('avatar'),
        )
        project['updated_on'] = _timestamp(entry.get('updated_on') or project['created_on'], where)
        project['permissions'] = self.permissions(workspace, entry.get('permissions'), PROJECT_PERMISSIONS, where)
        seed_kinds.project(self, workspace, project, entry, where, _timestamp)

    def repository(self, workspace, entry, where, store):
        if not isinstance(entry, dict) or not (entry.get('slug') or entry.get('name')):
            raise SeedError('%s: a repository needs a slug or a name' % where)
        slug = entry.get('slug') or slugify(entry['name'])
        if not slug or slugify(slug) != slug:
            raise SeedError('%s: invalid slug %r' % (where, slug))
        project_key = entry.get('project')
        if project_key:
            project = store.project(workspace, project_key)
            if project is None:
                raise SeedError('%s: unknown project %r' % (where, project_key))
        else:
            project = store.oldest_project(workspace) or new_project(
                workspace, DEFAULT_PROJECT['key'], DEFAULT_PROJECT['name'], created_on=DEFAULT_CREATED_ON,
                uuid=seed_uuid('project', '%s/%s' % (workspace['slug'], DEFAULT_PROJECT['key'])))
        fork_policies = spec.enum_of('repository', 'fork_policy')
        fork_policy = entry.get('fork_policy') or 'allow_forks'
        if fork_policy not in fork_policies:
            raise SeedError('%s: fork_policy must be one of %s' % (where, ', '.join(fork_policies)))
        is_private = _bool(entry, 'is_private', True, where)
        if project['is_private'] and not is_private:
            raise SeedError('%s: a private project cannot hold a public repository' % where)
        created_on = _timestamp(entry.get('created_on'), where)
        full_name = '%s/%s' % (workspace['slug'], slug)
        workspace['repositories'].append({
            'uuid': _uuid(entry, 'repository', full_name),
            'slug': slug,
            'name': entry.get('name') or slug,
            'description': entry.get('description') or '',
            'is_private': is_private,
            'project': project['key'],
            'fork_policy': fork_policy,
            'language': entry.get('language') or '',
            'mainbranch': _branch_name(entry.get('mainbranch')),
            'website': entry.get('website') or '',
            'has_issues': _bool(entry, 'has_issues', False, where),
            'has_wiki': _bool(entry, 'has_wiki', False, where),
            'size': int(entry.get('size') or 0),
            'created_on': created_on,
            'updated_on': _timestamp(entry.get('updated_on') or created_on, where),
            'webhooks': [self.webhook(hook, '%s.webhooks[%d]' % (where, index), '%s/%d' % (full_name, index))
                         for index, hook in enumerate(entry.get('webhooks') or [])],
            'permissions': self.permissions(workspace, entry.get('permissions'), REPOSITORY_PERMISSIONS, where),
            'git': self.git_content(entry.get('git'), '%s.git' % where),
        })
        seed_kinds.repository(self, workspace, workspace['repositories'][-1], entry, where, _timestamp)

    @staticmethod
    def git_content(entry, where):
        """A repository's seeded history: {commits: [{branch, from, message, files}], tags: [{name, ref}]} or None."""
        if entry is None:
            return None
        if not isinstance(entry, dict) or not isinstance(entry.get('commits') or [], list):
            raise SeedError('%s: a mapping with commits (and tags)' % where)
        for index, commit in enumerate(entry.get('commits') or []):
            files = commit.get('files') if isinstance(commit, dict) else None
            if not isinstance(files, dict) or any(not isinstance(value, str) or '/' in name for name, value in files.items()):
                raise SeedError('%s.commits[%d]: files maps top-level file names to their text' % (where, index))
        for index, tag in enumerate(entry.get('tags') or []):
            _require(tag, 'name', '%s.tags[%d]' % (where, index))
        return copy.deepcopy(entry)

    @staticmethod
    def webhook(entry, where, natural_key):
        url = _require(entry, 'url', where)
        events = entry.get('events') or []
        known = spec.webhook_events()
        if not events or any(event not in known for event in events):
            raise SeedError('%s: events must be a non-empty list of %s' % (where, ', '.join(known)))
        return {
            'uuid': _uuid(entry, 'webhook', natural_key),
            'url': url,
            'description': entry.get('description') or '',
            'events': list(dict.fromkeys(events)),
            'active': _bool(entry, 'active', True, where),
            'secret': entry.get('secret') or None,
            'skip_cert_verification': _bool(entry, 'skip_cert_verification', False, where),
            'created_at': _timestamp(entry.get('created_at'), where),
        }

    @staticmethod
    def access_token(workspace, entry, where, store):
        token = _require(entry, 'token', where)
        kind = entry.get('kind') or ('repository' if entry.get('repository') else 'project' if entry.get('project') else 'workspace')
        if kind not in scopes.ACCESS_TOKEN_SCOPES:
            raise SeedError('%s: kind must be one of %s' % (where, ', '.join(scopes.ACCESS_TOKEN_SCOPES)))
        target = None
        if kind == 'repository':
            target = store.repository(workspace, entry.get('repository') or '')
        elif kind == 'project':
            target = store.project(workspace, entry.get('project') or '')
        return {
            'token': token,
            'name': entry.get('name') or '%s access token' % kind,
            'uuid': _uuid(entry, 'access-token', token),
            'kind': kind,
            'project': target['uuid'] if kind == 'project' and target else None,
            'repository': target['uuid'] if kind == 'repository' and target else None,
            # like Bitbucket, a token whose repository or project is gone is deactivated (401), not an error:
            # seeds derived from the sample may drop the objects its tokens were made for
            'active': entry.get('active', True) is not False and (kind == 'workspace' or target is not None),
            'scopes': _scope_list(entry.get('scopes', 'all'), scopes.ACCESS_TOKEN_SCOPES[kind], where),
        }

    def consumer(self, workspace, entry, where):
        key = _require(entry, 'key', where)
        owners = [member['user'] for member in workspace['members'] if member['role'] == 'owner']
        owner = self.user_ref(entry['owner'], where) if entry.get('owner') else (owners[0] if owners else None)
        if owner is None or not any(same_uuid(owner, member['user']) for member in workspace['members']):
            raise SeedError('%s: the consumer owner must be a member of the workspace' % where)
        lifetime = entry.get('token_lifetime', DEFAULT_TOKEN_LIFETIME)
        if not isinstance(lifetime, int) or lifetime < 1:
            raise SeedError('%s: token_lifetime is a number of seconds' % where)
        return {
            'key': key,
            'secret': _require(entry, 'secret', where),
            'name': entry.get('name') or key,
            'uuid': _uuid(entry, 'consumer', key),
            'owner': owner,
            'scopes': _scope_list(entry.get('scopes', 'all'), spec.all_classic_scopes(), where),
            'token_lifetime': lifetime,
        }


def normalize(seed):
    """The state document for a seed dict; raises SeedError on any inconsistency."""
    try:
        return _Normalizer(copy.deepcopy(seed)).run()
    except (AttributeError, KeyError, TypeError) as error:
        # a value of the wrong shape somewhere (e.g. a string where a mapping belongs)
        raise SeedError('malformed seed: %s: %s' % (type(error).__name__, error)) from None
