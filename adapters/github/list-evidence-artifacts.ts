import type { RepoRef } from '../../core/pr/repo-ref.js';
import { type GitHub, repoParams } from './github.js';
import { webUrlOf } from './web-url.js';

/** Gate actions upload their reports as artifacts named `maestro-evidence-<gate>`. */
export const EVIDENCE_ARTIFACT_PREFIX = 'maestro-evidence';

/** Most pages of the repo's artifact list read in one evaluation (100 artifacts each). */
const MAX_PAGES = 5;

export interface EvidenceArtifact {
  id: number;
  /** The commit whose workflow run uploaded it. */
  headSha: string;
  /** The branch of that run, when GitHub says. */
  headBranch?: string;
  /** The workflow file of that run, once asked for (repo-wide artifacts: their runs are not the commit's). */
  workflowPath?: string;
  name: string;
  sizeInBytes: number;
  expired: boolean;
  runId: number | undefined;
  createdAt: string;
  /** Where a person finds it: the run's page. */
  url: string;
}

/** Repo-wide evidence to look for beside a commit's: the newest artifact of each name uploaded by a run on `branch` since `horizon`. */
export interface RepoWideQuery {
  branch: string;
  /** RFC 3339: older artifacts are beyond every repo-wide requirement's `maxAge`. */
  horizon: string;
}

/**
 * The evidence artifacts of a commit (or of several, such as the PRs of a merge group), from the
 * repo's artifact list (newest first), so that one request covers every workflow run of every
 * commit asked for. Pages are read until the list reaches artifacts older than the first workflow
 * run (`since`), or it ends.
 */
export async function listEvidenceArtifacts(octokit: GitHub, repo: RepoRef, sha: string | readonly string[], since: string | undefined): Promise<EvidenceArtifact[]> {
  return (await listArtifacts(octokit, repo, sha, since)).commit;
}

/**
 * One pass over the repo's artifact list (newest first) for two things: the evidence artifacts of the
 * commits asked for (down to `since`, the first workflow run of the commit), and, with `repoWide`, the
 * newest unexpired evidence artifact of each name from runs on the default branch (down to the
 * horizon): drift, drill and SLO reports come from scheduled runs there, never from the PR's commit.
 * At most 5 pages of 100.
 */
export async function listArtifacts(octokit: GitHub, repo: RepoRef, sha: string | readonly string[], since: string | undefined, repoWide?: RepoWideQuery): Promise<{ commit: EvidenceArtifact[]; repoWide: EvidenceArtifact[] }> {
  const shas = new Set(typeof sha === 'string' ? [sha] : sha);
  const found: EvidenceArtifact[] = [];
  const newestByName = new Map<string, EvidenceArtifact>();
  const sinceMs = since ? Date.parse(since) : Number.NaN;
  const horizonMs = repoWide ? Date.parse(repoWide.horizon) : Number.NaN;
  const web = webUrlOf(octokit);
  let page = 0;
  for await (const response of octokit.paginate.iterator(octokit.rest.actions.listArtifactsForRepo, { ...repoParams(repo), per_page: 100 })) {
    page++;
    let pastSince = Number.isNaN(sinceMs);
    let pastHorizon = Number.isNaN(horizonMs);
    for (const artifact of response.data) {
      const createdMs = artifact.created_at ? Date.parse(artifact.created_at) : Number.NaN;
      if (!Number.isNaN(sinceMs) && createdMs < sinceMs) pastSince = true;
      if (!Number.isNaN(horizonMs) && createdMs < horizonMs) pastHorizon = true;
      const run = artifact.workflow_run;
      if (!run?.head_sha || !artifact.name.startsWith(EVIDENCE_ARTIFACT_PREFIX)) continue;
      const runId = run.id;
      const entry: EvidenceArtifact = {
        id: artifact.id,
        headSha: run.head_sha,
        ...(run.head_branch ? { headBranch: run.head_branch } : {}),
        name: artifact.name,
        sizeInBytes: artifact.size_in_bytes,
        expired: artifact.expired,
        runId,
        createdAt: artifact.created_at ?? '',
        url: runId ? `${web}/${repo.fullName}/actions/runs/${runId}/artifacts/${artifact.id}` : `${web}/${repo.fullName}/actions`,
      };
      if (shas.has(run.head_sha)) found.push(entry);
      // A fork's branch may bear the default branch's name: only runs of this repository's own branch count.
      else if (repoWide && run.head_branch === repoWide.branch && run.head_repository_id === repo.id && !artifact.expired && createdMs >= horizonMs && !newestByName.has(artifact.name)) newestByName.set(artifact.name, entry);
    }
    if ((pastSince && pastHorizon) || page >= MAX_PAGES) break;
  }
  return { commit: found.sort((a, b) => a.id - b.id), repoWide: [...newestByName.values()].sort((a, b) => a.id - b.id) };
}

/**
 * The artifacts with the workflow file of the run that uploaded each (one request per run): repo-wide
 * artifacts come from runs of other commits, which the commit's run list does not name, and the config
 * can say which workflows may produce each kind.
 */
export async function withRunPaths(octokit: GitHub, repo: RepoRef, artifacts: readonly EvidenceArtifact[]): Promise<EvidenceArtifact[]> {
  const paths = new Map<number, string | undefined>();
  for (const runId of new Set(artifacts.map((a) => a.runId).filter((id): id is number => id !== undefined))) {
    const { data } = await octokit.rest.actions.getWorkflowRun({ ...repoParams(repo), run_id: runId });
    paths.set(runId, data.path || undefined);
  }
  return artifacts.map((a) => {
    const workflowPath = a.runId === undefined ? undefined : paths.get(a.runId);
    return workflowPath ? { ...a, workflowPath } : a;
  });
}
