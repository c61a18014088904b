import type { RepoRef } from '../pr/repo-ref.js';
import type { PullRequestFacts } from '../pr/types.js';

/**
 * What the app knows about a PR from a payload, enough to evaluate it without fetching it again:
 * the engine's PR facts minus the repo and the changed paths (fetched per evaluation), plus how
 * many files GitHub says changed.
 */
export type PullRequestSnapshot = Omit<PullRequestFacts, 'repo' | 'changedFiles' | 'body'> & { body: string; changedFileCount?: number };

/** A workflow run of a head commit, as tracked to know when its evidence is complete. */
export interface WorkflowRunState {
  id: number;
  name: string;
  status: string;
  createdAt: string;
  /** The workflow file (`.github/workflows/a11y.yml`): a report counts only from a workflow the PR leaves unchanged. */
  path?: string;
}

/** An evaluation to queue for one head commit of one repo. */
export interface EvaluationRequest {
  type: 'evaluate';
  installationId: number;
  repo: RepoRef;
  sha: string;
  /** PR numbers known from the payload; empty means "find the open PRs whose head is `sha`". */
  pulls: number[];
  /** PR data carried by the payload (pull_request events), newest wins when requests coalesce. */
  snapshot?: PullRequestSnapshot;
  /** A person asked for it (re-run): evaluate now even while workflow runs are still going. */
  force: boolean;
  /** The commit was just pushed or opened as a PR (no check run of the app can exist yet). */
  newCommit?: boolean;
  /** The PR was just opened (no gate-notes comment can exist yet). */
  newPull?: boolean;
  /**
   * When GitHub says the event happened (the PR's updated_at, the queue commit's time): the app
   * trusts `newCommit` and `newPull` only for events after its memory began, so a delivery replayed
   * to a restarted app finds the check run and comment it made before instead of adding others.
   */
  eventAt?: string;
  /** A run that just changed, to record before evaluating. */
  run?: WorkflowRunState;
  /** `event.action`, for logs and metrics. */
  reason: string;
  /** A merge-queue commit: decided from the evidence of the PRs it contains. */
  mergeGroup?: MergeGroupRef;
}

/** The merge-queue commit of a `merge_group` event. */
export interface MergeGroupRef {
  baseSha: string;
  /** The group's branch, `refs/heads/gh-readonly-queue/<base>/pr-<number>-<sha>`. */
  headRef: string;
}

/** A workflow run started: only recorded, so the gate waits for it. */
export interface TrackRequest {
  type: 'track';
  installationId: number;
  repo: RepoRef;
  sha: string;
  run: WorkflowRunState;
  reason: string;
}

/** A delivery the app does nothing with, and why (logged and counted). */
export interface Ignored {
  type: 'ignore';
  reason: string;
}

/** The issue or PR a comment was made on, as the issue_comment payload describes it. */
export interface CommentedIssue {
  number: number;
  /** True for a pull request (its PR data is fetched when a command needs it). */
  isPull: boolean;
  title: string;
  body: string;
  state: string;
  labels: string[];
  htmlUrl?: string;
}

/** Slash commands to run from a new or edited comment. */
export interface CommandRequest {
  type: 'command';
  installationId: number;
  repo: RepoRef;
  issue: CommentedIssue;
  comment: { id: number; body: string; htmlUrl: string; author: string };
  /** Who sent the event: the author of a new comment, whoever edited an edited one. */
  sender: string;
  /** The body before an edit: commands that only the edit added are refused, never run. */
  previousBody?: string;
  reason: string;
}

/** Who the app itself is, so that events it caused are not acted on. */
export interface AppIdentity {
  appId: number;
  /** The app's bot login, such as `maestro-conductor[bot]`. */
  botLogin: string;
}

/**
 * What the app knows of itself when a delivery arrives: its id always (from APP_ID), its bot login
 * once GitHub has told it (learned in the background; deliveries never wait for GitHub).
 */
export type KnownIdentity = Pick<AppIdentity, 'appId'> & Partial<Pick<AppIdentity, 'botLogin'>>;
