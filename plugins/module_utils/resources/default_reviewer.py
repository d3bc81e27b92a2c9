# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Default reviewers of a repository or a project (internal to the bitbucket.cloud collection).

Read from the reviewer list (one GET for the usual short list) rather than the per-user GET, whose
"not a reviewer" answer differs between repositories (404) and projects (400). The project list holds
default_reviewer_and_type objects (`{reviewer_type, user}`), the repository list plain accounts.
"""

import copy

from ansible_collections.bitbucket.cloud.plugins.module_utils.client import api_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import BitbucketError, InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.patterns import (
    is_email, normalize_uuid, same_uuid, validate_project_key, validate_repository_ref, validate_user)
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.permission import not_a_member, predicted_account
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.project import stored_project_key
from ansible_collections.bitbucket.cloud.plugins.module_utils.resource import Option, Resource
from ansible_collections.bitbucket.cloud.plugins.module_utils.workspace import resolve_emails

LIST_NAME = 'default_reviewers'


def reviewers_path(workspace, repository=None, project=None, *rest):
    """The default reviewer list of a repository or a project (or, with rest, one reviewer of it)."""
    if repository is not None:
        return api_path('repositories', workspace, repository, 'default-reviewers', *rest)
    return api_path('workspaces', workspace, 'projects', project, 'default-reviewers', *rest)


def reviewer_account(obj):
    """The account of a listed reviewer: a project lists {reviewer_type, user}, a repository the account itself."""
    obj = obj or {}
    if isinstance(obj.get('user'), dict) and 'reviewer_type' in obj or obj.get('type') == 'default_reviewer':
        return obj.get('user') or {}
    return obj


def account_ref(account):
    """How the export and prune name a listed reviewer: its account id, else its {uuid}."""
    account = account or {}
    return account.get('account_id') or account.get('uuid')


class DefaultReviewerResource(Resource):
    """One default reviewer (user_id: account id, {uuid} or email) of a repository or a project."""

    kind = 'default_reviewer'
    plural = 'default_reviewers'
    # In the spec the list items are the users themselves: errors point at the item's place.
    placed_at_item = ('user_id',)
    # Bitbucket refuses a reviewer without access to the repository or project: the workspace engine adds
    # reviewers after the grants of their target, and not when one of those failed.
    after_grants = True
    list_doc = ('Default reviewers of the {parent}: users (account ID, {{UUID}} or email address of a workspace member) '
                'added to every new pull request. With prune, the list is exact; left out, they are left alone.')
    module_only = dict(
        repository=Option('The repository whose default reviewer this is.', check=validate_repository_ref),
        project=Option('The project whose default reviewer this is.', check=validate_project_key),
    )
    options = dict(
        user_id=Option('The user: Atlassian account id, {UUID} or email address of a workspace member.', identity=True,
                       required=True, check=validate_user),
    )
    constraints = dict(
        mutually_exclusive=[('repository', 'project')],
        required_one_of=[('repository', 'project')],
    )

    def __init__(self, client, params, account=None):
        super(DefaultReviewerResource, self).__init__(client, params)
        # The account of a user named by email, once resolved.
        self.account = account

    @classmethod
    def object_errors(cls, params):
        repository, project = params.get('repository'), params.get('project')
        if repository is None and project is None:
            yield InputError('repository', 'or project is required: a default reviewer is of a repository or of a project')
        elif repository is not None and project is not None:
            yield InputError('repository', 'is mutually exclusive with project; give one of them')

    # --- in the workspace spec: a list of users of a repository or a project -------------------
    @classmethod
    def spec_entry(cls):
        return dict(type='list', elements='str')

    @classmethod
    def declare(cls, value, workspace, target, place):
        out = []
        for index, user in enumerate(value):
            params = dict(workspace=workspace, repository=target.get('repository'), project=target.get('project'),
                          user_id=user, state='present')
            out.append(('%s[%d]' % (place, index), params))
        return out

    @classmethod
    def duplicates(cls, items):
        """InputErrors for a user listed twice in one list (the same spelling; emails ignoring case)."""
        seen = {}
        for place, params in items:
            user = params.get('user_id')
            key = normalize_uuid(user) or (user.lower() if is_email(user) else user)
            if key in seen:
                yield InputError(place, 'is declared twice, also in %s: %s' % (seen[key], user))
            seen.setdefault(key, place)

    @classmethod
    def list_paths(cls, workspace, target, items, exact):
        # A list given, even empty, is read: what it does not declare is removed (prune) or reported unmanaged.
        return {LIST_NAME: reviewers_path(workspace, target.get('repository'), target.get('project'))}

    @classmethod
    def found(cls, workspace, target, list_name, obj):
        return dict(workspace=workspace, repository=target.get('repository'), project=target.get('project'),
                    user_id=account_ref(reviewer_account(obj)), state='absent')

    def list_name(self):
        return LIST_NAME

    # --- one reviewer ----------------------------------------------------------------------------
    def ident(self):
        out = dict((name, self.params.get(name)) for name in ('workspace', 'repository', 'project', 'user_id')
                   if self.params.get(name) is not None)
        if self.account is not None:
            out['account_id'] = self.account.get('account_id')
        return out

    def target_name(self):
        if self.params.get('repository') is not None:
            return 'repository', '%s/%s' % (self.params['workspace'], self.params['repository'])
        return 'project', '%s in workspace %s' % (self.params['project'], self.params['workspace'])

    def label(self):
        return 'default reviewer %s of %s' % (self.params['user_id'], ' '.join(self.target_name()))

    def reviewer(self):
        """The path segment of the user: the account id or {uuid} (an email resolved to its account)."""
        if self.account is not None:
            return self.account.get('account_id') or self.account.get('uuid')
        return self.params['user_id']

    def path(self, *rest):
        return reviewers_path(self.params['workspace'], self.params.get('repository'), self.params.get('project'), *rest)

    def resolve(self):
        """The account of a user named by email (one read); a member-less email fails, naming user_id."""
        user_id = self.params.get('user_id')
        if self.account is None and is_email(user_id):
            accounts = resolve_emails(self.client, self.params['workspace'], [user_id])
            if user_id.lower() not in accounts:
                raise not_a_member(user_id, self.params['workspace'])
            self.account = accounts[user_id.lower()]

    def matches(self, account):
        if not account:
            return False
        names = [self.params.get('user_id')]
        if self.account is not None:
            names += [self.account.get('account_id'), self.account.get('uuid')]
        return any(n and (account.get('account_id') == n or same_uuid(account.get('uuid'), n)) for n in names)

    def select(self, candidates):
        return next((obj for obj in candidates if self.matches(reviewer_account(obj))), None)

    def list(self):
        return list(self.client.paginate(self.path()))

    def find(self):
        self.resolve()
        try:
            return self.select(self.list())
        except BitbucketError as exc:
            # A target that does not exist answers 404, or 403 where the spec documents only 403 (repository list).
            if exc.status not in (403, 404):
                raise
            error = exc
        option, name = self.target_name()
        if option == 'project':
            # Project keys match ignoring case: on no project under the key as given, try the stored spelling.
            stored = stored_project_key(self.client, self.params['workspace'], self.params['project'])
            if stored is not None and stored != self.params['project']:
                self.params = dict(self.params, project=stored)
                return self.select(self.list())
            exists = stored is not None
        else:
            exists = self.client.get_or_none(api_path('repositories', self.params['workspace'],
                                                      self.params['repository'])) is not None
        if exists:
            raise error
        raise BitbucketError('%s: %s does not exist' % (option, name), method='GET', path=self.path(), status=error.status,
                             option=option)

    def plan(self, current, state='present'):
        action = super(DefaultReviewerResource, self).plan(current, state)
        if action is not None and action.name == 'create':
            # Nothing but the user to show: the plan says who is added.
            action.changes = dict(user_id=(None, self.params['user_id']))
        return action

    def predict(self, obj, action):
        """The reviewer's account, so that check mode fails like the real run for a user outside the workspace."""
        if obj is not None:
            return copy.deepcopy(obj)
        return predicted_account(self.client, self.params['workspace'], self.params['user_id'], self.account)

    def create(self):
        # PUT is idempotent: a retried request after a lost reply adds nobody twice.
        try:
            return self.client.put(self.path(self.reviewer()), None)
        except BitbucketError as exc:
            if exc.status != 400:
                raise
            option, name = self.target_name()
            raise BitbucketError('user_id: Bitbucket refused %s as a default reviewer of %s %s (a team, a bot, or a '
                                 'user without access to it cannot be one): %s' % (
                                     self.params['user_id'], option, name, exc.message),
                                 method=exc.method, path=exc.path, status=exc.status, fields=exc.fields,
                                 detail=exc.detail, option='user_id')

    def update(self, obj, changes):
        return obj

    def delete(self, obj):
        try:
            self.client.delete(self.path(account_ref(reviewer_account(obj)) or self.reviewer()))
        except BitbucketError as exc:
            # A project answers 400 for a user who is not (any more) a default reviewer: already done.
            if exc.status != 400 or self.params.get('project') is None:
                raise

    def result(self, obj):
        """The reviewer's account as Bitbucket gives it (type, account_id, uuid, display_name, nickname, links)."""
        return copy.deepcopy(reviewer_account(obj))
