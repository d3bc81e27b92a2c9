# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The resource engine: find, compare, create, update, delete, predict (internal to the collection).

One engine serves every module and bitbucket_workspace_plan, so a module and the plan never
disagree about what counts as a change. Nothing here calls exit_json.
"""

import copy

from ansible_collections.bitbucket.cloud.plugins.module_utils.client import api_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import BitbucketError, InputError


class Field(object):
    """How one module option maps onto the API object.

    path: dotted path in the API object ('project.key'); compare: 'eq', 'set' (lists compared
    as sets) or 'casefold' (strings compared ignoring case).
    """

    def __init__(self, path, compare='eq'):
        self.path = path.split('.')
        self.compare = compare

    def read(self, obj):
        value = obj
        for part in self.path:
            if not isinstance(value, dict):
                return None
            value = value.get(part)
        return value

    def write(self, obj, value):
        target = obj
        for part in self.path[:-1]:
            if not isinstance(target.get(part), dict):
                target[part] = {}
            target = target[part]
        target[self.path[-1]] = value

    def equal(self, before, after):
        if self.compare == 'set':
            return set(before or []) == set(after or [])
        if self.compare == 'casefold' and isinstance(before, str) and isinstance(after, str):
            return before.casefold() == after.casefold()
        return before == after


class Resource(object):
    """One kind of Bitbucket object, as seen by one module.

    Subclasses set `key` (the result key), `identity` (option names that identify the object)
    and `fields` (option name -> Field), and implement find/create/update/delete.
    """

    key = None
    identity = ()
    fields = {}
    # Options that must be given to create the object (the message names the option).
    required_to_create = ()
    # Option values sent on create when the user leaves them out (bitbucket_repo: private by default).
    create_defaults = {}

    def __init__(self, client, params):
        self.client = client
        self.params = params
        self.warnings = []

    @classmethod
    def validate(cls, params):
        """Raise InputError for invalid input; runs before any API call."""

    def desired(self):
        """The options the user set, by option name."""
        return dict((name, self.params[name]) for name in self.fields if self.params.get(name) is not None)

    def ident(self):
        return dict((name, self.params.get(name)) for name in self.identity)

    def shown(self, values):
        """Option values as output may show them (results, diffs, plans): a webhook URL loses its credentials."""
        return values

    def desired_to_create(self):
        """The options sent on create: the user's, over create_defaults."""
        return dict(self.create_defaults, **self.desired())

    def view(self, obj, names=None):
        """An API object in option terms (all fields, or only `names`)."""
        return dict((name, field.read(obj)) for name, field in self.fields.items() if names is None or name in names)

    def changes(self, obj):
        """{option: (before, after)} for every option the user set that differs from the object."""
        out = {}
        for name, value in self.desired().items():
            before = self.fields[name].read(obj)
            if not self.fields[name].equal(before, value):
                out[name] = (before, value)
        return out

    def body(self, values):
        """A nested API body from option values."""
        out = {}
        for name, value in values.items():
            self.fields[name].write(out, value)
        return out

    def predict(self, obj, changes):
        """What the object would look like after the changes (check mode)."""
        out = copy.deepcopy(obj) if obj else {}
        for name, (dummy, after) in changes.items():
            self.fields[name].write(out, after)
        return out

    def missing_to_create(self):
        return [name for name in self.required_to_create if self.params.get(name) is None]

    def plan(self, current, state='present'):
        """The action needed to converge, as bitbucket_workspace_plan reports it, or None."""
        if state == 'absent':
            return dict(action='delete', changes={}, **self.ident()) if current is not None else None
        if current is None:
            changes = dict((name, (None, value)) for name, value in self.desired_to_create().items())
            return dict(action='create', changes=_changes_out(self, changes), **self.ident())
        changes = self.changes(current)
        if not changes:
            return None
        return dict(action='update', changes=_changes_out(self, changes), **self.ident())

    def result(self, obj):
        """The object returned to the user under `key`."""
        return obj

    # The API side, per resource kind.
    def find(self):
        """The object, read from Bitbucket, or None."""
        raise NotImplementedError

    def select(self, candidates):
        """The object among already listed ones (bitbucket_workspace_plan reads lists in bulk), or None."""
        raise NotImplementedError

    def create(self):
        raise NotImplementedError

    def update(self, obj, changes):
        raise NotImplementedError

    def delete(self, obj):
        raise NotImplementedError

    def check_delete(self, obj):
        """Raise BitbucketError when the object must not be deleted (checked in check mode too)."""

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


def _changes_out(resource, changes):
    before = resource.shown(dict((name, b) for name, (b, a) in changes.items()))
    after = resource.shown(dict((name, a) for name, (b, a) in changes.items()))
    return dict((name, dict(before=before[name], after=after[name])) for name in changes)


def ensure(resource, state, check_mode):
    """Converge one object. Returns (changed, object or None, diff); never exits."""
    current = resource.find()
    names = set(resource.desired())
    if state == 'absent':
        if current is None:
            resource.check_owner()
            return False, None, dict(before={}, after={})
        resource.check_delete(current)
        if not check_mode:
            resource.delete(current)
        before = dict(resource.view(current), **resource.ident())
        return True, None, dict(before=before, after={})
    if current is None:
        missing = resource.missing_to_create()
        if missing:
            raise InputError(missing[0], 'is required to create %s %s, which does not exist' % (
                resource.key, ', '.join('%s=%s' % kv for kv in sorted(resource.ident().items()))))
        created = resource.desired_to_create()
        obj = resource.predict(None, dict((n, (None, v)) for n, v in created.items())) \
            if check_mode else resource.create()
        return True, obj, dict(before={}, after=dict(resource.view(obj, set(created)), **resource.ident()))
    changes = resource.changes(current)
    if not changes:
        same = dict(resource.view(current, names), **resource.ident())
        return False, current, dict(before=same, after=same)
    obj = resource.predict(current, changes) if check_mode else resource.update(current, changes)
    before = dict(resource.ident(), **resource.shown(dict((n, b) for n, (b, a) in changes.items())))
    after = dict(resource.ident(), **resource.shown(dict((n, a) for n, (b, a) in changes.items())))
    return True, obj, dict(before=before, after=after)
