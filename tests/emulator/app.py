"""The Flask application: routing, and what happens around every API request.

Around each request to /2.0 and to the token endpoint: log it, add the configured latency,
inject a fault when a rule fires, take the state lock, authenticate, check the operation's
scopes against the spec, run the view, and (for drop_after_write) close the connection
without an answer.
"""

import socket
import time

from flask import Flask, Response, current_app, g, request
from werkzeug.exceptions import HTTPException

from . import scopes, spec
from .auth import authenticate
from .context import EXTENSION_KEY, Emulator, current_emulator
from .errors import RATE_LIMIT_TEXT, ApiError, error_body
from .faults import DROP_AFTER_WRITE, DROPPED_STATUS, NEAR_LIMIT
from .routes import BLUEPRINTS
from .routes.common import json_response
from .routes.oauth import TOKEN_PATH

_FAULT_MESSAGES = {500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout'}


def _is_api_request():
    return request.path == spec.API_PREFIX or request.path.startswith(spec.API_PREFIX + '/') or request.path == TOKEN_PATH


def _template():
    return spec.rule_to_template(request.url_rule.rule) if request.url_rule is not None else None


def _fault_response(status):
    if status == 429:
        # Bitbucket's 429 is plain text and carries no Retry-After
        return Response(RATE_LIMIT_TEXT, status=429, mimetype='text/plain')
    return json_response(error_body(_FAULT_MESSAGES[status], detail='Injected by the emulator.'), status=status)


def _before_request():
    if not _is_api_request():
        return None
    emulator = current_emulator()
    entry = {
        'method': request.method,
        'path': request.path,
        'query': request.args.to_dict(flat=True),
        'template': _template(),
        'status': None,
        'auth': None,
        'fault': None,
    }
    g.log_entry = entry
    emulator.log.start(entry)
    if emulator.faults.latency_ms:
        time.sleep(emulator.faults.latency_ms / 1000.0)
    rule = emulator.faults.decide(request.method, request.path)
    if rule is not None and rule.status is not None:
        entry['fault'] = str(rule.status)
        return _fault_response(rule.status)
    if rule is not None and rule.action == NEAR_LIMIT:
        g.near_limit = True
        entry['fault'] = NEAR_LIMIT
    elif rule is not None:
        g.drop_connection = True
        entry['fault'] = DROP_AFTER_WRITE
    # one request at a time touches the state; latency above is spent outside the lock
    emulator.store.lock.acquire()
    g.holding_lock = True
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    if request.url_rule is None or getattr(view, 'public', False):
        return None
    g.principal = authenticate(emulator.store, request.headers.get('Authorization'))
    entry['auth'] = g.principal.log_label
    method = 'GET' if request.method == 'HEAD' else request.method
    scopes.check_operation(g.principal, method, entry['template'])
    return None


def _after_request(response):
    entry = g.get('log_entry')
    if entry is None:
        return response
    entry['status'] = response.status_code
    if g.get('near_limit'):
        response.headers['X-RateLimit-NearLimit'] = 'true'
    if g.get('drop_connection'):
        entry['status'] = DROPPED_STATUS
        connection = request.environ.get('werkzeug.socket')
        if connection is not None:
            try:
                # the request has been applied; the client gets no answer, just a closed connection
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
    return response


def _teardown_request(_error):
    if g.pop('log_entry', None) is not None:
        current_emulator().log.finish()
    if g.pop('holding_lock', False):
        current_emulator().store.lock.release()


def _api_error(error):
    return json_response(error.body(), status=error.status, headers=error.headers)


def _http_error(error):
    return json_response(error_body(error.name, detail=error.description), status=error.code)


def _unexpected_error(error):
    current_app.logger.exception('emulator error on %s %s', request.method, request.path, exc_info=error)
    return json_response(error_body('Internal Server Error', detail='%s: %s' % (type(error).__name__, error)), status=500)


def create_app(seed=None):
    """A Flask app serving the emulator, loaded with seed (None: the sample seed, a path, or a dict)."""
    app = Flask('emulator')
    app.url_map.strict_slashes = False
    app.extensions[EXTENSION_KEY] = Emulator(seed)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    app.before_request(_before_request)
    app.after_request(_after_request)
    app.teardown_request(_teardown_request)
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)
    return app
