# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""No credential or webhook secret appears in stdout, stderr, diffs or results, at -vvvv, for modules and the role."""

import copy

from emulator.reference import base_seed

API_TOKEN = 'Sx-ApiToken-81QZ-do-not-print'
CLIENT_SECRET = 'Sx-ClientSecret-27LM-do-not-print'
ACCESS_TOKEN = 'Sx-AccessToken-55PW-do-not-print'
HOOK_SECRET = 'Sx-HookSecret-93KD-do-not-print'
WRONG_TOKEN = 'Sx-WrongToken-40TT-do-not-print'
SECRETS = (API_TOKEN, CLIENT_SECRET, ACCESS_TOKEN, HOOK_SECRET, WRONG_TOKEN)
HOOK_URL = 'https://ci.example.com/secret-test'


def seed():
    """The reference seed with distinctive credential values."""
    data = copy.deepcopy(base_seed())
    alice = next(u for u in data['users'] if u['email'] == 'alice@example.com')
    alice['api_tokens'] = [dict(token=API_TOKEN, name='secret test', scopes='all')]
    acme = next(w for w in data['workspaces'] if w['slug'] == 'acme')
    acme['access_tokens'] = [dict(token=ACCESS_TOKEN, name='secret test',
                                  scopes=['repository', 'project', 'webhook', 'account'])]
    acme['oauth_consumers'] = [dict(key='ci-consumer', secret=CLIENT_SECRET, name='CI', owner='alice@example.com',
                                    scopes='all')]
    return data


def assert_clean(proc):
    output = proc.stdout + proc.stderr
    for secret in SECRETS:
        assert secret not in output, 'secret %s printed' % secret
    return output


SPEC = dict(
    bitbucket_workspace='acme',
    bitbucket_projects=[dict(key='SEC', name='Secrets')],
    bitbucket_repositories=[dict(name='secret-repo', project='SEC', webhooks=[
        dict(url=HOOK_URL, events=['repo:push'], secret=HOOK_SECRET)])],
)

MODULES_PLAYBOOK = '''---
- name: Every credential kind and the webhook secret, at -vvvv
  hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - name: Project with an OAuth consumer
      bitbucket.cloud.bitbucket_project:
        workspace: acme
        key: OAUTH
        name: OAuth made
        client_id: ci-consumer
        client_secret: "%(client_secret)s"
        token_url: "%(token_url)s"
    - name: Repository list with an access token
      bitbucket.cloud.bitbucket_repo_info:
        workspace: acme
        token: "%(access_token)s"
    - name: Webhook whose secret is sent every run
      bitbucket.cloud.bitbucket_webhook:
        workspace: acme
        url: https://audit.example.com/secret-test
        events: [repo:created]
        secret: "%(hook_secret)s"
        secret_update: always
        user: alice@example.com
        api_token: "%(api_token)s"
      register: hook
    - name: Webhook info with an API token from the environment
      bitbucket.cloud.bitbucket_webhook_info:
        workspace: acme
    - name: A wrong token fails without showing it
      bitbucket.cloud.bitbucket_workspace_info:
        workspace: acme
        user: alice@example.com
        password: "%(wrong_token)s"
      register: wrong
      ignore_errors: true  # the failure itself is what is tested
    - name: The wrong token failed with 401
      ansible.builtin.assert:
        that:
          - wrong is failed
          - "'HTTP 401' in wrong.msg"
          - hook.webhook.secret_set
'''


def test_modules_at_vvvv_show_no_secret(emu, playbook):
    emu.reset(seed=seed())
    book = playbook.write('modules.yml', MODULES_PLAYBOOK % dict(
        client_secret=CLIENT_SECRET, token_url=emu.token_url, access_token=ACCESS_TOKEN, hook_secret=HOOK_SECRET,
        api_token=API_TOKEN, wrong_token=WRONG_TOKEN))
    proc = playbook.run(book, args=['-vvvv', '--diff'],
                        credentials=dict(BITBUCKET_USER='alice@example.com', BITBUCKET_API_TOKEN=API_TOKEN))
    output = assert_clean(proc)
    assert proc.returncode == 0, output[-4000:]
    # The secrets really were used: the emulator holds the hook secret, and the runs were verbose.
    hooks = next(w for w in emu.state()['workspaces'] if w['slug'] == 'acme')['webhooks']
    assert [h['secret'] for h in hooks if h['url'] == 'https://audit.example.com/secret-test'] == [HOOK_SECRET]
    assert 'module_args' in output
    # The access token the OAuth consumer obtained is a secret too.
    issued = [t['access_token'] for t in emu.state()['oauth_tokens']]
    assert issued
    for token in issued:
        assert token not in output


def test_role_at_vvvv_shows_no_secret(emu, playbook):
    emu.reset(seed=seed())
    credentials = dict(BITBUCKET_USER='alice@example.com', BITBUCKET_API_TOKEN=API_TOKEN)
    for args in (['-vvvv', '--check', '--diff'], ['-vvvv', '--diff'], ['-vvvv', '--diff']):
        proc = playbook.provision(SPEC, args=args, credentials=credentials)
        output = assert_clean(proc)
        assert proc.returncode == 0, output[-4000:]
    repo = next(r for w in emu.state()['workspaces'] if w['slug'] == 'acme' for r in w['repositories']
                if r['slug'] == 'secret-repo')
    assert [h['secret'] for h in repo['webhooks']] == [HOOK_SECRET]


def test_role_failure_at_vvvv_shows_no_secret(emu, playbook):
    emu.reset(seed=seed())
    proc = playbook.provision(SPEC, args=['-vvvv'],
                              credentials=dict(BITBUCKET_USER='alice@example.com', BITBUCKET_API_TOKEN=WRONG_TOKEN))
    output = assert_clean(proc)
    assert proc.returncode != 0
    assert 'HTTP 401' in output
