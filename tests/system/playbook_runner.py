# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ansible-playbook runs against the emulator, for the system tests."""

import os
import subprocess
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COLLECTIONS = os.path.join(ROOT, '.tmp', 'collections')


def collection_link():
    parent = os.path.join(COLLECTIONS, 'ansible_collections', 'bitbucket')
    link = os.path.join(parent, 'cloud')
    if not os.path.exists(link):
        os.makedirs(parent, exist_ok=True)
        os.symlink(ROOT, link)


class Playbook(object):
    """ansible-playbook against one emulator; credentials from the environment, as in CI jobs."""

    def __init__(self, emu, tmp_path):
        self.emu = emu
        self.tmp_path = tmp_path

    def env(self, **credentials):
        env = dict((k, v) for k, v in os.environ.items() if not k.startswith(('BITBUCKET_', 'ANSIBLE_')))
        env.update(ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_LOCALHOST_WARNING='false',
                   ANSIBLE_INVENTORY_UNPARSED_WARNING='false', ANSIBLE_RETRY_FILES_ENABLED='false',
                   ANSIBLE_NOCOLOR='1', ANSIBLE_FORCE_COLOR='0', BITBUCKET_API_URL=self.emu.api_url)
        if not credentials:
            credentials = dict(BITBUCKET_USER='alice@example.com', BITBUCKET_API_TOKEN='alice-api-token')
        env.update(credentials)
        return env

    def write(self, name, data):
        path = os.path.join(str(self.tmp_path), name)
        with open(path, 'w') as handle:
            if isinstance(data, str):
                handle.write(data)
            else:
                yaml.safe_dump(data, handle)
        return path

    def run(self, playbook, spec=None, args=(), credentials=None):
        command = [os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), playbook]
        if spec is not None:
            command += ['-e', '@' + self.write('spec.yml', spec)]
        command += list(args)
        proc = subprocess.run(command, env=self.env(**(credentials or {})), cwd=ROOT, capture_output=True,
                              text=True, check=False, timeout=900)
        return proc

    def provision(self, spec, args=(), credentials=None):
        return self.run('bitbucket.cloud.provision_workspace', spec, args, credentials)


def recap(output):
    """{'ok': n, 'changed': n, 'failed': n, ...} of localhost from the PLAY RECAP."""
    for line in output.splitlines():
        if line.startswith('localhost') and 'ok=' in line:
            return dict((k, int(v)) for k, v in (part.split('=') for part in line.split()[2:]))
    raise AssertionError('no PLAY RECAP in:\n' + output[-3000:])
