# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Repositories in a workspace: the resource and the listing of bitbucket_repo_info (internal to the collection)."""

import copy

from ansible_collections.bitbucket.cloud.plugins.module_utils.client import api_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import BitbucketError, InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.patterns import (
    name_keeps_slug, slugify, validate_branch, validate_not_blank, validate_project_key, validate_slug, validate_sort,
    validate_workspace)
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.project import stored_project_key
from ansible_collections.bitbucket.cloud.plugins.module_utils.resource import Option, Resource

FORK_POLICIES = ('allow_forks', 'no_public_forks', 'no_forks')


def validate_listing(params):
    """Raise InputError for invalid filters of a repository listing; runs before any API call."""
    validate_workspace(params['workspace'])
    if params.get('project') is not None:
        validate_project_key(params['project'], 'project')
    if params.get('query') is not None and not params['query'].strip():
        raise InputError('query', 'must not be empty')
    if params.get('sort') is not None:
        validate_sort(params['sort'])


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
    """One repository as the modules return it (bitbucket_repo and bitbucket_repo_info alike): the API object as
    Bitbucket gives it (nested project, workspace, mainbranch, links), plus the convenience keys clone_urls and
    html_url. A predicted object (check mode) has what is known, and null uuid."""
    out = copy.deepcopy(obj)
    links = out.get('links') or {}
    clone = dict((c.get('name'), c.get('href')) for c in links.get('clone') or [] if isinstance(c, dict))
    slug = out.get('slug') or slug
    if not slug and out.get('full_name'):
        slug = out['full_name'].split('/', 1)[-1]
    workspace = ((out.get('workspace') or {}).get('slug') or workspace
                 or (out.get('full_name') or '').split('/', 1)[0] or None)
    out.setdefault('uuid', None)
    out['slug'] = slug
    out['full_name'] = out.get('full_name') or ('%s/%s' % (workspace, slug) if workspace and slug else None)
    if not isinstance(out.get('workspace'), dict) and workspace:
        out['workspace'] = dict(slug=workspace)
    out['clone_urls'] = dict(https=clone.get('https'), ssh=clone.get('ssh'))
    out['html_url'] = _href(links, 'html')
    return out


class RepositoryResource(Resource):
    """A repository: identified by workspace and slug (given, or derived from the name)."""

    kind = 'repository'
    plural = 'repositories'
    # The options that name it in the spec, in order of preference (for messages).
    names_it = ('slug', 'name')
    options = dict(
        # A repository created from a slug alone would be named after its slug; a typo must not create one.
        name=Option('The repository name (required to create the repository).', api='name', to_create=True,
                    check=validate_not_blank),
        slug=Option('The repository slug, its identity; by default derived from the name by Bitbucket\'s rules.',
                    identity=True, check=validate_slug),
        # Keys match ignoring case; results show the key as Bitbucket stores it.
        project=Option('The key of the project that holds the repository.', api='project.key', compare='casefold',
                       check=validate_project_key),
        description=Option('The repository description.', api='description'),
        is_private=Option('Whether the repository is private. A repository created without it is created private.',
                          type='bool', api='is_private'),
        fork_policy=Option('Who may fork the repository.', api='fork_policy', choices=FORK_POLICIES),
        language=Option('The main language of the repository.', api='language', compare='casefold'),
        mainbranch=Option('The name of the main branch.', api='mainbranch.name', check=validate_branch),
    )

    # Secure by default: the API's default when is_private is omitted is not documented.
    create_defaults = {'is_private': True}

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

    def as_target(self):
        """What the items of its lists name it by (hooks, permissions-config of a repository)."""
        return dict(repository=self.params['slug'])

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
        body = dict(self.body(self.desired_to_create()), scm='git')
        return self._with_stored_project_key(lambda b: self.client.create(self.path(), b, self.find), body)

    def update(self, obj, changes):
        body = self.body(dict((n, a) for n, (b, a) in changes.items()))
        return self._with_stored_project_key(lambda b: self.client.put(self.path(), b), body)

    def _with_stored_project_key(self, send, body):
        """Send; when Bitbucket refuses the project key as given, send again with its stored spelling ('ops' -> 'OPS')."""
        try:
            return send(body)
        except BitbucketError as exc:
            key = (body.get('project') or {}).get('key')
            if exc.status != 400 or not key or 'project' not in (exc.fields or {}):
                raise
            stored = stored_project_key(self.client, self.params['workspace'], key)
            if stored is None or stored == key:
                raise
            return send(dict(body, project=dict(body['project'], key=stored)))

    def delete(self, obj):
        self.client.delete(self.path())

    def result(self, obj):
        return repository_result(obj, self.params['workspace'], self.params['slug'])
