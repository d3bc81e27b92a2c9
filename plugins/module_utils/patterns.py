# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The input rules of every identifier the modules put in a URL path, in one place (internal to the collection).

Every pattern is matched whole (fullmatch: 'acme\\n' is refused), every value has a length limit, and
'.' or '..' is never accepted where it becomes a path segment (it would reach another endpoint).

Limits: a repository slug is at most 62 characters (Bitbucket's slug rule, slugify below).
Bitbucket documents no limit for workspace slugs, project keys, group slugs or account ids; the limits
below are generous choices of this collection that still refuse absurd input.
"""

import re
import unicodedata

from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import InputError

try:
    from urllib.parse import urlsplit
except ImportError:  # pragma: no cover - Python 2 is not supported by the collection
    from urlparse import urlsplit

DOT_SEGMENTS = ('.', '..')

WORKSPACE_MAX_LENGTH = 100   # not documented by Bitbucket; generous
PROJECT_KEY_MAX_LENGTH = 128  # not documented by Bitbucket; generous
SLUG_MAX_LENGTH = 62          # Bitbucket's repository slug rule
GROUP_MAX_LENGTH = 128        # not documented by Bitbucket; generous
ACCOUNT_ID_MAX_LENGTH = 128   # not documented by Bitbucket; generous
URL_MAX_LENGTH = 2048         # not documented by Bitbucket; a common URL limit
BRANCH_MAX_LENGTH = 255       # a common limit of Git hosts for a ref name
VARIABLE_KEY_MAX_LENGTH = 255  # not documented by Bitbucket; generous
ENVIRONMENT_NAME_MAX_LENGTH = 255  # not documented by Bitbucket; generous

UUID_BODY = r'[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'
# A UUID written with or without braces (webhook ids); BRACED_UUID: with braces only (path references).
UUID = re.compile(r'\{?(%s)\}?' % UUID_BODY)
BRACED_UUID = re.compile(r'\{%s\}' % UUID_BODY)
WORKSPACE = re.compile(r'[a-z0-9][a-z0-9_.-]*', re.I)
# Bitbucket's rule, with its own wording.
PROJECT_KEY = re.compile(r'[A-Za-z][A-Za-z0-9_]*')
PROJECT_KEY_RULE = 'must start with a letter and may only consist of ASCII letters, numbers and underscores (A-Z, a-z, 0-9, _)'
# A repository given where a slug or a {UUID} is accepted (listings, hooks, grants).
REPOSITORY = re.compile(r'[A-Za-z0-9_.-]+')
GROUP = re.compile(r'[A-Za-z0-9_.-]+')
# Atlassian account ids: '557058:ba8948b2-...', '712020:...' or 24 hex digits; no spaces, slashes or '@'.
ACCOUNT_ID = re.compile(r'[A-Za-z0-9:_-]+')
# Git's ref name rules that matter here: no whitespace or control characters, none of ~ ^ : ? * [ \.
BRANCH = re.compile(r'[^\s\x00-\x1f\x7f~^:?*\[\\]+')
# Bitbucket Pipelines variable names, with its own wording.
VARIABLE_KEY = re.compile(r'[A-Za-z_][A-Za-z0-9_]*')
VARIABLE_KEY_RULE = 'may only contain ASCII letters, digits and underscores, and must not start with a digit'
SORT = re.compile(r'-?[A-Za-z_][A-Za-z0-9_.]*')
EMAIL_MAX_LENGTH = 254        # RFC 5321's path limit
# An email address as a user is given: something@host.tld, nothing a BBQL string or a path could trip on.
EMAIL = re.compile(r'[^@\s"\\(),/]+@[^@\s"\\(),/]+\.[^@\s"\\(),/.]+')
# Latin letters that Unicode does not decompose into a base letter plus marks ("føøbar" becomes "foobar").
TRANSLITERATION = {
    u'\u00e6': 'ae', u'\u00c6': 'AE', u'\u00f8': 'o', u'\u00d8': 'O', u'\u0153': 'oe', u'\u0152': 'OE',
    u'\u00df': 'ss', u'\u0111': 'd', u'\u0110': 'D', u'\u00f0': 'd', u'\u00d0': 'D', u'\u0142': 'l',
    u'\u0141': 'L', u'\u00fe': 'th', u'\u00de': 'TH', u'\u0127': 'h', u'\u0126': 'H', u'\u0131': 'i',
    u'\u0167': 't', u'\u0166': 'T', u'\u0140': 'l', u'\u013f': 'L',
}
NOT_IN_SLUG = re.compile(r'[^a-z0-9_.]+')
CONTROL_OR_SPACE = re.compile(r'[\s\x00-\x1f\x7f]')
CONTROL = re.compile(r'[\x00-\x1f\x7f]')


def is_dot_segment(value):
    return value in DOT_SEGMENTS


def _refuse(option, what, value):
    raise InputError(option, 'must be %s, got %r' % (what, value))


def _check(value, option, pattern, what, max_length):
    if not isinstance(value, str) or not value:
        _refuse(option, what, value)
    if is_dot_segment(value):
        raise InputError(option, 'must not be "." or "..", which would name another API path, got %r' % (value,))
    if len(value) > max_length:
        raise InputError(option, 'must be at most %d characters long, got %d' % (max_length, len(value)))
    if not pattern.fullmatch(value):
        _refuse(option, what, value)


def validate_workspace(value, option='workspace'):
    """A workspace slug (letters, digits, -, _, .) or a {UUID}."""
    if isinstance(value, str) and BRACED_UUID.fullmatch(value):
        return
    _check(value, option, WORKSPACE, 'a workspace slug (letters, digits, -, _, .) or a {UUID}', WORKSPACE_MAX_LENGTH)


def validate_project_key(value, option='key'):
    if isinstance(value, str) and value and len(value) > PROJECT_KEY_MAX_LENGTH:
        raise InputError(option, 'must be at most %d characters long, got %d' % (PROJECT_KEY_MAX_LENGTH, len(value)))
    if not isinstance(value, str) or not PROJECT_KEY.fullmatch(value):
        raise InputError(option, 'project keys %s, got %r' % (PROJECT_KEY_RULE, value))


def validate_repository_ref(value, option='repository'):
    """A repository slug or a {UUID}, as a path segment."""
    if isinstance(value, str) and BRACED_UUID.fullmatch(value):
        return
    _check(value, option, REPOSITORY, 'a repository slug or a {UUID}', SLUG_MAX_LENGTH)


def validate_group(value, option='group'):
    _check(value, option, GROUP, 'a group slug (letters, digits, -, _, .)', GROUP_MAX_LENGTH)


def validate_user_id(value, option='user_id'):
    """An Atlassian account id or a {UUID}; never an email address or a nickname."""
    if not isinstance(value, str) or not value:
        _refuse(option, 'an Atlassian account id or a {UUID}', value)
    if '@' in value:
        raise InputError(option, 'must be an Atlassian account id or a {UUID}, not an email address, got %r' % (value,))
    if UUID.fullmatch(value) and not BRACED_UUID.fullmatch(value):
        raise InputError(option, 'a UUID must be written in braces, like {%s}, got %r' % (value.strip('{}'), value))
    if BRACED_UUID.fullmatch(value):
        return
    _check(value, option, ACCOUNT_ID, 'an Atlassian account id or a {UUID}', ACCOUNT_ID_MAX_LENGTH)
    if ':' not in value and not re.fullmatch(r'[0-9a-fA-F]{24}', value):
        # Account ids are 'NNNNNN:uuid' or 24 hex digits; anything else is a nickname or a user name,
        # which never matches a listed grant.
        raise InputError(option, 'must be an Atlassian account id (such as 557058:ba8948b2-... or 24 hex digits) '
                                 'or a {UUID}; nicknames and user names are not supported, got %r' % (value,))


def is_email(value):
    """True for a user given by email address (it then has to be looked up among the workspace members)."""
    return isinstance(value, str) and '@' in value


def validate_user(value, option='user_id'):
    """A user: an Atlassian account id, a {UUID}, or the email address of a workspace member."""
    if is_email(value):
        if len(value) > EMAIL_MAX_LENGTH:
            raise InputError(option, 'must be at most %d characters long, got %d' % (EMAIL_MAX_LENGTH, len(value)))
        if not EMAIL.fullmatch(value):
            raise InputError(option, 'must be an email address, an Atlassian account id or a {UUID}, got %r' % (value,))
        return
    try:
        validate_user_id(value, option)
    except InputError as exc:
        raise InputError(option, exc.message[len(option) + 2:].replace(' or a {UUID}', ', a {UUID} or an email address', 1))


def same_uuid(one, other):
    return bool(one) and bool(other) and normalize_uuid(one) == normalize_uuid(other)


def normalize_uuid(value):
    """'{uuid}' in lower case from a uuid given with or without braces, or None."""
    match = UUID.fullmatch(value or '') if isinstance(value, str) or value is None else None
    return '{%s}' % match.group(1).lower() if match else None


def validate_uuid(value, option='uuid', what='webhook'):
    if not normalize_uuid(value):
        raise InputError(option, 'must be a %s UUID such as {01234567-89ab-cdef-0123-456789abcdef}, got %r' % (what, value))


def validate_variable_key(value, option='key'):
    """A Pipelines variable name (Bitbucket's rule; names are case-sensitive)."""
    if isinstance(value, str) and len(value) > VARIABLE_KEY_MAX_LENGTH:
        raise InputError(option, 'must be at most %d characters long, got %d' % (VARIABLE_KEY_MAX_LENGTH, len(value)))
    if not isinstance(value, str) or not VARIABLE_KEY.fullmatch(value):
        raise InputError(option, 'variable names %s, got %r' % (VARIABLE_KEY_RULE, value))


def validate_environment_ref(value, option='environment'):
    """A deployment environment: its {UUID}, or its name (looked up, never put in a path)."""
    if isinstance(value, str) and BRACED_UUID.fullmatch(value):
        return
    if not isinstance(value, str) or not value.strip():
        raise InputError(option, 'must be a deployment environment name or its {UUID}, got %r' % (value,))
    if UUID.fullmatch(value):
        raise InputError(option, 'a UUID must be written in braces, like {%s}, got %r' % (value.strip('{}'), value))
    if len(value) > ENVIRONMENT_NAME_MAX_LENGTH:
        raise InputError(option, 'must be at most %d characters long, got %d' % (ENVIRONMENT_NAME_MAX_LENGTH, len(value)))
    if CONTROL.search(value):
        raise InputError(option, 'must not contain control characters, got %r' % (value,))


def validate_not_blank(value, option):
    if not value.strip():
        raise InputError(option, 'must not be empty')


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


def validate_slug(value, option='slug'):
    if is_dot_segment(value):
        raise InputError(option, 'must not be "." or "..", which would name another API path, got %r' % (value,))
    if not value or value.lower() != slugify(value) or len(value) > SLUG_MAX_LENGTH:
        raise InputError(option, 'must be a repository slug: at most %d ASCII letters, digits, "_", "." and "-", '
                                 'without "--" and not starting or ending with "-", got %r' % (SLUG_MAX_LENGTH, value))


def validate_branch(value, option='mainbranch'):
    if (not isinstance(value, str) or not value or len(value) > BRANCH_MAX_LENGTH or not BRANCH.fullmatch(value)
            or '..' in value or value.startswith(('/', '.', '-')) or value.endswith(('/', '.', '.lock'))
            or '//' in value or '@{' in value or value == '@'):
        raise InputError(option, 'must be a Git branch name, got %r' % (value,))


def validate_branch_prefix(value, option='prefix'):
    """A branch type's prefix: a branch name, or the start of one ending with '/' (feature/)."""
    try:
        validate_branch(value[:-1] if isinstance(value, str) and value.endswith('/') else value, option)
        if value.endswith('//'):
            raise InputError(option, '')
    except InputError:
        raise InputError(option, 'must be a Git branch prefix such as feature/, got %r' % (value,))


def validate_branch_glob(value, option='pattern'):
    """A branch glob of a branch restriction: a branch name where '*' matches any characters ('main', 'release/*', '*')."""
    if (not isinstance(value, str) or not value or len(value) > BRANCH_MAX_LENGTH
            or not BRANCH.fullmatch(value.replace('*', 'x'))):
        raise InputError(option, 'must be a branch name or a glob of branch names where * matches any characters '
                                 '(main, release/*, *), without spaces or control characters, got %r' % (value,))


def validate_sort(value, option='sort'):
    if not isinstance(value, str) or len(value) > 100 or not SORT.fullmatch(value):
        raise InputError(option, 'must be one field name, optionally after "-" for descending order, got %r' % (value,))


def validate_http_url(value, option='url', userinfo=True):
    """A whole http(s) URL with a host, without whitespace or control characters; with userinfo=False, also
    without a user name or password. Returns its parts. The message never shows the URL (it may hold
    credentials)."""
    what = 'an http:// or https:// URL with a host, without spaces or control characters'
    if not isinstance(value, str) or not value:
        raise InputError(option, 'must be %s' % what)
    if len(value) > URL_MAX_LENGTH:
        raise InputError(option, 'must be at most %d characters long, got %d' % (URL_MAX_LENGTH, len(value)))
    if CONTROL_OR_SPACE.search(value):
        raise InputError(option, 'must be %s; it holds a space or a control character' % what)
    try:
        parts = urlsplit(value)
        port = parts.port
        host = parts.hostname
    except ValueError:
        raise InputError(option, 'must be %s; it does not parse as a URL' % what)
    if parts.scheme.lower() not in ('http', 'https') or not value.lower().startswith(parts.scheme.lower() + '://'):
        raise InputError(option, 'must be %s; the scheme must be http or https' % what)
    if not host or (port is not None and not 0 < port < 65536):
        raise InputError(option, 'must be %s; it names no host' % what)
    if '\\' in value:
        raise InputError(option, 'must be %s; it holds a backslash' % what)
    if not userinfo and (parts.username is not None or parts.password is not None):
        raise InputError(option, 'must not contain a user name or password; credentials come from the '
                                 'authentication options')
    return parts


# Query (and fragment) parameters whose values are treated as credentials in a webhook URL: a parameter
# whose name, in lower case with '-' read as '_', is one of these or ends with one of CREDENTIAL_SUFFIXES.
CREDENTIAL_PARAMETERS = ('token', 'secret', 'password', 'passwd', 'pwd', 'pass', 'key', 'apikey', 'api_key',
                         'access_token', 'auth', 'authorization', 'signature', 'sig', 'code', 'credential',
                         'credentials', 'session', 'jwt')
CREDENTIAL_SUFFIXES = ('token', 'secret', 'password', 'passwd', 'key', 'signature', 'sig', 'auth', 'credential')
REDACTED = '********'


def _credential_name(name):
    name = name.lower().replace('-', '_')
    return name in CREDENTIAL_PARAMETERS or name.endswith(CREDENTIAL_SUFFIXES)


def _split_params(text):
    """[(name, '=' or '', value)] of an a=b&c=d text, kept as written."""
    out = []
    for part in text.split('&'):
        name, sep, value = part.partition('=')
        out.append((name, sep, value))
    return out


def url_credentials(url, min_length=1):
    """The secret parts of a URL (password, credential-like query and fragment values), as written and decoded,
    each at least min_length characters long."""
    if not isinstance(url, str):
        return []
    try:
        from urllib.parse import unquote_plus
    except ImportError:  # pragma: no cover
        from urllib import unquote_plus
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        return []
    found = []
    if password:
        found.extend((password, unquote_plus(password)))
        netloc = parts.netloc.rpartition('@')[0]
        found.append(netloc.partition(':')[2])
    for text in (parts.query, parts.fragment):
        for name, sep, value in _split_params(text):
            if sep and value and _credential_name(unquote_plus(name)):
                found.extend((value, unquote_plus(value)))
    return sorted(set(v for v in found if v and len(v) >= min_length), key=len, reverse=True)


def redact_url(url):
    """The URL with its password and credential-like query and fragment values replaced by ********.

    A user name is kept; the host, path and other parameters too, so a person can still tell the hooks apart.
    """
    if not isinstance(url, str):
        return url
    try:
        from urllib.parse import unquote_plus
    except ImportError:  # pragma: no cover
        from urllib import unquote_plus
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        return REDACTED
    netloc = parts.netloc
    if password is not None:
        userinfo, dummy, hostport = netloc.rpartition('@')
        netloc = '%s:%s@%s' % (userinfo.partition(':')[0], REDACTED, hostport)

    def clean(text):
        return '&'.join('%s%s%s' % (name, sep, REDACTED if sep and value and _credential_name(unquote_plus(name))
                                    else value) for name, sep, value in _split_params(text))

    out = '%s://%s%s' % (parts.scheme, netloc, parts.path)
    if parts.query or url.find('?') != -1:
        out += '?' + clean(parts.query)
    if parts.fragment or url.find('#') != -1:
        out += '#' + clean(parts.fragment)
    return out


ENVIRONMENT_NAME_MAX_LENGTH = 255  # not documented by Bitbucket; generous


def validate_environment_name(value, option='name'):
    """A deployment environment's name: not blank, no control characters (names match ignoring case)."""
    if not isinstance(value, str) or not value.strip():
        raise InputError(option, 'must be a non-empty environment name, got %r' % (value,))
    if len(value) > ENVIRONMENT_NAME_MAX_LENGTH:
        raise InputError(option, 'must be at most %d characters long, got %d' % (ENVIRONMENT_NAME_MAX_LENGTH, len(value)))
    if value != value.strip() or re.search(r'[\x00-\x1f\x7f]', value):
        raise InputError(option, 'must not start or end with spaces or hold control characters, got %r' % (value,))
