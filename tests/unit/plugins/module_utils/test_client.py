# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The HTTP client against the emulator: pagination, retries, lost replies, error messages."""

import pytest

from ansible_collections.bitbucket.cloud.plugins.module_utils.auth import select_auth
from ansible_collections.bitbucket.cloud.plugins.module_utils.client import COLLECTION_VERSION, BitbucketClient, api_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import BitbucketError

ALICE = dict(user='alice@example.com', password='alice-api-token')


def make_client(emu, retries=3, **auth):
    method = select_auth(auth or ALICE, {})
    # A tiny backoff keeps the retry tests fast; the real default is 1 s.
    return BitbucketClient(method, api_url=emu.api_url, retries=retries, backoff_factor=0.01, timeout=5)


def api_requests(emu):
    return [r for r in emu.requests() if r['path'].startswith('/2.0')]


def test_user_agent_names_the_collection(emu):
    client = make_client(emu)
    assert client.session.headers['User-Agent'].startswith('bitbucket.cloud-ansible-collection/%s' % COLLECTION_VERSION)


def test_api_path_encodes_uuid_braces():
    assert api_path('workspaces', '{1234}', 'projects') == '/workspaces/%7B1234%7D/projects'


def test_paginate_follows_next_across_pages(emu):
    client = make_client(emu)
    for i in range(23):
        client.create(api_path('repositories', 'acme', 'page-repo-%02d' % i), {'scm': 'git', 'is_private': True},
                      lambda: None)
    emu.clear_requests()
    slugs = [r['slug'] for r in client.paginate('/repositories/acme', {'pagelen': 10, 'q': 'name ~ "page-repo"'})]
    assert sorted(slugs) == ['page-repo-%02d' % i for i in range(23)]
    gets = api_requests(emu)
    assert len(gets) == 3
    assert all(r['method'] == 'GET' and r['status'] == 200 for r in gets)


def test_paginate_asks_100_per_page(emu):
    client = make_client(emu)
    list(client.paginate('/workspaces/acme/projects'))
    assert api_requests(emu)[0]['query'].get('pagelen') == '100'


@pytest.mark.parametrize('status', [429, 503])
def test_retryable_status_is_retried_then_succeeds(emu, status):
    client = make_client(emu)
    emu.set_faults(rules=[{'status': status, 'every': 1, 'count': 2}])
    assert client.get('/workspaces/acme')['slug'] == 'acme'
    statuses = [r['status'] for r in api_requests(emu)]
    assert statuses == [status, status, 200]
    assert client.retried == 2


def test_post_is_retried_after_429(emu):
    client = make_client(emu)
    emu.set_faults(rules=[{'status': 429, 'every': 1, 'count': 1, 'methods': ['POST']}])
    project = client.create('/workspaces/acme/projects', {'key': 'RETRY', 'name': 'Retry'}, lambda: None)
    assert project['key'] == 'RETRY'
    assert [r['status'] for r in api_requests(emu)] == [429, 201]


def test_retries_exhausted_gives_a_clear_error(emu):
    client = make_client(emu, retries=2)
    emu.set_faults(rules=[{'status': 503, 'every': 1}])
    with pytest.raises(BitbucketError) as info:
        client.get('/workspaces/acme')
    assert info.value.status == 503
    assert 'Gave up after 2 retries' in str(info.value)
    assert len(api_requests(emu)) == 3


def test_rate_limit_text_body_is_reported(emu):
    client = make_client(emu, retries=0)
    emu.set_faults(rules=[{'status': 429, 'every': 1}])
    with pytest.raises(BitbucketError) as info:
        client.get('/workspaces/acme')
    assert 'Rate limit for this resource has been exceeded' in str(info.value)


def test_lost_post_reply_creates_nothing_twice(emu):
    client = make_client(emu)
    emu.set_faults(rules=[{'action': 'drop_after_write', 'every': 1, 'count': 1, 'methods': ['POST']}])

    def find():
        return client.get_or_none('/workspaces/acme/projects/LOST')

    project = client.create('/workspaces/acme/projects', {'key': 'LOST', 'name': 'Lost reply'}, find)
    assert project['key'] == 'LOST'
    methods = [(r['method'], r['template']) for r in api_requests(emu)]
    assert methods.count(('POST', '/workspaces/{workspace}/projects')) == 1
    emu.clear_faults()
    keys = [p['key'] for p in client.paginate('/workspaces/acme/projects')]
    assert keys.count('LOST') == 1


def test_lost_post_reply_is_resent_when_nothing_was_created(emu):
    client = make_client(emu)
    # A dropped connection on a request the server did not apply: the create is sent again after the read.
    emu.set_faults(rules=[{'status': 502, 'every': 1, 'count': 1, 'methods': ['POST']}])
    project = client.create('/workspaces/acme/projects', {'key': 'AGAIN', 'name': 'Again'},
                            lambda: client.get_or_none('/workspaces/acme/projects/AGAIN'))
    assert project['key'] == 'AGAIN'
    assert [(r['method'], r['status']) for r in api_requests(emu)] == [('POST', 502), ('GET', 404), ('POST', 201)]


def test_404_and_get_or_none(emu):
    client = make_client(emu)
    assert client.get_or_none('/workspaces/acme/projects/NOPE') is None
    with pytest.raises(BitbucketError) as info:
        client.get('/workspaces/no-such-workspace')
    assert info.value.status == 404
    assert 'GET /workspaces/no-such-workspace failed (HTTP 404)' in str(info.value)


def test_410_says_the_endpoint_was_withdrawn(emu):
    client = make_client(emu)
    with pytest.raises(BitbucketError) as info:
        client.get('/workspaces')
    assert info.value.status == 410
    assert 'CHANGE-2770' in str(info.value)
    assert 'withdrew' in str(info.value)


def test_403_names_the_missing_scope(emu):
    client = make_client(emu, token='acme-read-token')
    with pytest.raises(BitbucketError) as info:
        client.create('/workspaces/acme/projects', {'key': 'NOPE', 'name': 'Nope'}, lambda: None)
    assert info.value.status == 403
    assert 'project:admin' in str(info.value)
    assert 'acme-read-token' not in str(info.value)


def test_delete_of_a_missing_object_counts_as_done(emu):
    client = make_client(emu)
    client.delete('/workspaces/acme/projects/NEVER')
