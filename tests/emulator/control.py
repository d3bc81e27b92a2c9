"""EmulatorControl: a small requests-based client of the emulator's /_emulator control endpoints."""

import requests


class EmulatorControlError(RuntimeError):
    """A control call the emulator refused (e.g. an invalid seed or fault rule)."""


class EmulatorControl:
    """Reset state, read it, read the request log and configure faults of an emulator at url."""

    def __init__(self, url, timeout=30):
        self.url = url.rstrip('/')
        self.timeout = timeout
        self.session = requests.Session()

    def _call(self, method, path, body=None):
        response = self.session.request(method, self.url + '/_emulator' + path, json=body, timeout=self.timeout)
        if response.status_code >= 400:
            raise EmulatorControlError('%s %s: %s %s' % (method, path, response.status_code, response.text))
        return response.json() if response.content else None

    def reset(self, seed=None):
        """Load seed (a dict; None: the server's start seed); also clears the request log and faults."""
        return self._call('POST', '/reset', {'seed': seed} if seed is not None else {})

    def state(self):
        """The whole state document (webhook secrets included)."""
        return self._call('GET', '/state')

    def requests(self):
        """The request log: a list of {method, path, query, status, template, auth, fault}."""
        return self._call('GET', '/requests')['requests']

    def clear_requests(self):
        """Forget the request log."""
        self._call('DELETE', '/requests')

    def set_faults(self, **config):
        """Replace the fault configuration: latency_ms=N, rules=[...]; returns it with counters."""
        return self._call('POST', '/faults', config)

    def faults(self):
        """The active fault configuration with per-rule counters."""
        return self._call('GET', '/faults')

    def clear_faults(self):
        """No latency, no fault rules."""
        self._call('DELETE', '/faults')

    def close(self):
        """Close the HTTP session."""
        self.session.close()
