# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Workspaces and their members, read without the endpoints withdrawn by CHANGE-2770 (internal to the collection).

Never GET /workspaces (no slug) nor /user/permissions/*: both answer 410 since 2026-04-14.
"""

from ansible_collections.bitbucket.cloud.plugins.module_utils.client import api_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import BitbucketError

# What GET /workspaces/{ws} has and the workspace_base of /user/workspaces may lack.
DETAIL_FIELDS = ('name', 'is_private')
# Bitbucket's limit of addresses in one members query by email.
EMAILS_PER_QUERY = 90


def user_record(user, permission=None):
    """A flat user record from an API account object: the shape of `users` and `members` in results."""
    user = user or {}
    return dict(account_id=user.get('account_id'), uuid=user.get('uuid'), display_name=user.get('display_name'),
                nickname=user.get('nickname'), permission=permission)


def get_workspace(client, workspace):
    """The workspace as GET /workspaces/{ws} gives it, or None when it does not exist for these credentials."""
    return client.get_or_none(api_path('workspaces', workspace))


def list_accessible_workspaces(client):
    """Every workspace the credentials reach, each as GET /workspaces/{ws} gives it plus `administrator`.

    /user/workspaces nests a workspace_base under `workspace`; the details are read only when it lacks them.
    """
    out = []
    for access in client.paginate('/user/workspaces', params={'sort': 'slug'}):
        listed = dict(access.get('workspace') or {})
        if any(name not in listed for name in DETAIL_FIELDS):
            listed.update(get_workspace(client, listed.get('slug') or listed['uuid']) or {})
        listed['administrator'] = bool(access.get('administrator'))
        out.append(listed)
    return out


def members_path(workspace):
    """The list of a workspace's members with their workspace role."""
    return api_path('workspaces', workspace, 'permissions')


def member_record(membership):
    """A flat record of one listed membership, its permission being the workspace role (owner, member, ...)."""
    return user_record(membership.get('user'), membership.get('permission'))


def list_members(client, workspace):
    """The members of a workspace with their workspace role, as flat records."""
    return [member_record(membership) for membership in client.paginate(members_path(workspace))]


def email_queries(emails):
    """BBQL `user.email IN (...)` queries covering the emails, at most EMAILS_PER_QUERY each."""
    emails = sorted(set(e.lower() for e in emails))
    return ['user.email IN (%s)' % ','.join('"%s"' % e for e in emails[i:i + EMAILS_PER_QUERY])
            for i in range(0, len(emails), EMAILS_PER_QUERY)]


def resolve_emails(client, workspace, emails):
    """{email (lower case): account} of the workspace members among `emails`; a few queries of up to 90.

    Bitbucket lets only workspace administrators (and integrations, workspace access tokens) filter members by email.
    """
    out = {}
    for query in email_queries(emails):
        try:
            for membership in client.paginate(api_path('workspaces', workspace, 'members'),
                                              {'q': query, 'fields': '+values.user.email'}):
                user = membership.get('user') or {}
                if user.get('email'):
                    out[user['email'].lower()] = user
        except BitbucketError as exc:
            if exc.status == 403:
                exc.hint = ('Users given by email are looked up among the workspace members, which only workspace '
                            'administrators may filter by email: use an administrator\'s credentials, or give the '
                            'users as Atlassian account ids or {UUID}s.')
            raise
    return out


def get_member(client, workspace, user_id):
    """The membership of one user (account id or {uuid}) in a workspace, or None if not a member."""
    return client.get_or_none(api_path('workspaces', workspace, 'members', user_id))


def describe_workspaces(client, workspace=None, members=False):
    """bitbucket_workspace_info's `workspaces`: one named workspace, or every one the credentials reach."""
    if workspace is not None:
        found = get_workspace(client, workspace)
        if found is None:
            raise BitbucketError('workspace: %s does not exist or these credentials cannot see it' % workspace,
                                 method='GET', path=api_path('workspaces', workspace), status=404, option='workspace')
        workspaces = [found]
    else:
        workspaces = list_accessible_workspaces(client)
    if members:
        for found in workspaces:
            found['members'] = list_members(client, found.get('slug') or found['uuid'])
    return workspaces
