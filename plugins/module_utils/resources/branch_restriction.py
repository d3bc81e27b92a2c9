# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Branch restrictions of a repository (internal to the bitbucket.cloud collection).

A restriction is identified by its repository, its kind and its match: a glob `pattern`, or a
`branch_type` of the branching model. `value` exists for four kinds only, `users` and `groups`
(the exceptions) for push and restrict_merges only; both lists are compared as sets. Users are
account ids, {UUID}s or the email addresses of workspace members, resolved among the members.
"""

import copy

from ansible_collections.bitbucket.cloud.plugins.module_utils.client import api_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import BitbucketError, InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.patterns import (
    BRACED_UUID, is_email, same_uuid, validate_branch_glob, validate_group, validate_repository_ref, validate_user)
from ansible_collections.bitbucket.cloud.plugins.module_utils.resource import Option, Resource
from ansible_collections.bitbucket.cloud.plugins.module_utils.workspace import get_member, resolve_emails

# The enum of branchrestriction.kind in Atlassian's spec (x-revision d1081e474f57), in its order.
RESTRICTION_KINDS = (
    'push',
    'delete',
    'force',
    'restrict_merges',
    'require_tasks_to_be_completed',
    'require_approvals_to_merge',
    'require_review_group_approvals_to_merge',
    'require_default_reviewer_approvals_to_merge',
    'require_no_changes_requested',
    'require_passing_builds_to_merge',
    'require_commits_behind',
    'reset_pullrequest_approvals_on_change',
    'smart_reset_pullrequest_approvals',
    'reset_pullrequest_changes_requested_on_change',
    'require_all_dependencies_merged',
    'enforce_merge_checks',
    'allow_auto_merge_when_builds_pass',
    'require_all_comments_resolved',
)
# The enum of branchrestriction.branch_type.
BRANCH_TYPES = ('feature', 'bugfix', 'release', 'hotfix', 'development', 'production')
# The kinds whose `value` has a meaning (branchrestriction.value in the spec), and what it counts.
VALUE_KINDS = dict(
    require_approvals_to_merge='the minimum number of approvals',
    require_default_reviewer_approvals_to_merge='the minimum number of approvals from default reviewers',
    require_passing_builds_to_merge='the minimum number of passing builds',
    require_commits_behind='the maximum number of commits the branch may be behind its destination',
)
# The kinds that take users and groups, the exceptions to the restriction (Bitbucket requires both lists).
USER_KINDS = ('push', 'restrict_merges')
LIST_NAME = 'branch-restrictions'


def restrictions_path(workspace, repository, *rest):
    """The branch restriction list of a repository, or one restriction (rest = its id)."""
    return api_path('repositories', workspace, repository, LIST_NAME, *[str(r) for r in rest])


def _one_of(value, option, choices, what):
    if value not in choices:
        raise InputError(option, 'must be one of %s (%s), got %r' % (', '.join(choices), what, value))


def validate_kind(value, option='kind'):
    _one_of(value, option, RESTRICTION_KINDS, "Bitbucket's branch restriction kinds")


def validate_branch_type(value, option='branch_type'):
    _one_of(value, option, BRANCH_TYPES, 'the branch types of the branching model')


def validate_value(value, option='value'):
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InputError(option, 'must be a whole number, 0 or more, got %r' % (value,))


def validate_users(value, option='users'):
    if not isinstance(value, list):
        raise InputError(option, 'must be a list of users, got %r' % (value,))
    for user in value:
        validate_user(user, option)


def validate_groups(value, option='groups'):
    if not isinstance(value, list):
        raise InputError(option, 'must be a list of group slugs, got %r' % (value,))
    for group in value:
        validate_group(group, option)


def account_ref(user):
    """How a listed account is named in results and exports: its account id, else its {UUID}."""
    user = user or {}
    return user.get('account_id') or user.get('uuid')


def restriction_spec(obj):
    """A listed restriction in the workspace spec's terms (the export): only what a user writes."""
    out = dict(kind=obj.get('kind'))
    if obj.get('branch_match_kind') == 'branching_model':
        out['branch_type'] = obj.get('branch_type')
    else:
        out['pattern'] = obj.get('pattern')
    if obj.get('kind') in VALUE_KINDS and obj.get('value') is not None:
        out['value'] = obj['value']
    if obj.get('kind') in USER_KINDS:
        out['users'] = sorted(account_ref(u) for u in obj.get('users') or [])
        out['groups'] = sorted((g or {}).get('slug') for g in obj.get('groups') or [])
    return out


class BranchRestrictionResource(Resource):
    """One branch restriction of a repository: kind + pattern (glob) or branch_type (branching model)."""

    kind = 'branch_restriction'
    plural = 'branch_restrictions'
    list_doc = ('Branch restrictions of the {parent}, each identified by its kind and its pattern or branch_type. '
                'With prune, the list is exact: restrictions it does not declare are removed; left out, they are '
                'left alone.')
    module_only = dict(
        repository=Option('The repository the restriction is on.', required=True, check=validate_repository_ref),
    )
    options = dict(
        kind=Option('What is restricted (required).', identity=True, choices=RESTRICTION_KINDS, choices_in_spec=False,
                    check=validate_kind),
        pattern=Option('The branches it applies to, as a glob (* matches any characters); or give branch_type.',
                       identity=True, check=validate_branch_glob),
        branch_type=Option('The branches it applies to, by their type in the branching model; or give pattern.',
                           identity=True, choices=BRANCH_TYPES, choices_in_spec=False, check=validate_branch_type),
        value=Option('The number the kind needs (approvals, passing builds, commits behind); only for those kinds.',
                     type='int', api='value', check=validate_value),
        users=Option('Users exempt from a push or restrict_merges restriction (account id, {UUID} or email), a set.',
                     type='list', elements='str', compare='set', check=validate_users),
        groups=Option('Group slugs exempt from a push or restrict_merges restriction, a set.', type='list',
                      elements='str', compare='set', check=validate_groups),
    )

    def __init__(self, client, params):
        super(BranchRestrictionResource, self).__init__(client, params)
        # {email (lower case): account} of the users named by email, once resolved.
        self.accounts = None

    @classmethod
    def object_errors(cls, params):
        kind = params.get('kind')
        if kind is None:
            yield InputError('kind', 'is required: the restriction is identified by its kind and its pattern or branch_type')
        if params.get('pattern') is not None and params.get('branch_type') is not None:
            yield InputError('pattern', 'is mutually exclusive with branch_type: a restriction matches branches by a '
                                        'glob pattern or by their branch type, not both')
        elif params.get('pattern') is None and params.get('branch_type') is None:
            yield InputError('pattern', 'or branch_type is required: the branches the restriction applies to')
        if kind not in RESTRICTION_KINDS:
            return
        if params.get('value') is not None and kind not in VALUE_KINDS:
            yield InputError('value', 'is only for the kinds %s; kind %s takes no value' % (', '.join(VALUE_KINDS), kind))
        for name in ('users', 'groups'):
            if params.get(name) is not None and kind not in USER_KINDS:
                yield InputError(name, 'are only for the kinds push and restrict_merges (who is exempt); kind %s '
                                       'takes none' % kind)

    # --- in the workspace spec: a list of a repository ------------------------------------------
    @classmethod
    def spec_entry(cls):
        return dict(type='list', elements='dict', options=cls.spec_options())

    @classmethod
    def declare(cls, value, workspace, target, place):
        out = []
        for index, item in enumerate(value):
            params = dict((name, item.get(name)) for name in cls.options)
            params.update(workspace=workspace, repository=target.get('repository'), state='present')
            out.append(('%s[%d]' % (place, index), params))
        return out

    @classmethod
    def duplicates(cls, items):
        seen = {}
        for place, params in items:
            key = cls.match_key(params)
            if key in seen:
                yield InputError(place, 'declares the same restriction as %s (kind %s on %s)' % (
                    seen[key], params['kind'], cls.match_text(params)))
            seen.setdefault(key, place)

    @classmethod
    def list_paths(cls, workspace, target, items, exact):
        return {LIST_NAME: restrictions_path(workspace, target['repository'])}

    @classmethod
    def found(cls, workspace, target, list_name, obj):
        params = dict((name, None) for name in cls.options)
        params.update(workspace=workspace, repository=target['repository'], kind=obj.get('kind'), state='absent')
        if obj.get('branch_match_kind') == 'branching_model':
            params['branch_type'] = obj.get('branch_type')
        else:
            params['pattern'] = obj.get('pattern')
        return params

    @classmethod
    def named_users(cls, params):
        """The users the restriction names (the engine resolves the emails among them in bulk)."""
        return list(params.get('users') or [])

    def list_name(self):
        return LIST_NAME

    # --- the engine's bulk checks of the users ---------------------------------------------------
    def use_accounts(self, accounts):
        """Take the accounts of the emails the engine resolved; returns the emails that are no member's."""
        self.accounts = accounts
        return [u for u in self.params.get('users') or [] if is_email(u) and u.lower() not in accounts]

    def members_to_check(self, action):
        """[(option, user)]: the users named by account id or {UUID} that the action adds to the exceptions."""
        if action.name == 'delete' or 'users' not in action.changes:
            return []
        current = (action.current or {}).get('users') or []
        return [('users', u) for u in sorted(set(self.params.get('users') or []))
                if not is_email(u) and self._account(u, current) is None]

    # --- one restriction -----------------------------------------------------------------------
    @staticmethod
    def match_key(params):
        if params.get('branch_type') is not None:
            return params.get('kind'), 'branching_model', params['branch_type']
        return params.get('kind'), 'glob', params.get('pattern')

    @staticmethod
    def match_text(params):
        if params.get('branch_type') is not None:
            return 'branch type %s' % params['branch_type']
        return 'pattern %s' % params.get('pattern')

    def ident(self):
        out = dict(workspace=self.params['workspace'], repository=self.params.get('repository'),
                   kind=self.params.get('kind'))
        if self.params.get('branch_type') is not None:
            out['branch_type'] = self.params['branch_type']
        else:
            out['pattern'] = self.params.get('pattern')
        return out

    def label(self):
        return 'branch restriction %s on %s of repository %s' % (
            self.params.get('kind'), self.match_text(self.params), self.params.get('repository'))

    def path(self, *rest):
        return restrictions_path(self.params['workspace'], self.params['repository'], *rest)

    def takes_users(self):
        return self.params.get('kind') in USER_KINDS

    # What a restriction has, in option terms: value, and the users (account ids) and group slugs as sorted lists.
    def view(self, obj, names=None):
        out = dict(kind=obj.get('kind'), value=obj.get('value'))
        if self.takes_users():
            out['users'] = sorted(account_ref(u) for u in obj.get('users') or [])
            out['groups'] = sorted((g or {}).get('slug') for g in obj.get('groups') or [])
        return dict((n, v) for n, v in out.items() if names is None or n in names)

    def _account(self, user, current_users):
        """The account a user option names, when known (an email resolved, or a user of the restriction)."""
        if is_email(user):
            return (self.accounts or {}).get(user.lower())
        return next((u for u in current_users if u.get('account_id') == user or same_uuid(u.get('uuid'), user)), None)

    def wanted_users(self, current_users=()):
        """The users option as the restriction names them (account ids where known), sorted, without repeats."""
        out = set()
        for user in self.params.get('users') or []:
            account = self._account(user, current_users)
            out.add(account_ref(account) if account else user)
        return sorted(out)

    def desired(self, current_users=()):
        out = {}
        if self.params.get('value') is not None:
            out['value'] = self.params['value']
        if self.params.get('users') is not None:
            out['users'] = self.wanted_users(current_users)
        if self.params.get('groups') is not None:
            out['groups'] = sorted(set(self.params['groups']))
        return out

    def desired_to_create(self):
        out = dict(kind=self.params['kind'])
        out.update(self.desired())
        if self.takes_users():
            # Bitbucket requires both lists on these kinds; an empty one exempts nobody.
            out.setdefault('users', [])
            out.setdefault('groups', [])
        return out

    def changes(self, obj):
        current = self.view(obj)
        out = {}
        for name, value in self.desired(obj.get('users') or []).items():
            if not self.options[name].equal(current.get(name), value):
                out[name] = (current.get(name), value)
        return out

    def plan(self, current, state='present'):
        if state == 'present' and current is None and self.params.get('kind') in VALUE_KINDS \
                and self.params.get('value') is None:
            raise InputError('value', 'is required to create %s: %s' % (self.label(), VALUE_KINDS[self.params['kind']]))
        return super(BranchRestrictionResource, self).plan(current, state)

    def select(self, candidates):
        wanted = self.match_key(self.params)
        for obj in candidates:
            if obj.get('branch_match_kind') == 'branching_model':
                key = obj.get('kind'), 'branching_model', obj.get('branch_type')
            else:
                key = obj.get('kind'), 'glob', obj.get('pattern')
            if key == wanted:
                return obj
        return None

    def resolve(self):
        """The accounts of the users named by email (one members query); an email of no member fails, naming users."""
        emails = [u for u in self.params.get('users') or [] if is_email(u)]
        if self.accounts is None and emails:
            self.accounts = resolve_emails(self.client, self.params['workspace'], emails)
            missing = [e for e in emails if e.lower() not in self.accounts]
            if missing:
                raise not_members(missing, self.params['workspace'])

    def list(self, **filters):
        try:
            return list(self.client.paginate(self.path(), dict((k, v) for k, v in filters.items() if v is not None)))
        except BitbucketError as exc:
            # A repository that does not exist (yet: check mode before its creation) has no restrictions; a real
            # create on it still fails with Bitbucket's 404, and absent in a missing workspace fails (check_owner).
            if exc.status == 404:
                return []
            raise

    def find(self):
        self.resolve()
        return self.select(self.list(kind=self.params['kind'], pattern=self.params.get('pattern')))

    def _user_body(self, user, current_users=()):
        account = self._account(user, current_users)
        if account is not None:
            user = account_ref(account)
        return dict(uuid=user) if BRACED_UUID.fullmatch(user) else dict(account_id=user)

    def _body(self, values, current_users=()):
        body = {}
        if 'value' in values:
            body['value'] = values['value']
        if 'users' in values:
            body['users'] = [self._user_body(u, current_users) for u in values['users']]
        if 'groups' in values:
            body['groups'] = [dict(slug=g) for g in values['groups']]
        return body

    def create(self):
        body = dict(kind=self.params['kind'])
        if self.params.get('branch_type') is not None:
            body.update(branch_match_kind='branching_model', branch_type=self.params['branch_type'], pattern='')
        else:
            body.update(branch_match_kind='glob', pattern=self.params['pattern'])
        body.update(self._body(self.desired_to_create()))
        try:
            # A POST whose reply was lost is followed by a read of the list, never a second restriction.
            return self.client.create(self.path(), body, lambda: self.select(self.list(kind=self.params['kind'])))
        except BitbucketError as exc:
            raise self._explain(exc, self.params.get('users') or [])

    def update(self, obj, changes):
        # PUT is partial ("fields not present in the request body are ignored"): only what changes is sent.
        values = dict((name, after) for name, (before, after) in changes.items())
        try:
            return self.client.put(self.path(obj['id']), self._body(values, obj.get('users') or []))
        except BitbucketError as exc:
            raise self._explain(exc, values.get('users') or [])

    def _explain(self, exc, users):
        """A 400 on a write, said in terms of the options when a user is no workspace member (best effort)."""
        if exc.status != 400:
            return exc
        try:
            outside = [u for u in users if not is_email(u) and get_member(self.client, self.params['workspace'], u) is None]
        except BitbucketError:
            return exc
        if not outside:
            return exc
        error = not_members(outside, self.params['workspace'])
        error.method, error.path, error.status = exc.method, exc.path, exc.status
        return error

    def still_planned(self, obj):
        now = self.client.get_or_none(self.path(obj['id']))
        if now is None:
            return False
        if self.select([now]) is None:
            raise BitbucketError('%s changed since it was planned (now kind %s on %s); it is not removed, run again '
                                 'to plan anew' % (self.label(), now.get('kind'), now.get('pattern') or now.get('branch_type')))
        return True

    def delete(self, obj):
        self.client.delete(self.path(obj['id']))

    def predict(self, obj, action):
        """The restriction after the action (check mode): users given by account id must be workspace members."""
        current_users = (obj or {}).get('users') or []
        for option, user in self.members_to_check(action):
            try:
                if get_member(self.client, self.params['workspace'], user) is None:
                    raise not_members([user], self.params['workspace'])
            except BitbucketError as exc:
                if exc.status != 403:
                    raise
                # Without read:workspace:bitbucket the check is skipped; the real run still says it clearly.
        out = copy.deepcopy(obj) if obj else dict(
            type='branchrestriction', kind=self.params['kind'],
            branch_match_kind='branching_model' if self.params.get('branch_type') is not None else 'glob',
            pattern=self.params.get('pattern') or '')
        if obj is None and self.params.get('branch_type') is not None:
            out['branch_type'] = self.params['branch_type']
        after = dict((name, new) for name, (old, new) in action.changes.items())
        if 'value' in after:
            out['value'] = after['value']
        if 'users' in after:
            out['users'] = [copy.deepcopy(self._account(u, current_users)) or self._user_body(u) for u in after['users']]
        if 'groups' in after:
            out['groups'] = [dict(slug=g) for g in after['groups']]
        return out


def not_members(users, workspace, option='users'):
    return BitbucketError('%s: %s %s not a member of workspace %s; only workspace members can be exempt from a branch '
                          'restriction' % (option, ', '.join(users), 'is' if len(users) == 1 else 'are', workspace),
                          option=option)
