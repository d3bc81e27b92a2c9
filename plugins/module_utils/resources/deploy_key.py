# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Deploy keys of a repository or a project (internal to the bitbucket.cloud collection).

A key is identified by its type and base64 data (the comment is ignored). A new label is applied by deleting
the key and adding it again: Bitbucket's PUT answers 400 in practice and project keys have no PUT.
"""

from ansible_collections.bitbucket.cloud.plugins.module_utils.client import api_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import BitbucketError, InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.patterns import validate_project_key, validate_repository_ref
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.project import stored_project_key
from ansible_collections.bitbucket.cloud.plugins.module_utils.resource import Option, Resource
from ansible_collections.bitbucket.cloud.plugins.module_utils.ssh_public_key import (
    fingerprint, key_identity, parse_public_key, validate_no_private_key, validate_public_key)

# What the plan and the diff show for the key id when a new label is applied by delete + re-add.
READDED = '(new id: the key is deleted and added again with the new label)'
RELABEL_WARNING = ('%s: Bitbucket cannot change the label of a deploy key in place, so the key is deleted and added '
                   'again with label %r. It gets a new id, and it is missing for the moment between the two requests; '
                   'if adding it again fails, the key stays removed until the task runs again.')


def keys_path(workspace, repository=None, project=None, *rest):
    """The deploy key list of a repository, or of a project."""
    if repository is not None:
        return api_path('repositories', workspace, repository, 'deploy-keys', *rest)
    return api_path('workspaces', workspace, 'projects', project, 'deploy-keys', *rest)


def deploy_key_view(obj, workspace, repository=None, project=None):
    """A deploy key as the modules return it: id, label, key (type and base64), comment, added_on, last_used,
    plus the convenience keys workspace, repository and project."""
    return dict(id=obj.get('id'), label=obj.get('label'), key=key_identity(obj.get('key')),
                comment=obj.get('comment') or '', added_on=obj.get('added_on'), last_used=obj.get('last_used'),
                fingerprint=fingerprint(obj.get('key')), workspace=workspace, repository=repository, project=project)


def deploy_keys_spec(keys):
    """Listed keys as the workspace spec declares them ({key, label}, the comment kept), sorted stably."""
    out = []
    for obj in keys:
        key = key_identity(obj.get('key'))
        if obj.get('comment'):
            key = '%s %s' % (key, obj['comment'])
        out.append(dict(key=key, label=obj.get('label') or ''))
    return sorted(out, key=lambda k: (k['label'], k['key']))


def validate_owner(params):
    """Exactly one of repository or project; raises InputError naming the option."""
    for error in owner_errors(params):
        raise error
    if params.get('repository') is not None:
        validate_repository_ref(params['repository'])
    else:
        validate_project_key(params['project'], option='project')


def owner_errors(params):
    if params.get('repository') is None and params.get('project') is None:
        yield InputError('repository', 'or project is required: a deploy key belongs to a repository or to a project')
    elif params.get('repository') is not None and params.get('project') is not None:
        yield InputError('repository', 'is mutually exclusive with project; give one of them')


class DeployKeyResource(Resource):
    """One deploy key (an OpenSSH public key with a label) of a repository or a project."""

    kind = 'deploy_key'
    plural = 'deploy_keys'
    list_doc = ('Deploy keys of the {parent}, each identified by its key type and base64 data (the comment is '
                'ignored). With prune, the list is exact: keys it does not declare are removed; left out, the '
                'keys are left alone.')
    module_only = dict(
        repository=Option('The repository the key belongs to.', check=validate_repository_ref),
        project=Option('The project the key belongs to.', check=validate_project_key),
    )
    options = dict(
        # A public key is not a secret; a private key given by mistake is masked by BitbucketModule.
        key=Option('The OpenSSH public key, "<type> <base64> [comment]"; its type and base64 data identify it.',
                   identity=True, required=True, no_log=False, check=validate_public_key),
        label=Option('The label Bitbucket shows for the key; a new label deletes and re-adds the key.', api='label',
                     check=validate_no_private_key),
    )
    constraints = dict(
        mutually_exclusive=[('repository', 'project')],
        required_one_of=[('repository', 'project')],
    )

    @classmethod
    def object_errors(cls, params):
        return owner_errors(params)

    # --- in the workspace spec: a list of a repository or a project --------------------------------
    @classmethod
    def spec_entry(cls):
        # Public keys are not secrets (a private key given by mistake is masked by BitbucketModule).
        return dict(type='list', elements='dict', options=cls.spec_options(), no_log=False)

    @classmethod
    def declare(cls, value, workspace, target, place):
        out = []
        for index, item in enumerate(value):
            params = dict(workspace=workspace, repository=target.get('repository'), project=target.get('project'),
                          key=item.get('key'), label=item.get('label'), state='present')
            out.append(('%s[%d]' % (place, index), params))
        return out

    @classmethod
    def duplicates(cls, items):
        """Two entries of one list with the same key material (comments aside) are an input error."""
        seen = {}
        for place, params in items:
            identity = key_identity(params.get('key'))
            if identity in seen:
                yield InputError('%s.key' % place, 'is the same key (%s) as %s.key; a key is declared once per list'
                                 % (fingerprint(identity), seen[identity]))
            seen.setdefault(identity, place)

    @classmethod
    def list_paths(cls, workspace, target, items, exact):
        return {'deploy_keys': keys_path(workspace, target.get('repository'), target.get('project'))}

    @classmethod
    def found(cls, workspace, target, list_name, obj):
        return dict(workspace=workspace, repository=target.get('repository'), project=target.get('project'),
                    key=key_identity(obj.get('key')), label=None, state='absent')

    def list_name(self):
        return 'deploy_keys'

    # --- one key -----------------------------------------------------------------------------------
    def repository(self):
        return self.params.get('repository')

    def project(self):
        return self.params.get('project') if self.repository() is None else None

    def path(self, *rest):
        return keys_path(self.params['workspace'], self.repository(), self.project(), *rest)

    def identity(self):
        return key_identity(self.params.get('key'))

    def parsed(self):
        return parse_public_key(self.params['key'])

    def owner(self):
        if self.repository() is not None:
            return 'repository %s' % self.repository()
        return 'project %s' % self.project()

    def label(self):
        return 'deploy key %s of %s' % (fingerprint(self.params.get('key')), self.owner())

    def ident(self):
        out = dict(workspace=self.params['workspace'], key=self.identity())
        if self.repository() is not None:
            out['repository'] = self.repository()
        else:
            out['project'] = self.project()
        return out

    def detail(self, current):
        return '(label %r)' % (current.get('label') or '')

    def desired(self):
        out = {}
        if self.params.get('label') is not None:
            out['label'] = self.params['label']
        return out

    def desired_to_create(self):
        return dict(self.desired(), comment=self.parsed()[2])

    def changes(self, obj):
        label = self.params.get('label')
        if label is None or (obj.get('label') or '') == label:
            return {}
        return dict(label=(obj.get('label') or '', label), id=(obj.get('id'), READDED))

    def plan(self, current, state='present'):
        action = super(DeployKeyResource, self).plan(current, state)
        if action is not None and action.name == 'update':
            self.warnings.append(RELABEL_WARNING % (self.label(), self.params['label']))
        return action

    def view(self, obj, names=None):
        out = dict(label=obj.get('label') or '', id=obj.get('id'), comment=obj.get('comment') or '')
        return dict((name, value) for name, value in out.items() if names is None or name in names)

    def predict(self, obj, action):
        if action.name == 'update':
            out = dict(obj, label=self.params['label'], id=None, added_on=None, last_used=None)
            out['comment'] = self.parsed()[2] or obj.get('comment') or ''
            return out
        key_type, data, comment = self.parsed()
        return dict(id=None, key='%s %s' % (key_type, data), label=self.params.get('label') or '', comment=comment,
                    added_on=None, last_used=None)

    # --- the API side ------------------------------------------------------------------------------
    def select(self, candidates):
        identity = self.identity()
        return next((k for k in candidates if key_identity(k.get('key')) == identity), None)

    def list(self):
        try:
            return list(self.client.paginate(self.path()))
        except BitbucketError as exc:
            if exc.status != 404:
                raise
        if self.project() is not None:
            # Project keys match ignoring case: try the key as Bitbucket stores it.
            stored = stored_project_key(self.client, self.params['workspace'], self.project())
            if stored is not None and stored != self.project():
                self.params = dict(self.params, project=stored)
                return list(self.client.paginate(self.path()))
        # A repository or project that does not exist (yet, in check mode) has no keys; a real add still
        # fails with Bitbucket's 404.
        return []

    def find(self):
        return self.select(self.list())

    def create(self):
        body = dict(key=self.params['key'].strip())
        if self.params.get('label') is not None:
            body['label'] = self.params['label']
        # A POST whose reply was lost is followed by a read of the list, never a second key.
        return self.client.create(self.path(), body, lambda: self.select(self.list()))

    def update(self, obj, changes):
        """A new label: delete the key, then add it again (adding first is refused: the same key is already there)."""
        self.delete(obj)
        try:
            return self.create()
        except BitbucketError as exc:
            raise BitbucketError(
                '%s was deleted to change its label, but adding it again failed, so the key is NOT on the %s now: '
                'run the task again to add it. The error: %s' % (self.label(), self.owner().split()[0], exc),
                status=exc.status)

    def still_planned(self, obj):
        now = self.client.get_or_none(self.path(str(obj.get('id'))))
        if now is None:
            return False
        if key_identity(now.get('key')) != key_identity(obj.get('key')):
            raise BitbucketError('%s changed since it was planned; it is not removed, run again to plan anew'
                                 % self.label())
        return True

    def delete(self, obj):
        self.client.delete(self.path(str(obj.get('id'))))

    def result(self, obj):
        return deploy_key_view(obj, self.params['workspace'], self.repository(), self.project())
