import type { RepoRef } from '../../core/triggers/triggers.js';
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
  name: string;
  sizeInBytes: number;
  expired: boolean;
  runId: number | undefined;
  createdAt: string;
  /** Where a person finds it: the run's page. */
  url: string;
}

/**
 * The evidence artifacts of a commit (or of several, such as the PRs of a merge group), from the
 * repo's artifact list (newest first), so that one request covers every workflow run of every
 * commit asked for. Pages are read until the list reaches artifacts older than the first workflow
 * run (`since`), or it ends.
 */
export async function listEvidenceArtifacts(octokit: GitHub, repo: RepoRef, sha: string | readonly string[], since: string | undefined): Promise<EvidenceArtifact[]> {
  const shas = new Set(typeof sha === 'string' ? [sha] : sha);
  const found: EvidenceArtifact[] = [];
  const sinceMs = since ? Date.parse(since) : Number.NaN;
  const web = webUrlOf(octokit);
  let page = 0;
  for await (const response of octokit.paginate.iterator(octokit.rest.actions.listArtifactsForRepo, { ...repoParams(repo), per_page: 100 })) {
    page++;
    let older = false;
    for (const artifact of response.data) {
      const createdMs = artifact.created_at ? Date.parse(artifact.created_at) : Number.NaN;
      if (!Number.isNaN(sinceMs) && createdMs < sinceMs) older = true;
      const headSha = artifact.workflow_run?.head_sha;
      if (!headSha || !shas.has(headSha) || !artifact.name.startsWith(EVIDENCE_ARTIFACT_PREFIX)) continue;
      const runId = artifact.workflow_run?.id;
      found.push({
        id: artifact.id,
        headSha,
        name: artifact.name,
        sizeInBytes: artifact.size_in_bytes,
        expired: artifact.expired,
        runId,
        createdAt: artifact.created_at ?? '',
        url: runId ? `${web}/${repo.fullName}/actions/runs/${runId}/artifacts/${artifact.id}` : `${web}/${repo.fullName}/actions`,
      });
    }
    if (older || page >= MAX_PAGES || Number.isNaN(sinceMs)) break;
  }
  return found.sort((a, b) => a.id - b.id);
}
