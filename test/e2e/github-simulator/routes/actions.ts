import { DOCS_URL, HttpError, notFound } from '../http-error.js';
import type { ResponseBody } from '../openapi.js';
import { paginate } from '../paginate.js';
import { intParam, json, type RouteDefinition } from '../route-context.js';
import { artifact, workflowRun } from '../shapes/actions.js';

const newestFirst = <T extends { id: number; createdAt: string }>(a: T, b: T): number => b.createdAt.localeCompare(a.createdAt) || b.id - a.id;

/**
 * GitHub Actions routes: workflow runs by commit, branch, event or status; artifacts newest first;
 * and the artifact download, answered with a 302 to a signed blob URL as GitHub answers it.
 */
export const actionRoutes: RouteDefinition[] = [
  {
    route: 'GET /repos/{owner}/{repo}/actions/runs',
    auth: 'token',
    permission: ['actions', 'read'],
    handle: (ctx) => {
      const repo = ctx.repo();
      const q = (name: string): string | null => ctx.query.get(name);
      const runs = repo.workflowRuns
        .filter((r) => (!q('head_sha') || r.headSha === q('head_sha')) && (!q('branch') || r.headBranch === q('branch')) && (!q('event') || r.event === q('event')) && (!q('actor') || r.actor.login === q('actor')))
        .filter((r) => !q('status') || r.status === q('status') || r.conclusion === q('status'))
        .sort(newestFirst);
      const page = paginate(runs, ctx.requestUrl);
      const body: ResponseBody<'actions/list-workflow-runs-for-repo'> = { total_count: page.total, workflow_runs: page.items.map((r) => workflowRun(repo, r, ctx.urls)) };
      return json(200, body, page.headers);
    },
  },
  {
    route: 'GET /repos/{owner}/{repo}/actions/runs/{run_id}',
    auth: 'token',
    permission: ['actions', 'read'],
    handle: (ctx) => {
      const repo = ctx.repo();
      const found = repo.workflowRuns.find((r) => r.id === intParam(ctx, 'run_id'));
      if (!found) throw notFound();
      const body: ResponseBody<'actions/get-workflow-run'> = workflowRun(repo, found, ctx.urls);
      return json(200, body);
    },
  },
  {
    route: 'GET /repos/{owner}/{repo}/actions/artifacts',
    auth: 'token',
    permission: ['actions', 'read'],
    handle: (ctx) => {
      const repo = ctx.repo();
      const name = ctx.query.get('name');
      const page = paginate(repo.artifacts.filter((a) => !name || a.name === name).sort(newestFirst), ctx.requestUrl);
      const body: ResponseBody<'actions/list-artifacts-for-repo'> = { total_count: page.total, artifacts: page.items.map((a) => artifact(repo, a, ctx.urls)) };
      return json(200, body, page.headers);
    },
  },
  {
    route: 'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}',
    auth: 'token',
    permission: ['actions', 'read'],
    handle: (ctx) => {
      const repo = ctx.repo();
      const found = repo.artifacts.find((a) => a.id === intParam(ctx, 'artifact_id'));
      if (!found) throw notFound();
      return json(200, artifact(repo, found, ctx.urls));
    },
  },
  {
    route: 'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}',
    auth: 'token',
    permission: ['actions', 'read'],
    handle: (ctx) => {
      const found = ctx.repo().artifacts.find((a) => a.id === intParam(ctx, 'artifact_id'));
      if (!found || ctx.params.archive_format !== 'zip') throw notFound();
      if (found.expired) throw new HttpError(410, { message: 'Artifact has expired', documentation_url: DOCS_URL });
      return { status: 302, headers: { location: ctx.blobUrl(found.id) } };
    },
  },
];
