import { randomUUID } from 'node:crypto';
import type { Probot } from 'probot';
import type { TemplateManifest } from '../../core/drift/parse-template-manifest.js';
import type { ReleaseLookup } from '../../core/drift/template-releases.js';
import type { DriftSweepSummary } from '../../core/drift/to-drift-sweep-summary.js';
import type { WorkflowFile } from '../../core/drift/types.js';
import type { EvidenceProducer } from '../../core/evidence/types.js';
import type { EvidenceStore } from '../../core/ports/evidence-store.js';
import type { GitHub } from '../../adapters/github/github.js';
import type { AppMetrics } from '../metrics.js';
import type { StateStore } from '../../core/ports/state-store.js';
import type { DriftFixer } from './drift-fix-app.js';
import { storeDriftSweep } from './store-drift-sweep.js';
import { sweepDrift, type RepoSweepResult } from './sweep-drift.js';

/** What the scheduler sweeps with. */
export interface DriftSchedule {
  /** The template's files (with a manifest: one per entry, in its order). */
  template: WorkflowFile[];
  templateSource: string;
  /** The template repository (owner/name) and its releases: its own pins are compared by release; absent: by SHA. */
  releases?: { repository: string; lookup: ReleaseLookup };
  /** Which template applies to which repository (templates/manifest.yml); absent: all of them to every repository. */
  manifest?: TemplateManifest;
  /** The drift-fix App (DRIFT_APP_ID): absent, drifts are reported with the command that fixes them, and no pull request is written. */
  fixer?: DriftFixer;
  /** Milliseconds between the end of a timed sweep and the start of the next; absent: sweeps only when dispatched. */
  intervalMs?: number;
  dryRun: boolean;
  /** Where each sweep's drift-reports and summary are stored; absent: they are only logged. */
  store?: EvidenceStore;
  /** The repository of an installation's account whose repository_dispatch starts a sweep (default .github); null: none. */
  dispatchRepo?: string | null;
}

/** How one installation is swept: by the timer, or dispatched by its account. */
export interface SweepRun {
  dryRun: boolean;
  trigger: DriftSweepSummary['sweep']['trigger'];
  /** Fewer fix pull requests written than the sweep's default budget. */
  maxRepoWrites?: number;
}

/** One installation's part of a sweep. */
export interface InstallationSweep {
  installationId: number;
  account: string;
  results: RepoSweepResult[];
  error?: unknown;
  /** Key of the stored sweep summary, when a store is configured and storing worked. */
  stored?: string;
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
  /** Sweeps under way per installation, so a dispatched sweep never runs beside another of the same installation. */
  readonly #installations = new Map<number, Promise<InstallationSweep>>();
  /** When each installation's last sweep started. */
  readonly #lastStart = new Map<number, number>();

  constructor(
    private readonly app: Probot,
    readonly schedule: DriftSchedule,
    private readonly metrics: AppMetrics,
    private readonly producer: EvidenceProducer,
    private readonly now: () => Date = () => new Date(),
    /** Shared with the other replicas (Redis): a timed sweep of an installation is claimed in it, so one replica sweeps it per interval. */
    private readonly state?: StateStore,
  ) {
    // The drift-fix App's requests are counted with the App's own, by route.
    schedule.fixer?.instrumentWith?.((octokit, installationId) => metrics.instrument(octokit, installationId));
  }

  /** Schedules the first sweep one interval from now (without an interval, sweeps only run when dispatched). */
  start(): void {
    this.#stopped = false;
    this.app.log.info({ intervalMs: this.schedule.intervalMs, dryRun: this.schedule.dryRun, template: this.schedule.templateSource, manifest: this.schedule.manifest?.file, fixApp: this.schedule.fixer?.appId ?? null, store: this.schedule.store?.url, dispatchRepo: this.schedule.dispatchRepo }, this.schedule.intervalMs ? 'drift sweep scheduled' : 'drift sweep on dispatch only');
    this.#next();
  }

  /** Stops the timer and waits for the sweeps under way. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running?.catch(() => undefined);
    await this.idle();
  }

  /** Resolves when no installation is being swept. */
  async idle(): Promise<void> {
    while (this.#installations.size > 0) await Promise.allSettled([...this.#installations.values()]);
  }

  /** Milliseconds since the installation's last sweep started, or undefined when it is being swept now or never was. */
  sinceLastSweep(installationId: number): number | undefined {
    if (this.#installations.has(installationId)) return 0;
    const last = this.#lastStart.get(installationId);
    return last === undefined ? undefined : this.now().getTime() - last;
  }

  /**
   * Sweeps one installation now, its failure logged, counted and returned rather than thrown;
   * a call while that installation is being swept joins the sweep under way.
   */
  sweepInstallation(installationId: number, account: string, run: SweepRun): Promise<InstallationSweep> {
    const running = this.#installations.get(installationId);
    if (running) return running;
    const sweep = this.#sweepInstallation(installationId, account, run).finally(() => this.#installations.delete(installationId));
    this.#installations.set(installationId, sweep);
    return sweep;
  }

  /** One sweep over every installation now (the timer calls this; a second call joins a sweep under way). */
  sweepAll(): Promise<InstallationSweep[]> {
    this.#running ??= this.#sweepAll().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  #next(): void {
    if (this.#stopped || !this.schedule.intervalMs) return;
    this.#timer = setTimeout(() => {
      void (this.#running ??= this.#sweepAll(true).finally(() => {
        this.#running = undefined;
      }))
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

  async #sweepAll(claim = false): Promise<InstallationSweep[]> {
    const end = this.metrics.driftSweepDuration.startTimer();
    const jwt = await this.app.auth();
    const installations = await jwt.paginate(jwt.rest.apps.listInstallations, { per_page: 100 });
    const sweeps: InstallationSweep[] = [];
    for (const installation of installations) {
      // A user or organization has a login; an enterprise installation has a name instead.
      const owner = installation.account as { login?: string; name?: string } | null;
      const account = owner?.login ?? owner?.name ?? String(installation.id);
      if (claim && !(await this.#claim(installation.id))) {
        this.app.log.info({ installation: installation.id, account }, 'drift sweep of the installation left to the replica that claimed it this interval');
        continue;
      }
      sweeps.push(await this.sweepInstallation(installation.id, account, { dryRun: this.schedule.dryRun, trigger: { type: 'timer' } }));
    }
    end();
    return sweeps;
  }

  /**
   * Claims the installation's timed sweep for most of an interval (90%, so the claim has lapsed when
   * the next interval comes); replicas whose timers fire within that time leave the sweep to the
   * claimant. Without a shared store every replica sweeps.
   */
  async #claim(installationId: number): Promise<boolean> {
    if (!this.state || !this.schedule.intervalMs) return true;
    const mine = randomUUID();
    const ttlSeconds = Math.max(60, Math.floor((this.schedule.intervalMs * 0.9) / 1000));
    return (await this.state.update<string>(`drift-timer:${installationId}`, ttlSeconds, (current) => current ?? mine)) === mine;
  }

  async #sweepInstallation(installationId: number, account: string, run: SweepRun): Promise<InstallationSweep> {
    const startedAt = this.now();
    this.#lastStart.set(installationId, startedAt.getTime());
    const log = this.app.log.child({ installation: installationId, account, dryRun: run.dryRun, trigger: run.trigger.type });
    let results: RepoSweepResult[];
    try {
      const octokit = (await this.app.auth(installationId)) as unknown as GitHub;
      this.metrics.instrument(octokit, installationId);
      results = await sweepDrift(octokit, { template: this.schedule.template, templateSource: this.schedule.templateSource, ...(this.schedule.releases ? { releases: this.schedule.releases } : {}), ...(this.schedule.manifest ? { manifest: this.schedule.manifest } : {}), ...(this.schedule.fixer ? { fixer: this.schedule.fixer } : {}), dryRun: run.dryRun, now: startedAt.toISOString(), producer: this.producer, ...(run.maxRepoWrites === undefined ? {} : { maxRepoWrites: run.maxRepoWrites }) });
    } catch (error) {
      this.metrics.driftSweeps.inc({ outcome: 'error' });
      log.error({ err: error }, 'drift sweep of the installation failed');
      return { installationId, account, results: [], error };
    }
    for (const r of results) {
      this.metrics.driftRepos.inc({ status: r.status, action: r.action, dry_run: String(r.dryRun) });
      // A drift no pull request fixes is a warning naming the command that fixes it by hand: never dropped silently.
      if (r.action === 'report') log.warn({ repo: r.repo, status: r.status, action: r.action, reason: r.reason, fix: (r.report?.data as { fix?: string } | undefined)?.fix, changes: r.result.changes.length }, 'drift: reported, no fix pull request');
      else if (r.status !== 'clean' || r.action !== 'none') log.info({ repo: r.repo, status: r.status, action: r.action, files: r.files, pull: r.pullUrl, changes: r.result.changes.length }, r.dryRun ? `drift: would ${r.action}` : `drift: ${r.action}`);
    }
    log.info({ repos: results.length, drifted: results.filter((r) => r.status === 'drift').length, invalid: results.filter((r) => r.status === 'invalid').length }, 'drift sweep of the installation done');
    this.metrics.driftSweeps.inc({ outcome: 'done' });
    const sweep: InstallationSweep = { installationId, account, results };
    if (!this.schedule.store) return sweep;
    try {
      const stored = await storeDriftSweep(this.schedule.store, { startedAt: startedAt.toISOString(), endedAt: this.now().toISOString(), account, installationId, trigger: run.trigger, dryRun: run.dryRun, templateSource: this.schedule.templateSource }, this.producer, results);
      this.metrics.driftEvidence.inc({ outcome: 'stored' });
      log.info({ store: this.schedule.store.url, summary: stored.summaryKey, reports: stored.reports }, 'drift evidence stored');
      return { ...sweep, stored: stored.summaryKey };
    } catch (error) {
      // The sweep itself is done (pull requests opened): its evidence is missing, which the metric and the log make visible.
      this.metrics.driftEvidence.inc({ outcome: 'error' });
      log.error({ err: error, store: this.schedule.store.url }, 'drift evidence could not be stored');
      return { ...sweep, error };
    }
  }
}
