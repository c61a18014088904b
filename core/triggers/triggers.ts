/**
 * Which webhook deliveries make the app do something, and what. Pure: the app registers exactly
 * `HANDLED_EVENTS` and hands each delivery to `triggerFor`, so the rules are tested without GitHub.
 */
import { hasEvidenceLinks } from '../pr/parse-evidence-links.js';
import { commandTrigger } from './command-trigger.js';
import { DRIFT_SWEEP_EVENT_TYPE, driftSweepRequestOf, type DriftSweepRequest } from './drift-sweep-request.js';
import { HANDLED_EVENTS, RERUN_ACTION } from './handled-events.js';
import { ignore, num, pullNumbers, repoRef, str, type Json } from './payload-values.js';
import { pullOfQueueRef } from './pulls-in-merge-group.js';
import { snapshotOf } from './snapshot-of.js';
import type { CommandRequest, EvaluationRequest, Ignored, KnownIdentity, TrackRequest, WorkflowRunState } from './types.js';

/** What a delivery makes the app do. */
export type Trigger = EvaluationRequest | TrackRequest | CommandRequest | Ignored | DriftSweepRequest;

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
      const state: WorkflowRunState = { id, name: str(run.name) ?? String(id), status: action === 'completed' ? 'completed' : (str(run.status) ?? action), createdAt: str(run.created_at) ?? '', ...(str(run.path) ? { path: str(run.path) } : {}) };
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
