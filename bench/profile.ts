/**
 * Where the gate's time goes: CPU-profiles (V8 sampling profiler, via the inspector, the same
 * profiler as `node --cpu-prof`) warm iterations of (b) parseEvidence x all + evaluate(), and of
 * evaluate() alone, on the generated evidence set; prints self and inclusive time by function and
 * self time by module. The raw profiles are written to bench/out/profiles/*.cpuprofile (open them
 * in Chrome DevTools > Performance, or speedscope).
 *
 * With --cold it profiles instead one fresh process of the bundled evaluate child (what one CLI
 * run does: readEvidenceDir + evaluate, JIT cold) and of its --baseline mode (read + JSON.parse),
 * with `node --cpu-prof`, and splits their time into categories side by side.
 *
 *   npx tsx bench/profile.ts [iterations]
 *   npx tsx bench/profile.ts --cold      # needs bench/out/evaluate-child.mjs (npm run bench builds it)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import type { EvidenceItem } from '../core/evidence/types.js';
import type { PullRequestFacts } from '../core/pr/types.js';
import { generateEvidence } from './generate-evidence.js';
import { EVIDENCE_DIR, LINKS_FILE, MANIFEST_FILE, OUT_DIR, PR_FILE, ROOT, SCENARIO, ensureBuilt, getGc, isMain, listJsonFiles, loadEngine } from './lib.js';
import { existsSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  label: string;
  iterations: number;
  totalMs: number;
  perIterationMs: number;
  functions: Array<{ fn: string; where: string; selfMs: number; selfPct: number; totalMs: number; totalPct: number }>;
  modules: Array<{ module: string; selfMs: number; selfPct: number }>;
  file: string;
}

/** Short module name of a profile URL: repo-relative path, package name, or node internal. */
function moduleOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('/node_modules/');
  if (nm !== -1) {
    const rest = path.slice(nm + '/node_modules/'.length).split('/');
    return `node_modules/${rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (path.startsWith(ROOT)) return path.slice(ROOT.length + 1);
  return path;
}

export function summarize(profile: CpuProfile, label: string, iterations: number, file: string, top = 20): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'}\t${moduleOf(n.callFrame.url, n.callFrame.functionName)}:${n.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const modules = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const delta = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) return;
    all += delta;
    const k = key(node);
    self.set(k, (self.get(k) ?? 0) + delta);
    const mod = moduleOf(node.callFrame.url, node.callFrame.functionName);
    modules.set(mod, (modules.get(mod) ?? 0) + delta);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const kk = key(byId.get(cur)!);
      if (seen.has(kk)) continue;
      seen.add(kk);
      total.set(kk, (total.get(kk) ?? 0) + delta);
    }
  });
  const functions = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, selfMs]) => {
      const [fn, where] = k.split('\t') as [string, string];
      const t = total.get(k) ?? selfMs;
      return { fn, where, selfMs, selfPct: (selfMs / all) * 100, totalMs: t, totalPct: (t / all) * 100 };
    });
  return {
    label,
    iterations,
    totalMs: all,
    perIterationMs: all / iterations,
    functions,
    modules: [...modules.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([module, selfMs]) => ({ module, selfMs, selfPct: (selfMs / all) * 100 })),
    file,
  };
}

/** Inclusive time of the named functions (for "how much of (b) is under X"). */
export function inclusiveOf(profile: CpuProfile, names: string[]): Record<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const out: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  profile.samples.forEach((id, i) => {
    const delta = (profile.timeDeltas[i] ?? 0) / 1000;
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const fn = byId.get(cur)!.callFrame.functionName;
      if (fn in out && !seen.has(fn)) {
        seen.add(fn);
        out[fn]! += delta;
      }
    }
  });
  return out;
}

export async function runProfile(iterations = 30): Promise<{ gate: ProfileSummary; evaluate: ProfileSummary; baseline: ProfileSummary; gateInclusive: Record<string, number> }> {
  ensureBuilt();
  if (!existsSync(MANIFEST_FILE)) await generateEvidence();
  const { parseEvidence, parseTrustedEvidenceList, evaluate, parseConfig, prepareAssertions, assertionValidators, defaultCatalog } = await loadEngine();

  const paths = listJsonFiles(EVIDENCE_DIR);
  const buffers = paths.map((p) => readFileSync(join(EVIDENCE_DIR, p)));
  const pr = JSON.parse(readFileSync(PR_FILE, 'utf8')) as PullRequestFacts;
  const links = await parseTrustedEvidenceList(JSON.parse(readFileSync(LINKS_FILE, 'utf8')), 'link', 'bench/out/links.json');
  const input = { catalog: defaultCatalog, assertions: await prepareAssertions(defaultCatalog, assertionValidators), config: parseConfig(undefined), pr, links, now: SCENARIO.now };
  const parsed: EvidenceItem[] = buffers.map((b, i) => parseEvidence(b, paths[i]!));
  const gate = () => evaluate({ ...input, evidence: buffers.map((buf, i) => parseEvidence(buf, paths[i]!)) });
  const evalOnly = () => evaluate({ ...input, evidence: parsed });
  const baseline = () => {
    for (const buf of buffers) JSON.parse(buf.toString('utf8'));
  };

  const gc = getGc();
  for (let i = 0; i < 5; i++) {
    gate();
    evalOnly();
  }
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  const dir = join(OUT_DIR, 'profiles');
  mkdirSync(dir, { recursive: true });

  const profileOf = async (label: string, fn: () => unknown, n: number): Promise<{ summary: ProfileSummary; profile: CpuProfile }> => {
    gc();
    await session.post('Profiler.start');
    for (let i = 0; i < n; i++) fn();
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
    const file = join(dir, `${label}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    return { summary: summarize(profile, label, n, file.slice(ROOT.length + 1)), profile };
  };
  const g = await profileOf('gate', gate, iterations);
  const e = await profileOf('evaluate', evalOnly, iterations * 5);
  const a = await profileOf('json-parse', baseline, iterations);
  session.disconnect();
  const gateInclusive = inclusiveOf(g.profile, ['parseEvidence', 'sha256Hex', 'parseJsonText', 'evaluate', 'toSchemaIssues', '(garbage collector)']);
  // Validators are named validateNN by ajv: sum the top-level kind validators' inclusive time.
  const validatorTime = inclusiveByUrl(g.profile, 'core/generated/validators.js');
  gateInclusive['core/generated/validators.js (all validate* functions)'] = validatorTime;
  return { gate: g.summary, evaluate: e.summary, baseline: a.summary, gateInclusive };
}

/** Inclusive time of any frame from a module (each sample counted once). */
function inclusiveByUrl(profile: CpuProfile, suffix: string): number {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  let sum = 0;
  profile.samples.forEach((id, i) => {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      if (byId.get(cur)!.callFrame.url.endsWith(suffix)) {
        sum += (profile.timeDeltas[i] ?? 0) / 1000;
        return;
      }
    }
  });
  return sum;
}

export function formatProfile(s: ProfileSummary): string {
  return [
    `Profile "${s.label}": ${s.iterations} iteration(s), ${s.perIterationMs.toFixed(1)} ms sampled per iteration (${s.file}).`,
    '',
    '| function | where | self | self % | total (incl.) % |',
    '| - | - | - | - | - |',
    ...s.functions.map((f) => `| \`${f.fn}\` | ${f.where} | ${(f.selfMs / s.iterations).toFixed(2)} ms/it | ${f.selfPct.toFixed(1)}% | ${f.totalPct.toFixed(1)}% |`),
    '',
    '| module | self per iteration | self % |',
    '| - | - | - |',
    ...s.modules.map((m) => `| ${m.module} | ${(m.selfMs / s.iterations).toFixed(2)} ms | ${m.selfPct.toFixed(1)}% |`),
  ].join('\n');
}

/**
 * Where a sample's time went, judged by the frames on its stack (first rule that matches). `stack`
 * holds the names of the code's own frames (node internals excluded: node's module loader has an
 * `evaluate` of its own), `internal` the names of node's.
 */
const CATEGORIES: Array<[string, (leaf: string, stack: Set<string>, internal: Set<string>) => boolean]> = [
  ['garbage collection', (leaf) => leaf === '(garbage collector)'],
  ['idle: waiting for file I/O', (leaf) => leaf === '(idle)'],
  ['evaluate()', (_l, s) => s.has('evaluate')],
  ['sha256 of the bytes', (_l, s) => s.has('sha256Hex')],
  ['UTF-8 decode + JSON.parse (parseJsonText)', (_l, s) => s.has('parseJsonText')],
  ['schema validation (rest of parseEvidence)', (_l, s) => s.has('parseEvidence')],
  ['reading files (fs calls, readInputFile, walk)', (_l, s, i) => ['readInputFile', 'readOne', 'walk', 'readEvidenceDir'].some((f) => s.has(f)) || ['lstat', 'readdirSync', 'open', 'read', 'close', 'stat'].some((f) => i.has(f))],
  ['module loading and compile', (_l, _s, i) => ['compileSourceTextModule', 'compileForInternalLoader', 'link', 'instantiate', 'moduleProvider', 'getModuleJob'].some((f) => i.has(f))],
  ['other (baseline: JSON.parse + toString run here)', () => true],
];

export function categorize(profile: CpuProfile): Record<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const out: Record<string, number> = Object.fromEntries(CATEGORIES.map(([name]) => [name, 0]));
  profile.samples.forEach((id, i) => {
    const stack = new Set<string>();
    const internal = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const { functionName, url } = byId.get(cur)!.callFrame;
      (url.startsWith('node:') || url === '' ? internal : stack).add(functionName);
    }
    const leaf = byId.get(id)?.callFrame.functionName ?? '';
    const [name] = CATEGORIES.find(([, test]) => test(leaf, stack, internal))!;
    out[name]! += (profile.timeDeltas[i] ?? 0) / 1000;
  });
  return out;
}

/** Profiles one cold run of the bundled evaluate child in each mode with node --cpu-prof. */
export function runColdProfile(): { gate: Record<string, number>; baseline: Record<string, number>; gateTop: ProfileSummary } {
  const child = join(OUT_DIR, 'evaluate-child.mjs');
  if (!existsSync(child)) throw new Error('bench/out/evaluate-child.mjs is missing: run npm run bench (or npx tsx bench/evaluate.bench.ts) first');
  const profiles: Record<string, CpuProfile> = {};
  for (const mode of ['gate', 'baseline']) {
    const dir = join(OUT_DIR, 'profiles', `cold-${mode}`);
    rmSync(dir, { recursive: true, force: true });
    const run = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '100', child, EVIDENCE_DIR, PR_FILE, LINKS_FILE, SCENARIO.now, ...(mode === 'baseline' ? ['--baseline'] : [])], { cwd: ROOT, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`cold ${mode} run failed: ${run.stderr}`);
    profiles[mode] = JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]!), 'utf8')) as CpuProfile;
  }
  return { gate: categorize(profiles.gate!), baseline: categorize(profiles.baseline!), gateTop: summarize(profiles.gate!, 'cold gate child', 1, 'bench/out/profiles/cold-gate/', 25) };
}

if (isMain(import.meta.url) && process.argv.includes('--cold')) {
  const { gate, baseline, gateTop } = runColdProfile();
  const total = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  console.log('| category (one cold process, sampled) | gate child | baseline child |\n| - | - | - |');
  for (const name of Object.keys(gate)) console.log(`| ${name} | ${gate[name]!.toFixed(1)} ms | ${baseline[name]!.toFixed(1)} ms |`);
  console.log(`| **total sampled** | ${total(gate).toFixed(1)} ms | ${total(baseline).toFixed(1)} ms |\n`);
  console.log(formatProfile(gateTop));
} else if (isMain(import.meta.url)) {
  const n = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 30);
  const { gate, evaluate, baseline, gateInclusive } = await runProfile(n);
  console.log(formatProfile(baseline));
  console.log(`\n${formatProfile(gate)}`);
  console.log('\nInclusive time per iteration of (b):');
  for (const [k, v] of Object.entries(gateInclusive)) console.log(`- ${k}: ${(v / gate.iterations).toFixed(2)} ms (${((v / gate.totalMs) * 100).toFixed(1)}%)`);
  console.log(`\n${formatProfile(evaluate)}`);
}
