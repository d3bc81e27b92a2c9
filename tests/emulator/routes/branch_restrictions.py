"""Branch restrictions of a repository: list (kind and pattern filters), create, get, partial update, delete."""

from flask import Blueprint, request

from .. import bbql, kinds, render_kinds
from ..errors import ApiError
from ..pagination import paginate
from ..state import Store
from ..validation import REQUIRED, choice_error, raise_if, type_errors
from .common import find_repository, json_body, json_response, no_content, not_found, store

blueprint = Blueprint('branch_restrictions', __name__, url_prefix='/2.0')
_TYPES = {'kind': str, 'branch_match_kind': str, 'pattern': str, 'branch_type': str, 'value': int, 'users': list, 'groups': list}
USERS_ONLY_MESSAGE = 'Users and groups can only be set on push and restrict_merges restrictions.'


class _Target:
    def __init__(self, workspace, repo_slug):
        self.workspace, self.repository, _permission = find_repository(workspace, repo_slug, needed='admin')
        self.restrictions = kinds.repository(self.repository)['branch_restrictions']
        self.base_path = '/repositories/%s/%s/branch-restrictions' % (self.workspace['slug'], self.repository['slug'])

    def render(self, record):
        return render_kinds.branch_restriction(store(), self.workspace, record, self.base_path)

    def find(self, restriction_id):
        for record in self.restrictions:
            if str(record['id']) == restriction_id:
                return record
        raise not_found('No branch restriction with id %s in repository %s/%s.' % (restriction_id, self.workspace['slug'], self.repository['slug']))


def _user(workspace, item):
    """A user of a restriction's users list ({"uuid"} or {"account_id"}) as its uuid; None when unknown or not a member."""
    if not isinstance(item, dict):
        return None
    ref = item.get('uuid') or item.get('account_id')
    user = store().user_by_id(ref) if isinstance(ref, str) else None
    if user is None or Store.member_role(workspace, user['uuid']) is None:
        return None
    return user['uuid']


def _group(workspace, item):
    """A group of a restriction's groups list ({"slug"} or {"full_slug": "workspace:slug"}) as its slug."""
    if not isinstance(item, dict):
        return None
    slug = item.get('slug')
    if not slug and isinstance(item.get('full_slug'), str) and item['full_slug'].startswith(workspace['slug'] + ':'):
        slug = item['full_slug'].split(':', 1)[1]
    return slug if isinstance(slug, str) and Store.group(workspace, slug) else None


def _references(target, body, fields):
    users = groups = None
    if isinstance(body.get('users'), list):
        users = [_user(target.workspace, item) for item in body['users']]
        if None in users:
            fields['users'] = ['Every user must be a member of workspace %s, given by uuid or account_id.' % target.workspace['slug']]
    if isinstance(body.get('groups'), list):
        groups = [_group(target.workspace, item) for item in body['groups']]
        if None in groups:
            fields['groups'] = ['Every group must be a group of workspace %s, given by slug.' % target.workspace['slug']]
    return users, groups


def _build(target, body, current=None):
    """The restriction record a POST body (current None) or a PUT body (fields not present are kept) asks for."""
    fields = type_errors(body, _TYPES)
    raise_if(fields)
    record = dict(current) if current else {'kind': None, 'branch_match_kind': 'glob', 'pattern': '', 'branch_type': None,
                                            'value': None, 'users': [], 'groups': []}
    for name in ('kind', 'branch_match_kind', 'pattern', 'branch_type'):
        if body.get(name) is not None:
            record[name] = body[name]
    if 'value' in body:
        record['value'] = body['value']
    users, groups = _references(target, body, fields)
    if record['kind'] is None:
        fields['kind'] = [REQUIRED]
    elif record['kind'] not in kinds.restriction_kinds():
        fields['kind'] = [choice_error(record['kind'], kinds.restriction_kinds())]
    if record['branch_match_kind'] not in kinds.branch_match_kinds():
        fields['branch_match_kind'] = [choice_error(record['branch_match_kind'], kinds.branch_match_kinds())]
    elif record['branch_match_kind'] == 'glob':
        record['branch_type'] = None
        if not record['pattern']:
            fields['pattern'] = [REQUIRED]
    else:
        # a branching-model restriction matches by branch type; its pattern is always empty
        record['pattern'] = ''
        if record['branch_type'] is None:
            fields['branch_type'] = [REQUIRED]
        elif record['branch_type'] not in kinds.branch_types():
            fields['branch_type'] = [choice_error(record['branch_type'], kinds.branch_types())]
    kind = record['kind']
    if kind in kinds.VALUE_KINDS:
        if record['value'] is None:
            fields['value'] = ['This field is required for %s.' % kind]
        elif record['value'] < 0:
            fields['value'] = ['Ensure this value is greater than or equal to 0.']
    else:
        record['value'] = None
    if kind in kinds.USER_KINDS:
        for name, given in (('users', users), ('groups', groups)):
            if given is not None:
                record[name] = given
            elif current is None or current['kind'] not in kinds.USER_KINDS:
                fields.setdefault(name, ['%s requires users and groups (an empty list denies everybody).' % kind])
    else:
        for name, given in (('users', users), ('groups', groups)):
            if given:
                fields[name] = [USERS_ONLY_MESSAGE]
        record['users'], record['groups'] = [], []
    raise_if(fields)
    record['users'] = list(dict.fromkeys(record['users']))
    record['groups'] = list(dict.fromkeys(record['groups']))
    for other in target.restrictions:
        if other is current:
            continue
        if other['kind'] == kind and other['branch_match_kind'] == record['branch_match_kind'] and \
                other['pattern'] == record['pattern'] and other['branch_type'] == record['branch_type']:
            match = 'pattern %s' % record['pattern'] if record['branch_match_kind'] == 'glob' else 'branch type %s' % record['branch_type']
            raise ApiError(409, 'A branch restriction of kind %s already exists for %s.' % (kind, match),
                           detail='The combination of kind and pattern (or branch type) must be unique in a repository.')
    return record


@blueprint.get('/repositories/<workspace>/<repo_slug>/branch-restrictions')
def list_restrictions(workspace, repo_slug):
    """GET .../branch-restrictions (kind and pattern filter exactly; q and sort as everywhere)."""
    target = _Target(workspace, repo_slug)
    records = target.restrictions
    for name in ('kind', 'pattern'):
        if request.args.get(name):
            records = [record for record in records if record[name] == request.args[name]]
    values = bbql.apply([target.render(record) for record in records], request.args.get('q'), request.args.get('sort'))
    return json_response(paginate(values))


@blueprint.post('/repositories/<workspace>/<repo_slug>/branch-restrictions')
def create_restriction(workspace, repo_slug):
    """POST .../branch-restrictions: 201."""
    target = _Target(workspace, repo_slug)
    record = _build(target, json_body())
    record['id'] = kinds.next_id(store().data, 'branch_restriction')
    target.restrictions.append(record)
    body = target.render(record)
    return json_response(body, status=201, headers={'Location': body['links']['self']['href']})


@blueprint.get('/repositories/<workspace>/<repo_slug>/branch-restrictions/<id>')
def get_restriction(workspace, repo_slug, id):  # pylint: disable=redefined-builtin
    """GET .../branch-restrictions/{id}."""
    target = _Target(workspace, repo_slug)
    return json_response(target.render(target.find(id)))


@blueprint.put('/repositories/<workspace>/<repo_slug>/branch-restrictions/<id>')
def update_restriction(workspace, repo_slug, id):  # pylint: disable=redefined-builtin
    """PUT .../branch-restrictions/{id}: fields not present in the body are left as they are."""
    target = _Target(workspace, repo_slug)
    current = target.find(id)
    body = json_body()
    record = _build(target, body, current)
    current.update(record)
    return json_response(target.render(current))


@blueprint.delete('/repositories/<workspace>/<repo_slug>/branch-restrictions/<id>')
def delete_restriction(workspace, repo_slug, id):  # pylint: disable=redefined-builtin
    """DELETE .../branch-restrictions/{id}: 204."""
    target = _Target(workspace, repo_slug)
    target.restrictions.remove(target.find(id))
    return no_content()
