# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Connection and authentication options shared by every bitbucket.cloud module."""


class ModuleDocFragment(object):

    DOCUMENTATION = r'''
options:
  api_url:
    description:
      - Root of the Bitbucket Cloud REST API 2.0.
      - Point it at a proxy or at a local emulator for tests.
      - Pointing O(api_url) at a proxy does not move O(token_url). With O(client_id) and O(client_secret), the
        client secret still goes to V(https://bitbucket.org) unless O(token_url) is set too. Set both.
      - Pages of a list are followed only to the scheme, host and port of O(api_url); a C(next) link to anywhere
        else fails the task instead of sending the credentials there.
      - A plain C(http://) URL to a host that is not a loopback address gets a warning.
      - If not set, the environment variable E(BITBUCKET_API_URL) is used, then V(https://api.bitbucket.org/2.0).
    type: str
  user:
    description:
      - For Basic authentication with an Atlassian API token, the B(Atlassian account email) the token belongs to.
      - Bitbucket retired app passwords on 2026-07-28; a Bitbucket username with an app password now answers HTTP 401.
      - If not set, the environment variables E(BITBUCKET_USER) or E(BITBUCKET_USERNAME) are used.
      - Use with O(password). Mutually exclusive with O(token) and O(client_id).
    type: str
    aliases: [username]
  password:
    description:
      - The Atlassian API token (created at id.atlassian.com with Bitbucket scopes), sent with Basic authentication
        together with O(user).
      - If not set, the environment variables E(BITBUCKET_API_TOKEN), E(BITBUCKET_APP_PASSWORD) or
        E(BITBUCKET_PASSWORD) are used.
      - The alias O(ignore:app_password) is kept for old playbooks; app passwords no longer work.
    type: str
    aliases: [api_token, app_password]
  token:
    description:
      - A Bearer token, an OAuth 2.0 access token or a repository, project or workspace access token.
      - Access tokens cannot read or change permissions (M(bitbucket.cloud.bitbucket_permission),
        M(bitbucket.cloud.bitbucket_permissions_info)).
      - An Atlassian API token is not a Bearer token; give it as O(password) with O(user).
      - If not set, the environment variables E(BITBUCKET_TOKEN) or E(BITBUCKET_ACCESS_TOKEN) are used.
    type: str
    aliases: [access_token]
  client_id:
    description:
      - The key of an OAuth consumer. With O(client_secret), the module requests one access token with the
        client credentials grant at O(token_url) and uses it for all its calls.
      - If not set, the environment variable E(BITBUCKET_CLIENT_ID) is used.
    type: str
  client_secret:
    description:
      - The secret of the OAuth consumer O(client_id).
      - If not set, the environment variable E(BITBUCKET_CLIENT_SECRET) is used.
    type: str
  token_url:
    description:
      - The OAuth 2.0 token endpoint used with O(client_id) and O(client_secret); an http(s) URL.
      - It is not derived from O(api_url). Behind a proxy, set both.
      - The access token obtained there is masked in all output, like the other secrets.
      - If not set, the environment variable E(BITBUCKET_TOKEN_URL) is used, then
        V(https://bitbucket.org/site/oauth2/access_token).
    type: str
  validate_certs:
    description:
      - Whether to verify the TLS certificate of O(api_url) and O(token_url).
      - V(false) applies even when E(REQUESTS_CA_BUNDLE) or E(CURL_CA_BUNDLE) is set. Use it only for a trusted
        test endpoint; to trust a private CA, set E(REQUESTS_CA_BUNDLE) instead.
      - If not set, the environment variable E(BITBUCKET_VALIDATE_CERTS) is used, then V(true).
    type: bool
  timeout:
    description:
      - Seconds to wait for each HTTP request.
      - If not set, the environment variable E(BITBUCKET_TIMEOUT) is used, then V(30).
    type: int
  retries:
    description:
      - How many times a request is retried at once after HTTP 429 (rate limited), 502, 503 or 504, or a lost
        connection, with exponential backoff and jitter (at most 60 seconds a wait), honouring C(Retry-After)
        when Bitbucket sends it.
      - A create (POST) whose reply was lost is never re-sent blindly; the module first looks for the object
        it may have created.
      - If not set, the environment variable E(BITBUCKET_RETRIES) is used, then V(5).
    type: int
  rate_limit_wait:
    description:
      - Bitbucket counts requests in a rolling one-hour window and answers HTTP 429 without saying when to come
        back. After the O(retries) fast retries, a request still rate-limited is retried with capped exponential
        backoff (15 seconds, doubling, at most 60 seconds a wait) until this many seconds have passed; the task
        then warns how long it waited.
      - V(0) gives up after the fast retries.
      - If not set, the environment variable E(BITBUCKET_RATE_LIMIT_WAIT) is used, then V(300).
    type: int
notes:
  - "Authentication: exactly one complete method is used: O(user) and O(password) (an Atlassian API token with
    the account email, Basic authentication), O(token) (Bearer), or O(client_id) and O(client_secret) (OAuth
    client credentials). Options given to the task (or in C(module_defaults)) beat environment variables.
    Two complete methods at the same level fail with an error that names them."
  - "Set the connection options once for all modules of a play with
    C(module_defaults: {group/bitbucket.cloud.bitbucket: {...}})."
  - "Credentials never appear in results, errors, warnings or logs."
requirements:
  - requests >= 2.28
  - urllib3 >= 1.26 (1.26 and 2.x both work)
'''
