# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shapes of names Bitbucket accepts, and their checks, in one place (internal to the collection).

Every check raises InputError naming the option, before any API call; every module and the workspace
engine use these, so the same input is refused the same way everywhere.
"""

import re
import unicodedata

from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import InputError

WORKSPACE = re.compile(r'^([a-z0-9][a-z0-9_.-]*|\{[0-9a-fA-F-]{36}\})$', re.I)
# Bitbucket's project key rule, with its own wording.
PROJECT_KEY = re.compile(r'^[A-Za-z][A-Za-z0-9_]*$')
PROJECT_KEY_RULE = 'must start with a letter and may only consist of ASCII letters, numbers and underscores (A-Z, a-z, 0-9, _)'
UUID = re.compile(r'^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$')
# Atlassian account ids: '557058:ba8948b2-...', '712020:...' or 24 hex digits; no spaces, slashes or '@'.
ACCOUNT_ID = re.compile(r'^[A-Za-z0-9:_-]{1,128}$')
EMAIL = re.compile(r'^[^@\s"(),]+@[^@\s"(),]+\.[^@\s"(),]+$')
NAME = re.compile(r'^[^\s/]+$')
URL = re.compile(r'^https?://[^/\s?#]+', re.I)
BRANCH = re.compile(r'^[^\s~^:?*\[\\]+$')
SORT = re.compile(r'^-?[A-Za-z_][A-Za-z0-9_.]*$')
REPOSITORY = re.compile(r'^([A-Za-z0-9_.-]+|\{[0-9a-fA-F-]{36}\})$')

SLUG_MAX_LENGTH = 62
# Latin letters that Unicode does not decompose into a base letter plus marks ("føøbar" becomes "foobar").
TRANSLITERATION = {
    u'\u00e6': 'ae', u'\u00c6': 'AE', u'\u00f8': 'o', u'\u00d8': 'O', u'\u0153': 'oe', u'\u0152': 'OE',
    u'\u00df': 'ss', u'\u0111': 'd', u'\u0110': 'D', u'\u00f0': 'd', u'\u00d0': 'D', u'\u0142': 'l',
    u'\u0141': 'L', u'\u00fe': 'th', u'\u00de': 'TH', u'\u0127': 'h', u'\u0126': 'H', u'\u0131': 'i',
    u'\u0167': 't', u'\u0166': 'T', u'\u0140': 'l', u'\u013f': 'L',
}
NOT_IN_SLUG = re.compile(r'[^a-z0-9_.]+')


def transliterate(name):
    """(ASCII text, certain): certain is False when a character had no known ASCII form."""
    out = []
    certain = True
    for char in unicodedata.normalize('NFKD', name):
        if ord(char) < 128:
            out.append(char)
        elif unicodedata.combining(char):
            continue
        elif char in TRANSLITERATION:
            out.append(TRANSLITERATION[char])
        else:
            certain = False
            out.append('-')
    return ''.join(out), certain


def slugify(name):
    """The slug Bitbucket Cloud derives from a repository name ('' when the name yields none).

    Its documented rule: lowercase ASCII letters, digits, '_', '.' and '-'; each run of other
    characters (dashes included) becomes one '-'; no leading or trailing '-'; at most 62 characters.
    """
    text, dummy = transliterate(name)
    slug = NOT_IN_SLUG.sub('-', text.lower()).strip('-')
    return slug[:SLUG_MAX_LENGTH].rstrip('-')


def name_keeps_slug(name, slug):
    """True when Bitbucket, given `name` on update, certainly keeps the repository at `slug`."""
    return transliterate(name)[1] and slugify(name) == slug


def normalize_uuid(value):
    """'{uuid}' in lower case from a uuid given with or without braces, or None."""
    match = UUID.match(value or '')
    return '{%s}' % match.group(1).lower() if match else None


def same_uuid(one, other):
    return bool(one) and bool(other) and normalize_uuid(one) == normalize_uuid(other)


def is_email(value):
    return isinstance(value, str) and '@' in value


# --- checks: each raises InputError naming the option ------------------------------------------

def check_workspace(value, option='workspace'):
    if not value or not isinstance(value, str) or not WORKSPACE.match(value):
        raise InputError(option, 'must be a workspace slug (letters, digits, -, _, .) or a {UUID}, got %r' % (value,))


def check_project_key(value, option='key'):
    if not isinstance(value, str) or not PROJECT_KEY.match(value):
        raise InputError(option, 'project keys %s, got %r' % (PROJECT_KEY_RULE, value))


def check_slug(value, option='slug'):
    if not value or value.lower() != slugify(value) or len(value) > SLUG_MAX_LENGTH:
        raise InputError(option, 'must be a repository slug: at most %d ASCII letters, digits, "_", "." and "-", '
                                 'without "--" and not starting or ending with "-", got %r' % (SLUG_MAX_LENGTH, value))


def check_repository(value, option='repository'):
    """A repository named by slug or {UUID} (info modules, webhook and grant targets)."""
    if not isinstance(value, str) or not REPOSITORY.match(value):
        raise InputError(option, 'must be a repository slug or a {UUID}, got %r' % (value,))


def check_not_blank(value, option):
    if value is not None and not value.strip():
        raise InputError(option, 'must not be empty')


def check_uuid(value, option, what='webhook'):
    if not normalize_uuid(value):
        raise InputError(option, 'must be a %s UUID such as {01234567-89ab-cdef-0123-456789abcdef}, got %r' % (what, value))


def check_url(value, option='url'):
    if not isinstance(value, str) or not URL.match(value):
        raise InputError(option, 'must be an http:// or https:// URL, got %r' % (value,))


def check_branch(value, option='mainbranch'):
    if not BRANCH.match(value):
        raise InputError(option, 'must be a branch name, got %r' % (value,))


def check_sort(value, option='sort'):
    if not SORT.match(value):
        raise InputError(option, 'must be one field name, optionally after "-" for descending order, got %r' % (value,))


def check_group(value, option='group'):
    if not isinstance(value, str) or not NAME.match(value):
        raise InputError(option, 'must be a group slug, got %r' % (value,))


def check_user(value, option='user_id'):
    """A user: an Atlassian account id, a {UUID} in braces, or an email address of a workspace member."""
    if not isinstance(value, str) or not value:
        raise InputError(option, 'must be an Atlassian account id, a {UUID} or an email address, got %r' % (value,))
    if '@' in value:
        if not EMAIL.match(value):
            raise InputError(option, 'must be an email address, an Atlassian account id or a {UUID}, got %r' % (value,))
        return
    if UUID.match(value) and not (value.startswith('{') and value.endswith('}')):
        raise InputError(option, 'a UUID must be written in braces, like {%s}, got %r' % (value.strip('{}'), value))
    if not UUID.match(value) and not ACCOUNT_ID.match(value):
        raise InputError(option, 'must be an Atlassian account id, a {UUID} or an email address, got %r' % (value,))


def check_choice(value, choices, option):
    if value not in choices:
        raise InputError(option, 'must be one of %s, got %r' % (', '.join(choices), value))
