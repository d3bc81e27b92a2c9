# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The engine's bulk reads against the emulator: paginated lists, and single objects (resource.ObjectPath)."""

from ansible_collections.bitbucket.cloud.plugins.module_utils.auth import select_auth
from ansible_collections.bitbucket.cloud.plugins.module_utils.client import BitbucketClient, api_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.parallel import BulkReader
from ansible_collections.bitbucket.cloud.plugins.module_utils.resource import ObjectPath


def _reader(emu):
    auth = select_auth(dict(user='alice@example.com', password='alice-api-token'), {})
    return BulkReader(BitbucketClient(auth, api_url=emu.api_url, retries=0))


def _reads(emu):
    return [(r['method'], r['path']) for r in emu.requests() if r['path'].startswith('/2.0')]


def test_an_object_path_is_one_get_and_a_list_path_every_page(emu):
    reader = _reader(emu)
    settings = ObjectPath(api_path('repositories', 'acme', 'legacy-app', 'branching-model', 'settings'))
    hooks = api_path('repositories', 'acme', 'legacy-app', 'hooks')
    emu.clear_requests()
    read = reader.lists([('settings', settings, None), ('hooks', hooks, None)])
    reader.finish()
    assert len(read['settings']) == 1
    assert read['settings'][0]['type'] == 'branching_model_settings'
    assert [h['url'] for h in read['hooks']] == ['https://ci.example.com/hooks/legacy-app']
    assert sorted(_reads(emu)) == sorted([('GET', '/2.0' + hooks), ('GET', '/2.0' + settings)])


def test_an_object_that_is_not_there_reads_as_an_empty_list(emu):
    reader = _reader(emu)
    key_pair = ObjectPath(api_path('repositories', 'acme', 'legacy-app', 'pipelines_config', 'ssh', 'key_pair'))
    read = reader.lists([('key_pair', key_pair, None)])
    reader.finish()
    assert read == {'key_pair': []}
