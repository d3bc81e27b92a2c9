# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Backup, restore and export playbooks at -vvvv: no credential in the output or anywhere in the backup; the export file."""

import copy
import os
import tarfile

import yaml

from emulator.seed import load_sample
from playbook_runner import recap

API_TOKEN = 'Bk-ApiToken-62HQ-do-not-print'
ACCESS_TOKEN = 'Bk-AccessToken-17XV-do-not-print'
CLIENT_SECRET = 'Bk-ClientSecret-48MN-do-not-print'
HOOK_SECRET = 'Bk-HookSecret-90RT-do-not-print'
RESTORE_SECRET = 'Bk-RestoreSecret-33LC-do-not-print'
SECRETS = (API_TOKEN, ACCESS_TOKEN, CLIENT_SECRET, HOOK_SECRET, RESTORE_SECRET)
BOB = '557058:b0b00000-0000-4000-8000-000000000002'


def seed():
    """The sample seed with distinctive credentials, and an empty disaster-recovery workspace acme-dr."""
    data = copy.deepcopy(load_sample())
    alice = next(u for u in data['users'] if u['email'] == 'alice@example.com')
    alice['api_tokens'] = [dict(token=API_TOKEN, name='backup test', scopes='all')]
    acme = next(w for w in data['workspaces'] if w['slug'] == 'acme')
    acme['access_tokens'] = [dict(token=ACCESS_TOKEN, name='backup test', scopes=['repository', 'repository:write'])]
    acme['oauth_consumers'] = [dict(key='ci-consumer', secret=CLIENT_SECRET, name='CI', owner='alice@example.com',
                                    scopes='all')]
    legacy = next(r for r in acme['repositories'] if r['slug'] == 'legacy-app')
    legacy['webhooks'][0]['secret'] = HOOK_SECRET
    data['workspaces'].append(dict(slug='acme-dr', members=[dict(user='alice@example.com', role='owner'), 'bob@example.com'],
                                   groups=[dict(slug='developers', members=['bob@example.com']),
                                           dict(slug='admins', members=['alice@example.com'])]))
    return data


def scan_output(proc, extra=()):
    output = proc.stdout + proc.stderr
    for secret in SECRETS + tuple(extra):
        assert secret not in output, 'secret %s printed' % secret
    return output


def scan_tree(root, extra=()):
    """Every file under root, and every member of every .tar.gz, holds no secret; returns the number of files read."""
    needles = [s.encode() for s in SECRETS + tuple(extra)] + [b'extraHeader', b'Authorization']
    count = 0
    for folder, dummy, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            with open(path, 'rb') as handle:
                data = handle.read()
            blobs = [data]
            if name.endswith('.tar.gz'):
                with tarfile.open(path) as archive:
                    blobs += [archive.extractfile(m).read() for m in archive.getmembers() if m.isfile()]
            for blob in blobs:
                count += 1
                for needle in needles:
                    assert needle not in blob, '%r found in %s' % (needle, path)
    return count


def test_backup_and_restore_at_vvvv_leak_no_credential(emu, playbook, tmp_path):
    emu.reset(seed=seed())
    dest = str(tmp_path / 'backups')
    api_token = dict(BITBUCKET_USER='alice@example.com', BITBUCKET_API_TOKEN=API_TOKEN)
    backup = ['-vvvv', '-e', 'bitbucket_workspace=acme', '-e', 'bitbucket_backup_dest=' + dest,
              '-e', 'bitbucket_backup_archive=true']
    first = playbook.run('bitbucket.cloud.backup_workspace', args=backup, credentials=api_token)
    output = scan_output(first)
    assert first.returncode == 0, output[-4000:]
    assert 'legacy-app: new (3 refs' in output and 'acme: 3 repositories (3 new' in output

    again = playbook.run('bitbucket.cloud.backup_workspace', args=backup, credentials=api_token)
    output = scan_output(again)
    assert again.returncode == 0, output[-4000:]
    assert recap(output)['changed'] == 0
    assert 'acme: 3 repositories (0 new, 0 fetched, 3 unchanged' in output

    # The OAuth consumer's credentials: the token it obtains reaches git too, and is hidden as well. (The raw
    # repository JSON differs: Bitbucket puts the username in clone links only for user credentials.)
    oauth = dict(BITBUCKET_CLIENT_ID='ci-consumer', BITBUCKET_CLIENT_SECRET=CLIENT_SECRET, BITBUCKET_TOKEN_URL=emu.token_url)
    third = playbook.run('bitbucket.cloud.backup_workspace', args=backup, credentials=oauth)
    issued = [t['access_token'] for t in emu.state()['oauth_tokens']]
    output = scan_output(third, issued)
    assert third.returncode == 0, output[-4000:]
    assert issued and 'acme: 3 repositories (0 new, 0 fetched, 3 unchanged' in output

    secrets = playbook.write('secrets.yml', dict(bitbucket_restore_secrets={
        'bitbucket_repositories[2].webhooks[0].secret': RESTORE_SECRET}))
    restore = ['-vvvv', '--diff', '-e', 'bitbucket_workspace=acme', '-e', 'bitbucket_backup_dest=' + dest,
               '-e', 'bitbucket_restore_workspace=acme-dr', '-e', '@' + secrets]
    # Check mode first: both bitbucket_workspace tasks plan (the second shows the webhook with its secret in --diff,
    # hidden), nothing is written or pushed.
    emu.clear_requests()
    proc = playbook.run('bitbucket.cloud.restore_workspace', args=restore + ['--check'], credentials=api_token)
    output = scan_output(proc)
    assert proc.returncode == 0, output[-4000:]
    assert 'acme -> acme-dr: 3 projects and 3 repositories planned, 0 pushed' in output, output[-4000:]
    assert [r for r in emu.requests() if r['method'] != 'GET' and not r['template'].endswith('git-upload-pack')] == []
    for run in range(2):
        proc = playbook.run('bitbucket.cloud.restore_workspace', args=restore, credentials=api_token)
        output = scan_output(proc)
        assert proc.returncode == 0, output[-4000:]
    assert recap(output)['changed'] == 0
    dr = next(w for w in emu.state()['workspaces'] if w['slug'] == 'acme-dr')
    assert [h['secret'] for r in dr['repositories'] for h in r['webhooks']] == [RESTORE_SECRET]

    # Mirrors with a repository access token (git user x-token-auth).
    book = playbook.write('mirror.yml', '''---
- name: Mirror with an access token
  hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - name: Mirror legacy-app
      bitbucket.cloud.bitbucket_repo_mirror:
        workspace: acme
        repository: legacy-app
        path: %s/token/legacy-app.git
        token: %s
''' % (dest, ACCESS_TOKEN))
    proc = playbook.run(book, args=['-vvvv'])
    output = scan_output(proc)
    assert proc.returncode == 0, output[-4000:]
    assert scan_tree(dest, issued) > 50


def test_export_playbook_writes_a_spec_that_provisions_nothing(emu, playbook, tmp_path):
    emu.reset(seed=seed())
    target = str(tmp_path / 'acme.yml')
    api_token = dict(BITBUCKET_USER='alice@example.com', BITBUCKET_API_TOKEN=API_TOKEN)
    proc = playbook.run('bitbucket.cloud.export_workspace', credentials=api_token,
                        args=['-e', 'bitbucket_workspace=acme', '-e', 'bitbucket_export_file=' + target])
    output = scan_output(proc)
    assert proc.returncode == 0, output[-4000:]
    with open(target) as handle:
        text = handle.read()
    assert '#   bitbucket_repositories[2].webhooks[0].secret (webhook_secret)' in text
    spec = yaml.safe_load(text)
    assert spec['bitbucket_workspace'] == 'acme'
    assert [r['slug'] for r in spec['bitbucket_repositories']] == ['acme-cli', 'core-api', 'legacy-app']
    emu.clear_requests()
    proc = playbook.run('bitbucket.cloud.provision_workspace', args=['-e', '@' + target, '-e', 'bitbucket_prune=true'],
                        credentials=api_token)
    output = scan_output(proc)
    assert proc.returncode == 0, output[-4000:]
    assert recap(output)['changed'] == 0
    assert [r for r in emu.requests() if r['method'] != 'GET'] == []
