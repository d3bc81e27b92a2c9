"""Pagination over a large workspace: pagelen default and maximum, next/previous links, no gaps."""

from urllib.parse import parse_qs, urlparse

import pytest

from emulator.seed import bulk_repositories, load_sample

BULK = 250


@pytest.fixture
def bulk(emu):
    seed = load_sample()
    acme = seed['workspaces'][0]
    acme['projects'].append({'key': 'BULK', 'name': 'Bulk', 'created_on': '2022-01-01T00:00:00+00:00'})
    acme['repositories'].extend(bulk_repositories(BULK, name_format='svc-{:03d}', project='BULK', language='go'))
    emu.reset(seed)
    return emu


def test_following_next_returns_every_repository_once(bulk, alice):
    slugs = [value['slug'] for value in alice.all_values('/repositories/acme', pagelen=100)]
    expected = [repository['slug'] for repository in bulk.state()['workspaces'][0]['repositories']]
    assert len(slugs) == BULK + 3
    assert sorted(slugs) == sorted(expected) and len(set(slugs)) == len(slugs)
    pages = [entry for entry in bulk.requests() if entry['template'] == '/repositories/{workspace}']
    assert len(pages) == 3


def test_default_and_maximum_pagelen(bulk, alice):
    first = alice.get('/repositories/acme').json()
    assert first['pagelen'] == 10 and len(first['values']) == 10
    assert first['size'] == BULK + 3 and first['page'] == 1 and 'previous' not in first
    clamped = alice.get('/repositories/acme', params={'pagelen': 500}).json()
    assert clamped['pagelen'] == 100 and len(clamped['values']) == 100
    assert alice.get('/repositories/acme', params={'pagelen': 0}).status_code == 400
    assert alice.get('/repositories/acme', params={'page': 'x'}).status_code == 400


def test_links_are_absolute_and_keep_the_query(bulk, alice):
    query = 'project.key = "BULK"'
    first = alice.get('/repositories/acme', params={'q': query, 'sort': '-name', 'pagelen': 50}).json()
    assert first['size'] == BULK
    link = urlparse(first['next'])
    assert link.scheme == 'http' and link.netloc == urlparse(bulk.api_url).netloc
    params = parse_qs(link.query)
    assert params == {'q': [query], 'sort': ['-name'], 'pagelen': ['50'], 'page': ['2']}
    second = alice.get(first['next']).json()
    assert second['page'] == 2 and parse_qs(urlparse(second['previous']).query)['page'] == ['1']
    assert second['values'][0]['name'] == 'svc-200'
    last = alice.get(first['next'].replace('page=2', 'page=5')).json()
    assert 'next' not in last and len(last['values']) == 50


def test_short_lists_have_one_page(alice):
    page = alice.get('/workspaces/acme/projects').json()
    assert set(page) == {'size', 'page', 'pagelen', 'values'}
    assert page['size'] == 3
