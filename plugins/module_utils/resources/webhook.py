# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Repository and workspace webhooks (internal to the bitbucket.cloud collection).

The secret is write-only in Bitbucket: only `secret_set` can be read back, so a secret is sent
on create, when the hook has none, or on every run with secret_update=always; it never leaves
this file in a result, a diff or a message.
"""

import copy

from ansible_collections.bitbucket.cloud.plugins.module_utils.client import api_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import BitbucketError, InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.patterns import (
    normalize_uuid, redact_url, same_uuid, validate_http_url, validate_repository_ref, validate_uuid, validate_workspace)
from ansible_collections.bitbucket.cloud.plugins.module_utils.resource import Option, Resource

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
    if not isinstance(events, (list, tuple)) or not events:
        raise InputError(option, 'must list at least one event key')
    unknown = sorted(set(e for e in events if e not in WEBHOOK_EVENTS), key=str)
    if unknown:
        raise InputError(option, 'unknown event key(s): %s; Bitbucket knows: %s' % (
            ', '.join(str(e) for e in unknown), ', '.join(WEBHOOK_EVENTS)))


def validate_secret(secret, option='secret'):
    if len(secret) > SECRET_MAX_LENGTH:
        # Never echo the secret.
        raise InputError(option, 'must be at most %d characters long, got %d' % (SECRET_MAX_LENGTH, len(secret)))


def validate_secret_update(value, option='secret_update'):
    if value not in SECRET_UPDATE_CHOICES:
        raise InputError(option, 'must be one of %s, got %r' % (', '.join(SECRET_UPDATE_CHOICES), value))


class WebhookResource(Resource):
    """A webhook of a repository (when `repository` is given) or of the workspace.

    Found by `uuid` when given, else by `url`; the secret is handled apart from the API fields.
    """

    kind = 'webhook'
    plural = 'webhooks'
    list_doc = ('Webhooks of the {parent}, each identified by its url (or uuid). With prune, the list is exact: '
                'webhooks it does not declare are removed; left out, the webhooks are left alone.')
    module_only = dict(
        repository=Option('The repository whose webhook this is; none for a workspace webhook.', check=validate_repository_ref),
    )
    options = dict(
        url=Option('The URL events are delivered to; it identifies the webhook unless uuid is given.', api='url',
                   identity=True, to_create=True, check=validate_http_url),
        uuid=Option('The UUID of an existing webhook, to pick one of several with the same URL.', identity=True,
                    check=validate_uuid),
        description=Option('The webhook description.', api='description'),
        events=Option('The event keys, compared as a set (required to create the webhook).', type='list',
                      elements='str', api='events', compare='set', to_create=True, choices=WEBHOOK_EVENTS,
                      choices_in_spec=False, check=validate_events),
        active=Option('Whether events are delivered; a new webhook is active unless false.', type='bool', api='active'),
        skip_cert_verification=Option('Whether Bitbucket skips the TLS certificate check when delivering.',
                                      type='bool', api='skip_cert_verification'),
        secret=Option('The secret that signs deliveries; write-only, never shown.', no_log=True, check=validate_secret),
        secret_update=Option('When the secret is sent: on_create, or always.', choices=SECRET_UPDATE_CHOICES,
                             default='on_create', no_log=False, check=validate_secret_update),
        # Read-only in Bitbucket; desired() derives it from `secret` and `secret_update`.
        secret_set=Option('Whether the webhook has a secret.', type='bool', api='secret_set', module=False, spec=False),
    )

    @classmethod
    def object_errors(cls, params):
        if params.get('url') is None and params.get('uuid') is None:
            yield InputError('url', 'is required to find the webhook, unless uuid is given')

    # --- in the workspace spec: a list of a repository, or the workspace's own list ----------------
    @classmethod
    def spec_entry(cls):
        return dict(type='list', elements='dict', options=cls.spec_options())

    @classmethod
    def declare(cls, value, workspace, target, place):
        """[(place, module params)] of the declared hooks."""
        out = []
        for index, item in enumerate(value):
            params = dict((name, item.get(name)) for name in cls.options if cls.options[name].spec)
            params.update(workspace=workspace, repository=target.get('repository'), state='present')
            params['secret_update'] = params['secret_update'] or 'on_create'
            out.append(('%s[%d]' % (place, index), params))
        return out

    @classmethod
    def duplicates(cls, items):
        """InputErrors for two declared hooks that would be the same one."""
        seen = {}
        for place, params in items:
            key = normalize_uuid(params.get('uuid')) or params.get('url')
            if params.get('uuid') is None and key in seen:
                yield InputError('%s.url' % place, 'is declared twice, also in %s: %s' % (seen[key], redact_url(key)))
            seen.setdefault(key, place)

    @classmethod
    def list_paths(cls, workspace, target, items, exact):
        # A list given, even empty, is read: what it does not declare is removed (prune) or reported unmanaged.
        return {'hooks': hooks_path(workspace, target.get('repository'))}

    @classmethod
    def found(cls, workspace, target, list_name, obj):
        """Module params of a listed hook (to remove it, or to report it unmanaged)."""
        return dict(workspace=workspace, repository=target.get('repository'), url=obj.get('url'),
                    uuid=obj.get('uuid'), state='absent')

    def list_name(self):
        return 'hooks'

    # --- one hook ------------------------------------------------------------------------------
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

    def label(self):
        owner = 'repository %s' % self.repository() if self.repository() else 'the workspace'
        return 'webhook %s of %s' % (redact_url(self.params.get('url')) or self.uuid(), owner)

    def secret_update(self):
        return self.params.get('secret_update') or 'on_create'

    def desired(self):
        out = dict((name, self.params[name]) for name in self.api_fields()
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

    def predict(self, obj, action):
        if obj:
            out = copy.deepcopy(obj)
        else:
            out = dict(active=True, skip_cert_verification=False, secret_set=False,
                       subject_type='repository' if self.repository() else 'workspace')
        for name, (dummy, after) in action.changes.items():
            if name in self.api_fields():
                self.options[name].write(out, after)
        return out

    def select(self, candidates):
        """The hook among listed ones: by uuid when given, else by url (several with that url is an error)."""
        uuid = self.uuid()
        if uuid:
            found = next((h for h in candidates if same_uuid(h.get('uuid'), uuid)), None)
            if found is None and (self.params.get('state') or 'present') == 'present':
                raise InputError('uuid', 'no webhook %s in %s' % (uuid, self.where()))
            return found
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

    def still_planned(self, obj):
        now = self.client.get_or_none(self.path(obj.get('uuid')))
        if now is None:
            return False
        if now.get('url') != obj.get('url') or set(now.get('events') or []) != set(obj.get('events') or []):
            raise BitbucketError('%s changed since it was planned (now %s, events %s); it is not removed, run '
                                 'again to plan anew' % (self.label(), redact_url(now.get('url')),
                                                         ', '.join(sorted(now.get('events') or []))))
        return True

    def delete(self, obj):
        self.client.delete(self.path(obj.get('uuid') or self.uuid()))

    def result(self, obj):
        return webhook_view(obj, self.params['workspace'], self.repository())
