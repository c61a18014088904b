import { describe, expect, it } from '@jest/globals';
import type { EvaluationRequest } from '../../../core/triggers/types.js';
import { MemoryQueue } from '../../../adapters/queue/memory-queue.js';

const repo = { id: 1, owner: 'o', name: 'r', fullName: 'o/r' };
const req = (sha: string, pull: number, reason = 'pull_request.labeled'): EvaluationRequest => ({ type: 'evaluate', installationId: 1, repo, sha, pulls: [pull], force: false, reason });

describe('MemoryQueue', () => {
  it('coalesces a burst of one key into one run, and runs other keys separately', async () => {
    const seen: EvaluationRequest[] = [];
    const queue = new MemoryQueue(async (r) => void seen.push(r), { delayMs: 10 });
    for (let i = 0; i < 6; i++) await queue.enqueue(req('a', i % 2 === 0 ? 1 : 2, `event-${i}`));
    await queue.enqueue(req('b', 3));
    await queue.onIdle();
    expect(seen.map((r) => [r.sha, r.pulls])).toEqual([['a', [1, 2]], ['b', [3]]]);
    await queue.close();
  });

  it('runs a key once more when a request arrives while it runs, never twice at once', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    let release: () => void = () => {};
    const queue = new MemoryQueue(
      async () => {
        runs++;
        running++;
        maxRunning = Math.max(maxRunning, running);
        if (runs === 1) await new Promise<void>((resolve) => (release = resolve));
        running--;
      },
      { delayMs: 0 },
    );
    await queue.enqueue(req('a', 1));
    while (runs === 0) await new Promise((r) => setTimeout(r, 1));
    await queue.enqueue(req('a', 1));
    await queue.enqueue(req('a', 1));
    release();
    await queue.onIdle();
    expect(runs).toBe(2);
    expect(maxRunning).toBe(1);
    await queue.close();
  });

  it('retries a failing evaluation up to its attempts, reporting each failure', async () => {
    const failures: boolean[] = [];
    let calls = 0;
    const queue = new MemoryQueue(
      async () => {
        calls++;
        throw new Error('GitHub is down');
      },
      { delayMs: 0, attempts: 3, backoffMs: 1 },
      (_error, _request, willRetry) => failures.push(willRetry),
    );
    await queue.enqueue(req('a', 1));
    await queue.onIdle();
    expect(calls).toBe(3);
    expect(failures).toEqual([true, true, false]);
    await queue.close();
    await expect(queue.enqueue(req('a', 1))).rejects.toThrow(/closed/);
  });
});
