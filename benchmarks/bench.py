"""API calls and wall time of the workspace_provision role and of one module task (`make bench`).

For reference workspaces of 10 and 100 repositories (3 projects, 2 webhooks, 2 grants and 2 branch
restrictions per repository) on the emulator with 50 ms latency per request: the first converge, the idempotent
re-converge and the drift check (wall time, API calls by method and endpoint, token requests),
beside the fewest reads a no-change check could make. Then the plan alone of 100 and 1,000
repositories at 0 ms latency (reads, seconds, peak memory), to show how it grows. Then one
bitbucket_repo task against the equivalent ansible.builtin.uri GET, timed in one playbook run
(callback_plugins/bench_timer.py). Prints a table, writes JSON.
"""

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'tests'))

import yaml  # noqa: E402  (after the path set-up above)

from emulator.control import EmulatorControl  # noqa: E402
from emulator.reference import base_seed, fewest_reads, reference_spec  # noqa: E402
from emulator.server import EmulatorServer  # noqa: E402

WRITE_METHODS = ('POST', 'PUT', 'DELETE')
RUNS = ('first_converge', 'reconverge', 'drift_check')
TOKEN_PATH = '/site/oauth2/access_token'


def playbook_env(emulator):
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith('BITBUCKET_'))
    env.update(
        ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.tmp', 'collections'),
        ANSIBLE_CALLBACK_PLUGINS=os.path.join(ROOT, 'benchmarks', 'callback_plugins'),
        ANSIBLE_CALLBACKS_ENABLED='bench_timer', ANSIBLE_LOCALHOST_WARNING='false',
        ANSIBLE_INVENTORY_UNPARSED_WARNING='false', ANSIBLE_RETRY_FILES_ENABLED='false',
        BITBUCKET_API_URL=emulator.api_url, BITBUCKET_USER='alice@example.com',
        BITBUCKET_API_TOKEN='alice-api-token')
    return env


def run_playbook(emulator, playbook, workdir, extra_vars_file=None, expect_rc=0):
    command = [os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), playbook]
    if extra_vars_file:
        command += ['-e', '@' + extra_vars_file]
    env = playbook_env(emulator)
    env['BENCH_TIMER_OUT'] = os.path.join(workdir, 'timer.json')
    started = time.monotonic()
    proc = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    wall = time.monotonic() - started
    if proc.returncode != expect_rc:
        raise SystemExit('%s failed (rc %d):\n%s\n%s' % (playbook, proc.returncode, proc.stdout[-3000:], proc.stderr[-2000:]))
    with open(env['BENCH_TIMER_OUT']) as handle:
        return wall, json.load(handle)


def count_calls(log):
    by_method = collections.Counter(r['method'] for r in log if r['path'] != TOKEN_PATH)
    by_endpoint = collections.Counter('%s %s' % (r['method'], r.get('template') or r['path']) for r in log)
    return dict(total=sum(by_method.values()), reads=by_method.get('GET', 0),
                writes=sum(by_method.get(m, 0) for m in WRITE_METHODS),
                token_requests=sum(1 for r in log if r['path'] == TOKEN_PATH),
                by_method=dict(by_method), by_endpoint=dict(sorted(by_endpoint.items())))


def task_seconds(report):
    """Seconds per task name, from the bench_timer callback."""
    out = {}
    for task in report['tasks']:
        out[task['name']] = out.get(task['name'], 0.0) + task['seconds']
    return out


def changed_count(report):
    return sum(host.get('changed', 0) for host in report['recap'].values())


def bench_role(emulator, control, size, latency_ms, workdir):
    spec = reference_spec(size)
    spec_file = os.path.join(workdir, 'reference-%d.yml' % size)
    with open(spec_file, 'w') as handle:
        yaml.safe_dump(spec, handle)
    control.reset(seed=base_seed())
    control.set_faults(latency_ms=latency_ms)
    playbook = 'bitbucket.cloud.provision_workspace'
    out = dict(repositories=size, fewest_reads=fewest_reads(spec))
    for run in RUNS:
        control.clear_requests()
        wall, report = run_playbook(emulator, 'bitbucket.cloud.drift_check' if run == 'drift_check' else playbook,
                                    workdir, spec_file)
        calls = count_calls(control.requests())
        seconds = task_seconds(report)
        slowest = sorted(seconds.items(), key=lambda kv: -kv[1])[:3]
        out[run] = dict(wall_seconds=round(wall, 2), changed_tasks=changed_count(report), calls=calls,
                        slowest_tasks=[dict(task=name, seconds=round(s, 2)) for name, s in slowest])
    for run in RUNS[1:]:
        out[run]['reads_over_fewest'] = round(out[run]['calls']['reads'] / float(out['fewest_reads']), 3)
    control.clear_faults()
    return out


PLAN_CHILD = '''
import json, resource, sys, time, tracemalloc
sys.path[:0] = [sys.argv[1]]
from ansible_collections.bitbucket.cloud.plugins.module_utils.auth import select_auth
from ansible_collections.bitbucket.cloud.plugins.module_utils.client import BitbucketClient
from ansible_collections.bitbucket.cloud.plugins.module_utils.engine import WorkspaceEngine
with open(sys.argv[3]) as handle:
    spec = json.load(handle)
client = BitbucketClient(select_auth(dict(user='alice@example.com', password='alice-api-token'), {}), api_url=sys.argv[2])
engine = WorkspaceEngine(client, spec)
if sys.argv[4] == 'apply':
    engine.plan()
    result = engine.apply()
    assert not result['failed_actions'], result['failed_actions']
    print(json.dumps(dict(applied=len(result['applied']))))
else:
    tracemalloc.start()
    started = time.monotonic()
    result = engine.plan()
    seconds = time.monotonic() - started
    peak = tracemalloc.get_traced_memory()[1]
    print(json.dumps(dict(seconds=round(seconds, 2), planned=result['summary']['total'], traced_peak_mb=round(peak / 1048576.0, 1),
                          max_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1))))
'''


def engine_child(emulator, spec, mode, workdir):
    """Run the workspace engine in its own process (so its memory is its own): plan, or plan and apply."""
    spec_file = os.path.join(workdir, 'engine-spec.json')
    with open(spec_file, 'w') as handle:
        json.dump(dict((k[len('bitbucket_'):], v) for k, v in spec.items()), handle)
    proc = subprocess.run([sys.executable, '-c', PLAN_CHILD, os.path.join(ROOT, '.tmp', 'collections'), emulator.api_url,
                           spec_file, mode], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit('engine %s failed:\n%s' % (mode, proc.stderr[-3000:]))
    return json.loads(proc.stdout.strip().splitlines()[-1])


def bench_plan_growth(emulator, control, size, workdir):
    """The plan of a converged workspace of `size` repositories at 0 ms latency: reads, seconds, peak memory."""
    spec = reference_spec(size)
    control.reset(seed=base_seed())
    control.clear_faults()
    engine_child(emulator, spec, 'apply', workdir)
    control.clear_requests()
    out = engine_child(emulator, spec, 'plan', workdir)
    calls = count_calls(control.requests())
    out.update(repositories=size, reads=calls['reads'], writes=calls['writes'], fewest_reads=fewest_reads(spec))
    return out


def bench_module_vs_uri(emulator, control, latency_ms, workdir):
    control.reset()
    control.set_faults(latency_ms=latency_ms)
    playbook = os.path.join(workdir, 'repo_vs_uri.yml')
    with open(playbook, 'w') as handle:
        handle.write(MODULE_VS_URI)
    control.clear_requests()
    wall, report = run_playbook(emulator, playbook, workdir)
    seconds = task_seconds(report)
    module, uri = seconds['bitbucket_repo'], seconds['uri']
    control.clear_faults()
    return dict(wall_seconds=round(wall, 2), bitbucket_repo_seconds=round(module, 3), uri_seconds=round(uri, 3),
                ratio=round(module / uri, 2), calls=count_calls(control.requests())['by_endpoint'])


MODULE_VS_URI = '''---
- name: One bitbucket_repo task against the equivalent uri GET
  hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - name: bitbucket_repo
      bitbucket.cloud.bitbucket_repo:
        workspace: acme
        slug: legacy-app
    - name: uri
      ansible.builtin.uri:
        url: "{{ lookup('ansible.builtin.env', 'BITBUCKET_API_URL') }}/repositories/acme/legacy-app"
        url_username: alice@example.com
        url_password: alice-api-token
        force_basic_auth: true
'''


def table(results):
    lines = ['| repositories | run | wall s | reads | writes | token req. | fewest reads | reads / fewest | changed tasks |',
             '|---:|---|---:|---:|---:|---:|---:|---:|---:|']
    for res in results['role']:
        for run in RUNS:
            r = res[run]
            lines.append('| %d | %s | %.1f | %d | %d | %d | %d | %s | %d |' % (
                res['repositories'], run.replace('_', ' '), r['wall_seconds'], r['calls']['reads'],
                r['calls']['writes'], r['calls']['token_requests'], res['fewest_reads'],
                r.get('reads_over_fewest', '-'), r['changed_tasks']))
    lines += ['', '| repositories | plan at 0 ms: reads | fewest reads | seconds | traced peak MiB | max RSS MiB |',
              '|---:|---:|---:|---:|---:|---:|']
    for res in results['plan_growth']:
        row = (res['repositories'], res['reads'], res['fewest_reads'], res['seconds'], res['traced_peak_mb'], res['max_rss_mb'])
        lines.append('| %d | %d | %d | %.2f | %.1f | %.1f |' % row)
    m = results['module_vs_uri']
    lines.append('')
    lines.append('One task, same GET: bitbucket_repo %.3f s, ansible.builtin.uri %.3f s, ratio %.2f'
                 % (m['bitbucket_repo_seconds'], m['uri_seconds'], m['ratio']))
    return '\n'.join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--sizes', type=int, nargs='+', default=[10, 100])
    parser.add_argument('--latency-ms', type=int, default=50)
    parser.add_argument('--plan-sizes', type=int, nargs='*', default=[100, 1000])
    parser.add_argument('--output', default=os.path.join(ROOT, 'benchmarks', 'results', 'latest.json'))
    args = parser.parse_args()
    results = dict(latency_ms=args.latency_ms, role=[], plan_growth=[], started=time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()))
    with EmulatorServer(seed=None, port=0) as emulator, tempfile.TemporaryDirectory() as workdir:
        control = EmulatorControl(emulator.url)
        for size in args.sizes:
            results['role'].append(bench_role(emulator, control, size, args.latency_ms, workdir))
        for size in args.plan_sizes:
            results['plan_growth'].append(bench_plan_growth(emulator, control, size, workdir))
        results['module_vs_uri'] = bench_module_vs_uri(emulator, control, args.latency_ms, workdir)
    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    with open(args.output, 'w') as handle:
        json.dump(results, handle, indent=2, sort_keys=True)
    print(table(results))
    print('\nper-endpoint counts and slowest tasks: %s' % args.output)
    failures = [r for r in results['role'] for run in RUNS[1:] if r[run]['calls']['writes'] or r[run]['changed_tasks']]
    if failures:
        print('FAIL: the re-converge or the drift check wrote or changed something', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
