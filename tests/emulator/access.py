"""What a principal reaches in a workspace: its role and its effective repository and project permissions.

Users: the workspace owner is admin of everything in it; other members get the highest of their
explicit user grants, their groups' grants, the grants of the repository's project, and read on
public repositories. Non-members reach nothing. Access tokens reach only their own workspace,
project or repository (as admin: their scopes are the limit). OAuth client-credentials tokens act
as the consumer's owner inside the consumer's workspace.
"""

from .naming import same_uuid
from .state import Store

REPOSITORY_PERMISSIONS = ('read', 'write', 'admin')
PROJECT_PERMISSIONS = ('read', 'write', 'create-repo', 'admin')
# a project grant applies to the project's repositories; create-repo includes write
PROJECT_TO_REPOSITORY = {'read': 'read', 'write': 'write', 'create-repo': 'write', 'admin': 'admin'}


def _best(grants, order):
    return max(grants, key=order.index) if grants else None


def _grants(workspace, user_uuid, permissions):
    groups = Store.groups_of(workspace, user_uuid)
    found = [permission for uuid, permission in permissions['users'].items() if same_uuid(uuid, user_uuid)]
    found += [permission for slug, permission in permissions['groups'].items() if slug in groups]
    return found


def user_repository_permission(workspace, user_uuid, repository):
    """A member's effective permission on a repository (None for no access)."""
    role = Store.member_role(workspace, user_uuid)
    if role is None:
        return None
    if role == 'owner':
        return 'admin'
    grants = _grants(workspace, user_uuid, repository['permissions'])
    project = Store.project(workspace, repository['project'])
    if project is not None:
        grants += [PROJECT_TO_REPOSITORY[permission] for permission in _grants(workspace, user_uuid, project['permissions'])]
    if not repository['is_private']:
        grants.append('read')
    return _best(grants, REPOSITORY_PERMISSIONS)


def user_project_permission(workspace, user_uuid, project):
    """A member's effective permission on a project (members can at least read projects)."""
    role = Store.member_role(workspace, user_uuid)
    if role is None:
        return None
    if role == 'owner':
        return 'admin'
    return _best(_grants(workspace, user_uuid, project['permissions']) + ['read'], PROJECT_PERMISSIONS)


def _in_workspace(principal, workspace):
    return principal.workspace is not None and same_uuid(principal.workspace['uuid'], workspace['uuid'])


def workspace_role(principal, workspace):
    """owner, create-project, member, or None (a project or repository access token has no workspace role)."""
    if principal.kind == 'user':
        return Store.member_role(workspace, principal.user['uuid'])
    if not _in_workspace(principal, workspace):
        return None
    if principal.kind == 'access_token':
        return 'owner' if principal.token['kind'] == 'workspace' else None
    return Store.member_role(workspace, principal.user['uuid'])


def reaches_workspace(principal, workspace):
    """True when the principal reaches anything in the workspace (lists are then filtered)."""
    return workspace_role(principal, workspace) is not None or (principal.kind == 'access_token' and _in_workspace(principal, workspace))


def is_workspace_admin(principal, workspace):
    """Workspace owners administer the workspace (and everything in it)."""
    return workspace_role(principal, workspace) == 'owner'


def repository_permission(principal, workspace, repository):
    """The principal's effective permission on a repository, or None."""
    if principal.kind == 'user':
        return user_repository_permission(workspace, principal.user['uuid'], repository)
    if not _in_workspace(principal, workspace):
        return None
    if principal.kind == 'oauth':
        return user_repository_permission(workspace, principal.user['uuid'], repository)
    token = principal.token
    if token['kind'] == 'workspace':
        return 'admin'
    if token['kind'] == 'repository':
        return 'admin' if same_uuid(token['repository'], repository['uuid']) else None
    project = Store.project(workspace, repository['project'])
    return 'admin' if project is not None and same_uuid(token['project'], project['uuid']) else None


def project_permission(principal, workspace, project):
    """The principal's effective permission on a project, or None."""
    if principal.kind == 'user':
        return user_project_permission(workspace, principal.user['uuid'], project)
    if not _in_workspace(principal, workspace):
        return None
    if principal.kind == 'oauth':
        return user_project_permission(workspace, principal.user['uuid'], project)
    token = principal.token
    if token['kind'] == 'workspace' or (token['kind'] == 'project' and same_uuid(token['project'], project['uuid'])):
        return 'admin'
    return None


def can_create_project(principal, workspace):
    """Only workspace admins (and the create-project role) create projects."""
    return workspace_role(principal, workspace) in ('owner', 'create-project')


def can_create_repository(principal, workspace, project):
    """Workspace owners, and project admins or create-repo grantees for their project."""
    return is_workspace_admin(principal, workspace) or project_permission(principal, workspace, project) in ('create-repo', 'admin')


def at_least(permission, needed, order=REPOSITORY_PERMISSIONS):
    """True when permission is at least needed in the given order."""
    return permission is not None and order.index(permission) >= order.index(needed)
