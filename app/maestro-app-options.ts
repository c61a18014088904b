import type { Catalog } from '../core/controls/types.js';
import type { AuditLedger } from '../core/ledger/types.js';
import type { EvaluationProcessor, EvaluationQueue } from '../core/ports/evaluation-queue.js';
import type { StateStore } from '../core/ports/state-store.js';
import type { AppIdentity, EvaluationRequest } from '../core/triggers/types.js';
import type { EvidenceLimits } from '../adapters/github/collect-evidence.js';
import type { DriftSchedule } from './drift/drift-scheduler.js';
import type { AppMetrics } from './metrics.js';
import type { DecisionLogStore } from './decision-log-store.js';

/** How the App is built: its queue and store, its identity, catalog, limits and clock, drift sweeps and ledger. */
export interface MaestroAppOptions {
  /** Builds the queue around the processor (default: the in-process queue). */
  createQueue?: (processor: EvaluationProcessor, onError: (error: unknown, request: EvaluationRequest, willRetry: boolean) => void) => EvaluationQueue;
  store?: StateStore;
  metrics?: AppMetrics;
  /** The app's id (APP_ID): enough to handle deliveries; the bot login is learned from `GET /app` in the background. */
  appId?: number;
  /** The app's whole identity, when known in advance (tests); otherwise learned from `GET /app`. */
  identity?: AppIdentity;
  catalog?: Catalog;
  limits?: EvidenceLimits;
  now?: () => Date;
  /** Sweep every installation for CI drift on a timer; absent: no sweeps. */
  drift?: DriftSchedule;
  /** The audit ledger: waivers, overrides, task creation, refused commands and decision changes. */
  ledger: AuditLedger;
  /** Where each evaluated PR's decision log is kept write-once (DECISION_LOG_STORE); absent: none is kept. */
  decisionLogs?: DecisionLogStore;
  /** How often expired waivers are looked for, so their PRs are decided again (default: 10 minutes). */
  waiverCheckMs?: number;
}
