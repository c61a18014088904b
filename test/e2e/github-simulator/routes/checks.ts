import { DOCS_URL, HttpError, invalidRequest, notFound, requireBody, unprocessable } from '../http-error.js';
import type { SimCheckRun, SimRepository } from '../model.js';
import type { RequestBody, ResponseBody } from '../openapi.js';
import { paginate } from '../paginate.js';
import { resolveCommit } from '../repo-git.js';
import { intParam, json, type RouteContext, type RouteDefinition } from '../route-context.js';
import { checkRun } from '../shapes/check-run.js';

type Update = RequestBody<'checks/update'>;

/** GitHub's limits on a check run: text fields, annotations per request, and the action buttons. */
const MAX_TEXT = 65535;
const MAX_ANNOTATIONS = 50;
const MAX_ACTIONS = 3;

/** The id of the app a token creates check runs as; people's tokens cannot create them. */
function creatorApp(ctx: RouteContext): number {
  if (ctx.principal.kind === 'installation') return ctx.state.app.id;
  if (ctx.principal.kind === 'workflow') return ctx.state.actionsApp.id;
  throw new HttpError(403, { message: 'Resource not accessible by personal access token', documentation_url: DOCS_URL });
}

/** Rejects what GitHub rejects, with its wording, so an app that would fail on GitHub fails here. */
function checkPayload(body: Partial<Update>, creating: boolean): void {
  const output = body.output;
  if (output) {
    if (output.summary === undefined) throw invalidRequest('"summary" wasn\'t supplied.');
    if (creating && output.title === undefined) throw invalidRequest('"title" wasn\'t supplied.');
    for (const text of [output.title, output.summary, output.text]) {
      if (text !== undefined && text.length > MAX_TEXT) throw invalidRequest(`Only ${MAX_TEXT} characters are allowed; ${text.length} were supplied.`);
    }
    if ((output.annotations?.length ?? 0) > MAX_ANNOTATIONS) throw invalidRequest(`For 'properties/annotations', the array holds ${output.annotations?.length} items; at most ${MAX_ANNOTATIONS} are allowed.`);
  }
  const actions = body.actions ?? [];
  if (actions.length > MAX_ACTIONS) throw invalidRequest(`For 'properties/actions', the array holds ${actions.length} items; at most ${MAX_ACTIONS} are allowed.`);
  for (const action of actions) {
    if (action.label.length > 20 || action.description.length > 40 || action.identifier.length > 20) throw invalidRequest('An action\'s label and identifier may hold 20 characters, its description 40.');
  }
  if (body.conclusion === 'stale') throw invalidRequest('"stale" is set by GitHub; apps may not set it.');
  if (body.status === 'completed' && body.conclusion === undefined) throw invalidRequest('"conclusion" wasn\'t supplied.');
}

/** Applies a create or update body to the run and keeps it in the run's history. */
function apply(ctx: RouteContext, run: SimCheckRun, body: Partial<Update>, kind: 'create' | 'update'): void {
  const now = ctx.state.now();
  run.history.push({ kind, at: now, body: structuredClone(body) as Record<string, unknown> });
  if (body.name !== undefined) run.name = body.name;
  if (body.details_url !== undefined) run.detailsUrl = body.details_url;
  if (body.external_id !== undefined) run.externalId = body.external_id;
  if (body.started_at !== undefined) run.startedAt = body.started_at;
  if (body.status !== undefined && body.status !== 'completed') run.status = body.status;
  if (body.conclusion !== undefined && body.conclusion !== 'stale') {
    run.status = 'completed';
    run.conclusion = body.conclusion;
    run.completedAt = body.completed_at ?? now;
  }
  if (body.output) {
    run.output = { title: body.output.title ?? run.output.title, summary: body.output.summary, text: body.output.text ?? run.output.text };
    run.annotations.push(...(body.output.annotations ?? []));
  }
  if (body.actions !== undefined) run.actions = body.actions;
}

function createRun(ctx: RouteContext) {
  const repo = ctx.repo();
  const body = requireBody<RequestBody<'checks/create'>>(ctx.body, ['name', 'head_sha']);
  const appId = creatorApp(ctx);
  checkPayload(body as Partial<Update>, true);
  const commit = resolveCommit(repo, String(body.head_sha));
  if (!commit || commit.sha !== body.head_sha) throw unprocessable(`No commit found for SHA: ${body.head_sha}`);
  const run: SimCheckRun = {
    id: ctx.state.nextId('check-run'),
    checkSuiteId: ctx.state.nextId('check-suite'),
    appId,
    headSha: commit.sha,
    name: String(body.name),
    status: 'queued',
    conclusion: null,
    externalId: null,
    detailsUrl: null,
    startedAt: ctx.state.now(),
    completedAt: null,
    output: { title: null, summary: null, text: null },
    annotations: [],
    actions: [],
    history: [],
  };
  apply(ctx, run, body as Partial<Update>, 'create');
  repo.checkRuns.push(run);
  return json(201, checkRun(repo, ctx.state.appById(appId), run, ctx.urls));
}

function runOf(ctx: RouteContext): { repo: SimRepository; run: SimCheckRun } {
  const repo = ctx.repo();
  const id = intParam(ctx, 'check_run_id');
  const run = repo.checkRuns.find((r) => r.id === id);
  if (!run) throw notFound();
  return { repo, run };
}

function updateRun(ctx: RouteContext) {
  const { repo, run } = runOf(ctx);
  if (creatorApp(ctx) !== run.appId) throw new HttpError(403, { message: 'Resource not accessible by integration', documentation_url: DOCS_URL });
  const body = requireBody<Update>(ctx.body, []);
  checkPayload(body, false);
  apply(ctx, run, body, 'update');
  return json(200, checkRun(repo, ctx.state.appById(run.appId), run, ctx.urls));
}

function listForRef(ctx: RouteContext) {
  const repo = ctx.repo();
  const ref = ctx.params.ref ?? '';
  const commit = resolveCommit(repo, ref);
  if (!commit) throw unprocessable(`No commit found for SHA: ${ref}`);
  const name = ctx.query.get('check_name');
  const status = ctx.query.get('status');
  const appId = ctx.query.get('app_id');
  let runs = repo.checkRuns.filter((r) => r.headSha === commit.sha && (!name || r.name === name) && (!status || r.status === status) && (!appId || String(r.appId) === appId));
  runs = runs.sort((a, b) => b.id - a.id);
  if ((ctx.query.get('filter') ?? 'latest') === 'latest') runs = runs.filter((r, i) => runs.findIndex((o) => o.name === r.name && o.appId === r.appId) === i);
  const page = paginate(runs, ctx.requestUrl);
  const body: ResponseBody<'checks/list-for-ref'> = { total_count: page.total, check_runs: page.items.map((r) => checkRun(repo, ctx.state.appById(r.appId), r, ctx.urls)) };
  return json(200, body, page.headers);
}

/** Check run routes: create, update (every update kept), read one, and list a commit's runs. */
export const checkRoutes: RouteDefinition[] = [
  { route: 'POST /repos/{owner}/{repo}/check-runs', auth: 'token', permission: ['checks', 'write'], handle: createRun },
  { route: 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', auth: 'token', permission: ['checks', 'write'], handle: updateRun },
  {
    route: 'GET /repos/{owner}/{repo}/check-runs/{check_run_id}',
    auth: 'token',
    permission: ['checks', 'read'],
    handle: (ctx) => {
      const { repo, run } = runOf(ctx);
      return json(200, checkRun(repo, ctx.state.appById(run.appId), run, ctx.urls));
    },
  },
  { route: 'GET /repos/{owner}/{repo}/commits/{ref}/check-runs', auth: 'token', permission: ['checks', 'read'], handle: listForRef },
];
