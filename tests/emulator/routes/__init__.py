"""Flask blueprints: the /2.0 API, the OAuth token endpoint, the /_emulator control endpoints and git smart HTTP."""

from . import control_api, git_http, grants, oauth, projects, repositories, users, webhooks, workspaces

# the kinds of issues 13 and 14
from . import branch_restrictions, branching_model, default_reviewers, deploy_keys, pipeline_variables, pipelines_config

BLUEPRINTS = (
    users.blueprint,
    workspaces.blueprint,
    projects.blueprint,
    repositories.blueprint,
    webhooks.blueprint,
    grants.blueprint,
    branch_restrictions.blueprint,
    default_reviewers.blueprint,
    branching_model.blueprint,
    deploy_keys.blueprint,
    pipeline_variables.blueprint,
    pipelines_config.blueprint,
    oauth.blueprint,
    control_api.blueprint,
    git_http.blueprint,
)
