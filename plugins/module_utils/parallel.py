# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Requests a few at a time in parallel, for the workspace engine and bitbucket_permissions_info (internal to the collection).

Each worker thread has its own client (a requests Session is not thread-safe) with the module client's
credentials. When Bitbucket says a rate limit is near (X-RateLimit-NearLimit: true), one request at a time.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.bitbucket.cloud.plugins.module_utils.client import BitbucketClient

# Enough to hide latency without looking like a burst to Bitbucket's rate limiter (whose budget is per hour,
# whatever the concurrency): writes (the default of bitbucket_workspace's parallel), and reads, which change
# nothing (10, as Terraform's default parallelism).
WORKERS = 4
READ_WORKERS = 10


class SharedAuth(object):
    """The credentials of the module's client, reused by a worker thread's own client (no second token exchange)."""

    def __init__(self, main):
        self.main = main

    def describe(self):
        return self.main.auth.describe()

    def unauthorized_hint(self):
        return self.main.auth.unauthorized_hint()

    def apply(self, client):
        client.session.auth = self.main.session.auth
        header = self.main.session.headers.get('Authorization')
        if header:
            client.session.headers['Authorization'] = header


class Gate(object):
    """At most `limit` requests in flight; the limit drops to one for good once a response says the rate limit is near."""

    def __init__(self, limit):
        self.limit = limit
        self.in_flight = 0
        self.condition = threading.Condition()

    def __enter__(self):
        with self.condition:
            while self.in_flight >= self.limit:
                self.condition.wait()
            self.in_flight += 1

    def __exit__(self, *exc):
        with self.condition:
            self.in_flight -= 1
            self.condition.notify_all()

    def slow_down(self):
        with self.condition:
            self.limit = 1


class Workers(object):
    """Runs jobs (key, function(client)) a few at a time; the module's client makes the first call alone."""

    def __init__(self, client, workers=WORKERS):
        self.client = client
        self.workers = max(1, workers)
        self.gate = Gate(1 if getattr(client, 'near_limit', False) else self.workers)
        self.local = threading.local()
        self.clients = []
        self.lock = threading.Lock()
        self.warm = False

    @property
    def near_limit(self):
        return any(getattr(c, 'near_limit', False) for c in [self.client] + self.clients)

    def _thread_client(self):
        client = getattr(self.local, 'client', None)
        if client is None:
            main = self.client
            client = BitbucketClient(SharedAuth(main), api_url=main.api_url, timeout=main.timeout,
                                     retries=main.retries, validate_certs=main.validate_certs,
                                     rate_limit_wait=main.rate_limit_wait, no_log_values=main.no_log_values)
            self.local.client = client
            with self.lock:
                self.clients.append(client)
        return client

    def _call(self, function, client):
        with self.gate:
            try:
                return function(client)
            finally:
                if client.near_limit:
                    # Kept on the module's client, so that later phases start at one request in flight too.
                    self.client.near_limit = True
                    self.gate.slow_down()

    def run(self, jobs, stop_on_error=True):
        """{key: result} of jobs [(key, function(client))]; with stop_on_error False, {key: result or exception}."""
        out = {}
        jobs = list(jobs)
        if not jobs:
            return out
        if not self.warm:
            # The credentials are set up once (a token exchange, at most) before the workers copy them.
            self.client.authenticate()
            self.warm = True
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            futures = [(key, pool.submit(lambda f: self._call(f, self._thread_client()), function)) for key, function in jobs]
            for key, future in futures:
                error = future.exception()
                if error is not None and stop_on_error:
                    for dummy, other in futures:
                        other.cancel()
                    raise error
                out[key] = error if error is not None else future.result()
        return out

    def finish(self):
        """Counts the workers' retries and calls on the module's client, which reports them."""
        for client in self.clients:
            self.client.retried += client.retried
            self.client.rate_limit_waited += client.rate_limit_waited
            self.client.calls.update(client.calls)
        self.clients = []


class BulkReader(Workers):
    """Reads many lists (every page of each), a few at a time."""

    def __init__(self, client, workers=READ_WORKERS):
        super(BulkReader, self).__init__(client, workers)

    def lists(self, jobs):
        """{key: every value of the list} for jobs [(key, path, params)]; the first failure stops the rest.

        A path marked single_object (resource.ObjectPath) is read with one GET: [object], or [] on a 404.
        """
        return self.run((key, lambda client, p=path, q=params: _read(client, p, q)) for key, path, params in jobs)


def _read(client, path, params):
    """Every value of a list, or [the object] of a single-object path (resource.ObjectPath; 404: [])."""
    if getattr(path, 'single_object', False):
        found = client.get_or_none(path, params)
        return [] if found is None else [found]
    return list(client.paginate(path, params))
