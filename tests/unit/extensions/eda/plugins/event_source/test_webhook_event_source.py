# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The bitbucket.cloud.webhook event source, driven through main(queue, args) on a loopback port.

Each test starts the real aiohttp server on 127.0.0.1, sends deliveries over HTTP the way
Bitbucket Cloud does (headers of bitbucket-api-facts section 10) and looks at the status
codes and at what landed on the queue.
"""

import asyncio
import contextlib
import datetime
import hashlib
import hmac
import importlib.util
import json
import logging
import socket
import ssl
import uuid
from pathlib import Path

import aiohttp
import pytest

PLUGIN = Path(__file__).resolve().parents[6] / 'extensions' / 'eda' / 'plugins' / 'event_source' / 'webhook.py'
SECRET = 'hook-secret-5b1e9c0f-do-not-log'
PUSH = {
    'push': {'changes': [{'new': {'type': 'branch', 'name': 'main', 'target': {'type': 'commit', 'hash': 'a1b2c3d'}},
                          'old': {'type': 'branch', 'name': 'main', 'target': {'type': 'commit', 'hash': '0f0e0d0'}},
                          'created': False, 'closed': False, 'forced': False}]},
    'repository': {'full_name': 'acme/api', 'type': 'repository'},
    'actor': {'display_name': 'Alice'},
}


def _load_plugin():
    spec = importlib.util.spec_from_file_location('bitbucket_cloud_webhook_source', PLUGIN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


webhook = _load_plugin()


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def sign(body, secret=SECRET):
    return 'sha256=' + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def delivery_headers(body, event_key='repo:push', request_uuid=None, attempt=1, secret=SECRET):
    headers = {
        'Content-Type': 'application/json',
        'User-Agent': 'Bitbucket-Webhooks/2.0',
        'X-Event-Key': event_key,
        'X-Hook-UUID': '{6f2a4b7e-0000-4000-8000-000000000001}',
        'X-Request-UUID': request_uuid or str(uuid.uuid4()),
        'X-Attempt-Number': str(attempt),
        'X-Event-Time': 'Tue, 01 Dec 2026 11:00:00 GMT',
    }
    if secret is not None:
        headers['X-Hub-Signature'] = sign(body, secret)
    return headers


class Source(object):
    def __init__(self, url, queue, session, port):
        self.url = url
        self.queue = queue
        self.session = session
        self.port = port

    async def post(self, body, headers, path='/'):
        async with self.session.post(self.url + path, data=body, headers=headers) as resp:
            return resp.status, await resp.text()

    def events(self):
        found = []
        while not self.queue.empty():
            found.append(self.queue.get_nowait())
        return found


@contextlib.asynccontextmanager
async def running(ssl_client=None, **args):
    queue = asyncio.Queue()
    port = free_port()
    task = asyncio.create_task(webhook.main(queue, dict({'host': '127.0.0.1', 'port': port}, **args)))
    scheme = 'https' if ssl_client else 'http'
    url = '{0}://127.0.0.1:{1}'.format(scheme, port)
    connector = aiohttp.TCPConnector(ssl=ssl_client) if ssl_client else None
    async with aiohttp.ClientSession(connector=connector) as session:
        try:
            for dummy in range(250):
                if task.done():
                    task.result()  # raises the start-up error
                try:
                    async with session.get(url + '/health') as resp:
                        if resp.status == 200:
                            break
                except aiohttp.ClientConnectionError:
                    await asyncio.sleep(0.02)
            else:
                pytest.fail('the source did not start listening on port {0}'.format(port))
            yield Source(url, queue, session, port)
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


def run(coro):
    return asyncio.run(asyncio.wait_for(coro, 60))


def test_signed_delivery_is_queued_with_its_headers_and_raw_payload():
    async def scenario():
        async with running(secret=SECRET) as src:
            body = json.dumps(PUSH, indent=1).encode()
            headers = delivery_headers(body, request_uuid='{req-1}', attempt=1)
            status, dummy = await src.post(body, headers)
            return status, src.events()

    status, events = run(scenario())
    assert status == 200
    assert events == [{
        'bitbucket': {'event_key': 'repo:push', 'hook_uuid': '{6f2a4b7e-0000-4000-8000-000000000001}',
                      'request_uuid': '{req-1}', 'attempt': 1},
        'payload': PUSH,
    }]
    assert isinstance(events[0]['bitbucket']['attempt'], int)


@pytest.mark.parametrize('signature', [
    None,                                                  # no header at all
    '',                                                    # empty header
    'sha256=' + '0' * 64,                                  # wrong digest
    'sha1=' + hmac.new(SECRET.encode(), b'x', hashlib.sha1).hexdigest(),  # another algorithm
    'other-secret',                                        # signed with another secret (filled in below)
    'reformatted',                                         # signature of the same JSON, other bytes
])
def test_missing_or_wrong_signature_is_refused_with_401_and_queues_nothing(signature):
    body = json.dumps(PUSH).encode()
    headers = delivery_headers(body, secret=None)
    if signature == 'other-secret':
        headers['X-Hub-Signature'] = sign(body, 'not-the-secret')
    elif signature == 'reformatted':
        headers['X-Hub-Signature'] = sign(json.dumps(PUSH, indent=2).encode())
    elif signature is not None:
        headers['X-Hub-Signature'] = signature

    async def scenario():
        async with running(secret=SECRET) as src:
            status, text = await src.post(body, headers)
            return status, text, src.events()

    status, text, events = run(scenario())
    assert status == 401
    assert 'X-Hub-Signature' in text
    assert events == []


def test_without_secret_unsigned_deliveries_are_accepted_and_a_warning_is_logged(caplog):
    caplog.set_level(logging.INFO)

    async def scenario():
        async with running() as src:
            body = json.dumps(PUSH).encode()
            status, dummy = await src.post(body, delivery_headers(body, secret=None))
            return status, src.events()

    status, events = run(scenario())
    assert status == 200
    assert len(events) == 1
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any('NOT authenticated' in w for w in warnings), warnings


def test_with_secret_no_warning_about_authentication(caplog):
    caplog.set_level(logging.INFO)

    async def scenario():
        async with running(secret=SECRET):
            pass

    run(scenario())
    assert 'NOT authenticated' not in caplog.text


def test_retried_delivery_with_the_same_request_uuid_is_acknowledged_and_not_queued_again():
    async def scenario():
        async with running(secret=SECRET) as src:
            body = json.dumps(PUSH).encode()
            first = await src.post(body, delivery_headers(body, request_uuid='{same}', attempt=1))
            retry = await src.post(body, delivery_headers(body, request_uuid='{same}', attempt=2))
            third = await src.post(body, delivery_headers(body, request_uuid='{same}', attempt=3))
            other = await src.post(body, delivery_headers(body, request_uuid='{other}', attempt=1))
            return [first[0], retry[0], third[0], other[0]], src.events()

    statuses, events = run(scenario())
    assert statuses == [200, 200, 200, 200]
    assert [(e['bitbucket']['request_uuid'], e['bitbucket']['attempt']) for e in events] == [
        ('{same}', 1), ('{other}', 1)]


def test_remembered_request_uuids_are_bounded():
    limit = webhook.SEEN_DELIVERIES
    assert limit == 200

    async def scenario():
        async with running(secret=SECRET) as src:
            body = b'{}'
            for n in range(limit + 1):
                status, dummy = await src.post(body, delivery_headers(body, request_uuid='{r%d}' % n))
                assert status == 200
            queued = len(src.events())
            # {r0} was forgotten when {r200} arrived; {r1} is still remembered.
            again_oldest = await src.post(body, delivery_headers(body, request_uuid='{r0}', attempt=2))
            again_recent = await src.post(body, delivery_headers(body, request_uuid='{r%d}' % limit, attempt=2))
            return queued, again_oldest[0], again_recent[0], src.events()

    queued, oldest_status, recent_status, events = run(scenario())
    assert queued == limit + 1
    assert (oldest_status, recent_status) == (200, 200)
    assert [e['bitbucket']['request_uuid'] for e in events] == ['{r0}']


def test_oversized_declared_body_is_refused_with_413_before_it_is_read():
    """The client declares 50 MB but sends a few bytes and waits: only an answer given
    before reading the body can arrive."""
    async def scenario():
        async with running(secret=SECRET, max_body=1024) as src:
            reader, writer = await asyncio.open_connection('127.0.0.1', src.port)
            writer.write(b'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n'
                         b'X-Event-Key: repo:push\r\nContent-Length: 50000000\r\n\r\n{"push": ')
            await writer.drain()
            status_line = await asyncio.wait_for(reader.readline(), 10)
            writer.close()
            return status_line, src.events()

    status_line, events = run(scenario())
    assert status_line.startswith(b'HTTP/1.1 413'), status_line
    assert events == []


def test_oversized_chunked_body_is_cut_off_with_413():
    """No Content-Length (chunked transfer): the read itself stops past max_body."""
    async def scenario():
        async with running(secret=SECRET, max_body=4096) as src:
            big = json.dumps({'filler': 'x' * 20000}).encode()

            async def chunks():
                for start in range(0, len(big), 1000):
                    yield big[start:start + 1000]

            status, text = await src.post(chunks(), delivery_headers(big))
            small = json.dumps(PUSH).encode()
            ok, dummy = await src.post(small, delivery_headers(small))
            return status, text, ok, src.events()

    status, text, ok, events = run(scenario())
    assert status == 413
    assert 'max_body' in text
    assert ok == 200
    assert len(events) == 1 and events[0]['payload'] == PUSH


def test_body_at_max_body_is_accepted():
    body = json.dumps({'filler': 'y' * 100}).encode()

    async def scenario():
        async with running(secret=SECRET, max_body=len(body)) as src:
            return (await src.post(body, delivery_headers(body)))[0], src.events()

    status, events = run(scenario())
    assert status == 200 and len(events) == 1


def test_events_filter_drops_other_event_keys_with_200():
    async def scenario():
        async with running(secret=SECRET, events=['repo:push']) as src:
            body = json.dumps({'pullrequest': {'id': 1}}).encode()
            dropped = await src.post(body, delivery_headers(body, event_key='pullrequest:created'))
            push = json.dumps(PUSH).encode()
            kept = await src.post(push, delivery_headers(push, event_key='repo:push'))
            return dropped[0], kept[0], src.events()

    dropped, kept, events = run(scenario())
    assert (dropped, kept) == (200, 200)
    assert [e['bitbucket']['event_key'] for e in events] == ['repo:push']


def test_filter_is_checked_after_the_signature():
    async def scenario():
        async with running(secret=SECRET, events=['repo:push']) as src:
            body = b'{}'
            return (await src.post(body, delivery_headers(body, event_key='repo:fork', secret='wrong')))[0]

    assert run(scenario()) == 401


@pytest.mark.parametrize('body, change, expected_text', [
    (b'{"push": ', None, 'not valid JSON'),
    (b'\xff\xfe not utf-8', None, 'not valid JSON'),
    (b'{}', ('X-Attempt-Number', 'two'), 'X-Attempt-Number'),
    (b'{}', ('X-Event-Key', None), 'X-Event-Key'),
])
def test_malformed_deliveries_answer_400_and_queue_nothing(body, change, expected_text):
    headers = delivery_headers(body)
    if change:
        name, value = change
        if value is None:
            del headers[name]
        else:
            headers[name] = value

    async def scenario():
        async with running(secret=SECRET) as src:
            status, text = await src.post(body, headers)
            return status, text, src.events()

    status, text, events = run(scenario())
    assert status == 400
    assert expected_text in text
    assert events == []


def test_malformed_delivery_does_not_burn_its_request_uuid():
    """A rejected delivery is not remembered: its valid retry is still queued."""
    async def scenario():
        async with running(secret=SECRET) as src:
            bad = b'{"truncated'
            good = json.dumps(PUSH).encode()
            first = await src.post(bad, delivery_headers(bad, request_uuid='{x}'))
            unsigned = await src.post(good, delivery_headers(good, request_uuid='{x}', secret=None))
            retry = await src.post(good, delivery_headers(good, request_uuid='{x}', attempt=2))
            return first[0], unsigned[0], retry[0], src.events()

    first, unsigned, retry, events = run(scenario())
    assert (first, unsigned, retry) == (400, 401, 200)
    assert [e['bitbucket']['attempt'] for e in events] == [2]


def test_missing_attempt_header_gives_null_attempt():
    async def scenario():
        async with running(secret=SECRET) as src:
            body = b'{}'
            headers = delivery_headers(body)
            del headers['X-Attempt-Number']
            return (await src.post(body, headers))[0], src.events()

    status, events = run(scenario())
    assert status == 200 and events[0]['bitbucket']['attempt'] is None


def test_health_and_routes():
    async def scenario():
        async with running(secret=SECRET) as src:
            async with src.session.get(src.url + '/health') as resp:
                health = resp.status, await resp.json()
            async with src.session.get(src.url + '/') as resp:
                get_root = resp.status
            body = b'{}'
            other_path = (await src.post(body, delivery_headers(body), path='/elsewhere'))[0]
            return health, get_root, other_path, src.events()

    health, get_root, other_path, events = run(scenario())
    assert health == (200, {'status': 'ok'})
    assert get_root == 405
    assert other_path == 404
    assert events == []


def test_the_secret_never_appears_in_logs_or_answers(caplog):
    caplog.set_level(logging.DEBUG)

    async def scenario():
        texts = []
        async with running(secret=SECRET, events=['repo:push']) as src:
            body = json.dumps(PUSH).encode()
            for headers in (delivery_headers(body), delivery_headers(body, secret=None),
                            delivery_headers(body, secret='wrong'), delivery_headers(body, event_key='repo:fork')):
                texts.append((await src.post(body, headers))[1])
            texts.append((await src.post(b'nope', delivery_headers(b'nope')))[1])
        return texts

    texts = run(scenario())
    assert caplog.records, 'nothing was logged: the check would prove nothing'
    signature = sign(json.dumps(PUSH).encode())
    for text in [caplog.text] + texts:
        assert SECRET not in text
        assert signature.split('=', 1)[1] not in text


def _self_signed(tmp_path):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, '127.0.0.1')])
    now = datetime.datetime.now(datetime.timezone.utc)
    import ipaddress
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=1))
            .not_valid_after(now + datetime.timedelta(hours=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address('127.0.0.1'))]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    certfile = tmp_path / 'cert.pem'
    keyfile = tmp_path / 'key.pem'
    certfile.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    keyfile.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    return str(certfile), str(keyfile)


def test_tls_with_certfile_and_keyfile(tmp_path):
    certfile, keyfile = _self_signed(tmp_path)
    client = ssl.create_default_context(cafile=certfile)

    async def scenario():
        async with running(ssl_client=client, secret=SECRET, certfile=certfile, keyfile=keyfile) as src:
            body = json.dumps(PUSH).encode()
            return (await src.post(body, delivery_headers(body)))[0], src.events()

    status, events = run(scenario())
    assert status == 200 and events[0]['payload'] == PUSH


@pytest.mark.parametrize('args, message', [
    ({}, 'argument port is required'),
    ({'port': 'http'}, 'argument port must be an integer'),
    ({'port': 70000}, 'argument port must be between 0 and 65535'),
    ({'port': 5000, 'secret': ''}, 'argument secret is empty'),
    ({'port': 5000, 'secret': 1234}, 'argument secret must be a string'),
    ({'port': 5000, 'events': []}, 'argument events must be a non-empty list'),
    ({'port': 5000, 'events': [1]}, 'argument events must be a non-empty list'),
    ({'port': 5000, 'max_body': 0}, 'argument max_body must be between 1'),
    ({'port': 5000, 'keyfile': '/k.pem'}, 'argument keyfile needs certfile'),
    ({'port': 5000, 'token': 'x'}, 'unknown argument(s) token'),
    ({'port': 5000, 'certfile': '/nonexistent/cert.pem'}, 'cannot load certfile/keyfile'),
])
def test_bad_arguments_fail_at_start_naming_the_argument(args, message):
    with pytest.raises(ValueError) as err:
        run(webhook.main(asyncio.Queue(), args))
    assert message in str(err.value)
    assert 'bitbucket.cloud.webhook' in str(err.value)


def test_port_given_as_a_string_and_events_as_one_string():
    settings = webhook.parse_args({'port': '5000', 'events': 'repo:push'})
    assert settings['port'] == 5000
    assert settings['events'] == frozenset({'repo:push'})
    assert settings['host'] == '0.0.0.0'
    assert settings['max_body'] == 1024 * 1024


def test_documentation_matches_the_arguments():
    import ast
    import yaml

    tree = ast.parse(PLUGIN.read_text())
    strings = {node.targets[0].id: node.value.value for node in tree.body
               if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
               and node.targets[0].id in ('DOCUMENTATION', 'EXAMPLES')}
    options = yaml.safe_load(strings['DOCUMENTATION'])['options']
    assert sorted(options) == sorted(webhook.ARGUMENTS)
    assert options['port'].get('required') is True
    assert options['host']['default'] == webhook.DEFAULT_HOST
    assert options['max_body']['default'] == webhook.DEFAULT_MAX_BODY
    assert options['events']['type'] == 'list'
    example = yaml.safe_load(strings['EXAMPLES'])[0]['sources'][0]['bitbucket.cloud.webhook']
    assert set(example) <= set(webhook.ARGUMENTS)
