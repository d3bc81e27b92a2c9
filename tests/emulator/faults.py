"""Injected faults (latency, error statuses, a dropped connection after a write) and the request log."""

import re
import threading
import time

FAULT_STATUSES = (429, 500, 502, 503, 504)
DROP_AFTER_WRITE = 'drop_after_write'
WRITE_METHODS = ('POST', 'PUT', 'DELETE', 'PATCH')
DROPPED_STATUS = 0
BBQL_KEYWORDS = ('in', 'not')


class FaultConfigError(ValueError):
    """A faults document that cannot be applied; the message says why."""


def _positive_int(rule, key, default, where):
    value = rule.get(key, default)
    if value is None and key == 'count':
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise FaultConfigError('%s: %s must be a positive integer' % (where, key))
    return value


class FaultRule:
    """One rule: fires on every Nth request it matches, at most count times."""

    def __init__(self, spec, index):
        where = 'rules[%d]' % index
        if not isinstance(spec, dict):
            raise FaultConfigError('%s: a rule is an object' % where)
        self.status = spec.get('status')
        self.action = spec.get('action')
        if (self.status is None) == (self.action is None):
            raise FaultConfigError('%s: give exactly one of status or action' % where)
        if self.status is not None and self.status not in FAULT_STATUSES:
            raise FaultConfigError('%s: status must be one of %s' % (where, ', '.join(map(str, FAULT_STATUSES))))
        if self.action is not None and self.action != DROP_AFTER_WRITE:
            raise FaultConfigError('%s: action must be %s' % (where, DROP_AFTER_WRITE))
        self.every = _positive_int(spec, 'every', 1, where)
        self.count = _positive_int(spec, 'count', None, where)
        seconds = spec.get('seconds')
        if seconds is not None and (isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds <= 0):
            raise FaultConfigError('%s: seconds must be a positive number' % where)
        # with seconds, the rule fires only during that many seconds after it was set
        self.until = time.monotonic() + seconds if seconds is not None else None
        methods = spec.get('methods')
        if methods is not None and (not isinstance(methods, list) or not all(isinstance(method, str) for method in methods)):
            raise FaultConfigError('%s: methods is a list of HTTP methods' % where)
        if methods is None and self.action:
            # "after write": by default a drop rule counts only the methods that change state
            methods = WRITE_METHODS
        self.methods = tuple(method.upper() for method in methods) if methods is not None else None
        try:
            self.path = re.compile(spec['path']) if spec.get('path') else None
        except (re.error, TypeError) as error:
            raise FaultConfigError('%s: path is not a valid regular expression: %s' % (where, error)) from None
        self.matched = 0
        self.fired = 0
        self.spec = dict(spec)

    def matches(self, method, path):
        """True when the request is one this rule counts."""
        if self.methods is not None and method.upper() not in self.methods:
            return False
        return self.path is None or bool(self.path.search(path))

    def due(self):
        """True when the request just counted is an Nth one and the rule has fires left."""
        if self.until is not None and time.monotonic() >= self.until:
            return False
        return self.matched % self.every == 0 and (self.count is None or self.fired < self.count)

    def describe(self):
        """The rule as configured, with its counters."""
        return dict(self.spec, matched=self.matched, fired=self.fired)


class FaultInjector:
    """The active fault configuration; thread-safe."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latency_ms = 0
        self.rules = []
        self.next_link = None
        # BBQL keywords ('in', 'not') that repository lists answer with 400 Invalid query, as a Bitbucket
        # that does not support them on that endpoint would (issue 11: `slug IN (...)` is unconfirmed there).
        self.bbql_unsupported = ()

    def configure(self, document):
        """Replace the configuration with {latency_ms, rules}; raises FaultConfigError."""
        if not isinstance(document, dict):
            raise FaultConfigError('the faults document is an object with latency_ms and rules')
        latency = document.get('latency_ms', 0)
        if isinstance(latency, bool) or not isinstance(latency, (int, float)) or latency < 0:
            raise FaultConfigError('latency_ms must be a number of milliseconds >= 0')
        rules = document.get('rules') or []
        if not isinstance(rules, list):
            raise FaultConfigError('rules is a list')
        built = [FaultRule(rule, index) for index, rule in enumerate(rules)]
        next_link = document.get('next_link')
        if next_link is not None and not isinstance(next_link, str):
            raise FaultConfigError('next_link is "self" or a URL that every list page gives as its next page')
        unsupported = document.get('bbql_unsupported') or []
        known = isinstance(unsupported, list) and all(isinstance(k, str) and k.lower() in BBQL_KEYWORDS for k in unsupported)
        if not known:
            raise FaultConfigError('bbql_unsupported is a list of BBQL keywords among %s' % ', '.join(BBQL_KEYWORDS))
        with self.lock:
            self.latency_ms = latency
            self.rules = built
            self.next_link = next_link
            self.bbql_unsupported = tuple(k.lower() for k in unsupported)

    def clear(self):
        """No latency, no rules."""
        with self.lock:
            self.latency_ms = 0
            self.rules = []
            self.next_link = None
            self.bbql_unsupported = ()

    def decide(self, method, path):
        """Count the request in every matching rule; return the first rule that fires, or None."""
        chosen = None
        with self.lock:
            for rule in self.rules:
                if not rule.matches(method, path):
                    continue
                rule.matched += 1
                if chosen is None and rule.due():
                    rule.fired += 1
                    chosen = rule
        return chosen

    def describe(self):
        """The configuration with counters, for GET /_emulator/faults."""
        with self.lock:
            return {'latency_ms': self.latency_ms, 'rules': [rule.describe() for rule in self.rules],
                    'next_link': self.next_link, 'bbql_unsupported': list(self.bbql_unsupported)}


class RequestLog:
    """Every request to /2.0 and to the token endpoint, in arrival order."""

    def __init__(self):
        self.lock = threading.Lock()
        self.entries = []

    def add(self, entry):
        """Append an entry (a dict the request fills in as it goes)."""
        with self.lock:
            self.entries.append(entry)

    def snapshot(self):
        """Copies of all entries."""
        with self.lock:
            return [dict(entry) for entry in self.entries]

    def clear(self):
        """Forget every entry."""
        with self.lock:
            self.entries = []
