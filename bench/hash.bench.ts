/**
 * Throughput and peak memory of `maestro evidence bundle` over 2 GiB of artifacts, side by side in
 * one run with `openssl dgst -sha256` on the same files (OpenSSL with the CPU's SHA extensions: the
 * anchor; Debian's sha256sum lacks them). Run with `npx tsx bench/hash.bench.ts`; HASH_BENCH_DIR puts
 * the set and the bundle on another file system (one that clones files, say), HASH_BENCH_ROUNDS sets
 * the rounds (default 5).
 *
 * The set (<dir>/hash-artifacts, default bench/out, gitignored): 7 files of 256 MiB and 1,024 of
 * 256 KiB, 2 GiB in all, random bytes. The sources are read from the page cache (a warm-up read goes
 * first). Each round runs every step once, the order rotated from round to round; before each step
 * `sync` waits until the disk holds everything written so far, so no step pays for another's writing.
 * Every copy goes to a new folder; once timed, its files are truncated to nothing (which frees their
 * page cache and blocks, so each step finds the same free memory) but not deleted until the end:
 * ext4 skips inodes freed in the last 30 s when it creates files (`recently_deleted`), so deleting
 * 1,031 files before each step would make the next step's file creations scan past them, a cost no
 * real build has.
 * Reported: medians, the median of the per-round ratios, the best round, and each step's CPU time
 * (user + system, all threads: the children's times in /proc/self/stat).
 *   (a) openssl dgst -sha256 over all files, one process;
 *   (b) the builder's hashing alone (collectArtifacts + hashFile), a child process bundled with esbuild;
 *   (c) the builder as it was: fs.copyFile of each file into a new folder, then hashFile of the copy (same child);
 *   (d) the whole `maestro evidence bundle` (copy and hash, manifest), unsigned, --format json: the CLI
 *       built from today's sources as scripts/build.ts builds dist/cli, into bench/out (dist/ is left alone);
 *   (e) the builder's copier alone with cloning off (same child as (b)): on a file system that clones,
 *       what (d) would cost copying instead; elsewhere (d) copies too and (e) is (d) less the CLI.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, statfsSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { OUT_DIR, ROOT, machine, median } from './lib.js';

const BASE = process.env.HASH_BENCH_DIR ?? OUT_DIR;
const SET_DIR = join(BASE, 'hash-artifacts');
const COPIES_DIR = join(BASE, 'hash-copies');
const BIG = { count: 7, bytes: 256 * 1024 * 1024 };
const SMALL = { count: 1024, bytes: 256 * 1024 };
const TOTAL = BIG.count * BIG.bytes + SMALL.count * SMALL.bytes;
const ROUNDS = Number(process.env.HASH_BENCH_ROUNDS ?? 5);
const STEPS = ['openssl', 'hash', 'before', 'bundle', 'copy'] as const;
type Step = (typeof STEPS)[number];

function generate(): void {
  const existing = existsSync(SET_DIR) ? readdirSync(SET_DIR, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).reduce((n, e) => n + statSync(join(e.parentPath, e.name)).size, 0) : 0;
  if (existing === TOTAL) return;
  rmSync(SET_DIR, { recursive: true, force: true });
  mkdirSync(join(SET_DIR, 'small'), { recursive: true });
  const chunk = randomBytes(16 * 1024 * 1024);
  for (let i = 0; i < BIG.count; i++) {
    const fd = openSync(join(SET_DIR, `big-${i}.bin`), 'w');
    for (let written = 0; written < BIG.bytes; written += chunk.length) {
      chunk.writeUInt32LE(i * 1000 + written / chunk.length, 0);
      writeSync(fd, chunk);
    }
    closeSync(fd);
  }
  for (let i = 0; i < SMALL.count; i++) writeFileSync(join(SET_DIR, 'small', `report-${String(i).padStart(4, '0')}.bin`), randomBytes(SMALL.bytes));
}

function files(): string[] {
  return readdirSync(SET_DIR, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
}

/** CPU time (user + system, ms) of this process's waited-for children, all their threads: /proc/self/stat cutime + cstime. */
function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
}

function timed(command: string, args: string[]): { ms: number; cpuMs: number; stdout: string; stderr: string } {
  const cpu = childrenCpuMs();
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '', NODE_EXTRA_CA_CERTS: '' } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${command} ${args.slice(0, 3).join(' ')} failed: ${r.stderr}`);
  return { ms, cpuMs: childrenCpuMs() - cpu, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The CLI from today's sources, laid out as scripts/build.ts lays out dist/cli (minified CommonJS, main.js
 * loading the evidence command's own bundle and each evidence kind's validator on demand), in bench/out.
 */
async function buildCli(): Promise<void> {
  const lazy: Plugin = {
    name: 'lazy-modules',
    setup(b) {
      b.onResolve({ filter: /^\.\.\/commands\/[a-z0-9-]+\.js$/ }, (args) => (args.importer.includes('/cli/command-specs/') ? { path: args.path.replace('../commands/', './commands/'), external: true } : undefined));
      b.onResolve({ filter: /^\.\/evidence\/[a-z0-9-]+\.js$/ }, (args) => (args.importer.endsWith('evidence-loaders.js') ? { path: args.path.replace('./evidence/', '../validators/'), external: true } : undefined));
    },
  };
  const options: BuildOptions = { absWorkingDir: ROOT, bundle: true, platform: 'node', format: 'cjs', supported: { 'dynamic-import': false }, mainFields: ['module', 'main'], target: 'node20', minify: true, plugins: [lazy], external: ['playwright-core', 'axe-core'], logLevel: 'warning' };
  rmSync(cliDir, { recursive: true, force: true });
  const validators = readdirSync(join(ROOT, 'core/generated/evidence')).filter((f) => f.endsWith('.js')).map((f) => [f.slice(0, -3), `core/generated/evidence/${f}`]);
  await Promise.all([
    build({ ...options, entryPoints: { main: 'cli/main.ts' }, outdir: cliDir }),
    build({ ...options, entryPoints: { evidence: 'cli/commands/evidence.ts' }, outdir: join(cliDir, 'commands') }),
    build({ ...options, entryPoints: Object.fromEntries(validators), outdir: join(cliDir, 'validators') }),
    build({ ...options, entryPoints: [join(ROOT, 'bench/hash-child.ts')], outfile: hashChild, minify: false, plugins: [] }),
  ]);
  writeFileSync(join(cliDir, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
  // As bin/maestro.cjs starts dist/cli: compiled code kept between runs (cli/compile-cache.ts).
  writeFileSync(cli, "'use strict';\nconst cli = require('./main.js');\ncli.enableCompileCache(__dirname);\nvoid cli.main(process.argv.slice(2));\n");
}

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const freeBytes = () => { const s = statfsSync(BASE); return s.bavail * s.bsize; };
/** Waits until the disk holds everything written, outside the timings. */
function settle(): void {
  execFileSync('sync');
}
let copies = 0;
/** A new folder for a copy of the set, under COPIES_DIR (deleted at the start and the end of the run). */
const newCopy = () => join(COPIES_DIR, String(copies++));
/** Truncates every file of the copies made so far: their memory and blocks are freed, their inodes kept. */
function release(): void {
  if (!existsSync(COPIES_DIR)) return;
  for (const e of readdirSync(COPIES_DIR, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    if (statSync(path).size === 0) continue;
    chmodSync(path, 0o644);
    truncateSync(path, 0);
  }
  execFileSync('sync');
}

rmSync(COPIES_DIR, { recursive: true, force: true });
generate();
const all = files();
const loadAtStart = load();
const hashChild = join(OUT_DIR, 'hash-child.cjs');
const cliDir = join(OUT_DIR, 'hash-cli');
const cli = join(cliDir, 'maestro.cjs');
await buildCli();
execFileSync('sh', ['-c', `cat ${JSON.stringify(SET_DIR)}/*.bin ${JSON.stringify(SET_DIR)}/small/* > /dev/null`]);

const bundleArgs = (out: string) => ['evidence', 'bundle', '--release', 'v0.0.0-bench', '--artifacts', SET_DIR, '--out', out, '--repo', 'acme/platform', '--commit', '3f9c2a7e5b1d4c8f9a0e6b2d7c4f1a8e5b3d9c07', '--created-at', '2026-11-20T12:00:00Z', '--format', 'json'];
const rounds: Array<Record<Step, number> & { cpu: Record<Step, number>; hashRss: number; bundleRss: number; bundleSpace: number; load: string }> = [];
let digestsMatch = true;
for (let round = 0; round < ROUNDS; round++) {
  const r = { load: load(), cpu: {} } as (typeof rounds)[number];
  for (let k = 0; k < STEPS.length; k++) {
    const step = STEPS[(round + k) % STEPS.length]!;
    release();
    settle();
    if (step === 'openssl') {
      const out = timed('openssl', ['dgst', '-sha256', '-r', ...all]);
      r.openssl = out.ms;
      r.cpu.openssl = out.cpuMs;
      if (round === 0) {
        const theirs = new Map(out.stdout.trim().split('\n').map((line) => { const [digest, name] = line.split(' *'); return [name!.slice(SET_DIR.length + 1), digest!] as const; }));
        const hashed = JSON.parse(timed(process.execPath, [hashChild, 'hash', SET_DIR]).stdout) as { digests: Record<string, string> };
        const checked = newCopy();
        settle();
        timed(process.execPath, [cli, ...bundleArgs(checked)]);
        const manifest = JSON.parse(readFileSync(join(checked, 'manifest.json'), 'utf8')) as { data: { artifacts: Array<{ path: string; sha256: string }> } };
        const same = (digests: Array<[string, string]>) => digests.length === theirs.size && digests.every(([path, digest]) => theirs.get(path) === digest);
        digestsMatch = same(Object.entries(hashed.digests)) && same(manifest.data.artifacts.map((a) => [a.path, a.sha256]));
      }
    } else if (step === 'hash') {
      const out = timed(process.execPath, [hashChild, 'hash', SET_DIR]);
      r.hash = out.ms;
      r.cpu.hash = out.cpuMs;
      r.hashRss = (JSON.parse(out.stdout) as { maxRssKiB: number }).maxRssKiB;
    } else if (step === 'before') {
      const out = timed(process.execPath, [hashChild, 'copy-then-hash', SET_DIR, newCopy()]);
      r.before = out.ms;
      r.cpu.before = out.cpuMs;
    } else if (step === 'copy') {
      const out = timed(process.execPath, [hashChild, 'copy', SET_DIR, newCopy()]);
      r.copy = out.ms;
      r.cpu.copy = out.cpuMs;
    } else {
      const free = freeBytes();
      const out = timed(process.execPath, ['-r', join(ROOT, 'bench/report-rss.cjs'), cli, ...bundleArgs(newCopy())]);
      execFileSync('sync');
      r.bundle = out.ms;
      r.cpu.bundle = out.cpuMs;
      r.bundleRss = Number(/MAX_RSS_KIB=(\d+)/.exec(out.stderr)![1]);
      r.bundleSpace = free - freeBytes();
    }
  }
  rounds.push(r);
}
rmSync(COPIES_DIR, { recursive: true, force: true });

const gib = TOTAL / 1024 ** 3;
const rate = (ms: number) => (TOTAL / 1024 ** 2 / (ms / 1000)).toFixed(0);
const m = Object.fromEntries(STEPS.map((s) => [s, median(rounds.map((r) => r[s]))])) as Record<Step, number>;
const perRound = (s: Step) => median(rounds.map((r) => r.openssl / r[s])).toFixed(2);
const peak = { hash: Math.max(...rounds.map((r) => r.hashRss)) / 1024, bundle: Math.max(...rounds.map((r) => r.bundleRss)) / 1024 };
const fsType = execFileSync('stat', ['-f', '-c', '%T', BASE], { encoding: 'utf8' }).trim();
const info = machine();
const best = Object.fromEntries(STEPS.map((s) => [s, Math.min(...rounds.map((r) => r[s]))])) as Record<Step, number>;
const cpu = (s: Step) => median(rounds.map((r) => r.cpu[s]));
const row = (label: string, s: Step, rss = '') => `| ${label} | ${(m[s] / 1000).toFixed(2)} s | ${rate(m[s])} MiB/s | ${(m.openssl / m[s]).toFixed(2)}x | ${s === 'openssl' ? '1.00x' : `${perRound(s)}x`} | ${(best[s] / 1000).toFixed(2)} s, ${(best.openssl / best[s]).toFixed(2)}x | ${(cpu(s) / 1000).toFixed(2)} s | ${rss} |`;
const lines = [
  `${new Date().toISOString()} · ${info.cpus} CPUs (${info.cpuModel}) · node ${info.node} · ${execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim()} · ${ROUNDS} rounds, medians`,
  '',
  `Set: ${all.length} files, ${gib.toFixed(2)} GiB (${BIG.count} × 256 MiB, ${SMALL.count} × 256 KiB) on ${fsType} (${BASE}), sources in the page cache. Digests of (b) and of the manifest of (d) equal openssl's: ${digestsMatch ? 'yes' : 'NO'}.`,
  `Disk space the bundle of (d) took (median): ${(median(rounds.map((r) => r.bundleSpace)) / 1024 ** 2).toFixed(0)} MiB (about 2048 when copied, about 0 when cloned).`,
  '',
  '| | wall time (median) | throughput | vs openssl (medians) | vs openssl (median of per-round ratios) | best round, vs the best openssl | CPU time, all threads (median) | peak RSS |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  row('(a) `openssl dgst -sha256`', 'openssl'),
  row('(b) builder hashing alone (`hashFile`)', 'hash', `${peak.hash.toFixed(0)} MB`),
  row('(c) before: `fs.copyFile`, then `hashFile` of the copy', 'before'),
  row('(d) whole `maestro evidence bundle`', 'bundle', `${peak.bundle.toFixed(0)} MB`),
  row('(e) the copier alone, cloning off (one-pass copies)', 'copy'),
  '',
  `Per round (ms): ${rounds.map((r) => STEPS.map((s) => `${s} ${r[s].toFixed(0)}`).join(', ')).join('; ')}.`,
  `Load average (1, 5, 15 min; /proc/loadavg): ${loadAtStart} at the start, ${rounds.map((r) => r.load.split(' ')[0]).join(', ')} at each round's start, ${load()} at the end.`,
];
writeFileSync(join(OUT_DIR, 'hash-results.json'), `${JSON.stringify({ machine: info, fsType, base: BASE, total: TOTAL, rounds, medians: m, best, peakMiB: peak, digestsMatch, loadAtStart, loadAtEnd: load() }, null, 2)}\n`);
console.log(lines.join('\n'));
