import { notFound } from '../http-error.js';
import type { RepoRole, SimRepository } from '../model.js';
import type { Schema } from '../openapi.js';
import { paginate } from '../paginate.js';
import { ancestors, diffFiles, filesOf, resolveCommit } from '../repo-git.js';
import { json, type RouteContext, type RouteDefinition } from '../route-context.js';
import { commit } from '../shapes/git.js';
import { diffEntry } from '../shapes/pull-request.js';
import { simpleUser } from '../shapes/user.js';

/** The legacy permission GitHub reports beside each role. */
const PERMISSION: Record<RepoRole, 'admin' | 'write' | 'read'> = { admin: 'admin', maintain: 'write', write: 'write', triage: 'read', read: 'read' };

/** A person's role: the owner of a user's repository is its admin; others need to be collaborators. */
function roleOf(repo: SimRepository, login: string): RepoRole | undefined {
  if (repo.owner.type === 'User' && repo.owner.login.toLowerCase() === login.toLowerCase()) return 'admin';
  return repo.collaborators.get(login.toLowerCase());
}

function collaboratorPermission(ctx: RouteContext) {
  const repo = ctx.repo();
  const login = ctx.params.username ?? '';
  const role = roleOf(repo, login);
  if (!role) throw notFound();
  const rank = ['read', 'triage', 'write', 'maintain', 'admin'].indexOf(role);
  const body: Schema<'repository-collaborator-permission'> = {
    permission: PERMISSION[role],
    role_name: role,
    user: { ...simpleUser(ctx.state.account(login), ctx.urls), permissions: { pull: true, triage: rank >= 1, push: rank >= 2, maintain: rank >= 3, admin: rank >= 4 }, role_name: role },
  };
  return json(200, body);
}

function teamMembership(ctx: RouteContext) {
  const org = ctx.params.org ?? '';
  // An installation token only sees the teams of the organisation it is installed on.
  if (ctx.principal.kind === 'installation' && ctx.principal.installation.account.login.toLowerCase() !== org.toLowerCase()) throw notFound();
  const role = ctx.state.teams.get(`${org}/${ctx.params.team_slug}`.toLowerCase())?.get((ctx.params.username ?? '').toLowerCase());
  if (!role) throw notFound();
  const body: Schema<'team-membership'> = { url: `${ctx.urls.api}/orgs/${org}/teams/${ctx.params.team_slug}/memberships/${ctx.params.username}`, role, state: 'active' };
  return json(200, body);
}

/** `base...head` (or `base..head`), each side a sha, branch or tag. */
function compare(ctx: RouteContext) {
  const repo = ctx.repo();
  const [baseName, headName] = (ctx.params.basehead ?? '').split(/\.{2,3}/, 2);
  const base = resolveCommit(repo, baseName ?? '');
  const head = resolveCommit(repo, headName ?? '');
  if (!base || !head) throw notFound();
  const fromBase = new Set(ancestors(repo, base.sha));
  const fromHead = ancestors(repo, head.sha);
  const ahead = fromHead.filter((sha) => !fromBase.has(sha)).reverse();
  const behind = [...fromBase].filter((sha) => !fromHead.includes(sha));
  const mergeBase = repo.commits.get(fromHead.find((sha) => fromBase.has(sha)) ?? base.sha) ?? base;
  const status = base.sha === head.sha ? 'identical' : behind.length === 0 ? 'ahead' : ahead.length === 0 ? 'behind' : 'diverged';
  const page = paginate(ahead, ctx.requestUrl);
  const files = diffFiles(repo, filesOf(repo, mergeBase), filesOf(repo, head)).slice(0, 300);
  const web = `${ctx.urls.web}/${repo.fullName}/compare/${ctx.params.basehead}`;
  const body: Schema<'commit-comparison'> = {
    url: `${ctx.urls.api}/repos/${repo.fullName}/compare/${ctx.params.basehead}`,
    html_url: web,
    permalink_url: `${ctx.urls.web}/${repo.fullName}/compare/${repo.owner.login}:${base.sha.slice(0, 7)}...${repo.owner.login}:${head.sha.slice(0, 7)}`,
    diff_url: `${web}.diff`,
    patch_url: `${web}.patch`,
    base_commit: commit(repo, base, ctx.urls),
    merge_base_commit: commit(repo, mergeBase, ctx.urls),
    status,
    ahead_by: ahead.length,
    behind_by: behind.length,
    total_commits: ahead.length,
    commits: page.items.flatMap((sha) => repo.commits.get(sha) ?? []).map((c) => commit(repo, c, ctx.urls)),
    files: files.map((f) => diffEntry(repo, f, head.sha, ctx.urls)),
  };
  return json(200, body, page.headers);
}

/** Who may do what: collaborator roles and team memberships; and comparing two commits. */
export const repoRoutes: RouteDefinition[] = [
  { route: 'GET /repos/{owner}/{repo}/collaborators/{username}/permission', auth: 'token', permission: ['metadata', 'read'], handle: collaboratorPermission },
  { route: 'GET /orgs/{org}/teams/{team_slug}/memberships/{username}', auth: 'token', permission: ['members', 'read'], handle: teamMembership },
  { route: 'GET /repos/{owner}/{repo}/compare/{basehead}', auth: 'token', permission: ['contents', 'read'], handle: compare },
];
