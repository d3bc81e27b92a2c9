# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""No credential or webhook secret appears in stdout, stderr, diffs or results, at -vvvv, for modules and the role."""

import copy

from emulator.reference import base_seed
from playbook_runner import recap

API_TOKEN = 'Sx-ApiToken-81QZ-do-not-print'
CLIENT_SECRET = 'Sx-ClientSecret-27LM-do-not-print'
ACCESS_TOKEN = 'Sx-AccessToken-55PW-do-not-print'
HOOK_SECRET = 'Sx-HookSecret-93KD-do-not-print'
WRONG_TOKEN = 'Sx-WrongToken-40TT-do-not-print'
VARIABLE_SECRET = 'Sx-VariableSecret-35NR-do-not-print'
SECRETS = (API_TOKEN, CLIENT_SECRET, ACCESS_TOKEN, HOOK_SECRET, WRONG_TOKEN, VARIABLE_SECRET)
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
    acme['projects'].append(dict(key='APP', name='Applications'))
    acme['repositories'].append(dict(slug='legacy-app', name='legacy-app', project='APP',
                                     environments=[dict(name='Production')]))
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
        dict(url=HOOK_URL, events=['repo:push'], secret=HOOK_SECRET)], pipeline_variables=[
        dict(key='DEPLOY_TOKEN', value=VARIABLE_SECRET, secured=True, value_update='always')], environments=[
        dict(name='Production', environment_type='Production', variables=[
            dict(key='DEPLOY_TOKEN', value=VARIABLE_SECRET, secured=True, value_update='always')])])],
    bitbucket_workspace_variables=[dict(key='NPM_TOKEN', value=VARIABLE_SECRET, secured=True, value_update='always')],
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
    - name: Secured variables in the three scopes, sent every run
      bitbucket.cloud.bitbucket_pipeline_variable:
        workspace: acme
        repository: "{{ item.repository | default(omit) }}"
        environment: "{{ item.environment | default(omit) }}"
        key: SECRET_VALUE
        value: "{{ lookup('ansible.builtin.env', 'SX_VARIABLE_SECRET') }}"
        secured: true
        value_update: always
      loop: [{}, {repository: legacy-app}, {repository: legacy-app, environment: Production}]
    - name: A plain variable
      bitbucket.cloud.bitbucket_pipeline_variable:
        workspace: acme
        repository: legacy-app
        key: FLIPPED
        value: visible-before
    - name: The plain variable made secured (deleted and created again)
      bitbucket.cloud.bitbucket_pipeline_variable:
        workspace: acme
        repository: legacy-app
        key: FLIPPED
        value: "{{ lookup('ansible.builtin.env', 'SX_VARIABLE_SECRET') }}"
        secured: true
    - name: A flip back without the value fails without showing anything
      bitbucket.cloud.bitbucket_pipeline_variable:
        workspace: acme
        repository: legacy-app
        key: FLIPPED
        secured: false
      register: flip
      ignore_errors: true  # the failure itself is what is tested
    - name: Variable info of the deployment environment
      bitbucket.cloud.bitbucket_pipeline_variable_info:
        workspace: acme
        repository: legacy-app
        environment: Production
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
          - flip is failed
'''


def test_modules_at_vvvv_show_no_secret(emu, playbook):
    emu.reset(seed=seed())
    book = playbook.write('modules.yml', MODULES_PLAYBOOK % dict(
        client_secret=CLIENT_SECRET, token_url=emu.token_url, access_token=ACCESS_TOKEN, hook_secret=HOOK_SECRET,
        api_token=API_TOKEN, wrong_token=WRONG_TOKEN))
    # The variable secret comes from the environment: a failed task's error shows the playbook lines around it.
    proc = playbook.run(book, args=['-vvvv', '--diff'],
                        credentials=dict(BITBUCKET_USER='alice@example.com', BITBUCKET_API_TOKEN=API_TOKEN,
                                         SX_VARIABLE_SECRET=VARIABLE_SECRET))
    output = assert_clean(proc)
    assert proc.returncode == 0, output[-4000:]
    # The secrets really were used: the emulator holds the hook secret, and the runs were verbose.
    hooks = next(w for w in emu.state()['workspaces'] if w['slug'] == 'acme')['webhooks']
    assert [h['secret'] for h in hooks if h['url'] == 'https://audit.example.com/secret-test'] == [HOOK_SECRET]
    acme = next(w for w in emu.state()['workspaces'] if w['slug'] == 'acme')
    legacy = next(r for r in acme['repositories'] if r['slug'] == 'legacy-app')
    stored = acme['pipeline_variables'] + legacy['pipeline_variables'] + legacy['environments'][0]['variables']
    assert sorted((v['key'], v['value'], v['secured']) for v in stored) == [('FLIPPED', VARIABLE_SECRET, True)] + [
        ('SECRET_VALUE', VARIABLE_SECRET, True)] * 3
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
    assert [(v['key'], v['value']) for v in repo['pipeline_variables']] == [('DEPLOY_TOKEN', VARIABLE_SECRET)]
    assert [(v['key'], v['value']) for v in repo['environments'][0]['variables']] == [('DEPLOY_TOKEN', VARIABLE_SECRET)]
    acme = next(w for w in emu.state()['workspaces'] if w['slug'] == 'acme')
    assert [(v['key'], v['value']) for v in acme['pipeline_variables']] == [('NPM_TOKEN', VARIABLE_SECRET)]


def test_role_failure_at_vvvv_shows_no_secret(emu, playbook):
    emu.reset(seed=seed())
    proc = playbook.provision(SPEC, args=['-vvvv'],
                              credentials=dict(BITBUCKET_USER='alice@example.com', BITBUCKET_API_TOKEN=WRONG_TOKEN))
    output = assert_clean(proc)
    assert proc.returncode != 0
    assert 'HTTP 401' in output


# Webhook URLs holding credentials (issue 11): the password and the credential-like query values never show,
# while the real URL is what Bitbucket receives and what the re-run compares (changed=0).
URL_PASSWORD = 'Sx-UrlPassword-61HB-do-not-print'
URL_TOKEN = 'Sx-UrlToken-72QC-do-not-print'
URL_SIG = 'Sx-UrlSig-18VV-do-not-print'
URL_SECRETS = (URL_PASSWORD, URL_TOKEN, URL_SIG)
CREDENTIAL_URL = 'https://deploy:%s@ci.example.com/hook?token=%s&team=ops' % (URL_PASSWORD, URL_TOKEN)
WORKSPACE_CREDENTIAL_URL = 'https://audit.example.com/in?api_key=%s&x-signature=%s' % (URL_TOKEN, URL_SIG)
URL_SPEC = dict(
    bitbucket_workspace='acme',
    bitbucket_repositories=[dict(name='url-secret-repo', webhooks=[
        dict(url=CREDENTIAL_URL, events=['repo:push'], description='with credentials')])],
    bitbucket_workspace_webhooks=[dict(url=WORKSPACE_CREDENTIAL_URL, events=['repo:push'])],
)

URL_MODULES_PLAYBOOK = '''---
- name: A webhook URL with credentials, through every module that shows a URL, at -vvvv --diff
  hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - name: Webhook with credentials in its URL
      bitbucket.cloud.bitbucket_webhook:
        workspace: acme
        repository: legacy-app
        url: "%(url)s"
        events: [repo:push]
      register: hook
    - name: Same again, changed events (an update with a diff)
      bitbucket.cloud.bitbucket_webhook:
        workspace: acme
        repository: legacy-app
        url: "%(url)s"
        events: [repo:push, pullrequest:created]
    - name: Webhook info lists it
      bitbucket.cloud.bitbucket_webhook_info:
        workspace: acme
        repository: legacy-app
      register: info
    - name: The plan shows it
      bitbucket.cloud.bitbucket_workspace_plan:
        workspace: acme
        repositories:
          - slug: legacy-app
            webhooks:
              - url: "%(url)s"
                events: [repo:push]
      register: plan
    - name: A wrong URL declared twice fails without showing it
      bitbucket.cloud.bitbucket_workspace_plan:
        workspace: acme
        workspace_webhooks:
          - {url: "%(url)s", events: [repo:push]}
          - {url: "%(url)s", events: [repo:push]}
      register: twice
      ignore_errors: true  # the failure itself is what is tested
    - name: The URLs are shown redacted
      ansible.builtin.assert:
        that:
          - hook.webhook.url == "https://deploy:********@ci.example.com/hook?token=********&team=ops"
          - info.webhooks | selectattr('url', 'search', 'deploy:') | list | length == 1
          - plan.plan.webhooks | length == 1
          - twice is failed
    - name: Removed again
      bitbucket.cloud.bitbucket_webhook:
        workspace: acme
        repository: legacy-app
        url: "%(url)s"
        state: absent
'''


def assert_no_url_secret(proc):
    output = proc.stdout + proc.stderr
    for secret in URL_SECRETS:
        assert secret not in output, 'URL credential %s printed' % secret
    return output


def hook_urls(emu):
    acme = next(w for w in emu.state()['workspaces'] if w['slug'] == 'acme')
    urls = [h['url'] for h in acme['webhooks']]
    urls.extend(h['url'] for r in acme['repositories'] for h in r['webhooks'])
    return urls


def test_modules_hide_webhook_url_credentials(emu, playbook):
    book = playbook.write('url-modules.yml', URL_MODULES_PLAYBOOK % dict(url=CREDENTIAL_URL))
    proc = playbook.run(book, args=['-vvvv', '--diff'],
                        credentials=dict(BITBUCKET_USER='alice@example.com', BITBUCKET_API_TOKEN='alice-api-token'))
    output = assert_no_url_secret(proc)
    assert proc.returncode == 0, output[-4000:]
    assert 'ci.example.com/hook?token=********' in output
    # The hook was created with the real URL, then removed.
    assert CREDENTIAL_URL not in hook_urls(emu)


def test_role_hides_webhook_url_credentials(emu, playbook):
    credentials = dict(BITBUCKET_USER='alice@example.com', BITBUCKET_API_TOKEN='alice-api-token')
    for args in (['-vvvv', '--check', '--diff'], ['-vvvv', '--diff'], ['-vvvv', '--diff']):
        proc = playbook.provision(URL_SPEC, args=args, credentials=credentials)
        output = assert_no_url_secret(proc)
        assert proc.returncode == 0, output[-4000:]
    # Bitbucket got the real URLs, and the last run found them equal: nothing changed.
    assert recap(proc.stdout)['changed'] == 0, output[-4000:]
    assert CREDENTIAL_URL in hook_urls(emu)
    assert WORKSPACE_CREDENTIAL_URL in hook_urls(emu)
    # The planned changes and the converge's diff show the URL, without its credentials.
    proc = playbook.provision(dict(URL_SPEC, bitbucket_repositories=[dict(name='url-secret-repo', webhooks=[
        dict(url=CREDENTIAL_URL, events=['repo:push', 'repo:fork'])])]), credentials=credentials)
    output = assert_no_url_secret(proc)
    assert proc.returncode == 0, output[-4000:]
    assert 'webhook https://deploy:********@ci.example.com/hook?token=********&team=ops of repository url-secret-repo' in output


# A private key pasted where a deploy key's public key goes: refused before any call, never printed.
DEPLOY_KEY_PLAYBOOK = '''---
- name: A private key given as a deploy key, at -vvvv
  hosts: localhost
  connection: local
  gather_facts: false
  vars_files:
    - %(vars_file)s
  tasks:
    - name: Deploy key given a private key
      bitbucket.cloud.bitbucket_deploy_key:
        workspace: acme
        repository: legacy-app
        key: "{{ not_a_public_key }}"
        label: mistake
      register: mistake
      ignore_errors: true

    - name: It failed before any call and said why
      ansible.builtin.assert:
        that:
          - mistake is failed
          - mistake.msg is search('holds a private key')
'''


def throwaway_private_key():
    from cryptography.hazmat.primitives import serialization  # pylint: disable=import-outside-toplevel
    from cryptography.hazmat.primitives.asymmetric import ed25519  # pylint: disable=import-outside-toplevel
    return ed25519.Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH, serialization.NoEncryption()).decode('ascii')


def assert_no_private_key(proc, private):
    output = assert_clean(proc)
    for line in private.strip().splitlines():
        if 'PRIVATE KEY' not in line:
            assert line not in output, 'a line of the private key was printed'
    assert 'PRIVATE KEY-----' not in output
    return output


def test_a_private_key_given_as_deploy_key_is_never_printed(emu, playbook):
    emu.reset(seed=seed())
    private = throwaway_private_key()
    credentials = dict(BITBUCKET_USER='alice@example.com', BITBUCKET_API_TOKEN=API_TOKEN)
    # In a vars file, as a user keeps it: ansible-core shows the playbook lines around a failed task.
    book = playbook.write('deploy_key.yml', DEPLOY_KEY_PLAYBOOK % dict(
        vars_file=playbook.write('deploy_key_vars.yml', dict(not_a_public_key=private))))
    emu.clear_requests()
    proc = playbook.run(book, args=['-vvvv', '--diff'], credentials=credentials)
    output = assert_no_private_key(proc, private)
    assert proc.returncode == 0, output[-4000:]
    assert 'module_args' in output
    spec = dict(SPEC, bitbucket_repositories=[dict(name='secret-repo', project='SEC',
                                                   deploy_keys=[dict(key=private, label='mistake')])])
    for args in (['-vvvv', '--check', '--diff'], ['-vvvv', '--diff']):
        proc = playbook.provision(spec, args=args, credentials=credentials)
        output = assert_no_private_key(proc, private)
        assert proc.returncode != 0 and 'holds a private key' in output, output[-4000:]
    assert [r for r in emu.requests() if r['method'] != 'GET'] == []


# SSH private keys of Pipelines key pairs (issue 14): write-only, never printed, not even when given as the public key.
def _ssh_key_pair():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519
    key = ed25519.Ed25519PrivateKey.generate()
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH,
                                serialization.NoEncryption()).decode()
    public = key.public_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode()
    return private, public


def assert_no_private_keys(proc, private_keys):
    """Neither a whole private key nor any line of its base64 body is in the output."""
    output = proc.stdout + proc.stderr
    for private in private_keys:
        assert private not in output, 'a private key was printed'
        for line in private.splitlines():
            if not line.startswith('-----') and len(line) > 16:
                assert line not in output, 'a line of a private key was printed'
    return output


PIPELINES_PLAYBOOK = '''---
- name: A Pipelines SSH key pair at -vvvv --diff
  hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - name: Set the key pair (check mode, for real, again, always)
      bitbucket.cloud.bitbucket_pipelines:
        workspace: acme
        repository: legacy-app
        enabled: true
        ssh_key_pair:
          private_key: "{{ pipelines_private_key }}"
          public_key: "{{ pipelines_public_key }}"
        ssh_key_pair_update: "{{ item }}"
      check_mode: "{{ ansible_loop.first }}"
      loop: [on_create, on_create, on_create, always]
      loop_control:
        extended: true
      register: pair
    - name: The private key given as the public key fails without showing it
      bitbucket.cloud.bitbucket_pipelines:
        workspace: acme
        repository: legacy-app
        ssh_key_pair:
          private_key: "{{ pipelines_private_key }}"
          public_key: "{{ pipelines_other_private_key }}"
      register: swapped
      ignore_errors: true  # the failure itself is what is tested
    - name: The plan of a workspace with the key pair shows markers
      bitbucket.cloud.bitbucket_workspace_plan:
        workspace: acme
        repositories:
          - slug: legacy-app
            pipelines:
              ssh_key_pair:
                private_key: "{{ pipelines_other_private_key }}"
                public_key: "{{ pipelines_other_public_key }}"
              ssh_key_pair_update: always
      register: plan
    - name: Changed, then not, then sent again; the swap failed
      ansible.builtin.assert:
        that:
          - pair.results | map(attribute='changed') | list == [true, true, false, true]
          - swapped is failed
          - "'ssh_key_pair.public_key: holds a private key' in swapped.msg"
          - plan.summary.pipelines['update'] == 1
'''


def test_pipelines_private_key_never_printed(emu, playbook):
    private, public = _ssh_key_pair()
    other_private, other_public = _ssh_key_pair()
    book = playbook.write('pipelines.yml', PIPELINES_PLAYBOOK)
    variables = playbook.write('keys.yml', dict(pipelines_private_key=private, pipelines_public_key=public,
                                                pipelines_other_private_key=other_private,
                                                pipelines_other_public_key=other_public))
    proc = playbook.run(book, args=['-vvvv', '--diff', '-e', '@' + variables])
    output = assert_no_private_keys(proc, (private, other_private))
    assert proc.returncode == 0, output[-4000:]
    assert '(sent again: ssh_key_pair_update=always)' in output and 'module_args' in output
    repo = next(r for w in emu.state()['workspaces'] if w['slug'] == 'acme' for r in w['repositories']
                if r['slug'] == 'legacy-app')
    assert repo['pipelines']['ssh_key_pair']['private_key'] == private


def test_role_with_a_key_pair_at_vvvv_shows_no_private_key(emu, playbook):
    private, public = _ssh_key_pair()
    pipelines_spec = dict(bitbucket_workspace='acme', bitbucket_repositories=[
        dict(name='pipelines-secret', project='CORE', pipelines=dict(
            enabled=True, ssh_key_pair=dict(private_key=private, public_key=public))),
        dict(slug='legacy-app', pipelines=dict(ssh_key_pair=dict(private_key=private, public_key=public),
                                               ssh_key_pair_update='always'))])
    for args in (['-vvvv', '--check', '--diff'], ['-vvvv', '--diff'], ['-vvvv', '--diff']):
        proc = playbook.provision(pipelines_spec, args=args)
        output = assert_no_private_keys(proc, (private,))
        assert proc.returncode == 0, output[-4000:]
        assert '(sent' in output
    acme = next(w for w in emu.state()['workspaces'] if w['slug'] == 'acme')
    assert [r['pipelines']['ssh_key_pair']['private_key'] for r in acme['repositories']
            if r['slug'] in ('pipelines-secret', 'legacy-app')] == [private, private]
