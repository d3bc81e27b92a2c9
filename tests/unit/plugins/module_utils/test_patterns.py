# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shared name checks: each refuses bad input naming the option it is given."""

import pytest

from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.patterns import (
    check_project_key, check_user, check_workspace, is_email, normalize_uuid)


@pytest.mark.parametrize('user', [
    '557058:ba8948b2-49da-43a9-9e8b-e7249b8e324a', '5f1b2c3d4e5f6a7b8c9d0e1f', '{d301aafa-d676-4ee0-88be-962be7417567}',
    'bob@example.com', 'first.last+ops@sub.example.co.uk',
])
def test_users_accepted(user):
    check_user(user)


@pytest.mark.parametrize('user, words', [
    ('d301aafa-d676-4ee0-88be-962be7417567', 'in braces'),
    ('bob@', 'email address'),
    ('bob@example', 'email address'),
    ('bob smith@example.com', 'email address'),
    ('has space', 'account id'),
    ('', 'account id'),
])
def test_users_refused_naming_the_option(user, words):
    with pytest.raises(InputError) as info:
        check_user(user, 'repositories[0].permissions.users.x')
    assert str(info.value).startswith('repositories[0].permissions.users.x: ')
    assert words in str(info.value)


def test_other_checks_name_their_option():
    for check, value, option in ((check_workspace, 'ac me', 'workspace'), (check_project_key, '1X', 'project')):
        with pytest.raises(InputError) as info:
            check(value, option)
        assert info.value.option == option


def test_uuid_and_email_helpers():
    assert normalize_uuid('D301AAFA-D676-4EE0-88BE-962BE7417567') == '{d301aafa-d676-4ee0-88be-962be7417567}'
    assert normalize_uuid('nope') is None
    assert is_email('a@b.c') and not is_email('{x}') and not is_email(None)
