"""The OAuth 2.0 token endpoint: the client-credentials grant of an OAuth consumer."""

import base64
import binascii
import secrets
import time

from flask import Blueprint, request

from .common import json_response, public, store

TOKEN_PATH = '/site/oauth2/access_token'
blueprint = Blueprint('oauth', __name__)


def _oauth_error(status, error, description, challenge=False):
    headers = {'Cache-Control': 'no-store'}
    if challenge:
        headers['WWW-Authenticate'] = 'Basic realm="OAuth"'
    return json_response({'error': error, 'error_description': description}, status=status, headers=headers)


def _client_credentials():
    """(client_id, client_secret, sent_in_header) from HTTP Basic or the form."""
    scheme, _sep, value = request.headers.get('Authorization', '').partition(' ')
    if scheme.lower() == 'basic':
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode('utf-8')
        except (binascii.Error, UnicodeDecodeError):
            return None, None, True
        client_id, _sep, client_secret = decoded.partition(':')
        return client_id, client_secret, True
    return request.form.get('client_id'), request.form.get('client_secret'), False


def _consumer(client_id):
    for workspace in store().data['workspaces']:
        for consumer in workspace['oauth_consumers']:
            if consumer['key'] == client_id:
                return workspace, consumer
    return None, None


@blueprint.post(TOKEN_PATH)
@public
def access_token():
    """POST /site/oauth2/access_token with grant_type=client_credentials: a one-hour bearer token."""
    client_id, client_secret, in_header = _client_credentials()
    if not client_id:
        return _oauth_error(400, 'invalid_client', 'Client credentials missing; send the consumer key and secret with HTTP Basic.')
    workspace, consumer = _consumer(client_id)
    if consumer is None or not secrets.compare_digest(consumer['secret'], client_secret or ''):
        # RFC 6749 5.2: 401 when the client authenticated through the Authorization header
        return _oauth_error(401 if in_header else 400, 'invalid_client', 'Invalid OAuth client credentials', challenge=in_header)
    grant_type = request.form.get('grant_type')
    if grant_type != 'client_credentials':
        return _oauth_error(400, 'unsupported_grant_type', 'Unsupported grant type: %s' % (grant_type or '(none)'))
    tokens = store().data['oauth_tokens']
    # expired tokens are of no further use to anyone
    tokens[:] = [token for token in tokens if token['expires_at'] > time.time()]
    value = secrets.token_urlsafe(32)
    tokens.append({
        'access_token': value,
        'consumer': consumer['key'],
        'workspace': workspace['uuid'],
        'scopes': list(consumer['scopes']),
        'expires_at': time.time() + consumer['token_lifetime'],
    })
    return json_response({
        'access_token': value,
        'token_type': 'bearer',
        'expires_in': consumer['token_lifetime'],
        'scope': ' '.join(consumer['scopes']),
    }, headers={'Cache-Control': 'no-store'})
