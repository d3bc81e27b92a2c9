"""Wall time and bytes of the workspace_backup role on 100 small repositories (`make bench-backup`).

The emulator holds workspace acme with N repositories, each with a small git history (3 commits
on main, one on a feature branch, a tag). Runs playbooks/backup_workspace.yml: the first backup
(every repository cloned), an incremental one with nothing new, and one after a new commit in one
repository; for each, the wall time of the playbook, the bytes of the backup on disk, the git
fetches the emulator served (objects sent) and the tasks that changed. Prints a table, writes JSON.
"""

import argparse
import base64
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'tests'))

from emulator.control import EmulatorControl  # noqa: E402  (after the path set-up above)
from emulator.reference import base_seed  # noqa: E402
from emulator.server import EmulatorServer  # noqa: E402

GIT_USER = 'x-bitbucket-api-token-auth'
TOKEN = 'alice-api-token'


def seed(count):
    data = base_seed()
    acme = next(w for w in data['workspaces'] if w['slug'] == 'acme')
    acme['projects'] = [dict(key='PLAT', name='Platform')]
    acme['repositories'] = [dict(
        slug='service-%03d' % number, project='PLAT', description='Bench service %d' % number,
        git=dict(commits=[
            dict(message='Initial import', files={'README.md': '# service %d\n' % number, 'app.py': 'print(1)\n'}),
            dict(message='Second', files={'app.py': 'print(2)\n'}),
            dict(branch='feature/x', message='Feature', files={'feature.py': 'x = %d\n' % number}),
            dict(message='Third', files={'CHANGES.md': 'three\n'}),
        ], tags=[dict(name='v1.0', ref='main')]),
    ) for number in range(count)]
    return data


def git_env():
    header = 'Authorization: Basic ' + base64.b64encode(('%s:%s' % (GIT_USER, TOKEN)).encode()).decode()
    env = dict(os.environ, GIT_TERMINAL_PROMPT='0', GIT_CONFIG_COUNT='1', GIT_CONFIG_KEY_0='http.extraHeader',
               GIT_CONFIG_VALUE_0=header)
    return env


def warm(url, count):
    """Build every seeded history once (the emulator builds them on first use), outside the timings."""
    def one(number):
        subprocess.run(['git', 'ls-remote', '%s/acme/service-%03d.git' % (url, number)], env=git_env(),
                       capture_output=True, check=True)
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(one, range(count)))


def new_commit(url, workdir):
    """Push one commit to service-000 with git (credentials in the environment)."""
    work = os.path.join(workdir, 'work')
    env = git_env()
    subprocess.run(['git', 'clone', '-q', '%s/acme/service-000.git' % url, work], env=env, check=True)
    with open(os.path.join(work, 'new.txt'), 'w') as handle:
        handle.write('new\n')
    for args in (['add', 'new.txt'], ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', 'commit', '-q', '-m', 'new'],
                 ['push', '-q', 'origin', 'HEAD:main']):
        subprocess.run(['git', '-C', work] + args, env=env, check=True)


def tree_bytes(path):
    total = 0
    for folder, dummy, files in os.walk(path):
        total += sum(os.lstat(os.path.join(folder, name)).st_size for name in files)
    return total


def backup(server, dest, parallel):
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith(('BITBUCKET_', 'ANSIBLE_')))
    env.update(ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.tmp', 'collections'), ANSIBLE_LOCALHOST_WARNING='false',
               ANSIBLE_INVENTORY_UNPARSED_WARNING='false', BITBUCKET_API_URL=server.api_url,
               BITBUCKET_USER='alice@example.com', BITBUCKET_API_TOKEN=TOKEN, ANSIBLE_NOCOLOR='1')
    command = [os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), 'playbooks/backup_workspace.yml',
               '-e', 'bitbucket_workspace=acme', '-e', 'bitbucket_backup_dest=' + dest,
               '-e', 'bitbucket_backup_parallel=%d' % parallel]
    started = time.monotonic()
    proc = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    wall = time.monotonic() - started
    if proc.returncode != 0:
        raise SystemExit('backup failed:\n%s\n%s' % (proc.stdout[-3000:], proc.stderr[-2000:]))
    recap = next(line for line in proc.stdout.splitlines() if line.startswith('localhost') and 'ok=' in line)
    changed = int(recap.split('changed=')[1].split()[0])
    return wall, changed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--repositories', type=int, default=100)
    parser.add_argument('--parallel', type=int, nargs='+', default=[4, 1], help='first backups to time (default 4 1)')
    parser.add_argument('--out', default=os.path.join(ROOT, 'benchmarks', 'results', 'backup.json'))
    args = parser.parse_args(argv)
    rows = []
    with EmulatorServer(seed=seed(args.repositories)) as server, tempfile.TemporaryDirectory() as workdir:
        control = EmulatorControl(server.url)
        warm(server.url, args.repositories)
        runs = [('first backup, parallel %d' % p, p, 'dest-%d' % p) for p in args.parallel]
        main_dest = 'dest-%d' % args.parallel[0]
        runs += [('incremental, nothing new', args.parallel[0], main_dest), ('new commit in one repository', args.parallel[0], main_dest)]
        for label, parallel, dest_name in runs:
            if label.startswith('new commit'):
                new_commit(server.url, workdir)
            dest = os.path.join(workdir, dest_name)
            control.clear_requests()
            wall, changed = backup(server, dest, parallel)
            log = control.requests()
            rows.append(dict(
                run=label, repositories=args.repositories, parallel=parallel, wall_s=round(wall, 1),
                backup_bytes=tree_bytes(dest), git_fetches=sum(1 for r in log if r.get('git_command') == 'fetch'),
                git_requests=sum(1 for r in log if r.get('git_command')), api_requests=sum(1 for r in log if not r.get('git_command')),
                changed_tasks=changed))
            print('%-32s %6.1f s  %9d bytes  %3d fetches  %4d git requests  %3d API requests  changed=%d' % (
                label, wall, rows[-1]['backup_bytes'], rows[-1]['git_fetches'], rows[-1]['git_requests'],
                rows[-1]['api_requests'], changed), flush=True)
        control.close()
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, 'w') as handle:
        json.dump(dict(rows=rows, cpus=os.cpu_count()), handle, indent=2)
    return 0


if __name__ == '__main__':
    sys.exit(main())
