/**
 * The evidence portal at scale: a store of 100 chained, key-signed releases holding 10,000 merged
 * pull requests (100 a release, each with two decision logs: a failing and a passing evaluation),
 * built into a static site by `maestro portal build` run as a child process of the real CLI
 * (cli/main.ts bundled with esbuild into bench/out/), peak RSS read from the child itself
 * (bench/report-rss.cjs). Reported: wall time of the build (which verifies every bundle as
 * `maestro verify` does, copies every bundle into the site and renders every page), peak RSS, the
 * number of pages and files, and the largest page; with the load average (`uptime`) before and after.
 *
 * The store (bench/out/portal/store, gitignored, kept between runs) is made once through the real
 * bundle flow: the evidence pack planned by `planEvidencePack` and the bundle built, signed and
 * published by `buildBundle`, each release chained to the one before.
 *
 *   npx tsx bench/portal.bench.ts [rounds] [releases] [pulls per release]   # default 3 rounds, 100 releases, 100 pull requests
 */
import { spawnSync, execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { planEvidencePack } from '../core/bundle/plan-evidence-pack.js';
import type { EvidenceReport } from '../core/evidence/types.js';
import { buildBundle } from '../flows/build-bundle.js';
import { fsBundleFiles } from '../adapters/fs/fs-bundle-files.js';
import { loadCatalog } from '../adapters/fs/load-catalog.js';
import { statementSigner } from '../adapters/sigstore/statement-signer.js';
import { storeOpener } from '../adapters/store/open-store.js';
import { previousManifestReader } from '../adapters/store/read-previous-manifest.js';
import { OUT_DIR, ROOT, machine, median } from './lib.js';

const ROUNDS = Number(process.argv[2] ?? 3);
const RELEASES = Number(process.argv[3] ?? 100);
const PULLS = Number(process.argv[4] ?? 100);
const BASE = join(OUT_DIR, 'portal', `${RELEASES}x${PULLS}`);
const STORE = join(BASE, 'store');
const hex = (n: number, width = 40): string => n.toString(16).padStart(width, '0');
const at = (release: number, hours = 0): string => new Date(Date.UTC(2024, 0, 1) + release * 7 * 86_400_000 + hours * 3_600_000).toISOString();

function decisionLog(sha: string, pr: number | undefined, evaluatedAt: string, pass: boolean): EvidenceReport {
  const decisions = ['GA-01', 'GA-08', 'GA-13', 'GA-25', 'GA-26'].map((ruleId, i) => ({ decisionId: `dec_${hex(pr ?? 0, 12)}${hex(i, 4)}`, ruleId, result: pass || i > 0 ? 'pass' : 'fail', explanation: pass || i > 0 ? `${ruleId}: all evidence requirements are met.` : 'a11y: 2 critical violations on /checkout', evidence: [{ path: `evidence/${ruleId}.json`, sha256: hex(i, 64) }] }));
  return { kind: 'decision-log', schemaVersion: '1.0', subject: { repo: 'acme/web', sha, ...(pr ? { pr } : {}) }, producer: { name: 'maestro', version: 'bench' }, createdAt: evaluatedAt, data: { gate: { checkName: 'Enforce GA Gates Evidence', conclusion: pass ? 'success' : 'failure', headline: pass ? 'All applicable controls pass' : '1 control fails', evaluatedAt, catalogDigest: 'd'.repeat(64) }, decisions } } as unknown as EvidenceReport;
}

/** The store of RELEASES releases, made once through the real bundle flow. */
async function makeStore(privateKey: string): Promise<void> {
  if (existsSync(join(BASE, 'done'))) return;
  for (const old of ['store', 'artifacts', 'out']) rmSync(join(BASE, old), { recursive: true, force: true });
  const catalog = await loadCatalog(undefined);
  const signer = statementSigner({ type: 'key', keyFile: privateKey });
  for (let r = 0; r < RELEASES; r++) {
    const tag = `v1.${r}.0`;
    const commit = hex(r + 1);
    const artifacts = join(BASE, 'artifacts', tag);
    mkdirSync(join(artifacts, 'gates'), { recursive: true });
    const releaseLog = decisionLog(commit, undefined, at(r, -1), true);
    writeFileSync(join(artifacts, 'gates/decision-log.json'), JSON.stringify(releaseLog));
    writeFileSync(join(artifacts, 'release-notes.txt'), `release ${tag}\n`.repeat(200));
    const logs = [];
    const pulls = [];
    for (let p = 0; p < PULLS; p++) {
      const number = r * PULLS + p + 1;
      const sha = hex(0xabc000000 + number);
      for (const pass of [false, true]) {
        const report = decisionLog(sha, number, at(r, -100 + p + (pass ? 0.5 : 0)), pass);
        logs.push({ name: `${number}-${pass}`, bytes: Buffer.from(JSON.stringify(report)), report });
      }
      pulls.push({ number, title: `Change ${number}: tune the checkout flow`, author: `dev${p % 17}`, openedAt: at(r, -110 + p), mergedAt: at(r, -99 + p) });
    }
    const pack = planEvidencePack({ release: tag, repo: 'acme/web', commit, createdAt: at(r), previousRelease: r > 0 ? `v1.${r - 1}.0` : null, catalog, artifactReports: [{ path: 'gates/decision-log.json', report: releaseLog }], decisionLogs: logs, pulls, reports: [] });
    await buildBundle({ release: tag, artifactsDir: artifacts, outDir: join(BASE, 'out', tag), repo: 'acme/web', commit, createdAt: at(r), producer: { name: 'maestro evidence bundle', version: 'bench' }, previousRelease: r > 0 ? `v1.${r - 1}.0` : undefined, signer, store: pathToFileURL(STORE).href, extraFiles: pack.files }, { bundleFiles: fsBundleFiles, stores: storeOpener, previousManifests: previousManifestReader });
    rmSync(join(BASE, 'out', tag), { recursive: true });
  }
  writeFileSync(join(BASE, 'done'), '');
}

function run(cli: string, args: string[]): { ms: number; rssKiB: number; code: number | null; stdout: string; stderr: string } {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', join(ROOT, 'bench/report-rss.cjs'), cli, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, rssKiB: Number(/MAX_RSS_KIB=(\d+)/.exec(r.stderr)?.[1] ?? Number.NaN), code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function countFiles(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

mkdirSync(BASE, { recursive: true });
const privateKey = join(BASE, 'release-key.pem');
const publicKey = join(BASE, 'release-key.pub.pem');
if (!existsSync(privateKey)) {
  const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  writeFileSync(privateKey, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(publicKey, pair.publicKey.export({ type: 'spki', format: 'pem' }));
}
const made = Date.now();
await makeStore(privateKey);
const storeMs = Date.now() - made;
const cli = join(OUT_DIR, 'maestro-portal-cli.cjs');
await build({ stdin: { contents: "require('./cli/main.ts').main(process.argv.slice(2));", resolveDir: ROOT, loader: 'ts' }, outfile: cli, bundle: true, platform: 'node', format: 'cjs', mainFields: ['module', 'main'], target: 'node20', external: ['playwright-core', 'axe-core'], logLevel: 'warning' });
spawnSync('sh', ['-c', `find ${JSON.stringify(STORE)} -type f -exec cat {} + > /dev/null`]);

const uptime = (): string => execFileSync('uptime', { encoding: 'utf8' }).trim();
const before = uptime();
const times: number[] = [];
const rss: number[] = [];
let result: { releases: Array<{ ok: boolean }>; pages: number; largestPage: { path: string; bytes: number } } | undefined;
const site = join(BASE, 'site');
for (let round = 0; round < ROUNDS; round++) {
  const r = run(cli, ['portal', 'build', '--store', STORE, '--out', site, '--key', publicKey, '--now', '2026-11-20T12:00:00Z', '--format', 'json']);
  if (r.code !== 0) throw new Error(`portal build: exit ${r.code}: ${r.stderr}${r.stdout.slice(0, 1000)}`);
  result = JSON.parse(r.stdout);
  if (result!.releases.length !== RELEASES || !result!.releases.every((x) => x.ok)) throw new Error('not every release verified');
  times.push(r.ms);
  rss.push(r.rssKiB);
}
const after = uptime();
const size = countFiles(site);
const info = machine();
console.log([
  `${new Date().toISOString()} · ${info.cpus} CPUs (${info.cpuModel}) · node ${info.node} · ${ROUNDS} rounds, median time, highest peak RSS`,
  `uptime before: ${before}`,
  `uptime after:  ${after}`,
  '',
  `| releases | pull requests | decision logs | store made in | portal build | peak RSS | pages | site files | site size | largest page |`,
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  `| ${RELEASES} | ${(RELEASES * PULLS).toLocaleString('en-US')} | ${(RELEASES * PULLS * 2).toLocaleString('en-US')} | ${(storeMs / 1000).toFixed(1)} s${storeMs < 1000 ? ' (kept from an earlier run)' : ''} | ${(median(times) / 1000).toFixed(2)} s (${times.map((t) => (t / 1000).toFixed(2)).join(', ')}) | ${(Math.max(...rss) / 1024).toFixed(0)} MB | ${result!.pages} | ${size.files.toLocaleString('en-US')} | ${(size.bytes / 1024 / 1024).toFixed(1)} MB | ${result!.largestPage.path}, ${(result!.largestPage.bytes / 1024).toFixed(0)} KiB |`,
].join('\n'));
