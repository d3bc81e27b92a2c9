"""The server: run.py from any directory, port files, quiet logs, clean stops; EmulatorServer in-process."""

import json
import os
import signal
import subprocess
import sys
import time

import requests

from emulator.server import EmulatorServer

RUN_PY = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'run.py')


def _wait_for(path, timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if os.path.exists(path):
            with open(path, encoding='utf-8') as handle:
                return int(handle.read())
        time.sleep(0.05)
    raise AssertionError('no port file after %ss' % timeout)


def test_run_py_serves_a_seed_file_and_stops_on_sigterm(tmp_path):
    seed = tmp_path / 'seed.json'
    seed.write_text(json.dumps({
        'users': [{'email': 'dana@example.com', 'api_tokens': [{'token': 'dana-token'}]}],
        'workspaces': [{'slug': 'solo', 'members': [{'user': 'dana@example.com', 'role': 'owner'}], 'projects': [{'key': 'P'}]}],
    }))
    port_file = tmp_path / 'port'
    process = subprocess.Popen([sys.executable, RUN_PY, '--port', '0', '--seed', str(seed), '--port-file', str(port_file)],
                               cwd=str(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        port = _wait_for(str(port_file))
        api = 'http://127.0.0.1:%d/2.0' % port
        response = requests.get(api + '/user/workspaces', auth=('dana@example.com', 'dana-token'), timeout=10)
        assert response.status_code == 200 and response.json()['values'][0]['workspace']['slug'] == 'solo'
        assert requests.get(api + '/user', timeout=10).status_code == 401
    finally:
        process.send_signal(signal.SIGTERM)
        stdout, stderr = process.communicate(timeout=15)
    assert process.returncode == 0
    assert 'listening on http://127.0.0.1:%d' % port in stdout
    assert stderr == ''


def test_run_py_refuses_a_bad_seed(tmp_path):
    seed = tmp_path / 'bad.yml'
    seed.write_text('users: [{nickname: no-email}]\n')
    result = subprocess.run([sys.executable, RUN_PY, '--seed', str(seed)], capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 2 and 'email is required' in result.stderr


def test_in_process_server_with_a_dict_seed():
    seed = {'users': [{'email': 'eve@example.com', 'api_tokens': [{'token': 't'}]}],
            'workspaces': [{'slug': 'eve', 'members': ['eve@example.com']}]}
    with EmulatorServer(seed=seed) as server:
        assert server.url.startswith('http://127.0.0.1:') and server.api_url == server.url + '/2.0'
        assert server.token_url == server.url + '/site/oauth2/access_token'
        response = requests.get(server.api_url + '/workspaces/eve', auth=('eve@example.com', 't'), timeout=10)
        assert response.status_code == 200
    try:
        requests.get(server.api_url + '/user', timeout=2)
    except requests.ConnectionError:
        pass
    else:
        raise AssertionError('the server still answers after stop()')
