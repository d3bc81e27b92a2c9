# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bad role input fails before any API call, names the option, and shows no traceback."""

import pytest

GOOD_REPO = dict(name='app', project='LEGACY')

# (role input, a word the failure must contain)
CASES = [
    (dict(bitbucket_projects=[]), 'bitbucket_workspace'),
    (dict(bitbucket_workspace='acme', bitbucket_prune='maybe'), 'bitbucket_prune'),
    (dict(bitbucket_workspace='acme', bitbucket_projects=[dict(key='OPS', name='Ops', permisions={})]), 'permisions'),
    (dict(bitbucket_workspace='acme', bitbucket_projects=[dict(key='1OPS', name='Ops')]), 'key'),
    (dict(bitbucket_workspace='acme', bitbucket_repositories=[dict(GOOD_REPO, fork_policy='sometimes')]),
     'fork_policy'),
    (dict(bitbucket_workspace='acme', bitbucket_repositories=[dict(GOOD_REPO, webhooks=[
        dict(url='https://ci.example.com/h', events=['repo:pushed'])])]), 'events'),
    (dict(bitbucket_workspace='acme', bitbucket_repositories=[dict(GOOD_REPO, webhooks=[
        dict(url='not-a-url', events=['repo:push'])])]), 'url'),
    (dict(bitbucket_workspace='acme', bitbucket_repositories=[dict(GOOD_REPO, permissions=dict(
        groups=dict(developers='owner')))]), 'owner'),
    (dict(bitbucket_workspace='acme', bitbucket_repositories=[dict(GOOD_REPO, permissions=dict(
        users={'bob@example.com': 'read'}))]), 'bob@example.com'),
    (dict(bitbucket_workspace='acme', bitbucket_repositories=[dict(GOOD_REPO, is_private='perhaps')]), 'is_private'),
    (dict(bitbucket_workspace='acme', bitbucket_repositories='not a list'), 'bitbucket_repositories'),
    # dot segments, a trailing newline, a nickname (issue 11)
    (dict(bitbucket_workspace='..', bitbucket_repositories=[GOOD_REPO]), 'workspace: must not be'),
    (dict(bitbucket_workspace='acme', bitbucket_repositories=[dict(name='app', slug='..')]), 'repositories[0].slug'),
    (dict(bitbucket_workspace='acme', bitbucket_repositories=[dict(GOOD_REPO, permissions=dict(
        groups={'..': 'read'}))]), 'repositories[0].permissions.groups'),
    (dict(bitbucket_workspace='acme', bitbucket_projects=[dict(key='OPS\n', name='Ops')]), 'projects[0].key'),
    (dict(bitbucket_workspace='acme', bitbucket_repositories=[dict(GOOD_REPO, permissions=dict(
        users={'bob': 'read'}))]), 'nicknames'),
    (dict(bitbucket_workspace='acme', bitbucket_repositories=[dict(GOOD_REPO, webhooks=[
        dict(url='https://ci.example.com/a b', events=['repo:push'])])]), 'repositories[0].webhooks[0].url'),
]


@pytest.mark.parametrize('spec, word', CASES, ids=['role-%s-%d' % (c[1], i) for i, c in enumerate(CASES)])
def test_bad_role_input(emu, playbook, spec, word):
    proc = playbook.provision(spec)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, output[-3000:]
    assert word in output, output[-3000:]
    assert 'Traceback' not in output
    assert emu.requests() == [], emu.requests()
