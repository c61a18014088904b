import type { EvaluationRequest } from '../triggers/types.js';

/** Runs one evaluation; throwing means "try again later". */
export type EvaluationProcessor = (request: EvaluationRequest) => Promise<void>;

/**
 * Where webhook handlers put evaluations, so the delivery is answered at once. Requests with the
 * same key (repo and commit) coalesce while waiting; one key never runs twice at the same time; a
 * request that arrives while its key runs makes it run once more afterwards.
 */
export interface EvaluationQueue {
  /** Where requests are kept: this process (`memory`) or Redis. */
  readonly kind: 'memory' | 'redis';
  enqueue(request: EvaluationRequest): Promise<void>;
  /** Whether the queue can take work now (Redis answers); for /healthz. */
  healthy(): Promise<boolean>;
  /** Evaluations queued but not running, and running (in every replica for a shared queue); for /metrics. */
  depth(): Promise<{ waiting: number; running: number }>;
  /** Resolves when nothing is waiting or running (tests, graceful shutdown). */
  onIdle(): Promise<void>;
  close(): Promise<void>;
}

export interface QueueOptions {
  /** How long a request waits for others of its key before it runs (coalescing window). */
  delayMs: number;
  /** Evaluations running at once in this process. */
  concurrency: number;
  /** Attempts of a failing evaluation, with exponential back-off from `backoffMs`. */
  attempts: number;
  backoffMs: number;
}

export const DEFAULT_QUEUE_OPTIONS: QueueOptions = { delayMs: 3000, concurrency: 4, attempts: 4, backoffMs: 5000 };
