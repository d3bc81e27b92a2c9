"""The emulator's state: the normalized seed document, looked up and changed under one lock.

The state is plain JSON (see README "State document"); /_emulator/state returns it as is and
/_emulator/reset accepts it back as a seed.
"""

import copy
import threading

from .naming import is_braced_uuid, new_uuid, now, parse_timestamp, same_uuid

DEFAULT_PROJECT = {'key': 'PROJ', 'name': 'Untitled project'}


class Store:
    """The current state document and the lock every API request holds while it reads or writes it."""

    def __init__(self, data):
        self.lock = threading.RLock()
        self.data = data

    def replace(self, data):
        """Swap in a new (normalized) state document."""
        with self.lock:
            self.data = data

    def dump(self):
        """A deep copy of the whole state, secrets included (for test assertions)."""
        with self.lock:
            return copy.deepcopy(self.data)

    # users

    def user(self, ref):
        """A user by '{uuid}', account id, email or nickname; None when unknown."""
        if not isinstance(ref, str) or not ref:
            return None
        for user in self.data['users']:
            if same_uuid(user['uuid'], ref) and is_braced_uuid(ref):
                return user
            if ref in (user['account_id'], user['nickname']) or ref.lower() == user['email'].lower():
                return user
        return None

    def user_by_id(self, ref):
        """A user by the ids paths accept: '{uuid}' or Atlassian account id."""
        for user in self.data['users']:
            if (is_braced_uuid(ref) and same_uuid(user['uuid'], ref)) or user['account_id'] == ref:
                return user
        return None

    def user_by_uuid(self, value):
        """A user by its uuid (stored references are uuids)."""
        for user in self.data['users']:
            if same_uuid(user['uuid'], value):
                return user
        return None

    # workspaces and what they hold

    def workspace(self, ref):
        """A workspace by slug or '{uuid}'."""
        for workspace in self.data['workspaces']:
            if workspace['slug'] == ref or (is_braced_uuid(ref) and same_uuid(workspace['uuid'], ref)):
                return workspace
        return None

    def workspace_by_uuid(self, value):
        """A workspace by its uuid."""
        for workspace in self.data['workspaces']:
            if same_uuid(workspace['uuid'], value):
                return workspace
        return None

    @staticmethod
    def member_role(workspace, user_uuid):
        """The user's role in the workspace (owner, create-project, member) or None."""
        for member in workspace['members']:
            if same_uuid(member['user'], user_uuid):
                return member['role']
        return None

    @staticmethod
    def groups_of(workspace, user_uuid):
        """The slugs of the workspace groups the user belongs to."""
        return [group['slug'] for group in workspace['groups'] if any(same_uuid(member, user_uuid) for member in group['members'])]

    @staticmethod
    def group(workspace, slug):
        """A group of the workspace by slug."""
        for group in workspace['groups']:
            if group['slug'] == slug:
                return group
        return None

    @staticmethod
    def project(workspace, ref):
        """A project by key or '{uuid}'."""
        for project in workspace['projects']:
            if project['key'] == ref or (is_braced_uuid(ref) and same_uuid(project['uuid'], ref)):
                return project
        return None

    @staticmethod
    def project_by_uuid(workspace, value):
        """A project by its uuid."""
        for project in workspace['projects']:
            if same_uuid(project['uuid'], value):
                return project
        return None

    @staticmethod
    def repository(workspace, ref):
        """A repository by slug or '{uuid}'."""
        for repository in workspace['repositories']:
            if repository['slug'] == ref or (is_braced_uuid(ref) and same_uuid(repository['uuid'], ref)):
                return repository
        return None

    @staticmethod
    def repository_by_uuid(workspace, value):
        """A repository of the workspace by its uuid."""
        for repository in workspace['repositories']:
            if same_uuid(repository['uuid'], value):
                return repository
        return None

    def repository_anywhere(self, uuid_ref):
        """(workspace, repository) for a repository '{uuid}' in any workspace (the '{}' workspace form)."""
        for workspace in self.data['workspaces']:
            for repository in workspace['repositories']:
                if same_uuid(repository['uuid'], uuid_ref):
                    return workspace, repository
        return None, None

    @staticmethod
    def repositories_in(workspace, project_key):
        """The repositories of one project."""
        return [repository for repository in workspace['repositories'] if repository['project'] == project_key]

    @staticmethod
    def hook(hooks, uid):
        """A webhook of a list by uuid, given with or without braces."""
        for hook in hooks:
            if same_uuid(hook['uuid'], uid):
                return hook
        return None

    @staticmethod
    def oldest_project(workspace):
        """The project a repository created without one lands in (the oldest by created_on)."""
        if not workspace['projects']:
            return None
        # sorted() is stable, so equal timestamps keep the seed's order
        return sorted(workspace['projects'], key=lambda project: parse_timestamp(project['created_on']))[0]

    # tokens

    def oauth_token(self, value):
        """An access token issued by the client-credentials grant."""
        for token in self.data['oauth_tokens']:
            if token['access_token'] == value:
                return token
        return None


def default_project(workspace):
    """The project Bitbucket gives a workspace that has none when a repository is created."""
    return new_project(workspace, DEFAULT_PROJECT['key'], DEFAULT_PROJECT['name'])


def new_project(workspace, key, name, description='', is_private=True, created_on=None, uuid=None, avatar=None):
    """Append a project record to the workspace and return it."""
    created_on = created_on or now()
    project = {
        'uuid': uuid or new_uuid(),
        'key': key,
        'name': name,
        'description': description,
        'is_private': is_private,
        'created_on': created_on,
        'updated_on': created_on,
        'avatar': avatar,
        'permissions': {'users': {}, 'groups': {}},
    }
    workspace['projects'].append(project)
    return project
