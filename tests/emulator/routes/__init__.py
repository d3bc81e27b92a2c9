"""Flask blueprints: the /2.0 API, the OAuth token endpoint, the /_emulator control endpoints and git smart HTTP."""

from . import control_api, git_http, grants, oauth, projects, repositories, users, webhooks, workspaces

BLUEPRINTS = (
    users.blueprint,
    workspaces.blueprint,
    projects.blueprint,
    repositories.blueprint,
    webhooks.blueprint,
    grants.blueprint,
    oauth.blueprint,
    control_api.blueprint,
    git_http.blueprint,
)
