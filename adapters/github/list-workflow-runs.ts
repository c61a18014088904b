import type { RepoRef } from '../../core/pr/repo-ref.js';
import type { WorkflowRunState } from '../../core/triggers/types.js';
import { type GitHub, repoParams } from './github.js';

/** The workflow runs of a commit (one request for up to 100 runs), as the app tracks them. */
export async function listWorkflowRuns(octokit: GitHub, repo: RepoRef, sha: string): Promise<WorkflowRunState[]> {
  const { data } = await octokit.rest.actions.listWorkflowRunsForRepo({ ...repoParams(repo), head_sha: sha, per_page: 100 });
  return data.workflow_runs.map((run) => ({ id: run.id, name: run.name ?? String(run.id), status: run.status ?? 'completed', createdAt: run.created_at, ...(run.path ? { path: run.path } : {}) }));
}
