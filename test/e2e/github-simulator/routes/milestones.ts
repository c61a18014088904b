import { requireBody, validationFailed } from '../http-error.js';
import type { SimMilestone } from '../model.js';
import type { RequestBody } from '../openapi.js';
import { paginate } from '../paginate.js';
import { json, type RouteDefinition } from '../route-context.js';
import { milestone } from '../shapes/issue.js';

/** Milestones: listed by state, due date first as GitHub sorts them by default, and created by title. */
export const milestoneRoutes: RouteDefinition[] = [
  {
    route: 'GET /repos/{owner}/{repo}/milestones',
    auth: 'token',
    permission: ['issues', 'read'],
    handle: (ctx) => {
      const repo = ctx.repo();
      const state = ctx.query.get('state') ?? 'open';
      const sort = ctx.query.get('sort') ?? 'due_on';
      const sign = (ctx.query.get('direction') ?? 'asc') === 'asc' ? 1 : -1;
      const key = (m: SimMilestone): string => (sort === 'completeness' ? m.title : (m.dueOn ?? '9999'));
      const list = [...repo.milestones.values()].filter((m) => state === 'all' || m.state === state).sort((a, b) => sign * (key(a).localeCompare(key(b)) || a.number - b.number));
      const page = paginate(list, ctx.requestUrl);
      return json(200, page.items.map((m) => milestone(repo, m, ctx.urls)), page.headers);
    },
  },
  {
    route: 'POST /repos/{owner}/{repo}/milestones',
    auth: 'token',
    permission: ['issues', 'write'],
    handle: (ctx) => {
      const repo = ctx.repo();
      const body = requireBody<RequestBody<'issues/create-milestone'>>(ctx.body, ['title']);
      const title = String(body.title);
      if ([...repo.milestones.values()].some((m) => m.title === title)) throw validationFailed([{ resource: 'Milestone', code: 'already_exists', field: 'title' }]);
      const at = ctx.state.now();
      const created: SimMilestone = {
        id: ctx.state.nextId('milestone'),
        number: Math.max(0, ...repo.milestones.keys()) + 1,
        title,
        description: body.description ?? null,
        state: body.state ?? 'open',
        creator: ctx.actor(),
        dueOn: body.due_on ?? null,
        createdAt: at,
        updatedAt: at,
        closedAt: body.state === 'closed' ? at : null,
      };
      repo.milestones.set(created.number, created);
      return json(201, milestone(repo, created, ctx.urls), { location: `${ctx.urls.api}/repos/${repo.fullName}/milestones/${created.number}` });
    },
  },
];
