# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The branching model settings of a repository or a project (internal to the bitbucket.cloud collection).

One settings object per repository or project (GET and a partial PUT of .../branching-model/settings),
never created or removed. Only what the user gives is compared and sent: the branch types per kind
given, in any order. Bitbucket takes default_branch_deletion as the strings "true"/"false" and
silently ignores anything else, so the bool given here is converted. A PUT on a repository makes it
stop inheriting its project's model (the API's documented side effect): the plan warns about it.
"""

import copy

from ansible_collections.bitbucket.cloud.plugins.module_utils.client import api_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import BitbucketError, InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.patterns import (
    validate_branch, validate_branch_prefix, validate_project_key, validate_repository_ref)
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.pipelines import NestedOption
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.project import stored_project_key
from ansible_collections.bitbucket.cloud.plugins.module_utils.resource import Action, ObjectPath, Option, Resource

# The spec's enum of branching_model_settings.branch_types[].kind.
BRANCH_TYPE_KINDS = ('feature', 'bugfix', 'release', 'hotfix')
SETTINGS = 'settings'
BRANCHES = ('development', 'production')
INHERITANCE_WARNING = ('setting the branching model of repository %s makes it stop inheriting the branching model of '
                       'its project (a documented side effect of Bitbucket\'s API); set it on the project instead to '
                       'keep the repositories in step')


def settings_path(workspace, repository=None, project=None):
    """The branching model settings of a repository or a project."""
    if repository is not None:
        return api_path('repositories', workspace, repository, 'branching-model', 'settings')
    return api_path('workspaces', workspace, 'projects', project, 'branching-model', 'settings')


def deletion_bool(value):
    """default_branch_deletion as a bool: Bitbucket gives the strings "true" and "false"."""
    if isinstance(value, bool):
        return value
    return {'true': True, 'false': False}.get(str(value).lower()) if value is not None else None


def settings_view(obj):
    """Settings as the options take them: development, production, branch_types (by kind), default_branch_deletion."""
    obj = obj or {}
    out = {}
    for side, keys in (('development', ('name', 'use_mainbranch')), ('production', ('enabled', 'name', 'use_mainbranch'))):
        current = obj.get(side) or {}
        out[side] = dict((key, current.get(key)) for key in keys)
    out['branch_types'] = sorted((dict(kind=t.get('kind'), prefix=t.get('prefix'), enabled=t.get('enabled'))
                                  for t in obj.get('branch_types') or []), key=lambda t: str(t['kind']))
    out['default_branch_deletion'] = deletion_bool(obj.get('default_branch_deletion'))
    return out


def effective_path(workspace, repository):
    """The branching model in force on a repository (its own, or its project's)."""
    return api_path('repositories', workspace, repository, 'effective-branching-model')


def _branch_spec(setting, with_enabled):
    out = dict(enabled=bool(setting.get('enabled'))) if with_enabled else {}
    if setting.get('use_mainbranch'):
        out['use_mainbranch'] = True
    elif setting.get('name'):
        out.update(name=setting['name'], use_mainbranch=False)
    return out


def model_spec(settings):
    """Settings in the options' terms, all of them: what the export writes, so that provisioning it plans nothing."""
    view = settings_view(settings)
    types = []
    for item in view['branch_types']:
        entry = dict(kind=item['kind'], enabled=bool(item['enabled']))
        if item['prefix'] is not None:
            entry['prefix'] = item['prefix']
        types.append(entry)
    out = dict(development=_branch_spec(view['development'], False), production=_branch_spec(view['production'], True),
               branch_types=types)
    if view['default_branch_deletion'] is not None:
        out['default_branch_deletion'] = view['default_branch_deletion']
    return out


# Bitbucket's model of a new project (and of a repository that inherits it).
DEFAULT_MODEL = dict(
    development=dict(use_mainbranch=True), production=dict(enabled=False, use_mainbranch=True),
    branch_types=[dict(kind=kind, prefix='%s/' % kind, enabled=True) for kind in sorted(BRANCH_TYPE_KINDS)],
    default_branch_deletion=False)


def in_force(settings, effective):
    """True when a repository's settings are the model in force on it (effective-branching-model), False when the
    effective model is another one (the repository inherits its project's and its own settings are not applied)."""
    view = settings_view(settings)
    effective = effective or {}
    for side in BRANCHES:
        own, applied = view[side], effective.get(side)
        if side == 'production' and not own.get('enabled'):
            if applied:
                return False
            continue
        if not applied or bool(applied.get('use_mainbranch')) != bool(own.get('use_mainbranch')):
            return False
        if not own.get('use_mainbranch') and applied.get('name') != own.get('name'):
            return False
    enabled = set((t['kind'], t['prefix']) for t in view['branch_types'] if t['enabled'])
    return enabled == set((t.get('kind'), t.get('prefix')) for t in effective.get('branch_types') or [])


def _branch_check(side, with_enabled):
    def check(value, option):
        if not isinstance(value, dict):
            raise InputError(option, 'must be a dictionary')
        allowed = ('name', 'use_mainbranch') + (('enabled',) if with_enabled else ())
        unknown = sorted(set(value) - set(allowed))
        if unknown:
            raise InputError('%s.%s' % (option, unknown[0]), 'is not an option of %s; it takes %s' % (side, ', '.join(allowed)))
        name, use_mainbranch = value.get('name'), value.get('use_mainbranch')
        if name is not None:
            if use_mainbranch:
                raise InputError('%s.name' % option, 'must be left out when %s.use_mainbranch is true (the branch is then '
                                                     'the main branch)' % option)
            validate_branch(name, '%s.name' % option)
        elif use_mainbranch is False:
            raise InputError('%s.name' % option, 'is required when %s.use_mainbranch is false' % option)
    return check


def _branch_types_check(value, option):
    if not isinstance(value, list):
        raise InputError(option, 'must be a list of {kind, prefix, enabled}')
    seen = {}
    for index, item in enumerate(value):
        place = '%s[%d]' % (option, index)
        if not isinstance(item, dict):
            raise InputError(place, 'must be a dictionary with kind, prefix and enabled')
        unknown = sorted(set(k for k, v in item.items() if v is not None) - set(('kind', 'prefix', 'enabled')))
        if unknown:
            raise InputError('%s.%s' % (place, unknown[0]), 'is not an option of a branch type; it takes kind, prefix, enabled')
        kind = item.get('kind')
        if kind not in BRANCH_TYPE_KINDS:
            raise InputError('%s.kind' % place, 'must be one of %s, got %r' % (', '.join(BRANCH_TYPE_KINDS), kind))
        if kind in seen:
            raise InputError('%s.kind' % place, 'the branch type %s is given twice (items %d and %d)' % (kind, seen[kind], index))
        seen[kind] = index
        prefix = item.get('prefix')
        if prefix is not None and item.get('enabled') is not False:
            # A disabled branch type may keep an empty or invalid prefix (Bitbucket allows it); others need a valid one.
            validate_branch_prefix(prefix, '%s.prefix' % place)


class ModuleRequired(Option):
    """A suboption required in the module; in the workspace spec the kind's own check says so, naming its place."""

    def argument(self, in_spec=False):
        out = super(ModuleRequired, self).argument(in_spec)
        if in_spec:
            out.pop('required', None)
        return out


_MAINBRANCH = 'true tracks the main branch (then leave name out); false needs name.'
_NAME = 'The branch (it implies use_mainbranch false).'


class BranchingModelResource(Resource):
    """The branching model settings of a repository (when `repository` is given) or of a project."""

    kind = 'branching_model'
    plural = 'branching_models'
    # One object per repository or project: the engine never plans its removal.
    single = True
    list_doc = ('The branching model of the {parent}, as in bitbucket_branching_model: development, production, '
                'branch_types, default_branch_deletion. Only what is given is compared and set; it is never removed. Setting '
                'a repository\'s model makes it stop inheriting its project\'s.')
    module_only = dict(
        repository=Option('The repository whose branching model this is.', check=validate_repository_ref),
        project=Option('The project whose branching model this is.', check=validate_project_key),
    )
    options = dict(
        development=NestedOption(
            'The development branch: name (a branch) or use_mainbranch (track the main branch).', type='dict',
            api='development', check=_branch_check('development', False),
            suboptions=dict(name=Option(_NAME), use_mainbranch=Option(_MAINBRANCH, type='bool'))),
        production=NestedOption(
            'The production branch: enabled, and name (a branch) or use_mainbranch (track the main branch).',
            type='dict', api='production', check=_branch_check('production', True),
            suboptions=dict(enabled=Option('Whether there is a production branch.', type='bool'), name=Option(_NAME),
                            use_mainbranch=Option(_MAINBRANCH, type='bool'))),
        branch_types=NestedOption(
            'Branch types to set, each {kind, prefix, enabled}; compared per kind given, in any order.', type='list',
            elements='dict', api='branch_types', check=_branch_types_check, suboptions=dict(
                kind=ModuleRequired('feature, bugfix, release or hotfix: identifies the branch type.', required=True,
                                    choices=BRANCH_TYPE_KINDS, choices_in_spec=False),
                prefix=Option('The prefix of its branches, for example feature/.'),
                enabled=Option('Whether the branch type is enabled.', type='bool'))),
        default_branch_deletion=Option('Whether merged branches are deleted by default.', type='bool',
                                       api='default_branch_deletion'),
    )
    constraints = dict(
        mutually_exclusive=[('repository', 'project')],
        required_one_of=[('repository', 'project')],
    )

    @classmethod
    def argument_spec(cls):
        spec = super(BranchingModelResource, cls).argument_spec()
        # There is one model per repository or project, always: nothing to remove.
        del spec['state']
        return spec

    @classmethod
    def object_errors(cls, params):
        repository, project = params.get('repository'), params.get('project')
        if repository is None and project is None:
            yield InputError('repository', 'or project is required: a branching model is of a repository or of a project')
        elif repository is not None and project is not None:
            yield InputError('repository', 'is mutually exclusive with project; give one of them')

    # --- in the workspace spec: one object of a repository or a project ------------------------
    @classmethod
    def spec_entry(cls):
        return dict(type='dict', options=cls.spec_options())

    @classmethod
    def declare(cls, value, workspace, target, place):
        params = dict((name, value.get(name)) for name in cls.options)
        params.update(workspace=workspace, repository=target.get('repository'), project=target.get('project'),
                      state='present')
        return [(place, params)]

    @classmethod
    def duplicates(cls, items):
        return ()

    @classmethod
    def list_paths(cls, workspace, target, items, exact):
        return {SETTINGS: ObjectPath(settings_path(workspace, target.get('repository'), target.get('project')))}

    @classmethod
    def found(cls, workspace, target, list_name, obj):
        return dict(workspace=workspace, repository=target.get('repository'), project=target.get('project'),
                    state='present')

    def list_name(self):
        return SETTINGS

    def select(self, candidates):
        return candidates[0] if candidates else None

    # --- the settings ------------------------------------------------------------------------------
    def ident(self):
        return dict((name, self.params.get(name)) for name in ('workspace', 'repository', 'project')
                    if self.params.get(name) is not None)

    def target_name(self):
        if self.params.get('repository') is not None:
            return 'repository', '%s/%s' % (self.params['workspace'], self.params['repository'])
        return 'project', '%s in workspace %s' % (self.params['project'], self.params['workspace'])

    def label(self):
        return 'branching model of %s' % ' '.join(self.target_name())

    def path(self):
        return settings_path(self.params['workspace'], self.params.get('repository'), self.params.get('project'))

    def desired(self):
        """What the user gave, without the suboptions left out; branch types sorted by kind."""
        out = {}
        for side in BRANCHES:
            value = dict((k, v) for k, v in (self.params.get(side) or {}).items() if v is not None)
            if value.get('use_mainbranch'):
                value.pop('name', None)
            elif 'name' in value:
                # A branch named: the setting no longer tracks the main branch.
                value['use_mainbranch'] = False
            if value:
                out[side] = value
        types = [dict((k, v) for k, v in item.items() if v is not None) for item in self.params.get('branch_types') or []]
        if types:
            out['branch_types'] = sorted(types, key=lambda t: t['kind'])
        if self.params.get('default_branch_deletion') is not None:
            out['default_branch_deletion'] = bool(self.params['default_branch_deletion'])
        return out

    @staticmethod
    def _current(view, name, value):
        """The current value of one option, restricted to what `value` gives."""
        if name in BRANCHES:
            return dict((key, view[name].get(key)) for key in value)
        if name == 'branch_types':
            by_kind = dict((t['kind'], t) for t in view['branch_types'])
            return [dict((key, (by_kind.get(item['kind']) or {}).get(key)) for key in item) for item in value]
        return view[name]

    def view(self, obj, names=None):
        full = settings_view(obj)
        if names is None:
            return full
        desired = self.desired()
        return dict((name, self._current(full, name, desired[name])) for name in names if name in desired)

    def changes(self, obj):
        view = settings_view(obj)
        out = {}
        for name, value in self.desired().items():
            before = self._current(view, name, value)
            if before != value:
                if name == 'branch_types':
                    # Only the branch types that differ are shown and sent.
                    pairs = [(b, a) for b, a in zip(before, value) if b != a]
                    before, value = [b for b, a in pairs], [a for b, a in pairs]
                out[name] = (before, value)
        return out

    def plan(self, current, state='present'):
        if current is None:
            action = Action(self, 'create', None, dict((name, (None, value)) for name, value in self.desired().items()))
            if not action.changes:
                return None
        else:
            changes = self.changes(current)
            action = Action(self, 'update', current, changes) if changes else None
        if action is not None and self.params.get('repository') is not None:
            self.warnings.append(INHERITANCE_WARNING % '%s/%s' % (self.params['workspace'], self.params['repository']))
        return action

    def body(self, values):
        out = {}
        for name, value in values.items():
            if name == 'default_branch_deletion':
                # The API's strings; anything else would be silently ignored.
                out[name] = 'true' if value else 'false'
            else:
                out[name] = copy.deepcopy(value)
        return out

    def predict(self, obj, action):
        out = copy.deepcopy(obj) if obj else dict(type='branching_model_settings')
        for name, (dummy, after) in action.changes.items():
            if name in BRANCHES:
                side = dict(out.get(name) or {})
                side.update(after)
                if side.get('use_mainbranch'):
                    side.pop('name', None)
                out[name] = side
            elif name == 'branch_types':
                types = [dict(t) for t in out.get('branch_types') or []]
                for item in after:
                    found = next((t for t in types if t.get('kind') == item['kind']), None)
                    if found is None:
                        types.append(dict(item))
                    else:
                        found.update(item)
                out['branch_types'] = types
            else:
                out[name] = 'true' if after else 'false'
        return out

    def find(self):
        found = self.client.get_or_none(self.path())
        if found is not None:
            return found
        option, name = self.target_name()
        if option == 'project':
            # Project keys match ignoring case: on no project under the key as given, try the stored spelling.
            stored = stored_project_key(self.client, self.params['workspace'], self.params['project'])
            if stored is not None and stored != self.params['project']:
                self.params = dict(self.params, project=stored)
                found = self.client.get_or_none(self.path())
                if found is not None:
                    return found
        raise BitbucketError('%s: %s does not exist' % (option, name), method='GET', path=self.path(), status=404,
                             option=option)

    def _put(self, values):
        try:
            return self.client.put(self.path(), self.body(values))
        except BitbucketError as exc:
            if exc.status == 400:
                exc.hint = 'Bitbucket refused the %s (a development or production branch must exist; enabled branch ' \
                           'type prefixes must be valid and must not be prefixes of each other).' % self.label()
            raise

    def create(self):
        return self._put(self.desired())

    def update(self, obj, changes):
        return self._put(dict((name, after) for name, (before, after) in changes.items()))

    def delete(self, obj):
        raise BitbucketError('%s cannot be removed' % self.label())

    def result(self, obj):
        """The settings as Bitbucket gives them (development, production, branch_types, default_branch_deletion)."""
        return copy.deepcopy(obj)
