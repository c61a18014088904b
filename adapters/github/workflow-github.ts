import { getOctokit } from '@actions/github';
import type { RepoRef } from '../../core/pr/repo-ref.js';
import type { ProducedEvidence } from '../../core/evidence/trust-evidence.js';
import { ArtifactCache, collectEvidence, DEFAULT_EVIDENCE_LIMITS, evaluationBudget } from './collect-evidence.js';
import { approversWithWrite } from './approvers-with-write.js';
import { publishCheckRun, type CheckRunContent } from './check-run.js';
import type { GitHub } from './github.js';
import { withOrigins } from './evidence-origins.js';
import { listArtifacts, withRunPaths, type RepoWideQuery } from './list-evidence-artifacts.js';
import { listChangedFiles } from './list-changed-files.js';
import { listWorkflowRuns } from './list-workflow-runs.js';
import { MemoryStateStore } from '../state/memory-state-store.js';

/**
 * What the root action asks of GitHub with the workflow's token: the same requests the app makes,
 * through the same adapters, so a workflow and the app decide alike.
 */
export interface WorkflowGitHub {
  /**
   * Evidence reports of every `maestro-evidence*` artifact uploaded for the commit (this run's included)
   * and, with `repoWide`, the newest repo-wide ones of the default branch's runs; each with the run that
   * produced it, so that evidence the PR could have forged is not trusted.
   */
  commitEvidence(sha: string, repoWide?: RepoWideQuery): Promise<ProducedEvidence[]>;
  /** The PR's changed paths; undefined when GitHub cannot list them all. */
  changedFiles(pull: number, count?: number): Promise<string[] | undefined>;
  /** Reviewers with write access whose latest review approves the PR. */
  approvers(pull: number): Promise<string[]>;
  /** Creates the check run on the commit; returns its id. */
  publishCheck(content: CheckRunContent): Promise<number>;
}

/** The real client: Octokit from `@actions/github` with the workflow token (`fetch` injectable for tests). */
export function createWorkflowGitHub(token: string, repo: RepoRef, options: { baseUrl?: string; fetch?: typeof fetch } = {}): WorkflowGitHub {
  const octokit = getOctokit(token, {
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.fetch ? { request: { fetch: options.fetch } } : {}),
  }) as unknown as GitHub;
  return {
    // One call per evaluation of the action: its artifacts share one budget of inflated bytes.
    commitEvidence: async (sha, repoWide) => {
      const runs = await listWorkflowRuns(octokit, repo, sha);
      const since = runs.map((r) => r.createdAt).filter(Boolean).sort()[0];
      const listed = await listArtifacts(octokit, repo, sha, since, repoWide);
      const { produced } = await collectEvidence(octokit, repo, sha, since, new ArtifactCache(), DEFAULT_EVIDENCE_LIMITS, listed.commit, await withRunPaths(octokit, repo, listed.repoWide), evaluationBudget());
      return withOrigins(produced, repo, sha, runs);
    },
    changedFiles: (pull, count) => listChangedFiles(octokit, repo, pull, count),
    approvers: (pull) => approversWithWrite(octokit, repo, pull, new MemoryStateStore()),
    publishCheck: (content) => publishCheckRun(octokit, repo, undefined, content, new Date()),
  };
}
