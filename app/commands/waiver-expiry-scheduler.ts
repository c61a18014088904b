import type { Probot } from 'probot';
import type { EvaluationRequest } from '../../core/triggers/types.js';
import { getPull } from '../../adapters/github/find-pull-requests.js';
import type { AppMetrics } from '../metrics.js';
import type { StateStore } from '../../core/ports/state-store.js';
import { takeExpired, type WaiverExpiry } from '../state/waiver-records.js';

/**
 * Decides again, without anyone acting, every open PR whose waiver has expired: the engine stops
 * counting a waiver at the end of its last day, and this timer makes the check say so. Expiries
 * are taken from the shared store atomically, so one replica handles each; a PR that has closed
 * is dropped.
 */
export class WaiverExpiryScheduler {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<WaiverExpiry[]> | undefined;

  constructor(
    private readonly app: Probot,
    private readonly store: StateStore,
    private readonly enqueue: (request: EvaluationRequest) => Promise<void>,
    private readonly intervalMs: number,
    private readonly metrics: AppMetrics,
    private readonly now: () => Date = () => new Date(),
  ) {}

  start(): void {
    clearInterval(this.#timer);
    this.#timer = setInterval(() => void this.checkNow().catch((error: unknown) => this.app.log.error({ err: error }, 'waiver expiry check failed')), this.intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** Re-decides the PRs of every waiver expired by now; returns the expiries handled. */
  checkNow(): Promise<WaiverExpiry[]> {
    this.#running ??= this.#check().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #check(): Promise<WaiverExpiry[]> {
    const due = await takeExpired(this.store, this.now().getTime());
    const seen = new Set<string>();
    for (const expiry of due) {
      const key = `${expiry.repo.fullName}#${expiry.pr}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const octokit = await this.app.auth(expiry.installationId);
      const pr = await getPull(octokit, expiry.repo, expiry.pr);
      if (!pr) continue;
      await this.enqueue({ type: 'evaluate', installationId: expiry.installationId, repo: expiry.repo, sha: pr.headSha, pulls: [pr.number], snapshot: pr, force: true, reason: 'waiver expired' });
      this.metrics.waiverExpiries.inc();
      this.app.log.info({ repo: expiry.repo.fullName, pr: expiry.pr, controlId: expiry.controlId }, 'waiver expired: deciding again');
    }
    return due;
  }
}
