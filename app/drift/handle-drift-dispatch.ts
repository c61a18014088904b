import type { DriftSweepRequest } from '../../core/triggers/drift-sweep-request.js';
import { randomUUID } from 'node:crypto';
import { DISPATCH_MIN_INTERVAL_MS, decideDriftDispatch } from '../../core/drift/decide-drift-dispatch.js';
import { repoParams, type GitHub } from '../../adapters/github/github.js';
import type { AppMetrics } from '../metrics.js';
import type { StateStore } from '../../core/ports/state-store.js';
import type { DriftScheduler, InstallationSweep } from './drift-scheduler.js';

/** A logger as Probot gives one. */
interface Log {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/** What became of a dispatch: `started` with the sweep under way (the delivery is answered before it ends). */
export type DispatchOutcome = { outcome: 'started'; sweep: Promise<InstallationSweep> } | { outcome: 'refused' | 'throttled'; reason: string };

/**
 * Handles a repository_dispatch asking for a drift sweep: decided by `decideDriftDispatch`, then
 * the sender's permission on the repository is read from GitHub (one request) and only an admin's
 * dispatch starts a sweep of that installation. Every refusal is logged and counted by reason.
 * The admin's dispatch then claims the installation in the state store for the minimum interval,
 * so replicas sharing Redis never start two dispatched sweeps of it (a refused sender cannot
 * take the claim and keep admins waiting).
 */
export async function handleDriftDispatch(octokit: GitHub, request: DriftSweepRequest, scheduler: DriftScheduler | undefined, metrics: AppMetrics, log: Log, state: StateStore): Promise<DispatchOutcome> {
  const refuse = (outcome: 'refused' | 'throttled', reason: string, message: string): DispatchOutcome => {
    metrics.driftDispatches.inc({ outcome, reason });
    log.warn({ repo: request.repo.fullName, sender: request.sender.login, reason }, `drift sweep dispatch ${outcome}: ${message}`);
    return { outcome, reason };
  };
  const decision = decideDriftDispatch(request, {
    dispatchRepo: scheduler ? (scheduler.schedule.dispatchRepo === undefined ? '.github' : scheduler.schedule.dispatchRepo) : undefined,
    dryRun: scheduler?.schedule.dryRun ?? true,
    sinceLastSweepMs: scheduler?.sinceLastSweep(request.installationId),
  });
  if (decision.outcome !== 'check-sender') return refuse(decision.outcome, decision.reason, decision.message);
  const permission = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repoParams(request.repo), username: request.sender.login }).then(
    ({ data }) => data.permission,
    (error: { status?: number }) => {
      // Not a collaborator at all: GitHub answers 404.
      if (error.status === 404) return 'none';
      throw error;
    },
  );
  if (permission !== 'admin') return refuse('refused', 'sender', `${request.sender.login} has ${permission} permission on ${request.repo.fullName}, not admin`);
  const claim = randomUUID();
  const holder = await state.update<string>(`drift-dispatch:${request.installationId}`, DISPATCH_MIN_INTERVAL_MS / 1000, (current) => current ?? claim);
  if (holder !== claim) return refuse('throttled', 'recent', `another replica started a dispatched sweep of the installation less than ${DISPATCH_MIN_INTERVAL_MS / 60_000} minutes ago`);
  metrics.driftDispatches.inc({ outcome: 'started', reason: '' });
  log.info({ repo: request.repo.fullName, sender: request.sender.login, dryRun: decision.dryRun, maxRepoWrites: decision.maxRepoWrites }, 'drift sweep dispatched');
  const sweep = scheduler!.sweepInstallation(request.installationId, request.repo.owner, {
    dryRun: decision.dryRun,
    trigger: { type: 'dispatch', repo: request.repo.fullName, sender: request.sender.login },
    ...(decision.maxRepoWrites === undefined ? {} : { maxRepoWrites: decision.maxRepoWrites }),
  });
  // The sweep logs and counts its own failures; this only keeps an unexpected one from going unhandled.
  sweep.catch((error: unknown) => log.warn({ err: error, repo: request.repo.fullName }, 'dispatched drift sweep failed'));
  return { outcome: 'started', sweep };
}
