/**
 * `npm start`: runs the Maestro Conductor GitHub App from environment variables (see .env.example):
 * webhooks at /api/github/webhooks, /healthz, /metrics and /ping, on HOST:PORT.
 */
import type { Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import { Probot } from 'probot';
import { formatError, isMaestroError } from '../core/errors.js';
import { MaestroApp } from './maestro-app.js';
import { appClock } from './clock.js';
import { createAppOctokit } from './create-app-octokit.js';
import { createBackend } from './create-backend.js';
import { MAX_WEBHOOK_BYTES, readEnv } from './read-env.js';
import { readDriftEnv } from './drift/read-drift-env.js';
import { driftSchedule, readDriftSweepTemplate } from './drift/drift-schedule.js';
import { openStore } from '../adapters/store/open-store.js';
import { AppMetrics } from './metrics.js';
import { DecisionLogStore } from './decision-log-store.js';
import { restoreGrants } from './state/restore-grants.js';
import { openLedger } from '../flows/open-ledger.js';
import { ledgerOptionsFromEnv } from '../adapters/sigstore/ledger-options-from-env.js';
import { createAppServer, listen } from '../adapters/http/create-app-server.js';
import { operationsHandler } from '../adapters/http/operations-handler.js';
import { webhookHandler } from '../adapters/http/webhook-handler.js';
import { startWebhookProxy } from '../adapters/http/start-webhook-proxy.js';

/** Errors as pino writes them, minus webhook payloads (a refused delivery's body is not worth a log line). */
function withoutPayloads(error: unknown): unknown {
  const out = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  const strip = (value: unknown, depth: number): unknown => {
    if (!value || typeof value !== 'object' || depth > 6) return value;
    if (Array.isArray(value)) return value.map((v) => strip(v, depth + 1));
    const record: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) record[key] = key === 'payload' ? '[payload omitted]' : strip(v, depth + 1);
    return record;
  };
  return strip(out, 0);
}

/** The running app: the port it listens on, and how to stop it gracefully. */
export interface RunningApp {
  port: number;
  server: Server;
  app: MaestroApp;
  probot: Probot;
  stop: () => Promise<void>;
}

export async function startApp(env: NodeJS.ProcessEnv = process.env, options: { logTo?: { write(line: string): void } } = {}): Promise<RunningApp> {
  const settings = readEnv(env);
  const now = appClock(settings.clockStart);
  const drift = readDriftEnv(env, now());
  // JSON lines at the configured level; payloads of refused deliveries are not written out.
  const log = pino({
    name: 'maestro-conductor',
    level: settings.logLevel,
    redact: { paths: ['event.payload'], censor: '[payload omitted]' },
    serializers: { err: withoutPayloads },
  }, options.logTo ?? pino.destination(1));
  if (settings.clockStart) log.warn({ MAESTRO_NOW: settings.clockStart }, 'the app\'s clock starts at MAESTRO_NOW, not the system time: for tests and reproductions only');
  // The template (and its manifest) is read once at start: a missing or broken one stops the app here, not at the first sweep hours later.
  const driftTemplate = drift ? await readDriftSweepTemplate(drift.template) : undefined;
  // Opened (and its head read) before the server starts: an unreachable or tampered ledger stops the app here.
  const ledger = await openLedger(await openStore(settings.ledgerStore), { ...ledgerOptionsFromEnv(env), onSealError: (err, seq) => log.warn({ err, seq }, 'a periodic seal of the audit ledger failed; the entry it followed is recorded') });
  // The store is checked at start too: a sweep whose evidence cannot be kept should not wait a day to say so.
  const evidenceStore = drift?.evidenceStore ? await openStore(drift.evidenceStore) : undefined;
  await evidenceStore?.preflight();
  const backend = createBackend(settings, () => now().getTime());
  // Without Redis the app's memory starts empty: the ledger gives back the waivers and overrides granted before.
  const restored = settings.redisUrl ? undefined : await restoreGrants(settings.ledgerStore, backend.store, now());
  const metrics = new AppMetrics({ defaultMetrics: true });
  const decisionLogs = settings.decisionLogStore ? new DecisionLogStore(await openStore(settings.decisionLogStore), { warn: (fields, message) => log.warn(fields, message), registry: metrics.registry }) : undefined;
  await decisionLogs?.store.preflight();
  const app = new MaestroApp({
    ledger,
    appId: settings.appId,
    now,
    waiverCheckMs: settings.waiverCheckMs,
    metrics,
    store: backend.store,
    createQueue: backend.createQueue,
    ...(decisionLogs ? { decisionLogs } : {}),
    ...(drift ? { drift: driftSchedule(drift, driftTemplate!, settings.baseUrl, evidenceStore) } : {}),
  });
  // Every client of the app (app, installations, GraphQL, artifact downloads) talks to settings.baseUrl.
  const probot = new Probot({ appId: settings.appId, privateKey: settings.privateKey, secret: settings.webhookSecret, log, Octokit: createAppOctokit(backend.contentLimiter), baseUrl: settings.baseUrl });
  await probot.load(app.load, { cwd: process.cwd(), addHandler: () => undefined });

  const server = createAppServer([
    webhookHandler({
      path: settings.webhookPath,
      secret: settings.webhookSecret,
      maxBytes: MAX_WEBHOOK_BYTES,
      deliveries: backend.store,
      receive: (delivery) => probot.receive(delivery as never),
      refused: (reason) => metrics.refusedDeliveries.inc({ reason }),
      duplicate: (event) => metrics.deliveries.inc({ event, outcome: 'duplicate' }),
      log,
    }),
    operationsHandler(metrics, () => app.health()),
  ], log);
  const port = await listen(server, settings.port, settings.host);
  log.info({ port, host: settings.host, github: settings.baseUrl, queue: app.queue?.kind }, `Maestro Conductor listening on http://${settings.host}:${port}`);
  // Who the app is (its bot login) is learned in the background: no delivery waits for GitHub.
  app.learnIdentity(probot);
  const proxy = settings.webhookProxyUrl ? await startWebhookProxy(settings.webhookProxyUrl, `http://127.0.0.1:${port}${settings.webhookPath}`, log) : undefined;
  if (restored) log.info(restored, 'waivers and overrides restored from the audit ledger');
  const stop = async (): Promise<void> => {
    proxy?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await app.close();
    await backend.close();
  };
  return { port, server, app, probot, stop };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  startApp().then(
    ({ stop }) => {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void stop().then(() => process.exit(0)));
    },
    (error: unknown) => {
      process.stderr.write(`${isMaestroError(error) ? formatError(error) : `error INTERNAL: ${(error as Error).stack ?? String(error)}`}\n`);
      process.exit(isMaestroError(error) ? 2 : 70);
    },
  );
}
