/**
 * Benchmarks of the schema-diff, attestation and SBOM diff gates, each against its reference, all
 * in one run (`npx tsx bench/gates.bench.ts [--build]`; results in bench/out/gates.{md,json}):
 *
 * 1. Whole process, `maestro schema-diff` against the `graphql-inspector diff` CLI (installed under
 *    bench/out/tools from the npm registry) on GitHub's public schema (@octokit/graphql-schema
 *    14.39.1 SDL against 15.26.1 introspection JSON); interleaved, rotated, medians.
 * 2. Attestation, in one process: verifying the real npm provenance bundles with `verifySigstoreBundle`
 *    against the sigstore library's own verifier built once and reused (`Verifier` over the same
 *    trusted root, `toSignedEntity`, policy check), per bundle. And whole process: `maestro
 *    verify-attestation` on the real tarball, with sockets and DNS made to abort the process.
 * 3. SBOM reading and validation: `JSON.parse` alone against `JSON.parse` + `parseSbom` of
 *    generated CycloneDX SBOMs of 10,000 to 200,000 components (bench/sbom.bench.ts, which also
 *    runs alone): the ratio must stay flat (linear) and at most 2.
 * The actions' start is measured by bench/action-start.bench.ts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import seeds from '@sigstore/tuf/seeds.json' with { type: 'json' };
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import { verifySigstoreBundle } from '../adapters/sigstore/verify-sigstore-bundle.js';
import { realworldDir } from '../test/helpers/realworld.js';
import { OUT_DIR, ROOT, cleanEnv, ensureBuilt, machine, ms, since, stats, type Stats } from './lib.js';
import { formatSbom, runSbomBench } from './sbom.bench.js';

const RUNS = 15;
const WARMUP = 2;
const TOOLS = join(OUT_DIR, 'tools');
const REALWORLD = realworldDir('sigstore');
const OLD_SCHEMA = 'node_modules/octokit-graphql-schema-v14/schema.graphql';
const NEW_SCHEMA = 'node_modules/@octokit/graphql-schema/schema.json';

/** Times commands as whole processes, interleaved with the order rotated every round. */
function timeProcesses(commands: Record<string, { cmd: string; args: string[]; status: number; env?: NodeJS.ProcessEnv; output?: RegExp }>, runs = RUNS): Record<string, Stats> {
  const names = Object.keys(commands);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < WARMUP + runs; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length]!;
      const { cmd, args, status, env, output } = commands[name]!;
      const start = process.hrtime.bigint();
      const result = spawnSync(cmd, args, { cwd: ROOT, env: env ?? cleanEnv(), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      const elapsed = since(start);
      if (result.status !== status) throw new Error(`${name}: exit ${result.status}, expected ${status}\n${result.stderr}`);
      if (output && !output.test(result.stdout)) throw new Error(`${name}: unexpected output\n${result.stdout}${result.stderr}`);
      if (round >= WARMUP) samples[name]!.push(elapsed);
    }
  }
  return Object.fromEntries(names.map((n) => [n, stats(samples[n]!)]));
}

function installTools(): string {
  const cli = join(TOOLS, 'node_modules/.bin/graphql-inspector');
  if (!existsSync(cli)) execFileSync('npm', ['install', '--prefix', TOOLS, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', '@graphql-inspector/cli@7', 'graphql@16'], { stdio: 'inherit' });
  return cli;
}

function schemaDiff(): Record<string, Stats> {
  const inspector = installTools();
  const subject = ['--repo', 'acme/api', '--sha', 'a'.repeat(40)];
  return timeProcesses({
    'maestro schema-diff': { cmd: process.execPath, args: ['bin/maestro.cjs', 'schema-diff', '--old', OLD_SCHEMA, '--new', NEW_SCHEMA, '--format', 'json', ...subject], status: 1 },
    'graphql-inspector diff': { cmd: inspector, args: ['diff', OLD_SCHEMA, NEW_SCHEMA], status: 1 },
  });
}

const PROVENANCE = ['gundam-visor-1.0.1', 'sigstore-1.0.0', 'sigstore-2.0.0', 'sigstore-2.1.0', 'sigstore-2.2.0', 'sigstore-2.3.1', 'tuf-js-1.0.0'].map((p) => join(REALWORLD, p, 'provenance.sigstore.json'));

/** Per-bundle time in one process: ours against the library's verifier built once, alternating, medians of rounds over all bundles. */
function attestationInProcess(rounds = 200): { ours: Stats; library: Stats } {
  const bundles = PROVENANCE.map((f) => JSON.parse(readFileSync(f, 'utf8')) as unknown);
  const target = seeds['https://tuf-repo-cdn.sigstore.dev'].targets['trusted_root.json'];
  const root = TrustedRoot.fromJSON(JSON.parse(Buffer.from(target, 'base64').toString('utf8')));
  const verifier = new Verifier(toTrustMaterial(root));
  const library = (b: unknown) => {
    const signer = verifier.verify(toSignedEntity(bundleFromJSON(b)));
    if (!signer.identity?.subjectAlternativeName?.startsWith('https://github.com/')) throw new Error('identity');
  };
  const ours = (b: unknown) => verifySigstoreBundle({ bundle: b, bundleFile: 'b', policy: { identity: /^https:\/\/github\.com\//, issuer: 'https://token.actions.githubusercontent.com' } });
  const samples = { ours: [] as number[], library: [] as number[] };
  for (let round = 0; round < rounds + 20; round++) {
    for (const [name, fn] of round % 2 === 0 ? ([['ours', ours], ['library', library]] as const) : ([['library', library], ['ours', ours]] as const)) {
      const start = process.hrtime.bigint();
      for (const b of bundles) fn(b);
      if (round >= 20) samples[name].push(since(start) / bundles.length);
    }
  }
  return { ours: stats(samples.ours), library: stats(samples.library) };
}

function attestationProcess(): Record<string, Stats> {
  const dir = join(tmpdir(), 'maestro-bench-att');
  mkdirSync(dir, { recursive: true });
  const noNetwork = join(dir, 'no-network.cjs');
  writeFileSync(noNetwork, "const net=require('node:net');const dns=require('node:dns');const no=()=>{process.stderr.write('NETWORK USED\\n');process.exit(99)};net.Socket.prototype.connect=no;dns.lookup=no;globalThis.fetch=no;\n");
  const tarball = join(REALWORLD, 'gundam-visor-1.0.1/gundam-visor-1.0.1.tgz');
  const args = ['bin/maestro.cjs', 'verify-attestation', '--artifact', tarball, '--bundle', join(REALWORLD, 'gundam-visor-1.0.1/provenance.sigstore.json'), '--identity', '^https://github.com/', '--issuer', 'https://token.actions.githubusercontent.com', '--quarantine', 'none', '--repo', 'acme/web', '--sha', 'a'.repeat(40), '--format', 'json'];
  return timeProcesses({
    'node -e 0': { cmd: process.execPath, args: ['-e', '0'], status: 0 },
    'maestro verify-attestation (offline)': { cmd: process.execPath, args, status: 0, env: { ...cleanEnv(), NODE_OPTIONS: `--require ${noNetwork}` } },
  });
}

const table = (rows: Record<string, Stats>, reference: string): string[] => [
  '| command | median | p90 | min | vs reference |',
  '| - | - | - | - | - |',
  ...Object.entries(rows).map(([name, s]) => `| ${name} | ${ms(s.median)} | ${ms(s.p90)} | ${ms(s.min)} | ${(s.median / rows[reference]!.median).toFixed(2)}x |`),
];

ensureBuilt();
const started = new Date();
const schema = schemaDiff();
const inProcess = attestationInProcess();
const attProcess = attestationProcess();
const sbom = runSbomBench([10_000, 25_000, 50_000, 100_000, 200_000]);
const info = machine();
const markdown = [
  '# Gate benchmarks',
  '',
  `${started.toISOString()} · ${info.cpus} CPUs (${info.cpuModel}) · node ${info.node} · ${info.platform}`,
  '',
  `## Schema diff, whole process (${RUNS} runs each, interleaved)`,
  '',
  ...table(schema, 'graphql-inspector diff'),
  '',
  '## Attestation verification',
  '',
  `In one process, per bundle (${PROVENANCE.length} real npm provenance bundles, 200 rounds): ours ${ms(inProcess.ours.median, 3)} (p90 ${ms(inProcess.ours.p90, 3)}), the library's reused verifier ${ms(inProcess.library.median, 3)} (p90 ${ms(inProcess.library.p90, 3)}): ${(inProcess.ours.median / inProcess.library.median).toFixed(2)}x.`,
  '',
  ...table(attProcess, 'node -e 0'),
  '',
  '## SBOM reading and validation (CycloneDX 1.6, generated, with a dependency graph)',
  '',
  formatSbom(sbom),
  '',
].join('\n');
writeFileSync(join(OUT_DIR, 'gates.md'), markdown);
writeFileSync(join(OUT_DIR, 'gates.json'), `${JSON.stringify({ startedAt: started.toISOString(), machine: info, schema, inProcess, attProcess, sbom }, null, 2)}\n`);
console.log(markdown);
