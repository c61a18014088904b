import { entriesAt } from '../git-objects.js';
import { DOCS_URL, HttpError, notFound } from '../http-error.js';
import { filesOf, resolveCommit } from '../repo-git.js';
import { json, type RouteContext, type RouteDefinition, type RouteResult } from '../route-context.js';
import { contentDirectory, contentFile } from '../shapes/git.js';

/** Media types that ask for a file's bytes rather than its JSON description. */
const RAW = /application\/vnd\.github(\.v3)?\.raw/;

/**
 * `GET /repos/{owner}/{repo}/contents/{path}`: a file as JSON with base64 content, or its bytes with
 * the raw media type (how Probot's config plugin reads `.github/maestro.yml`); a folder as a list.
 * ETags and 304 answers are added by the request handler for every GET, as GitHub does.
 */
function getContents(ctx: RouteContext): RouteResult {
  const repo = ctx.repo();
  const ref = ctx.query.get('ref') || repo.defaultBranch;
  const commit = resolveCommit(repo, ref);
  if (!commit) throw new HttpError(404, { message: `No commit found for the ref ${ref}`, documentation_url: DOCS_URL });
  const files = filesOf(repo, commit);
  const path = ctx.params.path?.replace(/^\/+|\/+$/g, '') ?? '';
  const blob = files.get(path);
  if (blob !== undefined) {
    const content = repo.blobs.get(blob) ?? Buffer.alloc(0);
    if (RAW.test(String(ctx.headers.accept ?? ''))) return { status: 200, raw: { contentType: 'text/plain; charset=utf-8', data: content } };
    return json(200, contentFile(repo, path, ref, blob, content, ctx.urls));
  }
  const entries = entriesAt(files, path);
  if (entries.length === 0) throw notFound();
  return json(200, contentDirectory(repo, entries, ref, ctx.urls));
}

/** The contents route. */
export const contentsRoutes: RouteDefinition[] = [{ route: 'GET /repos/{owner}/{repo}/contents/{path}', auth: 'token', permission: ['contents', 'read'], handle: getContents }];
