# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Projects in a workspace, for the engine (internal to the bitbucket.cloud collection)."""

from ansible_collections.bitbucket.cloud.plugins.module_utils.client import api_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import BitbucketError, InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.patterns import validate_project_key, validate_workspace
from ansible_collections.bitbucket.cloud.plugins.module_utils.resource import Field, Resource


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
        return self.client.get_or_none(self.path())

    def select(self, candidates):
        return next((p for p in candidates if p.get('key') == self.params['key']), None)

    def create(self):
        body = dict(self.body(self.desired()), key=self.params['key'])
        return self.client.create(api_path('workspaces', self.params['workspace'], 'projects'), body, self.find)

    def update(self, obj, changes):
        # Never send `key` here: on PUT a key in the body renames the project.
        return self.client.put(self.path(), self.body(dict((n, a) for n, (b, a) in changes.items())))

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
        self.client.delete(self.path())

    def result(self, obj):
        out = dict((k, obj.get(k)) for k in ('uuid', 'key', 'name', 'description', 'is_private',
                                             'created_on', 'updated_on', 'has_publicly_visible_repos'))
        out['key'] = out['key'] or self.params['key']
        out['workspace'] = self.params['workspace']
        out['html_url'] = ((obj.get('links') or {}).get('html') or {}).get('href')
        return out
