"""Reference workspaces for the benchmarks and the resilience tests.

`reference(n)` gives the emulator seed (workspace acme with its owner, a member and two
groups, nothing else declared yet) and the role input that declares 3 projects and n
repositories, each with 2 webhooks, 2 explicit grants (one group, one user), 2 branch restrictions and 1 default
reviewer.
"""

import copy
import os

import yaml

SAMPLE_SEED = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'seeds', 'sample.yml')
BOB_UUID = '{b0b00000-0000-4000-8000-0000000000b2}'
PROJECT_KEYS = ('PLAT', 'DATA', 'WEB')
HOOK_SECRET = 'reference-hook-secret'


def base_seed():
    """The sample seed's users, and workspace acme with members and groups but no projects or repositories."""
    with open(SAMPLE_SEED) as handle:
        sample = yaml.safe_load(handle)
    seed = copy.deepcopy(sample)
    for workspace in seed['workspaces']:
        if workspace['slug'] == 'acme':
            workspace['projects'] = []
            workspace['repositories'] = []
            workspace['webhooks'] = []
    return seed


def reference_spec(repositories):
    """The role input of the reference workspace."""
    projects = [dict(key=key, name='%s team' % key.title(), description='Reference project %s' % key,
                     is_private=True, permissions=dict(groups=dict(admins='admin')))
                for key in PROJECT_KEYS]
    repos = []
    for index in range(repositories):
        slug = 'service-%03d' % index
        repos.append(dict(
            name=slug,
            project=PROJECT_KEYS[index % len(PROJECT_KEYS)],
            description='Reference service %d' % index,
            is_private=True,
            fork_policy='no_public_forks',
            language='python',
            webhooks=[
                dict(url='https://ci.example.com/hooks/%s' % slug, events=['repo:push', 'pullrequest:created'],
                     description='CI', secret=HOOK_SECRET),
                dict(url='https://chat.example.com/bitbucket', events=['pullrequest:fulfilled'],
                     description='Chat notifications'),
            ],
            permissions=dict(groups=dict(developers='write'), users={BOB_UUID: 'read'}),
            branch_restrictions=[
                dict(kind='push', pattern='main', users=[], groups=['developers']),
                dict(kind='require_approvals_to_merge', branch_type='production', value=2),
            ],
            default_reviewers=[BOB_UUID],
        ))
    return dict(bitbucket_workspace='acme', bitbucket_projects=projects, bitbucket_repositories=repos)


def fewest_reads(spec):
    """The fewest reads a no-change check can make: the design's floor.

    One project list, one repository list per 100 repositories, one hook list per repository
    that declares webhooks, one restriction list per repository that declares branch restrictions,
    one default reviewer list per repository or project that declares one, and per repository and project one grant
    list (users, groups) for each kind of grant it declares.
    """
    repos = spec['bitbucket_repositories']
    projects = spec['bitbucket_projects']
    reads = 1 + (len(repos) + 99) // 100
    reads += sum(1 for r in repos if r.get('webhooks'))
    reads += sum(1 for r in repos if r.get('branch_restrictions'))
    reads += sum(1 for declared in repos + projects if declared.get('default_reviewers') is not None)
    for declared in repos + projects:
        reads += sum(1 for kind in ('users', 'groups') if (declared.get('permissions') or {}).get(kind))
    return reads
