/**
 * Shared helpers of the benchmarks: paths, the fixed scenario (repo, head commit, evaluation time),
 * a seeded random generator, statistics and "build first" logic. Benchmarks are scripts run with
 * `npm run bench`, not tests: nothing here is imported by test/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
export const OUT_DIR = join(ROOT, 'bench/out');
export const EVIDENCE_DIR = join(OUT_DIR, 'evidence');
export const PR_FILE = join(OUT_DIR, 'pr.json');
export const EVENT_FILE = join(OUT_DIR, 'event.json');
export const LINKS_FILE = join(OUT_DIR, 'links.json');
export const CHANGED_FILES_FILE = join(OUT_DIR, 'changed-files.txt');
export const MANIFEST_FILE = join(OUT_DIR, 'generated.json');

/** The scenario every generated report is about. */
export const SCENARIO = {
  repo: 'acme/platform',
  prNumber: 4242,
  headSha: '3f9c2a7e5b1d4c8f9a0e6b2d7c4f1a8e5b3d9c07',
  baseSha: '8d41b07c2e9f5a3b6c1d0e7f4a2b9c8d5e6f1a03',
  now: '2026-11-20T12:00:00Z',
  seed: 0x6d616573, // "maes"
} as const;

/** mulberry32: a small, fast, seeded PRNG; the same seed gives the same files on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** True when the module at `url` is the script node was started with (not imported by run.ts). */
export function isMain(url: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && pathToFileURL(resolve(entry)).href === url;
}

/** Median of a sample (the mean of the two middle values for an even count). */
export function median(values: number[]): number {
  return quantile(values, 0.5);
}

/** Linear-interpolated quantile, q in [0, 1]. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Summary statistics of timings in milliseconds. */
export interface Stats {
  n: number;
  median: number;
  p90: number;
  min: number;
  max: number;
}

export function stats(values: number[]): Stats {
  return { n: values.length, median: median(values), p90: quantile(values, 0.9), min: Math.min(...values), max: Math.max(...values) };
}

export function ms(value: number, digits = 1): string {
  return `${value.toFixed(digits)} ms`;
}

export function mb(bytes: number, digits = 1): string {
  return `${(bytes / 1e6).toFixed(digits)} MB`;
}

/** Milliseconds elapsed since `start` (a `process.hrtime.bigint()` value). */
export function since(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * A full garbage collection between timed iterations, so one iteration's garbage is not collected
 * inside the next one's timing. Uses `global.gc` when node runs with --expose-gc, else enables it.
 */
export function getGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const GENERATED = ['core/generated/validators.js', 'core/generated/assertions.js', 'core/generated/catalog.js', 'core/generated/version.js'];
const BUILT = 'dist/cli/main.js';

/**
 * Runs `npm run build` when the CLI bundle or the generated validators are missing (or `force`).
 * Warns, without rebuilding, when sources are newer than the bundle: the numbers would then be of
 * an older build (run `npm run bench -- --build` to rebuild first).
 */
let built = false;

export function ensureBuilt(force = process.argv.includes('--build')): void {
  if (built) return; // once per process: run.ts calls it for every benchmark
  built = true;
  const missing = [BUILT, ...GENERATED].filter((file) => !existsSync(join(ROOT, file)));
  if (force || missing.length > 0) {
    console.error(force ? 'bench: --build given, running npm run build' : `bench: ${missing.join(', ')} missing, running npm run build`);
    const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status ?? result.signal})`);
    return;
  }
  const builtAt = statSync(join(ROOT, BUILT)).mtimeMs;
  const newer = ['core', 'cli', 'controls', 'evidence-schemas'].flatMap((dir) => newerFiles(join(ROOT, dir), builtAt)).slice(0, 5);
  if (newer.length > 0) console.error(`bench: warning: ${newer.map((f) => f.slice(ROOT.length + 1)).join(', ')} changed after the last build; run with --build for current numbers`);
}

function newerFiles(dir: string, than: number): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'generated') out.push(...newerFiles(full, than));
    } else if (statSync(full).mtimeMs > than) {
      out.push(full);
    }
  }
  return out;
}

/** Every `*.json` file under `dir`, as paths relative to it, in the order readEvidenceDir uses. */
export function listJsonFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listJsonFiles(dir, rel));
    else if (entry.name.toLowerCase().endsWith('.json')) out.push(rel);
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Variables that change what every node start costs and are not part of maestro: NODE_OPTIONS
 * (preloads, flags) and NODE_EXTRA_CA_CERTS (node parses the whole CA bundle at start; on the
 * benchmark machine that alone adds about 55 ms to `node -e 0`). Child processes of the benchmarks
 * run without them, as on a GitHub-hosted runner; the CLI benchmark reports the inherited
 * environment too when any of them is set.
 */
export const START_COST_VARIABLES = ['NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS'] as const;

export function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of START_COST_VARIABLES) delete env[name];
  return env;
}

/** The start-cost variables set in this environment, `NAME=value`. */
export function startCostVariablesSet(): string[] {
  return START_COST_VARIABLES.filter((name) => process.env[name] !== undefined).map((name) => `${name}=${process.env[name]}`);
}

/** Machine facts for the method section. */
export function machine(): { cpus: number; cpuModel: string; node: string; platform: string } {
  const nproc = spawnSync('nproc', [], { encoding: 'utf8' });
  const cpus = nproc.status === 0 ? Number(nproc.stdout.trim()) : Number.NaN;
  const cpuinfo = existsSync('/proc/cpuinfo') ? spawnSync('grep', ['-m1', 'model name', '/proc/cpuinfo'], { encoding: 'utf8' }).stdout : '';
  return { cpus, cpuModel: cpuinfo.split(':')[1]?.trim() ?? 'unknown', node: process.version, platform: `${process.platform}-${process.arch}` };
}

/**
 * The engine modules the benchmarks drive, loaded after `ensureBuilt()` (they import generated
 * code), with every evidence validator loaded so reports parse synchronously.
 */
export async function loadEngine() {
  const [{ parseEvidence }, { loadEvidenceValidators, evidenceValidator }, { parseTrustedEvidenceList }, { evaluate }, { parseConfig }, { prepareAssertions }, { assertionValidators }, { defaultCatalog }] = await Promise.all([
    import('../core/evidence/parse-evidence.js'),
    import('../core/evidence/evidence-validators.js'),
    import('../core/evidence/parse-trusted-evidence.js'),
    import('../core/engine/evaluate.js'),
    import('../core/config/parse-config.js'),
    import('../core/engine/prepare-assertions.js'),
    import('../core/generated/assertions.js'),
    import('../core/generated/catalog.js'),
  ]);
  await loadEvidenceValidators();
  return { parseEvidence, evidenceValidator, parseTrustedEvidenceList, evaluate, parseConfig, prepareAssertions, assertionValidators, defaultCatalog };
}
