# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""bitbucket_branching_model against the emulator."""

import pytest

REPO = '/repositories/acme/legacy-app/branching-model/settings'
PROJECT = '/workspaces/acme/projects/CORE/branching-model/settings'
INHERITING = '/repositories/acme/core-api/branching-model/settings'


def writes(emu):
    return [(r['method'], r['path']) for r in emu.requests() if r['method'] != 'GET']


def types(settings):
    return dict((t['kind'], (t['prefix'], t['enabled'])) for t in settings['branch_types'])


# --- bad input: fails before any API call, naming the option ---------------------------------

@pytest.mark.parametrize('args, option', [
    (dict(development=dict(name='develop', use_mainbranch=True)), 'development.name'),
    (dict(development=dict(use_mainbranch=False)), 'development.name'),
    (dict(production=dict(name='bad..name')), 'production.name'),
    (dict(branch_types=[dict(kind='feature', prefix='feat ure/')]), 'branch_types[0].prefix'),
    (dict(branch_types=[dict(kind='feature', prefix='f/'), dict(kind='feature', prefix='g/')]), 'branch_types[1].kind'),
    (dict(project='1CORE', repository=None), 'project'),
    (dict(repository='legacy/app'), 'repository'),
])
def test_bad_input_fails_before_any_call(emu, alice, run_module, args, option):
    full = dict(dict(alice, workspace='acme', repository='legacy-app'), **args)
    full = dict((k, v) for k, v in full.items() if v is not None)
    result = run_module('bitbucket_branching_model', full)
    assert result.failed
    assert result['msg'].startswith(option + ':'), result['msg']
    assert emu.requests() == []


@pytest.mark.parametrize('args, words', [
    (dict(repository='legacy-app', project='CORE'), ['repository', 'project']),
    (dict(), ['repository', 'project']),
    (dict(repository='legacy-app', branch_types=[dict(kind='story', prefix='story/')]), ['kind', 'story']),
    (dict(repository='legacy-app', branch_types=[dict(prefix='story/')]), ['kind']),
    (dict(repository='legacy-app', default_branch_deletion='sometimes'), ['default_branch_deletion']),
    (dict(repository='legacy-app', state='absent'), ['state']),
])
def test_inconsistent_options_fail_before_any_call(emu, alice, run_module, args, words):
    result = run_module('bitbucket_branching_model', dict(alice, workspace='acme', **args))
    assert result.failed
    assert all(word in result['msg'] for word in words), result['msg']
    assert emu.requests() == []


# --- check mode, real, again -----------------------------------------------------------------

def test_repository_model_check_real_again(emu, alice, api, run_module):
    args = dict(alice, workspace='acme', repository='legacy-app', development=dict(name='develop'),
                branch_types=[dict(kind='release', enabled=False), dict(kind='feature', prefix='feat/', enabled=True)],
                default_branch_deletion=True)
    emu.clear_requests()
    checked = run_module('bitbucket_branching_model', args, check_mode=True)
    assert not checked.failed, checked
    assert checked['changed'] is True
    assert checked['diff'] == dict(
        before=dict(workspace='acme', repository='legacy-app', development=dict(name=None, use_mainbranch=True),
                    branch_types=[dict(kind='feature', prefix='feature/', enabled=True), dict(kind='release', enabled=True)],
                    default_branch_deletion=False),
        after=dict(workspace='acme', repository='legacy-app', development=dict(name='develop', use_mainbranch=False),
                   branch_types=[dict(kind='feature', prefix='feat/', enabled=True), dict(kind='release', enabled=False)],
                   default_branch_deletion=True))
    predicted = checked['branching_model']
    assert predicted['development']['name'] == 'develop' and predicted['default_branch_deletion'] == 'true'
    assert types(predicted) == dict(feature=('feat/', True), bugfix=('bugfix/', True), release=('release/', False),
                                    hotfix=('hotfix/', True))
    # a repository's model set on its own stops inheriting its project's: said in check mode already
    assert any('stop inheriting' in w for w in checked.warnings), checked.warnings
    assert writes(emu) == []
    assert api.get(REPO)['development'] == dict(use_mainbranch=True, is_valid=True)

    emu.clear_requests()
    done = run_module('bitbucket_branching_model', args)
    assert done['changed'] is True and done['diff'] == checked['diff']
    assert writes(emu) == [('PUT', '/2.0' + REPO)]
    assert done['branching_model']['development'] == dict(name='develop', use_mainbranch=False, is_valid=True)
    assert done['branching_model']['default_branch_deletion'] == 'true'
    assert types(done['branching_model']) == types(predicted)
    assert types(api.get(REPO)) == types(predicted)

    emu.clear_requests()
    again = run_module('bitbucket_branching_model', dict(args, branch_types=list(reversed(args['branch_types']))))
    assert again['changed'] is False, again
    assert again['diff']['before'] == again['diff']['after']
    assert again.warnings == []
    assert len(emu.requests()) == 1 and writes(emu) == []


def test_only_what_is_given_is_sent(emu, alice, api, run_module):
    emu.clear_requests()
    done = run_module('bitbucket_branching_model', dict(
        alice, workspace='acme', repository='legacy-app', production=dict(enabled=True, use_mainbranch=True),
        branch_types=[dict(kind='hotfix', prefix='hotfix/'), dict(kind='bugfix', prefix='fix/')]))
    assert done['changed'] is True, done
    # only the differing branch type is sent, each with its kind; production as given
    assert done['diff']['before']['branch_types'] == [dict(kind='bugfix', prefix='bugfix/')]
    assert done['diff']['after']['branch_types'] == [dict(kind='bugfix', prefix='fix/')]
    settings = api.get(REPO)
    assert settings['production'] == dict(enabled=True, use_mainbranch=True, is_valid=True)
    assert settings['default_branch_deletion'] == 'false' and types(settings)['bugfix'] == ('fix/', True)
    # reading only: no option given, no change
    emu.clear_requests()
    read = run_module('bitbucket_branching_model', dict(alice, workspace='acme', repository='legacy-app'))
    assert read['changed'] is False and read['branching_model']['production']['enabled'] is True
    assert writes(emu) == []


def test_default_branch_deletion_is_sent_as_the_api_string(emu, alice, api, run_module):
    for value, text, changed in ((False, 'false', False), (True, 'true', True), (True, 'true', False),
                                 (False, 'false', True)):
        emu.clear_requests()
        done = run_module('bitbucket_branching_model', dict(alice, workspace='acme', project='CORE',
                                                            default_branch_deletion=value))
        assert done['changed'] is changed, done
        # the emulator, like Bitbucket, ignores anything but the strings: the state shows the string was sent
        assert writes(emu) == ([('PUT', '/2.0' + PROJECT)] if changed else [])
        assert api.get(PROJECT)['default_branch_deletion'] == text


def test_project_model_key_in_other_case_and_no_inheritance_warning(emu, alice, api, run_module):
    args = dict(alice, workspace='acme', project='core', development=dict(name='develop'),
                production=dict(enabled=True, name='main'))
    done = run_module('bitbucket_branching_model', args)
    assert done['changed'] is True, done
    assert done.warnings == []
    assert done['diff']['after']['project'] == 'CORE'
    settings = api.get(PROJECT)
    assert settings['development']['name'] == 'develop' and settings['production']['name'] == 'main'
    # core-api has no model of its own: it inherits the project's
    assert api.get(INHERITING)['development']['name'] == 'develop'
    again = run_module('bitbucket_branching_model', args)
    assert again['changed'] is False
    # back to the main branch: the name goes
    main = run_module('bitbucket_branching_model', dict(args, development=dict(use_mainbranch=True), production=None))
    assert main['changed'] is True
    assert main['diff']['before']['development'] == dict(use_mainbranch=False)
    assert 'name' not in api.get(PROJECT)['development']


def test_a_refused_model_fails_with_the_api_reason(emu, alice, api, run_module):
    # feature/ and feat/ would overlap once both are enabled: Bitbucket refuses, the module says why
    result = run_module('bitbucket_branching_model', dict(alice, workspace='acme', repository='legacy-app',
                                                          branch_types=[dict(kind='bugfix', prefix='feature/x')]))
    assert result.failed
    assert result['error']['status'] == 400 and 'must not overlap' in result['msg']
    assert 'Bitbucket refused the branching model of repository acme/legacy-app' in result['msg']
    assert types(api.get(REPO))['bugfix'] == ('bugfix/', True)


@pytest.mark.parametrize('target, word', [(dict(repository='nope'), 'repository: acme/nope does not exist'),
                                          (dict(project='NOPE'), 'project: NOPE in workspace acme does not exist')])
def test_missing_target_fails_clearly(emu, alice, run_module, target, word):
    result = run_module('bitbucket_branching_model', dict(alice, workspace='acme', default_branch_deletion=True, **target))
    assert result.failed
    assert word in result['msg'], result['msg']
    assert writes(emu) == []
