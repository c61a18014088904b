import type { RepoRef } from '../pr/repo-ref.js';
import type { Ignored } from './types.js';

/** The repository_dispatch event_type that asks the app for a drift sweep of the sender's installation. */
export const DRIFT_SWEEP_EVENT_TYPE = 'maestro-drift-sweep';

/** A repository_dispatch asking for a drift sweep: who sent it, from which repository, with which client_payload. */
export interface DriftSweepRequest {
  type: 'drift-sweep';
  installationId: number;
  repo: RepoRef;
  sender: { login: string; type: string };
  /** As sent; checked by `decideDriftDispatch`. */
  clientPayload: unknown;
  reason: string;
}

type Json = Record<string, unknown>;

/** The drift-sweep request a repository_dispatch delivery carries; one without a sender is ignored. */
export function driftSweepRequestOf(base: { installationId: number; repo: RepoRef; reason: string }, payload: Json): DriftSweepRequest | Ignored {
  const sender = (payload.sender ?? {}) as Json;
  const login = typeof sender.login === 'string' ? sender.login : '';
  if (!login) return { type: 'ignore', reason: `${base.reason} without a sender` };
  return { type: 'drift-sweep', ...base, sender: { login, type: typeof sender.type === 'string' ? sender.type : 'User' }, clientPayload: payload.client_payload ?? null };
}
