# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Many list reads a few at a time in parallel, for the plan and bitbucket_permissions_info (internal to the collection)."""

import threading
from concurrent.futures import ThreadPoolExecutor, wait, FIRST_EXCEPTION

from ansible_collections.bitbucket.cloud.plugins.module_utils.client import BitbucketClient

# Enough to hide latency without looking like a burst to Bitbucket's rate limiter.
WORKERS = 4


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


class BulkReader(object):
    """Lists many paths, a few at a time; each worker thread has its own client (a requests Session is not thread-safe).

    The first list is read by the module's own client, so its credentials are set up once before the workers copy them.
    """

    def __init__(self, client, workers=WORKERS):
        self.client = client
        self.workers = workers
        self.local = threading.local()
        self.clients = []
        self.lock = threading.Lock()
        self.warm = False

    def _worker_client(self):
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

    def _list(self, client, path, params):
        return list(client.paginate(path, params))

    def lists(self, jobs):
        """{key: every value of the list} for jobs [(key, path, params)]; the first failure stops the rest."""
        out = {}
        jobs = list(jobs)
        if jobs and not self.warm:
            key, path, params = jobs.pop(0)
            out[key] = self._list(self.client, path, params)
            self.warm = True
        if not jobs:
            return out
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            futures = dict((pool.submit(lambda p, q: self._list(self._worker_client(), p, q), path, params), key)
                           for key, path, params in jobs)
            done, pending = wait(futures, return_when=FIRST_EXCEPTION)
            for future in pending:
                future.cancel()
            for future in done:
                if future.exception() is not None:
                    raise future.exception()
            for future, key in futures.items():
                out[key] = future.result()
        return out

    def finish(self):
        """Counts the workers' retries on the module's client, which reports them as a warning."""
        for client in self.clients:
            self.client.retried += client.retried
            self.client.rate_limit_waited += client.rate_limit_waited
            self.client.calls.update(client.calls)
