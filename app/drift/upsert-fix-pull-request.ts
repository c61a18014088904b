import type { FixAction } from '../../core/drift/plan-fix-pull-request.js';
import type { WorkflowFile } from '../../core/drift/types.js';
import { type GitHub } from '../../adapters/github/github.js';
import type { RepoWorkflows } from './fetch-repo-workflows.js';

/** The fix pull request's text. */
export interface FixPullRequestText {
  title: string;
  body: string;
  commitMessage: string;
  /** Comment left when the pull request is closed because the drift is gone. */
  closingComment: string;
}

/** What was done, with the pull request's URL when one is open. */
export interface FixOutcome {
  pullUrl?: string;
  /** Requests that changed something on GitHub. */
  writes: number;
}

/**
 * Carries out a planned action on the fix branch and its pull request. The fix is one commit on
 * the default branch's head (its tree built from the fixed files' contents in one request); when
 * the branch already holds exactly that, nothing is pushed, and the body is only edited when it
 * changed, so a sweep that finds the same drift again writes nothing.
 */
export async function upsertFixPullRequest(octokit: GitHub, repo: RepoWorkflows, action: FixAction, files: WorkflowFile[], branch: string, text: FixPullRequestText): Promise<FixOutcome> {
  const params = { owner: repo.owner, repo: repo.name };
  const pull = repo.fixBranch?.pull;
  if (action === 'close') {
    let writes = 0;
    if (pull) {
      await octokit.rest.issues.createComment({ ...params, issue_number: pull.number, body: text.closingComment });
      await octokit.rest.pulls.update({ ...params, pull_number: pull.number, state: 'closed' });
      writes += 2;
    }
    if (repo.fixBranch) {
      await octokit.rest.git.deleteRef({ ...params, ref: `heads/${branch}` });
      writes++;
    }
    return { writes };
  }
  if ((action !== 'open' && action !== 'update') || !repo.defaultBranch) return pull ? { pullUrl: pull.url, writes: 0 } : { writes: 0 };
  const base = repo.defaultBranch;
  const { data: tree } = await octokit.rest.git.createTree({ ...params, base_tree: base.sha, tree: files.map((f) => ({ path: f.path, mode: '100644' as const, type: 'blob' as const, content: f.text })) });
  let writes = 1;
  if (repo.fixBranch?.tree !== tree.sha || repo.fixBranch.parent !== base.sha) {
    const { data: commit } = await octokit.rest.git.createCommit({ ...params, message: text.commitMessage, tree: tree.sha, parents: [base.sha] });
    if (repo.fixBranch) await octokit.rest.git.updateRef({ ...params, ref: `heads/${branch}`, sha: commit.sha, force: true });
    else await octokit.rest.git.createRef({ ...params, ref: `refs/heads/${branch}`, sha: commit.sha });
    writes += 2;
  }
  if (pull) {
    if (pull.body !== text.body) {
      await octokit.rest.pulls.update({ ...params, pull_number: pull.number, body: text.body });
      writes++;
    }
    return { pullUrl: pull.url, writes };
  }
  const { data: created } = await octokit.rest.pulls.create({ ...params, title: text.title, head: branch, base: base.name, body: text.body });
  return { pullUrl: created.html_url, writes: writes + 1 };
}
