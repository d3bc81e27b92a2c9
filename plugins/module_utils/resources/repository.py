# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Repositories in a workspace: the resource and the listing of bitbucket_repo_info (internal to the collection)."""

from ansible_collections.bitbucket.cloud.plugins.module_utils.client import api_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.patterns import (
    check_branch, check_not_blank, check_project_key, check_slug, check_sort, check_workspace, name_keeps_slug, slugify)
from ansible_collections.bitbucket.cloud.plugins.module_utils.resource import Option, Resource

FORK_POLICIES = ('allow_forks', 'no_public_forks', 'no_forks')


def validate_listing(params):
    """Raise InputError for invalid filters of a repository listing; runs before any API call."""
    check_workspace(params['workspace'])
    if params.get('project') is not None:
        check_project_key(params['project'], 'project')
    if params.get('query') is not None and not params['query'].strip():
        raise InputError('query', 'must not be empty')
    if params.get('sort') is not None:
        check_sort(params['sort'])


def repository_query(project=None, query=None):
    """BBQL for the repository list: the user's query, narrowed to one project when given."""
    parts = []
    if query:
        parts.append('(%s)' % query if project else query)
    if project:
        parts.append('project.key = "%s"' % project)
    return ' AND '.join(parts) or None


def list_repositories(client, workspace, project=None, query=None, sort=None):
    """Every repository of the workspace matching the filters (all pages)."""
    params = {}
    bbql = repository_query(project, query)
    if bbql:
        params['q'] = bbql
    if sort:
        params['sort'] = sort
    return client.paginate(api_path('repositories', workspace), params)


def _href(links, name):
    return ((links or {}).get(name) or {}).get('href')


def repository_result(obj, workspace=None, slug=None):
    """One repository as the modules return it (bitbucket_repo and bitbucket_repo_info alike)."""
    links = obj.get('links') or {}
    clone = dict((c.get('name'), c.get('href')) for c in links.get('clone') or [] if isinstance(c, dict))
    slug = obj.get('slug') or slug
    if not slug and obj.get('full_name'):
        slug = obj['full_name'].split('/', 1)[-1]
    workspace = ((obj.get('workspace') or {}).get('slug') or workspace
                 or (obj.get('full_name') or '').split('/', 1)[0] or None)
    return dict(
        uuid=obj.get('uuid'),
        slug=slug,
        name=obj.get('name'),
        full_name=obj.get('full_name') or ('%s/%s' % (workspace, slug) if workspace and slug else None),
        workspace=workspace,
        project=(obj.get('project') or {}).get('key'),
        description=obj.get('description'),
        is_private=obj.get('is_private'),
        fork_policy=obj.get('fork_policy'),
        language=obj.get('language'),
        mainbranch=(obj.get('mainbranch') or {}).get('name'),
        clone_urls=dict(https=clone.get('https'), ssh=clone.get('ssh')),
        html_url=_href(links, 'html'),
        created_on=obj.get('created_on'),
        updated_on=obj.get('updated_on'),
    )


class RepositoryResource(Resource):
    """A repository: identified by workspace and slug (given, or derived from the name)."""

    kind = 'repository'
    plural = 'repositories'
    options = dict(
        # A repository created from a slug alone would be named after its slug; a typo must not create one.
        name=Option('The repository name (required to create the repository).', api='name', to_create=True,
                    check=check_not_blank),
        slug=Option('The repository slug, its identity; by default derived from the name by Bitbucket\'s rules.',
                    identity=True, check=check_slug),
        project=Option('The key of the project that holds the repository.', api='project.key',
                       check=check_project_key),
        description=Option('The repository description.', api='description'),
        is_private=Option('Whether the repository is private.', type='bool', api='is_private'),
        fork_policy=Option('Who may fork the repository.', api='fork_policy', choices=FORK_POLICIES),
        language=Option('The main language of the repository.', api='language', compare='casefold'),
        mainbranch=Option('The name of the main branch.', api='mainbranch.name', check=check_branch),
    )

    def __init__(self, client, params):
        params = dict(params)
        params['slug'] = (params.get('slug') or slugify(params.get('name') or '')).lower()
        super(RepositoryResource, self).__init__(client, params)

    @classmethod
    def object_errors(cls, params):
        name, slug = params.get('name'), params.get('slug')
        if name is None and slug is None:
            yield InputError('name', 'one of name or slug is required to identify the repository')
        elif slug is None and name.strip() and not slugify(name):
            yield InputError('slug', 'is required: the name %r has no character Bitbucket keeps in a slug' % (name,))

    def label(self):
        return 'repository %s' % self.params['slug']

    def path(self):
        return api_path('repositories', self.params['workspace'], self.params['slug'])

    def find(self):
        return self.client.get_or_none(self.path())

    def select(self, candidates):
        return next((r for r in candidates if (r.get('slug') or '').lower() == self.params['slug']), None)

    def changes(self, obj):
        out = super(RepositoryResource, self).changes(obj)
        if 'name' in out:
            slug = obj.get('slug') or self.params['slug']
            if not name_keeps_slug(self.params['name'], slug):
                # In Bitbucket a new name moves the repository to a new slug (URL); renames are not performed.
                del out['name']
                self.warnings.append('name %r is left unapplied to repository %s/%s: Bitbucket would move the '
                                     'repository to a new slug; this module never renames (current name %r)' % (
                                         self.params['name'], self.params['workspace'], slug, obj.get('name')))
        return out

    def create(self):
        body = dict(self.body(self.desired()), scm='git')
        return self.client.create(self.path(), body, self.find)

    def update(self, obj, changes):
        return self.client.put(self.path(), self.body(dict((n, a) for n, (b, a) in changes.items())))

    def delete(self, obj):
        self.client.delete(self.path())

    def result(self, obj):
        return repository_result(obj, self.params['workspace'], self.params['slug'])
