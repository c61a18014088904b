/**
 * `npx tsx bench/app-load.bench.ts`: the built App under a burst of pull requests, against the
 * GitHub simulator, side by side with the reference (the smallest Probot app doing the same GitHub
 * work on Probot's defaults), in one run:
 *
 *   reference          bench/app-load/reference-app.mjs, one process
 *   1 replica          dist/app/main.js with REDIS_URL
 *   2 replicas         two of them sharing one Redis (deliveries alternate, as behind a load balancer)
 *   2 replicas, kill   the same, one replica SIGKILLed halfway through the completions
 *
 * Each PR gets `pull_request.opened`, then its six `workflow_run.completed` (all PRs' completions
 * shuffled together with a seeded PRNG). Measured per configuration: time from the delivery of a
 * PR's `opened` to its first check run, and from its last completion's delivery to the completed
 * check run (polled every 25 ms), REST requests per PR, evaluations per (PR, head commit), deliveries
 * answered after more than 1 s, peak RSS per process, and whether every PR ended with exactly one
 * completed check run and one comment. Options: --prs-per-installation 20 --installations 10.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { startGitHubSimulator } from '../test/e2e/github-simulator/start-github-simulator.js';
import { startService } from '../test/helpers/services.js';
import { deliver, inPool } from './app-load/deliver.js';
import { metricSum, type Replica, startReplica } from './app-load/replica.js';
import { GATES, type LoadPull, seedLoad } from './app-load/seed-load.js';
import { ensureBuilt, isMain, machine, OUT_DIR, quantile, seededRandom } from './lib.js';

const APP_ID = 4242;
const SECRET = 'app-load-secret';
/** The app's clock starts here (MAESTRO_NOW); the PRs open half an hour later, the reports are an hour old. */
const CLOCK_START = '2026-11-20T12:00:00Z';
const EVENT_AT = '2026-11-20T12:30:00Z';
const REPORT_AT = '2026-11-20T11:30:00Z';
/** Deliveries in flight at once (GitHub's hookshot sends many in parallel). */
const CONCURRENCY = 32;

type Shape = { installations: number; prsPerInstallation: number };
type Config = { name: string; kind: 'reference' | 'app'; replicas: number; kill: boolean; shape?: Shape };

export interface LoadResult {
  name: string;
  replicas: number;
  prs: number;
  wallMs: number;
  openedToCheckMs: { p50: number; p95: number; max: number };
  completionToCheckMs: { p50: number; p95: number };
  restRequestsPerPr: number;
  graphqlRequests: number;
  evaluationsPerPr: number | undefined;
  slowDeliveries: number;
  maxDeliveryMs: number;
  failedDeliveries: number;
  peakRssMb: number[];
  lostPrs: number;
  /** PRs with a second check run or a second gate-notes comment. */
  duplicatePrs: number;
  /** PRs whose comment had not been written when every check run had completed (and 4 s more). */
  commentlessPrs: number;
}

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

/** Runs one configuration on a fresh simulator (and, for the app, a flushed Redis database). */
async function runConfig(config: Config, defaultShape: Shape, redisUrl: string): Promise<LoadResult> {
  const shape = config.shape ?? defaultShape;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const sim = await startGitHubSimulator({ appId: APP_ID, privateKeyPem: privateKey, rateLimit: 1_000_000 });
  const pulls = await seedLoad(sim, { ...shape, eventAt: EVENT_AT, reportAt: REPORT_AT });
  const redis = new Redis(redisUrl);
  await redis.flushdb();
  const ledger = pathToFileURL(mkdtempSync(join(tmpdir(), 'maestro-load-ledger-'))).href;
  const env = { APP_ID: String(APP_ID), PRIVATE_KEY: privateKey, WEBHOOK_SECRET: SECRET, GHE_HOST: sim.gheHost, GHE_PROTOCOL: 'http', LOG_LEVEL: 'error' };
  const replicas: Replica[] = [];
  for (let i = 0; i < config.replicas; i++) {
    replicas.push(config.kind === 'reference'
      ? await startReplica('reference', 'bench/app-load/reference-app.mjs', env, '/ping')
      : await startReplica(`replica-${i + 1}`, 'dist/app/main.js', { ...env, REDIS_URL: redisUrl, LEDGER_STORE: ledger, MAESTRO_NOW: CLOCK_START }));
  }
  const alive = new Set(replicas);
  const evaluations = new Map<Replica, number>();
  const scrape = async (): Promise<void> => {
    for (const r of alive) {
      const text = await r.metrics();
      if (text) evaluations.set(r, metricSum(text, 'maestro_evaluation_duration_seconds_count', { status: 'evaluated' }));
      r.peakRss();
    }
  };

  const delivered: number[] = [];
  let failed = 0;
  let turn = 0;
  /** Sends to the replicas in turn; a delivery to a dead replica goes to the next (GitHub would redeliver it). */
  const send = async (id: string, event: string, payload: unknown): Promise<void> => {
    for (;;) {
      const live = [...alive];
      const replica = live[turn++ % live.length]!;
      const result = await deliver(`${replica.url}/api/github/webhooks`, SECRET, id, event, payload);
      if (!result.failed) {
        delivered.push(result.ms);
        return;
      }
      failed++;
      alive.delete(replica);
    }
  };

  const openedAt = new Map<LoadPull, number>();
  const lastCompletionAt = new Map<LoadPull, number>();
  const firstCheckAt = new Map<LoadPull, number>();
  const completedCheckAt = new Map<LoadPull, number>();
  const poll = setInterval(() => {
    const now = performance.now();
    for (const pull of pulls) {
      const runs = sim.checkRuns(pull.repo, pull.headSha);
      if (runs.length > 0 && !firstCheckAt.has(pull)) firstCheckAt.set(pull, now);
      if (lastCompletionAt.has(pull) && !completedCheckAt.has(pull) && runs.some((r) => r.status === 'completed')) completedCheckAt.set(pull, now);
    }
  }, 25);
  const scraper = setInterval(() => void scrape(), 1000);

  const started = performance.now();
  await inPool(pulls, CONCURRENCY, async (pull) => {
    openedAt.set(pull, performance.now());
    await send(`opened-${pull.repo}-${pull.number}`, 'pull_request', pull.opened);
  });
  const random = seededRandom(0x6c6f6164);
  const completions = pulls.flatMap((pull) => GATES.map((_, run) => ({ pull, run })));
  for (let i = completions.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [completions[i], completions[j]] = [completions[j]!, completions[i]!];
  }
  const done = new Map<LoadPull, number>();
  await inPool(completions, CONCURRENCY, async ({ pull, run }, index) => {
    if (config.kill && index === Math.floor(completions.length / 2) && replicas[1]) {
      await scrape();
      replicas[1].child.kill('SIGKILL');
    }
    const simRun = pull.runs[run]!;
    simRun.status = 'completed';
    simRun.conclusion = 'success';
    const count = (done.get(pull) ?? 0) + 1;
    done.set(pull, count);
    if (count === GATES.length) lastCompletionAt.set(pull, performance.now());
    await send(`completed-${simRun.id}`, 'workflow_run', pull.completed(run));
  });

  const deadline = performance.now() + 600_000;
  while (completedCheckAt.size < pulls.length && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  // Let anything still queued run out, so late duplicates would show.
  await new Promise((r) => setTimeout(r, 4000));
  clearInterval(poll);
  clearInterval(scraper);
  await scrape();
  const wallMs = performance.now() - started;

  const lost = pulls.filter((p) => !sim.checkRuns(p.repo, p.headSha).some((r) => r.status === 'completed')).length;
  const duplicates = pulls.filter((p) => sim.checkRuns(p.repo, p.headSha).length > 1 || sim.comments(p.repo, p.number).length > 1).length;
  const commentless = pulls.filter((p) => sim.comments(p.repo, p.number).length === 0).length;
  const rest = sim.requests.filter((r) => r.route !== 'POST /graphql' && !r.route.includes('access_tokens') && !r.route.startsWith('GET /_blob') && r.route !== 'GET /app');
  const times = (from: Map<LoadPull, number>, to: Map<LoadPull, number>): number[] => pulls.filter((p) => from.has(p) && to.has(p)).map((p) => to.get(p)! - from.get(p)!);
  const openedToCheck = times(openedAt, firstCheckAt);
  const completionToCheck = times(lastCompletionAt, completedCheckAt);
  const result: LoadResult = {
    name: config.name,
    replicas: config.replicas,
    prs: pulls.length,
    wallMs,
    openedToCheckMs: { p50: quantile(openedToCheck, 0.5), p95: quantile(openedToCheck, 0.95), max: Math.max(...openedToCheck) },
    completionToCheckMs: { p50: quantile(completionToCheck, 0.5), p95: quantile(completionToCheck, 0.95) },
    restRequestsPerPr: rest.length / pulls.length,
    graphqlRequests: sim.requests.filter((r) => r.route === 'POST /graphql').length,
    evaluationsPerPr: config.kind === 'app' ? [...evaluations.values()].reduce((a, b) => a + b, 0) / pulls.length : undefined,
    slowDeliveries: delivered.filter((ms) => ms > 1000).length,
    maxDeliveryMs: Math.max(...delivered),
    failedDeliveries: failed,
    peakRssMb: replicas.map((r) => r.peakRss() / 1024 / 1024),
    lostPrs: lost,
    duplicatePrs: duplicates,
    commentlessPrs: commentless,
  };
  for (const r of replicas) await r.stop();
  await redis.quit();
  await sim.close();
  return result;
}

/** The results as the Markdown table of BENCHMARKS.md. */
export function formatLoad(results: LoadResult[]): string {
  const f = (ms: number): string => (Number.isNaN(ms) ? '–' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
  const rows = results.map((r) => `| ${r.name} | ${r.prs} | ${f(r.openedToCheckMs.p50)} / ${f(r.openedToCheckMs.p95)} / ${f(r.openedToCheckMs.max)} | ${f(r.completionToCheckMs.p50)} / ${f(r.completionToCheckMs.p95)} | ${f(r.wallMs)} | ${r.restRequestsPerPr.toFixed(2)} | ${r.graphqlRequests} | ${r.evaluationsPerPr === undefined ? '–' : r.evaluationsPerPr.toFixed(2)} | ${r.slowDeliveries} (max ${f(r.maxDeliveryMs)}) | ${r.failedDeliveries} | ${r.peakRssMb.map((m) => `${m.toFixed(0)} MB`).join(', ')} | ${r.lostPrs} | ${r.duplicatePrs} | ${r.commentlessPrs} |`);
  return [
    '| configuration | PRs | opened → first check, p50 / p95 / max | last completion → completed check, p50 / p95 | whole burst | REST requests per PR | GraphQL | evaluations per PR | deliveries answered > 1 s | failed deliveries | peak RSS per process | PRs without a completed check | PRs with a second check run or comment | PRs still without a comment |',
    '| - | - | - | - | - | - | - | - | - | - | - | - | - | - |',
    ...rows,
  ].join('\n');
}

if (isMain(import.meta.url)) {
  ensureBuilt();
  const shape = { installations: option('installations', 10), prsPerInstallation: option('prs-per-installation', 20) };
  const redisUrl = `${startService('redis').REDIS_URL!}/3`;
  const configs: Config[] = [
    { name: 'reference (Probot defaults, 1 process)', kind: 'reference', replicas: 1, kill: false },
    { name: 'Maestro, 1 replica', kind: 'app', replicas: 1, kill: false },
    { name: 'Maestro, 2 replicas', kind: 'app', replicas: 2, kill: false },
    { name: 'Maestro, 2 replicas, one killed halfway', kind: 'app', replicas: 2, kill: true },
    { name: 'Maestro, 1 replica, 20 PRs of one installation at once', kind: 'app', replicas: 1, kill: false, shape: { installations: 1, prsPerInstallation: 20 } },
  ];
  const load = loadavg();
  const results: LoadResult[] = [];
  for (const config of configs) {
    results.push(await runConfig(config, shape, redisUrl));
    console.error(`${config.name}: done`);
  }
  const info = machine();
  const markdown = `${shape.installations} installations × ${shape.prsPerInstallation} PRs, 6 gate workflows each · ${info.cpus} CPUs (${info.cpuModel}) · node ${info.node} · load average before: ${load.map((l) => l.toFixed(2)).join(' ')}, after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n\n${formatLoad(results)}\n`;
  writeFileSync(join(OUT_DIR, 'app-load.json'), `${JSON.stringify({ shape, machine: info, results }, null, 2)}\n`);
  console.log(markdown);
}
