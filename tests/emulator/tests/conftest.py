"""Fixtures of the emulator's own tests: HTTP clients for the sample seed's credentials."""

import pytest
import requests

ALICE = ('alice@example.com', 'alice-api-token')
BOB = ('bob@example.com', 'bob-api-token')
BOB_READONLY = ('bob@example.com', 'bob-readonly-token')
CAROL = ('carol@example.com', 'carol-api-token')
ALICE_APP_PASSWORD = ('alice', 'alice-app-password')
ACME_READ_TOKEN = 'acme-read-token'
LEGACY_REPO_TOKEN = 'legacy-repo-token'
CONSUMER = ('ci-consumer', 'ci-secret')


class Api:
    """requests against the emulator's /2.0 with one credential; paths are relative to /2.0."""

    def __init__(self, api_url, auth=None, bearer=None):
        self.api_url = api_url
        self.session = requests.Session()
        self.session.auth = auth
        if bearer:
            self.session.headers['Authorization'] = 'Bearer %s' % bearer

    def url(self, path):
        return path if path.startswith('http') else self.api_url + path

    def get(self, path, **kwargs):
        return self.session.get(self.url(path), timeout=30, **kwargs)

    def post(self, path, body=None, **kwargs):
        return self.session.post(self.url(path), json=body, timeout=30, **kwargs)

    def put(self, path, body=None, **kwargs):
        return self.session.put(self.url(path), json=body, timeout=30, **kwargs)

    def delete(self, path, **kwargs):
        return self.session.delete(self.url(path), timeout=30, **kwargs)

    def all_values(self, path, **params):
        """Every value of a paginated list, following next links."""
        values = []
        url = self.url(path)
        while url:
            response = self.session.get(url, params=params, timeout=30)
            assert response.status_code == 200, response.text
            page = response.json()
            values.extend(page['values'])
            url, params = page.get('next'), None
        return values


@pytest.fixture
def api(emu):
    """Factory: api(auth=(email, token)) or api(bearer=token); alice by default."""
    def make(auth=ALICE, bearer=None):
        return Api(emu.api_url, auth=None if bearer else auth, bearer=bearer)
    return make


@pytest.fixture
def alice(api):
    """alice@example.com, owner of acme, with every API-token scope."""
    return api(ALICE)


@pytest.fixture
def bob(api):
    """bob@example.com, member of acme (group developers)."""
    return api(BOB)
