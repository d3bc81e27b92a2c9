# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A repository's Pipelines settings: enabled, the SSH key pair and the known hosts (internal to the collection).

One object per repository, composed of three API objects: `pipelines_config` ({enabled}), its SSH key pair
(`pipelines_config/ssh/key_pair`; the private key is write-only, GET shows the public key, 404 when there is
none) and its known hosts (`pipelines_config/ssh/known_hosts`, a list identified by hostname). Each part is
read and compared only when the user declares it. The private key never leaves this file except in the
PUT body that sets it: results, diffs, plans and messages show markers instead.
"""

import copy

from ansible_collections.bitbucket.cloud.plugins.module_utils.client import api_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import BitbucketError, InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.patterns import validate_repository_ref
from ansible_collections.bitbucket.cloud.plugins.module_utils.resource import Action, ObjectPath, Option, Resource
from ansible_collections.bitbucket.cloud.plugins.module_utils.ssh_private_key import (
    derived_public_key, validate_private_key)
from ansible_collections.bitbucket.cloud.plugins.module_utils.ssh_public_key import fingerprint, key_identity, parse_public_key

KEY_PAIR_UPDATE_CHOICES = ('on_create', 'always')
HOSTNAME_MAX_LENGTH = 255
# What diffs and plans show for the private key: markers, never the value.
PRIVATE_KEY_KEPT = '(set, not readable)'
PRIVATE_KEY_SENT = '(sent, not shown)'
PRIVATE_KEY_RESENT = '(sent again: ssh_key_pair_update=always)'
# A repository's settings before anything is set (a repository that is still to be created).
DEFAULTS = dict(enabled=False, ssh_key_pair=None, known_hosts=[])


def config_path(workspace, repository, *rest):
    """/repositories/{ws}/{slug}/pipelines_config[/...] (underscore: the repository scope)."""
    return api_path('repositories', workspace, repository, 'pipelines_config', *rest)


def host_view(host):
    """A listed known host as options: {hostname, public_key: '<type> <base64>'} (+ uuid, kept apart)."""
    key = host.get('public_key') or {}
    public_key = '%s %s' % (key.get('key_type'), key.get('key')) if key.get('key') else None
    return dict(hostname=host.get('hostname'), public_key=public_key)


def host_body(hostname, public_key):
    """A pipeline_known_host body: the objects' `type` as the spec's base object requires, the key split."""
    key_type, data, dummy = parse_public_key(public_key, 'public_key')
    return dict(type='pipeline_known_host', hostname=hostname,
                public_key=dict(type='pipeline_ssh_public_key', key_type=key_type, key=data))


def pipelines_spec(config, key_pair, hosts):
    """A repository's settings as the workspace spec declares them (the export): enabled, the known hosts when there
    are some, the key pair's public key when there is one (its private key is write-only: never read)."""
    out = dict(enabled=bool(config.get('enabled')))
    if key_pair and key_pair.get('public_key'):
        out['ssh_key_pair'] = dict(public_key=key_pair['public_key'])
    views = sorted((host_view(h) for h in hosts or []), key=lambda h: h['hostname'] or '')
    if views:
        out['known_hosts'] = views
    return out


def validate_hostname(value, option):
    if not isinstance(value, str) or not value.strip():
        raise InputError(option, 'must be a host name, such as bitbucket.org or [deploy.example.com]:2222')
    if len(value) > HOSTNAME_MAX_LENGTH:
        raise InputError(option, 'must be at most %d characters long, got %d' % (HOSTNAME_MAX_LENGTH, len(value)))
    if any(c.isspace() or ord(c) < 32 or c in ',\x7f' for c in value):
        raise InputError(option, 'must be one host name, without spaces, commas or control characters, got %r' % value)


def validate_key_pair_update(value, option='ssh_key_pair_update'):
    if value not in KEY_PAIR_UPDATE_CHOICES:
        raise InputError(option, 'must be one of %s, got %r' % (', '.join(KEY_PAIR_UPDATE_CHOICES), value))


def key_pair_errors(pair, option='ssh_key_pair'):
    """InputErrors of a declared key pair ({} removes it); never shows the private key."""
    if not isinstance(pair, dict):
        yield InputError(option, 'must be a mapping with private_key and public_key ({} removes the key pair)')
        return
    unknown = sorted(set(pair) - set(('private_key', 'public_key')))
    if unknown:
        yield InputError(option, 'unknown key(s) %s; expected private_key and public_key' % ', '.join(map(str, unknown)))
        return
    private, public = pair.get('private_key'), pair.get('public_key')
    if private is None and public is None:
        return
    parsed = None
    if public is None:
        yield InputError('%s.public_key' % option, 'is required with private_key (the public key of the pair)')
    else:
        try:
            parsed = parse_public_key(public, '%s.public_key' % option)
        except InputError as exc:
            yield exc
    if private is None:
        return
    try:
        validate_private_key(private, '%s.private_key' % option)
        derived = derived_public_key(private, '%s.private_key' % option)
    except InputError as exc:
        yield exc
        return
    if parsed is not None and derived is not None and key_identity(derived) != '%s %s' % parsed[:2]:
        yield InputError('%s.private_key' % option, 'does not belong to %s.public_key: its public key is %s, the '
                         'declared one %s (the private key is not shown)' % (option, fingerprint(derived),
                                                                             fingerprint(public)))


def known_host_errors(hosts, option='known_hosts'):
    """InputErrors of the declared known hosts, every one of them."""
    if not isinstance(hosts, list):
        yield InputError(option, 'must be a list of {hostname, public_key}')
        return
    seen = {}
    for index, host in enumerate(hosts):
        place = '%s[%d]' % (option, index)
        if not isinstance(host, dict):
            yield InputError(place, 'must be a mapping with hostname and public_key')
            continue
        unknown = sorted(set(host) - set(('hostname', 'public_key')))
        if unknown:
            yield InputError(place, 'unknown key(s) %s; expected hostname and public_key' % ', '.join(map(str, unknown)))
            continue
        try:
            validate_hostname(host.get('hostname'), '%s.hostname' % place)
            hostname = host['hostname']
            if hostname in seen:
                raise InputError('%s.hostname' % place, '%s is already declared in %s[%d]' % (hostname, option, seen[hostname]))
            seen[hostname] = index
        except InputError as exc:
            yield exc
        if host.get('public_key') is None:
            yield InputError('%s.public_key' % place, 'is required: the host key as "<type> <base64>" (a line of '
                             'ssh-keyscan without the host name)')
            continue
        try:
            parse_public_key(host['public_key'], '%s.public_key' % place)
        except InputError as exc:
            yield exc


class NestedOption(Option):
    """An option whose value is a mapping (or a list of mappings) with suboptions of its own."""

    def __init__(self, doc, suboptions, **kwargs):
        super(NestedOption, self).__init__(doc, **kwargs)
        self.suboptions = suboptions

    def argument(self, in_spec=False):
        out = super(NestedOption, self).argument(in_spec)
        out['options'] = dict((name, option.argument(in_spec)) for name, option in self.suboptions.items())
        return out


class PipelinesResource(Resource):
    """The Pipelines settings of one repository (a single object per repository, never removed)."""

    kind = 'pipelines'
    plural = 'pipelines'
    single = True
    list_doc = ('The Pipelines settings of the {parent}, as in bitbucket_pipelines: enabled, ssh_key_pair, '
                'known_hosts. Each setting left out is left alone.')
    module_only = dict(
        repository=Option('The repository slug or {UUID}.', required=True, check=validate_repository_ref),
    )
    options = dict(
        enabled=Option('Whether Pipelines runs for the repository.', type='bool', api='enabled'),
        ssh_key_pair=NestedOption(
            'The SSH key pair builds use: private_key (write-only) and public_key; {} removes the key pair.',
            dict(private_key=Option('The private key, PEM or OpenSSH, without a passphrase; write-only, never shown.',
                                    no_log=True),
                 public_key=Option('The public key, "<type> <base64> [comment]"; it identifies the pair.',
                                   no_log=False)),
            type='dict', api='ssh_key_pair', no_log=False),
        ssh_key_pair_update=Option('When the key pair is sent: on_create (when the public key differs), or always.',
                                   choices=KEY_PAIR_UPDATE_CHOICES, default='on_create', no_log=False,
                                   check=validate_key_pair_update),
        known_hosts=NestedOption(
            'The known hosts, exact: hosts not listed are removed; each identified by hostname.',
            dict(hostname=Option('The host name, such as bitbucket.org.', required=True),
                 public_key=Option('The host key, "<type> <base64>".', required=True, no_log=False)),
            type='list', elements='dict', api='known_hosts'),
    )

    @classmethod
    def argument_spec(cls):
        spec = super(PipelinesResource, cls).argument_spec()
        # A repository always has Pipelines settings: nothing to create or delete, so no state.
        del spec['state']
        return spec

    @classmethod
    def object_errors(cls, params):
        if params.get('ssh_key_pair') is not None:
            yield from key_pair_errors(params['ssh_key_pair'])
        if params.get('known_hosts') is not None:
            yield from known_host_errors(params['known_hosts'])

    # --- in the workspace spec: one object of a repository ------------------------------------------
    @classmethod
    def spec_entry(cls):
        return dict(type='dict', options=cls.spec_options())

    @classmethod
    def declare(cls, value, workspace, target, place):
        params = dict((name, value.get(name)) for name in cls.options)
        params.update(workspace=workspace, repository=target.get('repository'), state='present')
        params['ssh_key_pair_update'] = params['ssh_key_pair_update'] or 'on_create'
        return [(place, params)]

    @classmethod
    def duplicates(cls, items):
        return ()

    @classmethod
    def list_paths(cls, workspace, target, items, exact):
        """The config, and the key pair and the known hosts only when declared."""
        repository = target.get('repository')
        params = items[0][1] if items else {}
        out = dict(config=ObjectPath(config_path(workspace, repository)))
        if params.get('ssh_key_pair') is not None:
            out['key_pair'] = ObjectPath(config_path(workspace, repository, 'ssh', 'key_pair'))
        if params.get('known_hosts') is not None:
            out['known_hosts'] = config_path(workspace, repository, 'ssh', 'known_hosts')
        return out

    @classmethod
    def found(cls, workspace, target, list_name, obj):
        return dict(workspace=workspace, repository=target.get('repository'))

    def list_name(self):
        return 'config'

    def select(self, candidates):
        return candidates[0] if candidates else None

    def current_from(self, lists):
        """The composed object from the engine's reads ({name: [objects]}), or None when there is no config."""
        config = self.select(lists.get('config') or [])
        if config is None:
            return None
        return self.compose(config, (lists.get('key_pair') or [None])[0], lists.get('known_hosts'))

    def compose(self, config, key_pair, hosts):
        """{enabled, ssh_key_pair?, known_hosts?}: a part is there only when it is declared (and was read)."""
        out = dict(enabled=bool(config.get('enabled')))
        if self.params.get('ssh_key_pair') is not None:
            out['ssh_key_pair'] = dict(public_key=key_pair.get('public_key')) if key_pair else None
        if self.params.get('known_hosts') is not None:
            out['known_hosts'] = sorted(((host_view(h), h.get('uuid')) for h in hosts or []),
                                        key=lambda pair: pair[0]['hostname'] or '')
            out['known_hosts'] = [dict(view, uuid=uuid) for view, uuid in out['known_hosts']]
        return out

    # --- one repository's settings ------------------------------------------------------------------
    def repository(self):
        return self.params['repository']

    def path(self, *rest):
        return config_path(self.params['workspace'], self.repository(), *rest)

    def label(self):
        return 'pipelines settings of repository %s' % self.repository()

    def ident(self):
        return dict(workspace=self.params['workspace'], repository=self.repository())

    def key_pair_update(self):
        return self.params.get('ssh_key_pair_update') or 'on_create'

    def desired(self):
        """The declared settings as output may show them: the private key is never among them."""
        out = {}
        if self.params.get('enabled') is not None:
            out['enabled'] = self.params['enabled']
        pair = self.params.get('ssh_key_pair')
        if pair is not None:
            out['ssh_key_pair'] = dict(public_key=pair['public_key']) if pair.get('public_key') else None
        if self.params.get('known_hosts') is not None:
            out['known_hosts'] = sorted((dict(hostname=h['hostname'], public_key=key_identity(h['public_key']))
                                         for h in self.params['known_hosts']), key=lambda h: h['hostname'])
        return out

    def view(self, obj, names=None):
        out = {}
        for name in ('enabled', 'ssh_key_pair', 'known_hosts'):
            if name in obj and (names is None or name in names):
                value = copy.deepcopy(obj[name])
                if name == 'known_hosts':
                    value = [dict(hostname=h['hostname'], public_key=h['public_key']) for h in value]
                out[name] = value
        return out

    def changes(self, obj):
        out = {}
        desired = self.desired()
        if 'enabled' in desired and bool(obj.get('enabled')) != desired['enabled']:
            out['enabled'] = (bool(obj.get('enabled')), desired['enabled'])
        if 'ssh_key_pair' in desired:
            change = self.key_pair_change(obj.get('ssh_key_pair'), desired['ssh_key_pair'])
            if change is not None:
                out['ssh_key_pair'] = change
        if 'known_hosts' in desired:
            before = [dict(hostname=h['hostname'], public_key=key_identity(h['public_key']))
                      for h in obj.get('known_hosts') or []]
            if before != desired['known_hosts']:
                out['known_hosts'] = (before, desired['known_hosts'])
        return out

    def key_pair_change(self, current, wanted):
        """(before, after) of the key pair with markers for the private key, or None when it stays."""
        before = dict(public_key=current['public_key'], private_key=PRIVATE_KEY_KEPT) if current else None
        if wanted is None:
            return (before, None) if current else None
        same = current is not None and key_identity(current['public_key']) == key_identity(wanted['public_key'])
        if same and self.key_pair_update() != 'always':
            return None
        if not self.params['ssh_key_pair'].get('private_key'):
            raise InputError('ssh_key_pair.private_key', 'is required to %s the key pair of repository %s, whose public '
                             'key %s' % ('send again' if same else 'set', self.repository(),
                                         'is the declared one (ssh_key_pair_update=always)' if same else
                                         ('is another one (%s)' % fingerprint(current['public_key']) if current
                                          else 'does not exist yet')))
        return (before, dict(public_key=wanted['public_key'], private_key=PRIVATE_KEY_RESENT if same else PRIVATE_KEY_SENT))

    def plan(self, current, state='present'):
        # A repository that does not exist yet (the workspace engine creates it first) has the defaults.
        changes = self.changes(current if current is not None else self.defaults())
        if not changes:
            return None
        return Action(self, 'update' if current is not None else 'create', current, changes)

    def defaults(self):
        out = copy.deepcopy(DEFAULTS)
        return dict((name, value) for name, value in out.items() if name == 'enabled' or self.params.get(name) is not None)

    def predict(self, obj, action):
        out = copy.deepcopy(obj) if obj else self.defaults()
        for name, (dummy, after) in action.changes.items():
            if name == 'ssh_key_pair':
                after = dict(public_key=after['public_key']) if after else None
            out[name] = copy.deepcopy(after)
        return out

    # --- the API side -------------------------------------------------------------------------------
    def find(self):
        config = self.client.get_or_none(self.path())
        if config is None:
            raise BitbucketError('repository: %s/%s does not exist or these credentials cannot see it' % (
                self.params['workspace'], self.repository()), method='GET', path=self.path(), status=404,
                option='repository')
        key_pair = hosts = None
        if self.params.get('ssh_key_pair') is not None:
            key_pair = self.client.get_or_none(self.path('ssh', 'key_pair'))
        if self.params.get('known_hosts') is not None:
            hosts = list(self.client.paginate(self.path('ssh', 'known_hosts')))
        return self.compose(config, key_pair, hosts)

    def create(self):
        return self.update(self.defaults(), self.changes(self.defaults()))

    def update(self, obj, changes):
        out = copy.deepcopy(obj)
        if 'enabled' in changes:
            reply = self.client.put(self.path(), dict(enabled=changes['enabled'][1]))
            out['enabled'] = bool(reply.get('enabled')) if isinstance(reply, dict) else changes['enabled'][1]
        if 'ssh_key_pair' in changes:
            after = changes['ssh_key_pair'][1]
            if after is None:
                self.client.delete(self.path('ssh', 'key_pair'))
                out['ssh_key_pair'] = None
            else:
                pair = self.params['ssh_key_pair']
                reply = self.client.put(self.path('ssh', 'key_pair'), dict(
                    type='pipeline_ssh_key_pair', private_key=pair['private_key'], public_key=pair['public_key']))
                public = reply.get('public_key') if isinstance(reply, dict) else None
                out['ssh_key_pair'] = dict(public_key=public or pair['public_key'])
        if 'known_hosts' in changes:
            out['known_hosts'] = self.update_hosts(obj.get('known_hosts') or [])
        return out

    def update_hosts(self, current):
        """Add, change and remove known hosts so that they are exactly the declared ones; returns them."""
        listed = dict((h['hostname'], h) for h in current)
        out = []
        for host in self.params['known_hosts']:
            hostname, key = host['hostname'], key_identity(host['public_key'])
            have = listed.pop(hostname, None)
            if have is None:
                reply = self.client.create(self.path('ssh', 'known_hosts'), host_body(hostname, host['public_key']),
                                           lambda name=hostname: self.find_host(name))
            elif key_identity(have['public_key']) != key:
                reply = self.client.put(self.path('ssh', 'known_hosts', have['uuid']),
                                        host_body(hostname, host['public_key']))
            else:
                reply = dict(uuid=have['uuid'])
            out.append(dict(hostname=hostname, public_key=key, uuid=(reply or {}).get('uuid')))
        for host in listed.values():
            self.client.delete(self.path('ssh', 'known_hosts', host['uuid']))
        return sorted(out, key=lambda h: h['hostname'])

    def find_host(self, hostname):
        """The listed known host with this name (after a create whose reply was lost), or None."""
        return next((h for h in self.client.paginate(self.path('ssh', 'known_hosts')) if h.get('hostname') == hostname),
                    None)

    def result(self, obj):
        """{enabled, ssh_key_pair: {public_key} | None, known_hosts: [{hostname, public_key}]}: never the private key."""
        out = self.view(obj)
        out.update(workspace=self.params['workspace'], repository=self.repository())
        return out
