# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""WebhookResource pieces that need no API: the event list, validation and select()."""

import ast
import gzip
import json
from pathlib import Path

import pytest

from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.webhook import WEBHOOK_EVENTS, WebhookResource

ROOT = Path(__file__).resolve().parents[5]
A = '{11111111-1111-4111-8111-111111111111}'
B = '{22222222-2222-4222-8222-222222222222}'


def _spec():
    spec_dir = ROOT / 'tests' / 'emulator' / 'spec'
    if (spec_dir / 'openapi.json').is_file():
        return json.loads((spec_dir / 'openapi.json').read_text(encoding='utf-8'))
    with gzip.open(str(spec_dir / 'openapi.json.gz'), 'rb') as handle:
        return json.loads(handle.read().decode('utf-8'))


def _params(**kwargs):
    params = dict(workspace='acme', repository='legacy-app', url=None, uuid=None, description=None, events=None,
                  active=None, skip_cert_verification=None, secret=None, secret_update='on_create', state='present')
    params.update(kwargs)
    return params


def test_event_keys_are_the_spec_enum():
    definition = _spec()['definitions']['webhook_subscription']
    properties = next(part['properties'] for part in definition['allOf'] if 'properties' in part)
    assert list(WEBHOOK_EVENTS) == properties['events']['items']['enum']


def test_module_docs_list_the_event_keys():
    source = (ROOT / 'plugins' / 'modules' / 'bitbucket_webhook.py').read_text(encoding='utf-8')
    docs = next(node.value.value for node in ast.parse(source).body
                if isinstance(node, ast.Assign) and node.targets[0].id == 'DOCUMENTATION')
    import yaml
    assert yaml.safe_load(docs)['options']['events']['choices'] == list(WEBHOOK_EVENTS)


@pytest.mark.parametrize('changes, option', [
    (dict(events=['repo:push', 'repo:pushed']), 'events'),
    (dict(events=[]), 'events'),
    (dict(url=None), 'url'),
    (dict(url='ftp://example.com/'), 'url'),
    (dict(uuid='not-a-uuid'), 'uuid'),
    (dict(repository='a/b'), 'repository'),
    (dict(workspace='bad workspace'), 'workspace'),
    (dict(secret='x' * 129), 'secret'),
])
def test_validate_names_the_option(changes, option):
    params = _params(url='https://ci.example.com/hook', events=['repo:push'])
    params.update(changes)
    with pytest.raises(InputError) as info:
        WebhookResource.validate(params)
    assert info.value.option == option
    assert str(info.value).startswith(option + ':')
    if option == 'secret':
        assert 'x' * 10 not in str(info.value)


def test_validate_accepts_uuid_without_url():
    WebhookResource.validate(_params(uuid=A.strip('{}')))


def test_select_by_url_and_by_uuid():
    hooks = [dict(uuid=A, url='https://one.example.com/'), dict(uuid=B, url='https://two.example.com/')]
    assert WebhookResource(None, _params(url='https://two.example.com/')).select(hooks)['uuid'] == B
    assert WebhookResource(None, _params(url='https://none.example.com/')).select(hooks) is None
    # uuid wins over url, and is matched without braces and in any case.
    resource = WebhookResource(None, _params(url='https://two.example.com/', uuid=A.strip('{}').upper()))
    assert resource.select(hooks)['uuid'] == A


def test_select_fails_on_ambiguous_url_listing_uuids():
    hooks = [dict(uuid=B, url='https://ci.example.com/'), dict(uuid=A, url='https://ci.example.com/')]
    with pytest.raises(InputError) as info:
        WebhookResource(None, _params(url='https://ci.example.com/')).select(hooks)
    assert str(info.value).startswith('url:')
    assert A in str(info.value) and B in str(info.value)


@pytest.mark.parametrize('secret, secret_update, secret_set, expected', [
    # on_create: sent only when the hook has none.
    ('s3cr3t', 'on_create', False, {'secret_set': (False, True)}),
    ('s3cr3t', 'on_create', True, {}),
    (None, 'on_create', True, {}),
    (None, 'always', True, {}),
    ('', 'on_create', True, {}),
    # always: sent every time; "" removes an existing secret.
    ('s3cr3t', 'always', False, {'secret_set': (False, True)}),
    ('s3cr3t', 'always', True, {'secret': ('(set, not readable)', '(sent again: secret_update=always)')}),
    ('', 'always', True, {'secret_set': (True, False)}),
    ('', 'always', False, {}),
])
def test_secret_changes(secret, secret_update, secret_set, expected):
    hook = dict(uuid=A, url='https://ci.example.com/', events=['repo:push'], active=True, secret_set=secret_set)
    resource = WebhookResource(None, _params(url='https://ci.example.com/', secret=secret, secret_update=secret_update))
    assert resource.changes(hook) == expected
    planned = resource.plan(hook)
    assert 's3cr3t' not in repr(planned.public() if planned else None)


def test_plan_compares_events_as_a_set():
    hook = dict(uuid=A, url='https://ci.example.com/', events=['repo:push', 'pullrequest:created'], active=False)
    same = WebhookResource(None, _params(url='https://ci.example.com/', events=['pullrequest:created', 'repo:push']))
    assert same.plan(hook) is None
    other = WebhookResource(None, _params(url='https://ci.example.com/', events=['repo:push', 'repo:push', 'repo:fork']))
    action = other.plan(hook).public()
    assert action['action'] == 'update'
    assert action['changes'] == {'events': {'before': ['pullrequest:created', 'repo:push'],
                                            'after': ['repo:fork', 'repo:push']}}
    created = WebhookResource(None, _params(url='https://new.example.com/', events=['repo:push'], secret='s3cr3t'))
    action = created.plan(None).public()
    assert action['action'] == 'create' and action['changes']['secret_set'] == {'before': None, 'after': True}
    assert 's3cr3t' not in repr(action)


def test_skip_cert_verification_missing_from_a_hook_means_false():
    hook = dict(uuid=A, url='https://ci.example.com/', events=['repo:push'], active=True)
    assert WebhookResource(None, _params(url='https://ci.example.com/', skip_cert_verification=False)).changes(hook) == {}
    assert WebhookResource(None, _params(url='https://ci.example.com/', skip_cert_verification=True)).changes(hook) == {
        'skip_cert_verification': (None, True)}
