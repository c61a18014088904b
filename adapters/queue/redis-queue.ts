import { type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { evaluationKey, mergeRequests } from '../../core/triggers/merge-requests.js';
import type { EvaluationRequest } from '../../core/triggers/types.js';
import type { StateStore } from '../../core/ports/state-store.js';
import { DEFAULT_QUEUE_OPTIONS, type EvaluationProcessor, type EvaluationQueue, type QueueOptions } from '../../core/ports/evaluation-queue.js';

/** Options of the Redis queue beyond the common ones. */
export interface RedisQueueOptions extends QueueOptions {
  /** BullMQ queue name; replicas sharing it share the work. */
  name: string;
  /** How long a worker's claim on a job lasts without renewal: a killed replica's job moves on after this. */
  lockMs: number;
  /** How often workers look for jobs whose replica died. */
  stalledIntervalMs: number;
}

export const DEFAULT_REDIS_QUEUE_OPTIONS: RedisQueueOptions = { ...DEFAULT_QUEUE_OPTIONS, name: 'maestro-evaluations', lockMs: 30_000, stalledIntervalMs: 15_000 };

/**
 * The request(s) of one key. `pending` collects requests while nothing runs them; a worker moves
 * it to `running` when it starts, and clears `running` only when done, so a replica killed
 * mid-evaluation leaves the request for the replica that takes over its job.
 */
interface Slot {
  pending?: EvaluationRequest;
  running?: EvaluationRequest;
}

const SLOT_TTL_S = 7 * 24 * 3600;
const slotKey = (key: string): string => `queue:${key}`;
const merged = (a: EvaluationRequest | undefined, b: EvaluationRequest | undefined): EvaluationRequest | undefined => (a && b ? mergeRequests(a, b) : a ?? b);

/**
 * The durable queue shared by replicas (REDIS_URL), on BullMQ. Jobs carry only the key; the
 * requests themselves are merged in a Redis slot, so a burst of events coalesces into one job.
 * BullMQ's deduplication with `keepLastIfActive` keeps at most one job of a key running and one
 * waiting, across every replica: the same commit is never evaluated twice at once. Jobs survive
 * restarts; a replica that dies mid-evaluation loses its claim after `lockMs` and another takes over.
 */
export class RedisQueue implements EvaluationQueue {
  readonly kind = 'redis' as const;
  readonly #queue: Queue;
  readonly #worker: Worker;
  readonly #options: RedisQueueOptions;
  #closed = false;

  constructor(
    readonly process: EvaluationProcessor,
    readonly deps: { connection: Redis; store: StateStore },
    options: Partial<RedisQueueOptions> = {},
    readonly onError: (error: unknown, request: EvaluationRequest, willRetry: boolean) => void = () => {},
  ) {
    this.#options = { ...DEFAULT_REDIS_QUEUE_OPTIONS, ...options };
    const prefix = 'maestro';
    this.#queue = new Queue(this.#options.name, { connection: deps.connection, prefix });
    this.#worker = new Worker(this.#options.name, (job: Job<{ key: string }>) => this.#run(job), {
      connection: deps.connection,
      prefix,
      concurrency: this.#options.concurrency,
      lockDuration: this.#options.lockMs,
      stalledInterval: this.#options.stalledIntervalMs,
      // A job whose replica died twice is given up rather than passed around forever.
      maxStalledCount: 2,
    });
    // BullMQ reports connection trouble as events; without a listener Node would throw them.
    this.#worker.on('error', () => {});
    this.#queue.on('error', () => {});
  }

  async enqueue(request: EvaluationRequest): Promise<void> {
    if (this.#closed) throw new Error('the evaluation queue is closed');
    const key = evaluationKey(request);
    await this.deps.store.update<Slot>(slotKey(key), SLOT_TTL_S, (slot = {}) => ({ ...slot, pending: merged(slot.pending, request) }));
    await this.#queue.add('evaluate', { key }, {
      delay: this.#options.delayMs,
      deduplication: { id: key, keepLastIfActive: true },
      attempts: this.#options.attempts,
      backoff: { type: 'exponential', delay: this.#options.backoffMs },
      removeOnComplete: true,
      removeOnFail: { count: 1000 },
    });
  }

  async #run(job: Job<{ key: string }>): Promise<void> {
    const key = job.data.key;
    const { running } = await this.deps.store.update<Slot>(slotKey(key), SLOT_TTL_S, (slot = {}) => {
      const next = merged(slot.running, slot.pending);
      return next ? { running: next } : {};
    });
    if (!running) return;
    try {
      await this.process(running);
    } catch (error) {
      const willRetry = job.attemptsMade + 1 < (job.opts.attempts ?? 1) && !this.#closed;
      this.onError(error, running, willRetry);
      // A retry takes `running` again (with whatever arrived meanwhile); a final failure drops it.
      if (!willRetry) await this.#finish(key);
      throw error;
    }
    await this.#finish(key);
  }

  async #finish(key: string): Promise<void> {
    await this.deps.store.update<Slot>(slotKey(key), SLOT_TTL_S, (slot = {}) => (slot.pending ? { pending: slot.pending } : {}));
  }

  /** Redis answers a PING within 2 s: otherwise the replica cannot take or run work. */
  async healthy(): Promise<boolean> {
    // Not connected: say so at once rather than queue a PING behind the reconnection.
    if (this.#closed || this.deps.connection.status !== 'ready') return false;
    const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), 2000).unref());
    const ping = this.deps.connection.ping().then((answer) => answer === 'PONG', () => false);
    return Promise.race([ping, timeout]);
  }

  /** Resolves when no job of the queue waits or runs, in any replica. */
  async onIdle(): Promise<void> {
    for (;;) {
      const counts = await this.#queue.getJobCounts('wait', 'delayed', 'active', 'prioritized');
      if (Object.values(counts).every((n) => n === 0)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Jobs waiting (delayed included) and running, in every replica. */
  async depth(): Promise<{ waiting: number; running: number }> {
    const counts = await this.#queue.getJobCounts('wait', 'delayed', 'active', 'prioritized');
    return { waiting: (counts.wait ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0), running: counts.active ?? 0 };
  }

  /** Lets running evaluations finish, then disconnects; waiting jobs stay in Redis for the next start. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#worker.close();
    await this.#queue.close();
  }
}
