import { getOctokit } from '@actions/github';
import type { RepoRef } from '../../core/triggers/triggers.js';
import type { EvidenceItem } from '../../core/evidence/types.js';
import { ArtifactCache, collectEvidence, DEFAULT_EVIDENCE_LIMITS } from './collect-evidence.js';
import { approversWithWrite } from './approvers-with-write.js';
import { publishCheckRun, type CheckRunContent } from './check-run.js';
import type { GitHub } from './github.js';
import { listChangedFiles } from './list-changed-files.js';
import { MemoryStateStore } from '../state/memory-state-store.js';

/**
 * What the root action asks of GitHub with the workflow's token: the same requests the app makes,
 * through the same adapters, so a workflow and the app decide alike.
 */
export interface WorkflowGitHub {
  /** Evidence reports of every `maestro-evidence*` artifact uploaded for the commit (this run's included). */
  commitEvidence(sha: string): Promise<EvidenceItem[]>;
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
    commitEvidence: async (sha) => (await collectEvidence(octokit, repo, sha, undefined, new ArtifactCache(), DEFAULT_EVIDENCE_LIMITS)).items,
    changedFiles: (pull, count) => listChangedFiles(octokit, repo, pull, count),
    approvers: (pull) => approversWithWrite(octokit, repo, pull, new MemoryStateStore()),
    publishCheck: (content) => publishCheckRun(octokit, repo, undefined, content, new Date()),
  };
}
