"""A subset of BBQL (Bitbucket's q= filter language) and the sort= parameter, applied to JSON objects.

Supported: field paths (a.b.c), =, !=, ~, !~, >, >=, <, <=, IN, NOT IN, AND, OR, parentheses,
strings in double quotes, numbers, true, false, null and unquoted ISO-8601 datetimes.
"""

import re

from .errors import ApiError
from .naming import parse_timestamp

_TOKEN = re.compile(r'''
    (?P<space>\s+)
  | (?P<string>"(?:[^"\\]|\\.)*")
  | (?P<op>!=|!~|>=|<=|=|~|>|<)
  | (?P<lparen>\()
  | (?P<rparen>\))
  | (?P<comma>,)
  | (?P<datetime>\d{4}-\d{2}-\d{2}(?:T[0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)
  | (?P<number>-?\d+(?:\.\d+)?)
  | (?P<word>[A-Za-z_][A-Za-z0-9_.]*)
''', re.VERBOSE)
_KEYWORDS = {'and', 'or', 'in', 'not', 'true', 'false', 'null'}
_MISSING = object()


def _invalid(detail):
    return ApiError(400, 'Invalid query', detail=detail)


def _tokenize(text):
    tokens = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match:
            raise _invalid('Unexpected character at position %d: %r' % (position, text[position]))
        position = match.end()
        kind = match.lastgroup
        value = match.group()
        if kind == 'space':
            continue
        if kind == 'word' and value.lower() in _KEYWORDS:
            kind, value = 'keyword', value.lower()
        tokens.append((kind, value))
    return tokens


class _Parser:
    """Recursive descent over the token list; produces nested tuples."""

    def __init__(self, tokens):
        self.tokens = tokens
        self.index = 0

    def peek(self, kind=None, value=None):
        if self.index >= len(self.tokens):
            return None
        token = self.tokens[self.index]
        if kind and token[0] != kind:
            return None
        if value and token[1] != value:
            return None
        return token

    def take(self, kind=None, value=None):
        token = self.peek(kind, value)
        if token is None:
            found = self.tokens[self.index][1] if self.index < len(self.tokens) else 'end of query'
            raise _invalid('Expected %s but found %s' % (value or kind, found))
        self.index += 1
        return token

    def parse(self):
        node = self.disjunction()
        if self.index != len(self.tokens):
            raise _invalid('Unexpected %r' % (self.tokens[self.index][1],))
        return node

    def disjunction(self):
        node = self.conjunction()
        while self.peek('keyword', 'or'):
            self.take()
            node = ('or', node, self.conjunction())
        return node

    def conjunction(self):
        node = self.term()
        while self.peek('keyword', 'and'):
            self.take()
            node = ('and', node, self.term())
        return node

    def term(self):
        if self.peek('lparen'):
            self.take()
            node = self.disjunction()
            self.take('rparen')
            return node
        field = self.take('word')[1]
        if self.peek('keyword', 'not'):
            self.take()
            self.take('keyword', 'in')
            return ('not in', field, self.value_list())
        if self.peek('keyword', 'in'):
            self.take()
            return ('in', field, self.value_list())
        operator = self.take('op')[1]
        return (operator, field, self.value())

    def value_list(self):
        self.take('lparen')
        values = [self.value()]
        while self.peek('comma'):
            self.take()
            values.append(self.value())
        self.take('rparen')
        return values

    def value(self):
        kind, text = self.take()
        if kind == 'string':
            return re.sub(r'\\(.)', r'\1', text[1:-1])
        if kind == 'number':
            return float(text) if '.' in text else int(text)
        if kind == 'datetime':
            return parse_timestamp(text)
        if kind == 'keyword' and text in ('true', 'false', 'null'):
            return {'true': True, 'false': False, 'null': None}[text]
        raise _invalid('Expected a value but found %r' % (text,))


def field_values(obj, path):
    """All values reached by a dotted path (lists along the way fan out); [] when absent."""
    current = [obj]
    for part in path.split('.'):
        following = []
        for item in current:
            if isinstance(item, list):
                item_values = [entry.get(part, _MISSING) for entry in item if isinstance(entry, dict)]
            elif isinstance(item, dict):
                item_values = [item.get(part, _MISSING)]
            else:
                item_values = []
            following.extend(value for value in item_values if value is not _MISSING)
        current = following
    flat = []
    for value in current:
        flat.extend(value if isinstance(value, list) else [value])
    return flat


def _comparable(left, right, ranks):
    """Bring a stored value and a query literal to comparable forms, or (None, None)."""
    if ranks is not None and isinstance(left, str) and isinstance(right, str):
        if left in ranks and right in ranks:
            return ranks.index(left), ranks.index(right)
    if hasattr(right, 'tzinfo'):
        return parse_timestamp(left) if isinstance(left, str) else None, right
    if isinstance(right, bool) or isinstance(left, bool):
        return (left, right) if isinstance(left, bool) and isinstance(right, bool) else (None, None)
    if isinstance(right, (int, float)) and isinstance(left, (int, float)):
        return left, right
    if isinstance(right, str) and isinstance(left, str):
        return left, right
    return None, None


def _compare(operator, left, right, ranks):
    if operator == '~':
        return isinstance(left, str) and isinstance(right, str) and right.lower() in left.lower()
    if operator == '!~':
        return not (isinstance(left, str) and isinstance(right, str) and right.lower() in left.lower())
    if right is None:
        return (left is None) == (operator == '=')
    left_value, right_value = _comparable(left, right, ranks)
    if left_value is None:
        return operator == '!='
    return {
        '=': left_value == right_value,
        '!=': left_value != right_value,
        '>': left_value > right_value,
        '>=': left_value >= right_value,
        '<': left_value < right_value,
        '<=': left_value <= right_value,
    }[operator]


def _evaluate(node, obj, ranks):
    operator = node[0]
    if operator == 'and':
        return _evaluate(node[1], obj, ranks) and _evaluate(node[2], obj, ranks)
    if operator == 'or':
        return _evaluate(node[1], obj, ranks) or _evaluate(node[2], obj, ranks)
    values = field_values(obj, node[1]) or [None]
    ranked = ranks.get(node[1].split('.')[-1]) if ranks else None
    if operator == 'in':
        return any(_compare('=', value, literal, ranked) for value in values for literal in node[2])
    if operator == 'not in':
        return not any(_compare('=', value, literal, ranked) for value in values for literal in node[2])
    if operator in ('!=', '!~'):
        return all(_compare(operator, value, node[2], ranked) for value in values)
    return any(_compare(operator, value, node[2], ranked) for value in values)


def parse(query, unsupported=()):
    """Parse a q= string; raises ApiError(400) when it is not valid BBQL, or uses a keyword in `unsupported`."""
    tokens = _tokenize(query)
    if not tokens:
        raise _invalid('Empty query')
    for kind, value in tokens:
        if kind == 'keyword' and value in unsupported:
            raise _invalid('Unsupported operator %s in query: %s' % (value.upper(), query))
    return _Parser(tokens).parse()


def _sort_key(value):
    # None first, then values grouped by type so that mixed types never compare directly
    if value is None:
        return (0, '', 0)
    if isinstance(value, bool):
        return (1, 'bool', int(value))
    if isinstance(value, (int, float)):
        return (1, 'number', value)
    return (1, 'text', str(value))


def apply(items, q=None, sort=None, view=None, ranks=None, unsupported=()):
    """Filter items with q and order them by sort ('field' or '-field'); view(item) gives the queried JSON."""
    view = view or (lambda item: item)
    if q:
        tree = parse(q, unsupported)
        items = [item for item in items if _evaluate(tree, view(item), ranks)]
    if sort:
        field = sort.lstrip('-')
        if not re.match(r'^[A-Za-z_][A-Za-z0-9_.]*$', field):
            raise ApiError(400, 'Invalid sort field', detail=sort)

        def key(item):
            values = field_values(view(item), field)
            return _sort_key(values[0] if values else None)
        items = sorted(items, key=key, reverse=sort.startswith('-'))
    return list(items)
