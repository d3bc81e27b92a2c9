# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The HTTP client against the emulator: pagination, retries, lost replies, error messages."""

import pytest

from ansible_collections.bitbucket.cloud.plugins.module_utils.auth import select_auth
from ansible_collections.bitbucket.cloud.plugins.module_utils.client import COLLECTION_VERSION, BitbucketClient, api_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import BitbucketError

ALICE = dict(user='alice@example.com', password='alice-api-token')


def make_client(emu, retries=3, rate_limit_wait=0, **auth):
    method = select_auth(auth or ALICE, {})
    # A tiny backoff keeps the retry tests fast; the real default is 1 s (and rate_limit_wait 300 s).
    return BitbucketClient(method, api_url=emu.api_url, retries=retries, backoff_factor=0.01, timeout=5,
                           rate_limit_wait=rate_limit_wait, rate_limit_first_wait=0.2)


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


# --- hardening: where credentials may go, dot segments, the rate-limit window -------------------------

class Listener(object):
    """A second local HTTP server that records what reaches it (it must receive nothing)."""

    def __init__(self):
        import http.server
        import threading
        received = self.received = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                received.append(dict(path=self.path, authorization=self.headers.get('Authorization')))
                body = b'{"values": []}'
                self.send_response(200)
                self.send_header('Content-Type', 'application/json')
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.HTTPServer(('127.0.0.1', 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener():
    running = Listener()
    yield running
    running.close()


AUTH_METHODS = {
    'basic': ALICE,
    'bearer': dict(token='acme-read-token'),
}


@pytest.mark.parametrize('method', ['basic', 'bearer', 'oauth'])
@pytest.mark.parametrize('where', ['other port', 'other scheme', 'other host'])
def test_next_link_to_another_origin_gets_no_credentials(emu, listener, method, where):
    if method == 'oauth':
        auth = dict(client_id='ci-consumer', client_secret='ci-secret', token_url=emu.token_url)
    else:
        auth = AUTH_METHODS[method]
    client = make_client(emu, **auth)
    target = {
        'other port': 'http://127.0.0.1:%d/2.0/workspaces/acme/projects?page=2' % listener.port,
        'other scheme': emu.api_url.replace('http://', 'https://') + '/workspaces/acme/projects?page=2',
        'other host': 'http://localhost:%d/2.0/workspaces/acme/projects?page=2' % listener.port,
    }[where]
    emu.set_faults(next_link=target)
    with pytest.raises(BitbucketError) as info:
        list(client.paginate('/workspaces/acme/projects'))
    message = str(info.value)
    assert 'not to api_url' in message and 'the credentials were not sent there' in message
    assert 'page=2' not in message  # only scheme, host, port and path are shown
    assert listener.received == []
    # the first page came from the emulator, and nothing else was requested
    assert [r['template'] for r in api_requests(emu) if r['method'] == 'GET'] == ['/workspaces/{workspace}/projects']


def test_self_referencing_next_link_stops(emu):
    client = make_client(emu)
    emu.set_faults(next_link='self')
    with pytest.raises(BitbucketError) as info:
        list(client.paginate('/workspaces/acme/projects'))
    assert 'repeats a page' in str(info.value)
    assert len(api_requests(emu)) == 2


def test_page_count_is_capped(emu):
    client = make_client(emu)
    for i in range(5):
        client.create(api_path('workspaces', 'acme', 'projects'), {'key': 'CAP%d' % i, 'name': 'Cap %d' % i},
                      lambda: None)
    emu.clear_requests()
    with pytest.raises(BitbucketError) as info:
        list(client.paginate('/workspaces/acme/projects', {'pagelen': 1}, max_pages=3))
    assert 'more than 3 pages' in str(info.value)
    assert len(api_requests(emu)) == 3


@pytest.mark.parametrize('segment', ['.', '..', ''])
def test_api_path_refuses_dot_segments(segment):
    with pytest.raises(BitbucketError) as info:
        api_path('repositories', 'acme', segment, 'hooks')
    assert 'not allowed as a part of an API path' in str(info.value)


@pytest.mark.parametrize('value', ['.hidden', '..x', 'a.b', '%2e', '%2E%2E'])
def test_api_path_encodes_but_keeps_other_dots(value):
    path = api_path('repositories', 'acme', value)
    assert path.rsplit('/', maxsplit=1)[-1] not in ('.', '..')


def test_rate_limit_is_waited_out_within_rate_limit_wait(emu):
    client = make_client(emu, retries=1, rate_limit_wait=30)
    emu.set_faults(rules=[{'status': 429, 'every': 1, 'seconds': 1.0}])
    assert client.get('/workspaces/acme')['slug'] == 'acme'
    statuses = [r['status'] for r in api_requests(emu)]
    assert statuses[-1] == 200 and set(statuses[:-1]) == {429} and len(statuses) >= 3
    assert 0.5 <= client.rate_limit_waited < 10


def test_rate_limit_wait_budget_then_a_clear_error(emu):
    client = make_client(emu, retries=1, rate_limit_wait=1)
    emu.set_faults(rules=[{'status': 429, 'every': 1}])
    with pytest.raises(BitbucketError) as info:
        client.get('/workspaces/acme')
    message = str(info.value)
    assert info.value.status == 429
    assert 'rate_limit_wait' in message and 'one hour' in message
    assert 1 <= client.rate_limit_waited < 5


def test_rate_limited_post_is_resent_after_the_wait_and_creates_once(emu):
    client = make_client(emu, retries=0, rate_limit_wait=30)
    emu.set_faults(rules=[{'status': 429, 'every': 1, 'seconds': 0.5, 'methods': ['POST']}])
    project = client.create('/workspaces/acme/projects', {'key': 'WAITED', 'name': 'Waited'}, lambda: None)
    assert project['key'] == 'WAITED'
    emu.clear_faults()
    assert [p['key'] for p in client.paginate('/workspaces/acme/projects')].count('WAITED') == 1


def test_oauth_access_token_is_added_to_the_masked_values(emu):
    masked = set()
    method = select_auth(dict(client_id='ci-consumer', client_secret='ci-secret',
                              token_url=emu.token_url), {})
    client = BitbucketClient(method, api_url=emu.api_url, no_log_values=masked)
    client.get('/workspaces/acme')
    token = client.session.headers['Authorization'].split(' ', 1)[1]
    assert token in masked


def test_token_endpoint_down_is_a_clear_error(emu):
    import socket
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        closed_port = sock.getsockname()[1]
    method = select_auth(dict(client_id='ci-consumer', client_secret='ci-secret',
                              token_url='http://127.0.0.1:%d/site/oauth2/access_token?x=1' % closed_port), {})
    client = BitbucketClient(method, api_url=emu.api_url, retries=0)
    with pytest.raises(BitbucketError) as info:
        client.get('/workspaces/acme')
    message = str(info.value)
    assert 'could not reach http://127.0.0.1:%d/site/oauth2/access_token (ConnectionError)' % closed_port in message
    assert 'x=1' not in message and 'ci-secret' not in message
    assert api_requests(emu) == []


def test_hook_events_come_in_one_page_in_bitbucket_order(emu):
    client = make_client(emu)
    page = client.get('/hook_events/repository')
    assert page['pagelen'] == 30 and 'next' not in page
    events = [e['event'] for e in page['values']]
    assert events[:3] == ['repo:push', 'repo:fork', 'repo:imported']
    assert len(events) == page['size'] == 29
    first_pr = next(i for i, e in enumerate(events) if e.startswith('pullrequest:'))
    assert events[first_pr] == 'pullrequest:approved'
    assert all(e.startswith('repo:') for e in events[:first_pr])


@pytest.fixture
def tls_server(tmp_path):
    """A local HTTPS server with a self-signed certificate that answers every GET with a workspace."""
    import http.server
    import ssl
    import subprocess
    import threading
    cert, key = str(tmp_path / 'cert.pem'), str(tmp_path / 'key.pem')
    subprocess.run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
                    '-keyout', key, '-out', cert], check=True, capture_output=True)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = b'{"slug": "acme"}'
            self.send_response(200)
            self.send_header('Content-Type', 'application/json')
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(('127.0.0.1', 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield 'https://127.0.0.1:%d/2.0' % server.server_address[1]
    server.shutdown()
    server.server_close()


def test_validate_certs_false_wins_over_requests_ca_bundle(tls_server, monkeypatch):
    import certifi
    # requests prefers REQUESTS_CA_BUNDLE over a session-level verify=False; the client passes verify per request.
    monkeypatch.setenv('REQUESTS_CA_BUNDLE', certifi.where())
    client = BitbucketClient(select_auth(ALICE, {}), api_url=tls_server, retries=0, validate_certs=False)
    assert client.get('/workspaces/acme') == {'slug': 'acme'}


def test_certificate_error_names_validate_certs(tls_server):
    client = BitbucketClient(select_auth(ALICE, {}), api_url=tls_server, retries=0)
    with pytest.raises(BitbucketError) as info:
        client.get('/workspaces/acme')
    message = str(info.value)
    assert 'could not be verified (SSLError)' in message and 'validate_certs' in message
    assert 'alice-api-token' not in message
