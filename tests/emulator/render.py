"""JSON representations of state records, shaped after the spec's definitions.

API links and the https clone link point at the emulator itself (absolute, from the request's
host; git smart HTTP is served there); web and ssh clone links use bitbucket.org, as the real API does.
"""

from urllib.parse import quote

from flask import request

from .state import Store

WEB = 'https://bitbucket.org'
_EVENT_CATEGORIES = {
    'repo': 'Repository',
    'pullrequest': 'Pull Request',
    'issue': 'Issue',
    'pipeline': 'Pipeline',
    'project': 'Project',
}


def api_url(path):
    """Absolute URL of an API path (path without the /2.0 prefix) on this emulator."""
    return '%s/2.0%s' % (request.host_url.rstrip('/'), quote(path, safe='/:@'))


def clone_url(full_name, user=None):
    """The https clone URL: git smart HTTP on this emulator (Bitbucket: https://USER@bitbucket.org/FULL_NAME.git)."""
    scheme, _sep, host = request.host_url.rstrip('/').partition('://')
    return '%s://%s%s/%s.git' % (scheme, user + '@' if user else '', host, quote(full_name, safe='/'))


def _link(href):
    return {'href': href}


def account(user):
    """A user as the account/user definitions describe it (no email: Bitbucket hides it)."""
    return {
        'type': 'user',
        'uuid': user['uuid'],
        'account_id': user['account_id'],
        'nickname': user['nickname'],
        'display_name': user['display_name'],
        'account_status': 'active',
        'created_on': user['created_on'],
        'links': {
            'self': _link(api_url('/users/%s' % user['uuid'])),
            'html': _link('%s/%s/' % (WEB, quote(user['uuid']))),
            'avatar': _link('%s/account/%s/avatar/32/' % (WEB, user['nickname'])),
        },
    }


def principal_account(principal):
    """GET /user: the user behind an API token, else the app user a token acts as."""
    if principal.kind == 'user':
        return account(principal.user)
    token = principal.token
    return {
        'type': 'app_user',
        'uuid': token['uuid'],
        'display_name': token['name'],
        'account_status': 'active',
        'links': {'avatar': _link('%s/account/%s/avatar/32/' % (WEB, quote(token['uuid'])))},
    }


def team(workspace):
    """The workspace as the 'owner' account of its projects and repositories."""
    return {
        'type': 'team',
        'uuid': workspace['uuid'],
        'username': workspace['slug'],
        'display_name': workspace['name'],
        'links': {
            'self': _link(api_url('/workspaces/%s' % workspace['slug'])),
            'html': _link('%s/%s/' % (WEB, workspace['slug'])),
            'avatar': _link('%s/workspaces/%s/avatar/' % (WEB, workspace['slug'])),
        },
    }


def workspace_compact(workspace):
    """The workspace as embedded in other objects."""
    return {
        'type': 'workspace',
        'uuid': workspace['uuid'],
        'slug': workspace['slug'],
        'name': workspace['name'],
        'links': {
            'self': _link(api_url('/workspaces/%s' % workspace['slug'])),
            'html': _link('%s/%s/' % (WEB, workspace['slug'])),
            'avatar': _link('%s/workspaces/%s/avatar/' % (WEB, workspace['slug'])),
        },
    }


def workspace(record):
    """GET /workspaces/{workspace}."""
    slug = record['slug']
    return {
        'type': 'workspace',
        'uuid': record['uuid'],
        'name': record['name'],
        'slug': slug,
        'is_private': record['is_private'],
        'is_personal': record['is_personal'],
        'is_privacy_enforced': record['is_privacy_enforced'],
        'forking_mode': record['forking_mode'],
        'created_on': record['created_on'],
        'updated_on': record['updated_on'],
        'links': {
            'self': _link(api_url('/workspaces/%s' % slug)),
            'html': _link('%s/%s/' % (WEB, slug)),
            'avatar': _link('%s/workspaces/%s/avatar/' % (WEB, slug)),
            'members': _link(api_url('/workspaces/%s/members' % slug)),
            'owners': _link(api_url('/workspaces/%s/permissions' % slug) + '?q=permission%3D%22owner%22'),
            'projects': _link(api_url('/workspaces/%s/projects' % slug)),
            'repositories': _link(api_url('/repositories/%s' % slug)),
            'snippets': _link(api_url('/snippets/%s' % slug)),
        },
    }


def workspace_access(record, administrator):
    """One value of GET /user/workspaces (workspace_access with a workspace_base)."""
    return {
        'type': 'workspace_access',
        'administrator': administrator,
        'workspace': {
            'type': 'workspace_base',
            'uuid': record['uuid'],
            'slug': record['slug'],
            'links': {
                'self': _link(api_url('/workspaces/%s' % record['slug'])),
                'avatar': _link('%s/workspaces/%s/avatar/' % (WEB, record['slug'])),
            },
        },
    }


def membership(record, member, permission=None):
    """A workspace_membership; permission only where the endpoint reports it."""
    body = {
        'type': 'workspace_membership',
        'user': member,
        'workspace': workspace_compact(record),
        'links': {'self': _link(api_url('/workspaces/%s/members/%s' % (record['slug'], member['uuid'])))},
    }
    if permission is not None:
        body['permission'] = permission
    return body


def _project_links(workspace_record, project):
    base = '%s/%s/workspace/projects/%s' % (WEB, workspace_record['slug'], project['key'])
    return {'html': _link(base), 'avatar': _link(project['avatar'] or base + '/avatar/32')}


def project_compact(workspace_record, project):
    """The project as embedded in a repository or a grant."""
    return {
        'type': 'project',
        'key': project['key'],
        'uuid': project['uuid'],
        'name': project['name'],
        'links': _project_links(workspace_record, project),
    }


def project(workspace_record, record):
    """GET /workspaces/{workspace}/projects/{project_key}."""
    repositories = Store.repositories_in(workspace_record, record['key'])
    body = project_compact(workspace_record, record)
    body.update({
        'description': record['description'],
        'is_private': record['is_private'],
        'created_on': record['created_on'],
        'updated_on': record['updated_on'],
        'has_publicly_visible_repos': any(not repository['is_private'] for repository in repositories),
        'owner': team(workspace_record),
    })
    return body


def _repository_links(workspace_record, record):
    full_name = '%s/%s' % (workspace_record['slug'], record['slug'])
    base = '/repositories/%s' % full_name
    return {
        'self': _link(api_url(base)),
        'html': _link('%s/%s' % (WEB, full_name)),
        'avatar': _link('%s/%s/avatar/32/' % (WEB, full_name)),
    }


def repository_compact(workspace_record, record):
    """The repository as embedded in a webhook or a grant."""
    return {
        'type': 'repository',
        'uuid': record['uuid'],
        'full_name': '%s/%s' % (workspace_record['slug'], record['slug']),
        'name': record['name'],
        'links': _repository_links(workspace_record, record),
    }


def repository(workspace_record, record, clone_user=None):
    """GET /repositories/{workspace}/{repo_slug}; clone_user is the caller's nickname for the https clone URL."""
    full_name = '%s/%s' % (workspace_record['slug'], record['slug'])
    base = '/repositories/%s' % full_name
    links = _repository_links(workspace_record, record)
    links.update({
        'pullrequests': _link(api_url(base + '/pullrequests')),
        'commits': _link(api_url(base + '/commits')),
        'forks': _link(api_url(base + '/forks')),
        'watchers': _link(api_url(base + '/watchers')),
        'downloads': _link(api_url(base + '/downloads')),
        'hooks': _link(api_url(base + '/hooks')),
        'clone': [
            {'name': 'https', 'href': clone_url(full_name, clone_user)},
            {'name': 'ssh', 'href': 'git@bitbucket.org:%s.git' % full_name},
        ],
    })
    project_record = Store.project(workspace_record, record['project'])
    return {
        'type': 'repository',
        'uuid': record['uuid'],
        'full_name': full_name,
        'name': record['name'],
        'slug': record['slug'],
        'description': record['description'],
        'scm': 'git',
        'website': record['website'],
        'owner': team(workspace_record),
        'workspace': workspace_compact(workspace_record),
        'is_private': record['is_private'],
        'project': project_compact(workspace_record, project_record),
        'fork_policy': record['fork_policy'],
        'created_on': record['created_on'],
        'updated_on': record['updated_on'],
        'size': record['size'],
        'language': record['language'],
        'has_issues': record['has_issues'],
        'has_wiki': record['has_wiki'],
        'mainbranch': {'type': 'branch', 'name': record['mainbranch']},
        'links': links,
    }


def webhook(record, subject_type, subject, self_path):
    """A webhook_subscription; the secret itself is never part of it."""
    return {
        'type': 'webhook_subscription',
        'uuid': record['uuid'],
        'url': record['url'],
        'description': record['description'],
        'subject_type': subject_type,
        'subject': subject,
        'active': record['active'],
        'created_at': record['created_at'],
        'events': list(record['events']),
        'secret_set': bool(record['secret']),
        'skip_cert_verification': record['skip_cert_verification'],
        'links': {'self': _link(api_url(self_path))},
    }


def group(workspace_record, record):
    """A workspace group as embedded in group grants."""
    return {
        'type': 'group',
        'name': record['name'],
        'slug': record['slug'],
        'full_slug': '%s:%s' % (workspace_record['slug'], record['slug']),
        'owner': team(workspace_record),
        'workspace': workspace_compact(workspace_record),
        'links': {'html': _link('%s/%s/workspace/settings/groups/%s' % (WEB, workspace_record['slug'], record['slug']))},
    }


def grant(kind, permission, grantee_key, grantee, target_key, target, self_path):
    """One explicit grant (repository_user_permission, project_group_permission, ...)."""
    return {
        'type': kind,
        'permission': permission,
        grantee_key: grantee,
        target_key: target,
        'links': {'self': _link(api_url(self_path))},
    }


def repository_permission(workspace_record, record, user, permission):
    """An effective permission (repository_permission)."""
    return {
        'type': 'repository_permission',
        'permission': permission,
        'user': account(user),
        'repository': repository_compact(workspace_record, record),
    }


def hook_event(event):
    """One hook_event: its key, category, label and description."""
    prefix, _sep, action = event.partition(':')
    category = _EVENT_CATEGORIES.get(prefix, prefix.title())
    label = action.replace('_', ' ').capitalize()
    return {
        'event': event,
        'category': category,
        'label': label,
        'description': '%s: %s' % (category, label.lower()),
    }
