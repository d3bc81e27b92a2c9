"""Shared pytest fixtures of the collection's tests: a running Bitbucket API emulator (tests/emulator)."""

import os
import sys

import pytest

# tests/ holds the emulator package; the emulator itself is imported lazily, inside the fixtures
TESTS_DIR = os.path.dirname(os.path.abspath(__file__))
if TESTS_DIR not in sys.path:
    sys.path.insert(0, TESTS_DIR)


@pytest.fixture(scope='session')
def emulator():
    """One emulator for the whole session, loaded with tests/emulator/seeds/sample.yml.

    Yields an object with .url, .api_url, .token_url and the EmulatorControl methods
    (reset, state, requests, clear_requests, set_faults, clear_faults).
    """
    from emulator.testing import RunningEmulator
    with RunningEmulator() as running:
        yield running


@pytest.fixture
def emu(emulator):
    """The session emulator with the sample state restored and no faults or logged requests."""
    emulator.reset()
    yield emulator
