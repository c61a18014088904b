import { notFound, requireBody, unprocessable, validationFailed } from '../http-error.js';
import { createIssue, setState } from '../issue-store.js';
import type { SimRepository } from '../model.js';
import type { RequestBody } from '../openapi.js';
import { paginate } from '../paginate.js';
import { ancestors, resolveCommit } from '../repo-git.js';
import { intParam, json, type RouteContext, type RouteDefinition } from '../route-context.js';
import { changedFiles, diffEntry, pullRequest, pullRequestSimple, review, type PullIssue } from '../shapes/pull-request.js';

/** The pull request of the route's `{pull_number}`; an issue number or a missing one is 404, as on GitHub. */
function pullOf(ctx: RouteContext): { repo: SimRepository; pull: PullIssue } {
  const repo = ctx.repo();
  const issue = repo.issues.get(intParam(ctx, 'pull_number'));
  if (!issue?.pull) throw notFound();
  return { repo, pull: issue as PullIssue };
}

/** The open pull requests of a repository, newest first (GitHub's default order for the list). */
function pullsOf(repo: SimRepository): PullIssue[] {
  return [...repo.issues.values()].filter((i): i is PullIssue => i.pull !== undefined).sort((a, b) => b.number - a.number);
}

function createPull(ctx: RouteContext) {
  const repo = ctx.repo();
  const body = requireBody<RequestBody<'pulls/create'>>(ctx.body, ['head', 'base']);
  const head = String(body.head).replace(/^[^:]+:/, '');
  const base = String(body.base);
  const headCommit = repo.refs.get(`refs/heads/${head}`);
  const baseCommit = repo.refs.get(`refs/heads/${base}`);
  if (!body.title) throw validationFailed([{ resource: 'PullRequest', field: 'title', code: 'missing_field' }]);
  if (!baseCommit) throw validationFailed([{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
  if (!headCommit) throw validationFailed([{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
  if (pullsOf(repo).some((p) => p.state === 'open' && p.pull.head.ref === head && p.pull.base.ref === base)) {
    throw validationFailed([{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${repo.owner.login}:${head}.` }]);
  }
  if (ancestors(repo, baseCommit).includes(headCommit)) throw validationFailed([{ resource: 'PullRequest', code: 'custom', message: `No commits between ${base} and ${head}` }]);
  const pull = { id: ctx.state.nextId('pull'), head: { ref: head, sha: headCommit }, base: { ref: base, sha: baseCommit }, draft: body.draft ?? false, mergedAt: null, mergeCommitSha: null, reviews: [] };
  const created = createIssue(ctx.state, repo, { title: body.title, body: body.body ?? null, user: ctx.actor(), pull }) as PullIssue;
  return json(201, pullRequest(repo, created, ctx.urls), { location: `${ctx.urls.api}/repos/${repo.fullName}/pulls/${created.number}` });
}

function updatePull(ctx: RouteContext) {
  const { repo, pull } = pullOf(ctx);
  const body = requireBody<RequestBody<'pulls/update'>>(ctx.body, []);
  if (body.base !== undefined) {
    const sha = repo.refs.get(`refs/heads/${body.base}`);
    if (!sha) throw validationFailed([{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
    pull.pull.base = { ref: body.base, sha };
  }
  if (body.title !== undefined) pull.title = body.title;
  if (body.body !== undefined) pull.body = body.body;
  if (body.state !== undefined) setState(ctx.state, pull, body.state, ctx.actor(), null);
  pull.updatedAt = ctx.state.now();
  return json(200, pullRequest(repo, pull, ctx.urls));
}

/** Pull request routes: reading a PR with its files and reviews, opening and editing one, and finding the PRs of a commit. */
export const pullRoutes: RouteDefinition[] = [
  {
    route: 'GET /repos/{owner}/{repo}/pulls',
    auth: 'token',
    permission: ['pull_requests', 'read'],
    handle: (ctx) => {
      const repo = ctx.repo();
      const state = ctx.query.get('state') ?? 'open';
      const head = ctx.query.get('head')?.replace(/^[^:]+:/, '');
      const base = ctx.query.get('base');
      const pulls = pullsOf(repo).filter((p) => (state === 'all' || p.state === state) && (!head || p.pull.head.ref === head) && (!base || p.pull.base.ref === base));
      const page = paginate(pulls, ctx.requestUrl);
      return json(200, page.items.map((p) => pullRequestSimple(repo, p, ctx.urls)), page.headers);
    },
  },
  {
    route: 'GET /repos/{owner}/{repo}/pulls/{pull_number}',
    auth: 'token',
    permission: ['pull_requests', 'read'],
    handle: (ctx) => {
      const { repo, pull } = pullOf(ctx);
      return json(200, pullRequest(repo, pull, ctx.urls));
    },
  },
  {
    route: 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
    auth: 'token',
    permission: ['pull_requests', 'read'],
    handle: (ctx) => {
      const { repo, pull } = pullOf(ctx);
      // GitHub lists at most 3000 files of a pull request.
      const page = paginate(changedFiles(repo, pull.pull).slice(0, 3000), ctx.requestUrl);
      return json(200, page.items.map((f) => diffEntry(repo, f, pull.pull.head.sha, ctx.urls)), page.headers);
    },
  },
  {
    route: 'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
    auth: 'token',
    permission: ['pull_requests', 'read'],
    handle: (ctx) => {
      const { repo, pull } = pullOf(ctx);
      const page = paginate(pull.pull.reviews, ctx.requestUrl);
      return json(200, page.items.map((r) => review(repo, pull.number, r, ctx.urls)), page.headers);
    },
  },
  { route: 'POST /repos/{owner}/{repo}/pulls', auth: 'token', permission: ['pull_requests', 'write'], handle: createPull },
  { route: 'PATCH /repos/{owner}/{repo}/pulls/{pull_number}', auth: 'token', permission: ['pull_requests', 'write'], handle: updatePull },
  {
    route: 'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls',
    auth: 'token',
    permission: ['pull_requests', 'read'],
    handle: (ctx) => {
      const repo = ctx.repo();
      const sha = resolveCommit(repo, ctx.params.commit_sha ?? '')?.sha;
      if (!sha) throw unprocessable(`No commit found for SHA: ${ctx.params.commit_sha}`);
      const pulls = pullsOf(repo).filter((p) => p.pull.head.sha === sha || p.pull.mergeCommitSha === sha);
      const page = paginate(pulls, ctx.requestUrl);
      return json(200, page.items.map((p) => pullRequestSimple(repo, p, ctx.urls)), page.headers);
    },
  },
];
