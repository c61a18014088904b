/**
 * Starts the built App (`dist/app/main.js`) as `npm start` does, with a throwaway key and ledger,
 * and waits until it serves /healthz: a bundle that cannot start fails the build here, not at a
 * user's first `npm start`. `tsx scripts/check-app-starts.ts [node-binary]` checks another Node.
 */
import { execFileSync, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');

/** A port nobody listens on now. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    }).on('error', fail);
  });
}

/** Resolves with the answer of /healthz; rejects with the app's output when it exits or does not answer within `timeoutMs`. */
export async function checkAppStarts(node = process.execPath, timeoutMs = 30_000): Promise<{ health: Record<string, unknown>; ms: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'maestro-start-check-'));
  const port = await freePort();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const started = performance.now();
  const child = spawn(node, [join(root, 'dist/app/main.js')], {
    cwd: root,
    env: { PATH: process.env.PATH, APP_ID: '1', PRIVATE_KEY: privateKey, WEBHOOK_SECRET: 'start-check', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error', LEDGER_STORE: pathToFileURL(join(dir, 'ledger')).href },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<never>((_, fail) => child.once('exit', (code, signal) => fail(new Error(`dist/app/main.js exited (${signal ?? `code ${code}`}) before serving /healthz:\n${output.trim()}`))));
  const answered = (async () => {
    for (;;) {
      if (performance.now() - started > timeoutMs) throw new Error(`dist/app/main.js did not serve /healthz within ${timeoutMs} ms:\n${output.trim()}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (response.ok) return (await response.json()) as Record<string, unknown>;
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  try {
    const health = await Promise.race([answered, exited]);
    return { health, ms: Math.round(performance.now() - started) };
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const node = process.argv[2] ?? process.execPath;
  checkAppStarts(node).then(
    ({ health, ms }) => console.log(`dist/app/main.js served /healthz on Node ${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()} in ${ms} ms: ${JSON.stringify(health)}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
