import { HttpError } from '../http-error.js';
import type { Schema } from '../openapi.js';
import { diffFiles, filesOf, resolveCommit } from '../repo-git.js';
import { json, type RouteContext, type RouteDefinition, type RouteResult } from '../route-context.js';
import { commit } from '../shapes/git.js';
import { diffEntry } from '../shapes/pull-request.js';

/** `application/vnd.github.sha` (or `.v3.sha`): the commit's sha alone, as text. */
const SHA = /application\/vnd\.github(\.v3)?\.sha/;
/** The diff and patch media types: text GitHub renders with git, which the simulator does not. */
const DIFF = /application\/vnd\.github(\.v3)?\.(diff|patch)/;

/** Where GitHub's errors of this route point. */
const DOCS = 'https://docs.github.com/rest/commits/commits#get-a-commit';

/** GitHub lists at most 300 changed files in one answer of this route (then pages them, which no client of the simulator asks for). */
const MAX_FILES = 300;

/**
 * `GET /repos/{owner}/{repo}/commits/{ref}`: the commit a sha, branch, tag or `HEAD` names, with
 * its changed files against its first parent (`commit`), or with the sha media type its sha alone,
 * whose ETag is the quoted sha as on GitHub (so a client that sends the sha it knows as
 * `If-None-Match` gets 304 while the ref has not moved). An unknown ref is GitHub's 422 "No commit
 * found for SHA", a repository without commits its 409, an unknown repository 404.
 */
function getCommit(ctx: RouteContext): RouteResult {
  const repo = ctx.repo();
  const ref = ctx.params.ref ?? '';
  if (repo.commits.size === 0) throw new HttpError(409, { message: 'Git Repository is empty.', documentation_url: DOCS });
  const found = resolveCommit(repo, ref);
  if (!found) throw new HttpError(422, { message: `No commit found for SHA: ${ref}`, documentation_url: DOCS });
  const accept = String(ctx.headers.accept ?? '');
  if (SHA.test(accept)) return { status: 200, raw: { contentType: 'application/vnd.github.sha; charset=utf-8', data: Buffer.from(found.sha) }, headers: { etag: `"${found.sha}"` } };
  if (DIFF.test(accept)) throw new Error(`the simulator does not render ${accept} for ${ctx.requestUrl.pathname}: serve it before a client needs it`);
  const parent = repo.commits.get(found.parents[0] ?? '');
  const files = diffFiles(repo, parent ? filesOf(repo, parent) : new Map(), filesOf(repo, found));
  const additions = files.reduce((sum, f) => sum + f.additions, 0);
  const deletions = files.reduce((sum, f) => sum + f.deletions, 0);
  const body: Schema<'commit'> = {
    ...commit(repo, found, ctx.urls),
    stats: { total: additions + deletions, additions, deletions },
    files: files.slice(0, MAX_FILES).map((f) => diffEntry(repo, f, found.sha, ctx.urls)),
  };
  return json(200, body);
}

/** One commit by ref. */
export const commitRoutes: RouteDefinition[] = [{ route: 'GET /repos/{owner}/{repo}/commits/{ref}', auth: 'token', permission: ['contents', 'read'], handle: getCommit }];
