import { evaluationKey, mergeRequests } from '../../core/triggers/merge-requests.js';
import type { EvaluationRequest } from '../../core/triggers/types.js';
import { DEFAULT_QUEUE_OPTIONS, type EvaluationProcessor, type EvaluationQueue, type QueueOptions } from '../../core/ports/evaluation-queue.js';

interface Waiting {
  request: EvaluationRequest;
  attempt: number;
  timer: NodeJS.Timeout | undefined;
  ready: boolean;
}

/**
 * The embedded queue: in-process, lost on restart (use the Redis queue for durability and for
 * several replicas). Coalesces by key, runs each key alone, `concurrency` keys at once.
 */
export class MemoryQueue implements EvaluationQueue {
  readonly kind = 'memory' as const;
  readonly #waiting = new Map<string, Waiting>();
  readonly #running = new Set<string>();
  /** Requests that arrived while their key was running. */
  readonly #again = new Map<string, EvaluationRequest>();
  readonly #options: QueueOptions;
  #idle: Array<() => void> = [];
  #closed = false;

  constructor(
    readonly process: EvaluationProcessor,
    options: Partial<QueueOptions> = {},
    readonly onError: (error: unknown, request: EvaluationRequest, willRetry: boolean) => void = () => {},
  ) {
    this.#options = { ...DEFAULT_QUEUE_OPTIONS, ...options };
  }

  async enqueue(request: EvaluationRequest): Promise<void> {
    if (this.#closed) throw new Error('the evaluation queue is closed');
    const key = evaluationKey(request);
    if (this.#running.has(key)) {
      const again = this.#again.get(key);
      this.#again.set(key, again ? mergeRequests(again, request) : request);
      return;
    }
    const waiting = this.#waiting.get(key);
    if (waiting) {
      waiting.request = mergeRequests(waiting.request, request);
      return;
    }
    this.#schedule(key, { request, attempt: 1, timer: undefined, ready: false }, this.#options.delayMs);
  }

  #schedule(key: string, entry: Waiting, delayMs: number): void {
    this.#waiting.set(key, entry);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      entry.ready = true;
      this.#pump();
    }, delayMs);
  }

  #pump(): void {
    for (const [key, entry] of this.#waiting) {
      if (this.#running.size >= this.#options.concurrency) return;
      if (!entry.ready || this.#running.has(key)) continue;
      this.#waiting.delete(key);
      this.#running.add(key);
      void this.#run(key, entry);
    }
    this.#checkIdle();
  }

  async #run(key: string, entry: Waiting): Promise<void> {
    try {
      await this.process(entry.request);
    } catch (error) {
      const retry = entry.attempt < this.#options.attempts && !this.#closed;
      this.onError(error, entry.request, retry);
      if (retry) {
        const again = this.#again.get(key);
        this.#again.delete(key);
        const request = again ? mergeRequests(entry.request, again) : entry.request;
        this.#running.delete(key);
        this.#schedule(key, { request, attempt: entry.attempt + 1, timer: undefined, ready: false }, this.#options.backoffMs * 2 ** (entry.attempt - 1));
        this.#pump();
        return;
      }
    }
    this.#running.delete(key);
    const again = this.#again.get(key);
    if (again && !this.#closed) {
      this.#again.delete(key);
      this.#schedule(key, { request: again, attempt: 1, timer: undefined, ready: false }, this.#options.delayMs);
    }
    this.#pump();
  }

  #checkIdle(): void {
    if (this.#waiting.size > 0 || this.#running.size > 0) return;
    const waiters = this.#idle;
    this.#idle = [];
    for (const resolve of waiters) resolve();
  }

  async healthy(): Promise<boolean> {
    return !this.#closed;
  }

  async depth(): Promise<{ waiting: number; running: number }> {
    return { waiting: this.#waiting.size + this.#again.size, running: this.#running.size };
  }

  onIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.#idle.push(resolve);
      this.#checkIdle();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const entry of this.#waiting.values()) if (entry.timer) clearTimeout(entry.timer);
    this.#waiting.clear();
    this.#again.clear();
    await new Promise<void>((resolve) => {
      if (this.#running.size === 0) resolve();
      else this.#idle.push(resolve);
    });
  }
}
