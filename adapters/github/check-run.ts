import type { RepoRef } from '../../core/pr/repo-ref.js';
import { RERUN_ACTION } from '../../core/triggers/handled-events.js';
import type { GateConclusion } from '../../core/engine/types.js';
import type { CheckAnnotation } from '../../core/render/render-check-output.js';
import { type GitHub, repoParams } from './github.js';

/** GitHub accepts at most 50 annotations per create or update request. */
export const ANNOTATIONS_PER_REQUEST = 50;

export interface CheckRunContent {
  name: string;
  sha: string;
  detailsUrl?: string;
  title: string;
  summary: string;
  text?: string;
  annotations?: CheckAnnotation[];
  /** Absent: in progress. */
  conclusion?: GateConclusion;
}

/** The app's latest check run of that name on a commit, when the app's memory of it was lost. */
export async function findCheckRun(octokit: GitHub, repo: RepoRef, sha: string, name: string, appId: number): Promise<number | undefined> {
  const { data } = await octokit.rest.checks.listForRef({ ...repoParams(repo), ref: sha, check_name: name, filter: 'latest', app_id: appId, per_page: 1 });
  return data.check_runs[0]?.id;
}

/**
 * Creates (no `id`) or updates the check run. A completed run carries the "Re-run gates" button;
 * annotations beyond the first 50 go in further updates, 50 at a time, as GitHub requires.
 */
export async function publishCheckRun(octokit: GitHub, repo: RepoRef, id: number | undefined, content: CheckRunContent, now: Date): Promise<number> {
  const annotations = content.annotations ?? [];
  const first = annotations.slice(0, ANNOTATIONS_PER_REQUEST);
  const output = { title: content.title, summary: content.summary, ...(content.text ? { text: content.text } : {}), ...(first.length > 0 ? { annotations: first } : {}) };
  const state = content.conclusion
    ? { status: 'completed' as const, conclusion: content.conclusion, completed_at: now.toISOString(), actions: [{ label: 'Re-run gates', description: 'Evaluate the evidence again', identifier: RERUN_ACTION }] }
    : { status: 'in_progress' as const };
  const common = { ...repoParams(repo), name: content.name, ...(content.detailsUrl ? { details_url: content.detailsUrl } : {}), ...state, output };
  const checkRunId = id === undefined ? (await octokit.rest.checks.create({ ...common, head_sha: content.sha })).data.id : (await octokit.rest.checks.update({ ...common, check_run_id: id }), id);
  for (let i = ANNOTATIONS_PER_REQUEST; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    await octokit.rest.checks.update({ ...repoParams(repo), check_run_id: checkRunId, output: { title: content.title, summary: content.summary, annotations: annotations.slice(i, i + ANNOTATIONS_PER_REQUEST) } });
  }
  return checkRunId;
}
