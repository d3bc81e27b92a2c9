# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Repository and workspace webhooks, for the engine (internal to the bitbucket.cloud collection).

The secret is write-only in Bitbucket: only `secret_set` can be read back, so a secret is sent
on create, when the hook has none, or on every run with secret_update=always; it never leaves
this file in a result, a diff or a message.
"""

import copy

from ansible_collections.bitbucket.cloud.plugins.module_utils.client import api_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import BitbucketError, InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.patterns import (
    normalize_uuid, redact_url, validate_http_url, validate_repository_ref, validate_workspace)
from ansible_collections.bitbucket.cloud.plugins.module_utils.resource import Field, Resource

# The enum of webhook_subscription.events in Atlassian's spec (x-revision d1081e474f57), in its order.
WEBHOOK_EVENTS = (
    'issue:comment_created',
    'issue:created',
    'issue:updated',
    'pipeline:span_created',
    'project:updated',
    'pullrequest:approved',
    'pullrequest:changes_request_created',
    'pullrequest:changes_request_removed',
    'pullrequest:comment_created',
    'pullrequest:comment_deleted',
    'pullrequest:comment_reopened',
    'pullrequest:comment_resolved',
    'pullrequest:comment_updated',
    'pullrequest:created',
    'pullrequest:fulfilled',
    'pullrequest:push',
    'pullrequest:rejected',
    'pullrequest:unapproved',
    'pullrequest:updated',
    'repo:commit_comment_created',
    'repo:commit_status_created',
    'repo:commit_status_updated',
    'repo:created',
    'repo:deleted',
    'repo:fork',
    'repo:imported',
    'repo:push',
    'repo:transfer',
    'repo:updated',
)

SECRET_MAX_LENGTH = 128  # webhook_subscription.secret maxLength in the spec
SECRET_UPDATE_CHOICES = ('on_create', 'always')

# What the diff and the plan show for a secret that is sent again: markers, never the value.
SECRET_KEPT = '(set, not readable)'
SECRET_RESENT = '(sent again: secret_update=always)'


def same_uuid(a, b):
    return bool(a) and bool(b) and normalize_uuid(a) == normalize_uuid(b)


def hooks_path(workspace, repository=None, *rest):
    """The hook list of a repository, or of the workspace when repository is None."""
    if repository:
        return api_path('repositories', workspace, repository, 'hooks', *rest)
    return api_path('workspaces', workspace, 'hooks', *rest)


def webhook_view(obj, workspace, repository=None):
    """A hook as the modules return it: the API object as Bitbucket gives it (subject, links, ...), its URL
    without credentials, never a secret (`secret_set` instead), plus the convenience keys workspace and repository."""
    out = copy.deepcopy(obj)
    out.pop('secret', None)
    out.setdefault('uuid', None)
    out.setdefault('description', None)
    out.setdefault('active', None)
    out.setdefault('created_at', None)
    # Credentials in the URL (user:password@, ?token=...) are never shown.
    out['url'] = redact_url(obj.get('url'))
    out['events'] = sorted(obj.get('events') or [])
    out['secret_set'] = bool(obj.get('secret_set'))
    out['skip_cert_verification'] = bool(obj.get('skip_cert_verification'))
    out['subject_type'] = obj.get('subject_type') or ('repository' if repository else 'workspace')
    out['workspace'] = workspace
    out['repository'] = repository
    return out


def validate_hook_owner(workspace, repository=None):
    """The workspace, and the repository when given, whose hooks are meant."""
    validate_workspace(workspace)
    if repository is not None:
        validate_repository_ref(repository)


def validate_events(events, option='events'):
    if events is None:
        return
    if not isinstance(events, (list, tuple)) or not events:
        raise InputError(option, 'must list at least one event key')
    unknown = sorted(set(e for e in events if e not in WEBHOOK_EVENTS), key=str)
    if unknown:
        raise InputError(option, 'unknown event key(s): %s; Bitbucket knows: %s' % (
            ', '.join(str(e) for e in unknown), ', '.join(WEBHOOK_EVENTS)))


class WebhookResource(Resource):
    """A webhook of a repository (when `repository` is given) or of the workspace.

    Found by `uuid` when given, else by `url`; the secret is handled apart from the fields.
    """

    key = 'webhook'
    identity = ('workspace', 'repository', 'url', 'uuid')
    fields = {
        'url': Field('url'),
        'description': Field('description'),
        'events': Field('events', compare='set'),
        'active': Field('active'),
        'skip_cert_verification': Field('skip_cert_verification'),
        # Read-only in Bitbucket; desired() derives it from `secret` and `secret_update`.
        'secret_set': Field('secret_set'),
    }
    required_to_create = ('url', 'events')

    @classmethod
    def validate(cls, params):
        validate_hook_owner(params['workspace'], params.get('repository'))
        if params.get('uuid') is not None and not normalize_uuid(params['uuid']):
            raise InputError('uuid', 'must be a webhook UUID such as {01234567-89ab-cdef-0123-456789abcdef}, got %r'
                             % (params['uuid'],))
        url = params.get('url')
        if url is not None:
            validate_http_url(url)
        if url is None and params.get('uuid') is None:
            raise InputError('url', 'is required to find the webhook, unless uuid is given')
        validate_events(params.get('events'))
        secret = params.get('secret')
        if secret is not None and len(secret) > SECRET_MAX_LENGTH:
            # Never echo the secret.
            raise InputError('secret', 'must be at most %d characters long, got %d' % (SECRET_MAX_LENGTH, len(secret)))
        secret_update = params.get('secret_update') or 'on_create'
        if secret_update not in SECRET_UPDATE_CHOICES:
            raise InputError('secret_update', 'must be one of %s, got %r' % (', '.join(SECRET_UPDATE_CHOICES), secret_update))

    def uuid(self):
        return normalize_uuid(self.params.get('uuid'))

    def repository(self):
        return self.params.get('repository') or None

    def path(self, *rest):
        return hooks_path(self.params['workspace'], self.repository(), *rest)

    def ident(self):
        out = dict(workspace=self.params['workspace'], repository=self.repository())
        if self.params.get('url') is not None:
            out['url'] = redact_url(self.params['url'])
        if self.uuid():
            out['uuid'] = self.uuid()
        return out

    def shown(self, values):
        if values.get('url') is not None:
            values = dict(values, url=redact_url(values['url']))
        return values

    def view(self, obj, names=None):
        return self.shown(super(WebhookResource, self).view(obj, names))

    def secret_update(self):
        return self.params.get('secret_update') or 'on_create'

    def desired(self):
        out = dict((name, self.params[name]) for name in self.fields
                   if name != 'secret_set' and self.params.get(name) is not None)
        if 'events' in out:
            out['events'] = sorted(set(out['events']))
        secret = self.params.get('secret')
        if secret:
            out['secret_set'] = True
        elif secret == '' and self.secret_update() == 'always':
            out['secret_set'] = False
        return out

    def changes(self, obj):
        out = super(WebhookResource, self).changes(obj)
        # Not in Atlassian's spec: a hook that does not report it has the API default, false.
        if out.get('skip_cert_verification') == (None, False):
            del out['skip_cert_verification']
        if 'events' in out:
            before, after = out['events']
            out['events'] = (sorted(before or []), after)
        if 'secret_set' in out:
            out['secret_set'] = (bool(out['secret_set'][0]), out['secret_set'][1])
        elif self.params.get('secret') and self.secret_update() == 'always':
            # The secret cannot be read back, so `always` re-sends it and says so.
            out['secret'] = (SECRET_KEPT, SECRET_RESENT)
        return out

    def predict(self, obj, changes):
        if obj:
            out = copy.deepcopy(obj)
        else:
            out = dict(active=True, skip_cert_verification=False, secret_set=False,
                       subject_type='repository' if self.repository() else 'workspace')
        for name, (dummy, after) in changes.items():
            if name in self.fields:
                self.fields[name].write(out, after)
        return out

    def select(self, candidates):
        """The hook among listed ones: by uuid when given, else by url (several with that url is an error)."""
        uuid = self.uuid()
        if uuid:
            return next((h for h in candidates if same_uuid(h.get('uuid'), uuid)), None)
        url = self.params.get('url')
        matches = [h for h in candidates if h.get('url') == url]
        if len(matches) > 1:
            raise InputError('url', '%d webhooks of %s have the URL %s (uuids: %s); give uuid to pick one' % (
                len(matches), self.where(), redact_url(url), ', '.join(sorted(str(h.get('uuid')) for h in matches))))
        return matches[0] if matches else None

    def where(self):
        if self.repository():
            return 'repository %s/%s' % (self.params['workspace'], self.repository())
        return 'workspace %s' % self.params['workspace']

    def list(self):
        try:
            return list(self.client.paginate(self.path()))
        except BitbucketError as exc:
            # A repository that does not exist yet (check mode before its creation) has no hooks;
            # a real create on it still fails, with Bitbucket's 404.
            if exc.status == 404 and self.repository():
                return []
            raise

    def find(self):
        uuid = self.uuid()
        if not uuid:
            return self.select(self.list())
        found = self.client.get_or_none(self.path(uuid))
        if found is None and (self.params.get('state') or 'present') == 'present':
            raise BitbucketError('uuid: no webhook %s in %s' % (uuid, self.where()), option='uuid')
        return found

    def create(self):
        desired = self.desired()
        body = dict(url=desired['url'], events=desired['events'], active=desired.get('active', True),
                    skip_cert_verification=desired.get('skip_cert_verification', False))
        if 'description' in desired:
            body['description'] = desired['description']
        if self.params.get('secret'):
            body['secret'] = self.params['secret']
        # A POST whose reply was lost is followed by a read of the list, never a second hook.
        return self.client.create(self.path(), body, lambda: self.select(self.list()))

    def update(self, obj, changes):
        # Send every mutable field (current values plus changes), so an update that Bitbucket treats as a
        # full replacement still leaves the options the user omitted untouched; the secret only when changing.
        body = {}
        for name in ('url', 'description', 'events', 'active', 'skip_cert_verification'):
            value = changes[name][1] if name in changes else obj.get(name)
            if value is not None:
                body[name] = value
        if 'secret' in changes or 'secret_set' in changes:
            body['secret'] = self.params.get('secret') or None
        return self.client.put(self.path(obj.get('uuid') or self.uuid()), body)

    def delete(self, obj):
        self.client.delete(self.path(obj.get('uuid') or self.uuid()))

    def result(self, obj):
        return webhook_view(obj, self.params['workspace'], self.repository())
