# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fill_write_only filter puts values at the export's write_only places and refuses places the spec lacks."""

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.bitbucket.cloud.plugins.filter.fill_write_only import fill_write_only

HOOKS = [dict(url='https://x.example.com/1'), dict(url='https://x.example.com/2')]
SPEC = dict(
    bitbucket_workspace='acme',
    bitbucket_repositories=[dict(slug='a'), dict(slug='b', webhooks=HOOKS)],
    bitbucket_workspace_webhooks=[dict(url='https://audit.example.com/')],
)


def test_values_land_at_their_places_and_the_input_is_untouched():
    filled = fill_write_only(SPEC, {'bitbucket_repositories[1].webhooks[1].secret': 's1',
                                    'bitbucket_workspace_webhooks[0].secret': 's2'})
    assert filled['bitbucket_repositories'][1]['webhooks'][1] == dict(url='https://x.example.com/2', secret='s1')
    assert filled['bitbucket_repositories'][1]['webhooks'][0] == dict(url='https://x.example.com/1')
    assert filled['bitbucket_workspace_webhooks'][0]['secret'] == 's2'
    assert 'secret' not in SPEC['bitbucket_workspace_webhooks'][0]


def test_no_values_gives_an_equal_copy():
    assert fill_write_only(SPEC, {}) == SPEC and fill_write_only(SPEC, None) == SPEC


@pytest.mark.parametrize('place', [
    'bitbucket_repositories[5].webhooks[0].secret', 'bitbucket_repositories[0].webhooks[0].secret',
    'bitbucket_projects[0].secret', 'bitbucket_repositories[1].webhooks[9].secret', 'not a place', 'a..b',
])
def test_places_the_spec_lacks_are_refused(place):
    with pytest.raises(AnsibleFilterError) as info:
        fill_write_only(SPEC, {place: 'x'})
    assert 'x' != str(info.value) and 'fill_write_only' in str(info.value)
