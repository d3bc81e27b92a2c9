# -*- coding: utf-8 -*-
# Copyright: (c) 2026, bitbucket.cloud contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The workspace engine: preflight, bulk read, plan of every object, apply (internal to the bitbucket.cloud collection).

Preflight checks the whole spec and reports every mistake at once, each at its place
(`repositories[3].webhooks[0].events`). Reading: one project list, repository lists of up to 100
(BBQL on the declared slugs), the members named by email, then the lists (hooks, grants, ...) of the
declared objects that manage them, a few at a time in parallel, then (a second round) the lists that their
declared items carry themselves (an environment's variables: `nested` on the item's kind), for the items
that exist. Planning: each resource's own plan().
Applying: projects, repositories, then the per-object kinds, then their nested items (which take the id of an
item created just before from its result), creates and updates before deletes; a
failure skips what depends on it, and a target's deletes run only when all its creates and updates did.
"""

from ansible_collections.bitbucket.cloud.plugins.module_utils.client import api_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.errors import BitbucketError, InputError
from ansible_collections.bitbucket.cloud.plugins.module_utils.parallel import BulkReader, Workers
from ansible_collections.bitbucket.cloud.plugins.module_utils.patterns import is_email, validate_workspace
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.branch_restriction import BranchRestrictionResource
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.branching_model import BranchingModelResource
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.default_reviewer import DefaultReviewerResource
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.deploy_key import DeployKeyResource
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.deployment_environment import DeploymentEnvironmentResource
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.permission import PermissionResource, not_a_member
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.pipeline_variable import PipelineVariableResource
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.pipelines import PipelinesResource
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.project import ProjectResource, projects_path
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.repository import RepositoryResource
from ansible_collections.bitbucket.cloud.plugins.module_utils.resources.webhook import WebhookResource
from ansible_collections.bitbucket.cloud.plugins.module_utils.workspace import resolve_emails

# The workspace spec: the declared objects, each with the lists of other kinds it may carry. A new
# per-object kind is one more entry in the lists of its parent here (and its resource file).
PARENTS = (
    ('projects', ProjectResource, (('permissions', PermissionResource), ('deploy_keys', DeployKeyResource),
                                   ('default_reviewers', DefaultReviewerResource),
                                   ('branching_model', BranchingModelResource))),
    ('repositories', RepositoryResource, (('webhooks', WebhookResource), ('permissions', PermissionResource),
                                          ('deploy_keys', DeployKeyResource),
                                          ('pipeline_variables', PipelineVariableResource),
                                          ('environments', DeploymentEnvironmentResource),
                                          ('pipelines', PipelinesResource),
                                          ('branch_restrictions', BranchRestrictionResource),
                                          ('default_reviewers', DefaultReviewerResource),
                                          ('branching_model', BranchingModelResource))),
)
# Lists of the workspace itself: omitted, they are left alone.
WORKSPACE_LISTS = (('workspace_webhooks', WebhookResource), ('workspace_variables', PipelineVariableResource))
# What each top-level option of the spec is, for people (the role's argument_specs are generated from it).
SPEC_DOCS = dict(
    workspace='The workspace slug or {UUID}.',
    projects='Projects to create or update, identified by key. Projects not listed are left alone.',
    repositories=('Repositories to create or update, identified by slug or, without it, by the slug Bitbucket derives '
                  'from name. Repositories not listed are left alone; none is ever removed.'),
    workspace_webhooks=('Webhooks of the workspace itself, each identified by its url. Omit it to leave them alone; '
                        'with prune, an empty list removes them all.'),
    workspace_variables=('Pipelines variables of the workspace itself, each identified by its key. Omit it to leave them '
                         'alone; with prune, an empty list removes them all.'),
    prune=('Make each list given exact: remove the webhooks, explicit grants, deploy keys, variables, branch '
           'restrictions and default reviewers it does not declare. Lists left out are left alone; repositories, '
           'projects, deployment environments and branching models are never removed.'),
)


def _kinds():
    """The plan's keys, in apply order: the declared objects, then the kinds of their lists."""
    out = [parent.plural for key, parent, children in PARENTS]
    for child in [c for k, p, children in reversed(PARENTS) for k2, c in children] + [c for k, c in WORKSPACE_LISTS]:
        # A list's items may carry lists of their own (an environment's variables): their kinds follow.
        for kind in [child] + [c for k, c in child.nested]:
            if kind.plural not in out:
                out.append(kind.plural)
    return tuple(out)


KINDS = _kinds()
# The spec's lists of webhooks (their URLs may hold credentials to mask).
HOOK_LISTS = set(key for k, p, children in PARENTS for key, child in children if child is WebhookResource) | set(
    key for key, child in WORKSPACE_LISTS if child is WebhookResource)
ACTIONS = ('create', 'update', 'delete')
# Apply order: the declared objects by their kind's place in PARENTS, then the items of every list, then the items
# of the lists those items carry (nested), then removals.
LIST_PHASE = len(PARENTS)
NESTED_PHASE = LIST_PHASE + 1
DELETE_PHASE = NESTED_PHASE + 1
# Slugs per repository query: one page (pagelen 100), and a query string well under common URL limits.
SLUGS_PER_QUERY = 100
QUERY_CHARS = 3000


def workspace_argument_spec():
    """The options of bitbucket_workspace_plan and bitbucket_workspace, from the resources' declarations."""
    spec = dict(workspace=dict(type='str', required=True))
    for key, parent, children in PARENTS:
        options = parent.spec_options()
        for child_key, child in children:
            options[child_key] = child.spec_entry()
        spec[key] = dict(type='list', elements='dict', default=[], options=options)
    for key, child in WORKSPACE_LISTS:
        spec[key] = child.spec_entry()
    spec['prune'] = dict(type='bool', default=False)
    return spec


class SpecErrors(BitbucketError):
    """Every mistake of a workspace spec, each at its place, found before any write."""

    def __init__(self, errors):
        self.errors = errors
        super(SpecErrors, self).__init__('\n'.join(str(e) for e in errors))


def placed(error, place, renames=None):
    """An InputError of a resource, renamed to the option's place in the spec."""
    text = error.message
    prefix = '%s: ' % error.option
    if error.option and text.startswith(prefix):
        text = text[len(prefix):]
    renames = dict(renames or {}, workspace='workspace')
    option = renames.get(error.option) or ('%s.%s' % (place, error.option) if error.option else place)
    return InputError(option, text)


def repository_queries(slugs):
    """BBQL queries `slug IN (...)` covering the slugs, each one page long and of a bounded length."""
    queries, chunk, size = [], [], 0
    for slug in sorted(set(slugs)):
        term = '"%s"' % slug
        if chunk and (len(chunk) >= SLUGS_PER_QUERY or size + len(term) + 1 > QUERY_CHARS):
            queries.append(chunk)
            chunk, size = [], 0
        chunk.append(term)
        size += len(term) + 1
    if chunk:
        queries.append(chunk)
    return ['slug IN (%s)' % ','.join(chunk) for chunk in queries]


def _membership(client, workspace, user):
    """A user's membership of the workspace, None when not a member, False when the credentials may not tell (403)."""
    try:
        return client.get_or_none(api_path('workspaces', workspace, 'members', user))
    except BitbucketError as exc:
        if exc.status != 403:
            raise
        return False


def _index(objects, key):
    """{lower-case key: [objects]}."""
    out = {}
    for obj in objects:
        out.setdefault((obj.get(key) or '').lower(), []).append(obj)
    return out


class Node(object):
    """A declared object that carries lists (a project, a repository, or the workspace itself)."""

    def __init__(self, place, resource, target):
        self.place = place
        self.resource = resource
        self.target = target
        self.current = None
        self.exists = resource is None
        # Its place in the apply order: its kind's place in PARENTS (the workspace's own lists: after them).
        self.phase = LIST_PHASE
        # [(child class, list key, place of the list, [(place, params)], exact)]
        self.lists = []
        # The phase of its lists' items, and {item place: Node} of the items that carry lists of their own.
        self.list_phase = LIST_PHASE
        self.nested = {}
        # A nested Node's item: (its kind, its params, its object once read), which binds the Node's resources.
        self.item = None

    def key(self):
        return tuple(sorted(self.target.items())) or (('workspace', None),)


class Planned(object):
    """An action with what the engine needs to apply it: where it was declared, its target, what it waits for."""

    def __init__(self, action, place, target, phase):
        self.action = action
        self.place = place
        self.target = target
        self.phase = phase
        self.depends = []
        self.outcome = None  # 'applied', 'failed' or 'skipped'
        self.error = None
        self.reason = None
        self.result = None  # the object after it was applied
        # (planned create of the item it is nested in, item kind, item params): it learns the created item's id.
        self.bind = None


class WorkspaceEngine(object):
    """Plans the declared part of a workspace, and applies the plan (bitbucket_workspace)."""

    def __init__(self, client, params, parallel=4):
        self.client = client
        self.workspace = params['workspace']
        self.prune = bool(params.get('prune'))
        self.parallel = parallel
        self.errors = []
        self.warnings = []
        self.nodes = []
        self.planned = []
        self.unmanaged = []
        self.accounts = {}
        self.preflight(params)

    # --- preflight: every input mistake at once ------------------------------------------------------
    def preflight(self, params):
        try:
            validate_workspace(self.workspace)
        except InputError as exc:
            self.errors.append(exc)
        for key, parent, children in PARENTS:
            seen = {}
            for index, item in enumerate(params.get(key) or []):
                place = '%s[%d]' % (key, index)
                node = self._declare_parent(parent, item, place, children)
                if node is None:
                    continue
                identity = self._identity(node)
                if identity in seen:
                    option = next(name for name in parent.names_it if item.get(name) is not None)
                    self.errors.append(InputError('%s.%s' % (place, option), '%s is already declared in %s' % (
                        node.resource.label(), seen[identity])))
                    continue
                seen[identity] = place
                self.nodes.append(node)
        workspace = Node(None, None, {})
        for key, child in WORKSPACE_LISTS:
            if params.get(key) is not None:
                self._declare_list(workspace, child, key, params[key], key, {})
        self.nodes.append(workspace)
        if self.errors:
            raise SpecErrors(self.errors)

    @staticmethod
    def _stored_key(node, stored):
        """Keys match ignoring case; the plan names a project, and its grants' target, by its stored key."""
        node.resource.params['key'] = stored
        node.target = dict(project=stored)
        for child, key, place, items, exact in node.lists:
            for dummy, params in items:
                if 'project' in params:
                    params['project'] = stored

    @staticmethod
    def _identity(node):
        # Keys match ignoring case: 'ops' and 'OPS' are the same project (slugs are lower case anyway).
        return tuple((kind, name.casefold()) for kind, name in node.target.items())

    def _declare_parent(self, parent, item, place, children):
        params = dict((name, item.get(name)) for name, option in parent.options.items() if option.spec)
        params.update(workspace=self.workspace, state='present')
        errors = [placed(e, place) for e in parent.input_errors(params) if e.option != 'workspace']
        if errors:
            self.errors.extend(errors)
            return None
        resource = parent(self.client, params)
        target = resource.as_target()
        # The items of its lists name it by the target option (repository=...): an error there is about this object.
        named = next((name for name in parent.names_it if item.get(name) is not None), None)
        renames = dict((kind, '%s.%s' % (place, named) if named else place) for kind in target)
        node = Node(place, resource, target)
        node.phase = [p for k, p, c in PARENTS].index(parent)
        for key, child in children:
            if item.get(key) is not None:
                self._declare_list(node, child, key, item[key], '%s.%s' % (place, key), renames)
        return node

    def _declare_list(self, node, child, key, value, place, renames):
        items = child.declare(value, self.workspace, node.target, place)
        valid = []
        for item_place, params in items:
            local = dict(renames, **dict((option, item_place) for option in child.placed_at_item))
            errors = [e for e in child.input_errors(params) if e.option != 'workspace']
            self.errors.extend(placed(e, item_place, local) for e in errors)
            if not errors:
                valid.append((item_place, params))
        self.errors.extend(child.duplicates(valid))
        # A kind may never be pruned (an environment holds variables and deployment history): its extra objects
        # are reported unmanaged.
        node.lists.append((child, key, place, valid, self.prune and child.prunable))
        if child.nested:
            self._declare_nested(node, child, value, place, valid, renames)

    def _declare_nested(self, node, child, value, place, items, renames):
        """The lists each item carries (an environment's variables), in a Node of the item, read once it exists."""
        raw = dict(('%s[%d]' % (place, index), item) for index, item in enumerate(value))
        for item_place, params in items:
            item = raw.get(item_place) or {}
            nested = Node(item_place, None, child.nested_target(node.target, params, None))
            nested.exists = False
            nested.list_phase = NESTED_PHASE
            nested.item = (child, params, None)
            names = [name for name in child.names_it if params.get(name) is not None]
            local = dict((kind, renames.get(kind) or ('%s.%s' % (item_place, names[0]) if names else item_place))
                         for kind in nested.target)
            for key, grandchild in child.nested:
                if item.get(key) is not None:
                    self._declare_list(nested, grandchild, key, item[key], '%s.%s' % (item_place, key), local)
            if nested.lists:
                node.nested[item_place] = nested

    # --- reading ----------------------------------------------------------------------------------
    def read(self, reader):
        parents = [n for n in self.nodes if n.resource is not None]
        repositories = [n for n in parents if 'repository' in n.target]
        jobs = []
        if any('project' in n.target or n.resource.params.get('project') for n in parents):
            jobs.append((('projects',), projects_path(self.workspace), None))
        for number, query in enumerate(repository_queries(n.resource.params['slug'] for n in repositories)):
            jobs.append((('repositories', number), api_path('repositories', self.workspace), {'q': query}))
        emails = set(u for n in self.nodes for child, k, pl, items, ex in n.lists
                     for dummy, p in items for u in child.named_users(p) if is_email(u))
        try:
            listed = reader.lists(jobs)
        except BitbucketError as exc:
            if exc.status != 400 or exc.path != api_path('repositories', self.workspace):
                raise
            # Bitbucket refused the `slug IN (...)` query: list the workspace's repositories, filter here.
            jobs = [job for job in jobs if job[0][0] != 'repositories']
            jobs.append((('repositories', 'all'), api_path('repositories', self.workspace), {'pagelen': 100}))
            listed = reader.lists(jobs)
            wanted = set(n.resource.params['slug'] for n in repositories)
            listed[('repositories', 'all')] = [r for r in listed[('repositories', 'all')]
                                               if (r.get('slug') or '').lower() in wanted]
        if emails:
            self.accounts = resolve_emails(self.client, self.workspace, emails)
        self.projects = listed.get(('projects',), [])
        self.repositories = [r for key, values in listed.items() if key[0] == 'repositories' for r in values]
        jobs = []
        # Each declared object looks among the listed ones with its own key, not through every listed object.
        listed = dict(project=_index(self.projects, 'key'), repository=_index(self.repositories, 'slug'))
        for node in self.nodes:
            if node.resource is not None:
                kind, name = list(node.target.items())[0]
                node.current = node.resource.select(listed[kind].get(name.lower(), []))
                node.exists = node.current is not None
                stored = (node.current or {}).get('key')
                if kind == 'project' and stored and stored != name:
                    self._stored_key(node, stored)
            if not node.exists:
                continue
            for child, key, place, items, exact in node.lists:
                for name, path in child.list_paths(self.workspace, node.target, items, exact).items():
                    jobs.append(((node.key(), key, name), path, None))
        self.listed = reader.lists(jobs)
        # A second round, in parallel too: the lists carried by the declared items that exist (their paths need the
        # items' ids, such as an environment's uuid).
        jobs = [job for node in self.nodes if node.exists for job in self._nested_reads(node)]
        if jobs:
            self.listed.update(reader.lists(jobs))

    def _lists(self, node, child, key, items, exact):
        """{list name: [objects]} of one declared list of node, as read."""
        if not node.exists:
            return {}
        return dict((name, self.listed.get((node.key(), key, name), [])) for name in
                    child.list_paths(self.workspace, node.target, items, exact))

    def _nested_reads(self, node):
        """Jobs reading the nested lists of node's existing items; those items' Nodes learn their target."""
        jobs = []
        for child, key, place, items, exact in node.lists:
            lists = self._lists(node, child, key, items, exact) if node.nested else {}
            for item_place, params in items:
                nested = node.nested.get(item_place)
                if nested is None:
                    continue
                resource = child(self.client, params)
                try:
                    current = resource.current_from(lists)
                except InputError:
                    continue  # planning reports it
                if current is None:
                    continue
                nested.exists = True
                nested.target = child.nested_target(node.target, params, current)
                nested.item = (child, params, current)
                for grandchild, nested_key, nested_place, nested_items, nested_exact in nested.lists:
                    for name, path in grandchild.list_paths(self.workspace, nested.target, nested_items, nested_exact).items():
                        jobs.append(((nested.key(), nested_key, name), path, None))
        return jobs

    @staticmethod
    def _bind(node, resource):
        """A resource of a nested list learns its item from the item's kind (an environment's name and uuid)."""
        if node.item is not None:
            kind, params, obj = node.item
            kind.bind_nested(resource, params, obj)
        return resource

    # --- planning ---------------------------------------------------------------------------------
    def plan(self):
        """Read and plan; raises SpecErrors (before any write) for what the spec cannot be planned with."""
        reader = BulkReader(self.client)
        self.read(reader)
        known = set(p.get('key', '').casefold() for p in self.projects)
        known.update(n.target['project'].casefold() for n in self.nodes if 'project' in n.target)
        created = {}
        for node in self.nodes:
            own = None
            if node.resource is not None:
                # A repository names its project, which must exist or be declared; it waits for its creation.
                project = node.resource.params.get('project') if 'repository' in node.target else None
                if project is not None and project.casefold() not in known:
                    self.errors.append(InputError('%s.project' % node.place, 'project %s does not exist in workspace %s '
                                                  'and is not declared in projects' % (project, self.workspace)))
                own = self._plan(node.resource, node.current, node.place, node.target, node.phase)
                if own is not None:
                    if project is not None:
                        own.depends.extend(created.get((('project', project.casefold()),), []))
                    if own.action.name == 'create':
                        created[self._identity(node)] = [own]
            self._plan_lists(node, own)
        self._check_members(reader)
        reader.finish()
        if self.errors:
            raise SpecErrors(self.errors)
        return self.result()

    def _plan(self, resource, current, place, target, phase, state='present'):
        try:
            action = resource.plan(current, state)
        except InputError as exc:
            self.errors.append(placed(exc, place))
            return None
        self.warnings.extend('%s: %s' % (place or 'prune', w) for w in resource.warnings)
        del resource.warnings[:]
        if action is None:
            return None
        planned = Planned(action, place, target, DELETE_PHASE if action.name == 'delete' else phase)
        self.planned.append(planned)
        return planned

    def _plan_lists(self, node, own):
        writes = [own] if own is not None else []
        deletes = []
        for child, key, place, items, exact in node.lists:
            lists = self._lists(node, child, key, items, exact)
            kept = {}
            for item_place, params in items:
                resource = self._bind(node, child(self.client, params))
                if getattr(resource, 'account', False) is None and is_email(params.get('user_id')):
                    resource.account = self.accounts.get(params['user_id'].lower())
                    if resource.account is None:
                        self.errors.append(placed(not_a_member(params['user_id'], self.workspace), item_place,
                                                  dict(user_id=item_place)))
                        continue
                # A kind that names several users (a restriction's exceptions) takes the resolved emails at once.
                missing = resource.use_accounts(self.accounts)
                if missing:
                    self.errors.append(placed(not_a_member(', '.join(missing), self.workspace, 'users'), item_place))
                    continue
                try:
                    current = resource.current_from(lists) if node.exists else None
                except InputError as exc:
                    self.errors.append(placed(exc, item_place))
                    continue
                if current is not None:
                    if id(current) in kept:
                        # Two entries for one object (a user by email and by account id, say) would fight.
                        self.errors.append(InputError(item_place, 'is the same %s as %s' % (resource.kind, kept[id(current)])))
                        continue
                    kept[id(current)] = item_place
                # A kind that needs the grants of its target first (a default reviewer must have access): the next
                # phase, and not tried when one of those grants failed.
                planned = self._plan(resource, current, item_place, node.target,
                                     NESTED_PHASE if child.after_grants else node.list_phase)
                if planned is not None:
                    planned.depends.extend([own] if own is not None and own.action.name == 'create' else [])
                    if child.after_grants:
                        planned.depends.extend(p for p in writes if p.action.resource.kind == 'permission')
                    writes.append(planned)
                if item_place in node.nested:
                    self._plan_nested(child, params, node.nested[item_place], planned)
            # One object per parent (branching model, ...): never removed, never reported unmanaged.
            for name, listed in ([] if child.single else lists.items()):
                for obj in listed:
                    if id(obj) in kept:
                        continue
                    resource = self._bind(node, child(self.client, child.found(self.workspace, node.target, name, obj)))
                    if exact:
                        planned = self._plan(resource, obj, None, node.target, DELETE_PHASE, state='absent')
                        if planned is not None:
                            planned.action.recheck = True
                            deletes.append(planned)
                    else:
                        self.unmanaged.append(dict(resource.ident(), kind=resource.kind, text=resource.label()))
        for planned in deletes:
            # A target's deletes run only when every create and update on it succeeded.
            planned.depends.extend(writes)

    def _plan_nested(self, child, params, nested, planned):
        """The lists an item carries; when the item is created, its nested creates wait for it and take its id."""
        own = planned if planned is not None and planned.action.name == 'create' else None
        start = len(self.planned)
        self._plan_lists(nested, planned)
        for item in self.planned[start:] if own is not None else ():
            item.bind = (own, child, params)

    def _check_members(self, reader):
        """Users named by account id or {uuid} that will be granted something must be workspace members."""
        users = {}
        for planned in self.planned:
            resource = planned.action.resource
            # Any kind that names a user (user_id) and looks emails up (account) is checked the same way.
            if planned.action.name != 'delete' and resource.params.get('user_id') is not None \
                    and getattr(resource, 'account', False) is None:
                users.setdefault(resource.params['user_id'], []).append((planned, 'user_id'))
            # A kind that names several users says which ones an action adds ([(option, user)]).
            for option, user in resource.members_to_check(planned.action):
                users.setdefault(user, []).append((planned, option))
        if not users:
            return
        found = reader.run((user, lambda client, u=user: _membership(client, self.workspace, u)) for user in sorted(users))
        for user, membership in sorted(found.items()):
            if membership is False:
                where = users[user][0][0].place
                self.warnings.append('%s: could not check that %s is a member of workspace %s (these credentials may not '
                                     'read its members); Bitbucket will say so if not' % (where, user, self.workspace))
            elif membership is None:
                for planned, option in users[user]:
                    self.errors.append(placed(not_a_member(user, self.workspace, option), planned.place,
                                              dict(user_id=planned.place)))

    # --- applying ---------------------------------------------------------------------------------
    def apply(self):
        """Apply the planned actions in order; returns the result with applied, failed and skipped."""
        workers = Workers(self.client, self.parallel)
        for phase in range(DELETE_PHASE + 1):
            jobs = []
            for planned in (p for p in self.planned if p.phase == phase):
                blocked = [d for d in planned.depends if d.outcome != 'applied']
                if blocked:
                    planned.outcome = 'skipped'
                    planned.reason = 'not tried: %s %s' % (blocked[0].action.text(), blocked[0].outcome or 'not done')
                    continue
                if planned.bind is not None:
                    source, child, params = planned.bind
                    if not source.result:
                        planned.outcome = 'skipped'
                        planned.reason = 'not tried: %s gave no object back' % source.action.text()
                        continue
                    child.bind_nested(planned.action.resource, params, source.result)
                jobs.append((planned, lambda client, p=planned: self._apply_one(client, p)))
            for planned, outcome in workers.run(jobs, stop_on_error=False).items():
                if isinstance(outcome, Exception):
                    planned.outcome = 'failed'
                    planned.error = outcome
                else:
                    planned.outcome = 'applied'
        workers.finish()
        self.near_limit = workers.near_limit
        return self.result(applied=True)

    def _apply_one(self, client, planned):
        resource = planned.action.resource
        resource.client = client
        try:
            planned.result = resource.apply(planned.action)
        finally:
            self.warnings.extend('%s: %s' % (planned.place or 'prune', w) for w in resource.warnings)
            del resource.warnings[:]

    # --- the result -------------------------------------------------------------------------------
    def result(self, applied=False):
        plan = dict((kind, []) for kind in KINDS)
        for planned in self.planned:
            plan[planned.action.resource.plural].append(planned.action.public(planned.place))
        summary = dict((kind, dict((a, sum(1 for x in plan[kind] if x['action'] == a)) for a in ACTIONS)) for kind in KINDS)
        summary['total'] = sum(len(plan[kind]) for kind in KINDS)
        out = dict(plan=plan, summary=summary, differences=[p.action.text() for p in self.planned],
                   unmanaged=self.unmanaged)
        if applied:
            out['applied'] = [p.action.text() for p in self.planned if p.outcome == 'applied']
            # Not `failed` and `skipped`: Ansible reads those keys as the task's own status.
            out['failed_actions'] = [dict(action=p.action.text(), error=str(p.error))
                                     for p in self.planned if p.outcome == 'failed']
            out['skipped_actions'] = [dict(action=p.action.text(), reason=p.reason)
                                      for p in self.planned if p.outcome == 'skipped']
        return out

    def diff(self):
        return [p.action.diff() for p in self.planned]

    def listed_hook_urls(self):
        """The URLs of the webhooks read from Bitbucket (the module masks their credentials)."""
        return [h.get('url') for key, values in getattr(self, 'listed', {}).items() if key[1] in HOOK_LISTS
                for h in values or []]
