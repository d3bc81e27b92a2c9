# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run a module in-process, as Ansible would, against the emulator over HTTP."""

import importlib
import json

import pytest

from ansible.module_utils.common import warnings as ansible_warnings
from ansible.module_utils.testing import patch_module_args

CONNECTION_ENV = ('BITBUCKET_API_URL', 'BITBUCKET_USER', 'BITBUCKET_USERNAME', 'BITBUCKET_API_TOKEN',
                  'BITBUCKET_APP_PASSWORD', 'BITBUCKET_PASSWORD', 'BITBUCKET_TOKEN', 'BITBUCKET_ACCESS_TOKEN',
                  'BITBUCKET_CLIENT_ID', 'BITBUCKET_CLIENT_SECRET', 'BITBUCKET_TOKEN_URL', 'BITBUCKET_VALIDATE_CERTS')


class ModuleRun(object):
    """What one module run printed: the result, and whether it failed."""

    def __init__(self, result, rc):
        self.result = result
        self.rc = rc
        self.failed = bool(result.get('failed'))

    def __getitem__(self, key):
        return self.result[key]

    def get(self, key, default=None):
        return self.result.get(key, default)

    @property
    def warnings(self):
        """The warning texts (ansible-core 2.19 returns them as WarningSummary documents)."""
        return [w['event']['msg'] if isinstance(w, dict) else w for w in self.result.get('warnings') or []]

    def __repr__(self):
        return 'ModuleRun(%r)' % (self.result,)


@pytest.fixture(autouse=True)
def clean_bitbucket_env(monkeypatch):
    """No BITBUCKET_* variable of the developer's shell leaks into a test."""
    for name in CONNECTION_ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def run_module(capsys):
    """run_module('bitbucket_project', {...}, check_mode=False, diff=True) -> ModuleRun."""

    def run(name, args, check_mode=False, diff=True):
        module = importlib.import_module('ansible_collections.bitbucket.cloud.plugins.modules.%s' % name)
        full = dict(args)
        full['_ansible_check_mode'] = check_mode
        full['_ansible_diff'] = diff
        capsys.readouterr()
        # ansible-core keeps warnings process-wide; each run starts clean, as in its own process.
        ansible_warnings._global_warnings.clear()
        rc = 0
        with patch_module_args(full):
            try:
                module.main()
            except SystemExit as exc:
                rc = exc.code or 0
        out = capsys.readouterr().out
        return ModuleRun(json.loads(out), rc)

    return run


@pytest.fixture
def alice(emu):
    """Connection options of the workspace owner alice (API token, Basic auth)."""
    return dict(api_url=emu.api_url, user='alice@example.com', password='alice-api-token', retries=2)


class Api(object):
    """Reads the emulator's API over HTTP as alice, to assert what a module did."""

    def __init__(self, api_url):
        import requests
        self.session = requests.Session()
        self.session.auth = ('alice@example.com', 'alice-api-token')
        self.api_url = api_url

    def get(self, path, **params):
        response = self.session.get(self.api_url + path, params=params)
        return response.json() if response.status_code == 200 else None


@pytest.fixture
def api(emu):
    return Api(emu.api_url)
