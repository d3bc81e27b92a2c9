"""The emulator instance behind one Flask app: its state, git repositories, fault injector, request log and start seed."""

import copy

from flask import current_app

from .faults import FaultInjector, RequestLog
from .git import GitStore
from .seed import normalize, resolve_seed
from .state import Store

EXTENSION_KEY = 'bitbucket_emulator'


class Emulator:
    """Everything a request handler needs besides the request itself."""

    def __init__(self, seed=None):
        self.start_state = normalize(resolve_seed(seed))
        self.store = Store(copy.deepcopy(self.start_state))
        self.faults = FaultInjector()
        self.log = RequestLog()
        self.git = GitStore()

    def reset(self, seed=None):
        """Load a seed dict (None: the start seed) and forget the request log and the faults."""
        state = normalize(seed) if seed is not None else copy.deepcopy(self.start_state)
        with self.store.lock:
            self.store.replace(state)
            self.git.clear()
            self.log.clear()
            self.faults.clear()


def current_emulator():
    """The Emulator of the app serving the current request."""
    return current_app.extensions[EXTENSION_KEY]
