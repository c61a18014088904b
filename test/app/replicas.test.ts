import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { examplePayload } from '../helpers/webhook-examples.js';
import { privateKey } from '../helpers/private-key.js';
import { freePort } from '../helpers/free-port.js';
import { startService } from '../helpers/services.js';
import { EVENT_AT, TEST_NOW } from '../helpers/clock.js';

/** One audit ledger shared by every replica, as in a deployment. */
const ledgerStore = pathToFileURL(mkdtempSync(join(tmpdir(), 'maestro-ledger-'))).href;

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const SECRET = 'replica-test-secret';
const REPO = '/repos/Codertocat/Hello-World';

interface Replica {
  name: string;
  child: ChildProcess;
  port: number;
  stderr: string[];
}

let url: string;
let redis: Redis;
const children: ChildProcess[] = [];

beforeAll(() => {
  // A Redis database of its own (1), emptied before each test: the app's keys have their production names.
  url = `${startService('redis').REDIS_URL!}/1`;
  redis = new Redis(url);
});
beforeEach(async () => {
  await redis.flushdb();
});
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
afterAll(async () => {
  await redis.quit();
});

/** Starts one replica of the app (the production startApp) sharing the test's Redis queue. */
async function startReplica(name: string, run: string, env: Record<string, string> = {}): Promise<Replica> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/helpers/app-replica.ts')], {
    cwd: root,
    env: {
      ...process.env,
      APP_ID: '2',
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
      REDIS_URL: url,
      LEDGER_STORE: ledgerStore,
      QUEUE_DELAY_MS: '300',
      QUEUE_LOCK_MS: '1500',
      MAESTRO_NOW: TEST_NOW,
      REPLICA: name,
      EVENTS_KEY: `${run}:events`,
      SLOW_KEY: `${run}:slow`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const stderr: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  return new Promise((resolveReady, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const ready = /^ready (\d+)$/m.exec(out);
      if (ready) resolveReady({ name, child, port: Number(ready[1]), stderr });
    });
    child.once('exit', (code) => reject(new Error(`replica ${name} exited with ${code} before it was ready:\n${stderr.join('')}`)));
  });
}

/** Sends a signed delivery to a replica; resolves with the HTTP status. */
function deliver(replica: Replica, id: string, name: string, payload: unknown): Promise<number> {
  const body = JSON.stringify(payload);
  const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
  return new Promise((resolveStatus, reject) => {
    const req = request(`http://127.0.0.1:${replica.port}/api/github/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': name, 'x-github-delivery': id, 'x-hub-signature-256': signature },
    }, (res) => {
      res.resume().on('end', () => resolveStatus(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function openedPayload(): Record<string, any> {
  const payload = examplePayload('pull_request', 'opened');
  payload.installation = { id: 1, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==' };
  payload.pull_request.updated_at = EVENT_AT;
  return payload;
}

/** The GitHub requests of the run so far, as `<replica> <METHOD> <path>`. */
const events = (run: string): Promise<string[]> => redis.lrange(`${run}:events`, 0, -1);

/** Waits until a recorded request matches; fails with what was seen when it never comes. */
async function waitFor(run: string, pattern: RegExp, what: string, replicas: Replica[], timeoutMs = 45_000): Promise<string> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const seen = await events(run);
    const hit = seen.find((line) => pattern.test(line));
    if (hit) return hit;
    if (performance.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms; requests seen:\n${seen.join('\n')}\nreplica logs:\n${replicas.map((r) => `${r.name}: ${r.stderr.join('')}`).join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until the replicas' queue in Redis has no job waiting or running. */
async function waitIdle(): Promise<void> {
  for (;;) {
    const busy = await Promise.all(['wait', 'active', 'delayed', 'prioritized'].map((state) => redis.exists(`maestro:maestro-evaluations:${state}`)));
    if (busy.every((n) => n === 0)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const count = (lines: string[], pattern: RegExp): number => lines.filter((line) => pattern.test(line)).length;

describe('several replicas sharing one Redis', () => {
  it('take over the evaluation of a replica killed in the middle of it: one check run and one comment in all', async () => {
    const run = 'takeover';
    const [a, b] = await Promise.all([startReplica('a', run), startReplica('b', run)]);
    // The same PR event reaches both replicas (a redelivery behind a load balancer).
    const statuses = await Promise.all([deliver(a, 'd-1', 'pull_request', openedPayload()), deliver(b, 'd-2', 'pull_request', openedPayload())]);
    expect(statuses.every((status) => status === 200 || status === 202)).toBe(true);

    const download = await waitFor(run, /GET \/artifact-11\.zip$/, 'artifact download', [a, b]);
    const victim = download.startsWith('a ') ? a : b;
    const survivor = victim === a ? b : a;
    victim.child.kill('SIGKILL');
    await waitFor(run, new RegExp(`^${survivor.name} POST ${REPO}/check-runs$`), 'check run from the surviving replica', [a, b]);
    await waitIdle();

    const seen = await events(run);
    expect(count(seen, /POST .*\/check-runs$/)).toBe(1);
    expect(count(seen, /POST .*\/issues\/2\/comments$/)).toBe(1);
    expect(count(seen, new RegExp(`^${survivor.name} POST .*/check-runs$`))).toBe(1);
    // each replica started the evaluation once: the victim, then the survivor that took it over
    expect(count(seen, /GET \/artifact-11\.zip$/)).toBe(2);
    expect(count(seen, new RegExp(`^${victim.name} GET /artifact-11\\.zip$`))).toBe(1);
    // GitHub's content-creation limits are kept per installation in the same Redis, by both replicas.
    expect(await redis.zcard('maestro:content-slots:1')).toBeGreaterThanOrEqual(2);
  });

  it('lose no queued evaluation when the replica that queued it dies: the next replica to start runs it', async () => {
    const run = 'restart';
    await redis.set(`${run}:slow`, 'nobody');
    const first = await startReplica('first', run, { QUEUE_DELAY_MS: '1500' });
    expect([200, 202]).toContain(await deliver(first, 'd-3', 'pull_request', openedPayload()));
    first.child.kill('SIGKILL');
    const second = await startReplica('second', run, { QUEUE_DELAY_MS: '1500' });
    await waitFor(run, /^second POST .*\/check-runs$/, 'check run from the restarted replica', [first, second]);
    await waitIdle();
    const seen = await events(run);
    expect(seen.filter((line) => line.startsWith('first ') && !/\/app$|access_tokens$/.test(line))).toEqual([]);
    expect(count(seen, /POST .*\/check-runs$/)).toBe(1);
    expect(count(seen, /POST .*\/issues\/2\/comments$/)).toBe(1);
  });
});
