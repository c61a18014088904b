/**
 * One process of the app under load, started as `npm start` starts it (`node dist/app/main.js`),
 * or the reference Probot app; with the port it listens on, its peak memory and its metrics.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT } from '../lib.js';

export interface Replica {
  name: string;
  url: string;
  child: ChildProcess;
  log: string[];
  /** Peak resident memory so far (VmHWM), in bytes. */
  peakRss(): number;
  /** The app's Prometheus metrics text (empty for the reference app or a dead process). */
  metrics(): Promise<string>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    }).on('error', reject);
  });
}

/** Starts `script` (the built app, or the reference) with `env`, and waits until it answers. */
export async function startReplica(name: string, script: string, env: Record<string, string>, ready = '/healthz'): Promise<Replica> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, script)], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => log.push(chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => log.push(chunk));
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before it answered:\n${log.join('')}`);
    if (performance.now() - started > 30_000) throw new Error(`${name} did not answer ${ready} within 30 s:\n${log.join('')}`);
    const ok = await fetch(`${url}${ready}`).then((r) => r.status < 500, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  let peak = 0;
  return {
    name,
    url,
    child,
    log,
    peakRss: () => {
      try {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (hwm) peak = Math.max(peak, Number(hwm[1]) * 1024);
      } catch {
        // The process is gone: its last reading stands.
      }
      return peak;
    },
    metrics: () => fetch(`${url}/metrics`).then((r) => (r.ok ? r.text() : ''), () => ''),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The sum of a metric's samples whose labels include `labels` (`name{a="b"} 3` lines). */
export function metricSum(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-z_]+)(\{[^}]*\})? ([0-9.e+-]+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    if (Object.entries(labels).every(([k, v]) => (match[2] ?? '').includes(`${k}="${v}"`))) sum += Number(match[3]);
  }
  return sum;
}
