import type { ApplicationFunctionOptions, Probot } from 'probot';
import { HANDLED_EVENTS, triggerFor, type AppIdentity, type CommandRequest, type EvaluationRequest, type WorkflowRunState } from '../core/app/triggers.js';
import { DEFAULT_CONFIG } from '../core/config/default-config.js';
import type { AuditLedger } from '../core/ledger/types.js';
import type { CommandContext } from './commands/command-context.js';
import { handleComment } from './commands/handle-comment.js';
import { WaiverExpiryScheduler } from './commands/waiver-expiry-scheduler.js';
import type { GitHub } from './github/github.js';
import { readRepoConfig } from './github/read-repo-config.js';
import type { Catalog } from '../core/controls/types.js';
import { prepareAssertions } from '../core/engine/prepare-assertions.js';
import { defaultCatalog } from '../core/generated/catalog.js';
import { assertionValidators } from '../core/generated/assertions.js';
import { VERSION } from '../core/generated/version.js';
import { ArtifactCache, DEFAULT_EVIDENCE_LIMITS, type EvidenceLimits } from './collect-evidence.js';
import { DriftScheduler, type DriftSchedule } from './drift/drift-scheduler.js';
import { handleDriftDispatch } from './drift/handle-drift-dispatch.js';
import { mergeRuns } from '../core/app/merge-runs.js';
import { evaluateCommit, type EvaluationContext } from './evaluate-commit.js';
import { EtagCache } from './github/etag-cache.js';
import { operationsHandler } from './http-routes.js';
import { AppMetrics } from './metrics.js';
import type { EvaluationProcessor, EvaluationQueue } from './queue/evaluation-queue.js';
import { MemoryQueue } from './queue/memory-queue.js';
import { MemoryStateStore } from './state/memory-state-store.js';
import { keys, type StateStore, TTL } from './state/state-store.js';

export interface MaestroAppOptions {
  /** Builds the queue around the processor (default: the in-process queue). */
  createQueue?: (processor: EvaluationProcessor, onError: (error: unknown, request: EvaluationRequest, willRetry: boolean) => void) => EvaluationQueue;
  store?: StateStore;
  metrics?: AppMetrics;
  /** The app's identity; looked up once with `GET /app` when absent. */
  identity?: AppIdentity;
  catalog?: Catalog;
  limits?: EvidenceLimits;
  now?: () => Date;
  /** Serve /healthz and /metrics (the server does; tests of handlers alone do not need them). */
  routes?: boolean;
  /** Sweep every installation for CI drift on a timer; absent: no sweeps. */
  drift?: DriftSchedule;
  /** The audit ledger: waivers, overrides, task creation, refused commands and decision changes. */
  ledger: AuditLedger;
  /** How often expired waivers are looked for, so their PRs are decided again (default: 10 minutes). */
  waiverCheckMs?: number;
}

/**
 * The Maestro Conductor GitHub App. Webhook handlers only decide (the pure `triggerFor`), record
 * what they learned, and queue an evaluation: the delivery is answered before any GitHub write.
 * The queue runs `evaluateCommit` with an installation client per request.
 */
export class MaestroApp {
  readonly metrics: AppMetrics;
  readonly store: StateStore;
  queue: EvaluationQueue | undefined;
  /** The drift sweep's timer, when sweeps are configured. */
  drift: DriftScheduler | undefined;
  readonly #options: MaestroAppOptions;
  readonly #etags = new EtagCache();
  readonly #artifacts = new ArtifactCache();
  #identity: Promise<AppIdentity> | undefined;
  readonly #pending = new Set<Promise<void>>();
  readonly #byIssue = new Map<string, Promise<void>>();
  #commandContext: ((octokit: GitHub, request: CommandRequest, deliveryId: string, log: CommandContext['log']) => Promise<CommandContext>) | undefined;
  /** Re-decides PRs whose waivers expired. */
  expiries: WaiverExpiryScheduler | undefined;

  constructor(options: MaestroAppOptions) {
    this.#options = options;
    this.metrics = options.metrics ?? new AppMetrics();
    this.store = options.store ?? new MemoryStateStore();
    if (options.identity) this.#identity = Promise.resolve(options.identity);
  }

  /** The Probot application function. Registers every handled event once. */
  readonly load = async (app: Probot, { addHandler }: ApplicationFunctionOptions): Promise<void> => {
    const assertions = await prepareAssertions(this.#options.catalog ?? defaultCatalog, assertionValidators);
    const ctx = (self: AppIdentity): EvaluationContext => ({
      self,
      store: this.store,
      catalog: this.#options.catalog ?? defaultCatalog,
      assertions,
      artifacts: this.#artifacts,
      limits: this.#options.limits ?? DEFAULT_EVIDENCE_LIMITS,
      producer: { name: 'maestro-conductor-app', version: VERSION },
      now: this.#options.now ?? (() => new Date()),
      ledger: this.#options.ledger,
    });

    const processor: EvaluationProcessor = async (request) => {
      const log = app.log.child({ repo: request.repo.fullName, sha: request.sha, reason: request.reason });
      const end = this.metrics.evaluations.startTimer();
      const octokit = await app.auth(request.installationId);
      this.#etags.install(octokit);
      this.metrics.instrument(octokit, request.installationId);
      const outcome = await evaluateCommit(octokit, request, ctx(await this.identity(app)));
      end({ status: outcome.status });
      if (outcome.status === 'evaluated') {
        for (const r of outcome.results) {
          this.metrics.conclusions.inc({ conclusion: r.conclusion });
          for (const [result, n] of Object.entries(r.counts)) if (n > 0) this.metrics.decisions.inc({ result }, n);
        }
      }
      log.info({ outcome }, `evaluation ${outcome.status}`);
    };
    const onError = (error: unknown, request: EvaluationRequest, willRetry: boolean): void => {
      this.metrics.evaluationErrors.inc({ retry: String(willRetry) });
      app.log.error({ err: error, repo: request.repo.fullName, sha: request.sha, willRetry }, 'evaluation failed');
    };
    this.queue = this.#options.createQueue ? this.#options.createQueue(processor, onError) : new MemoryQueue(processor, {}, onError);

    app.on([...HANDLED_EVENTS], async (context) => {
      const event = `${context.name}.${(context.payload as { action?: string }).action ?? ''}`;
      const log = context.log.child({ delivery: context.id, event });
      const trigger = triggerFor(context.name, context.payload, await this.identity(app));
      if (trigger.type === 'ignore') {
        this.metrics.deliveries.inc({ event, outcome: 'ignored' });
        log.debug({ reason: trigger.reason }, 'ignored');
        return;
      }
      if (trigger.type === 'command') {
        this.metrics.deliveries.inc({ event, outcome: 'command' });
        this.#track(this.#inOrder(`${trigger.repo.fullName}#${trigger.issue.number}`, () => this.#runCommands(app, trigger, context.id, log)));
        return;
      }
      if (trigger.type === 'drift-sweep') {
        const dispatched = await handleDriftDispatch(context.octokit as unknown as GitHub, trigger, this.drift, this.metrics, log, this.store);
        this.metrics.deliveries.inc({ event, outcome: dispatched.outcome === 'started' ? 'queued' : 'ignored' });
        return;
      }
      if (trigger.run) await this.#recordRun(trigger.repo.fullName, trigger.sha, trigger.run);
      if (trigger.type === 'track') {
        this.metrics.deliveries.inc({ event, outcome: 'tracked' });
        return;
      }
      if (trigger.snapshot) await this.store.set(keys.snapshot(trigger.repo.fullName, trigger.snapshot.number), trigger.snapshot, TTL.pull);
      await this.queue!.enqueue(trigger);
      this.metrics.deliveries.inc({ event, outcome: 'queued' });
      log.info({ repo: trigger.repo.fullName, sha: trigger.sha, pulls: trigger.pulls }, 'evaluation queued');
    });

    this.#commandContext = async (octokit, request, deliveryId, log) => {
      const config = await readRepoConfig(octokit, request.repo);
      return {
        octokit,
        request,
        config: config.ok ? config.config : DEFAULT_CONFIG,
        configProblem: config.ok ? undefined : `${config.source}: ${config.issues.map((i) => `${i.key || 'file'}: ${i.message}`).join('; ')}`,
        store: this.store,
        catalog: this.#options.catalog ?? defaultCatalog,
        ledger: this.#options.ledger,
        self: await this.identity(app),
        producer: { name: 'maestro-conductor-app', version: VERSION },
        deliveryId,
        log,
        now: this.#options.now ?? (() => new Date()),
        enqueue: (r) => this.queue!.enqueue(r),
      };
    };
    this.expiries = new WaiverExpiryScheduler(app, this.store, (r) => this.queue!.enqueue(r), this.#options.waiverCheckMs ?? 10 * 60_000, this.metrics, this.#options.now);
    this.expiries.start();

    if (this.#options.drift) {
      this.drift = new DriftScheduler(app, this.#options.drift, this.metrics, { name: 'maestro-conductor-app', version: VERSION }, this.#options.now, this.store);
      this.drift.start();
    }

    if (this.#options.routes !== false) {
      addHandler(operationsHandler(this.metrics, async () => ({ ok: (await this.queue?.healthy()) ?? false, detail: { version: VERSION, queue: this.queue?.kind } })));
    }
  };

  /** Who the app is, so it ignores what it caused itself. */
  identity(app: Probot): Promise<AppIdentity> {
    this.#identity ??= (async () => {
      const octokit = await app.auth();
      const { data } = await octokit.rest.apps.getAuthenticated();
      if (!data) throw new Error('GET /app returned no app');
      return { appId: data.id, botLogin: `${data.slug ?? 'maestro-conductor'}[bot]` };
    })().catch((error: unknown) => {
      this.#identity = undefined;
      throw error;
    });
    return this.#identity;
  }

  /** Runs the commands of a comment after the delivery is answered; failures are logged and counted. */
  async #runCommands(app: Probot, request: CommandRequest, deliveryId: string, log: Probot['log']): Promise<void> {
    try {
      const octokit = await app.auth(request.installationId);
      this.metrics.instrument(octokit, request.installationId);
      const outcome = await handleComment(await this.#commandContext!(octokit, request, deliveryId, log));
      for (const o of outcome.outcomes) this.metrics.commands.inc({ status: o.status });
      log.info({ repo: request.repo.fullName, issue: request.issue.number, outcomes: outcome.outcomes.map((o) => o.status) }, 'commands handled');
    } catch (error) {
      this.metrics.commands.inc({ status: 'failed' });
      log.error({ err: error, repo: request.repo.fullName, issue: request.issue.number }, 'commands failed');
    }
  }

  /**
   * Runs the commands of one issue's comments one comment after another (two /create-task at once
   * would both see no child yet); comments on different issues run side by side.
   */
  #inOrder(key: string, work: () => Promise<void>): Promise<void> {
    const next = (this.#byIssue.get(key) ?? Promise.resolve()).then(work);
    this.#byIssue.set(key, next);
    void next.finally(() => {
      if (this.#byIssue.get(key) === next) this.#byIssue.delete(key);
    });
    return next;
  }

  #track(work: Promise<void>): void {
    this.#pending.add(work);
    void work.finally(() => this.#pending.delete(work));
  }

  /** Resolves when every command started so far has been handled (for a graceful stop and for tests). */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  async #recordRun(repo: string, sha: string, run: WorkflowRunState): Promise<void> {
    await this.store.update<WorkflowRunState[]>(keys.runs(repo, sha), TTL.commit, (current) => mergeRuns(current ?? [], [run]));
  }

  async close(): Promise<void> {
    this.expiries?.stop();
    await this.settled();
    await this.drift?.stop();
    await this.queue?.close();
    await this.store.close();
  }
}
