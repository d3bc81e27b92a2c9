# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one HTTP client of the bitbucket.cloud collection (internal to the collection).

A requests Session (one connection for all calls of a run) with urllib3's Retry for 429 and
502/503/504, pagination by `next`, one error type, and writes that are never re-sent blindly.
"""

import traceback
from collections import Counter

from ansible.module_utils.six.moves.urllib.parse import quote

from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import BitbucketError

REQUESTS_IMPORT_ERROR = None
try:
    import requests
    from requests.adapters import HTTPAdapter
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


class BitbucketRetry(Retry):
    """urllib3 Retry that never re-sends a POST the server may have applied."""

    def is_retry(self, method, status_code, has_retry_after=False):
        if method and method.upper() == 'POST':
            return bool(self.total) and status_code in POST_SAFE_RETRY_STATUSES
        return super(BitbucketRetry, self).is_retry(method, status_code, has_retry_after)


def quote_segment(value):
    """One path segment, percent-encoded (slugs, keys and `{uuid}` values alike)."""
    return quote(str(value), safe='')


def api_path(*segments):
    """'/repositories/acme/my-repo' from ('repositories', 'acme', 'my-repo'), each segment encoded."""
    return '/' + '/'.join(quote_segment(s) for s in segments)


class BitbucketClient(object):
    """Calls the Bitbucket Cloud API 2.0; raises BitbucketError for every failure."""

    def __init__(self, auth, api_url=DEFAULT_API_URL, timeout=30, retries=5, validate_certs=True,
                 backoff_factor=1.0):
        self.auth = auth
        self.api_url = (api_url or DEFAULT_API_URL).rstrip('/')
        self.timeout = timeout
        self.retries = retries
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
        retry = BitbucketRetry(
            total=retries, connect=retries, read=retries, status=retries, other=0, redirect=3,
            status_forcelist=RETRY_STATUSES, allowed_methods=frozenset(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']),
            backoff_factor=backoff_factor, backoff_max=60, backoff_jitter=backoff_factor,
            respect_retry_after_header=True, raise_on_status=False)
        adapter = HTTPAdapter(max_retries=retry, pool_maxsize=8)
        self.session.mount('https://', adapter)
        self.session.mount('http://', adapter)

    def count_call(self, method):
        self.calls[method] += 1

    def _authenticate(self):
        if not self._authenticated:
            self.auth.apply(self)
            self._authenticated = True

    def request(self, method, path, params=None, json=None, url=None):
        """One API call. Returns the decoded JSON body, or None for an empty one (204)."""
        self._authenticate()
        target = url or self.api_url + path
        shown = path or target
        try:
            # requests sends Content-Length: 0 on a body-less PUT/POST, which Bitbucket requires (else 411).
            response = self.session.request(method, target, params=params, json=json, timeout=self.timeout)
        except requests.exceptions.RequestException as exc:
            self.count_call(method)
            lost = method != 'GET' and not isinstance(exc, requests.exceptions.ConnectTimeout)
            raise BitbucketError('%s (%s)' % ('no reply from Bitbucket' if lost else 'could not reach Bitbucket',
                                              type(exc).__name__),
                                 method=method, path=shown, reply_lost=lost)
        self.count_call(method)
        if response.headers.get('X-RateLimit-NearLimit', '').lower() == 'true':
            self.near_limit = True
        history = getattr(getattr(response.raw, 'retries', None), 'history', None) or ()
        self.retried += len(history)
        if response.status_code >= 400:
            raise self._error(method, shown, response, len(history))
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            raise BitbucketError('the reply was not JSON', method=method, path=shown, status=response.status_code)

    def _error(self, method, path, response, attempts):
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

    def paginate(self, path, params=None):
        """Every value of a paginated list, following `next` links as Bitbucket gives them."""
        query = dict(params or {})
        query.setdefault('pagelen', PAGELEN)
        page = self.request('GET', path, params=query)
        while True:
            yield from page.get('values', [])
            next_url = page.get('next')
            if not next_url:
                return
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
