import type { EvidenceOrigin, ProducedEvidence } from '../../core/evidence/trust-evidence.js';
import type { EvidenceItem } from '../../core/evidence/types.js';
import type { RepoRef } from '../../core/pr/repo-ref.js';
import type { WorkflowRunState } from '../../core/triggers/types.js';
import type { EvidenceArtifact } from './list-evidence-artifacts.js';

/** Each item with its origin: the head commit's run (and its workflow file), or a default-branch run. */
export function withOrigins(produced: ReadonlyArray<{ item: EvidenceItem; artifact: EvidenceArtifact }>, repo: RepoRef, sha: string, runs: readonly WorkflowRunState[]): ProducedEvidence[] {
  const paths = new Map(runs.filter((r) => r.path).map((r) => [r.id, r.path!]));
  return produced.map(({ item, artifact }) => {
    const headCommit = artifact.headSha === sha;
    const workflowPath = artifact.workflowPath ?? (artifact.runId === undefined ? undefined : paths.get(artifact.runId));
    const origin: EvidenceOrigin = { headCommit, defaultBranch: !headCommit && artifact.headBranch !== undefined && artifact.headBranch === repo.defaultBranch, ...(workflowPath ? { workflowPath } : {}) };
    return { item, origin };
  });
}
