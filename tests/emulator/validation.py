"""Checks on request bodies that answer 400 with per-field messages, as Bitbucket does."""

from urllib.parse import urlparse

from .errors import bad_request

_TYPE_LABELS = {bool: 'a boolean', str: 'a string', dict: 'an object', list: 'a list', int: 'an integer'}
REQUIRED = 'This field is required.'


def type_errors(body, types):
    """{field: [message]} for every field present with a value of the wrong JSON type (null counts as absent)."""
    fields = {}
    for name, expected in types.items():
        value = body.get(name)
        if value is None:
            continue
        wrong = not isinstance(value, expected) or (expected is int and isinstance(value, bool))
        if wrong:
            fields[name] = ['Expected %s.' % _TYPE_LABELS[expected]]
    return fields


def raise_if(fields):
    """Raise the 400 when any field failed."""
    if fields:
        raise bad_request(fields)


def choice_error(value, choices):
    """The message for a value outside an enum."""
    return '"%s" is not a valid choice; expected one of: %s.' % (value, ', '.join(choices))


def is_http_url(value):
    """True for an absolute http(s) URL with a host."""
    if not isinstance(value, str):
        return False
    parsed = urlparse(value)
    return parsed.scheme in ('http', 'https') and bool(parsed.netloc)
