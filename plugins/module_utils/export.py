# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The export of a workspace as the workspace_provision role's input (internal to the bitbucket.cloud collection).

Reads in bulk, with the plan's reader: the project, repository, workspace hook and workspace variable
lists, then the hook, grant, variable and default reviewer lists and the branching model settings of every
exported repository and project, a few at a time in parallel. Keeps only what a user writes in the role's
input, sorted stably; values Bitbucket never returns (webhook secrets, secured variable values) are listed in
``write_only`` and never invented.
"""

import json
import os
import tempfile

from ansible_collections.bitbucket.cloud.plugins.module_utils.client import api_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import BitbucketError
from ansible_collections.bitbucket.cloud.plugins.module_utils.parallel import BulkReader
from ansible_collections.bitbucket.cloud.plugins.module_utils.resource import ObjectPath
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.branch_restriction import (
    RESTRICTION_KINDS, restriction_spec, restrictions_path)
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.branching_model import (
    DEFAULT_MODEL, effective_path, in_force, model_spec, settings_path)
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.default_reviewer import (
    account_ref, reviewer_account, reviewers_path)
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.deploy_key import deploy_keys_spec, keys_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.deployment_environment import environments_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.permission import GRANT_KINDS, grants_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.pipeline_variable import variables_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.pipelines import config_path, pipelines_spec
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.webhook import hooks_path


def _hook_spec(hook):
    out = dict(url=hook.get('url'), description=hook.get('description') or '', events=sorted(hook.get('events') or []),
               active=bool(hook.get('active')), skip_cert_verification=bool(hook.get('skip_cert_verification')))
    return out


def _reviewer_spec(reviewers):
    """A default reviewer list as the role takes it: account ids (a {uuid} when there is none), sorted."""
    return sorted(set(account_ref(reviewer_account(r)) for r in reviewers) - set([None]))


def _variables_spec(variables, place, write_only):
    """The variables in the role's input, by key; a secured value is never read, its place goes to write_only."""
    out = []
    for variable in sorted(variables, key=lambda v: v.get('key') or ''):
        entry = dict(key=variable.get('key'), secured=bool(variable.get('secured')))
        if entry['secured']:
            write_only.append(dict(place='%s[%d].value' % (place, len(out)), kind='pipeline_variable_value'))
        else:
            entry['value'] = variable.get('value') or ''
        out.append(entry)
    return out


def _grant_spec(grants):
    out = {}
    users = dict(((g.get('user') or {}).get('account_id') or (g.get('user') or {}).get('uuid'), g.get('permission'))
                 for g in grants.get('users') or [])
    groups = dict(((g.get('group') or {}).get('slug'), g.get('permission')) for g in grants.get('groups') or [])
    if users:
        out['users'] = dict(sorted(users.items()))
    if groups:
        out['groups'] = dict(sorted(groups.items()))
    return out


PIPELINES_PARTS = ('config', 'key_pair', 'known_hosts')


def _read_pipelines(client, workspace, slug, part):
    """One part of a repository's Pipelines settings; None when absent (no key pair) or not readable (403)."""
    try:
        if part == 'known_hosts':
            return list(client.paginate(config_path(workspace, slug, 'ssh', 'known_hosts')))
        return client.get_or_none(config_path(workspace, slug, *(('ssh', 'key_pair') if part == 'key_pair' else ())))
    except BitbucketError as exc:
        if exc.status != 403:
            raise
        return exc


class WorkspaceExport(object):
    """Reads a workspace (or some of its projects or repositories) and builds the spec, write_only and raw objects."""

    def __init__(self, client, workspace, projects=None, repositories=None):
        self.client = client
        self.workspace = workspace
        self.projects_filter = set(projects) if projects else None
        self.repositories_filter = set(repositories) if repositories else None
        self.warnings = []
        self.raw = {}

    def read(self):
        reader = BulkReader(self.client)
        workspace = self.workspace
        first = reader.lists([
            ('repositories', api_path('repositories', workspace), None),
            ('projects', api_path('workspaces', workspace, 'projects'), None),
            ('hooks', hooks_path(workspace), None),
            ('variables', variables_path(workspace), None),
        ])
        repositories = sorted(first['repositories'], key=lambda r: r.get('slug') or '')
        if self.repositories_filter is not None:
            repositories = [r for r in repositories if r.get('slug') in self.repositories_filter]
        if self.projects_filter is not None:
            repositories = [r for r in repositories if (r.get('project') or {}).get('key') in self.projects_filter]
        projects = sorted(first['projects'], key=lambda p: p.get('key') or '')
        if self.projects_filter is not None or self.repositories_filter is not None:
            wanted = self.projects_filter or set()
            if self.repositories_filter is not None and self.projects_filter is None:
                wanted = set((r.get('project') or {}).get('key') for r in repositories)
            projects = [p for p in projects if p.get('key') in wanted]
        jobs = []
        for repo in repositories:
            slug = repo['slug']
            jobs.append((('hooks', slug), hooks_path(workspace, slug), None))
            jobs.append((('restrictions', slug), restrictions_path(workspace, slug), None))
            jobs.append((('variables', slug), variables_path(workspace, slug), None))
            jobs.append((('environments', slug), environments_path(workspace, slug), None))
            jobs.extend((('grants', 'repository', slug, kind), grants_path(workspace, kind, repository=slug), None)
                        for kind in GRANT_KINDS)
            jobs.append((('deploy_keys', 'repository', slug), keys_path(workspace, repository=slug), None))
            jobs.append((('reviewers', 'repository', slug), reviewers_path(workspace, repository=slug), None))
            jobs.append((('settings', 'repository', slug), ObjectPath(settings_path(workspace, repository=slug)), None))
        for project in projects:
            jobs.extend((('grants', 'project', project['key'], kind), grants_path(workspace, kind, project=project['key']),
                         None) for kind in GRANT_KINDS)
            jobs.append((('deploy_keys', 'project', project['key']), keys_path(workspace, project=project['key']), None))
            jobs.append((('reviewers', 'project', project['key']), reviewers_path(workspace, project=project['key']), None))
            jobs.append((('settings', 'project', project['key']), ObjectPath(settings_path(workspace, project=project['key'])),
                         None))
        listed = reader.lists(jobs)
        # Then the variables of every environment (their path needs the environment's uuid).
        listed.update(reader.lists([(('variables', slug, environment.get('uuid')),
                                     variables_path(workspace, slug, environment.get('uuid')), None)
                                    for slug in (r['slug'] for r in repositories)
                                    for environment in listed[('environments', slug)]]))
        self.settings = dict((key[1:], (listed[key] or [None])[0]) for key in listed if key[0] == 'settings')
        self.models = self._read_models(reader, repositories, projects)
        self.pipelines = reader.run((('pipelines', repo['slug'], part), lambda client, s=repo['slug'], p=part:
                                     _read_pipelines(client, workspace, s, p))
                                    for repo in repositories for part in PIPELINES_PARTS)
        reader.finish()
        self.listed = listed
        self.repositories = repositories
        self.projects = projects
        self.workspace_hooks = sorted(first['hooks'], key=lambda h: (h.get('url') or '', h.get('uuid') or ''))
        self.workspace_variables = first['variables']
        self.whole = self.projects_filter is None and self.repositories_filter is None

    def _read_models(self, reader, repositories, projects):
        """{('project', key) or ('repository', slug): the model to export, or None}, from the settings read.

        A project's model is exported when it is not Bitbucket's default. A repository's when it differs from its
        project's and is the model in force on it: a repository that inherits its project's model (its settings
        may then be its project's, or its own unused ones) is not exported as a model of its own, so provisioning
        the export neither plans a change nor makes it stop inheriting.
        """
        workspace = self.workspace
        models = {}
        for project in projects:
            found = self.settings[('project', project['key'])]
            models[('project', project['key'])] = model_spec(found) if found else None
        candidates = []
        for repo in repositories:
            found = self.settings[('repository', repo['slug'])]
            own = model_spec(found) if found else None
            inherited = models.get(('project', (repo.get('project') or {}).get('key'))) or DEFAULT_MODEL
            if own is not None and own != inherited:
                candidates.append(repo['slug'])
            models[('repository', repo['slug'])] = own if own is not None and own != inherited else None
        effective = reader.lists((slug, ObjectPath(effective_path(workspace, slug)), None) for slug in candidates)
        for slug in candidates:
            if not in_force(self.settings[('repository', slug)], (effective[slug] or [None])[0]):
                models[('repository', slug)] = None
        for key, model in list(models.items()):
            if key[0] == 'project' and model == DEFAULT_MODEL:
                models[key] = None
        return models

    def _grants(self, target, name):
        return dict((kind, self.listed[('grants', target, name, kind)]) for kind in GRANT_KINDS)

    def _hooks(self, hooks, place, write_only, owner):
        out = []
        seen = set()
        for hook in sorted(hooks, key=lambda h: (h.get('url') or '', h.get('created_at') or '', h.get('uuid') or '')):
            if hook.get('url') in seen:
                # the role identifies a webhook by its URL: a second one with the same URL cannot be declared
                self.warnings.append('%s has two webhooks with the URL %s; only the older one (%s is left out) is '
                                     'exported' % (owner, hook.get('url'), hook.get('uuid')))
                continue
            seen.add(hook.get('url'))
            if hook.get('secret_set'):
                write_only.append(dict(place='%s[%d].secret' % (place, len(out)), kind='webhook_secret'))
            out.append(_hook_spec(hook))
        return out

    def _environments(self, slug, place, write_only):
        """The deployment environments of a repository by name, each with its variables (secured values: write_only)."""
        out = []
        for environment in sorted(self.listed[('environments', slug)], key=lambda e: (e.get('name') or '').casefold()):
            entry = dict(name=environment.get('name'),
                         environment_type=(environment.get('environment_type') or {}).get('name'),
                         admin_only=bool((environment.get('restrictions') or {}).get('admin_only')))
            variables = self.listed[('variables', slug, environment.get('uuid'))]
            if variables:
                entry['variables'] = _variables_spec(variables, '%s[%d].variables' % (place, len(out)), write_only)
            out.append(entry)
        return out

    def build(self):
        """{'spec': role input, 'write_only': [...], 'raw': {relative file: API object}}."""
        self.read()
        write_only = []
        raw = self.raw
        projects = []
        for project in self.projects:
            key = project['key']
            entry = dict(key=key, name=project.get('name'), description=project.get('description') or '',
                         is_private=bool(project.get('is_private')))
            grants = self._grants('project', key)
            permissions = _grant_spec(grants)
            if permissions:
                entry['permissions'] = permissions
            deploy_keys = self.listed[('deploy_keys', 'project', key)]
            if deploy_keys:
                entry['deploy_keys'] = deploy_keys_spec(deploy_keys)
            reviewers = self.listed[('reviewers', 'project', key)]
            if reviewers:
                entry['default_reviewers'] = _reviewer_spec(reviewers)
            if self.models.get(('project', key)):
                entry['branching_model'] = self.models[('project', key)]
            projects.append(entry)
            raw['projects/%s.json' % key] = dict(project=project, permissions=grants, deploy_keys=deploy_keys,
                                                 default_reviewers=reviewers,
                                                 branching_model=self.settings.get(('project', key)))
        repositories = []
        for repo in self.repositories:
            slug = repo['slug']
            place = 'bitbucket_repositories[%d]' % len(repositories)
            entry = dict(name=repo.get('name'), slug=slug, project=(repo.get('project') or {}).get('key'),
                         description=repo.get('description') or '', is_private=bool(repo.get('is_private')),
                         fork_policy=repo.get('fork_policy'), language=repo.get('language') or '',
                         mainbranch=(repo.get('mainbranch') or {}).get('name') or None)
            if entry['mainbranch'] is None:
                del entry['mainbranch']
            hooks = self.listed[('hooks', slug)]
            exported = self._hooks(hooks, place + '.webhooks', write_only, 'repository %s' % slug)
            if exported:
                entry['webhooks'] = exported
            grants = self._grants('repository', slug)
            permissions = _grant_spec(grants)
            if permissions:
                entry['permissions'] = permissions
            restrictions = self.listed[('restrictions', slug)]
            known = [r for r in restrictions if r.get('kind') in RESTRICTION_KINDS]
            for unknown in sorted(set(r.get('kind') for r in restrictions) - set(RESTRICTION_KINDS), key=str):
                self.warnings.append('repository %s has branch restrictions of kind %s, which this collection does '
                                     'not know; they are left out' % (slug, unknown))
            if known:
                entry['branch_restrictions'] = sorted((restriction_spec(r) for r in known), key=lambda r: (
                    r['kind'], 'branch_type' in r, r.get('pattern') or r.get('branch_type') or ''))
            deploy_keys = self.listed[('deploy_keys', 'repository', slug)]
            if deploy_keys:
                entry['deploy_keys'] = deploy_keys_spec(deploy_keys)
            variables = self.listed[('variables', slug)]
            if variables:
                entry['pipeline_variables'] = _variables_spec(variables, place + '.pipeline_variables', write_only)
            environments = self._environments(slug, place + '.environments', write_only)
            if environments:
                entry['environments'] = environments
            reviewers = self.listed[('reviewers', 'repository', slug)]
            if reviewers:
                entry['default_reviewers'] = _reviewer_spec(reviewers)
            if self.models.get(('repository', slug)):
                entry['branching_model'] = self.models[('repository', slug)]
            parts = dict((part, self.pipelines[('pipelines', slug, part)]) for part in PIPELINES_PARTS)
            denied = [part for part, value in parts.items() if isinstance(value, BitbucketError)]
            if denied:
                self.warnings.append('the Pipelines settings of repository %s are not exported: these credentials cannot '
                                     'read them (HTTP 403; they need read:pipeline:bitbucket and admin:repository:bitbucket)'
                                     % slug)
            elif parts['config'] is not None:
                entry['pipelines'] = pipelines_spec(parts['config'], parts['key_pair'], parts['known_hosts'])
                if parts['key_pair']:
                    write_only.append(dict(place='%s.pipelines.ssh_key_pair.private_key' % place, kind='ssh_private_key'))
            repositories.append(entry)
            raw['repositories/%s.json' % slug] = dict(repository=repo, webhooks=hooks, permissions=grants,
                                                      deploy_keys=deploy_keys, pipeline_variables=variables, environments=[
                                                          dict(e, variables=self.listed[('variables', slug, e.get('uuid'))])
                                                          for e in self.listed[('environments', slug)]],
                                                      branch_restrictions=restrictions,
                                                      default_reviewers=reviewers,
                                                      branching_model=self.settings.get(('repository', slug)))
            if not denied:
                raw['repositories/%s.json' % slug]['pipelines'] = parts
        spec = dict(bitbucket_workspace=self.workspace, bitbucket_projects=projects, bitbucket_repositories=repositories)
        if self.whole:
            spec['bitbucket_workspace_webhooks'] = self._hooks(self.workspace_hooks, 'bitbucket_workspace_webhooks',
                                                               write_only, 'workspace %s' % self.workspace)
            raw['workspace_webhooks.json'] = self.workspace_hooks
            spec['bitbucket_workspace_variables'] = _variables_spec(self.workspace_variables, 'bitbucket_workspace_variables',
                                                                    write_only)
            raw['workspace_variables.json'] = self.workspace_variables
            raw['workspace.json'] = self.client.get(api_path('workspaces', self.workspace))
        return dict(spec=spec, write_only=write_only)


def write_raw(directory, raw, check_mode):
    """Write each raw object as pretty JSON under directory; returns the relative paths written (content changed)."""
    written = []
    for relative in sorted(raw):
        path = os.path.join(directory, relative)
        text = json.dumps(raw[relative], indent=2, sort_keys=True) + '\n'
        try:
            with open(path) as handle:
                if handle.read() == text:
                    continue
        except (IOError, OSError):
            pass
        written.append(relative)
        if check_mode:
            continue
        parent = os.path.dirname(path)
        os.makedirs(parent, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=parent, prefix='.export-')
        with os.fdopen(handle, 'w') as out:
            out.write(text)
        os.chmod(temporary, 0o644)
        os.rename(temporary, path)
    return written
