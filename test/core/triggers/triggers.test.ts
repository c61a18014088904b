import { describe, expect, it } from '@jest/globals';
import { HANDLED_EVENTS } from '../../../core/triggers/handled-events.js';
import { hasSlashLine } from '../../../core/triggers/command-trigger.js';
import { triggerFor } from '../../../core/triggers/triggers.js';
import { evaluationKey, mergeRequests } from '../../../core/triggers/merge-requests.js';
import { planComment } from '../../../core/triggers/plan-comment.js';
import { mergeRuns } from '../../../core/triggers/merge-runs.js';
import { examplePayload } from '../../helpers/webhook-examples.js';

const self = { appId: 2, botLogin: 'maestro-conductor[bot]' };
const withInstallation = (p: Record<string, any>): Record<string, any> => ({ ...p, installation: { id: 1 } });

describe('triggerFor', () => {
  it.each(['opened', 'synchronize', 'reopened', 'labeled', 'unlabeled', 'ready_for_review'])('queues an evaluation of the head commit on pull_request.%s', (action) => {
    const payload = withInstallation(examplePayload('pull_request', action === 'synchronize' || action === 'unlabeled' ? 'opened' : action));
    payload.action = action;
    const t = triggerFor('pull_request', payload, self);
    expect(t).toMatchObject({ type: 'evaluate', sha: payload.pull_request.head.sha, pulls: [payload.pull_request.number], force: false });
    if (t.type === 'evaluate') expect(t.newCommit === true).toBe(action === 'opened' || action === 'synchronize');
  });

  it('ignores PR edits that change neither title, body nor base', () => {
    const payload = withInstallation(examplePayload('pull_request', 'opened'));
    payload.action = 'edited';
    payload.changes = {};
    expect(triggerFor('pull_request', payload, self).type).toBe('ignore');
    payload.changes = { body: { from: 'old' } };
    expect(triggerFor('pull_request', payload, self).type).toBe('evaluate');
  });

  it('ignores what the app itself sent, and deliveries without installation', () => {
    const payload = withInstallation(examplePayload('pull_request', 'labeled'));
    payload.sender.login = 'Maestro-Conductor[bot]';
    expect(triggerFor('pull_request', payload, self)).toEqual({ type: 'ignore', reason: 'pull_request.labeled was caused by the app itself' });
    expect(triggerFor('pull_request', examplePayload('pull_request', 'opened'), self).type).toBe('ignore');
  });

  it('tracks started workflow runs and evaluates on completion, keeping only PRs into this repo', () => {
    const requested = withInstallation(examplePayload('workflow_run', 'requested'));
    expect(triggerFor('workflow_run', requested, self)).toMatchObject({ type: 'track', sha: requested.workflow_run.head_sha, run: { id: requested.workflow_run.id } });
    const completed = withInstallation(examplePayload('workflow_run', 'completed'));
    const repoId = completed.repository.id;
    completed.workflow_run.pull_requests = [
      { number: 7, base: { repo: { id: repoId } } },
      { number: 9, base: { repo: { id: repoId + 1 } } },
    ];
    expect(triggerFor('workflow_run', completed, self)).toMatchObject({ type: 'evaluate', pulls: [7], run: { status: 'completed' } });
  });

  it('re-runs only for its own checks and its own button', () => {
    const rerun = examplePayload('check_run', 'rerequested');
    rerun.check_run.app.id = self.appId;
    expect(triggerFor('check_run', rerun, self)).toMatchObject({ type: 'evaluate', force: true });
    rerun.check_run.app.id = 99;
    expect(triggerFor('check_run', rerun, self).type).toBe('ignore');
    const action = examplePayload('check_run', 'requested_action');
    action.check_run.app.id = self.appId;
    action.requested_action = { identifier: 'rerun' };
    expect(triggerFor('check_run', action, self)).toMatchObject({ type: 'evaluate', force: true });
    action.requested_action = { identifier: 'something-else' };
    expect(triggerFor('check_run', action, self).type).toBe('ignore');
  });

  it('reacts to reviews only when the PR body lists evidence links', () => {
    const review = withInstallation(examplePayload('pull_request_review', 'submitted'));
    review.pull_request.body = 'no links here';
    expect(triggerFor('pull_request_review', review, self).type).toBe('ignore');
    review.pull_request.body = '## Evidence\n- GA-05: [drill](https://example.com/drill)\n';
    expect(triggerFor('pull_request_review', review, self).type).toBe('evaluate');
  });

  it('handles nothing outside HANDLED_EVENTS', () => {
    expect(triggerFor('pull_request', withInstallation(examplePayload('pull_request', 'closed')), self)).toEqual({ type: 'ignore', reason: 'pull_request.closed is not handled' });
    expect(HANDLED_EVENTS).toContain('workflow_run.completed');
  });
});

describe('mergeRequests', () => {
  const repo = { id: 1, owner: 'o', name: 'r', fullName: 'o/r' };
  const base = { type: 'evaluate' as const, installationId: 1, repo, sha: 'a'.repeat(40), force: false };
  it('unions PRs, keeps the newer snapshot, and any re-run or new-commit flag', () => {
    const merged = mergeRequests({ ...base, pulls: [3], reason: 'pull_request.synchronize', newCommit: true }, { ...base, pulls: [], reason: 'workflow_run.completed', force: true });
    expect(merged).toMatchObject({ pulls: [3], force: true, newCommit: true, reason: 'pull_request.synchronize, workflow_run.completed' });
    expect(evaluationKey(merged)).toBe(`o/r@${'a'.repeat(40)}`);
  });
});

describe('planComment', () => {
  const input = { mode: 'always' as const, drafts: false, draft: false, conclusion: 'success' as const, existingDigest: undefined as string | undefined, digest: 'd1' };
  it.each([
    [{}, 'create'],
    [{ existingDigest: 'd1' }, 'skip'],
    [{ existingDigest: 'd0' }, 'update'],
    [{ mode: 'never' as const }, 'skip'],
    [{ draft: true }, 'skip'],
    [{ draft: true, drafts: true }, 'create'],
    [{ mode: 'on-failure' as const }, 'skip'],
    [{ mode: 'on-failure' as const, conclusion: 'failure' as const }, 'create'],
    [{ mode: 'on-failure' as const, existingDigest: 'd0' }, 'update'],
  ])('%j -> %s', (change, action) => {
    expect(planComment({ ...input, ...change }).action).toBe(action);
  });
});

describe('mergeRuns', () => {
  it('keeps one entry per run, the later state winning and completed staying completed', () => {
    const a = [{ id: 2, name: 'a11y', status: 'queued', createdAt: '2026-11-20T11:00:00Z' }, { id: 1, name: 'gates', status: 'completed', createdAt: '' }];
    const b = [{ id: 2, name: 'a11y', status: 'in_progress', createdAt: '' }, { id: 1, name: 'gates', status: 'in_progress', createdAt: '' }];
    expect(mergeRuns(a, b)).toEqual([
      { id: 1, name: 'gates', status: 'completed', createdAt: '' },
      { id: 2, name: 'a11y', status: 'in_progress', createdAt: '2026-11-20T11:00:00Z' },
    ]);
  });
});

describe('triggerFor issue_comment', () => {
  it('runs commands of a new comment on an issue, with the sender and the issue labels', () => {
    const payload = withInstallation(examplePayload('issue_comment', 'created'));
    payload.comment.body = 'Thanks!\n/label bug\n';
    const t = triggerFor('issue_comment', payload, self);
    expect(t).toMatchObject({ type: 'command', sender: payload.sender.login, issue: { number: payload.issue.number, isPull: false }, comment: { id: payload.comment.id, body: 'Thanks!\n/label bug\n' } });
    expect(t.type === 'command' && 'previousBody' in t).toBe(false);
  });

  it('knows a PR comment from the issue\'s pull_request link', () => {
    const payload = withInstallation(examplePayload('issue_comment', 'created'));
    payload.comment.body = '/gates rerun';
    payload.issue.pull_request = { url: 'https://api.github.com/repos/o/r/pulls/1', html_url: 'https://github.com/o/r/pull/1', diff_url: 'x', patch_url: 'y', merged_at: null };
    expect(triggerFor('issue_comment', payload, self)).toMatchObject({ type: 'command', issue: { isPull: true } });
  });

  it('keeps the body before an edit, and ignores edits that did not change the body', () => {
    const payload = withInstallation(examplePayload('issue_comment', 'edited'));
    payload.comment.body = `${payload.changes.body.from}\n/override reason: added later`;
    expect(triggerFor('issue_comment', payload, self)).toMatchObject({ type: 'command', previousBody: payload.changes.body.from });
    payload.changes = {};
    expect(triggerFor('issue_comment', payload, self).type).toBe('ignore');
  });

  it('ignores bots, the app itself, and comments without a command line', () => {
    const payload = withInstallation(examplePayload('issue_comment', 'created'));
    payload.comment.body = 'see /usr/bin at the end';
    expect(triggerFor('issue_comment', payload, self)).toEqual({ type: 'ignore', reason: 'issue_comment.created without a command line' });
    payload.comment.body = '/override reason: x';
    payload.sender = { ...payload.sender, login: 'dependabot[bot]', type: 'Bot' };
    expect(triggerFor('issue_comment', payload, self)).toEqual({ type: 'ignore', reason: 'issue_comment.created by a bot' });
    payload.sender = { ...payload.sender, login: self.botLogin, type: 'Bot' };
    expect(triggerFor('issue_comment', payload, self).type).toBe('ignore');
    expect(triggerFor('issue_comment', withInstallation(examplePayload('issue_comment', 'deleted')), self).type).toBe('ignore');
  });

  it('finds a command line after up to three spaces, not after four or a tab', () => {
    expect(hasSlashLine('/help')).toBe(true);
    expect(hasSlashLine('text\r\n   /help')).toBe(true);
    expect(hasSlashLine('text\n    /help')).toBe(false);
    expect(hasSlashLine('\t/help')).toBe(false);
    expect(hasSlashLine('a /help')).toBe(false);
    expect(hasSlashLine('')).toBe(false);
  });
});
