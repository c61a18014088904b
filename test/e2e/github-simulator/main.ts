/**
 * `npx tsx test/e2e/github-simulator/main.ts [--port N] [--seed seed.json] [--app-id N --private-key-path key.pem]`:
 * starts the GitHub simulator by hand, seeded (default: default-seed.json), and prints the
 * environment that points the app and the actions at it.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Seed } from './seed-types.js';
import { startGitHubSimulator } from './start-github-simulator.js';

const USAGE = 'usage: npx tsx test/e2e/github-simulator/main.ts [--port N] [--seed seed.json] [--app-id N --private-key-path key.pem]';

/** The app's key: the one given, or a new one written to a temporary file the app can be pointed at. */
function privateKeyFile(path: string | undefined): { path: string; pem: string } {
  if (path) return { path, pem: readFileSync(path, 'utf8') };
  const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const file = join(mkdtempSync(join(tmpdir(), 'github-simulator-')), 'app.private-key.pem');
  writeFileSync(file, pem, { mode: 0o600 });
  return { path: file, pem };
}

/** Starts the simulator from the command line; resolves once it listens. */
async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { port: { type: 'string' }, seed: { type: 'string' }, 'app-id': { type: 'string' }, 'private-key-path': { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = Number(values.port ?? '0');
  const appId = Number(values['app-id'] ?? '1');
  if (!Number.isInteger(port) || port < 0 || port > 65535 || !Number.isSafeInteger(appId) || appId <= 0) throw new Error(`--port must be a port number and --app-id a positive integer\n${USAGE}`);
  const seedPath = values.seed ?? new URL('./default-seed.json', import.meta.url);
  const seed = JSON.parse(readFileSync(seedPath, 'utf8')) as Seed;
  const key = privateKeyFile(values['private-key-path']);
  const sim = await startGitHubSimulator({ appId, privateKeyPem: key.pem, port, seed });
  const first = [...sim.state.installations.keys()][0];
  const token = first === undefined ? '<seed an installation first>' : sim.createInstallationToken(first);
  const installations = [...sim.state.installations.values()].map((i) => `${i.id} (${i.account.login})`).join(', ');
  process.stdout.write(
    [
      `GitHub simulator on ${sim.url} (REST at / and /api/v3, GraphQL at /graphql and /api/graphql)`,
      `seeded from ${typeof seedPath === 'string' ? seedPath : fileURLToPath(seedPath)}: installations ${installations || 'none'}; repositories ${[...sim.state.repositories.values()].map((r) => r.fullName).join(', ')}`,
      '',
      'Start the app against it:',
      `  GHE_HOST=${sim.gheHost} GHE_PROTOCOL=http APP_ID=${appId} PRIVATE_KEY_PATH=${key.path} WEBHOOK_SECRET=simulator-secret npm start`,
      'Point an action or the CLI at it:',
      `  GITHUB_API_URL=${sim.url} GITHUB_GRAPHQL_URL=${sim.url}/graphql GITHUB_TOKEN=${token}   (an installation token, valid for an hour)`,
      '',
      `Look inside: curl ${sim.url}/_simulator/requests, curl ${sim.url}/_simulator/state`,
      `Inject a fault: curl -X POST ${sim.url}/_simulator/faults -d '{"kind":"5xx","route":"POST /repos/{owner}/{repo}/check-runs","times":1}'`,
      '',
    ].join('\n'),
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void sim.close().then(() => process.exit(0)));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
});
