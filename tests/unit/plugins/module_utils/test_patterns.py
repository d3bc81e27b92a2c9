# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Webhook URL redaction and the shared input rules (plugins/module_utils/patterns.py), without the API."""

import pytest

from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.patterns import (
    redact_url, url_credentials, validate_http_url, validate_repository_ref, validate_user_id, validate_workspace)

REDACTIONS = [
    ('https://ci.example.com/hook', 'https://ci.example.com/hook', []),
    ('https://ci.example.com/hook?team=ops&page=2', 'https://ci.example.com/hook?team=ops&page=2', []),
    ('https://u:p4ss@ci.example.com/h', 'https://u:********@ci.example.com/h', ['p4ss']),
    ('https://u:p%40ss@ci.example.com:8443/h', 'https://u:********@ci.example.com:8443/h', ['p%40ss', 'p@ss']),
    ('https://user@ci.example.com/h', 'https://user@ci.example.com/h', []),
    ('https://ci.example.com/h?token=abc&x=1', 'https://ci.example.com/h?token=********&x=1', ['abc']),
    ('https://ci.example.com/h?API-Key=k1&Access_Token=t2&X-Hub-Signature=s3&sig=s4&monkey=m5',
     'https://ci.example.com/h?API-Key=********&Access_Token=********&X-Hub-Signature=********&sig=********'
     '&monkey=********', ['k1', 't2', 's3', 's4', 'm5']),
    ('https://ci.example.com/h?secret=a+b%21', 'https://ci.example.com/h?secret=********', ['a+b%21', 'a b!']),
    ('https://ci.example.com/h#access_token=zz&state=1', 'https://ci.example.com/h#access_token=********&state=1',
     ['zz']),
    ('https://[::1]:8080/h?password=pw', 'https://[::1]:8080/h?password=********', ['pw']),
    ('https://ci.example.com/h?token=', 'https://ci.example.com/h?token=', []),
]


@pytest.mark.parametrize('url, shown, secrets', REDACTIONS)
def test_redact_url(url, shown, secrets):
    assert redact_url(url) == shown
    assert sorted(url_credentials(url)) == sorted(secrets)
    for secret in secrets:
        assert secret not in redact_url(url).replace('********', '')


def test_short_credentials_are_redacted_but_not_masked():
    assert redact_url('https://u:p@h.example.com/?token=x') == 'https://u:********@h.example.com/?token=********'
    assert url_credentials('https://u:p@h.example.com/?token=x', min_length=3) == []


@pytest.mark.parametrize('url', ['https://h.example.com/a b', 'https://h.example.com/\t', 'https://h.example.com/\x7f',
                                 'ftp://h.example.com/', 'https:///', 'https://h.example.com:0/', '//h.example.com/',
                                 'HTTPS:h.example.com', 'https://h.example.com\\@evil.example/'])
def test_bad_urls_are_refused_without_echo(url):
    with pytest.raises(InputError) as error:
        validate_http_url(url)
    assert str(error.value).startswith('url: ') and url not in str(error.value)


@pytest.mark.parametrize('check, value', [
    (validate_workspace, '.'), (validate_workspace, 'acme\n'), (validate_workspace, '{00000000-0000-4000-8000-000000000000}\n'),
    (validate_repository_ref, '..'), (validate_repository_ref, 'app\n'), (validate_repository_ref, 'a' * 63),
    (validate_user_id, 'bob'), (validate_user_id, '557058:x\n'), (validate_user_id, '00000000-0000-4000-8000-000000000000'),
])
def test_identifiers_are_matched_whole(check, value):
    with pytest.raises(InputError):
        check(value)


@pytest.mark.parametrize('check, value', [
    (validate_workspace, 'acme'), (validate_workspace, '{00000000-0000-4000-8000-000000000000}'),
    (validate_repository_ref, 'infra.live_2'), (validate_repository_ref, '{00000000-0000-4000-8000-000000000000}'),
    (validate_user_id, '557058:ba8948b2-49da-43a9-9e8b-e7249b8e324a'), (validate_user_id, '5b10ac8d82e05b22cc7d4ef5'),
    (validate_user_id, '{00000000-0000-4000-8000-000000000000}'),
])
def test_good_identifiers_pass(check, value):
    check(value)
