# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""End to end: a real ansible-rulebook runs extensions/eda/rulebooks/push_to_main.yml.

`make eda` installs ansible-rulebook (tests/eda/requirements-rulebook.txt) into its own
virtual environment and points RULEBOOK_VENV at it; ANSIBLE_COLLECTIONS_PATH holds a link to
this checkout, so bitbucket.cloud.webhook, the rulebook and the playbook are the live tree.
The rulebook listens on 127.0.0.1 only. Deliveries are signed like Bitbucket's; the
playbook appends one line per run to BITBUCKET_PUSH_LOG, which is what is counted.
"""

import hashlib
import hmac
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

SECRET = 'e2e-webhook-secret-7c41d9'
STARTUP_TIMEOUT = 90
RUN_TIMEOUT = 60


def push(branch, commit):
    return {
        'push': {'changes': [{'new': {'type': 'branch', 'name': branch, 'target': {'type': 'commit', 'hash': commit}},
                              'old': {'type': 'branch', 'name': branch, 'target': {'type': 'commit', 'hash': '0' * 40}},
                              'created': False, 'closed': False, 'forced': False}]},
        'repository': {'full_name': 'acme/api', 'type': 'repository'},
        'actor': {'display_name': 'Alice'},
    }


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


class Rulebook(object):
    """One ansible-rulebook process in its own process group, always stopped at the end."""

    def __init__(self, venv, tmp_path):
        self.port = free_port()
        self.url = 'http://127.0.0.1:%d' % self.port
        self.push_log = tmp_path / 'push.log'
        self.output = tmp_path / 'ansible-rulebook.log'
        inventory = tmp_path / 'inventory.yml'
        inventory.write_text('all:\n  hosts:\n    localhost:\n      ansible_connection: local\n'
                             '      ansible_python_interpreter: "{{ ansible_playbook_python }}"\n')
        env = dict(os.environ)
        env.update({
            'PATH': str(venv / 'bin') + os.pathsep + env.get('PATH', ''),
            'VIRTUAL_ENV': str(venv),
            'BITBUCKET_WEBHOOK_HOST': '127.0.0.1',
            'BITBUCKET_WEBHOOK_PORT': str(self.port),
            'BITBUCKET_WEBHOOK_SECRET': SECRET,
            'BITBUCKET_PUSH_LOG': str(self.push_log),
            'ANSIBLE_NOCOLOR': '1',
            'ANSIBLE_LOCAL_TEMP': str(tmp_path / 'ansible-tmp'),
            'HOME': env.get('HOME', str(tmp_path)),
        })
        self._out = open(self.output, 'wb')
        self.proc = subprocess.Popen(
            [str(venv / 'bin' / 'ansible-rulebook'), '-vv', '-i', str(inventory),
             '--rulebook', 'bitbucket.cloud.push_to_main',
             '--env-vars', 'BITBUCKET_WEBHOOK_HOST,BITBUCKET_WEBHOOK_PORT,BITBUCKET_WEBHOOK_SECRET'],
            cwd=str(tmp_path), env=env, stdout=self._out, stderr=subprocess.STDOUT, start_new_session=True)

    def log(self):
        return self.output.read_text(errors='replace')

    def wait_until_listening(self):
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail('ansible-rulebook exited with %s before listening:\n%s' % (self.proc.returncode, self.log()))
            try:
                with urllib.request.urlopen(self.url + '/health', timeout=2) as resp:
                    if resp.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.25)
        pytest.fail('ansible-rulebook did not listen within %ss:\n%s' % (STARTUP_TIMEOUT, self.log()))

    def deliver(self, payload, request_uuid, attempt=1, secret=SECRET, event_key='repo:push'):
        body = json.dumps(payload).encode()
        headers = {'Content-Type': 'application/json', 'User-Agent': 'Bitbucket-Webhooks/2.0',
                   'X-Event-Key': event_key, 'X-Hook-UUID': '{0b6c1c4e-1111-4000-8000-000000000002}',
                   'X-Request-UUID': request_uuid, 'X-Attempt-Number': str(attempt)}
        if secret:
            headers['X-Hub-Signature'] = 'sha256=' + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        request = urllib.request.Request(self.url + '/', data=body, headers=headers, method='POST')
        try:
            with urllib.request.urlopen(request, timeout=10) as resp:
                return resp.status
        except urllib.error.HTTPError as err:
            return err.code

    def runs(self):
        if not self.push_log.exists():
            return []
        return [line for line in self.push_log.read_text().splitlines() if line.strip()]

    def wait_for_runs(self, count):
        deadline = time.monotonic() + RUN_TIMEOUT
        while time.monotonic() < deadline:
            if len(self.runs()) >= count:
                return self.runs()
            if self.proc.poll() is not None:
                pytest.fail('ansible-rulebook exited with %s:\n%s' % (self.proc.returncode, self.log()))
            time.sleep(0.25)
        pytest.fail('the playbook did not run %d time(s) within %ss; runs: %r\n%s'
                    % (count, RUN_TIMEOUT, self.runs(), self.log()))

    def stop(self):
        """SIGTERM to the process group, SIGKILL after 15 s: nothing is left running."""
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=15)
            except ProcessLookupError:
                pass
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)  # stray children of the group, if any
        except (ProcessLookupError, PermissionError):
            pass
        self._out.close()


@pytest.fixture
def rulebook(tmp_path):
    venv = os.environ.get('RULEBOOK_VENV')
    if not venv or not (Path(venv) / 'bin' / 'ansible-rulebook').exists():
        pytest.fail('RULEBOOK_VENV must point at a virtual environment with ansible-rulebook: run `make eda`')
    running = Rulebook(Path(venv), tmp_path)
    try:
        running.wait_until_listening()
        yield running
    finally:
        running.stop()


def test_push_to_main_runs_the_playbook_once_per_delivery(rulebook):
    first = '{%s}' % uuid.uuid4()
    second = '{%s}' % uuid.uuid4()

    # Refused before the rules engine: nothing may run for these.
    assert rulebook.deliver(push('main', 'f' * 40), '{%s}' % uuid.uuid4(), secret=None) == 401
    assert rulebook.deliver(push('main', 'e' * 40), '{%s}' % uuid.uuid4(), secret='not-the-secret') == 401

    assert rulebook.deliver(push('main', 'a' * 40), first, attempt=1) == 200
    runs = rulebook.wait_for_runs(1)
    assert len(runs) == 1 and 'request=%s attempt=1' % first in runs[0] and 'a' * 40 in runs[0]

    # Bitbucket's retry of the same delivery: acknowledged, not run again.
    assert rulebook.deliver(push('main', 'a' * 40), first, attempt=2) == 200
    # A push to another branch and another event: accepted, but no rule matches / filtered out.
    assert rulebook.deliver(push('feature/x', 'b' * 40), '{%s}' % uuid.uuid4()) == 200
    assert rulebook.deliver({'pullrequest': {'id': 1}}, '{%s}' % uuid.uuid4(), event_key='pullrequest:created') == 200
    # A later, new delivery: once it has run, everything sent before it has been handled
    # (events are processed in order), so the run count is final.
    assert rulebook.deliver(push('main', 'c' * 40), second, attempt=1) == 200
    runs = rulebook.wait_for_runs(2)
    time.sleep(1)
    runs = rulebook.runs()

    assert len(runs) == 2, runs
    assert 'request=%s attempt=1' % first in runs[0]
    assert 'request=%s attempt=1' % second in runs[1] and 'c' * 40 in runs[1]
    log = rulebook.log()
    assert log.count('PLAY RECAP') == 2, log
    assert 'already queued: not queued again' in log
    assert SECRET not in log
