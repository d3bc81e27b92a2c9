# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bitbucket Cloud's slug rule, the slug validation and the repository query."""

import pytest

from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.patterns import (
    name_keeps_slug, slugify, validate_slug)
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.repository import repository_query, validate_listing


@pytest.mark.parametrize('name, slug', [
    # Atlassian's own examples (support.atlassian.com/bitbucket-cloud/docs/what-is-a-slug/).
    (u'f\u00f8\u00f8bar', 'foobar'),
    ('foo bar', 'foo-bar'),
    ('a@b!-#c', 'a-b-c'),
    # Lower case; letters, digits, '_' and '.' kept.
    ('Infra Live', 'infra-live'),
    ('my_repo.v2', 'my_repo.v2'),
    ('ALLCAPS', 'allcaps'),
    # Runs of other characters, dashes included, become one dash; none at either end.
    ('a -- b', 'a-b'),
    ('--lead and trail--', 'lead-and-trail'),
    ('  spaced  ', 'spaced'),
    ('My Awesome Project!', 'my-awesome-project'),
    # A slug may start with '_' or '.'.
    ('_private', '_private'),
    ('.dotfiles', '.dotfiles'),
    # Accents are dropped, other Latin letters transliterated.
    (u'Caf\u00e9 \u00dcber', 'cafe-uber'),
    (u'\u00c6r\u00f8 Stra\u00dfe', 'aero-strasse'),
    (u'\u0141\u00f3d\u017a', 'lodz'),
])
def test_slugify_follows_bitbucket_cloud_rule(name, slug):
    assert slugify(name) == slug


def test_slugify_keeps_at_most_62_characters_without_a_trailing_dash():
    assert slugify('x' * 70) == 'x' * 62
    assert len(slugify('a' * 61 + ' b')) == 61
    assert slugify('a' * 61 + ' b') == 'a' * 61


def test_slugify_of_a_name_without_slug_characters_is_empty():
    assert slugify('!!!') == ''
    assert slugify(u'\u65e5\u672c') == ''


def test_a_valid_slug_is_its_own_slug():
    for slug in ('infra-live', 'a', '_x', '.y', 'a.b_c-d', 'x' * 62):
        validate_slug(slug)
        assert slugify(slug) == slug


@pytest.mark.parametrize('slug', ['', 'a--b', '-a', 'a-', 'a b', 'a/b', u'f\u00f8o', 'x' * 63])
def test_invalid_slugs_are_rejected_naming_the_option(slug):
    with pytest.raises(InputError) as err:
        validate_slug(slug)
    assert str(err.value).startswith('slug:')


def test_name_keeps_slug_only_when_certain():
    assert name_keeps_slug('Infra Live', 'infra-live')
    assert name_keeps_slug('infra live!', 'infra-live')
    assert not name_keeps_slug('Infra Live 2', 'infra-live')
    # A character without a known ASCII form may slugify differently in Bitbucket: never sent on update.
    assert not name_keeps_slug(u'infra \u65e5 live', 'infra-live')


def test_repository_query_adds_the_project_key():
    assert repository_query() is None
    assert repository_query(query='name ~ "x"') == 'name ~ "x"'
    assert repository_query(project='OPS') == 'project.key = "OPS"'
    assert repository_query(project='OPS', query='a = 1 OR b = 2') == '(a = 1 OR b = 2) AND project.key = "OPS"'


@pytest.mark.parametrize('params, option', [
    (dict(workspace='acme', project='1X'), 'project'),
    (dict(workspace='acme', sort='name; drop'), 'sort'),
    (dict(workspace='acme', query='  '), 'query'),
    (dict(workspace='ac me'), 'workspace'),
])
def test_listing_filters_are_validated(params, option):
    with pytest.raises(InputError) as err:
        validate_listing(params)
    assert err.value.option == option
