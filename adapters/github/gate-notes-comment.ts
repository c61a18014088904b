import type { RepoRef } from '../../core/pr/repo-ref.js';
import { GATE_NOTES_MARKER } from '../../core/render/render-gate-notes.js';
import { type GitHub, repoParams } from './github.js';

/** The app's gate-notes comment on a PR: written by the app's bot and starting with the marker. */
export async function findGateNotesComment(octokit: GitHub, repo: RepoRef, pull: number, botLogin: string): Promise<{ id: number; body: string } | undefined> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...repoParams(repo), issue_number: pull, per_page: 100 });
  const mine = comments.find((c) => c.user?.login?.toLowerCase() === botLogin.toLowerCase() && (c.body ?? '').startsWith(GATE_NOTES_MARKER));
  return mine ? { id: mine.id, body: mine.body ?? '' } : undefined;
}

/** Creates the comment, or updates it in place; returns its id. */
export async function writeGateNotesComment(octokit: GitHub, repo: RepoRef, pull: number, id: number | undefined, body: string): Promise<number> {
  if (id !== undefined) {
    await octokit.rest.issues.updateComment({ ...repoParams(repo), comment_id: id, body });
    return id;
  }
  const { data } = await octokit.rest.issues.createComment({ ...repoParams(repo), issue_number: pull, body });
  return data.id;
}
