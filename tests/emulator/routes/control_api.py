"""Control endpoints under /_emulator (no authentication, never logged): reset, state, request log, faults."""

import json

from flask import Blueprint, request

from ..context import current_emulator
from ..seed import SeedError
from .common import json_response, no_content

blueprint = Blueprint('control', __name__, url_prefix='/_emulator')


def _body():
    raw = request.get_data(as_text=True)
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except ValueError as error:
        raise ValueError('the body is not valid JSON: %s' % error) from None
    if not isinstance(body, dict):
        raise ValueError('the body must be a JSON object')
    return body


def _invalid(message):
    return json_response({'error': message}, status=400)


@blueprint.get('/health')
def health():
    """GET /_emulator/health: the server is up."""
    return json_response({'status': 'ok'})


@blueprint.post('/reset')
def reset():
    """POST /_emulator/reset [{"seed": {...}}]: new state (default: the start seed); log and faults cleared."""
    try:
        body = _body()
        seed = body.get('seed')
        if seed is not None and not isinstance(seed, dict):
            raise SeedError('seed must be an object')
        current_emulator().reset(seed)
    except ValueError as error:
        return _invalid(str(error))
    data = current_emulator().store.data
    return json_response({'status': 'reset', 'users': len(data['users']), 'workspaces': len(data['workspaces'])})


@blueprint.get('/state')
def state():
    """GET /_emulator/state: the whole state document, secrets included."""
    return json_response(current_emulator().store.dump())


@blueprint.get('/requests')
def list_requests():
    """GET /_emulator/requests: {"requests": [{method, path, query, status, template, auth, fault}, ...]}."""
    return json_response({'requests': current_emulator().log.snapshot()})


@blueprint.delete('/requests')
def clear_requests():
    """DELETE /_emulator/requests: forget the log."""
    current_emulator().log.clear()
    return no_content()


@blueprint.get('/faults')
def get_faults():
    """GET /_emulator/faults: the active configuration with per-rule counters."""
    return json_response(current_emulator().faults.describe())


@blueprint.post('/faults')
def set_faults():
    """POST /_emulator/faults {"latency_ms": N, "rules": [...]}: replace the fault configuration."""
    try:
        current_emulator().faults.configure(_body())
    except ValueError as error:
        return _invalid(str(error))
    return json_response(current_emulator().faults.describe())


@blueprint.delete('/faults')
def clear_faults():
    """DELETE /_emulator/faults: no latency, no rules."""
    current_emulator().faults.clear()
    return no_content()
