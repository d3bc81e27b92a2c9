# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Projects in a workspace, for the engine (internal to the bitbucket.cloud collection)."""

import copy

from ansible_collections.bitbucket.cloud.plugins.module_utils.client import api_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import BitbucketError, InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.patterns import validate_project_key, validate_workspace
from ansible_collections.bitbucket.cloud.plugins.module_utils.resource import Field, Resource


def same_project_key(one, other):
    """Project keys match ignoring case, the one rule of the collection (Bitbucket stores them as given)."""
    return isinstance(one, str) and isinstance(other, str) and one.casefold() == other.casefold()


def find_project_key(projects, key):
    """The project with this key among listed ones: the exact spelling first, else ignoring case; or None."""
    exact = next((p for p in projects if p.get('key') == key), None)
    return exact or next((p for p in projects if same_project_key(p.get('key'), key)), None)


def list_projects(client, workspace):
    return list(client.paginate(api_path('workspaces', workspace, 'projects')))


def stored_project_key(client, workspace, key):
    """The key as Bitbucket stores it of the project whose key matches `key` ignoring case, or None."""
    found = find_project_key(list_projects(client, workspace), key)
    return found.get('key') if found else None


class ProjectResource(Resource):
    """A project: identified by workspace and key."""

    key = 'project'
    identity = ('workspace', 'key')
    fields = {
        'name': Field('name'),
        'description': Field('description'),
        'is_private': Field('is_private'),
    }
    required_to_create = ('name',)

    @classmethod
    def validate(cls, params):
        validate_workspace(params['workspace'])
        validate_project_key(params['key'])
        if params.get('name') is not None and not params['name'].strip():
            raise InputError('name', 'must not be empty')

    def path(self, *rest):
        return api_path('workspaces', self.params['workspace'], 'projects', self.params['key'], *rest)

    def find(self):
        found = self.client.get_or_none(self.path())
        if found is None:
            # Keys match ignoring case (Bitbucket stores them as given): 'ops' finds a stored 'OPS'.
            found = self.select(list_projects(self.client, self.params['workspace']))
        return found

    def select(self, candidates):
        return find_project_key(candidates, self.params['key'])

    def create(self):
        body = dict(self.body(self.desired()), key=self.params['key'])
        return self.client.create(api_path('workspaces', self.params['workspace'], 'projects'), body, self.find)

    def stored_path(self, obj):
        """The project's path under the key as Bitbucket stores it."""
        return api_path('workspaces', self.params['workspace'], 'projects', obj.get('key') or self.params['key'])

    def update(self, obj, changes):
        # Never send `key` here: on PUT a key in the body renames the project.
        return self.client.put(self.stored_path(obj), self.body(dict((n, a) for n, (b, a) in changes.items())))

    def check_delete(self, obj):
        # Bitbucket refuses to delete a project that holds repositories; say which, in check mode too.
        query = 'project.key = "%s"' % obj.get('key', self.params['key'])
        page = self.client.get(api_path('repositories', self.params['workspace']),
                               params={'q': query, 'pagelen': 10, 'fields': 'size,values.slug'})
        slugs = [r.get('slug') for r in page.get('values', [])]
        if slugs:
            count = page.get('size') or len(slugs)
            raise BitbucketError('project %s still holds %d %s (%s%s); move or delete them first, '
                                 'this module never deletes repositories' % (
                                     self.params['key'], count, 'repository' if count == 1 else 'repositories',
                                     ', '.join(slugs), ', ...' if count > len(slugs) else ''))

    def delete(self, obj):
        self.client.delete(self.stored_path(obj))

    def result(self, obj):
        """The API object as Bitbucket gives it, plus the convenience keys workspace (slug) and html_url."""
        out = copy.deepcopy(obj)
        out.setdefault('uuid', None)
        out['key'] = out.get('key') or self.params['key']
        out['workspace'] = self.params['workspace']
        out['html_url'] = ((obj.get('links') or {}).get('html') or {}).get('href')
        return out
