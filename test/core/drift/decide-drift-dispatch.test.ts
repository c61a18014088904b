import { describe, expect, it } from '@jest/globals';
import { driftSweepRequestOf, type DriftSweepRequest } from '../../../core/triggers/drift-sweep-request.js';
import { triggerFor } from '../../../core/triggers/triggers.js';
import { decideDriftDispatch, type DispatchPolicy } from '../../../core/drift/decide-drift-dispatch.js';
import { examplePayload } from '../../helpers/webhook-examples.js';

const self = { appId: 2, botLogin: 'maestro-conductor[bot]' };
const repo = { id: 1, owner: 'acme', name: '.github', fullName: 'acme/.github' };
const request = (over: Partial<DriftSweepRequest> = {}): DriftSweepRequest => ({ type: 'drift-sweep', installationId: 7, repo, sender: { login: 'ada', type: 'User' }, clientPayload: {}, reason: 'repository_dispatch.maestro-drift-sweep', ...over });
const policy: DispatchPolicy = { dispatchRepo: '.github', dryRun: false, sinceLastSweepMs: undefined };

describe('triggerFor on repository_dispatch', () => {
  it('asks for a drift sweep on event_type maestro-drift-sweep, with the sender and the client_payload', () => {
    const payload = examplePayload('repository_dispatch', 'on-demand-test');
    payload.action = 'maestro-drift-sweep';
    payload.client_payload = { dry_run: true };
    expect(triggerFor('repository_dispatch', payload, self)).toEqual({
      type: 'drift-sweep',
      installationId: payload.installation.id,
      repo: { id: payload.repository.id, owner: 'octo-org', name: 'octo-repo', fullName: 'octo-org/octo-repo', defaultBranch: 'master' },
      sender: { login: 'Codertocat', type: 'User' },
      clientPayload: { dry_run: true },
      reason: 'repository_dispatch.maestro-drift-sweep',
    });
  });

  it('ignores other event types, and dispatches without a sender', () => {
    const payload = examplePayload('repository_dispatch', 'on-demand-test');
    expect(triggerFor('repository_dispatch', payload, self)).toEqual({ type: 'ignore', reason: 'repository_dispatch.on-demand-test is not handled' });
    expect(driftSweepRequestOf({ installationId: 1, repo, reason: 'r' }, {})).toEqual({ type: 'ignore', reason: 'r without a sender' });
  });
});

describe('decideDriftDispatch', () => {
  it.each<[string, DriftSweepRequest, Partial<DispatchPolicy>, ReturnType<typeof decideDriftDispatch>]>([
    ['goes on to the sender check from the .github repository', request(), {}, { outcome: 'check-sender', dryRun: false }],
    ['takes a dry run and a smaller write budget from the client_payload', request({ clientPayload: { dry_run: true, max_repo_writes: 5 } }), {}, { outcome: 'check-sender', dryRun: true, maxRepoWrites: 5 }],
    ['cannot turn a dry-run app into one that writes', request({ clientPayload: { dry_run: false } }), { dryRun: true }, { outcome: 'check-sender', dryRun: true }],
    ['matches the repository name without case', request({ repo: { ...repo, name: 'Platform-CI', fullName: 'acme/Platform-CI' } }), { dispatchRepo: 'platform-ci' }, { outcome: 'check-sender', dryRun: false }],
    ['refuses when sweeps are not configured', request(), { dispatchRepo: undefined }, { outcome: 'refused', reason: 'not-configured', message: 'drift sweeps are not configured (DRIFT_TEMPLATE is not set)' }],
    ['refuses when dispatches are turned off', request(), { dispatchRepo: null }, { outcome: 'refused', reason: 'repository', message: 'drift sweeps are not dispatched (DRIFT_DISPATCH_REPO=none)' }],
    ['refuses another repository of the account', request({ repo: { ...repo, name: 'web', fullName: 'acme/web' } }), {}, { outcome: 'refused', reason: 'repository', message: 'drift sweeps are dispatched from acme/.github, not from acme/web' }],
    ['refuses unknown client_payload keys', request({ clientPayload: { dry_run: true, repos: ['x'] } }), {}, { outcome: 'refused', reason: 'payload', message: 'client_payload has unknown keys "repos" (allowed: dry_run, max_repo_writes)' }],
    ['refuses a dry_run that is not a boolean', request({ clientPayload: { dry_run: 'yes' } }), {}, { outcome: 'refused', reason: 'payload', message: 'client_payload dry_run must be true or false' }],
    ['refuses a write budget above the app\'s', request({ clientPayload: { max_repo_writes: 1000 } }), {}, { outcome: 'refused', reason: 'payload', message: 'client_payload max_repo_writes must be a whole number from 0 to 100' }],
    ['refuses a client_payload that is a list', request({ clientPayload: [] }), {}, { outcome: 'refused', reason: 'payload', message: 'client_payload must be an object' }],
    ['refuses an app\'s bot as sender', request({ sender: { login: 'ci[bot]', type: 'Bot' } }), {}, { outcome: 'refused', reason: 'sender', message: 'ci[bot] is a Bot, not a person who can be an admin of acme/.github' }],
    ['throttles while the installation is being swept', request(), { sinceLastSweepMs: 0 }, { outcome: 'throttled', reason: 'recent', message: 'the installation is being swept now' }],
    ['throttles within 5 minutes of the last sweep', request(), { sinceLastSweepMs: 60_000 }, { outcome: 'throttled', reason: 'recent', message: 'the installation was swept 60 s ago; dispatched sweeps are at least 5 minutes apart' }],
    ['goes on 5 minutes after the last sweep', request(), { sinceLastSweepMs: 300_000 }, { outcome: 'check-sender', dryRun: false }],
  ])('%s', (_what, req, over, expected) => {
    expect(decideDriftDispatch(req, { ...policy, ...over })).toEqual(expected);
  });
});
