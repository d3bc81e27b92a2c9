# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bitbucket Pipelines variables in their three scopes (internal to the bitbucket.cloud collection).

Workspace variables live at /workspaces/{ws}/pipelines-config/variables (hyphen), repository variables at
/repositories/{ws}/{slug}/pipelines_config/variables (underscore), deployment variables at
/repositories/{ws}/{slug}/deployments_config/environments/{environment_uuid}/variables (no single GET).
A variable is identified by its key in its scope. A secured value is write-only: Bitbucket never returns it,
so it is sent on create, or on every run with value_update=always, and never shown. A non-secured value is
compared. `secured` cannot change in place: the variable is deleted and created again (the plan says so).
"""

import copy

from ansible_collections.bitbucket.cloud.plugins.module_utils.client import api_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import BitbucketError, InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.patterns import (
    BRACED_UUID, normalize_uuid, same_uuid, validate_environment_ref, validate_repository_ref, validate_variable_key,
    validate_workspace)
from ansible_collections.bitbucket.cloud.plugins.module_utils.resource import Action, Option, Resource

VALUE_UPDATE_CHOICES = ('on_create', 'always')

# What results, diffs and plans show for a secured value: markers, never the value.
VALUE_SECURED = '(secured, not shown)'
VALUE_KEPT = '(set, not readable)'
VALUE_RESENT = '(sent again: value_update=always)'
RECREATE_NOTE = 'deleted and created again: Bitbucket cannot change secured in place'


def variables_path(workspace, repository=None, environment_uuid=None, *rest):
    """The variable list of a deployment environment, of a repository, or of the workspace."""
    if environment_uuid:
        return api_path('repositories', workspace, repository, 'deployments_config', 'environments',
                        normalize_uuid(environment_uuid) or environment_uuid, 'variables', *rest)
    if repository:
        return api_path('repositories', workspace, repository, 'pipelines_config', 'variables', *rest)
    return api_path('workspaces', workspace, 'pipelines-config', 'variables', *rest)


def environments_path(workspace, repository):
    return api_path('repositories', workspace, repository, 'environments')


def is_environment_uuid(value):
    return isinstance(value, str) and bool(BRACED_UUID.fullmatch(value))


def variable_view(obj, workspace=None, repository=None, environment=None):
    """A variable as the modules return it: uuid, key, secured, and value only when not secured."""
    secured = bool(obj.get('secured'))
    out = dict(uuid=obj.get('uuid'), key=obj.get('key'), secured=secured)
    if not secured:
        out['value'] = obj.get('value')
    out.update(workspace=workspace, repository=repository, environment=environment)
    return out


def validate_value_update(value, option='value_update'):
    if value not in VALUE_UPDATE_CHOICES:
        raise InputError(option, 'must be one of %s, got %r' % (', '.join(VALUE_UPDATE_CHOICES), value))


def validate_scope(workspace, repository=None, environment=None):
    """The workspace, and the repository and environment when given; an environment needs its repository."""
    validate_workspace(workspace)
    if repository is not None:
        validate_repository_ref(repository)
    if environment is not None:
        validate_environment_ref(environment)
        if repository is None:
            raise InputError('environment', 'needs repository: deployment environments belong to a repository')


def find_environment(client, workspace, repository, environment):
    """The deployment environment named (or with the {UUID}) `environment` in the repository; BitbucketError if none."""
    environments = list(client.paginate(environments_path(workspace, repository)))
    if is_environment_uuid(environment):
        found = [e for e in environments if same_uuid(e.get('uuid'), environment)]
    else:
        # Bitbucket refuses two environments whose names differ only in case; an exact match wins anyway.
        found = [e for e in environments if e.get('name') == environment] or [
            e for e in environments if (e.get('name') or '').casefold() == environment.casefold()]
    if not found:
        raise BitbucketError('environment: repository %s/%s has no deployment environment %s (it has: %s)' % (
            workspace, repository, environment, ', '.join(sorted(str(e.get('name')) for e in environments)) or 'none'),
            option='environment')
    return found[0]


class Recreate(Action):
    """An update that Bitbucket cannot do in place (a change of `secured`): delete, then create again."""

    recreate = True

    def text(self):
        return '%s (%s)' % (super(Recreate, self).text(), RECREATE_NOTE)

    def diff(self):
        out = super(Recreate, self).diff()
        out['after'] = dict(out['after'], recreated=RECREATE_NOTE)
        out['after_header'] = '%s (%s)' % (out['after_header'], RECREATE_NOTE)
        return out


class PipelineVariableResource(Resource):
    """A Pipelines variable of the workspace, of a repository, or of a repository's deployment environment.

    params: workspace, repository (optional), environment (optional: a name, looked up in the repository's
    environments, or a {UUID}, used as is), key, value, secured, value_update, state.
    """

    kind = 'variable'
    plural = 'pipeline_variables'
    list_doc = ('Pipelines variables of the {parent}, each identified by its key. With prune, the list is exact: '
                'variables it does not declare are removed; left out, the variables are left alone.')
    module_only = dict(
        repository=Option('The repository whose variable this is; none for a workspace variable.',
                          check=validate_repository_ref),
        environment=Option('The deployment environment (name or {UUID}) of the repository whose variable this is.',
                           check=validate_environment_ref),
    )
    options = dict(
        key=Option('The variable name; it identifies the variable in its scope (case-sensitive).', api='key',
                   identity=True, required=True, no_log=False, check=validate_variable_key),
        value=Option('The value (required to create the variable); never shown when secured.', api='value',
                     no_log=True, to_create=True),
        secured=Option('Whether the value is secured (write-only); a change deletes and creates the variable again.',
                       type='bool', api='secured'),
        value_update=Option('When a secured value is sent: on_create, or always.', choices=VALUE_UPDATE_CHOICES,
                            default='on_create', no_log=False, choices_in_spec=False, check=validate_value_update),
    )

    def __init__(self, client, params):
        super(PipelineVariableResource, self).__init__(client, params)
        environment = params.get('environment')
        # A {UUID} names the environment directly; a name is looked up when the variables are first read.
        self.environment_uuid = normalize_uuid(environment) if is_environment_uuid(environment) else None

    @classmethod
    def object_errors(cls, params):
        if params.get('environment') is not None and not params.get('repository'):
            yield InputError('environment', 'needs repository: deployment environments belong to a repository')

    # --- in the workspace spec: a list of a repository (or of an environment), or the workspace's own list ------
    @classmethod
    def spec_entry(cls):
        return dict(type='list', elements='dict', options=cls.spec_options())

    @classmethod
    def declare(cls, value, workspace, target, place):
        """[(place, module params)] of the declared variables; target: {} or {repository[, environment]}."""
        out = []
        for index, item in enumerate(value):
            params = dict((name, item.get(name)) for name in cls.options if cls.options[name].spec)
            params.update(workspace=workspace, repository=target.get('repository'),
                          environment=target.get('environment'), state='present')
            params['value_update'] = params['value_update'] or 'on_create'
            out.append(('%s[%d]' % (place, index), params))
        return out

    @classmethod
    def duplicates(cls, items):
        """InputErrors for two declared variables with the same key."""
        seen = {}
        for place, params in items:
            key = params.get('key')
            if key in seen:
                yield InputError('%s.key' % place, 'is declared twice, also in %s: %s' % (seen[key], key))
            seen.setdefault(key, place)

    @classmethod
    def list_paths(cls, workspace, target, items, exact):
        environment = target.get('environment')
        if environment is not None and not is_environment_uuid(environment):
            # An environment not created yet has no variables to read.
            return {}
        return {'variables': variables_path(workspace, target.get('repository'), environment)}

    @classmethod
    def found(cls, workspace, target, list_name, obj):
        """Module params of a listed variable (to remove it, or to report it unmanaged)."""
        return dict(workspace=workspace, repository=target.get('repository'), environment=target.get('environment'),
                    key=obj.get('key'), secured=obj.get('secured'), value_update='on_create', state='absent')

    def list_name(self):
        return 'variables'

    # --- one variable ---------------------------------------------------------------------------
    def repository(self):
        return self.params.get('repository') or None

    def environment(self):
        return self.params.get('environment') or None

    def secured_now(self, obj):
        return bool((obj or {}).get('secured'))

    def will_be_secured(self, current=None):
        wanted = self.params.get('secured')
        return self.secured_now(current) if wanted is None and current is not None else bool(wanted)

    def value_update(self):
        return self.params.get('value_update') or 'on_create'

    def ident(self):
        out = dict(workspace=self.params['workspace'], repository=self.repository())
        if self.environment():
            out['environment'] = self.environment()
        out['key'] = self.params.get('key')
        return out

    def where(self):
        if self.environment():
            return 'environment %s of repository %s' % (self.environment(), self.repository())
        if self.repository():
            return 'repository %s' % self.repository()
        return 'workspace %s' % self.params['workspace']

    def label(self):
        return 'pipeline variable %s of %s' % (self.params.get('key'), self.where())

    def detail(self, current):
        return '(secured)' if self.secured_now(current) else ''

    def shown_value(self, secured):
        """The value as output may show it: itself when not secured, a marker when secured."""
        return VALUE_SECURED if secured else self.params.get('value')

    def desired(self):
        out = dict(key=self.params.get('key'))
        if self.params.get('secured') is not None:
            out['secured'] = bool(self.params['secured'])
        if self.params.get('value') is not None:
            out['value'] = self.shown_value(self.will_be_secured())
        return out

    def desired_to_create(self):
        out = self.desired()
        out['secured'] = bool(self.params.get('secured'))
        return out

    def view(self, obj, names=None):
        out = dict(key=obj.get('key'), secured=self.secured_now(obj),
                   value=VALUE_KEPT if self.secured_now(obj) else obj.get('value'))
        return dict((name, value) for name, value in out.items() if names is None or name in names)

    def changes(self, obj):
        out = {}
        value = self.params.get('value')
        if value is None:
            return out
        if self.secured_now(obj):
            if self.value_update() == 'always':
                # A secured value cannot be read back, so `always` sends it again and says so.
                out['value'] = (VALUE_KEPT, VALUE_RESENT)
        elif obj.get('value') != value:
            out['value'] = (obj.get('value'), value)
        return out

    def plan(self, current, state='present'):
        if state == 'absent' or current is None:
            return super(PipelineVariableResource, self).plan(current, state)
        wanted = self.params.get('secured')
        secured = self.secured_now(current)
        if wanted is not None and bool(wanted) != secured:
            if self.params.get('value') is None:
                raise InputError('value', 'is required to recreate %s: secured changes from %s to %s, which Bitbucket '
                                 'cannot do in place, so the variable is deleted and created again with this value'
                                 % (self.label(), str(secured).lower(), str(bool(wanted)).lower()))
            before = VALUE_KEPT if secured else current.get('value')
            changes = dict(secured=(secured, bool(wanted)), value=(before, self.shown_value(bool(wanted))))
            return Recreate(self, 'update', current, changes)
        changes = self.changes(current)
        return Action(self, 'update', current, changes) if changes else None

    def predict(self, obj, action):
        out = copy.deepcopy(obj) if obj and not getattr(action, 'recreate', False) else dict(uuid=None, key=self.params.get('key'))
        secured = self.will_be_secured(obj) if action.name == 'update' else bool(self.params.get('secured'))
        out['secured'] = secured
        out['key'] = self.params.get('key')
        if secured:
            out.pop('value', None)
        elif self.params.get('value') is not None:
            out['value'] = self.params['value']
        return out

    # --- the API side -------------------------------------------------------------------------------
    def resolve_environment(self):
        """The environment's {UUID} (looked up by name once); None for a workspace or repository variable."""
        if self.environment() and not self.environment_uuid:
            found = find_environment(self.client, self.params['workspace'], self.repository(), self.environment())
            self.environment_uuid = normalize_uuid(found.get('uuid'))
        return self.environment_uuid

    def path(self, *rest):
        return variables_path(self.params['workspace'], self.repository(), self.resolve_environment(), *rest)

    def list(self):
        try:
            return list(self.client.paginate(self.path()))
        except BitbucketError as exc:
            # A repository that does not exist yet (check mode before its creation) has no variables;
            # a real create on it still fails, with Bitbucket's 404.
            if exc.status == 404 and self.repository() and not self.environment():
                return []
            raise

    def select(self, candidates):
        key = self.params.get('key')
        return next((v for v in candidates if v.get('key') == key), None)

    def find(self):
        return self.select(self.list())

    def apply(self, action):
        if getattr(action, 'recreate', False):
            self.delete(action.current)
            return self.create()
        return super(PipelineVariableResource, self).apply(action)

    def variable_body(self, secured):
        return dict(key=self.params['key'], value=self.params.get('value'), secured=secured)

    def create(self):
        body = self.variable_body(bool(self.params.get('secured')))
        try:
            # A POST whose reply was lost is followed by a read of the list, never a second variable.
            return self.client.create(self.path(), body, self.find)
        except BitbucketError as exc:
            if exc.status != 409:
                raise
            # 409: the key exists now (a lost reply's POST that the list did not show yet, or a variable created
            # since the plan): find it and make it what was declared.
            found = self.find()
            if found is None:
                raise
            if self.secured_now(found) != body['secured']:
                self.delete(found)
                return self.client.request('POST', self.path(), json=body)
            return self.client.put(self.path(found.get('uuid')), body)

    def update(self, obj, changes):
        return self.client.put(self.path(obj.get('uuid')), self.variable_body(self.secured_now(obj)))

    def still_planned(self, obj):
        now = next((v for v in self.list() if same_uuid(v.get('uuid'), obj.get('uuid'))), None)
        return now is not None

    def delete(self, obj):
        self.client.delete(self.path(obj.get('uuid')))

    def result(self, obj):
        return variable_view(obj, self.params['workspace'], self.repository(), self.environment_uuid or self.environment())
