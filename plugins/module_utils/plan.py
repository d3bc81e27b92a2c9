# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The workspace plan: read the declared part of a workspace in bulk and list the changes it needs
(internal to the bitbucket.cloud collection).

Reading: one project list, repository lists of up to 100 (BBQL on the declared slugs), then the hook
and grant lists of the declared objects that need them, a few at a time in parallel. Comparing: the
Resource classes of the modules (select, then plan), so the plan and a module never disagree.
"""

from ansible_collections.bitbucket.cloud.plugins.module_utils.client import api_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import BitbucketError, InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.parallel import BulkReader
from ansible_collections.bitbucket.cloud.plugins.module_utils.permission import (
    PermissionResource, grant_identity, grants_path)
from ansible_collections.bitbucket.cloud.plugins.module_utils.patterns import redact_url, validate_workspace
from ansible_collections.bitbucket.cloud.plugins.module_utils.project import ProjectResource
from ansible_collections.bitbucket.cloud.plugins.module_utils.repository import RepositoryResource
from ansible_collections.bitbucket.cloud.plugins.module_utils.webhook import WebhookResource, hooks_path

KINDS = ('projects', 'repositories', 'webhooks', 'permissions')
ACTIONS = ('create', 'update', 'delete')
GRANTEE_KINDS = (('users', 'user_id'), ('groups', 'group'))
# Slugs per repository query: one page (pagelen 100), and a query string well under common URL limits.
SLUGS_PER_QUERY = 100
QUERY_CHARS = 3000
HOOK_OPTIONS = ('url', 'description', 'events', 'active', 'skip_cert_verification', 'secret', 'secret_update')
REPOSITORY_OPTIONS = ('name', 'slug', 'project', 'description', 'is_private', 'fork_policy', 'language', 'mainbranch')
PROJECT_OPTIONS = ('key', 'name', 'description', 'is_private')


def _reraise(exc, option):
    """The InputError of a Resource's validate(), renamed to the option's place in the plan's input."""
    text = exc.message
    prefix = '%s: ' % exc.option
    if exc.option and text.startswith(prefix):
        text = text[len(prefix):]
    return InputError(option, text)


def _validated(resource_class, params, where, renames=None):
    try:
        resource_class.validate(params)
    except InputError as exc:
        renames = dict(renames or {}, workspace='workspace')
        raise _reraise(exc, renames.get(exc.option) or '%s.%s' % (where, exc.option))
    return params


class Declared(object):
    """The plan's input as per-object module parameters, each with its place in the input (for messages)."""

    def __init__(self, params):
        self.workspace = params['workspace']
        self.prune = bool(params.get('prune'))
        validate_workspace(self.workspace)
        self.projects = []      # (where, project params, grants)
        self.repositories = []  # (where, repository params, hooks, grants)
        self.workspace_hooks = None if params.get('workspace_webhooks') is None else []
        self._read_projects(params.get('projects') or [])
        self._read_repositories(params.get('repositories') or [])
        for index, hook in enumerate(params.get('workspace_webhooks') or []):
            self.workspace_hooks.append(self._hook('workspace_webhooks[%d]' % index, None, hook))
        _unique(self.workspace_hooks or [], 'url', 'workspace_webhooks', 'webhooks of the workspace')

    def _read_projects(self, items):
        seen = {}
        for index, item in enumerate(items):
            where = 'projects[%d]' % index
            params = dict((o, item.get(o)) for o in PROJECT_OPTIONS)
            params.update(workspace=self.workspace, state='present')
            _validated(ProjectResource, params, where)
            if params['key'].casefold() in seen:
                raise InputError('%s.key' % where, 'project %s is already declared in %s (keys match ignoring case)' % (
                    params['key'], seen[params['key'].casefold()]))
            seen[params['key'].casefold()] = where
            grants = self._grants(where, item.get('permissions'), project=params['key'])
            self.projects.append((where, params, grants))

    def _read_repositories(self, items):
        seen = {}
        for index, item in enumerate(items):
            where = 'repositories[%d]' % index
            params = dict((o, item.get(o)) for o in REPOSITORY_OPTIONS)
            params.update(workspace=self.workspace, state='present')
            _validated(RepositoryResource, params, where)
            slug = params['slug'] = RepositoryResource(None, params).params['slug']
            if slug in seen:
                raise InputError('%s.%s' % (where, 'slug' if item.get('slug') else 'name'),
                                 'repository %s is already declared in %s' % (slug, seen[slug]))
            seen[slug] = where
            hooks = [self._hook('%s.webhooks[%d]' % (where, number), (slug, where), hook)
                     for number, hook in enumerate(item.get('webhooks') or [])]
            _unique(hooks, 'url', '%s.webhooks' % where, 'webhooks of repository %s' % slug)
            grants = self._grants(where, item.get('permissions'), repository=(slug, where))
            self.repositories.append((where, params, hooks, grants))

    def _hook(self, where, repository, item):
        params = dict((o, item.get(o)) for o in HOOK_OPTIONS)
        params.update(workspace=self.workspace, repository=repository[0] if repository else None, uuid=None,
                      state='present')
        params['secret_update'] = params['secret_update'] or 'on_create'
        if params['url'] is None:
            raise InputError('%s.url' % where, 'is required: a declared webhook is identified by its URL')
        renames = dict(repository=repository[1]) if repository else {}
        return where, _validated(WebhookResource, params, where, renames)

    def _grants(self, where, permissions, repository=None, project=None):
        """[(where, grant params)] from {users: {id: permission}, groups: {slug: permission}}."""
        out = []
        for kind, option in GRANTEE_KINDS:
            declared = (permissions or {}).get(kind) or {}
            for grantee, permission in sorted(declared.items(), key=lambda kv: str(kv[0])):
                place = '%s.permissions.%s.%s' % (where, kind, grantee)
                if permission is None:
                    raise InputError(place, 'is required: the permission to grant (read, write, admin%s)' % (
                        ', create-repo' if project else ''))
                params = dict(workspace=self.workspace, repository=repository[0] if repository else None,
                              project=project, user_id=None, group=None, permission=permission, state='present')
                params[option] = grantee
                renames = dict(repository=repository[1] + '.name') if repository else dict(project=where + '.key')
                renames.update(permission=place, user_id=place, group=place)
                out.append((place, _validated(PermissionResource, params, place, renames)))
        return out

    def repository_slugs(self):
        return [params['slug'] for dummy, params, dummy2, dummy3 in self.repositories]


def _unique(hooks, option, where, what):
    seen = set()
    for place, params in hooks:
        if params[option] in seen:
            raise InputError('%s.%s' % (place, option), 'is declared twice among the %s: %s' % (what, redact_url(params[option])))
        seen.add(params[option])


def repository_queries(slugs):
    """BBQL queries `slug IN (...)` covering the slugs, each one page long and of a bounded length."""
    queries, chunk, size = [], [], 0
    for slug in sorted(set(slugs)):
        term = '"%s"' % slug
        if chunk and (len(chunk) >= SLUGS_PER_QUERY or size + len(term) + 1 > QUERY_CHARS):
            queries.append(chunk)
            chunk, size = [], 0
        chunk.append(term)
        size += len(term) + 1
    if chunk:
        queries.append(chunk)
    return ['slug IN (%s)' % ','.join(chunk) for chunk in queries]


class WorkspacePlan(object):
    """Reads the declared part of a workspace and lists the actions that converge it; never writes."""

    def __init__(self, client, params):
        self.client = client
        self.declared = Declared(params)
        self.reader = BulkReader(client)
        self.warnings = []
        self.plan = dict((kind, []) for kind in KINDS)
        self.differences = []

    # --- reading -------------------------------------------------------------------
    def read(self):
        declared, workspace = self.declared, self.declared.workspace
        jobs = []
        if declared.projects or any(p['project'] for dummy, p, dummy2, dummy3 in declared.repositories):
            jobs.append((('projects',), api_path('workspaces', workspace, 'projects'), None))
        for number, query in enumerate(repository_queries(declared.repository_slugs())):
            jobs.append((('repositories', number), api_path('repositories', workspace), {'q': query}))
        try:
            first = self.reader.lists(jobs)
        except BitbucketError as exc:
            if exc.status != 400 or exc.path != api_path('repositories', workspace):
                raise
            # Bitbucket refused the `slug IN (...)` query: list the workspace's repositories, filter here.
            jobs = [job for job in jobs if job[0][0] != 'repositories']
            jobs.append((('repositories', 'all'), api_path('repositories', workspace), {'pagelen': 100}))
            first = self.reader.lists(jobs)
            wanted = set(declared.repository_slugs())
            first[('repositories', 'all')] = [r for r in first[('repositories', 'all')]
                                              if (r.get('slug') or '').lower() in wanted]
        self.projects = first.get(('projects',), [])
        self.repositories = [r for key, values in first.items() if key[0] == 'repositories' for r in values]

        jobs = []
        for where, params, grants in declared.projects:
            current = ProjectResource(self.client, params).select(self.projects)
            if current is not None:
                jobs.extend(self._grant_jobs(('project', params['key']), grants, project=current.get('key') or params['key']))
        for where, params, hooks, grants in declared.repositories:
            current = RepositoryResource(self.client, params).select(self.repositories)
            if current is None:
                continue
            slug = params['slug']
            if hooks or declared.prune:
                jobs.append((('hooks', slug), hooks_path(workspace, slug), None))
            jobs.extend(self._grant_jobs(('repository', slug), grants, repository=slug))
        if declared.workspace_hooks is not None:
            jobs.append((('hooks', None), hooks_path(workspace), None))
        self.listed = self.reader.lists(jobs)
        self.reader.finish()

    def listed_hook_urls(self):
        """The URLs of the webhooks read from Bitbucket (the module masks their credentials)."""
        return [h.get('url') for key, values in getattr(self, 'listed', {}).items() if key[0] == 'hooks'
                for h in values or []]

    def _grant_jobs(self, target, grants, **on):
        """The grant lists a target needs: the kinds it declares, or both when pruned."""
        out = []
        for kind, option in GRANTEE_KINDS:
            if self.declared.prune or any(params[option] is not None for dummy, params in grants):
                out.append((('grants',) + target + (kind,), grants_path(self.declared.workspace, kind, **on), None))
        return out

    # --- planning ------------------------------------------------------------------
    def build(self):
        self.read()
        declared = self.declared
        known_projects = set(p.get('key', '').casefold() for p in self.projects)
        known_projects.update(params['key'].casefold() for dummy, params, dummy2 in declared.projects)
        for where, params, grants in declared.projects:
            declared_key = params['key']
            current = ProjectResource(self.client, params).select(self.projects)
            if current is not None and current.get('key'):
                # Keys match ignoring case; the plan names the project by its stored key.
                params = dict(params, key=current['key'])
                grants = [(place, dict(grant, project=current['key'])) for place, grant in grants]
            resource = ProjectResource(self.client, params)
            self._add('projects', where, resource, current)
            self._plan_grants(grants, ('project', declared_key), dict(project=params['key']), current is not None)
        for where, params, hooks, grants in declared.repositories:
            if params['project'] is not None and params['project'].casefold() not in known_projects:
                raise BitbucketError('%s.project: project %s does not exist in workspace %s and is not declared in '
                                     'projects' % (where, params['project'], declared.workspace), option='%s.project' % where)
            resource = RepositoryResource(self.client, params)
            current = resource.select(self.repositories)
            self._add('repositories', where, resource, current)
            slug = resource.params['slug']
            self._plan_hooks(hooks, self.listed.get(('hooks', slug)), slug, current is not None)
            self._plan_grants(grants, ('repository', slug), dict(repository=slug), current is not None)
        if declared.workspace_hooks is not None:
            self._plan_hooks(declared.workspace_hooks, self.listed.get(('hooks', None)), None, True)
        return self.result()

    def _add(self, kind, where, resource, current, state='present'):
        if state == 'present' and current is None:
            missing = resource.missing_to_create()
            if missing:
                raise InputError('%s.%s' % (where, missing[0]), 'is required to create %s %s, which does not exist' % (
                    resource.key, _describe(resource.ident())))
        action = resource.plan(current, state)
        self.warnings.extend('%s: %s' % (where or 'prune', w) for w in resource.warnings)
        del resource.warnings[:]
        if action is not None:
            # Where the object is declared in the input (null for a removal): the role reads the secret there.
            action['declared'] = where
            # The line for people travels with the action, so the role can say what it already applied.
            action['text'] = _difference(resource.key, action, current)
            self.plan[kind].append(action)
            self.differences.append(action['text'])

    def _plan_hooks(self, hooks, listed, repository, exists):
        listed = listed or []
        kept = set()
        for where, params in hooks:
            resource = WebhookResource(self.client, params)
            try:
                current = resource.select(listed) if exists else None
            except InputError as exc:
                raise _reraise(exc, '%s.%s' % (where, exc.option))
            if current is not None:
                kept.add(current.get('uuid'))
            self._add('webhooks', where, resource, current)
        if self.declared.prune and exists:
            for hook in listed:
                if hook.get('uuid') in kept:
                    continue
                params = dict(workspace=self.declared.workspace, repository=repository, url=hook.get('url'),
                              uuid=hook.get('uuid'), state='absent')
                self._add('webhooks', None, WebhookResource(self.client, params), hook, 'absent')

    def _plan_grants(self, grants, target, on, exists):
        kept = dict((kind, set()) for kind, dummy in GRANTEE_KINDS)
        for where, params in grants:
            kind = 'users' if params['user_id'] is not None else 'groups'
            resource = PermissionResource(self.client, params)
            current = resource.select(self.listed.get(('grants',) + target + (kind,)) or []) if exists else None
            if current is not None:
                kept[kind].add(id(current))
            self._add('permissions', where, resource, current)
        if not (self.declared.prune and exists):
            return
        for kind, dummy in GRANTEE_KINDS:
            for grant in self.listed.get(('grants',) + target + (kind,)) or []:
                if id(grant) in kept[kind]:
                    continue
                params = dict(workspace=self.declared.workspace, repository=None, project=None, user_id=None,
                              group=None, permission=None, state='absent')
                params.update(on)
                params.update(grant_identity(grant))
                self._add('permissions', None, PermissionResource(self.client, params), grant, 'absent')

    def result(self):
        summary = dict((kind, dict((a, sum(1 for x in self.plan[kind] if x['action'] == a)) for a in ACTIONS))
                       for kind in KINDS)
        summary['total'] = sum(len(self.plan[kind]) for kind in KINDS)
        return dict(plan=self.plan, summary=summary, differences=self.differences)


def _describe(ident):
    return ', '.join('%s=%s' % kv for kv in sorted(ident.items()) if kv[1] is not None)


def _value(value):
    return repr(value) if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)


def _difference(kind, action, current):
    """One line for people: 'update repository acme/infra-live: description 'a' -> 'b''."""
    if kind == 'project':
        name = 'project %s' % action['key']
    elif kind == 'repository':
        name = 'repository %s' % action['slug']
    elif kind == 'webhook':
        name = 'webhook %s of %s' % (action.get('url'), 'repository %s' % action['repository']
                                     if action.get('repository') else 'the workspace')
    else:
        grantee = 'user %s' % action['user_id'] if action.get('user_id') else 'group %s' % action.get('group')
        target = 'repository %s' % action['repository'] if action.get('repository') else 'project %s' % action['project']
        name = 'permission of %s on %s' % (grantee, target)
        if action['action'] == 'delete':
            return 'delete %s (%s)' % (name, current.get('permission'))
    changes = sorted((action.get('changes') or {}).items())
    if action['action'] == 'create':
        detail = ', '.join('%s=%s' % (k, _value(v['after'])) for k, v in changes)
    elif action['action'] == 'update':
        detail = '; '.join('%s %s -> %s' % (k, _value(v['before']), _value(v['after'])) for k, v in changes)
    else:
        return 'delete %s' % name
    return '%s %s: %s' % (action['action'], name, detail)
