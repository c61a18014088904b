import { Counter, type Registry } from 'prom-client';
import type { EvidenceProducer, EvidenceReport } from '../core/evidence/types.js';
import type { GateResult } from '../core/engine/types.js';
import { toDecisionLog } from '../core/engine/to-decision-log.js';
import { MaestroError } from '../core/errors.js';
import type { EvidenceStore } from '../core/ports/evidence-store.js';
import { canonicalJson } from '../core/util/canonical-json.js';
import { sha256Hex } from '../core/util/sha256.js';

/** Folder of the decision logs below the store's root. */
export const DECISION_LOG_PREFIX = 'decision-logs';

/** A stored decision log is small; a larger object under its key is not read. */
const MAX_LOG_BYTES = 8 * 1024 * 1024;

/** What became of one decision log: newly written, or already stored (a redelivery or an unchanged re-evaluation). */
export type DecisionLogWrite = 'written' | 'stored';

/** Where the failures of the decision log store are told: the app's log and metrics. */
export interface DecisionLogReporting {
  warn: (fields: Record<string, unknown>, message: string) => void;
  /** The app's metrics registry, where the outcomes are counted. */
  registry?: Registry;
}

/** The digest of a log's decisions, without the times it was decided at: the same decision made again is the same log. */
export function decisionDigest(log: EvidenceReport): string {
  const { createdAt: _created, data, ...rest } = log as EvidenceReport & { data: { gate: Record<string, unknown> } };
  const { evaluatedAt: _evaluated, ...gate } = data.gate;
  return sha256Hex(canonicalJson({ ...rest, data: { ...data, gate } }));
}

/** The key of a pull request's decision log: `decision-logs/<owner>/<repo>/<head sha>/pr-<n>-<decision digest>.json`. */
export function decisionLogKey(log: EvidenceReport, digest: string): string {
  return `${DECISION_LOG_PREFIX}/${log.subject.repo}/${log.subject.sha}/pr-${log.subject.pr}-${digest.slice(0, 16)}.json`;
}

/**
 * Keeps each pull request's decision log write-once in a store (DECISION_LOG_STORE), where
 * `maestro evidence bundle --pack --decision-logs <store>` reads it. A store that fails is logged and
 * counted, never fails the evaluation: the check run is what branch protection waits for.
 */
export class DecisionLogStore {
  readonly outcomes: Counter<'outcome'>;

  constructor(readonly store: EvidenceStore, private readonly reporting: DecisionLogReporting) {
    this.outcomes = new Counter({ name: 'maestro_decision_logs_total', help: 'Pull request decision logs sent to DECISION_LOG_STORE, by outcome (written, stored: already there, error).', labelNames: ['outcome'] as const, registers: reporting.registry ? [reporting.registry] : [] });
  }

  /** Writes the result's decision log unless the same decision is stored; a failure is reported and returns 'error'. */
  async keep(result: GateResult, producer: EvidenceProducer): Promise<DecisionLogWrite | 'error'> {
    const log = toDecisionLog(result, producer);
    const digest = decisionDigest(log);
    const key = decisionLogKey(log, digest);
    try {
      const outcome = await this.#write(key, log, digest);
      this.outcomes.inc({ outcome });
      return outcome;
    } catch (err) {
      this.outcomes.inc({ outcome: 'error' });
      this.reporting.warn({ err, store: this.store.url, key, repo: result.subject.repo, sha: result.subject.sha, pr: result.subject.pr }, 'the decision log could not be written to DECISION_LOG_STORE; the check run is published all the same');
      return 'error';
    }
  }

  async #write(key: string, log: EvidenceReport, digest: string): Promise<DecisionLogWrite> {
    const bytes = Buffer.from(`${JSON.stringify(log, null, 2)}\n`);
    if (await this.store.create(key, bytes)) return 'written';
    const existing = await this.store.read(key, MAX_LOG_BYTES);
    if (existing && (existing.equals(bytes) || sameDecision(existing, digest))) return 'stored';
    throw new MaestroError('STORE_OBJECT_EXISTS', `${this.store.url}/${key} holds another decision log than this evaluation's`, { remedy: 'check who else writes to DECISION_LOG_STORE; each App installation needs a store (or prefix) of its own.' });
  }
}

function sameDecision(bytes: Buffer, digest: string): boolean {
  try {
    return decisionDigest(JSON.parse(bytes.toString('utf8')) as EvidenceReport) === digest;
  } catch {
    return false;
  }
}
