# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Repositories in a workspace: Bitbucket's slug rule, the engine resource and listing (internal to the collection)."""

import copy
import re
import unicodedata

from ansible_collections.bitbucket.cloud.plugins.module_utils.client import api_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import BitbucketError, InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.patterns import (
    SLUG_MAX_LENGTH, is_dot_segment, validate_branch, validate_project_key, validate_sort, validate_workspace)
from ansible_collections.bitbucket.cloud.plugins.module_utils.project import stored_project_key
from ansible_collections.bitbucket.cloud.plugins.module_utils.resource import Field, Resource

FORK_POLICIES = ('allow_forks', 'no_public_forks', 'no_forks')
# Latin letters that Unicode does not decompose into a base letter plus marks ("føøbar" becomes "foobar").
TRANSLITERATION = {
    u'\u00e6': 'ae', u'\u00c6': 'AE', u'\u00f8': 'o', u'\u00d8': 'O', u'\u0153': 'oe', u'\u0152': 'OE',
    u'\u00df': 'ss', u'\u0111': 'd', u'\u0110': 'D', u'\u00f0': 'd', u'\u00d0': 'D', u'\u0142': 'l',
    u'\u0141': 'L', u'\u00fe': 'th', u'\u00de': 'TH', u'\u0127': 'h', u'\u0126': 'H', u'\u0131': 'i',
    u'\u0167': 't', u'\u0166': 'T', u'\u0140': 'l', u'\u013f': 'L',
}
NOT_IN_SLUG = re.compile(r'[^a-z0-9_.]+')


def transliterate(name):
    """(ASCII text, certain): certain is False when a character had no known ASCII form."""
    out = []
    certain = True
    for char in unicodedata.normalize('NFKD', name):
        if ord(char) < 128:
            out.append(char)
        elif unicodedata.combining(char):
            continue
        elif char in TRANSLITERATION:
            out.append(TRANSLITERATION[char])
        else:
            certain = False
            out.append('-')
    return ''.join(out), certain


def slugify(name):
    """The slug Bitbucket Cloud derives from a repository name ('' when the name yields none).

    Its documented rule: lowercase ASCII letters, digits, '_', '.' and '-'; each run of other
    characters (dashes included) becomes one '-'; no leading or trailing '-'; at most 62 characters.
    """
    text, dummy = transliterate(name)
    slug = NOT_IN_SLUG.sub('-', text.lower()).strip('-')
    return slug[:SLUG_MAX_LENGTH].rstrip('-')


def name_keeps_slug(name, slug):
    """True when Bitbucket, given `name` on update, certainly keeps the repository at `slug`."""
    return transliterate(name)[1] and slugify(name) == slug


def validate_slug(value, option='slug'):
    if is_dot_segment(value):
        raise InputError(option, 'must not be "." or "..", which would name another API path, got %r' % (value,))
    if not value or value.lower() != slugify(value) or len(value) > SLUG_MAX_LENGTH:
        raise InputError(option, 'must be a repository slug: at most %d ASCII letters, digits, "_", "." and "-", '
                                 'without "--" and not starting or ending with "-", got %r' % (SLUG_MAX_LENGTH, value))


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

    key = 'repository'
    identity = ('workspace', 'slug')
    fields = {
        'name': Field('name'),
        'description': Field('description'),
        'is_private': Field('is_private'),
        'fork_policy': Field('fork_policy'),
        'language': Field('language', compare='casefold'),
        'mainbranch': Field('mainbranch.name'),
        # Keys match ignoring case; results show the key as Bitbucket stores it.
        'project': Field('project.key', compare='casefold'),
    }
    # A repository created from a slug alone would be named after its slug; a typo must not create one.
    required_to_create = ('name',)
    # Secure by default: the API's default when is_private is omitted is not documented.
    create_defaults = {'is_private': True}

    def __init__(self, client, params):
        params = dict(params)
        params['slug'] = (params.get('slug') or slugify(params.get('name') or '')).lower()
        super(RepositoryResource, self).__init__(client, params)

    @classmethod
    def validate(cls, params):
        validate_workspace(params['workspace'])
        name, slug = params.get('name'), params.get('slug')
        if name is None and slug is None:
            raise InputError('name', 'one of name or slug is required to identify the repository')
        if name is not None and not name.strip():
            raise InputError('name', 'must not be empty')
        if slug is not None:
            validate_slug(slug)
        elif not slugify(name):
            raise InputError('slug', 'is required: the name %r has no character Bitbucket keeps in a slug' % (name,))
        if params.get('project') is not None:
            validate_project_key(params['project'], 'project')
        if params.get('fork_policy') is not None and params['fork_policy'] not in FORK_POLICIES:
            raise InputError('fork_policy', 'must be one of %s, got %r' % (', '.join(FORK_POLICIES), params['fork_policy']))
        branch = params.get('mainbranch')
        if branch is not None:
            validate_branch(branch)

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
