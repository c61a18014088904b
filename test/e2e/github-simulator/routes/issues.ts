import { DOCS_URL, HttpError, notFound, requireBody, validationFailed } from '../http-error.js';
import { addAssignees, addLabels, createIssue, recordEvent, removeAssignees, removeLabel, setState } from '../issue-store.js';
import type { SimIssue, SimRepository } from '../model.js';
import type { RequestBody } from '../openapi.js';
import { paginate } from '../paginate.js';
import { intParam, json, type RouteContext, type RouteDefinition } from '../route-context.js';
import { issue, issueLabels } from '../shapes/issue.js';
import { timeline } from '../shapes/timeline.js';

/** The issue (or pull request) of the route's `{issue_number}`. */
function issueOf(ctx: RouteContext): { repo: SimRepository; found: SimIssue } {
  const repo = ctx.repo();
  const found = repo.issues.get(intParam(ctx, 'issue_number'));
  if (!found) throw notFound();
  return { repo, found };
}

/** Label names from a request: strings or `{ name }` objects, as GitHub accepts both. */
function labelNames(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [];
  return list.flatMap((l: unknown) => (typeof l === 'string' ? [l] : l && typeof l === 'object' && typeof (l as { name?: unknown }).name === 'string' ? [(l as { name: string }).name] : []));
}

/** GitHub silently drops assignees who cannot be assigned: only the owner and collaborators can. */
function assignable(repo: SimRepository, logins: string[]): string[] {
  return logins.filter((l) => l.toLowerCase() === repo.owner.login.toLowerCase() || repo.collaborators.has(l.toLowerCase()));
}

/** A milestone number from a request, checked against the repository. */
function milestoneOf(repo: SimRepository, value: unknown): number | null {
  if (value === null) return null;
  const number = Number(value);
  if (!repo.milestones.has(number)) throw validationFailed([{ resource: 'Issue', field: 'milestone', code: 'invalid', value: String(value) }]);
  return number;
}

function listIssues(ctx: RouteContext) {
  const repo = ctx.repo();
  const q = (name: string): string | null => ctx.query.get(name);
  const state = q('state') ?? 'open';
  const labels = q('labels')?.split(',').map((l) => l.trim().toLowerCase()).filter(Boolean) ?? [];
  const since = q('since');
  const sort = q('sort') ?? 'created';
  const direction = q('direction') ?? 'desc';
  const found = [...repo.issues.values()].filter((i) =>
    (state === 'all' || i.state === state) &&
    labels.every((l) => i.labels.some((x) => x.toLowerCase() === l)) &&
    (!since || i.updatedAt >= since) &&
    (!q('creator') || i.user.login.toLowerCase() === q('creator')?.toLowerCase()) &&
    (!q('assignee') || (q('assignee') === 'none' ? i.assignees.length === 0 : q('assignee') === '*' ? i.assignees.length > 0 : i.assignees.some((a) => a.login.toLowerCase() === q('assignee')?.toLowerCase()))),
  );
  const key = (i: SimIssue): string => (sort === 'updated' ? i.updatedAt : i.createdAt);
  found.sort((a, b) => (direction === 'asc' ? 1 : -1) * (key(a).localeCompare(key(b)) || a.number - b.number));
  const page = paginate(found, ctx.requestUrl);
  return json(200, page.items.map((i) => issue(repo, i, ctx.urls)), page.headers);
}

function createIssueRoute(ctx: RouteContext) {
  const repo = ctx.repo();
  const body = requireBody<RequestBody<'issues/create'>>(ctx.body, ['title']);
  const created = createIssue(ctx.state, repo, {
    title: String(body.title),
    body: body.body ?? null,
    user: ctx.actor(),
    labels: labelNames(body.labels),
    assignees: assignable(repo, [...(body.assignees ?? []), ...(body.assignee ? [body.assignee] : [])]),
    milestone: body.milestone === undefined ? null : milestoneOf(repo, body.milestone),
  });
  return json(201, issue(repo, created, ctx.urls), { location: `${ctx.urls.api}/repos/${repo.fullName}/issues/${created.number}` });
}

function updateIssue(ctx: RouteContext) {
  const { repo, found } = issueOf(ctx);
  const body = requireBody<RequestBody<'issues/update'>>(ctx.body, []);
  const actor = ctx.actor();
  if (body.title !== undefined && body.title !== null && String(body.title) !== found.title) {
    recordEvent(ctx.state, found, { event: 'renamed', actor, rename: { from: found.title, to: String(body.title) } });
    found.title = String(body.title);
  }
  if (body.body !== undefined) found.body = body.body;
  if (body.labels !== undefined) {
    const wanted = labelNames(body.labels);
    for (const name of [...found.labels]) if (!wanted.some((w) => w.toLowerCase() === name.toLowerCase())) removeLabel(ctx.state, found, name, actor);
    addLabels(ctx.state, repo, found, wanted, actor);
  }
  if (body.assignees !== undefined) {
    const wanted = assignable(repo, body.assignees.flatMap((a) => (typeof a === 'string' ? [a] : a.login ? [a.login] : [])));
    removeAssignees(ctx.state, found, found.assignees.map((a) => a.login).filter((l) => !wanted.includes(l)), actor);
    addAssignees(ctx.state, found, wanted, actor);
  }
  if (body.milestone !== undefined) {
    const next = milestoneOf(repo, body.milestone);
    if (next !== found.milestone) {
      const title = repo.milestones.get(next ?? found.milestone ?? -1)?.title ?? '';
      recordEvent(ctx.state, found, { event: next === null ? 'demilestoned' : 'milestoned', actor, milestone: title });
      found.milestone = next;
    }
  }
  if (body.state !== undefined) setState(ctx.state, found, body.state, actor, body.state_reason === 'duplicate' ? 'duplicate' : body.state_reason);
  found.updatedAt = ctx.state.now();
  return json(200, issue(repo, found, ctx.urls));
}

/** Issue routes: list, open, read and edit issues; their labels, assignees and timeline. */
export const issueRoutes: RouteDefinition[] = [
  { route: 'GET /repos/{owner}/{repo}/issues', auth: 'token', permission: ['issues', 'read'], handle: listIssues },
  { route: 'POST /repos/{owner}/{repo}/issues', auth: 'token', permission: ['issues', 'write'], handle: createIssueRoute },
  {
    route: 'GET /repos/{owner}/{repo}/issues/{issue_number}',
    auth: 'token',
    permission: ['issues', 'read'],
    handle: (ctx) => {
      const { repo, found } = issueOf(ctx);
      return json(200, issue(repo, found, ctx.urls));
    },
  },
  { route: 'PATCH /repos/{owner}/{repo}/issues/{issue_number}', auth: 'token', permission: ['issues', 'write'], handle: updateIssue },
  {
    route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
    auth: 'token',
    permission: ['issues', 'write'],
    handle: (ctx) => {
      const { repo, found } = issueOf(ctx);
      const names = labelNames(Array.isArray(ctx.body) ? ctx.body : (ctx.body as { labels?: unknown } | undefined)?.labels);
      if (names.length === 0) throw validationFailed([{ resource: 'Label', field: 'labels', code: 'missing_field' }]);
      addLabels(ctx.state, repo, found, names, ctx.actor());
      return json(200, issueLabels(repo, found, ctx.urls));
    },
  },
  {
    route: 'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}',
    auth: 'token',
    permission: ['issues', 'write'],
    handle: (ctx) => {
      const { repo, found } = issueOf(ctx);
      if (!removeLabel(ctx.state, found, ctx.params.name ?? '', ctx.actor())) throw new HttpError(404, { message: 'Label does not exist', documentation_url: DOCS_URL });
      return json(200, issueLabels(repo, found, ctx.urls));
    },
  },
  {
    route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/assignees',
    auth: 'token',
    permission: ['issues', 'write'],
    handle: (ctx) => {
      const { repo, found } = issueOf(ctx);
      addAssignees(ctx.state, found, assignable(repo, requireBody<{ assignees: string[] }>(ctx.body, []).assignees ?? []), ctx.actor());
      return json(201, issue(repo, found, ctx.urls));
    },
  },
  {
    route: 'DELETE /repos/{owner}/{repo}/issues/{issue_number}/assignees',
    auth: 'token',
    permission: ['issues', 'write'],
    handle: (ctx) => {
      const { repo, found } = issueOf(ctx);
      removeAssignees(ctx.state, found, requireBody<{ assignees: string[] }>(ctx.body, []).assignees ?? [], ctx.actor());
      return json(200, issue(repo, found, ctx.urls));
    },
  },
  {
    route: 'GET /repos/{owner}/{repo}/issues/{issue_number}/timeline',
    auth: 'token',
    permission: ['issues', 'read'],
    handle: (ctx) => {
      const { repo, found } = issueOf(ctx);
      const page = paginate(timeline(repo, ctx.state.app, found, ctx.urls), ctx.requestUrl);
      return json(200, page.items, page.headers);
    },
  },
];
