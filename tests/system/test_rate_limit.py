# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bitbucket's rate limit is a one-hour window: a task outlasts 40 s of HTTP 429 with the default options."""

import time

PLAYBOOK = '''---
- name: A task that meets 40 s of rate limiting
  hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - name: Create a project while Bitbucket answers 429
      bitbucket.cloud.bitbucket_project:
        workspace: acme
        key: LIMITED
        name: Rate limited
      register: limited
'''


def test_forty_seconds_of_429_then_success(emu, playbook):
    book = playbook.write('limited.yml', PLAYBOOK)
    # Every request is answered 429 (plain text, no Retry-After) for 40 s, then served.
    emu.set_faults(rules=[{'status': 429, 'every': 1, 'seconds': 40}])
    started = time.monotonic()
    proc = playbook.run(book)
    took = time.monotonic() - started
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-4000:]
    assert took >= 40
    requests = [r for r in emu.requests() if r['path'].startswith('/2.0')]
    assert requests[-1]['status'] in (200, 201) and requests[0]['status'] == 429
    creates = [r for r in requests if r['method'] == 'POST' and r['status'] == 201]
    assert len(creates) == 1
    keys = [p['key'] for w in emu.state()['workspaces'] if w['slug'] == 'acme' for p in w['projects']]
    assert keys.count('LIMITED') == 1
    # The warning says how long the task waited for the window.
    assert 'rate-limited this run (HTTP 429): waited' in output
    assert 'changed=1' in output and 'failed=0' in output
