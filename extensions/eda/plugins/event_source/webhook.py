# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ansible-rulebook event source: Bitbucket Cloud webhook deliveries, signature-checked."""

from __future__ import annotations

import asyncio
import collections
import hashlib
import hmac
import json
import logging
import ssl
from typing import Any

from aiohttp import web

DOCUMENTATION = r'''
---
short_description: Receive Bitbucket Cloud webhook deliveries
description:
  - An ansible-rulebook event source that listens for the webhook deliveries of Bitbucket Cloud and puts one event
    on the queue per accepted delivery.
  - Deliveries are POSTed to C(/), the URL given to Bitbucket (for instance with M(bitbucket.cloud.bitbucket_webhook)).
    C(GET /health) answers 200, for load balancers and readiness probes.
  - 'Each event is C({"bitbucket": {"event_key": ..., "hook_uuid": ..., "request_uuid": ..., "attempt": ...},
    "payload": ...}), where C(event_key), C(hook_uuid) and C(request_uuid) come from the C(X-Event-Key),
    C(X-Hook-UUID) and C(X-Request-UUID) headers, C(attempt) is the integer in C(X-Attempt-Number) (null when the
    header is absent), and C(payload) is the JSON body as Bitbucket sent it.'
  - With O(secret), every delivery must carry C(X-Hub-Signature) with C(sha256=) and the hex HMAC-SHA256 of the raw
    body keyed with the secret, as Bitbucket sends when the webhook has the same secret. The signature is compared in
    constant time; a missing or wrong one answers 401 and queues nothing.
  - Without O(secret) anybody who can reach the port can inject events; the source logs a warning at start.
  - Bitbucket retries a delivery that failed with a 5xx answer or timed out, with the same C(X-Request-UUID). The
    source remembers the last 200 request UUIDs it queued and answers 200 to a repeat without queueing it again, so a
    retried delivery does not run a playbook twice.
  - A body over O(max_body) answers 413 before it is read whole, a body that is not JSON answers 400, and a delivery
    whose event key is not in O(events) answers 200 and is dropped.
  - The secret, the signatures and the bodies are never logged.
options:
  host:
    description:
      - The address to listen on.
    type: str
    default: "0.0.0.0"
  port:
    description:
      - The TCP port to listen on.
    type: int
    required: true
  secret:
    description:
      - The webhook's secret, the same as O(bitbucket.cloud.bitbucket_webhook#module:secret) of the webhook.
      - Strongly recommended. Keep it out of the rulebook's text, for instance with C(--env-vars) or a vaulted
        variable.
      - An empty string is refused, so a variable that is unexpectedly empty does not turn the check off.
    type: str
  events:
    description:
      - The event keys to queue, for instance V(repo:push). Deliveries of other events are acknowledged and dropped.
      - All events are queued when omitted.
    type: list
    elements: str
  max_body:
    description:
      - The largest body accepted, in bytes. Bitbucket itself does not send payloads over 256 KB.
    type: int
    default: 1048576
  certfile:
    description:
      - Path to a PEM certificate (chain) to serve HTTPS. Bitbucket needs a certificate signed by a public CA.
    type: str
  keyfile:
    description:
      - Path to the private key of O(certfile), when it is not in O(certfile). Needs O(certfile).
    type: str
'''

EXAMPLES = r'''
- name: Bitbucket pushes to main
  hosts: all
  sources:
    - bitbucket.cloud.webhook:
        host: 0.0.0.0
        port: 5000
        secret: "{{ BITBUCKET_WEBHOOK_SECRET }}"
        events:
          - repo:push
  rules:
    - name: A push to main
      condition: event.payload.push.changes is selectattr("new.name", "==", "main")
      action:
        run_playbook:
          name: bitbucket.cloud.eda_push_to_main
'''

logger = logging.getLogger(__name__)

ARGUMENTS = ('host', 'port', 'secret', 'events', 'max_body', 'certfile', 'keyfile')
DEFAULT_HOST = '0.0.0.0'  # noqa: S104 - listening on all addresses is the documented default
DEFAULT_MAX_BODY = 1024 * 1024
# How many request UUIDs are remembered to recognise retried deliveries.
SEEN_DELIVERIES = 200

_SETTINGS = web.AppKey('settings', dict)
_QUEUE = web.AppKey('queue', asyncio.Queue)
_SEEN = web.AppKey('seen', collections.OrderedDict)


def _bad_arg(name: str, problem: str) -> ValueError:
    return ValueError('bitbucket.cloud.webhook: argument {0} {1}'.format(name, problem))


def _int_arg(args: dict[str, Any], name: str, default: Any, low: int, high: int | None = None) -> int:
    value = args.get(name, default)
    if value is None:
        raise _bad_arg(name, 'is required')
    if isinstance(value, bool):
        raise _bad_arg(name, 'must be an integer, got a boolean')
    try:
        number = int(str(value).strip())
    except ValueError:
        raise _bad_arg(name, 'must be an integer, got {0!r}'.format(value)) from None
    if number < low or (high is not None and number > high):
        raise _bad_arg(name, 'must be between {0} and {1}, got {2}'.format(low, high if high is not None else 'any', number))
    return number


def _optional_str(args: dict[str, Any], name: str) -> str | None:
    value = args.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _bad_arg(name, 'must be a string')
    return value


def parse_args(args: dict[str, Any]) -> dict[str, Any]:
    """Check the source's arguments; a ValueError names the bad one. Nothing is logged here."""
    if not isinstance(args, dict):
        raise ValueError('bitbucket.cloud.webhook: the arguments must be a mapping')
    known = set(ARGUMENTS)
    unknown = sorted(set(args) - known)
    if unknown:
        raise ValueError('bitbucket.cloud.webhook: unknown argument(s) {0}; known: {1}'.format(
            ', '.join(unknown), ', '.join(sorted(known))))

    host = _optional_str(args, 'host') or DEFAULT_HOST
    port = _int_arg(args, 'port', None, 0, 65535)
    max_body = _int_arg(args, 'max_body', DEFAULT_MAX_BODY, 1)

    secret = args.get('secret')
    if secret is not None:
        if not isinstance(secret, str):
            raise _bad_arg('secret', 'must be a string')
        if not secret:
            raise _bad_arg('secret', 'is empty; omit it to accept unsigned deliveries (not recommended)')

    events = args.get('events')
    if events is not None:
        if isinstance(events, str):
            events = [events]
        if not isinstance(events, list) or not events or not all(isinstance(e, str) and e for e in events):
            raise _bad_arg('events', 'must be a non-empty list of event keys such as repo:push')
        events = frozenset(events)

    certfile = _optional_str(args, 'certfile')
    keyfile = _optional_str(args, 'keyfile')
    if keyfile and not certfile:
        raise _bad_arg('keyfile', 'needs certfile')

    return {'host': host, 'port': port, 'max_body': max_body, 'secret': secret, 'events': events,
            'certfile': certfile, 'keyfile': keyfile}


def _ssl_context(settings: dict[str, Any]) -> ssl.SSLContext | None:
    if not settings['certfile']:
        return None
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        context.load_cert_chain(settings['certfile'], settings['keyfile'])
    except (OSError, ssl.SSLError) as exc:
        raise ValueError('bitbucket.cloud.webhook: cannot load certfile/keyfile: {0}'.format(exc)) from None
    return context


def _reject(status: int, reason: str, request: web.Request) -> web.Response:
    logger.warning('Bitbucket delivery from %s refused (%s): %s', request.remote, status, reason)
    return web.Response(status=status, text=reason + '\n')


def _signature_ok(secret: str, body: bytes, header: str | None) -> bool:
    if not header or not header.startswith('sha256='):
        return False
    expected = 'sha256=' + hmac.new(secret.encode('utf-8'), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode('ascii'), header.strip().encode('utf-8', 'replace'))


async def _deliver(request: web.Request) -> web.Response:
    settings = request.app[_SETTINGS]
    max_body = settings['max_body']

    # Refuse a declared oversized body before reading any of it; chunked or lying bodies are
    # cut off by the application's client_max_size (HTTPRequestEntityTooLarge) while reading.
    if request.content_length is not None and request.content_length > max_body:
        return _reject(413, 'body of {0} bytes is over max_body ({1})'.format(
            request.content_length, max_body), request)
    try:
        body = await request.read()
    except web.HTTPRequestEntityTooLarge:
        return _reject(413, 'body is over max_body ({0})'.format(max_body), request)

    if settings['secret'] is not None:
        signature = request.headers.get('X-Hub-Signature')
        if not signature:
            return _reject(401, 'missing X-Hub-Signature', request)
        if not _signature_ok(settings['secret'], body, signature):
            return _reject(401, 'X-Hub-Signature does not match the body', request)

    event_key = request.headers.get('X-Event-Key')
    if not event_key:
        return _reject(400, 'missing X-Event-Key: not a Bitbucket webhook delivery', request)
    attempt_header = request.headers.get('X-Attempt-Number')
    attempt = None
    if attempt_header is not None:
        try:
            attempt = int(attempt_header.strip())
        except ValueError:
            return _reject(400, 'X-Attempt-Number is not an integer', request)

    try:
        payload = json.loads(body)
    except ValueError:  # json.JSONDecodeError and UnicodeDecodeError
        return _reject(400, 'the body is not valid JSON', request)

    request_uuid = request.headers.get('X-Request-UUID')
    if settings['events'] is not None and event_key not in settings['events']:
        logger.info('Bitbucket delivery %s of %s dropped: not in events', request_uuid, event_key)
        return web.Response(text='ignored: event not subscribed\n')

    if request_uuid:
        seen = request.app[_SEEN]
        if request_uuid in seen:
            seen.move_to_end(request_uuid)
            logger.info('Bitbucket delivery %s (attempt %s) already queued: not queued again', request_uuid, attempt)
            return web.Response(text='duplicate: already received\n')
        seen[request_uuid] = None
        while len(seen) > SEEN_DELIVERIES:
            seen.popitem(last=False)

    event = {
        'bitbucket': {
            'event_key': event_key,
            'hook_uuid': request.headers.get('X-Hook-UUID'),
            'request_uuid': request_uuid,
            'attempt': attempt,
        },
        'payload': payload,
    }
    await request.app[_QUEUE].put(event)
    logger.info('Bitbucket delivery %s of %s (attempt %s) queued', request_uuid, event_key, attempt)
    return web.Response(text='queued\n')


async def _health(request: web.Request) -> web.Response:
    return web.json_response({'status': 'ok'})


def build_app(queue: asyncio.Queue[Any], settings: dict[str, Any]) -> web.Application:
    """The aiohttp application of the source, for checked settings (see parse_args)."""
    app = web.Application(client_max_size=settings['max_body'])
    app[_SETTINGS] = settings
    app[_QUEUE] = queue
    app[_SEEN] = collections.OrderedDict()
    app.router.add_post('/', _deliver)
    app.router.add_get('/health', _health)
    return app


async def main(queue: asyncio.Queue[Any], args: dict[str, Any]) -> None:
    """Serve until cancelled, putting one event on the queue per accepted delivery."""
    settings = parse_args(args)
    ssl_context = _ssl_context(settings)
    if settings['secret'] is None:
        logger.warning('bitbucket.cloud.webhook: no secret set, deliveries are NOT authenticated: '
                       'anyone who can reach port %s can send events. Give the webhook a secret and set it here.',
                       settings['port'])
    runner = web.AppRunner(build_app(queue, settings))
    await runner.setup()
    try:
        site = web.TCPSite(runner, settings['host'], settings['port'], ssl_context=ssl_context)
        await site.start()
        logger.info('bitbucket.cloud.webhook listening on %s://%s:%s/ (events: %s)',
                    'https' if ssl_context else 'http', settings['host'], settings['port'],
                    ', '.join(sorted(settings['events'])) if settings['events'] else 'all')
        await asyncio.Future()
    finally:
        await runner.cleanup()
