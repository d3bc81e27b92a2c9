#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
module: bitbucket_repo_mirror
short_description: Keep a git mirror of Bitbucket Cloud repositories, or push a mirror back
version_added: 2.0.0
description:
  - With O(operation=fetch), makes a bare mirror of a repository at O(path) with C(git clone --mirror) the first
    time and brings it up to date with C(git remote update --prune) later, then checks it with C(git fsck).
  - With O(operation=push), pushes the mirror at O(path) into the repository with C(git push --mirror) and checks
    that the repository's refs are then exactly the mirror's. A repository that has other commits is left alone
    (RV(mirrors[].action) V(skipped)) unless O(force=true).
  - One mirror (O(repository) and O(path)) or many (O(mirrors)), O(parallel) at a time.
  - The git credentials are the connection options, as for every module of the collection
    (C(module_defaults) or the C(BITBUCKET_*) environment). They reach git only through the environment of the
    git process, as an C(http.extraHeader) (C(GIT_CONFIG_COUNT)); never in the command line, a URL, the mirror's
    C(config) or any file. The git user is C(x-bitbucket-api-token-auth) with an API token and C(x-token-auth)
    with an access token or an OAuth consumer's token, as Bitbucket documents.
  - The module reports a change only when refs change (or a mirror is made); a fetch that brings nothing new
    reports no change.
author:
  - bitbucket.cloud maintainers (@bitbucket-cloud)
options:
  workspace:
    description:
      - The workspace slug.
    type: str
    required: true
  repository:
    description:
      - The slug of the one repository; with O(path). Mutually exclusive with O(mirrors).
    type: str
  path:
    description:
      - The directory of the bare mirror, for example C(/backup/acme/git/infra-live.git). Its parent directories
        are made when missing.
    type: path
  url:
    description:
      - The https URL to clone from or push to, without a user name or password.
      - Default the repository's C(https) clone link, read from the API.
    type: str
  mirrors:
    description:
      - Many mirrors at once, O(parallel) at a time. Mutually exclusive with O(repository).
    type: list
    elements: dict
    suboptions:
      repository:
        description: The repository slug.
        type: str
        required: true
      path:
        description: The directory of its bare mirror.
        type: path
        required: true
      url:
        description: The https URL, default the repository's clone link.
        type: str
  operation:
    description:
      - V(fetch) clones or updates the mirror from Bitbucket; V(push) pushes the mirror to Bitbucket.
    type: str
    choices: [fetch, push]
    default: fetch
  force:
    description:
      - With O(operation=push), overwrite a repository whose refs differ from the mirror's (C(git push --mirror)
        deletes its other branches and tags).
    type: bool
    default: false
  fsck:
    description:
      - Run C(git fsck) on each mirror after a fetch; a failure fails the task.
    type: bool
    default: true
  parallel:
    description:
      - How many git processes run at once (1 to 16).
    type: int
    default: 4
notes:
  - "Scopes: API token C(read:repository:bitbucket) to fetch, C(write:repository:bitbucket) to push;
    access and OAuth tokens C(repository) and C(repository:write)."
  - Needs C(git) 2.31 or later on the managed node.
  - In check mode, a fetch compares the mirror with C(git ls-remote) and a push compares the repository's refs with
    the mirror's; nothing is written.
extends_documentation_fragment:
  - bitbucket.cloud.connection
  - bitbucket.cloud.attributes
attributes:
  check_mode:
    description: Compares refs with C(git ls-remote) and predicts the change without fetching or pushing.
    support: full
  diff_mode:
    description: Returns the refs before and after for each mirror that changes.
    support: full
seealso:
  - module: bitbucket.cloud.bitbucket_repo
  - name: Using API tokens with git
    description: The git user names for API tokens and access tokens.
    link: https://support.atlassian.com/bitbucket-cloud/docs/using-api-tokens/
'''

EXAMPLES = r'''
- name: Mirror one repository
  bitbucket.cloud.bitbucket_repo_mirror:
    workspace: acme
    repository: infra-live
    path: /backup/acme/git/infra-live.git
    user: alice@example.com
    password: "{{ vault_bitbucket_api_token }}"
  register: mirror

- name: Show its branches and tags
  ansible.builtin.debug:
    msg: "{{ mirror.refs.keys() | list }}"

- name: Mirror many repositories, four at a time, with credentials from module_defaults
  module_defaults:
    group/bitbucket.cloud.bitbucket:
      user: alice@example.com
      password: "{{ vault_bitbucket_api_token }}"
  bitbucket.cloud.bitbucket_repo_mirror:
    workspace: acme
    mirrors:
      - {repository: infra-live, path: /backup/acme/git/infra-live.git}
      - {repository: app, path: /backup/acme/git/app.git}
    parallel: 4

- name: Push a mirror into an empty repository of another workspace
  bitbucket.cloud.bitbucket_repo_mirror:
    workspace: acme-dr
    repository: infra-live
    path: /backup/acme/git/infra-live.git
    operation: push
    token: "{{ vault_bitbucket_access_token }}"
'''

RETURN = r'''
mirrors:
  description: One entry per mirror, in the order given.
  returned: success
  type: list
  elements: dict
  contains:
    repository:
      description: The repository slug.
      type: str
      sample: infra-live
    path:
      description: The mirror's directory.
      type: str
      sample: /backup/acme/git/infra-live.git
    url:
      description: The git URL used (no credentials in it).
      type: str
      sample: https://bitbucket.org/acme/infra-live.git
    action:
      description:
        - "V(new) (cloned), V(fetched) (refs changed), V(unchanged), V(pushed), V(skipped) (push refused because the
          repository has other commits and O(force=false)), V(empty) (nothing to push), V(failed)."
      choices: [new, fetched, unchanged, pushed, skipped, empty, failed]
      type: str
      sample: fetched
    changed:
      description: Whether this mirror's refs changed (or it was made).
      type: bool
    refs:
      description: The mirror's refs after the run, each ref name with its commit or tag id.
      type: dict
      sample: {"refs/heads/main": "3f1c0d2b8e9a7c6d5e4f3a2b1c0d9e8f7a6b5c4d"}
    before:
      description: The refs before the run (fetch, the mirror's; push, the repository's).
      type: dict
    remote_refs:
      description: With O(operation=push), the repository's refs after the run.
      type: dict
      returned: O(operation=push)
    empty:
      description: Whether the repository has no refs at all (an empty repository is not an error).
      type: bool
    size:
      description: The mirror's size on disk in bytes.
      type: int
      sample: 52311
    line:
      description: A one-line report of this mirror, for progress output.
      type: str
      sample: "infra-live: fetched (12 refs, 52311 bytes)"
    error:
      description: What git said when this mirror failed.
      type: str
      returned: when RV(mirrors[].action) is V(failed)
manifest:
  description: The mirrors as a backup manifest records them, by slug (C(refs), C(size), C(empty)).
  returned: always
  type: dict
  sample: {"infra-live": {"refs": {"refs/heads/main": "3f1c0d2b8e9a7c6d5e4f3a2b1c0d9e8f7a6b5c4d"}, "size": 52311, "empty": false}}
collection_version:
  description: The version of the bitbucket.cloud collection (for backup manifests).
  returned: always
  type: str
  sample: 1.0.0
refs:
  description: With O(repository), the mirror's refs (as RV(mirrors[].refs)).
  returned: success and O(repository) given
  type: dict
action:
  description: With O(repository), what was done (as RV(mirrors[].action)).
  returned: success and O(repository) given
  type: str
empty:
  description: With O(repository), whether the repository is empty.
  returned: success and O(repository) given
  type: bool
size:
  description: With O(repository), the mirror's size in bytes.
  returned: success and O(repository) given
  type: int
'''

import shutil

from ansible_collections.bitbucket.cloud.plugins.module_utils.client import COLLECTION_VERSION
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.mirror import (
    Git, MirrorRun, clone_urls, git_environment, validate_mirrors)
from ansible_collections.bitbucket.cloud.plugins.module_utils.module import BitbucketModule
from ansible_collections.bitbucket.cloud.plugins.module_utils.patterns import validate_workspace


def main():
    module = BitbucketModule(
        argument_spec=dict(
            workspace=dict(type='str', required=True),
            repository=dict(type='str'),
            path=dict(type='path'),
            url=dict(type='str'),
            mirrors=dict(type='list', elements='dict', options=dict(
                repository=dict(type='str', required=True),
                path=dict(type='path', required=True),
                url=dict(type='str'),
            )),
            operation=dict(type='str', choices=['fetch', 'push'], default='fetch'),
            force=dict(type='bool', default=False),
            fsck=dict(type='bool', default=True),
            parallel=dict(type='int', default=4),
        ),
        mutually_exclusive=[('repository', 'mirrors'), ('path', 'mirrors'), ('url', 'mirrors')],
        required_one_of=[('repository', 'mirrors')],
        required_together=[('repository', 'path')],
    )
    params = module.params
    try:
        validate_workspace(params['workspace'])
        mirrors = validate_mirrors(params)
    except InputError as exc:
        module.fail_json(msg=str(exc))
    executable = shutil.which('git')
    if executable is None:
        module.fail_json(msg='git is not installed on the managed node (needed by bitbucket_repo_mirror)')

    def action():
        missing = [m['repository'] for m in mirrors if not m['url']]
        if missing:
            urls = clone_urls(module.client, params['workspace'], missing)
            unknown = sorted(set(missing) - set(urls))
            if unknown:
                raise InputError('repository' if params['repository'] else 'mirrors',
                                 'no repository %s in workspace %s (or no access to it)' % (
                                     ', '.join(unknown), params['workspace']))
            for mirror in mirrors:
                mirror['url'] = mirror['url'] or urls[mirror['repository']]
        env = git_environment(module.client, module.client.validate_certs)
        runner = MirrorRun(Git(env, executable), params['operation'], module.check_mode, fsck=params['fsck'],
                           force=params['force'])
        results = runner.run(mirrors, params['parallel'])
        result = dict(changed=any(r['changed'] for r in results), mirrors=results, collection_version=COLLECTION_VERSION,
                      manifest=dict((r['repository'], dict(refs=r['refs'], size=r['size'], empty=r['empty']))
                                    for r in results if r['action'] != 'failed'))
        changed = [r for r in results if r['changed']]
        if module._diff and changed:
            key = 'remote_refs' if params['operation'] == 'push' else 'refs'
            result['diff'] = dict(before=dict((r['repository'], r['before']) for r in changed),
                                  after=dict((r['repository'], r[key]) for r in changed))
        if params['repository']:
            one = results[0]
            result.update(refs=one['refs'], action=one['action'], empty=one['empty'], size=one['size'])
        failed = [r for r in results if r['action'] == 'failed']
        if failed:
            result['msg'] = '%d of %d mirrors failed: %s' % (len(failed), len(results), '; '.join(
                r['error'] for r in failed[:5]))
            module.fail_json(**result)
        return result

    module.run(action)


if __name__ == '__main__':
    main()
