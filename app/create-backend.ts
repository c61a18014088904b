import { Redis } from 'ioredis';
import type { EvaluationRequest } from '../core/triggers/types.js';
import { type ContentLimiter, MemoryContentLimiter } from '../adapters/github/content-limiter.js';
import { RedisContentLimiter } from '../adapters/github/redis-content-limiter.js';
import type { EvaluationProcessor, EvaluationQueue } from '../core/ports/evaluation-queue.js';
import { MemoryQueue } from '../adapters/queue/memory-queue.js';
import { RedisQueue } from '../adapters/queue/redis-queue.js';
import { MemoryStateStore } from '../adapters/state/memory-state-store.js';
import { RedisStateStore } from '../adapters/state/redis-state-store.js';
import type { StateStore } from '../core/ports/state-store.js';

/** Where the app keeps its queue and its state: in the process, or in Redis for several replicas. */
export interface Backend {
  store: StateStore;
  /** Slots of GitHub's content-creation limits, per installation (shared by the replicas with Redis). */
  contentLimiter: ContentLimiter;
  createQueue: (processor: EvaluationProcessor, onError: (error: unknown, request: EvaluationRequest, willRetry: boolean) => void) => EvaluationQueue;
  /** Closes what the backend opened (after the app closed its queue and store). */
  close: () => Promise<void>;
}

/** Settings of the backend, from the environment. */
export interface BackendSettings {
  redisUrl?: string;
  queueDelayMs: number;
  queueLockMs: number;
}

/** The app's clock, in milliseconds since the epoch. */
type Clock = () => number;

/**
 * The embedded default keeps everything in the process. With a Redis URL, the queue (BullMQ) and
 * the state live in Redis, shared by every replica; one connection serves both (BullMQ opens its
 * own blocking connection for the worker). GitHub's content-creation limits are kept in Redis too,
 * so the replicas together stay under them.
 */
export function createBackend(settings: BackendSettings, now: Clock = Date.now): Backend {
  if (!settings.redisUrl) {
    return {
      store: new MemoryStateStore({ now }),
      contentLimiter: new MemoryContentLimiter(),
      createQueue: (processor, onError) => new MemoryQueue(processor, { delayMs: settings.queueDelayMs }, onError),
      close: async () => {},
    };
  }
  // BullMQ needs requests to wait for a reconnect rather than fail after a few retries.
  const connection = new Redis(settings.redisUrl, { maxRetriesPerRequest: null, connectionName: 'maestro-conductor' });
  const store = new RedisStateStore(connection, undefined, false, now);
  return {
    store,
    contentLimiter: new RedisContentLimiter(connection),
    createQueue: (processor, onError) =>
      new RedisQueue(processor, { connection, store }, { delayMs: settings.queueDelayMs, lockMs: settings.queueLockMs, stalledIntervalMs: Math.max(500, Math.floor(settings.queueLockMs / 2)) }, onError),
    close: async () => {
      await connection.quit();
    },
  };
}
