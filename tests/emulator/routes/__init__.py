"""Flask blueprints: the /2.0 API, the OAuth token endpoint and the /_emulator control endpoints."""

from . import control_api, grants, oauth, projects, repositories, users, webhooks, workspaces

BLUEPRINTS = (
    users.blueprint,
    workspaces.blueprint,
    projects.blueprint,
    repositories.blueprint,
    webhooks.blueprint,
    grants.blueprint,
    oauth.blueprint,
    control_api.blueprint,
)
