# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Explicit grants on a repository or project through permissions-config (internal to the collection)."""

import copy

from ansible_collections.bitbucket.cloud.plugins.module_utils.client import api_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import BitbucketError, InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.parallel import BulkReader
from ansible_collections.bitbucket.cloud.plugins.module_utils.patterns import (
    is_email, same_uuid, validate_group, validate_project_key, validate_repository_ref, validate_user, validate_workspace)
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.project import stored_project_key
from ansible_collections.bitbucket.cloud.plugins.module_utils.resource import Option, Resource
from ansible_collections.bitbucket.cloud.plugins.module_utils.workspace import (
    get_member, list_members, member_record, members_path, resolve_emails, user_record)

REPOSITORY_PERMISSIONS = ('read', 'write', 'admin')
PROJECT_PERMISSIONS = ('read', 'write', 'create-repo', 'admin')
# The grant lists of a target, and the option that names a grantee of each.
GRANTEE_KINDS = (('users', 'user_id'), ('groups', 'group'))
GRANT_KINDS = ('users', 'groups')


def validate_target(params):
    """workspace, with at most one of repository or project, or all_targets alone; raises InputError naming the option."""
    validate_workspace(params.get('workspace'))
    for option in ('repository', 'project'):
        if params.get('all_targets') and params.get(option) is not None:
            raise InputError('all_targets', 'lists every repository and project of the workspace; give it without %s' % option)
    if params.get('repository') is not None and params.get('project') is not None:
        raise InputError('repository', 'is mutually exclusive with project; give one of them')
    if params.get('repository') is not None:
        validate_repository_ref(params['repository'])
    if params.get('project') is not None:
        validate_project_key(params['project'], option='project')


def target_segments(workspace, repository=None, project=None):
    """The path of a repository's or a project's permissions-config, as segments for api_path."""
    if repository is not None:
        return ('repositories', workspace, repository, 'permissions-config')
    return ('workspaces', workspace, 'projects', project, 'permissions-config')


def grants_path(workspace, kind, repository=None, project=None):
    """The list of a repository's or a project's explicit grants of one kind ('users' or 'groups')."""
    return api_path(*(target_segments(workspace, repository, project) + (kind,)))


def list_grants(client, workspace, repository=None, project=None):
    """Every explicit grant of a repository or project: {'users': [grant, ...], 'groups': [grant, ...]}, all pages."""
    return dict((kind, list(client.paginate(grants_path(workspace, kind, repository, project)))) for kind in GRANT_KINDS)


def predicted_account(client, workspace, user_id, account=None):
    """The account a user id names (the one the engine resolved, else the workspace member's), for check mode.

    Raises not_a_member for a user outside the workspace, so check mode fails like the real run; without
    read:workspace:bitbucket (403) the check is skipped and the real run says it clearly.
    """
    if account is not None:
        return copy.deepcopy(account)
    try:
        membership = get_member(client, workspace, user_id)
    except BitbucketError as exc:
        if exc.status != 403:
            raise
        return dict(uuid=user_id) if user_id.startswith('{') else dict(account_id=user_id)
    if membership is None:
        raise not_a_member(user_id, workspace)
    return copy.deepcopy(membership.get('user') or {})


def grant_record(grant):
    """A flat record of one grant: {account_id, uuid, display_name, nickname, permission} or {slug, name, permission}."""
    if grant.get('group') is not None:
        group = grant['group']
        return dict(slug=group.get('slug'), name=group.get('name'), permission=grant.get('permission'))
    return user_record(grant.get('user'), grant.get('permission'))


def grant_records(grants):
    """{'users': [...], 'groups': [...]} of listed grants, as flat records."""
    return dict((kind, [grant_record(g) for g in grants[kind]]) for kind in GRANT_KINDS)


def describe_access(client, workspace, repository=None, project=None):
    """bitbucket_permissions_info's result: the explicit grants of a repository or project, or the workspace's members."""
    if repository is None and project is None:
        return dict(members=list_members(client, workspace))
    return grant_records(list_grants(client, workspace, repository, project))


def describe_workspace_access(client, workspace):
    """bitbucket_permissions_info with all_targets: the members, and every repository and project with its grants.

    Three lists, then the two grant lists of each repository and project a few at a time in parallel:
    one module run instead of one per target.
    """
    reader = BulkReader(client)
    listed = reader.lists([('members', members_path(workspace), None),
                           ('repositories', api_path('repositories', workspace), None),
                           ('projects', api_path('workspaces', workspace, 'projects'), None)])
    repositories = sorted((dict(slug=r.get('slug'), name=r.get('name'), project=(r.get('project') or {}).get('key'),
                                is_private=r.get('is_private')) for r in listed['repositories']), key=lambda r: r['slug'])
    projects = sorted((dict(key=p.get('key'), name=p.get('name'), is_private=p.get('is_private'))
                       for p in listed['projects']), key=lambda p: p['key'])
    targets = [('repository', r['slug'], r) for r in repositories] + [('project', p['key'], p) for p in projects]
    grants = reader.lists(((option, name, kind), grants_path(workspace, kind, **{option: name}), None)
                          for option, name, dummy in targets for kind in GRANT_KINDS)
    reader.finish()
    for option, name, record in targets:
        record.update(grant_records(dict((kind, grants[(option, name, kind)]) for kind in GRANT_KINDS)))
    return dict(members=[member_record(m) for m in listed['members']], repositories=repositories, projects=projects)


def not_a_member(user, workspace, option='user_id'):
    return BitbucketError('%s: %s is not a member of workspace %s; Bitbucket grants access only to workspace members'
                          % (option, user, workspace), option=option)


class PermissionResource(Resource):
    """One explicit grant of a user (user_id: account id, {uuid} or email) or a group on a repository or a project."""

    kind = 'permission'
    plural = 'permissions'
    # In the spec ({users: {user: permission}}) these options are the item itself: errors point at its place.
    placed_at_item = ('user_id', 'group', 'permission')
    list_doc = ('Explicit grants on the {parent}: users (account ID, {{UUID}} or email address of a workspace member) and '
                'groups (slug), each to a permission. With prune, both are exact; left out, the grants are left alone.')
    grantee_docs = dict(users='User (account ID, {UUID} or email address) to permission.',
                        groups='Group slug to permission.')
    module_only = dict(
        repository=Option('The repository the grant is on.', check=validate_repository_ref),
        project=Option('The project the grant is on.', check=validate_project_key),
    )
    options = dict(
        user_id=Option('The user: Atlassian account id, {UUID} or email address of a workspace member.', identity=True,
                       check=validate_user),
        group=Option('The group slug.', identity=True, check=validate_group),
        permission=Option('The permission to grant.', api='permission', to_create=True,
                          choices=PROJECT_PERMISSIONS),
    )

    constraints = dict(
        mutually_exclusive=[('repository', 'project'), ('user_id', 'group')],
        required_one_of=[('repository', 'project'), ('user_id', 'group')],
        required_if=[('state', 'present', ('permission',))],
    )

    def __init__(self, client, params, account=None):
        super(PermissionResource, self).__init__(client, params)
        # The account of a user named by email, once resolved.
        self.account = account

    @classmethod
    def object_errors(cls, params):
        repository, project = params.get('repository'), params.get('project')
        if repository is None and project is None:
            yield InputError('repository', 'or project is required: the grant is on a repository or on a project')
        elif repository is not None and project is not None:
            yield InputError('repository', 'is mutually exclusive with project; give one of them')
        if (params.get('user_id') is None) == (params.get('group') is None):
            yield InputError('user_id', 'or group is required, and only one of them: the grantee is a user or a group')
        permission = params.get('permission')
        allowed = REPOSITORY_PERMISSIONS if repository is not None else PROJECT_PERMISSIONS
        if permission is not None and permission not in allowed:
            yield InputError('permission', 'must be one of %s on a %s, got %r' % (
                ', '.join(allowed), 'repository' if repository is not None else 'project', permission))

    # --- in the workspace spec: {users: {user: permission}, groups: {slug: permission}} of a target -------
    @classmethod
    def spec_entry(cls):
        return dict(type='dict', options=dict((kind, dict(type='dict')) for kind in GRANT_KINDS))

    @classmethod
    def declare(cls, value, workspace, target, place):
        out = []
        for kind, option in GRANTEE_KINDS:
            for grantee, permission in sorted((value.get(kind) or {}).items(), key=lambda kv: str(kv[0])):
                params = dict(workspace=workspace, repository=target.get('repository'), project=target.get('project'),
                              user_id=None, group=None, permission=permission, state='present')
                params[option] = grantee
                out.append(('%s.%s.%s' % (place, kind, grantee), params))
        return out

    @classmethod
    def duplicates(cls, items):
        return ()

    @classmethod
    def list_paths(cls, workspace, target, items, exact):
        # The kinds declared, or both when the list is exact under prune.
        kinds = set(kind for kind, option in GRANTEE_KINDS for dummy, p in items if p[option] is not None)
        return dict((kind, grants_path(workspace, kind, **target)) for kind in GRANT_KINDS if exact or kind in kinds)

    @classmethod
    def found(cls, workspace, target, list_name, obj):
        params = dict(workspace=workspace, repository=target.get('repository'), project=target.get('project'),
                      user_id=None, group=None, permission=None, state='absent')
        if obj.get('group') is not None:
            params['group'] = obj['group'].get('slug')
        else:
            user = obj.get('user') or {}
            params['user_id'] = user.get('account_id') or user.get('uuid')
        return params

    def list_name(self):
        return self.grant_kind()

    # --- one grant -----------------------------------------------------------------------------
    def ident(self):
        out = dict((name, self.params.get(name)) for name in ('workspace', 'repository', 'project', 'user_id', 'group')
                   if self.params.get(name) is not None)
        if self.account is not None:
            out['account_id'] = self.account.get('account_id')
        return out

    def label(self):
        grantee = 'user %s' % self.params['user_id'] if self.grant_kind() == 'users' else 'group %s' % self.params['group']
        return 'permission of %s on %s' % (grantee, ' '.join(self.target_name()[:1] + (self.target(),)))

    def detail(self, current):
        return '(%s)' % current.get('permission')

    def grant_kind(self):
        return 'users' if self.params.get('user_id') is not None else 'groups'

    def target(self):
        return self.params.get('repository') if self.params.get('repository') is not None else self.params.get('project')

    def grantee(self):
        """The path segment of the grantee: a group slug, or the user's account id or {uuid}."""
        if self.grant_kind() == 'groups':
            return self.params['group']
        if self.account is not None:
            return self.account.get('account_id') or self.account.get('uuid')
        return self.params['user_id']

    def path(self):
        base = target_segments(self.params['workspace'], self.params.get('repository'), self.params.get('project'))
        return api_path(*(base + (self.grant_kind(), self.grantee())))

    def target_name(self):
        if self.params.get('repository') is not None:
            return 'repository', '%s/%s' % (self.params['workspace'], self.params['repository'])
        return 'project', '%s in workspace %s' % (self.params['project'], self.params['workspace'])

    def resolve(self):
        """The account of a user named by email (one read); a member-less email fails, naming user_id."""
        user_id = self.params.get('user_id')
        if self.account is None and is_email(user_id):
            accounts = resolve_emails(self.client, self.params['workspace'], [user_id])
            if user_id.lower() not in accounts:
                raise not_a_member(user_id, self.params['workspace'])
            self.account = accounts[user_id.lower()]

    def find(self):
        self.resolve()
        grant = self._read_grant()
        if grant is None and self.params.get('project') is not None:
            # Project keys match ignoring case: on no grant under the key as given, try the stored spelling.
            stored = stored_project_key(self.client, self.params['workspace'], self.params['project'])
            if stored is not None and stored != self.params['project']:
                self.params = dict(self.params, project=stored)
                grant = self._read_grant()
        return grant

    def _read_grant(self):
        grant = self.client.get_or_none(self.path())
        # 'none' is how Bitbucket may report the absence of an explicit grant.
        return grant if grant and grant.get('permission') not in (None, 'none') else None

    def matches_user(self, user):
        if not user:
            return False
        names = [self.params.get('user_id')]
        if self.account is not None:
            names += [self.account.get('account_id'), self.account.get('uuid')]
        return any(n and (user.get('account_id') == n or same_uuid(user.get('uuid'), n)) for n in names)

    def select(self, candidates):
        group = self.params.get('group')
        for grant in candidates:
            if group is not None and (grant.get('group') or {}).get('slug') == group:
                return grant
            if self.params.get('user_id') is not None and self.matches_user(grant.get('user')):
                return grant
        return None

    def _put(self, permission):
        try:
            return self.client.put(self.path(), dict(permission=permission))
        except BitbucketError as exc:
            raise self._explain(exc)

    def _explain(self, exc):
        """The API's 400/404 on a PUT, said in terms of the options: which grantee or target is wrong.

        The lookups that find out are best effort: when one fails (403 without read:workspace, say), the
        PUT's own error stands, without a hint.
        """
        if exc.status not in (400, 404):
            return exc
        try:
            return self._explained(exc)
        except BitbucketError:
            return exc

    def _explained(self, exc):
        if self.grant_kind() == 'users':
            if get_member(self.client, self.params['workspace'], self.grantee()) is None:
                error = not_a_member(self.params['user_id'], self.params['workspace'])
                error.method, error.path, error.status = exc.method, exc.path, exc.status
                return error
            if exc.status == 400:
                message = 'user_id: Bitbucket refused a grant to %s (the workspace owner cannot be given one): %s' % (
                    self.params['user_id'], exc.message)
                return BitbucketError(message, method=exc.method, path=exc.path, status=exc.status,
                                      fields=exc.fields, detail=exc.detail, option='user_id')
        option, name = self.target_name()
        target = api_path(*target_segments(self.params['workspace'], self.params.get('repository'),
                                           self.params.get('project'))[:-1])
        if self.client.get_or_none(target) is None:
            return BitbucketError('%s: %s does not exist' % (option, name), method=exc.method, path=exc.path,
                                  status=exc.status, option=option)
        if self.grant_kind() == 'groups':
            return BitbucketError('group: %s does not exist in workspace %s (%s)' % (
                self.params['group'], self.params['workspace'], exc.message), method=exc.method, path=exc.path,
                status=exc.status, fields=exc.fields, detail=exc.detail, option='group')
        return exc

    def create(self):
        # A PUT, so a retried request after a lost reply cannot create a second grant.
        return self._put(self.params['permission'])

    def update(self, obj, changes):
        return self._put(changes['permission'][1])

    def delete(self, obj):
        self.client.delete(self.path())

    def predict(self, obj, action):
        if obj is not None:
            return super(PermissionResource, self).predict(obj, action)
        predicted = dict(permission=action.changes['permission'][1])
        if self.grant_kind() == 'groups':
            # Groups cannot be read through API 2.0; a missing group shows when the grant is made.
            predicted['group'] = dict(slug=self.params['group'])
            return predicted
        predicted['user'] = self._predicted_user()
        return predicted

    def _predicted_user(self):
        """The grantee's account, so that check mode fails like the real run for a user outside the workspace."""
        return predicted_account(self.client, self.params['workspace'], self.params['user_id'], self.account)

    def result(self, obj):
        """The grant as Bitbucket gives it (type, permission, user or group, repository or project, links), plus
        the convenience keys of a flat record (account_id, uuid, display_name, nickname or slug, name) and workspace."""
        out = copy.deepcopy(obj)
        out.update(grant_record(obj))
        out['workspace'] = self.params['workspace']
        if self.params.get('repository') is not None:
            if not isinstance(out.get('repository'), dict):
                out['repository'] = dict(slug=self.params['repository'],
                                         full_name='%s/%s' % (self.params['workspace'], self.params['repository']))
        elif not isinstance(out.get('project'), dict):
            out['project'] = dict(key=self.params['project'])
        if is_email(self.params.get('user_id')):
            out['email'] = self.params['user_id']
        return out
