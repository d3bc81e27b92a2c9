# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one HTTP client of the bitbucket.cloud collection (internal to the collection).

A requests Session (one connection for all calls of a run) with urllib3's Retry for 429 and
502/503/504, a longer wait for Bitbucket's one-hour rate-limit window, pagination by `next`
(same origin only: credentials never leave api_url's scheme, host and port), one error type,
and writes that are never re-sent blindly. Works with urllib3 1.26 and 2.x.
"""

import random
import time
import traceback
from collections import Counter

from ansible.module_utils.six.moves.urllib.parse import quote, urlsplit

from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import BitbucketError

REQUESTS_IMPORT_ERROR = None
try:
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3 import disable_warnings
    from urllib3.exceptions import InsecureRequestWarning, NewConnectionError
    from urllib3.util.retry import Retry
    HAS_REQUESTS = True
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
    Retry = object  # lets the class below be defined; it is never used without requests

COLLECTION_VERSION = '1.0.0'
DEFAULT_API_URL = 'https://api.bitbucket.org/2.0'
DEFAULT_TOKEN_URL = 'https://bitbucket.org/site/oauth2/access_token'
RETRY_STATUSES = (429, 502, 503, 504)
# A POST answered with these was certainly not applied; 502/504 from a proxy may hide an applied write.
POST_SAFE_RETRY_STATUSES = (429, 503)
PAGELEN = 100
# One list never has more pages than this (100,000 objects at pagelen 100): a server that keeps
# answering `next` cannot keep a module busy forever.
MAX_PAGES = 1000
# The longest single wait, for urllib3's backoff and for the rate-limit wait alike.
MAX_BACKOFF = 60
# The first wait of the rate-limit phase (after the fast retries); it doubles up to MAX_BACKOFF.
RATE_LIMIT_FIRST_WAIT = 15
DEFAULT_TIMEOUT = 30
DEFAULT_RETRIES = 5
DEFAULT_RATE_LIMIT_WAIT = 300
DEFAULT_PORTS = {'http': 80, 'https': 443}


class BitbucketRetry(Retry):
    """urllib3 Retry that never re-sends a POST the server may have applied.

    The backoff (exponential, with jitter, at most MAX_BACKOFF seconds) is computed here, so it is
    the same on urllib3 1.26, which has neither backoff_max nor backoff_jitter, and on 2.x.
    """

    def is_retry(self, method, status_code, has_retry_after=False):
        if method and method.upper() == 'POST':
            return bool(self.total) and status_code in POST_SAFE_RETRY_STATUSES
        return super(BitbucketRetry, self).is_retry(method, status_code, has_retry_after)

    def get_backoff_time(self):
        consecutive = 0
        for attempt in reversed(self.history):
            if attempt.redirect_location is not None:
                break
            consecutive += 1
        if consecutive <= 1:
            return 0
        value = self.backoff_factor * (2 ** (consecutive - 1))
        return min(MAX_BACKOFF, value + random.uniform(0, self.backoff_factor))


def quote_segment(value):
    """One path segment, percent-encoded (slugs, keys and `{uuid}` values alike).

    `.` and `..` (and an empty segment) are refused: a URL normalizer would turn them into a
    path to another endpoint (`repositories/acme/./hooks` is `repositories/acme/hooks`).
    """
    text = str(value)
    if text in ('', '.', '..'):
        raise BitbucketError('%r is not allowed as a part of an API path' % text)
    return quote(text, safe='')


def api_path(*segments):
    """'/repositories/acme/my-repo' from ('repositories', 'acme', 'my-repo'), each segment encoded."""
    return '/' + '/'.join(quote_segment(s) for s in segments)


def origin(url):
    """(scheme, host, port) of a URL, the port made explicit; what decides where credentials may go."""
    parts = urlsplit(url)
    scheme = (parts.scheme or '').lower()
    try:
        port = parts.port
    except ValueError:
        port = -1  # a malformed port never matches
    return scheme, (parts.hostname or '').lower(), port or DEFAULT_PORTS.get(scheme)


def shown_url(url):
    """A URL as it may appear in a message: scheme, host, port and path; no user info, query or fragment."""
    parts = urlsplit(url)
    host = parts.hostname or ''
    try:
        port = parts.port
    except ValueError:
        port = None
    return '%s://%s%s%s' % (parts.scheme, host, ':%d' % port if port else '', parts.path)


def _never_sent(exc):
    """True when a request failed before it reached the server (refused, unresolvable, connect timeout)."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    reason = exc.args[0] if exc.args else None
    return isinstance(getattr(reason, 'reason', reason), NewConnectionError)


def _retry_kwargs(retries, backoff_factor):
    """Retry's options, all known to urllib3 1.26 and 2.x (the backoff cap and jitter are in BitbucketRetry)."""
    return dict(total=retries, connect=retries, read=retries, status=retries, other=0, redirect=3,
                status_forcelist=RETRY_STATUSES, allowed_methods=frozenset(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']),
                backoff_factor=backoff_factor, respect_retry_after_header=True, raise_on_status=False)


class BitbucketClient(object):
    """Calls the Bitbucket Cloud API 2.0; raises BitbucketError for every failure."""

    def __init__(self, auth, api_url=DEFAULT_API_URL, timeout=DEFAULT_TIMEOUT, retries=DEFAULT_RETRIES,
                 validate_certs=True, backoff_factor=1.0, rate_limit_wait=DEFAULT_RATE_LIMIT_WAIT,
                 rate_limit_first_wait=RATE_LIMIT_FIRST_WAIT, no_log_values=None):
        self.auth = auth
        self.api_url = (api_url or DEFAULT_API_URL).rstrip('/')
        self.origin = origin(self.api_url)
        self.timeout = timeout
        self.retries = retries
        self.rate_limit_wait = rate_limit_wait
        self.rate_limit_first_wait = rate_limit_first_wait
        # Seconds spent waiting out HTTP 429 after the fast retries (the module warns about it).
        self.rate_limit_waited = 0.0
        # Passed on every request: a session-level verify loses to REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE.
        self.validate_certs = validate_certs
        # Secrets the client learns (an OAuth access token) are added here: the module's no_log_values.
        self.no_log_values = no_log_values if no_log_values is not None else set()
        self.calls = Counter()
        self.retried = 0
        # Set when a response says a rate limit is near (X-RateLimit-NearLimit: true); the engine slows down.
        self.near_limit = False
        self._authenticated = False
        self.session = requests.Session()
        self.session.verify = validate_certs
        self.session.headers['User-Agent'] = 'bitbucket.cloud-ansible-collection/%s python-requests/%s' % (
            COLLECTION_VERSION, requests.__version__)
        self.session.headers['Accept'] = 'application/json'
        if not validate_certs:
            # The module warns once that certificates are not verified; not once per request on stderr.
            disable_warnings(InsecureRequestWarning)
        retry = BitbucketRetry(**_retry_kwargs(retries, backoff_factor))
        adapter = HTTPAdapter(max_retries=retry, pool_maxsize=8)
        self.session.mount('https://', adapter)
        self.session.mount('http://', adapter)

    def count_call(self, method):
        self.calls[method] += 1

    def add_secret(self, value):
        """Mask a secret the client obtained (e.g. an OAuth access token) in everything the module prints."""
        if value:
            self.no_log_values.add(value)

    def send(self, method, url, shown, **kwargs):
        """requests' call with this client's timeout and TLS setting; a failure becomes BitbucketError.

        Used for the API and for the OAuth token endpoint alike; `shown` is what a message may name.
        """
        kwargs.setdefault('timeout', self.timeout)
        try:
            return self.session.request(method, url, verify=self.validate_certs, **kwargs)
        except requests.exceptions.SSLError:
            self.count_call(method)
            raise BitbucketError('the TLS certificate of %s could not be verified (SSLError)' % shown_url(url),
                                 method=method, path=shown,
                                 hint='Install the CA that signs it (REQUESTS_CA_BUNDLE), or set validate_certs: '
                                      'false for a trusted test endpoint only.')
        except requests.exceptions.RequestException as exc:
            self.count_call(method)
            lost = method != 'GET' and not _never_sent(exc)
            raise BitbucketError('%s (%s)' % ('no reply from Bitbucket' if lost else 'could not reach %s'
                                              % shown_url(url), type(exc).__name__),
                                 method=method, path=shown, reply_lost=lost)

    def authenticate(self):
        """Set up the credentials now (a token exchange, at most), before worker threads copy them."""
        self._authenticate()

    def _authenticate(self):
        if not self._authenticated:
            self.auth.apply(self)
            self._authenticated = True

    def request(self, method, path, params=None, json=None, url=None):
        """One API call. Returns the decoded JSON body, or None for an empty one (204)."""
        self._authenticate()
        target = url or self.api_url + path
        shown = path or shown_url(target)
        # requests sends Content-Length: 0 on a body-less PUT/POST, which Bitbucket requires (else 411).
        response = self.send(method, target, shown, params=params, json=json)
        self.count_call(method)
        attempts = self._count_retries(response)
        # Bitbucket's rate limit is a rolling one-hour window: past the fast retries, keep trying with
        # capped exponential backoff until rate_limit_wait seconds have passed. A 429 was not applied,
        # so re-sending a POST is safe.
        started = time.monotonic()
        wait = self.rate_limit_first_wait
        waited = 0
        while response.status_code == 429:
            spent = time.monotonic() - started
            if spent >= self.rate_limit_wait:
                break
            time.sleep(min(wait, self.rate_limit_wait - spent))
            wait = min(wait * 2, MAX_BACKOFF)
            response = self.send(method, target, shown, params=params, json=json)
            self.count_call(method)
            self.retried += 1
            attempts += 1 + self._count_retries(response)
            waited = time.monotonic() - started
        self.rate_limit_waited += waited
        if response.headers.get('X-RateLimit-NearLimit', '').lower() == 'true':
            self.near_limit = True
        if response.status_code >= 400:
            raise self._error(method, shown, response, attempts, waited)
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            raise BitbucketError('the reply was not JSON', method=method, path=shown, status=response.status_code)

    def _count_retries(self, response):
        history = getattr(getattr(response.raw, 'retries', None), 'history', None) or ()
        self.retried += len(history)
        return len(history)

    def _error(self, method, path, response, attempts, waited=0):
        status = response.status_code
        fields = detail = None
        message = response.reason or 'error'
        try:
            body = response.json()
        except ValueError:
            body = None
            # Bitbucket's 429 (and some proxies' 5xx) answer in text/plain.
            if response.text and len(response.text) < 300:
                message = response.text.strip()
        if isinstance(body, dict):
            error = body.get('error') if isinstance(body.get('error'), dict) else {}
            message = error.get('message') or body.get('error_description') or message
            fields = error.get('fields')
            detail = error.get('detail')
        hint = None
        reply_lost = False
        if status == 401:
            hint = 'Credentials used: %s. %s' % (self.auth.describe(), self.auth.unauthorized_hint())
        elif status == 403:
            required = detail.get('required') if isinstance(detail, dict) else None
            if required:
                hint = 'The credentials (%s) lack the required scope(s): %s.' % (
                    self.auth.describe(), ', '.join(required))
            else:
                hint = 'The credentials (%s) are not allowed to do this (missing scope or permission).' % (
                    self.auth.describe())
        elif status == 410:
            hint = 'Atlassian withdrew this endpoint (CHANGE-2770); the collection should not call it, please report it.'
        elif status == 429 and waited:
            hint = ('Bitbucket kept rate-limiting (HTTP 429) after %d retries and %d s of waiting (options retries '
                    'and rate_limit_wait); its window is one hour.' % (attempts, waited))
        elif status in RETRY_STATUSES:
            hint = 'Gave up after %d retries (option retries).' % attempts if attempts else None
            reply_lost = method == 'POST' and status in (502, 504)
        return BitbucketError(message, method=method, path=path, status=status, fields=fields,
                              detail=detail, hint=hint, reply_lost=reply_lost)

    def get(self, path, params=None):
        return self.request('GET', path, params=params)

    def get_or_none(self, path, params=None):
        """GET that answers None for 404."""
        try:
            return self.get(path, params=params)
        except BitbucketError as exc:
            if exc.status == 404:
                return None
            raise

    def paginate(self, path, params=None, max_pages=MAX_PAGES):
        """Every value of a paginated list, following `next` links as Bitbucket gives them.

        A `next` link is followed only to api_url's own scheme, host and port (the credentials go
        with it), never twice, and at most max_pages pages are read.
        """
        query = dict(params or {})
        query.setdefault('pagelen', PAGELEN)
        page = self.request('GET', path, params=query)
        seen = set()
        pages = 1
        while True:
            yield from page.get('values', [])
            next_url = page.get('next')
            if not next_url:
                return
            if not isinstance(next_url, str) or origin(next_url) != self.origin:
                raise BitbucketError(
                    'the reply\'s next page link points to %s, not to api_url (%s); it was not followed, so the '
                    'credentials were not sent there' % (shown_url(str(next_url)), shown_url(self.api_url)),
                    method='GET', path=path,
                    hint='If Bitbucket is reached through a proxy, set api_url to the address the proxy uses in '
                         'its links.')
            if next_url in seen:
                raise BitbucketError('the list repeats a page (its next link points back to %s); stopped after %d '
                                     'pages' % (shown_url(next_url), pages), method='GET', path=path)
            if pages >= max_pages:
                raise BitbucketError('the list has more than %d pages; stopped reading it' % max_pages,
                                     method='GET', path=path)
            seen.add(next_url)
            pages += 1
            page = self.request('GET', path, url=next_url)

    def put(self, path, body):
        return self.request('PUT', path, json=body)

    def create(self, path, body, find_created):
        """POST that never creates twice: after a lost reply it looks for the object before re-sending.

        `find_created()` returns the object if the lost POST was applied, else None.
        """
        for attempt in range(self.retries + 1):
            try:
                return self.request('POST', path, json=body)
            except BitbucketError as exc:
                if not exc.reply_lost or attempt == self.retries:
                    raise
                found = find_created()
                if found is not None:
                    return found
        return None  # not reached: the last attempt returns or raises

    def delete(self, path):
        """DELETE; an object already gone (e.g. a retried DELETE whose first reply was lost) counts as deleted."""
        try:
            self.request('DELETE', path)
        except BitbucketError as exc:
            if exc.status != 404:
                raise
