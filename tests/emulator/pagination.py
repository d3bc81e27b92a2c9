"""Bitbucket's list-based pagination: the {size, page, pagelen, next, previous, values} envelope."""

from urllib.parse import urlencode

from flask import request

from .context import current_emulator
from .errors import ApiError

DEFAULT_PAGELEN = 10
MAX_PAGELEN = 100


def _positive_int(name, default):
    raw = request.args.get(name)
    if raw is None or raw == '':
        return default
    value = int(raw) if raw.isdigit() else 0
    if value < 1:
        raise ApiError(400, 'Invalid %s' % name, detail='%s must be a positive integer, not %r' % (name, raw))
    return value


def _page_link(page):
    """The absolute URL of another page: this request's URL with every parameter kept but page."""
    params = [(key, value) for key, value in request.args.items(multi=True) if key != 'page']
    params.append(('page', str(page)))
    return '%s?%s' % (request.base_url, urlencode(params))


def paginate(values, default_pagelen=DEFAULT_PAGELEN):
    """Cut one page out of the full, already filtered and sorted list and wrap it in the envelope."""
    # pagelen above the documented maximum is clamped, as Bitbucket does
    pagelen = min(_positive_int('pagelen', default_pagelen), MAX_PAGELEN)
    page = _positive_int('page', 1)
    start = (page - 1) * pagelen
    envelope = {
        'size': len(values),
        'page': page,
        'pagelen': pagelen,
        'values': values[start:start + pagelen],
    }
    if start + pagelen < len(values):
        envelope['next'] = _page_link(page + 1)
    if page > 1:
        envelope['previous'] = _page_link(page - 1)
    # an injected hostile server: every page points to the same page, or to another address
    next_link = current_emulator().faults.next_link
    if next_link:
        envelope['next'] = request.url if next_link == 'self' else next_link
    return envelope
