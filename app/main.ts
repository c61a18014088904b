/**
 * `npm start`: runs the Maestro Conductor GitHub App from environment variables (see .env.example):
 * webhooks at /api/github/webhooks, /healthz and /metrics, on HOST:PORT.
 */
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import { Probot, Server } from 'probot';
import { formatError, isMaestroError, MaestroError } from '../core/errors.js';
import { MaestroApp } from './maestro-app.js';
import { AppOctokit } from './octokit-options.js';
import { createBackend } from './create-backend.js';
import { readEnv } from './read-env.js';
import { readDriftEnv } from './drift/read-drift-env.js';
import { readWorkflowFiles } from '../core/io/read-workflow-files.js';
import { openStore } from '../core/io/store/open-store.js';
import { AppMetrics } from './metrics.js';
import { restoreGrants } from './state/restore-grants.js';
import { openLedger } from '../core/io/open-ledger.js';
import { ledgerOptionsFromEnv } from '../core/io/ledger-options-from-env.js';

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

/** The running app: its server (`server.port` is the port it listens on) and how to stop it gracefully. */
export interface RunningApp {
  server: Server;
  app: MaestroApp;
  stop: () => Promise<void>;
}

export async function startApp(env: NodeJS.ProcessEnv = process.env, options: { logTo?: { write(line: string): void } } = {}): Promise<RunningApp> {
  const settings = readEnv(env);
  const drift = readDriftEnv(env);
  // The template is read once at start: a missing or empty one stops the app here, not at the first sweep hours later.
  const template = drift ? (await readWorkflowFiles(drift.template, 'DRIFT_TEMPLATE')).files : [];
  if (drift && template.length === 0) throw new MaestroError('ENV_INVALID', `DRIFT_TEMPLATE ${drift.template} holds no workflow file`, { remedy: 'point DRIFT_TEMPLATE at the template\'s workflow file, its .github/workflows folder, or a checkout of the template repository.' });
  // Opened (and its head read) before the server starts: an unreachable or tampered ledger stops the app here.
  const ledger = await openLedger(settings.ledgerStore, ledgerOptionsFromEnv(env));
  // The store is checked at start too: a sweep whose evidence cannot be kept should not wait a day to say so.
  const evidenceStore = drift?.evidenceStore ? await openStore(drift.evidenceStore) : undefined;
  await evidenceStore?.preflight();
  const backend = createBackend(settings);
  // Without Redis the app's memory starts empty: the ledger gives back the waivers and overrides granted before.
  const restored = settings.redisUrl ? undefined : await restoreGrants(settings.ledgerStore, backend.store, new Date());
  const app = new MaestroApp({
    ledger,
    waiverCheckMs: settings.waiverCheckMs,
    metrics: new AppMetrics({ defaultMetrics: true }),
    store: backend.store,
    createQueue: backend.createQueue,
    ...(drift ? { drift: { template, templateSource: drift.templateSource, ...(drift.intervalMs ? { intervalMs: drift.intervalMs } : {}), dryRun: drift.dryRun, dispatchRepo: drift.dispatchRepo, ...(evidenceStore ? { store: evidenceStore } : {}) } } : {}),
  });
  // JSON lines at the configured level; payloads of refused deliveries are not written out.
  const log = pino({
    name: 'maestro-conductor',
    level: settings.logLevel,
    redact: { paths: ['event.payload'], censor: '[payload omitted]' },
    serializers: { err: withoutPayloads },
  }, options.logTo ?? pino.destination(1));
  const server = new Server({
    log,
    // With Redis, Probot shares the request throttling of every replica through it.
    Probot: Probot.defaults({ appId: settings.appId, privateKey: settings.privateKey, secret: settings.webhookSecret, log, Octokit: AppOctokit, ...(settings.redisUrl ? { redisConfig: settings.redisUrl } : {}) }),
    port: settings.port,
    host: settings.host,
    webhookPath: settings.webhookPath,
    ...(settings.webhookProxyUrl ? { webhookProxy: settings.webhookProxyUrl } : {}),
    enableStaticFiles: false,
  });
  await server.load(app.load);
  await server.start();
  if (restored) log.info(restored, 'waivers and overrides restored from the audit ledger');
  const stop = async (): Promise<void> => {
    await server.stop();
    await app.close();
    await backend.close();
  };
  return { server, app, stop };
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
