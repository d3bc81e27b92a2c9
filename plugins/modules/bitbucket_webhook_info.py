#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: bitbucket_webhook_info
short_description: List the webhooks of a Bitbucket Cloud repository or workspace
version_added: 1.0.0
description:
  - Lists every webhook of a repository, or of the workspace itself when O(repository) is omitted,
    following every page of the list.
  - Secrets are never returned (Bitbucket does not return them); RV(webhooks[].secret_set) says whether one is set.
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
      - The repository slug or C({UUID}).
      - Omit it to list the webhooks of the workspace itself (only workspace owners can do that), not those of
        its repositories.
    type: str
notes:
  - "Scopes: API token C(read:webhook:bitbucket); OAuth C(webhook)."
extends_documentation_fragment:
  - bitbucket.cloud.connection
  - bitbucket.cloud.attributes
  - bitbucket.cloud.attributes.info
seealso:
  - module: bitbucket.cloud.bitbucket_webhook
'''

EXAMPLES = r'''
- name: List the webhooks of a repository
  bitbucket.cloud.bitbucket_webhook_info:
    workspace: acme
    repository: infra-live
    user: alice@example.com
    password: "{{ vault_bitbucket_api_token }}"
  register: infra_live_hooks

- name: Fail when a repository has two webhooks with the same URL
  ansible.builtin.assert:
    that: >-
      infra_live_hooks.webhooks | map(attribute='url') | list | length
      == infra_live_hooks.webhooks | map(attribute='url') | unique | list | length

- name: List the webhooks of the workspace itself
  bitbucket.cloud.bitbucket_webhook_info:
    workspace: acme
  register: workspace_hooks
'''

RETURN = r'''
webhooks:
  description: The webhooks, in Bitbucket's order.
  returned: success
  type: list
  elements: dict
  contains:
    uuid:
      description: The webhook UUID, with braces.
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
      description: When the webhook was created.
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
'''

from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.module import BitbucketModule
from ansible_collections.bitbucket.cloud.plugins.module_utils.webhook import (
    hooks_path, validate_hook_owner, webhook_view)


def main():
    module = BitbucketModule(argument_spec=dict(
        workspace=dict(type='str', required=True),
        repository=dict(type='str'),
    ))
    workspace = module.params['workspace']
    repository = module.params['repository']
    try:
        validate_hook_owner(workspace, repository)
    except InputError as exc:
        module.fail_json(msg=str(exc))

    def action():
        hooks = list(module.client.paginate(hooks_path(workspace, repository)))
        for hook in hooks:
            module.mask_url_credentials(hook.get('url'))
        return dict(changed=False, webhooks=[webhook_view(h, workspace, repository) for h in hooks])

    module.run(action)


if __name__ == '__main__':
    main()
