#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: bitbucket_webhook
short_description: Manage a webhook of a Bitbucket Cloud repository or workspace
version_added: 1.0.0
description:
  - Create, update or delete one webhook of a repository, or of a workspace when O(repository) is omitted.
  - The webhook is found by O(uuid) when given, else by O(url). When several webhooks have the same URL and
    O(uuid) is not given, the module fails and lists their UUIDs, so you can pick one.
  - Only the options you set are compared and changed; options you leave out are left as they are.
  - Bitbucket never returns a webhook's secret, only whether one is set (RV(webhook.secret_set)). See O(secret)
    and O(secret_update) for when the secret is sent.
author:
  - bitbucket.cloud maintainers (@bitbucket-cloud)
options:
  workspace:
    description:
      - The workspace slug or C({UUID}).
    type: str
    required: true
  repository:
    description:
      - The repository slug or C({UUID}) whose webhook this is.
      - Omit it to manage a webhook of the workspace itself (only workspace owners can do that).
    type: str
  url:
    description:
      - The URL Bitbucket delivers events to. It identifies the webhook unless O(uuid) is given.
      - Required to create a webhook. With O(uuid), a different O(url) changes the webhook's URL.
      - Bitbucket refuses URLs that do not resolve or that are internal, non-routed addresses.
      - It must be a whole http(s) URL with a host, without spaces or control characters.
      - Credentials in it (V(https://user:password@host/), V(?token=...)) are sent to Bitbucket and compared as
        given, but never shown. Results, diffs and messages show V(********) in their place, and Ansible masks
        them in its output. Query parameters count as credentials when their name is one of V(token),
        V(secret), V(password), V(passwd), V(pwd), V(pass), V(key), V(apikey), V(api_key), V(access_token),
        V(auth), V(authorization), V(signature), V(sig), V(code), V(credential), V(credentials), V(session),
        V(jwt), or ends with V(token), V(secret), V(password), V(passwd), V(key), V(signature), V(sig), V(auth)
        or V(credential) (case and V(-)/V(_) ignored).
    type: str
  uuid:
    description:
      - The UUID of an existing webhook (with or without braces), to target that one webhook, for instance
        when several webhooks share a URL.
      - With O(state=present), a UUID that matches no webhook fails. With O(state=absent), it means the webhook
        is already gone.
    type: str
  description:
    description:
      - The webhook's description, shown in Bitbucket.
    type: str
  events:
    description:
      - The event keys the webhook subscribes to, compared as a set (order and duplicates do not matter).
      - Required to create a webhook. Checked against Bitbucket's event keys before any API call.
      - The C(issue:*) events end with Bitbucket Issues (removed on 2026-08-20).
    type: list
    elements: str
    choices:
      - issue:comment_created
      - issue:created
      - issue:updated
      - pipeline:span_created
      - project:updated
      - pullrequest:approved
      - pullrequest:changes_request_created
      - pullrequest:changes_request_removed
      - pullrequest:comment_created
      - pullrequest:comment_deleted
      - pullrequest:comment_reopened
      - pullrequest:comment_resolved
      - pullrequest:comment_updated
      - pullrequest:created
      - pullrequest:fulfilled
      - pullrequest:push
      - pullrequest:rejected
      - pullrequest:unapproved
      - pullrequest:updated
      - repo:commit_comment_created
      - repo:commit_status_created
      - repo:commit_status_updated
      - repo:created
      - repo:deleted
      - repo:fork
      - repo:imported
      - repo:push
      - repo:transfer
      - repo:updated
  active:
    description:
      - Whether Bitbucket delivers events to the webhook.
      - A new webhook is active unless this is V(false); on an existing webhook it is compared only when given.
    type: bool
  skip_cert_verification:
    description:
      - Whether Bitbucket skips the TLS certificate check of O(url) when delivering.
      - A new webhook is created with V(false) unless given; on an existing webhook it is compared only when given.
    type: bool
  secret:
    description:
      - The secret Bitbucket uses to sign deliveries (C(X-Hub-Signature) header). At most 128 characters.
      - Bitbucket never returns it, so it cannot be compared. It is sent when the webhook is created, when the
        existing webhook has no secret (RV(webhook.secret_set) is V(false)), and on every run with
        O(secret_update=always).
      - Leaving it out never removes an existing secret. V("") with O(secret_update=always) removes it.
      - It never appears in the result, the diff or any message.
    type: str
  secret_update:
    description:
      - V(on_create) sends O(secret) only when the webhook is created or has no secret, so a changed secret is
        not applied to a webhook that already has one (the module cannot see the difference).
      - V(always) sends O(secret) on every run, and the task then always reports C(changed), because Bitbucket
        gives no way to tell whether the secret was already the same. Use it to rotate a secret.
      - V(always) with O(secret="") removes the secret; that reports C(changed) only while a secret is set.
    type: str
    choices: [on_create, always]
    default: on_create
  state:
    description:
      - V(present) creates or updates the webhook; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
notes:
  - "Scopes: API token C(read:webhook:bitbucket), C(write:webhook:bitbucket) to create or update,
    C(delete:webhook:bitbucket) to delete; OAuth C(webhook) plus the scopes of the subscribed events
    (for example C(repository), C(pullrequest))."
  - Only workspace owners can manage workspace webhooks.
  - If the reply to the request that creates the webhook is lost (timeout or dropped connection), the module reads
    the webhook list before trying again, so it never creates the same webhook twice.
  - "Event-Driven Ansible: the collection's event source C(bitbucket.cloud.webhook) receives the deliveries in
    ansible-rulebook and checks C(X-Hub-Signature) with the same O(secret); give the webhook a secret and the
    source that secret (see the example and the rulebook C(bitbucket.cloud.push_to_main))."
extends_documentation_fragment:
  - bitbucket.cloud.connection
  - bitbucket.cloud.attributes
  - bitbucket.cloud.attributes.write
seealso:
  - module: bitbucket.cloud.bitbucket_webhook_info
'''

EXAMPLES = r'''
- name: Notify CI of pushes and new pull requests, with a signing secret
  bitbucket.cloud.bitbucket_webhook:
    workspace: acme
    repository: infra-live
    url: https://ci.example.com/bitbucket
    description: CI
    events: [repo:push, pullrequest:created]
    secret: "{{ vault_ci_webhook_secret }}"
    user: alice@example.com
    password: "{{ vault_bitbucket_api_token }}"

- name: Rotate the secret of that webhook (reports changed on every run)
  bitbucket.cloud.bitbucket_webhook:
    workspace: acme
    repository: infra-live
    url: https://ci.example.com/bitbucket
    secret: "{{ vault_ci_webhook_secret_new }}"
    secret_update: always

# The rulebook bitbucket.cloud.push_to_main listens at the URL; its source bitbucket.cloud.webhook
# rejects any delivery not signed with this same secret.
- name: Send pushes to Event-Driven Ansible, signed with the secret the rulebook checks
  bitbucket.cloud.bitbucket_webhook:
    workspace: acme
    repository: infra-live
    url: https://eda.example.com/
    description: Event-Driven Ansible
    events: [repo:push]
    secret: "{{ vault_eda_webhook_secret }}"  # the rulebook gets the same value, e.g. BITBUCKET_WEBHOOK_SECRET

- name: Audit repository creation and deletion in the whole workspace
  bitbucket.cloud.bitbucket_webhook:
    workspace: acme
    url: https://audit.example.com/bitbucket
    events: [repo:created, repo:deleted]

- name: Remove one of two webhooks that share a URL
  bitbucket.cloud.bitbucket_webhook:
    workspace: acme
    repository: infra-live
    uuid: "{4b9c2f0e-8a1d-4c3b-9e7f-0123456789ab}"
    state: absent
'''

RETURN = r'''
webhook:
  description:
    - The webhook as Bitbucket has it after the task (predicted in check mode), the API object as Bitbucket gives
      it, with its URL redacted and never a secret, plus the convenience keys RV(webhook.workspace) and
      RV(webhook.repository); empty when absent.
  returned: always
  type: dict
  contains:
    uuid:
      description: The webhook UUID, with braces (null when predicted in check mode).
      type: str
      sample: "{4b9c2f0e-8a1d-4c3b-9e7f-0123456789ab}"
    url:
      description:
        - The URL events are delivered to, without its credentials. A password (V(https://user:********@host/))
          and the values of credential-like query parameters (V(?token=********)) are replaced by V(********).
      type: str
      sample: https://ci.example.com/bitbucket
    description:
      description: The webhook's description.
      type: str
      sample: CI
    active:
      description: Whether events are delivered.
      type: bool
    events:
      description: The subscribed event keys, sorted.
      type: list
      elements: str
      sample: [pullrequest:created, repo:push]
    secret_set:
      description: Whether the webhook has a secret. The secret itself is never returned.
      type: bool
    skip_cert_verification:
      description: Whether Bitbucket skips the TLS certificate check when delivering.
      type: bool
    subject_type:
      description: V(repository) or V(workspace).
      type: str
      sample: repository
    created_at:
      description: When the webhook was created (null when predicted in check mode).
      type: str
    subject:
      description: The repository or workspace the webhook belongs to, as Bitbucket gives it.
      type: dict
    links:
      description: Bitbucket's links of the webhook.
      type: dict
    workspace:
      description: The workspace (a convenience key).
      type: str
      sample: acme
    repository:
      description: The repository slug, null for a workspace webhook (a convenience key).
      type: str
      sample: infra-live
'''

from ansible_collections.bitbucket.cloud.plugins.module_utils.module import BitbucketModule
from ansible_collections.bitbucket.cloud.plugins.module_utils.webhook import (
    SECRET_UPDATE_CHOICES, WEBHOOK_EVENTS, WebhookResource)


def main():
    module = BitbucketModule(argument_spec=dict(
        workspace=dict(type='str', required=True),
        repository=dict(type='str'),
        url=dict(type='str'),
        uuid=dict(type='str'),
        description=dict(type='str'),
        events=dict(type='list', elements='str', choices=list(WEBHOOK_EVENTS)),
        active=dict(type='bool'),
        skip_cert_verification=dict(type='bool'),
        secret=dict(type='str', no_log=True),
        secret_update=dict(type='str', choices=list(SECRET_UPDATE_CHOICES), default='on_create', no_log=False),
        state=dict(type='str', choices=['present', 'absent'], default='present'),
    ))
    module.run_resource(WebhookResource)


if __name__ == '__main__':
    main()
