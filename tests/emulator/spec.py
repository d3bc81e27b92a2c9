"""The vendored Bitbucket OpenAPI document, loaded once, and the tables derived from it."""

import functools
import gzip
import json
import os
import re

SPEC_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'spec', 'openapi.json.gz')
SPEC_SHA256 = 'ecf7b8905dc6eab269040d04fa0766b9ca31d8f3b6105a2acedbf24665598705'
API_PREFIX = '/2.0'

_GRANULAR_SCOPE = re.compile(r'- \[`((?:read|write|admin|delete):[a-z-]+:bitbucket)`\]')
_RULE_VARIABLE = re.compile(r'<(?:[a-z_]+:)?([A-Za-z_][A-Za-z0-9_]*)>')


@functools.lru_cache(maxsize=1)
def load_spec():
    """Return the parsed spec document (shared; callers must not modify it)."""
    with gzip.open(SPEC_PATH, 'rb') as handle:
        return json.loads(handle.read().decode('utf-8'))


def rule_to_template(rule):
    """Map a Flask rule such as /2.0/repositories/<workspace> to the spec path /repositories/{workspace}."""
    if not rule.startswith(API_PREFIX + '/'):
        return rule
    return _RULE_VARIABLE.sub(r'{\1}', rule[len(API_PREFIX):])


def operation(method, template):
    """Return the spec operation object for a method and path template, or None."""
    path_item = load_spec()['paths'].get(template)
    if not path_item:
        return None
    return path_item.get(method.lower())


def classic_scopes(op):
    """The classic OAuth scopes an operation requires (all of them), from security[].oauth2."""
    for requirement in op.get('security') or []:
        if 'oauth2' in requirement:
            return list(requirement['oauth2'])
    return []


def granular_scopes(op):
    """The API-token (Forge) scopes an operation requires (all of them), from x-atlassian-oauth2-scopes."""
    for entry in op.get('x-atlassian-oauth2-scopes') or []:
        if entry.get('state', 'Current') == 'Current':
            return list(entry.get('scopes') or [])
    return []


@functools.lru_cache(maxsize=1)
def scope_table():
    """{(METHOD, template): {'classic': [...], 'granular': [...]}} for every operation of the spec."""
    table = {}
    for template, path_item in load_spec()['paths'].items():
        for method, op in path_item.items():
            if method == 'parameters':
                continue
            table[(method.upper(), template)] = {'classic': classic_scopes(op), 'granular': granular_scopes(op)}
    return table


@functools.lru_cache(maxsize=1)
def all_granular_scopes():
    """Every API-token scope: those the narrative lists plus those operations name, sorted."""
    names = set()
    for entry in scope_table().values():
        names.update(entry['granular'])
    for document in load_spec().get('x-atlassian-narrative', {}).get('documents', []):
        if document.get('anchor') == 'authentication':
            names.update(_GRANULAR_SCOPE.findall(document.get('body', '')))
    return sorted(names)


@functools.lru_cache(maxsize=1)
def all_classic_scopes():
    """Every classic OAuth scope declared in securityDefinitions.oauth2, sorted."""
    return sorted(load_spec()['securityDefinitions']['oauth2']['scopes'])


def definition(name):
    """Return one entry of the spec's definitions."""
    return load_spec()['definitions'][name]


def _object_properties(name):
    """The properties of a definition that is either a plain object or allOf [object, {...}]."""
    schema = definition(name)
    for part in schema.get('allOf', [schema]):
        if 'properties' in part:
            return part['properties']
    return {}


@functools.lru_cache(maxsize=1)
def webhook_events():
    """The event keys a webhook may subscribe to (webhook_subscription.events enum), in spec order."""
    return list(_object_properties('webhook_subscription')['events']['items']['enum'])


def enum_of(definition_name, prop):
    """The enum of one string property of a definition (e.g. repository.fork_policy)."""
    return list(_object_properties(definition_name)[prop]['enum'])


def response_codes(method, template):
    """The status codes the spec documents for an operation, as strings."""
    op = operation(method, template)
    return set((op or {}).get('responses', {}))
