# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A resource kind declared once, and its one decision path (internal to the bitbucket.cloud collection).

A kind declares its options (Option: type, choices, no_log, identity, API field, check); the module's
argument spec and the workspace spec's suboptions derive from them. A resource plans one object
(plan(current) -> Action or None) and applies one action (apply(action)); a module is plan + apply of one
object, the workspace engine is bulk read + plan of every object + apply. Nothing else decides an action.
"""

import copy

from ansible_collections.bitbucket.cloud.plugins.module_utils.client import api_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import BitbucketError, InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.patterns import validate_workspace

STATE = dict(type='str', choices=['present', 'absent'], default='present')


class Option(object):
    """One option of a resource kind.

    api: dotted path in the API object ('project.key'), or None when the option is not an API field;
    compare: 'eq', 'set' (lists compared as sets) or 'casefold'; identity: it identifies the object;
    to_create: required to create the object; check(value, option): raises InputError;
    module / spec: whether the option exists in the kind's module and in the workspace spec;
    doc: one line for people (the role's argument_specs are generated from it).
    """

    def __init__(self, doc, type='str', api=None, compare='eq', identity=False, to_create=False, check=None,
                 required=False, choices=None, elements=None, no_log=None, default=None, module=True, spec=True,
                 choices_in_spec=True):
        self.doc = doc
        self.type = type
        self.api = api.split('.') if api else None
        self.compare = compare
        self.identity = identity
        self.to_create = to_create
        self.check = check
        self.required = required
        self.choices = choices
        self.elements = elements
        self.no_log = no_log
        self.default = default
        self.module = module
        self.spec = spec
        # False: the workspace spec checks the choices itself, so the message names the option's place.
        self.choices_in_spec = choices_in_spec

    def argument(self, in_spec=False):
        """The AnsibleModule argument spec entry (in the module, or in the workspace spec)."""
        out = dict(type=self.type)
        for name in ('required', 'choices', 'elements', 'default'):
            value = getattr(self, name)
            if name == 'choices' and in_spec and not self.choices_in_spec:
                continue
            if value:
                out[name] = list(value) if name == 'choices' else value
        if self.no_log is not None:
            out['no_log'] = self.no_log
        return out

    def read(self, obj):
        value = obj
        for part in self.api:
            if not isinstance(value, dict):
                return None
            value = value.get(part)
        return value

    def write(self, obj, value):
        target = obj
        for part in self.api[:-1]:
            if not isinstance(target.get(part), dict):
                target[part] = {}
            target = target[part]
        target[self.api[-1]] = value

    def equal(self, before, after):
        if self.compare == 'set':
            return set(before or []) == set(after or [])
        if self.compare == 'casefold' and isinstance(before, str) and isinstance(after, str):
            return before.casefold() == after.casefold()
        return before == after


class ObjectPath(str):
    """A path the workspace engine reads with one GET (a single object; 404: none) instead of as a paginated list."""

    single_object = True


class Action(object):
    """One planned change of one object: create, update or delete, with {option: (before, after)}."""

    def __init__(self, resource, name, current, changes):
        self.resource = resource
        self.name = name
        self.current = current
        self.changes = changes
        # Set by the workspace engine: a delete re-reads the object first (the plan may be stale by then).
        self.recheck = False

    def shown_changes(self):
        """{option: (before, after)} as output may show them (a webhook URL without its credentials)."""
        before = self.resource.shown(dict((n, b) for n, (b, a) in self.changes.items()))
        after = self.resource.shown(dict((n, a) for n, (b, a) in self.changes.items()))
        return dict((n, (before[n], after[n])) for n in self.changes)

    def text(self):
        """The action in one line for people: "update repository infra-live: description 'a' -> 'b'"."""
        label = self.resource.label()
        changes = sorted(self.shown_changes().items())
        if self.name == 'create':
            return 'create %s: %s' % (label, ', '.join('%s=%s' % (k, _value(a)) for k, (b, a) in changes))
        if self.name == 'update':
            return 'update %s: %s' % (label, '; '.join('%s %s -> %s' % (k, _value(b), _value(a)) for k, (b, a) in changes))
        return ('delete %s %s' % (label, self.resource.detail(self.current))).rstrip()

    def public(self, place=None):
        """The action as plans return it: action, the identifying options, changes, declared, text."""
        out = dict(self.resource.ident(), action=self.name, declared=place, text=self.text(),
                   changes=dict((n, dict(before=b, after=a)) for n, (b, a) in self.shown_changes().items()))
        return out

    def diff(self):
        """before/after of the object, for --diff."""
        ident = self.resource.ident()
        header = '%s %s' % (self.name, self.resource.label())
        if self.name == 'delete':
            before = dict(self.resource.view(self.current), **ident)
            return dict(before_header=header, after_header=header, before=before, after={})
        changes = self.shown_changes()
        before = {} if self.name == 'create' else dict(ident, **dict((n, b) for n, (b, a) in changes.items()))
        after = dict(ident, **dict((n, a) for n, (b, a) in changes.items()))
        return dict(before_header=header, after_header=header, before=before, after=after)


def _value(value):
    return repr(value) if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)


class Resource(object):
    """One kind of Bitbucket object. Subclasses declare `kind`, `plural`, `options` and the API side."""

    kind = None
    plural = None
    options = {}
    # Module-only options beyond workspace and state (targets such as repository), declared like the others.
    module_only = {}
    # AnsibleModule constraints of the kind's module (mutually_exclusive, required_one_of, ...).
    constraints = {}
    # Option values sent on create when the user leaves them out (bitbucket_repo: private by default).
    create_defaults = {}
    # In the workspace spec: the options that name an object (for messages), and those that are the list item
    # itself (a grant's user and permission), whose errors point at the item's place.
    names_it = ()
    placed_at_item = ()
    # True for a kind with one object per parent (branching model, pipelines settings), not a list of them:
    # its spec entry is a dict, its list_paths are usually ObjectPaths, and it is never removed or reported unmanaged.
    single = False
    # In the workspace spec: the lists each item of this kind carries ((key, kind), ...: an environment's variables).
    nested = ()
    # False: with prune, the objects of this kind a list does not declare are reported unmanaged, never removed.
    prunable = True
    # True: applied after the grants on its target (a default reviewer needs access), and not tried when one failed.
    after_grants = False

    def __init__(self, client, params):
        self.client = client
        self.params = params
        self.warnings = []

    # --- the declaration, and what derives from it --------------------------------------------
    @classmethod
    def argument_spec(cls):
        """The module's argument spec (connection options are added by BitbucketModule)."""
        spec = dict(workspace=dict(type='str', required=True))
        for name, option in list(cls.module_only.items()) + list(cls.options.items()):
            if option.module:
                spec[name] = option.argument()
        spec['state'] = dict(STATE)
        return spec

    @classmethod
    def spec_options(cls):
        """The suboptions of one object of this kind in the workspace spec."""
        return dict((name, option.argument(in_spec=True)) for name, option in cls.options.items() if option.spec)

    @classmethod
    def input_errors(cls, params):
        """Every InputError of the input, naming its option; nothing is called."""
        errors = []
        if 'workspace' in params:
            try:
                validate_workspace(params['workspace'])
            except InputError as exc:
                errors.append(exc)
        declared = dict(cls.module_only, **cls.options)
        for name, option in declared.items():
            value = params.get(name)
            if value is None:
                continue
            try:
                if option.check is not None:
                    option.check(value, name)
            except InputError as exc:
                errors.append(exc)
        wrong = set(e.option for e in errors)
        errors.extend(e for e in cls.object_errors(params) if e.option not in wrong)
        return errors

    @classmethod
    def validate(cls, params):
        """Raise the first InputError of the input."""
        errors = cls.input_errors(params)
        if errors:
            raise errors[0]

    @classmethod
    def object_errors(cls, params):
        """InputErrors about options together (one of two required, ...); a generator."""
        return ()

    # --- one object ---------------------------------------------------------------------------
    def api_fields(self):
        return dict((name, option) for name, option in self.options.items() if option.api)

    def desired(self):
        """The API options the user set, by option name."""
        return dict((name, self.params[name]) for name in self.api_fields() if self.params.get(name) is not None)

    def desired_to_create(self):
        """The options sent on create: the user's, over create_defaults."""
        return dict(self.create_defaults, **self.desired())

    def shown(self, values):
        """Option values as output may show them (results, diffs, plans): a webhook URL loses its credentials."""
        return values

    def ident(self):
        out = dict(workspace=self.params['workspace'])
        out.update((name, self.params.get(name)) for name, option in self.options.items() if option.identity)
        return out

    def label(self):
        """The object in a few words: 'repository infra-live'."""
        raise NotImplementedError

    def detail(self, current):
        """What a delete text adds about the object (e.g. the permission removed)."""
        return ''

    def view(self, obj, names=None):
        """An API object in option terms (all API options, or only `names`)."""
        return dict((name, option.read(obj)) for name, option in self.api_fields().items() if names is None or name in names)

    def changes(self, obj):
        """{option: (before, after)} for every option the user set that differs from the object."""
        out = {}
        for name, value in self.desired().items():
            before = self.options[name].read(obj)
            if not self.options[name].equal(before, value):
                out[name] = (before, value)
        return out

    def body(self, values):
        """A nested API body from option values."""
        out = {}
        for name, value in values.items():
            self.options[name].write(out, value)
        return out

    def predict(self, obj, action):
        """What the object would look like after the action (check mode)."""
        out = copy.deepcopy(obj) if obj else {}
        for name, (dummy, after) in action.changes.items():
            if name in self.api_fields():
                self.options[name].write(out, after)
        return out

    def plan(self, current, state='present'):
        """The Action that converges the object from `current` (None: absent), or None when it already does."""
        if state == 'absent':
            if current is None:
                return None
            self.check_delete(current)
            return Action(self, 'delete', current, {})
        if current is None:
            missing = [name for name, option in self.options.items() if option.to_create and self.params.get(name) is None]
            if missing:
                raise InputError(missing[0], 'is required to create %s, which does not exist' % self.label())
            return Action(self, 'create', None, dict((name, (None, value)) for name, value in self.desired_to_create().items()))
        changes = self.changes(current)
        return Action(self, 'update', current, changes) if changes else None

    def apply(self, action):
        """Carry out a planned action; returns the object after it (None after a delete)."""
        if action.name == 'create':
            return self.create()
        if action.name == 'update':
            return self.update(action.current, action.changes)
        if not action.recheck or self.still_planned(action.current):
            self.delete(action.current)
        return None

    def result(self, obj):
        """The object returned to the user under `kind`."""
        return obj

    # --- the API side, per kind ---------------------------------------------------------------
    def find(self):
        """The object, read from Bitbucket, or None."""
        raise NotImplementedError

    def select(self, candidates):
        """The object among listed ones (the engine reads lists in bulk), or None."""
        raise NotImplementedError

    @classmethod
    def named_users(cls, params):
        """The users an item names (the engine resolves the emails among them in bulk): its user_id by default."""
        return [params.get('user_id')]

    def use_accounts(self, accounts):
        """A kind naming several users takes the accounts of the emails the engine resolved; returns the emails that
        are no member's. Kinds naming one user_id take theirs as `account` instead."""
        return []

    def members_to_check(self, action):
        """[(option, user)]: users named by account id or {UUID}, beyond user_id, that the action gives something."""
        return []

    def current_from(self, lists):
        """The object among what the engine read for its parent ({list name: [objects]}), or None."""
        return self.select(lists.get(self.list_name(), []))

    def create(self):
        raise NotImplementedError

    def update(self, obj, changes):
        raise NotImplementedError

    def delete(self, obj):
        raise NotImplementedError

    def check_delete(self, obj):
        """Raise BitbucketError when the object must not be deleted (planned, so check mode says it too)."""

    def check_owner(self):
        """Raise BitbucketError when the workspace does not exist (state=absent on a typo'd workspace must fail)."""
        workspace = self.params.get('workspace')
        try:
            found = self.client.get_or_none(api_path('workspaces', workspace)) if workspace else True
        except BitbucketError as exc:
            if exc.status != 403:
                raise
            # Credentials without read:workspace cannot tell; the object is absent all the same.
            found = True
        if found is None:
            raise BitbucketError('workspace: %s does not exist or these credentials cannot see it' % workspace,
                                 method='GET', path=api_path('workspaces', workspace), status=404, option='workspace')

    def still_planned(self, obj):
        """Just before a delete: True when the object still is what was planned; False when it is already gone.

        Raises BitbucketError when it changed since (a stale plan never removes what is now declared).
        """
        return True


def ensure(resource, state, check_mode):
    """Converge one object: plan + apply. Returns (changed, object or None, diff); never exits."""
    current = resource.find()
    action = resource.plan(current, state)
    if action is None:
        if current is None:
            resource.check_owner()
            return False, None, dict(before={}, after={})
        same = dict(resource.view(current, set(resource.desired())), **resource.ident())
        return False, current, dict(before=same, after=same)
    obj = resource.predict(current, action) if check_mode and action.name != 'delete' else None
    if not check_mode:
        obj = resource.apply(action)
    diff = action.diff()
    if action.name == 'create' and obj:
        diff['after'] = dict(resource.view(obj, set(action.changes)), **resource.ident())
    return True, obj, dict(before=diff['before'], after=diff['after'])
