/**
 * Hashing throughput and peak memory of the release bundle builder over 2 GiB of artifacts, side by
 * side in one run with `openssl dgst -sha256` on the same files (OpenSSL with the CPU's SHA
 * extensions: the anchor; Debian's sha256sum lacks them). Run with `npx tsx bench/hash.bench.ts`.
 *
 * The set (bench/out/hash-artifacts, gitignored): 7 files of 256 MiB and 1,024 of 256 KiB, 2 GiB in
 * all, random bytes. Every measurement reads from the page cache (a warm-up read goes first), so it
 * compares hashing, not the disk. Rounds alternate the tools; the medians are reported.
 *   (a) openssl dgst -sha256 over all files, one process;
 *   (b) the builder's hashing alone (collectArtifacts + hashFile), a child process bundled with esbuild;
 *   (c) the whole `ig-evidence` build (copy into the bundle, hash the copy, manifest), the real CLI.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { OUT_DIR, ROOT, ensureBuilt, machine, median } from './lib.js';

const SET_DIR = join(OUT_DIR, 'hash-artifacts');
const BIG = { count: 7, bytes: 256 * 1024 * 1024 };
const SMALL = { count: 1024, bytes: 256 * 1024 };
const TOTAL = BIG.count * BIG.bytes + SMALL.count * SMALL.bytes;
const ROUNDS = Number(process.env.HASH_BENCH_ROUNDS ?? 3);

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

function timed(command: string, args: string[]): { ms: number; stdout: string; stderr: string } {
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${command} ${args.slice(0, 3).join(' ')} failed: ${r.stderr}`);
  return { ms, stdout: r.stdout, stderr: r.stderr };
}

ensureBuilt();
generate();
const all = files();
const childFile = join(OUT_DIR, 'hash-child.mjs');
await build({ entryPoints: [join(ROOT, 'bench/hash-child.ts')], outfile: childFile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
execFileSync('sh', ['-c', `cat ${JSON.stringify(SET_DIR)}/*.bin ${JSON.stringify(SET_DIR)}/small/* > /dev/null`]);

const rounds: Array<{ openssl: number; hash: number; hashRss: number; build: number; buildRss: number }> = [];
let digestsMatch = true;
for (let round = 0; round < ROUNDS; round++) {
  const openssl = timed('openssl', ['dgst', '-sha256', '-r', ...all]);
  const hashed = timed(process.execPath, [childFile, SET_DIR]);
  const result = JSON.parse(hashed.stdout) as { ms: number; bytes: number; maxRssKiB: number; digests: Record<string, string> };
  if (round === 0) {
    const theirs = new Map(openssl.stdout.trim().split('\n').map((line) => { const [digest, name] = line.split(' *'); return [name!.slice(SET_DIR.length + 1), digest!] as const; }));
    digestsMatch = Object.entries(result.digests).every(([path, digest]) => theirs.get(path) === digest) && theirs.size === Object.keys(result.digests).length;
  }
  const out = join(OUT_DIR, 'hash-bundle');
  rmSync(out, { recursive: true, force: true });
  const built = timed(process.execPath, ['-r', join(ROOT, 'bench/report-rss.cjs'), join(ROOT, 'bin/ig-evidence.cjs'), '--release', 'v0.0.0-bench', '--artifacts', SET_DIR, '--out', out, '--repo', 'acme/platform', '--commit', '3f9c2a7e5b1d4c8f9a0e6b2d7c4f1a8e5b3d9c07', '--created-at', '2026-11-20T12:00:00Z']);
  rmSync(out, { recursive: true, force: true });
  rounds.push({ openssl: openssl.ms, hash: result.ms, hashRss: result.maxRssKiB, build: built.ms, buildRss: Number(/MAX_RSS_KIB=(\d+)/.exec(built.stderr)![1]) });
}

const gib = TOTAL / 1024 ** 3;
const rate = (ms: number) => (TOTAL / 1024 ** 2 / (ms / 1000)).toFixed(0);
const m = { openssl: median(rounds.map((r) => r.openssl)), hash: median(rounds.map((r) => r.hash)), build: median(rounds.map((r) => r.build)) };
const peak = { hash: Math.max(...rounds.map((r) => r.hashRss)) / 1024, build: Math.max(...rounds.map((r) => r.buildRss)) / 1024 };
const info = machine();
const lines = [
  `${new Date().toISOString()} · ${info.cpus} CPUs (${info.cpuModel}) · node ${info.node} · ${execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim()} · ${ROUNDS} rounds, medians`,
  '',
  `Set: ${all.length} files, ${gib.toFixed(2)} GiB (${BIG.count} × 256 MiB, ${SMALL.count} × 256 KiB), page cache warm. Digests of (b) equal openssl's: ${digestsMatch ? 'yes' : 'NO'}.`,
  '',
  '| | wall time | throughput | vs openssl | peak RSS |',
  '| --- | ---: | ---: | ---: | ---: |',
  `| (a) \`openssl dgst -sha256\` | ${(m.openssl / 1000).toFixed(2)} s | ${rate(m.openssl)} MiB/s | 1.00x | |`,
  `| (b) builder hashing (hashFile) | ${(m.hash / 1000).toFixed(2)} s | ${rate(m.hash)} MiB/s | ${(m.openssl / m.hash).toFixed(2)}x | ${peak.hash.toFixed(0)} MB |`,
  `| (c) whole \`ig-evidence\` build (copy + hash + manifest) | ${(m.build / 1000).toFixed(2)} s | ${rate(m.build)} MiB/s | ${(m.openssl / m.build).toFixed(2)}x | ${peak.build.toFixed(0)} MB |`,
  '',
  `Per round (ms): ${rounds.map((r) => `openssl ${r.openssl.toFixed(0)}, hash ${r.hash.toFixed(0)}, build ${r.build.toFixed(0)}`).join('; ')}.`,
  `Median of the per-round ratios (each pair run back to back, so less exposed to load changing between rounds): hashing ${median(rounds.map((r) => r.openssl / r.hash)).toFixed(2)}x, build ${median(rounds.map((r) => r.openssl / r.build)).toFixed(2)}x. Load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(', ')}.`,
];
writeFileSync(join(OUT_DIR, 'hash-results.json'), `${JSON.stringify({ machine: info, total: TOTAL, rounds, medians: m, peakMiB: peak, digestsMatch }, null, 2)}\n`);
console.log(lines.join('\n'));
