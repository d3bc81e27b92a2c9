"""BBQL parsing and evaluation on plain JSON objects."""

import pytest

from emulator import bbql
from emulator.errors import ApiError

ITEMS = [
    {'name': 'alpha', 'size': 3, 'private': True, 'owner': {'nickname': 'ann'}, 'tags': [{'name': 'x'}], 'created_on': '2020-01-01T00:00:00+00:00'},
    {'name': 'Beta', 'size': 10, 'private': False, 'owner': {'nickname': 'bob'}, 'tags': [], 'created_on': '2021-06-01T12:00:00+02:00'},
    {'name': 'gamma', 'size': None, 'private': True, 'owner': None, 'tags': [{'name': 'y'}, {'name': 'x'}], 'created_on': '2022-01-01T00:00:00Z'},
]


def _names(query=None, sort=None, ranks=None):
    return [item['name'] for item in bbql.apply(ITEMS, query, sort, ranks=ranks)]


@pytest.mark.parametrize('query, expected', [
    ('name = "alpha"', ['alpha']),
    ('name != "alpha"', ['Beta', 'gamma']),
    ('name ~ "A"', ['alpha', 'Beta', 'gamma']),
    ('name !~ "et"', ['alpha', 'gamma']),
    ('size > 3', ['Beta']),
    ('size >= 3 AND private = false', ['Beta']),
    ('size = null', ['gamma']),
    ('owner.nickname = "bob" OR owner = null', ['Beta', 'gamma']),
    ('tags.name = "x"', ['alpha', 'gamma']),
    ('name IN ("alpha", "gamma")', ['alpha', 'gamma']),
    ('name NOT IN ("alpha")', ['Beta', 'gamma']),
    ('created_on >= 2021-06-01T10:00:00Z', ['Beta', 'gamma']),
    ('created_on < 2021-01-01', ['alpha']),
    ('(name = "alpha" or name = "Beta") and private = true', ['alpha']),
    ('name = "say \\"hi\\""', []),
])
def test_queries(query, expected):
    assert _names(query) == expected


def test_ranks():
    items = [{'permission': 'read'}, {'permission': 'admin'}, {'permission': 'write'}]
    above = bbql.apply(items, 'permission > "read"', ranks={'permission': ['read', 'write', 'admin']})
    assert [item['permission'] for item in above] == ['admin', 'write']


def test_sort():
    assert _names(sort='size') == ['gamma', 'alpha', 'Beta']
    assert _names(sort='-owner.nickname') == ['Beta', 'alpha', 'gamma']


@pytest.mark.parametrize('query', ['name =', 'name = alpha', '= "x"', 'name = "x" AND', '(name = "x"', 'name # "x"', 'name IN "x"'])
def test_invalid_queries(query):
    with pytest.raises(ApiError) as error:
        bbql.apply(ITEMS, query)
    assert error.value.status == 400


def test_invalid_sort():
    with pytest.raises(ApiError):
        bbql.apply(ITEMS, sort='name; drop')
