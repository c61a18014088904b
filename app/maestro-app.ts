import type { ApplicationFunctionOptions, Probot } from 'probot';
import { HANDLED_EVENTS } from '../core/triggers/handled-events.js';
import { triggerFor } from '../core/triggers/triggers.js';
import type { AppIdentity, CommandRequest, EvaluationRequest, KnownIdentity, WorkflowRunState } from '../core/triggers/types.js';
import type { DriftSweepRequest } from '../core/triggers/drift-sweep-request.js';
import { DEFAULT_CONFIG } from '../core/config/default-config.js';
import type { CommandContext } from './commands/command-context.js';
import { handleComment } from './commands/handle-comment.js';
import { WaiverExpiryScheduler } from './commands/waiver-expiry-scheduler.js';
import type { GitHub } from '../adapters/github/github.js';
import { readGateConfig } from '../adapters/github/read-repo-config.js';
import { OrgCatalogCache } from '../adapters/github/read-org-catalog.js';
import { withShippedOrigin } from '../core/controls/combine-catalogs.js';
import { withCatalog } from './with-catalog.js';
import { prepareAssertions } from '../core/engine/prepare-assertions.js';
import { defaultCatalog } from '../core/generated/catalog.js';
import { assertionValidators } from '../core/generated/assertions.js';
import { VERSION } from '../core/generated/version.js';
import { ArtifactCache, DEFAULT_EVIDENCE_LIMITS } from '../adapters/github/collect-evidence.js';
import { DriftScheduler } from './drift/drift-scheduler.js';
import { handleDriftDispatch } from './drift/handle-drift-dispatch.js';
import { mergeRuns } from '../core/triggers/merge-runs.js';
import { evaluateCommit } from './evaluate-commit.js';
import type { EvaluationContext } from './evaluation-context.js';
import { EtagCache } from '../adapters/github/etag-cache.js';
import { AppMetrics } from './metrics.js';
import type { EvaluationProcessor, EvaluationQueue } from '../core/ports/evaluation-queue.js';
import type { MaestroAppOptions } from './maestro-app-options.js';
import { MemoryQueue } from '../adapters/queue/memory-queue.js';
import { MemoryStateStore } from '../adapters/state/memory-state-store.js';
import { keys, type StateStore, TTL } from '../core/ports/state-store.js';

export type { MaestroAppOptions } from './maestro-app-options.js';

/** How far GitHub's clock and the app's may differ: newer events are trusted to be new. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** The request with no claim that the commit or PR is new (so the app looks for what it made before). */
function withoutNewness(request: EvaluationRequest): EvaluationRequest {
  const { newCommit: _commit, newPull: _pull, ...rest } = request;
  return rest;
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
  readonly #orgCatalogs = new OrgCatalogCache(() => (this.#options.now ?? (() => new Date()))().getTime());
  readonly #appId: number;
  #identity: Promise<AppIdentity> | undefined;
  /** The identity once learned, for deliveries (which never wait for it). */
  #known: AppIdentity | undefined;
  /** When the app's memory began, read once from the store. */
  #since: Promise<number> | undefined;
  #closed = false;
  readonly #pending = new Set<Promise<void>>();
  readonly #byIssue = new Map<string, Promise<void>>();
  #commandContext: ((octokit: GitHub, request: CommandRequest, deliveryId: string, log: CommandContext['log']) => Promise<CommandContext>) | undefined;
  /** Re-decides PRs whose waivers expired. */
  expiries: WaiverExpiryScheduler | undefined;

  constructor(options: MaestroAppOptions) {
    this.#options = options;
    this.metrics = options.metrics ?? new AppMetrics();
    this.store = options.store ?? new MemoryStateStore({ now: () => (options.now ?? (() => new Date()))().getTime() });
    const appId = options.identity?.appId ?? options.appId;
    if (appId === undefined) throw new Error('MaestroApp needs the app id (APP_ID) or its identity');
    this.#appId = appId;
    if (options.identity) {
      this.#known = options.identity;
      this.#identity = Promise.resolve(options.identity);
    }
  }

  /** The Probot application function. Registers every handled event once. */
  readonly load = async (app: Probot, _options?: ApplicationFunctionOptions): Promise<void> => {
    const catalog = this.#options.catalog ?? withShippedOrigin(defaultCatalog, VERSION);
    const assertions = await prepareAssertions(catalog, assertionValidators);
    const ctx = (self: AppIdentity): EvaluationContext => ({
      self,
      store: this.store,
      catalog,
      assertions,
      orgCatalogs: this.#orgCatalogs,
      artifacts: this.#artifacts,
      limits: this.#options.limits ?? DEFAULT_EVIDENCE_LIMITS,
      producer: { name: 'maestro-conductor-app', version: VERSION },
      now: this.#options.now ?? (() => new Date()),
      ledger: this.#options.ledger,
      ...(this.#options.drift?.store ? { evidenceStore: this.#options.drift.store } : {}),
      ...(this.#options.decisionLogs ? { decisionLogs: this.#options.decisionLogs } : {}),
    });

    const processor: EvaluationProcessor = async (request) => {
      const log = app.log.child({ repo: request.repo.fullName, sha: request.sha, reason: request.reason });
      const end = this.metrics.evaluations.startTimer();
      const octokit = await app.auth(request.installationId);
      // Counted inside the ETag cache: what the cache answers from memory is no request.
      this.metrics.instrument(octokit, request.installationId);
      this.#etags.install(octokit);
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

    this.metrics.watchQueue(() => this.queue!.depth());

    // Deliveries only decide, record and queue: no GitHub request is made before the answer.
    app.on([...HANDLED_EVENTS], async (context) => {
      const event = `${context.name}.${(context.payload as { action?: string }).action ?? ''}`;
      const log = context.log.child({ delivery: context.id, event });
      const self: KnownIdentity = this.#known ?? { appId: this.#appId };
      const trigger = triggerFor(context.name, context.payload, self);
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
        this.metrics.deliveries.inc({ event, outcome: 'dispatch' });
        // One installation's dispatches one after another: a second one sees the first's sweep and is throttled.
        this.#track(this.#inOrder(`dispatch:${trigger.installationId}`, () => this.#dispatchSweep(app, trigger, log)));
        return;
      }
      if (trigger.run) await this.#recordRun(trigger.repo.fullName, trigger.sha, trigger.run);
      if (trigger.type === 'track') {
        this.metrics.deliveries.inc({ event, outcome: 'tracked' });
        return;
      }
      if (trigger.snapshot) await this.store.set(keys.snapshot(trigger.repo.fullName, trigger.snapshot.number), trigger.snapshot, TTL.pull);
      const request = (trigger.newCommit || trigger.newPull) && !(await this.#happenedSinceMemory(trigger.eventAt)) ? withoutNewness(trigger) : trigger;
      await this.queue!.enqueue(request);
      this.metrics.deliveries.inc({ event, outcome: 'queued' });
      log.info({ repo: trigger.repo.fullName, sha: trigger.sha, pulls: trigger.pulls }, 'evaluation queued');
    });

    this.#commandContext = async (octokit, request, deliveryId, log) => {
      const config = await readGateConfig(octokit, request.repo);
      // Commands name controls of the catalog that judges the repository (an org's own ones included).
      const judged = await withCatalog(octokit, request.repo, config, ctx(await this.identity(app)));
      return {
        octokit,
        request,
        config: config.ok ? config.config : DEFAULT_CONFIG,
        configProblem: config.ok ? undefined : `${config.source}: ${config.issues.map((i) => `${i.key || 'file'}: ${i.message}`).join('; ')}`,
        store: this.store,
        catalog: judged.catalog,
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
  };

  /** For /healthz: whether the queue can take work, with the version and the queue's kind. */
  async health(): Promise<{ ok: boolean; detail: Record<string, unknown> }> {
    return { ok: (await this.queue?.healthy()) ?? false, detail: { version: VERSION, queue: this.queue?.kind } };
  }

  /** Who the app is (its bot login, from `GET /app`), so it ignores what it caused itself; asked once. */
  identity(app: Probot): Promise<AppIdentity> {
    this.#identity ??= (async () => {
      const octokit = await app.auth();
      const { data } = await octokit.rest.apps.getAuthenticated();
      if (!data) throw new Error('GET /app returned no app');
      this.#known = { appId: data.id, botLogin: `${data.slug ?? 'maestro-conductor'}[bot]` };
      return this.#known;
    })().catch((error: unknown) => {
      this.#identity = undefined;
      throw error;
    });
    return this.#identity;
  }

  /**
   * Learns the identity in the background after the start, asking again with growing pauses while
   * GitHub cannot be reached (evaluations and commands also ask when they need it).
   */
  learnIdentity(app: Probot, pauseMs = 2000): void {
    if (this.#known || this.#closed) return;
    this.identity(app).catch((error: unknown) => {
      app.log.warn({ err: error, retryInMs: pauseMs }, 'could not learn who the app is from GET /app; asking again');
      setTimeout(() => this.learnIdentity(app, Math.min(pauseMs * 2, 60_000)), pauseMs).unref();
    });
  }

  /** True when the event happened after the app's memory began (with a margin for clock skew). */
  async #happenedSinceMemory(eventAt: string | undefined): Promise<boolean> {
    const at = eventAt ? Date.parse(eventAt) : Number.NaN;
    if (Number.isNaN(at)) return false;
    this.#since ??= this.store.since();
    return at > (await this.#since) + CLOCK_SKEW_MS;
  }

  /** A repository_dispatch asking for a drift sweep, handled after the delivery is answered. */
  async #dispatchSweep(app: Probot, request: DriftSweepRequest, log: Probot['log']): Promise<void> {
    try {
      const octokit = await app.auth(request.installationId);
      this.metrics.instrument(octokit, request.installationId);
      const dispatched = await handleDriftDispatch(octokit as unknown as GitHub, request, this.drift, this.metrics, log, this.store);
      if (dispatched.outcome === 'started') await dispatched.sweep.catch(() => undefined);
    } catch (error) {
      log.error({ err: error, repo: request.repo.fullName }, 'drift sweep dispatch failed');
    }
  }

  /** Runs the commands of a comment after the delivery is answered; failures are logged and counted. */
  async #runCommands(app: Probot, request: CommandRequest, deliveryId: string, log: Probot['log']): Promise<void> {
    try {
      const octokit = await app.auth(request.installationId);
      // Counted inside the ETag cache: what the cache answers from memory is no request.
      this.metrics.instrument(octokit, request.installationId);
      this.#etags.install(octokit);
      const outcome = await handleComment(await this.#commandContext!(octokit, request, deliveryId, log));
      if (outcome.duplicate) {
        this.metrics.commands.inc({ status: 'duplicate' });
        log.info({ repo: request.repo.fullName, issue: request.issue.number, comment: request.comment.id }, 'commands of this comment were handled already: nothing done again');
        return;
      }
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
    this.#closed = true;
    this.expiries?.stop();
    await this.settled();
    await this.drift?.stop();
    await this.queue?.close();
    await this.store.close();
  }
}
