/**
 * Which webhook deliveries make the app do something, and what. Pure: the app registers exactly
 * `HANDLED_EVENTS` and hands each delivery to `triggerFor`, so the rules are tested without GitHub.
 */
import { parseCommands } from '../commands/parse-commands.js';
import type { ParsedCommandLine } from '../commands/types.js';
import { hasEvidenceLinks } from '../pr/parse-evidence-links.js';
import type { PullRequestFacts } from '../pr/types.js';
import { pullOfQueueRef } from './pulls-in-merge-group.js';
import { DRIFT_SWEEP_EVENT_TYPE, driftSweepRequestOf, type DriftSweepRequest } from './drift-sweep-request.js';

/** Every `event.action` the app handles (or a whole `event`, whose actions triggerFor sorts); app.yml subscribes to exactly these events. */
export const HANDLED_EVENTS = [
  'pull_request.opened',
  'pull_request.synchronize',
  'pull_request.reopened',
  'pull_request.edited',
  'pull_request.labeled',
  'pull_request.unlabeled',
  'pull_request.ready_for_review',
  'pull_request_review.submitted',
  'pull_request_review.dismissed',
  'workflow_run.requested',
  'workflow_run.in_progress',
  'workflow_run.completed',
  'check_run.rerequested',
  'check_run.requested_action',
  'check_suite.rerequested',
  'merge_group.checks_requested',
  'issue_comment.created',
  'issue_comment.edited',
  // A whole event: its action is the sender's event_type, which triggerFor checks.
  'repository_dispatch',
] as const;
export type HandledEvent = (typeof HANDLED_EVENTS)[number];

/** The repository a delivery is about. */
export interface RepoRef {
  id: number;
  owner: string;
  name: string;
  /** `owner/name`. */
  fullName: string;
}

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

export type Trigger = EvaluationRequest | TrackRequest | CommandRequest | Ignored | DriftSweepRequest;

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

type Json = Record<string, unknown>;

/**
 * The named predicate of the app: what a delivery triggers. Events caused by the app itself (its
 * check runs, its comments, anything its bot sends) never trigger work; check re-runs count only
 * for the app's own checks; PR edits only when the title, body or base changed; reviews only when
 * the PR body lists evidence links (approvals are what make manual links count).
 */
export function triggerFor(event: string, payload: unknown, self: KnownIdentity): Trigger {
  const p = (payload ?? {}) as Json;
  const action = typeof p.action === 'string' ? p.action : '';
  const name = `${event}.${action}`;
  if (!(HANDLED_EVENTS as readonly string[]).includes(name) && !(HANDLED_EVENTS as readonly string[]).includes(event)) return ignore(`${name} is not handled`);
  const installationId = num((p.installation as Json | undefined)?.id);
  const repo = repoRef(p.repository);
  if (installationId === undefined || !repo) return ignore(`${name} without installation or repository`);
  const sender = str((p.sender as Json | undefined)?.login);
  if (sender && self.botLogin && sender.toLowerCase() === self.botLogin.toLowerCase()) return ignore(`${name} was caused by the app itself`);
  const base = { installationId, repo, reason: name };

  switch (event) {
    case 'pull_request': {
      const snapshot = snapshotOf(p.pull_request);
      if (!snapshot) return ignore(`${name} without a usable pull_request`);
      if (action === 'edited') {
        const changes = (p.changes ?? {}) as Json;
        if (!changes.title && !changes.body && !changes.base) return ignore('pull_request.edited changed neither title, body nor base');
      }
      const newCommit = action === 'opened' || action === 'synchronize';
      const eventAt = str((p.pull_request as Json).updated_at);
      return { type: 'evaluate', ...base, sha: snapshot.headSha, pulls: [snapshot.number], snapshot, force: false, ...(newCommit ? { newCommit } : {}), ...(action === 'opened' ? { newPull: true } : {}), ...(newCommit && eventAt ? { eventAt } : {}) };
    }
    case 'pull_request_review': {
      const snapshot = snapshotOf(p.pull_request);
      if (!snapshot) return ignore(`${name} without a usable pull_request`);
      if (!hasEvidenceLinks(snapshot.body)) return ignore(`${name} on a PR without evidence links`);
      return { type: 'evaluate', ...base, sha: snapshot.headSha, pulls: [snapshot.number], snapshot, force: false };
    }
    case 'workflow_run': {
      const run = p.workflow_run as Json | undefined;
      const sha = str(run?.head_sha);
      const id = num(run?.id);
      if (!run || !sha || id === undefined) return ignore(`${name} without a usable workflow_run`);
      const state: WorkflowRunState = { id, name: str(run.name) ?? String(id), status: action === 'completed' ? 'completed' : (str(run.status) ?? action), createdAt: str(run.created_at) ?? '' };
      if (action !== 'completed') return { type: 'track', ...base, sha, run: state };
      return { type: 'evaluate', ...base, sha, pulls: pullNumbers(run.pull_requests, repo), force: false, run: state };
    }
    case 'check_run': {
      const run = p.check_run as Json | undefined;
      if (num((run?.app as Json | undefined)?.id) !== self.appId) return ignore(`${name} for another app's check`);
      if (action === 'requested_action' && str((p.requested_action as Json | undefined)?.identifier) !== RERUN_ACTION) return ignore(`${name} for an unknown action`);
      const sha = str(run?.head_sha);
      if (!sha) return ignore(`${name} without a head_sha`);
      return { type: 'evaluate', ...base, sha, pulls: pullNumbers(run?.pull_requests, repo), force: true };
    }
    case 'check_suite': {
      const suite = p.check_suite as Json | undefined;
      if (num((suite?.app as Json | undefined)?.id) !== self.appId) return ignore(`${name} for another app's suite`);
      const sha = str(suite?.head_sha);
      if (!sha) return ignore(`${name} without a head_sha`);
      return { type: 'evaluate', ...base, sha, pulls: pullNumbers(suite?.pull_requests, repo), force: true };
    }
    case 'merge_group': {
      const group = p.merge_group as Json | undefined;
      const sha = str(group?.head_sha);
      const baseSha = str(group?.base_sha);
      const headRef = str(group?.head_ref);
      if (!sha || !baseSha || !headRef) return ignore(`${name} without a usable merge_group`);
      const pull = pullOfQueueRef(headRef);
      const eventAt = str(((group?.head_commit ?? {}) as Json).timestamp);
      // The queue waits for the required check on this commit: decide now, there is nothing to wait for.
      return { type: 'evaluate', ...base, sha, pulls: pull === undefined ? [] : [pull], force: true, newCommit: true, mergeGroup: { baseSha, headRef }, ...(eventAt ? { eventAt } : {}) };
    }
    case 'issue_comment':
      return commandTrigger(p, base, sender);
    case 'repository_dispatch':
      if (action !== DRIFT_SWEEP_EVENT_TYPE) return ignore(`${name} is not handled`);
      return driftSweepRequestOf(base, p);
    default:
      return ignore(`${name} is not handled`);
  }
}

/** Comments from bots never run commands; comments without a line starting with `/` are not read further. */
function commandTrigger(p: Json, base: { installationId: number; repo: RepoRef; reason: string }, sender: string | undefined): Trigger {
  const comment = p.comment as Json | undefined;
  const issue = p.issue as Json | undefined;
  const id = num(comment?.id);
  const number = num(issue?.number);
  const body = typeof comment?.body === 'string' ? comment.body : '';
  const author = str((comment?.user as Json | undefined)?.login);
  if (!comment || !issue || id === undefined || number === undefined || !author || !sender) return ignore(`${base.reason} without a usable comment`);
  if (isBot(p.sender) || isBot(comment.user)) return ignore(`${base.reason} by a bot`);
  if (!hasSlashLine(body)) return ignore(`${base.reason} without a command line`);
  let previousBody: string | undefined;
  if (base.reason === 'issue_comment.edited') {
    const from = ((p.changes as Json | undefined)?.body as Json | undefined)?.from;
    if (typeof from !== 'string') return ignore('issue_comment.edited did not change the body');
    if (addedCommandLines(from, body).length === 0) return ignore('issue_comment.edited added no command line');
    previousBody = from;
  }
  const labels = Array.isArray(issue.labels) ? issue.labels.map((l: Json) => str(l?.name)).filter((l): l is string => l !== undefined) : [];
  const htmlUrl = str(issue.html_url);
  return {
    type: 'command',
    ...base,
    issue: { number, isPull: issue.pull_request !== undefined && issue.pull_request !== null, title: typeof issue.title === 'string' ? issue.title : '', body: typeof issue.body === 'string' ? issue.body : '', state: str(issue.state) ?? 'open', labels, ...(htmlUrl ? { htmlUrl } : {}) },
    comment: { id, body, htmlUrl: str(comment.html_url) ?? '', author },
    sender,
    ...(previousBody !== undefined ? { previousBody } : {}),
  };
}

/** Command lines of an edited comment that its previous body did not have. */
export function addedCommandLines(before: string, after: string): ParsedCommandLine[] {
  const old = new Set(parseCommands(before).map((l) => l.text.trim()));
  return parseCommands(after).filter((l) => !old.has(l.text.trim()));
}

function isBot(user: unknown): boolean {
  const u = (user ?? {}) as Json;
  return u.type === 'Bot' || (str(u.login) ?? '').endsWith('[bot]');
}

/**
 * True when a line starts with `/` after at most three spaces: the cheap test that lets the app
 * skip the parser for ordinary comments. Scans once, no regular expression.
 */
export function hasSlashLine(body: string): boolean {
  let column = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 10) column = 0;
    else if (column >= 0 && c === 32 && column < 3) column++;
    else if (column >= 0 && c === 47) return true;
    else column = -1;
  }
  return false;
}

/** The identifier of the check run's "Re-run gates" button. */
export const RERUN_ACTION = 'rerun';

function ignore(reason: string): Ignored {
  return { type: 'ignore', reason };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined;
}

function repoRef(v: unknown): RepoRef | undefined {
  const r = (v ?? {}) as Json;
  const fullName = str(r.full_name);
  const owner = str((r.owner as Json | undefined)?.login);
  const name = str(r.name);
  const id = num(r.id);
  if (!fullName || !owner || !name || id === undefined) return undefined;
  return { id, owner, name, fullName };
}

/** PR numbers of a run or suite: only PRs into this repo (runs of forks list the fork's PRs too). */
function pullNumbers(v: unknown, repo: RepoRef): number[] {
  if (!Array.isArray(v)) return [];
  const numbers = v
    .filter((pr: Json) => {
      const baseRepo = ((pr?.base as Json | undefined)?.repo as Json | undefined) ?? {};
      return num(baseRepo.id) === repo.id;
    })
    .map((pr: Json) => num(pr?.number))
    .filter((n): n is number => n !== undefined);
  return [...new Set(numbers)].sort((a, b) => a - b);
}

/** The PR facts a pull_request or pull_request_review payload carries. */
export function snapshotOf(v: unknown): PullRequestSnapshot | undefined {
  const pr = (v ?? {}) as Json;
  const head = (pr.head ?? {}) as Json;
  const base = (pr.base ?? {}) as Json;
  const number = num(pr.number);
  const headSha = str(head.sha);
  if (number === undefined || !headSha) return undefined;
  const labels = Array.isArray(pr.labels) ? pr.labels.map((l: Json) => str(l?.name)).filter((l): l is string => l !== undefined) : [];
  const htmlUrl = str(pr.html_url);
  const changedFileCount = num(pr.changed_files);
  return {
    number,
    title: typeof pr.title === 'string' ? pr.title : '',
    body: typeof pr.body === 'string' ? pr.body : '',
    headSha,
    headRef: str(head.ref) ?? '',
    baseRef: str(base.ref) ?? '',
    author: str((pr.user as Json | undefined)?.login) ?? '',
    draft: pr.draft === true,
    labels: [...new Set(labels)].sort(),
    ...(htmlUrl ? { htmlUrl } : {}),
    ...(changedFileCount !== undefined ? { changedFileCount } : {}),
  };
}
