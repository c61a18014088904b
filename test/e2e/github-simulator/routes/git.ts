import { holds } from '../auth.js';
import { filesUnder } from '../git-objects.js';
import { invalidRequest, requireBody, unprocessable } from '../http-error.js';
import { setState } from '../issue-store.js';
import type { GitPerson, SimAccount, SimRepository } from '../model.js';
import type { RequestBody } from '../openapi.js';
import { ancestors, fullRef, putBlob, putCommit, putTree } from '../repo-git.js';
import { json, type RouteContext, type RouteDefinition } from '../route-context.js';
import { gitCommit, gitRef, gitTree } from '../shapes/git.js';

/** The author GitHub writes for an account that does not name one: its noreply address. */
function personOf(account: SimAccount, date: string): GitPerson {
  return { name: account.login, email: `${account.id}+${account.login}@users.noreply.github.com`, date };
}

/**
 * GitHub refuses a GitHub App's ref that changes `.github/workflows/` unless its token holds
 * `workflows: write`: the drift fix branch needs it, and a missing permission should fail here too.
 */
function guardWorkflows(ctx: RouteContext, repo: SimRepository, sha: string): void {
  if (holds(ctx.principal, ['workflows', 'write']) && ctx.principal.kind !== 'workflow') return;
  const commit = repo.commits.get(sha);
  const parent = repo.commits.get(commit?.parents[0] ?? '');
  const after = filesUnder(repo.trees.get(commit?.tree ?? '') ?? new Map(), '.github/workflows');
  const before = filesUnder(repo.trees.get(parent?.tree ?? '') ?? new Map(), '.github/workflows');
  const changed = [...new Set([...after.keys(), ...before.keys()])].find((p) => after.get(p) !== before.get(p));
  if (changed) throw unprocessable(`refusing to allow a GitHub App to create or update workflow \`.github/workflows/${changed}\` without \`workflows\` permission`);
}

/** Open pull requests follow their branches: a moved branch moves their head or base, a deleted head branch closes them. */
function followRef(ctx: RouteContext, repo: SimRepository, ref: string, sha: string | undefined): void {
  if (!ref.startsWith('refs/heads/')) return;
  const branch = ref.slice('refs/heads/'.length);
  for (const issue of repo.issues.values()) {
    if (!issue.pull || issue.state !== 'open') continue;
    if (issue.pull.head.ref === branch) {
      if (sha) issue.pull.head.sha = sha;
      else setState(ctx.state, issue, 'closed', ctx.actor(), null);
    }
    if (issue.pull.base.ref === branch && sha) issue.pull.base.sha = sha;
  }
}

function createTree(ctx: RouteContext) {
  const repo = ctx.repo();
  const body = requireBody<RequestBody<'git/create-tree'>>(ctx.body, ['tree']);
  // GitHub peels a commit named as base_tree to its tree.
  const baseSha = body.base_tree === undefined ? undefined : (repo.commits.get(body.base_tree)?.tree ?? body.base_tree);
  const base = baseSha === undefined ? new Map<string, string>() : repo.trees.get(baseSha);
  if (!base) throw unprocessable('base_tree is not a valid tree oid');
  const files = new Map(base);
  for (const entry of body.tree ?? []) {
    if (!entry.path) throw invalidRequest('"path" wasn\'t supplied.');
    const path = entry.path.replace(/^\/+/, '');
    if (entry.sha === null) {
      for (const p of [...files.keys()]) if (p === path || p.startsWith(`${path}/`)) files.delete(p);
    } else if (entry.type === 'tree' && entry.sha) {
      const sub = repo.trees.get(entry.sha);
      if (!sub) throw unprocessable(`tree.sha ${entry.sha} is not a valid tree`);
      for (const [p, blob] of sub) files.set(`${path}/${p}`, blob);
    } else if (entry.content !== undefined) files.set(path, putBlob(repo, Buffer.from(entry.content)));
    else if (entry.sha && repo.blobs.has(entry.sha)) files.set(path, entry.sha);
    else throw unprocessable(entry.sha ? `tree.sha ${entry.sha} is not a valid blob` : 'Must supply either tree.sha or tree.content');
  }
  return json(201, gitTree(repo, putTree(repo, files), ctx.urls));
}

function createCommit(ctx: RouteContext) {
  const repo = ctx.repo();
  const body = requireBody<RequestBody<'git/create-commit'>>(ctx.body, ['message', 'tree']);
  if (!repo.trees.has(String(body.tree))) throw unprocessable('Tree SHA does not exist');
  const parents = body.parents ?? [];
  if (parents.some((p) => !repo.commits.has(p))) throw unprocessable('Parent SHA does not exist or is not a commit object');
  const now = ctx.state.now();
  const author = body.author ? { name: body.author.name, email: body.author.email, date: body.author.date ?? now } : personOf(ctx.actor(), now);
  const committer = body.committer?.name && body.committer.email ? { name: body.committer.name, email: body.committer.email, date: body.committer.date ?? now } : personOf(ctx.actor(), now);
  const commit = putCommit(repo, { tree: String(body.tree), parents, message: String(body.message), author, committer });
  return json(201, gitCommit(repo, commit, ctx.urls), { location: `${ctx.urls.api}/repos/${repo.fullName}/git/commits/${commit.sha}` });
}

function createRef(ctx: RouteContext) {
  const repo = ctx.repo();
  const body = requireBody<RequestBody<'git/create-ref'>>(ctx.body, ['ref', 'sha']);
  const ref = String(body.ref);
  if (!/^refs\/[^/]+\/.+/.test(ref)) throw unprocessable('Reference name must start with \'refs/\' and have at least two slashes.');
  if (!repo.commits.has(String(body.sha))) throw unprocessable('Object does not exist');
  if (repo.refs.has(ref)) throw unprocessable('Reference already exists');
  guardWorkflows(ctx, repo, String(body.sha));
  repo.refs.set(ref, String(body.sha));
  followRef(ctx, repo, ref, body.sha);
  return json(201, gitRef(repo, ref, String(body.sha), ctx.urls), { location: `${ctx.urls.api}/repos/${repo.fullName}/git/${ref}` });
}

function updateRef(ctx: RouteContext) {
  const repo = ctx.repo();
  const ref = fullRef(ctx.params.ref ?? '');
  const body = requireBody<RequestBody<'git/update-ref'>>(ctx.body, ['sha']);
  const current = repo.refs.get(ref);
  if (!current) throw unprocessable('Reference does not exist');
  const sha = String(body.sha);
  if (!repo.commits.has(sha)) throw unprocessable('Object does not exist');
  if (!body.force && !ancestors(repo, sha).includes(current)) throw unprocessable('Update is not a fast forward');
  guardWorkflows(ctx, repo, sha);
  repo.refs.set(ref, sha);
  followRef(ctx, repo, ref, sha);
  return json(200, gitRef(repo, ref, sha, ctx.urls));
}

function deleteRef(ctx: RouteContext) {
  const repo = ctx.repo();
  const ref = fullRef(ctx.params.ref ?? '');
  if (!repo.refs.has(ref)) throw unprocessable('Reference does not exist');
  repo.refs.delete(ref);
  followRef(ctx, repo, ref, undefined);
  return { status: 204 };
}

/** Git data routes: trees, commits and refs, how the drift sweep builds its fix branch without a clone. */
export const gitRoutes: RouteDefinition[] = [
  { route: 'POST /repos/{owner}/{repo}/git/trees', auth: 'token', permission: ['contents', 'write'], handle: createTree },
  { route: 'POST /repos/{owner}/{repo}/git/commits', auth: 'token', permission: ['contents', 'write'], handle: createCommit },
  { route: 'POST /repos/{owner}/{repo}/git/refs', auth: 'token', permission: ['contents', 'write'], handle: createRef },
  { route: 'PATCH /repos/{owner}/{repo}/git/refs/{ref}', auth: 'token', permission: ['contents', 'write'], handle: updateRef },
  { route: 'DELETE /repos/{owner}/{repo}/git/refs/{ref}', auth: 'token', permission: ['contents', 'write'], handle: deleteRef },
];
