/** What a dispatch asking for a sweep says: where it came from, who sent it, with which payload. */
export interface SweepDispatch {
  repo: { owner: string; name: string; fullName: string };
  sender: { login: string; type: string };
  clientPayload: unknown;
}

/** Most fix pull requests a sweep writes, and so the most a dispatch may ask for. */
export const MAX_REPO_WRITES = 100;

/** Least time between two sweeps of one installation started by dispatch: a loop of dispatches cannot spend the rate limit. */
export const DISPATCH_MIN_INTERVAL_MS = 5 * 60_000;

/** What the app's settings and state say about a dispatch. */
export interface DispatchPolicy {
  /** Repository name (in the installation's account) allowed to dispatch; null: none; undefined: sweeps are not configured. */
  dispatchRepo: string | null | undefined;
  /** The app's own dry-run setting: a dispatch can ask for a dry run, never for writes the app does not make. */
  dryRun: boolean;
  /** Milliseconds since the installation's last sweep started (0 while one runs); undefined: never swept. */
  sinceLastSweepMs: number | undefined;
}

/** Why a dispatch is not acted on: the metric's reason label and a sentence for the log. */
export type DispatchRefusal = { outcome: 'refused' | 'throttled'; reason: 'not-configured' | 'repository' | 'payload' | 'sender' | 'recent'; message: string };

/** A dispatch that may go ahead once its sender is found to be an admin of the repository. */
export interface DispatchAccepted {
  outcome: 'check-sender';
  dryRun: boolean;
  maxRepoWrites?: number;
}

/**
 * Decides a drift-sweep dispatch, all but the sender's permission (a GitHub request): it must come
 * from the configured repository of the installation's account, carry at most
 * `{"dry_run": boolean, "max_repo_writes": 0..100}`, be sent by a person (an app's bot cannot
 * be an admin of the repository), and not follow the installation's last sweep too closely.
 */
export function decideDriftDispatch(request: SweepDispatch, policy: DispatchPolicy): DispatchRefusal | DispatchAccepted {
  if (policy.dispatchRepo === undefined) return { outcome: 'refused', reason: 'not-configured', message: 'drift sweeps are not configured (DRIFT_TEMPLATE is not set)' };
  if (policy.dispatchRepo === null) return { outcome: 'refused', reason: 'repository', message: 'drift sweeps are not dispatched (DRIFT_DISPATCH_REPO=none)' };
  if (request.repo.name.toLowerCase() !== policy.dispatchRepo.toLowerCase()) return { outcome: 'refused', reason: 'repository', message: `drift sweeps are dispatched from ${request.repo.owner}/${policy.dispatchRepo}, not from ${request.repo.fullName}` };
  const payload = readPayload(request.clientPayload);
  if (typeof payload === 'string') return { outcome: 'refused', reason: 'payload', message: `client_payload ${payload}` };
  if (request.sender.type !== 'User') return { outcome: 'refused', reason: 'sender', message: `${request.sender.login} is a ${request.sender.type}, not a person who can be an admin of ${request.repo.fullName}` };
  if (policy.sinceLastSweepMs !== undefined && policy.sinceLastSweepMs < DISPATCH_MIN_INTERVAL_MS) {
    return { outcome: 'throttled', reason: 'recent', message: policy.sinceLastSweepMs === 0 ? 'the installation is being swept now' : `the installation was swept ${Math.round(policy.sinceLastSweepMs / 1000)} s ago; dispatched sweeps are at least ${DISPATCH_MIN_INTERVAL_MS / 60_000} minutes apart` };
  }
  return { outcome: 'check-sender', dryRun: policy.dryRun || payload.dry_run === true, ...(payload.max_repo_writes === undefined ? {} : { maxRepoWrites: payload.max_repo_writes }) };
}

/** The client_payload's settings, or what is wrong with it. */
function readPayload(value: unknown): { dry_run?: boolean; max_repo_writes?: number } | string {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) return 'must be an object';
  const payload = value as Record<string, unknown>;
  const unknown = Object.keys(payload).filter((k) => k !== 'dry_run' && k !== 'max_repo_writes');
  if (unknown.length > 0) return `has unknown keys ${unknown.slice(0, 5).map((k) => JSON.stringify(k.slice(0, 40))).join(', ')} (allowed: dry_run, max_repo_writes)`;
  if (payload.dry_run !== undefined && typeof payload.dry_run !== 'boolean') return 'dry_run must be true or false';
  const writes = payload.max_repo_writes;
  if (writes !== undefined && !(typeof writes === 'number' && Number.isInteger(writes) && writes >= 0 && writes <= MAX_REPO_WRITES)) return `max_repo_writes must be a whole number from 0 to ${MAX_REPO_WRITES}`;
  return payload as { dry_run?: boolean; max_repo_writes?: number };
}
