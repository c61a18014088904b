/**
 * Audit ledger verification and export at 1,000, 10,000 and 100,000 entries: wall time and peak RSS
 * of `maestro ledger verify` and `maestro ledger export`, each run as a child process of the real
 * CLI (cli/main.ts bundled with esbuild into bench/out/, so the numbers are neither a TypeScript
 * loader's nor a stale dist/'s), peak RSS read from the child itself at exit (bench/report-rss.cjs).
 *
 * The ledgers (bench/out/ledger/<n>, gitignored, kept between runs) are folder stores of realistic
 * gate decision changes (about 430 bytes an entry), written with the same `buildEntry` bytes
 * `openLedger` appends, and sealed every 1,000 entries with an ECDSA P-256 key through the real
 * signer (each seal names the one before and its interval, as periodic seals do). Verify checks
 * every entry, link and seal with --key and holds the ledger against its head (--expect-head);
 * export verifies the same way and writes CSV to a file. Rounds alternate the sizes; medians of
 * time, maxima of RSS are reported.
 *
 *   npx tsx bench/ledger.bench.ts [rounds] [sizes]   # default 3 rounds of 1000,10000,100000
 *
 * With LEDGER_BENCH_BEFORE_CLI=<bundled CLI of an earlier commit>, the same ledgers are verified and
 * exported by that CLI too, in the same rounds (`ledger verify --key`, `ledger export`: the options
 * it had), for a before/after comparison on one machine under one load.
 */
import { generateKeyPairSync } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { buildEntry, entryKey, sealKey, type LedgerHead } from '../core/ledger/build-entry.js';
import { buildSealStatement, type PreviousSeal } from '../core/ledger/build-seal-statement.js';
import type { AuditEvent } from '../core/ledger/types.js';
import { sha256Hex } from '../core/util/sha256.js';
import { signStatement } from '../adapters/sigstore/sign-statement.js';
import { OUT_DIR, ROOT, machine, median } from './lib.js';

const SIZES = (process.argv[3] ?? '1000,10000,100000').split(',').map(Number);
const SEAL_EVERY = 1_000;
const ROUNDS = Number(process.argv[2] ?? 3);
const BASE = join(OUT_DIR, 'ledger');

const event = (i: number): AuditEvent => ({ action: 'gate.decision-changed', actor: 'maestro-conductor[bot]', at: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(), deliveryId: `d-${i}`, repo: 'acme/web', number: 1 + (i % 500), sha: 'a'.repeat(40), controlId: 'GA-25', before: { conclusion: 'success' }, after: { conclusion: 'failure', explanation: 'two critical accessibility violations on /checkout' }, reason: 'evidence arrived' });

/** The signing key of the bench ledgers, made once. */
function keys(): { privateKey: string; publicKey: string } {
  const privateKey = join(BASE, 'seal-key.pem');
  const publicKey = join(BASE, 'seal-key.pub.pem');
  if (!existsSync(privateKey)) {
    mkdirSync(BASE, { recursive: true });
    const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    writeFileSync(privateKey, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(publicKey, pair.publicKey.export({ type: 'spki', format: 'pem' }));
  }
  return { privateKey, publicKey };
}

/** A ledger of `count` entries sealed every SEAL_EVERY, written once; its head. */
async function ledger(count: number, privateKey: string): Promise<{ dir: string; head: LedgerHead }> {
  const dir = join(BASE, String(count));
  const done = join(dir, 'head.json');
  if (existsSync(done)) return { dir, head: JSON.parse(readFileSync(done, 'utf8')) as LedgerHead };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'entries'), { recursive: true });
  mkdirSync(join(dir, 'seals'));
  let head: LedgerHead | undefined;
  let previousSeal: PreviousSeal | undefined;
  for (let i = 1; i <= count; i++) {
    const built = buildEntry(event(i), head, new Date(Date.UTC(2026, 10, 1) + i * 60_000 + 2000).toISOString());
    writeFileSync(join(dir, entryKey(i)), built.bytes, { mode: 0o444 });
    head = { seq: i, sha256: built.sha256 };
    if (i % SEAL_EVERY === 0) {
      const statement = buildSealStatement(head, new Date(Date.UTC(2026, 10, 1) + i * 60_000 + 60_000).toISOString(), { previousSeal, sealEvery: SEAL_EVERY });
      const bytes = Buffer.from(`${JSON.stringify(await signStatement(statement, { type: 'key', keyFile: privateKey }), null, 2)}\n`);
      writeFileSync(join(dir, sealKey(i)), bytes, { mode: 0o444 });
      previousSeal = { seq: i, sha256: sha256Hex(bytes) };
    }
  }
  writeFileSync(done, JSON.stringify(head));
  return { dir, head: head! };
}

/** One child process of the CLI: wall time, peak RSS, exit code and output. */
function run(cli: string, args: string[]): { ms: number; rssKiB: number; code: number | null; stdout: string; stderr: string } {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', join(ROOT, 'bench/report-rss.cjs'), cli, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, rssKiB: Number(/MAX_RSS_KIB=(\d+)/.exec(r.stderr)?.[1] ?? Number.NaN), code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const { privateKey, publicKey } = keys();
const ledgers = new Map<number, { dir: string; head: LedgerHead }>();
for (const n of SIZES) ledgers.set(n, await ledger(n, privateKey));
const cli = join(OUT_DIR, 'maestro-ledger-cli.cjs');
await build({ stdin: { contents: "require('./cli/main.ts').main(process.argv.slice(2));", resolveDir: ROOT, loader: 'ts' }, outfile: cli, bundle: true, platform: 'node', format: 'cjs', mainFields: ['module', 'main'], target: 'node20', external: ['playwright-core', 'axe-core'], logLevel: 'warning' });
// Warm the page cache: every measurement reads the entries from memory, so it measures maestro, not the disk.
for (const { dir } of ledgers.values()) spawnSync('sh', ['-c', `cat ${JSON.stringify(dir)}/entries/* ${JSON.stringify(dir)}/seals/* > /dev/null`]);

const loadAtStart = load();
const before = process.env.LEDGER_BENCH_BEFORE_CLI;
type Sample = { verify: number[]; verifyRss: number[]; export: number[]; exportRss: number[] };
const fresh = (): Sample => ({ verify: [], verifyRss: [], export: [], exportRss: [] });
const samples = new Map<number, Sample>(SIZES.map((n) => [n, fresh()]));
const beforeSamples = new Map<number, Sample>(SIZES.map((n) => [n, fresh()]));
for (let round = 0; round < ROUNDS; round++) {
  for (const n of round % 2 === 0 ? SIZES : [...SIZES].reverse()) {
    const { dir, head } = ledgers.get(n)!;
    const s = samples.get(n)!;
    const verified = run(cli, ['ledger', 'verify', dir, '--key', publicKey, '--expect-head', `${head.seq}:${head.sha256}`, '--format', 'json']);
    const result = JSON.parse(verified.stdout || '{}') as { ok?: boolean; verdict?: string; entries?: number; sealedThrough?: number };
    if (verified.code !== 0 || result.verdict !== 'intact' || result.entries !== n || result.sealedThrough !== n) throw new Error(`ledger verify of ${n} entries: exit ${verified.code}, ${verified.stdout.slice(0, 500)} ${verified.stderr}`);
    s.verify.push(verified.ms);
    s.verifyRss.push(verified.rssKiB);
    const out = join(BASE, `export-${n}.csv`);
    rmSync(out, { force: true });
    const exported = run(cli, ['ledger', 'export', dir, '--key', publicKey, '--format', 'csv', '--out', out]);
    const rows = exported.code === 0 ? readFileSync(out, 'utf8').split('\r\n').length - 2 : -1;
    if (rows !== n) throw new Error(`ledger export of ${n} entries: exit ${exported.code}, ${rows} rows: ${exported.stderr}`);
    rmSync(out);
    s.export.push(exported.ms);
    s.exportRss.push(exported.rssKiB);
    if (before) {
      const b = beforeSamples.get(n)!;
      const v = run(before, ['ledger', 'verify', dir, '--key', publicKey, '--format', 'json']);
      if (v.code !== 0) throw new Error(`earlier CLI: ledger verify of ${n} entries: exit ${v.code} ${v.stderr}`);
      const e = run(before, ['ledger', 'export', dir, '--format', 'csv', '--out', out]);
      if (e.code !== 0) throw new Error(`earlier CLI: ledger export of ${n} entries: exit ${e.code} ${e.stderr}`);
      rmSync(out);
      b.verify.push(v.ms);
      b.verifyRss.push(v.rssKiB);
      b.export.push(e.ms);
      b.exportRss.push(e.rssKiB);
    }
  }
}
const loadAtEnd = load();

const info = machine();
const mb = (kib: number) => `${(kib / 1024).toFixed(0)} MB`;
function table(label: string, of: Map<number, Sample>): string[] {
  const base = of.get(SIZES[0]!)!;
  return [
    `| ${label} entries | seals | verify | µs/entry | peak RSS | vs ${SIZES[0]!.toLocaleString('en-US')} | export (CSV to a file) | peak RSS | vs ${SIZES[0]!.toLocaleString('en-US')} |`,
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...SIZES.map((n) => {
      const s = of.get(n)!;
      const [verify, exportMs] = [median(s.verify), median(s.export)];
      const [verifyRss, exportRss] = [Math.max(...s.verifyRss), Math.max(...s.exportRss)];
      return `| ${n.toLocaleString('en-US')} | ${n / SEAL_EVERY} | ${(verify / 1000).toFixed(2)} s | ${((verify * 1000) / n).toFixed(0)} | ${mb(verifyRss)} | ${(verifyRss / Math.max(...base.verifyRss)).toFixed(2)}x | ${(exportMs / 1000).toFixed(2)} s | ${mb(exportRss)} | ${(exportRss / Math.max(...base.exportRss)).toFixed(2)}x |`;
    }),
  ];
}
const lines = [
  `${new Date().toISOString()} · ${info.cpus} CPUs (${info.cpuModel}) · node ${info.node} · ${ROUNDS} rounds, median time, highest peak RSS · load average ${loadAtStart} at start, ${loadAtEnd} at end`,
  '',
  ...table('(now)', samples),
  ...(before ? ['', ...table('(before)', beforeSamples)] : []),
];
console.log(lines.join('\n'));
