import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { GitHub } from '../adapters/github/github.js';
import { routeTemplate } from '../adapters/github/route-template.js';

/** The app's Prometheus metrics, in a registry of its own (served at /metrics). */
export class AppMetrics {
  readonly registry = new Registry();
  readonly deliveries = new Counter({ name: 'maestro_webhook_deliveries_total', help: 'Webhook deliveries by event and what the app did with them (queued, tracked, command, dispatch, ignored, duplicate).', labelNames: ['event', 'outcome'] as const, registers: [this.registry] });
  readonly refusedDeliveries = new Counter({ name: 'maestro_webhook_refused_total', help: 'Requests to the webhook endpoint refused before any handler saw them, by reason (method, headers, too-large, signature, not-json).', labelNames: ['reason'] as const, registers: [this.registry] });
  readonly evaluations = new Histogram({
    name: 'maestro_evaluation_duration_seconds',
    help: 'Time of one queued evaluation, from start to published check run.',
    labelNames: ['status'] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
    registers: [this.registry],
  });
  readonly evaluationErrors = new Counter({ name: 'maestro_evaluation_errors_total', help: 'Evaluations that threw, by whether they will be retried.', labelNames: ['retry'] as const, registers: [this.registry] });
  readonly decisions = new Counter({ name: 'maestro_control_decisions_total', help: 'Control decisions published, by result.', labelNames: ['result'] as const, registers: [this.registry] });
  readonly conclusions = new Counter({ name: 'maestro_gate_conclusions_total', help: 'Gate conclusions published, by conclusion.', labelNames: ['conclusion'] as const, registers: [this.registry] });
  readonly githubRequests = new Counter({ name: 'maestro_github_requests_total', help: 'GitHub API requests, by method, route template and status.', labelNames: ['method', 'route', 'status'] as const, registers: [this.registry] });
  readonly rateLimitRemaining = new Gauge({ name: 'maestro_github_rate_limit_remaining', help: 'Requests left in the current rate-limit window, as last reported by GitHub, by installation.', labelNames: ['installation'] as const, registers: [this.registry] });
  #depth: (() => Promise<{ waiting: number; running: number }>) | undefined;
  #reading: Promise<{ waiting: number; running: number }> | undefined;
  readonly queueWaiting: Gauge = new Gauge({ name: 'maestro_queue_waiting', help: 'Evaluations queued and not yet running (waiting for their coalescing delay, a retry or a free worker), in every replica sharing the queue.', registers: [this.registry], collect: async (): Promise<void> => this.queueWaiting.set((await this.#readDepth()).waiting) });
  readonly queueRunning: Gauge = new Gauge({ name: 'maestro_queue_running', help: 'Evaluations running now, in every replica sharing the queue.', registers: [this.registry], collect: async (): Promise<void> => this.queueRunning.set((await this.#readDepth()).running) });
  readonly commands = new Counter({ name: 'maestro_commands_total', help: 'Slash commands, by what became of them (done, refused, error; failed: the handling threw; duplicate: a comment handled before, delivered again).', labelNames: ['status'] as const, registers: [this.registry] });
  readonly waiverExpiries = new Counter({ name: 'maestro_waiver_expiries_total', help: 'Expired waivers whose pull request was decided again.', registers: [this.registry] });
  readonly driftSweeps = new Counter({ name: 'maestro_drift_sweeps_total', help: 'Drift sweeps of an installation, by outcome (done or error).', labelNames: ['outcome'] as const, registers: [this.registry] });
  readonly driftRepos = new Counter({ name: 'maestro_drift_repositories_total', help: 'Repositories swept for CI drift, by status, fix pull request action and dry run.', labelNames: ['status', 'action', 'dry_run'] as const, registers: [this.registry] });
  readonly driftSweepDuration = new Histogram({ name: 'maestro_drift_sweep_duration_seconds', help: 'Time of one drift sweep over every installation.', buckets: [1, 5, 15, 60, 300, 900, 3600], registers: [this.registry] });
  readonly driftEvidence = new Counter({ name: 'maestro_drift_evidence_total', help: 'Drift sweeps of an installation whose reports were written to the evidence store, by outcome (stored or error).', labelNames: ['outcome'] as const, registers: [this.registry] });
  readonly driftDispatches = new Counter({ name: 'maestro_drift_dispatches_total', help: 'repository_dispatch deliveries asking for a drift sweep, by outcome (started, refused, throttled) and reason.', labelNames: ['outcome', 'reason'] as const, registers: [this.registry] });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'maestro_' });
  }

  /** Has the queue gauges read the queue whenever /metrics is scraped. */
  watchQueue(depth: () => Promise<{ waiting: number; running: number }>): void {
    this.#depth = depth;
  }

  /** One read of the queue for both gauges of a scrape. */
  #readDepth(): Promise<{ waiting: number; running: number }> {
    if (!this.#depth) return Promise.resolve({ waiting: 0, running: 0 });
    this.#reading ??= this.#depth().finally(() => setTimeout(() => (this.#reading = undefined), 0));
    return this.#reading;
  }

  /** Counts every request of one client by route template, and records the rate limit GitHub reports. */
  instrument(octokit: GitHub, installationId: number): void {
    octokit.hook.after('request', (response, options) => {
      this.githubRequests.inc({ method: String(options.method), route: routeTemplate(octokit, String(options.method), String(options.url)), status: String(response.status) });
      const remaining = (response.headers as Record<string, string | undefined>)['x-ratelimit-remaining'];
      if (remaining !== undefined && remaining !== '') this.rateLimitRemaining.set({ installation: String(installationId) }, Number(remaining));
    });
    octokit.hook.error('request', (error, options) => {
      this.githubRequests.inc({ method: String(options.method), route: routeTemplate(octokit, String(options.method), String(options.url)), status: String((error as { status?: number }).status ?? 'error') });
      throw error;
    });
  }
}
