# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Deployment environments of a repository (internal to the bitbucket.cloud collection).

An environment is identified by its repository and its name (Bitbucket refuses a second one with the same
name in any case, 409). Only `name` and `restrictions.admin_only` can change, through
`POST .../environments/{uuid}/changes` (202, no body): the type (Test, Staging, Production) is fixed at
creation. A different type on an existing environment is an input error, never a silent delete and
re-create, which would drop the environment's variables and deployment history.

In the workspace spec an environment carries its own list of deployment variables (`nested`): their
path needs the environment's uuid, known after the environments are read or the environment created.
"""

import copy

from ansible_collections.bitbucket.cloud.plugins.module_utils.client import api_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import BitbucketError, InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.patterns import (
    normalize_uuid, validate_environment_name, validate_repository_ref)
from ansible_collections.bitbucket.cloud.plugins.module_utils.resource import Option, Resource
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.pipeline_variable import PipelineVariableResource

ENVIRONMENT_TYPES = ('Test', 'Staging', 'Production')


def environments_path(workspace, repository, *rest):
    return api_path('repositories', workspace, repository, 'environments', *rest)


def validate_environment_type(value, option='environment_type'):
    if value not in ENVIRONMENT_TYPES:
        raise InputError(option, 'must be one of %s, got %r' % (', '.join(ENVIRONMENT_TYPES), value))


def environment_view(obj, workspace, repository):
    """An environment as the module returns it: Bitbucket's object plus the convenience keys (its type and
    admin_only flattened, workspace, repository)."""
    out = copy.deepcopy(obj)
    out.setdefault('uuid', None)
    out['environment_type'] = (obj.get('environment_type') or {}).get('name')
    out['admin_only'] = bool((obj.get('restrictions') or {}).get('admin_only'))
    out['workspace'] = workspace
    out['repository'] = repository
    return out


class DeploymentEnvironmentResource(Resource):
    """A deployment environment of a repository, found by name (ignoring case)."""

    kind = 'environment'
    plural = 'environments'
    list_doc = ('Deployment environments of the {parent}, each identified by its name (ignoring case), with its '
                'deployment variables. Environments it does not declare are reported in unmanaged, never removed, '
                'prune or not: removing one would remove its variables and deployment history.')
    # Never removed by the workspace engine's prune (see list_doc); the nested variables lists are pruned.
    prunable = False
    module_only = dict(
        repository=Option('The repository slug or {UUID} whose environment this is.', required=True,
                          check=validate_repository_ref),
    )
    names_it = ('name',)
    options = dict(
        name=Option('The environment name; it identifies the environment (ignoring case).', api='name', identity=True,
                    required=True, check=validate_environment_name),
        environment_type=Option('The environment type (Test, Staging or Production), fixed when it is created.',
                                api='environment_type.name', to_create=True, choices=ENVIRONMENT_TYPES,
                                choices_in_spec=False, check=validate_environment_type),
        admin_only=Option('Whether only repository administrators may deploy to it; a new environment is not '
                          'admin only unless true.', type='bool', api='restrictions.admin_only'),
    )
    # The lists each declared environment carries in the workspace spec (read once the environment is found, created
    # after it, pruned per list as declared).
    nested = (('variables', PipelineVariableResource),)

    # --- in the workspace spec: a list of a repository ---------------------------------------------
    @classmethod
    def spec_entry(cls):
        options = cls.spec_options()
        for key, child in cls.nested:
            options[key] = child.spec_entry()
        return dict(type='list', elements='dict', options=options)

    @classmethod
    def declare(cls, value, workspace, target, place):
        out = []
        for index, item in enumerate(value):
            params = dict((name, item.get(name)) for name in cls.options if cls.options[name].spec)
            params.update(workspace=workspace, repository=target.get('repository'), state='present')
            out.append(('%s[%d]' % (place, index), params))
        return out

    @classmethod
    def duplicates(cls, items):
        seen = {}
        for place, params in items:
            key = params['name'].casefold()
            if key in seen:
                yield InputError('%s.name' % place, 'environment %s is declared twice, also in %s (names match '
                                 'ignoring case)' % (params['name'], seen[key]))
            seen.setdefault(key, place)

    @classmethod
    def list_paths(cls, workspace, target, items, exact):
        return {'environments': environments_path(workspace, target['repository'])}

    @classmethod
    def found(cls, workspace, target, list_name, obj):
        return dict(workspace=workspace, repository=target.get('repository'), name=obj.get('name'), state='absent')

    @classmethod
    def nested_target(cls, target, params, obj):
        """The target of an environment's nested lists (their paths): its uuid once read, its name before it exists."""
        return dict(target, environment=normalize_uuid(obj.get('uuid')) if obj else params['name'])

    @classmethod
    def bind_nested(cls, resource, params, obj):
        """A variable of the environment: named by the environment's declared name (texts), with its uuid when known
        (read, or created at apply time), so that its API path needs no look-up."""
        resource.params['environment'] = params['name']
        if obj and obj.get('uuid'):
            resource.environment_uuid = normalize_uuid(obj['uuid'])

    def list_name(self):
        return 'environments'

    # --- one environment ----------------------------------------------------------------------------
    def path(self, *rest):
        return environments_path(self.params['workspace'], self.params['repository'], *rest)

    def label(self):
        return 'environment %s of repository %s' % (self.params.get('name'), self.params.get('repository'))

    def ident(self):
        return dict(workspace=self.params['workspace'], repository=self.params.get('repository'),
                    name=self.params.get('name'))

    def detail(self, current):
        return '(%s, with its variables and deployment history)' % ((current or {}).get('environment_type') or {}).get('name')

    def desired_to_create(self):
        out = self.desired()
        out.setdefault('admin_only', False)
        return out

    def changes(self, obj):
        out = super(DeploymentEnvironmentResource, self).changes(obj)
        if out.get('admin_only') == (None, False):
            del out['admin_only']
        if 'environment_type' in out:
            before, after = out['environment_type']
            raise InputError('environment_type', 'is %s on the existing %s and Bitbucket cannot change it (only the name '
                             'and admin_only can change); declare environment_type: %s, or remove the environment '
                             'first (state: absent, which also removes its variables and deployment history) and '
                             'create it again as %s' % (before, self.label(), before, after))
        return out

    def select(self, candidates):
        name = (self.params.get('name') or '').casefold()
        return next((e for e in candidates if (e.get('name') or '').casefold() == name), None)

    def list(self):
        return list(self.client.paginate(self.path()))

    def find(self):
        try:
            return self.select(self.list())
        except BitbucketError as exc:
            # A repository that does not exist (yet, in check mode) has no environments; a real create
            # still fails with Bitbucket's 404.
            if exc.status == 404 and (self.params.get('state') or 'present') == 'present':
                return None
            raise

    def create(self):
        desired = self.desired_to_create()
        body = dict(type='deployment_environment', name=desired['name'],
                    environment_type=dict(type='deployment_environment_type', name=desired['environment_type']),
                    restrictions=dict(type='deployment_restrictions_configuration', admin_only=desired['admin_only']))
        # A POST whose reply was lost is followed by a read of the list, never a second environment.
        return self.client.create(self.path(), body, lambda: self.select(self.list()))

    def update(self, obj, changes):
        change = {}
        if 'name' in changes:
            change['name'] = changes['name'][1]
        if 'admin_only' in changes:
            change['restrictions'] = dict(admin_only=changes['admin_only'][1])
        # 202 Accepted without a body: the object after it is the one read, with the changes.
        self.client.request('POST', self.path(obj['uuid'], 'changes'), json=dict(change=change))
        out = copy.deepcopy(obj)
        for name, (dummy, after) in changes.items():
            self.options[name].write(out, after)
        return out

    def delete(self, obj):
        self.client.delete(self.path(obj['uuid']))

    def result(self, obj):
        return environment_view(obj, self.params['workspace'], self.params['repository'])
