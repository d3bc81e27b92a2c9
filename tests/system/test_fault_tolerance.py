# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The role converges the reference workspace under rate limits, 503s and lost replies, with nothing missing or doubled."""

import pytest

from playbook_runner import Playbook, collection_link, recap
from emulator.reference import base_seed, fewest_reads, reference_spec

SPEC = reference_spec(10)

# (429 every Nth request, 503 every Nth request, a write applied but its reply lost every Nth write);
# the periods are co-prime so that every kind of fault really fires.
FAULT_RUNS = [(5, 21, 4), (5, 21, 7), (6, 17, 3)]


def converged_state(emu):
    """What the role manages in acme, in a form where a duplicate or a missing object shows."""
    acme = next(w for w in emu.state()['workspaces'] if w['slug'] == 'acme')
    projects = sorted((p['key'], p['name'], p['description'], p['is_private'], repr(p['permissions']))
                      for p in acme['projects'])
    repos = []
    for r in acme['repositories']:
        hooks = sorted((h['url'], tuple(sorted(h['events'])), h['description'], h['active'], h['secret'])
                       for h in r['webhooks'])
        repos.append((r['slug'], r['name'], r['description'], r['is_private'], r['project'],
                      r['fork_policy'], r['language'], tuple(hooks), repr(r['permissions']),
                      tuple(sorted((b['kind'], b['pattern'], b['branch_type'], b['value'], tuple(b['users']), tuple(b['groups']))
                                   for b in r.get('branch_restrictions') or []))))
    return dict(projects=projects, repositories=sorted(repos))


@pytest.fixture(scope='module')
def fault_free(emulator, tmp_path_factory):
    """The end state of a converge with no fault, computed once."""
    collection_link()
    emulator.reset(seed=base_seed())
    proc = Playbook(emulator, tmp_path_factory.mktemp('fault-free')).provision(SPEC)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    state = converged_state(emulator)
    assert len(state['repositories']) == 10
    assert sum(len(r[7]) for r in state['repositories']) == 20
    assert sum(len(r[9]) for r in state['repositories']) == 20
    # The idempotent re-converge reads no more than the fewest reads a no-change check can make, and writes nothing.
    emulator.clear_requests()
    again = Playbook(emulator, tmp_path_factory.mktemp('fault-free-again')).provision(SPEC)
    assert recap(again.stdout)['changed'] == 0
    log = emulator.requests()
    assert [r for r in log if r['method'] != 'GET'] == []
    assert len(log) == fewest_reads(SPEC)
    return state


@pytest.mark.parametrize('every_429, every_503, every_lost', FAULT_RUNS)
def test_converge_under_faults_equals_fault_free(fault_free, emu, playbook, every_429, every_503, every_lost):
    emu.reset(seed=base_seed())
    emu.set_faults(rules=[
        {'status': 429, 'every': every_429},
        {'status': 503, 'every': every_503},
        {'action': 'drop_after_write', 'every': every_lost, 'count': 6, 'methods': ['POST', 'PUT', 'DELETE']},
    ])
    proc = playbook.provision(SPEC)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    log = emu.requests()
    assert sum(1 for r in log if r['status'] == 429) > 5
    assert sum(1 for r in log if r['status'] == 503) > 1
    assert sum(1 for r in log if r['status'] in (0, 'dropped')) >= 3
    emu.clear_faults()
    assert converged_state(emu) == fault_free
    again = playbook.provision(SPEC)
    assert again.returncode == 0
    assert recap(again.stdout)['changed'] == 0


def test_a_failed_write_says_what_was_already_done(emu, playbook):
    emu.reset(seed=base_seed())
    # Every grant write answers 500 (not retried): projects, repositories, webhooks and restrictions go in, grants
    # fail, and the default reviewers, who would have had access through them, are not tried.
    emu.set_faults(rules=[{'status': 500, 'every': 1, 'methods': ['PUT'], 'path': 'permissions-config'}])
    spec = reference_spec(2)
    proc = playbook.provision(spec)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    # One task says what failed (the 7 grants), and what was applied before and beside the failures.
    assert '7 of 22 planned changes failed' in output, output[-3000:]
    report = output.split('Applied: ', 1)[1].split('. Running it again', 1)[0]
    assert 'create project PLAT' in report and 'create repository service-001' in report
    assert 'create webhook https://chat.example.com/bitbucket of repository service-000' in report
    assert 'create permission' not in report and 'create default reviewer' not in report
    assert 'Skipped because of those: create default reviewer' in output
    emu.clear_faults()
    emu.clear_requests()
    again = playbook.provision(spec)
    assert again.returncode == 0, again.stdout[-3000:]
    # Only the grants were left to do, then the default reviewers.
    writes = [r for r in emu.requests() if r['method'] != 'GET']
    assert len(writes) == 9 and all('permissions-config' in r['path'] for r in writes[:7])
    assert all('default-reviewers' in r['path'] for r in writes[7:])
