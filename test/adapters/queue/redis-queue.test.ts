import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import type { EvaluationRequest } from '../../../core/triggers/types.js';
import { RedisQueue, type RedisQueueOptions } from '../../../adapters/queue/redis-queue.js';
import { RedisStateStore } from '../../../adapters/state/redis-state-store.js';
import type { EvaluationProcessor } from '../../../core/ports/evaluation-queue.js';
import { startService } from '../../helpers/services.js';

const repo = { id: 1, owner: 'o', name: 'r', fullName: 'o/r' };
const req = (sha: string, pull: number, reason = 'pull_request.labeled'): EvaluationRequest => ({ type: 'evaluate', installationId: 1, repo, sha, pulls: [pull], force: false, reason });
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let url: string;
const connections: Redis[] = [];
function connect(): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  connections.push(redis);
  return redis;
}

/** A replica: its own connection, the shared store prefix and queue name of one test. */
function replica(name: string, processor: EvaluationProcessor, options: Partial<RedisQueueOptions> = {}, onError?: (error: unknown, request: EvaluationRequest, willRetry: boolean) => void): RedisQueue {
  const connection = connect();
  return new RedisQueue(processor, { connection, store: new RedisStateStore(connection, `test:${name}:`) }, { name, delayMs: 20, ...options }, onError);
}

beforeAll(() => {
  url = startService('redis').REDIS_URL!;
});
afterAll(async () => {
  await Promise.all(connections.map((c) => c.quit()));
});

describe('RedisStateStore', () => {
  it('loses no update when many writers change one key at once', async () => {
    // Three replicas, each with its own connection, writing one key of the same store.
    const prefix = `test:${randomUUID()}:`;
    const shared = [connect(), connect(), connect()].map((c) => new RedisStateStore(c, prefix));
    await Promise.all(Array.from({ length: 60 }, (_, i) => shared[i % 3]!.update<number[]>('list', 60, (list = []) => [...list, i])));
    const list = await shared[0]!.get<number[]>('list');
    expect([...list!].sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i));
  });

  it('forgets values after their TTL', async () => {
    const store = new RedisStateStore(connect(), `test:${randomUUID()}:`);
    await store.set('k', { a: 1 }, 1);
    expect(await store.get('k')).toEqual({ a: 1 });
    await sleep(1100);
    expect(await store.get('k')).toBeUndefined();
  });
});

describe('RedisQueue', () => {
  it('coalesces a burst of one key into one run, and runs other keys separately', async () => {
    const name = `q-${randomUUID()}`;
    const seen: EvaluationRequest[] = [];
    const queue = replica(name, async (r) => void seen.push(r), { delayMs: 200 });
    for (let i = 0; i < 6; i++) await queue.enqueue(req('a', i % 2 === 0 ? 1 : 2, `event-${i}`));
    await queue.enqueue(req('b', 3));
    await queue.onIdle();
    expect(seen.map((r) => [r.sha, r.pulls]).sort()).toEqual([['a', [1, 2]], ['b', [3]]]);
    expect(seen.find((r) => r.sha === 'a')!.reason).toBe('event-0, event-1, event-2, event-3, event-4, event-5');
    await queue.close();
  });

  it('never runs one key in two replicas at once, and runs it once more for a request that came while it ran', async () => {
    const name = `q-${randomUUID()}`;
    let running = 0;
    let maxRunning = 0;
    const runs: string[] = [];
    let release: () => void = () => {};
    const processor = (who: string): EvaluationProcessor => async (r) => {
      runs.push(`${who}:${r.pulls.join('+')}`);
      running++;
      maxRunning = Math.max(maxRunning, running);
      if (runs.length === 1) await new Promise<void>((resolve) => (release = resolve));
      running--;
    };
    const a = replica(name, processor('a'), { delayMs: 0 });
    const b = replica(name, processor('b'), { delayMs: 0 });
    await a.enqueue(req('s', 1));
    while (runs.length === 0) await sleep(5);
    // Both replicas get events for the commit while it runs.
    await a.enqueue(req('s', 2));
    await b.enqueue(req('s', 3));
    await sleep(300);
    expect(runs).toHaveLength(1);
    release();
    await a.onIdle();
    expect(runs).toHaveLength(2);
    expect(runs[1]!.endsWith(':2+3')).toBe(true);
    expect(maxRunning).toBe(1);
    await Promise.all([a.close(), b.close()]);
  });

  it('retries a failing evaluation with back-off up to its attempts, reporting each failure', async () => {
    const name = `q-${randomUUID()}`;
    const failures: boolean[] = [];
    let calls = 0;
    const queue = replica(
      name,
      async () => {
        calls++;
        throw new Error('GitHub is down');
      },
      { delayMs: 0, attempts: 3, backoffMs: 10 },
      (_error, _request, willRetry) => failures.push(willRetry),
    );
    await queue.enqueue(req('a', 1));
    await queue.onIdle();
    expect(calls).toBe(3);
    expect(failures).toEqual([true, true, false]);
    await queue.close();
  });

  it('keeps a waiting evaluation across a restart: the next replica to start runs it', async () => {
    const name = `q-${randomUUID()}`;
    const seen: string[] = [];
    const first = replica(name, async () => void seen.push('first'), { delayMs: 500 });
    await first.enqueue(req('a', 7));
    await first.close();
    expect(seen).toEqual([]);
    const second = replica(name, async (r) => void seen.push(`second:${r.pulls.join()}`), { delayMs: 500 });
    await second.onIdle();
    expect(seen).toEqual(['second:7']);
    await second.close();
  });

  it('reports itself healthy while Redis answers, and unhealthy once closed', async () => {
    const queue = replica(`q-${randomUUID()}`, async () => {});
    await queue.onIdle(); // connected
    expect(await queue.healthy()).toBe(true);
    await queue.close();
    expect(await queue.healthy()).toBe(false);
  });
});
