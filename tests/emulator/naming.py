"""Identifiers: Bitbucket's slug and project-key rules, UUIDs in braces, account ids and timestamps."""

import datetime
import re
import unicodedata
import uuid

PROJECT_KEY_MESSAGE = (
    'Project keys must start with a letter and may only consist of ASCII letters, numbers and underscores (A-Z, a-z, 0-9, _)'
)
_PROJECT_KEY = re.compile(r'^[A-Za-z][A-Za-z0-9_]*$')
# Bitbucket Cloud's documented rule (support.atlassian.com/bitbucket-cloud/docs/what-is-a-slug/): runs of
# other characters, dashes included, become one '-' ("a@b!-#c" -> "a-b-c"); at most 62 characters; letters
# are transliterated ("føøbar" -> "foobar"), here by Unicode decomposition plus a few undecomposable ones.
_SLUG_RUNS = re.compile(r'[^a-z0-9._]+')
SLUG_MAX_LENGTH = 62
_TRANSLITERATION = {'æ': 'ae', 'ø': 'o', 'œ': 'oe', 'ß': 'ss', 'đ': 'd', 'ð': 'd', 'ł': 'l', 'þ': 'th', 'ħ': 'h', 'ı': 'i'}
_SEED_NAMESPACE = uuid.UUID('5b1e2d8c-0d3c-4c57-9a55-6c2f0b0e7a11')


def slugify(name):
    """Bitbucket's slug of a repository name: lowercase, runs of other characters become '-', no '-' at the ends."""
    text = ''.join(_TRANSLITERATION.get(char, char) for char in unicodedata.normalize('NFKD', name.lower())
                   if not unicodedata.combining(char))
    return _SLUG_RUNS.sub('-', text).strip('-')[:SLUG_MAX_LENGTH].rstrip('-')


def is_project_key(key):
    """True when key follows Bitbucket's project key rule."""
    return isinstance(key, str) and bool(_PROJECT_KEY.match(key))


def braced(value):
    """A UUID in Bitbucket's '{...}' form, lowercase."""
    return '{%s}' % str(value).strip('{}').lower()


def is_braced_uuid(value):
    """True for '{<uuid>}' (the form path parameters use to name an object by UUID)."""
    if not (isinstance(value, str) and value.startswith('{') and value.endswith('}')):
        return False
    try:
        uuid.UUID(value[1:-1])
    except ValueError:
        return False
    return True


def same_uuid(left, right):
    """Compare two UUIDs given with or without braces, case-insensitively."""
    if not left or not right:
        return False
    return str(left).strip('{}').lower() == str(right).strip('{}').lower()


def new_uuid():
    """A fresh random '{uuid}' for an object created through the API."""
    return braced(uuid.uuid4())


def seed_uuid(kind, natural_key):
    """A '{uuid}' stable across resets for an object named in a seed (same seed, same ids)."""
    return braced(uuid.uuid5(_SEED_NAMESPACE, '%s:%s' % (kind, natural_key)))


def seed_account_id(email):
    """An Atlassian-style account id ('557058:<uuid>') stable for a seeded user."""
    return '557058:%s' % uuid.uuid5(_SEED_NAMESPACE, 'account:%s' % email.lower())


def now():
    """The current time as Bitbucket writes it (ISO-8601, UTC, microseconds)."""
    return datetime.datetime.now(datetime.timezone.utc).isoformat()


def parse_timestamp(value):
    """An aware datetime from an ISO-8601 string (UTC when no offset is given), or None."""
    try:
        parsed = datetime.datetime.fromisoformat(str(value).replace('Z', '+00:00'))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.timezone.utc)
    return parsed
