import type { Probot } from 'probot';
import type { WorkflowFile } from '../../core/drift/types.js';
import type { EvidenceProducer } from '../../core/evidence/types.js';
import type { GitHub } from '../github/github.js';
import type { AppMetrics } from '../metrics.js';
import { sweepDrift, type RepoSweepResult } from './sweep-drift.js';

/** What the scheduler sweeps with. */
export interface DriftSchedule {
  template: WorkflowFile[];
  templateSource: string;
  intervalMs: number;
  dryRun: boolean;
}

/** One installation's part of a sweep. */
export interface InstallationSweep {
  installationId: number;
  account: string;
  results: RepoSweepResult[];
  error?: unknown;
}

/**
 * Runs the drift sweep for every installation of the app on the app's own timer: the next sweep
 * starts one interval after the previous one ended, so sweeps never overlap. One installation's
 * failure is logged and counted, and the others are still swept.
 */
export class DriftScheduler {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<InstallationSweep[]> | undefined;
  #stopped = false;

  constructor(
    private readonly app: Probot,
    private readonly schedule: DriftSchedule,
    private readonly metrics: AppMetrics,
    private readonly producer: EvidenceProducer,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Schedules the first sweep one interval from now. */
  start(): void {
    this.#stopped = false;
    this.app.log.info({ intervalMs: this.schedule.intervalMs, dryRun: this.schedule.dryRun, template: this.schedule.templateSource }, 'drift sweep scheduled');
    this.#next();
  }

  /** Stops the timer and waits for a sweep under way. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running?.catch(() => undefined);
  }

  /** One sweep over every installation now (the timer calls this; a second call joins a sweep under way). */
  sweepAll(): Promise<InstallationSweep[]> {
    this.#running ??= this.#sweepAll().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  #next(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      void this.sweepAll()
        .catch((error: unknown) => {
          // Listing the installations failed (GitHub down, key revoked): try again at the next interval.
          this.metrics.driftSweeps.inc({ outcome: 'error' });
          this.app.log.error({ err: error }, 'drift sweep failed');
        })
        .finally(() => this.#next());
    }, this.schedule.intervalMs);
    // The timer alone does not keep the process alive: the server does.
    this.#timer.unref();
  }

  async #sweepAll(): Promise<InstallationSweep[]> {
    const end = this.metrics.driftSweepDuration.startTimer();
    const jwt = await this.app.auth();
    const installations = await jwt.paginate(jwt.rest.apps.listInstallations, { per_page: 100 });
    const sweeps: InstallationSweep[] = [];
    for (const installation of installations) {
      // A user or organization has a login; an enterprise installation has a name instead.
      const owner = installation.account as { login?: string; name?: string } | null;
      const account = owner?.login ?? owner?.name ?? String(installation.id);
      const log = this.app.log.child({ installation: installation.id, account, dryRun: this.schedule.dryRun });
      try {
        const octokit = (await this.app.auth(installation.id)) as unknown as GitHub;
        this.metrics.instrument(octokit, installation.id);
        const results = await sweepDrift(octokit, { template: this.schedule.template, templateSource: this.schedule.templateSource, dryRun: this.schedule.dryRun, now: this.now().toISOString(), producer: this.producer });
        for (const r of results) {
          this.metrics.driftRepos.inc({ status: r.status, action: r.action, dry_run: String(r.dryRun) });
          if (r.status !== 'clean' || r.action !== 'none') log.info({ repo: r.repo, status: r.status, action: r.action, files: r.files, pull: r.pullUrl, changes: r.result.changes.length }, r.dryRun ? `drift: would ${r.action}` : `drift: ${r.action}`);
        }
        log.info({ repos: results.length, drifted: results.filter((r) => r.status === 'drift').length, invalid: results.filter((r) => r.status === 'invalid').length }, 'drift sweep of the installation done');
        this.metrics.driftSweeps.inc({ outcome: 'done' });
        sweeps.push({ installationId: installation.id, account, results });
      } catch (error) {
        this.metrics.driftSweeps.inc({ outcome: 'error' });
        log.error({ err: error }, 'drift sweep of the installation failed');
        sweeps.push({ installationId: installation.id, account, results: [], error });
      }
    }
    end();
    return sweeps;
  }
}
