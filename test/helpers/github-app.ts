import { afterAll } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { OpenedLedger } from '../../flows/open-ledger.js';
import nock from 'nock';
import { Probot, ProbotOctokit } from 'probot';
import { MaestroApp, type MaestroAppOptions } from '../../app/maestro-app.js';
import { MemoryQueue } from '../../adapters/queue/memory-queue.js';

export { examplePayload } from './webhook-examples.js';
export { pinGitHubRequests } from './pin-github.js';
export { zipOf } from './evidence-artifacts.js';
import { privateKey } from './private-key.js';
import { openLedgerAt } from './real-adapters.js';
export { privateKey };

// nock patches Node's http and fetch, which every test file of a Jest worker shares: activate it
// for the file that imports this helper and undo it after, or a later file would run into this
// file's torn-down interceptors.
if (!nock.isActive()) nock.activate();
afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
  nock.restore();
});

export const APP_ID = 2;
export const BOT = 'maestro-conductor[bot]';
export const INSTALLATION = 1;
export const SECRET = 'test-webhook-secret';

/** A fresh audit ledger in a temporary folder, as the app opens one from LEDGER_STORE. */
export async function tempLedger(): Promise<OpenedLedger> {
  return openLedgerAt(pathToFileURL(mkdtempSync(join(tmpdir(), 'maestro-ledger-'))).href);
}

/** Probot with the app loaded, retries and throttling off, the queue without delay, a ledger in a temporary folder. */
export async function createTestApp(options: Partial<MaestroAppOptions> = {}): Promise<{ probot: Probot; app: MaestroApp }> {
  const app = new MaestroApp({
    ledger: options.ledger ?? (await tempLedger()),
    identity: { appId: APP_ID, botLogin: BOT },
    now: () => new Date('2026-11-20T12:00:00Z'),
    createQueue: (processor, onError) => new MemoryQueue(processor, { delayMs: 0, backoffMs: 1, attempts: 1 }, onError),
    ...options,
  });
  const probot = new Probot({
    appId: APP_ID,
    privateKey,
    secret: SECRET,
    logLevel: (process.env.TEST_LOG_LEVEL as 'fatal' | undefined) ?? 'fatal',
    // Applied after Probot's own defaults, so retries and the write throttle (1 s between writes) are really off.
    Octokit: ProbotOctokit.defaults((options: Record<string, unknown>) => ({ ...options, retry: { enabled: false }, throttle: { ...(options.throttle as object), enabled: false } })),
  });
  await probot.load(app.load, { cwd: process.cwd(), addHandler: () => {} });
  return { probot, app };
}

/** The installation token request every evaluation starts with. */
export function tokenScope(): nock.Scope {
  return nock('https://api.github.com').post(`/app/installations/${INSTALLATION}/access_tokens`).reply(200, { token: 'ghs_test', expires_at: '2099-01-01T00:00:00Z', permissions: {} });
}

/** GitHub API requests the app made through its installation clients (token requests excluded). */
export async function apiRequests(app: MaestroApp): Promise<number> {
  const metric = await app.metrics.githubRequests.get();
  return metric.values.filter((v) => !String(v.labels.route).endsWith('/access_tokens')).reduce((n, v) => n + v.value, 0);
}
