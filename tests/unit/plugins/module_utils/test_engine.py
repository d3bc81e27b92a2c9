# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The repository queries of the workspace engine: one page each, bounded length, every slug once."""

import re

from ansible_collections.bitbucket.cloud.plugins.module_utils.engine import QUERY_CHARS, repository_queries


def slugs_of(queries):
    return [s for q in queries for s in re.findall(r'"([^"]+)"', q)]


def test_no_slug_no_query():
    assert repository_queries([]) == []


def test_one_query_for_up_to_100_short_slugs():
    slugs = ['repo-%03d' % n for n in range(100)]
    queries = repository_queries(slugs + slugs[:5])
    assert len(queries) == 1
    assert queries[0].startswith('slug IN ("repo-000","repo-001",')
    assert sorted(slugs_of(queries)) == sorted(slugs)


def test_more_than_100_slugs_take_one_query_per_100():
    slugs = ['repo-%03d' % n for n in range(250)]
    queries = repository_queries(slugs)
    assert [len(slugs_of([q])) for q in queries] == [100, 100, 50]


def test_long_slugs_keep_each_query_under_the_length_bound():
    slugs = ['a-very-long-repository-slug-for-service-number-%04d' % n for n in range(100)]
    queries = repository_queries(slugs)
    assert len(queries) == 2
    assert all(len(q) <= QUERY_CHARS + len('slug IN ()') for q in queries)
    assert sorted(slugs_of(queries)) == sorted(slugs)
