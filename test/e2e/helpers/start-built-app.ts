import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TEST_NOW } from '../../helpers/clock.js';
import { freePort } from '../../helpers/free-port.js';
import { privateKey } from '../../helpers/private-key.js';
import type { GitHubSimulator } from '../github-simulator/github-simulator.js';

const root = resolve(fileURLToPath(import.meta.url), '../../../..');
/** The bundle `npm start` runs. */
export const APP_BUNDLE = join(root, 'dist/app/main.js');

/** How to start the built app against a simulator. */
export interface BuiltAppOptions {
  /** The Node binary (see node-binary.ts). */
  node: string;
  sim: GitHubSimulator;
  appId: number;
  secret: string;
  /** MAESTRO_NOW: where the app's clock starts (default TEST_NOW). */
  now?: string;
  /** The audit ledger's folder (default: a new temporary one); the same folder keeps the ledger across a restart. */
  ledgerDir?: string;
  /** QUEUE_DELAY_MS (default 300: enough for a test's burst of deliveries to coalesce). */
  queueDelayMs?: number;
  /** More variables (DRIFT_TEMPLATE, ...). */
  env?: Record<string, string>;
}

/** A running `node dist/app/main.js`. */
export interface BuiltApp {
  url: string;
  pid: number;
  node: string;
  ledgerDir: string;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Its JSON log lines (pino) so far. */
  logs(): Array<Record<string, any>>;
  /** Its resident set size now, in kB (VmRSS of /proc/<pid>/status). */
  rssKb(): number;
  /** GET a path of the app (`/metrics`). */
  get(path: string): Promise<{ status: number; text: string }>;
  /** Resolves once no evaluation is waiting or running (the queue gauges of /metrics are both 0). */
  idle(timeoutMs?: number): Promise<void>;
  /** SIGTERM, as a process manager stops it; waits for the exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
// A test that fails half-way still leaves no app behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts the built app as `npm start` does (`node dist/app/main.js` in the repository folder), with
 * only environment variables: GitHub Enterprise Server settings pointing every client at the
 * simulator, the app's clock at MAESTRO_NOW, a file ledger. Resolves once it serves /healthz;
 * rejects with its output when it exits or does not answer within 20 s.
 */
export async function startBuiltApp(options: BuiltAppOptions): Promise<BuiltApp> {
  if (!existsSync(APP_BUNDLE)) throw new Error(`${APP_BUNDLE} is missing: run npx tsx scripts/build.ts (npm test builds it in pretest)`);
  const port = await freePort();
  const ledgerDir = options.ledgerDir ?? mkdtempSync(join(tmpdir(), 'maestro-e2e-ledger-'));
  const child = spawn(options.node, [APP_BUNDLE], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      APP_ID: String(options.appId),
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: options.secret,
      HOST: '127.0.0.1',
      PORT: String(port),
      GHE_HOST: options.sim.gheHost,
      GHE_PROTOCOL: 'http',
      MAESTRO_NOW: options.now ?? TEST_NOW,
      LEDGER_STORE: pathToFileURL(ledgerDir).href,
      QUEUE_DELAY_MS: String(options.queueDelayMs ?? 300),
      LOG_LEVEL: 'info',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  // The log (pino's JSON lines on stdout) apart, so a line is never cut by what stderr wrote meanwhile.
  let stdout = '';
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    output += chunk;
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | string>((done) => child.once('exit', (code, signal) => {
    running.delete(child);
    done(signal ?? code ?? 0);
  }));
  const url = `http://127.0.0.1:${port}`;
  const get = async (path: string) => {
    const response = await fetch(`${url}${path}`);
    return { status: response.status, text: await response.text() };
  };
  const app: BuiltApp = {
    url,
    pid: child.pid!,
    node: options.node,
    ledgerDir,
    output: () => output,
    // Complete lines only: the last one may still be on its way.
    logs: () => stdout.split('\n').slice(0, -1).filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, any>),
    rssKb: () => Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]),
    get,
    idle: async (timeoutMs = 20_000) => {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const { text } = await get('/metrics');
        const gauge = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
        if (gauge('maestro_queue_waiting') === 0 && gauge('maestro_queue_running') === 0) return;
        if (performance.now() > deadline) throw new Error(`the app's queue did not empty within ${timeoutMs} ms (waiting ${gauge('maestro_queue_waiting')}, running ${gauge('maestro_queue_running')}); its log:\n${output.slice(-6000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: async () => {
      if (!running.has(child)) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = performance.now() + 20_000;
  const started = (async () => {
    for (;;) {
      try {
        if ((await get('/healthz')).status === 200) return app;
      } catch {
        // Not listening yet.
      }
      if (performance.now() > deadline) throw new Error(`${options.node} dist/app/main.js did not serve /healthz within 20 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const failed = exited.then((how) => {
    throw new Error(`${options.node} dist/app/main.js exited (${how}) before serving /healthz:\n${output}`);
  });
  // Only the start waits on this; a later exit (stop) is no error.
  failed.catch(() => undefined);
  try {
    return await Promise.race([started, failed]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}
