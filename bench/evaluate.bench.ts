/**
 * Gate engine benchmark on the generated 20 MB evidence set (bench/generate-evidence.ts).
 *
 * In one process, files pre-read into memory as Buffers, medians over ITERATIONS rounds after
 * WARMUP rounds, a full GC before every timed step:
 *   (a) baseline: JSON.parse(buf.toString('utf8')) of every file (results dropped at once);
 *   (a') the same, keeping every parsed document until the end (as the gate must);
 *   (b) the gate as the CLI runs it minus the disk: parseEvidence on every buffer, then evaluate();
 *   (c) evaluate() alone, on already parsed evidence;
 *   plus the parts of parseEvidence: sha256, decode + JSON.parse (parseJsonText), schema validation.
 * The ratio (b)/(a) is the median of the per-round ratios (both run in the same round), which is
 * steadier on a noisy machine than a ratio of medians (also reported).
 * Then, in fresh processes, the peak RSS of reading the folder with readEvidenceDir and evaluating
 * (a bundled child, no TypeScript loader), next to a cold baseline child that reads the same files
 * the same way and only JSON.parses them; and the real `maestro gate` on the same folder.
 *
 *   npx tsx bench/evaluate.bench.ts [--build]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { setTimeout as tick } from 'node:timers/promises';
import type { EvidenceItem } from '../core/evidence/types.js';
import type { PullRequestFacts } from '../core/pr/types.js';
import { generateEvidence } from './generate-evidence.js';
import {
  CHANGED_FILES_FILE, EVENT_FILE, EVIDENCE_DIR, LINKS_FILE, MANIFEST_FILE, OUT_DIR, PR_FILE, ROOT, SCENARIO,
  type Stats, cleanEnv, ensureBuilt, getGc, isMain, listJsonFiles, loadEngine, mb, median, ms, since, stats,
} from './lib.js';

export const WARMUP = 5;
export const ITERATIONS = 30;
const MEMORY_RUNS = 5;
const TARGET_RATIO = 2;
const TARGET_RSS_BYTES = 300e6;

export interface EvaluateBenchResult {
  files: number;
  bytes: number;
  warmup: number;
  iterations: number;
  jsonParse: Stats;
  jsonParseRetained: Stats;
  gate: Stats;
  evaluateOnly: Stats;
  parts: { sha256: Stats; parseJsonText: Stats; validate: Stats };
  /** Median main-thread GC pause time inside each step (PerformanceObserver 'gc' entries), ms. */
  gcMs: Record<string, number>;
  /** Median of per-round (b)/(a). */
  ratio: number;
  /** Median (b) / median (a). */
  ratioOfMedians: number;
  /** Per-round ratios, min and max. */
  ratioRange: [number, number];
  conclusion: string;
  memory: MemoryResult;
  /** The cold baseline child (read + JSON.parse only), same runs interleaved with `memory`. */
  coldBaseline: MemoryResult;
  /** Cold (b)/(a): median child read+parse+evaluate time over median baseline child read+parse time. */
  coldRatio: number;
  cli: MemoryResult;
}

export interface MemoryResult {
  command: string;
  runs: number;
  /** Peak RSS per run, bytes, from /usr/bin/time -v when present, else from the child's resourceUsage(). */
  peakRss: Stats;
  peakRssSource: string;
  wallMs: Stats;
  /** Child-reported numbers (bundled child only). */
  child?: { rssAtStartBytes: number; heapUsedAtEndBytes: number; readAndParseMs: number; evaluateMs: number };
}

export async function runEvaluateBench(options: { log?: (line: string) => void } = {}): Promise<EvaluateBenchResult> {
  const log = options.log ?? ((line: string) => console.error(line));
  ensureBuilt();
  if (!existsSync(MANIFEST_FILE) || !existsSync(PR_FILE)) await generateEvidence();

  const { parseEvidence, evidenceValidator, parseTrustedEvidenceList, evaluate, parseConfig, prepareAssertions, assertionValidators, defaultCatalog } = await loadEngine();
  const { parseJsonText } = await import('../core/evidence/parse-json-text.js');
  const { sha256Hex } = await import('../core/util/sha256.js');
  const { isEvidenceKind } = await import('../core/evidence/kinds.js');

  const paths = listJsonFiles(EVIDENCE_DIR);
  const buffers = paths.map((p) => readFileSync(join(EVIDENCE_DIR, p)));
  const bytes = buffers.reduce((sum, b) => sum + b.byteLength, 0);
  const pr = JSON.parse(readFileSync(PR_FILE, 'utf8')) as PullRequestFacts;
  const links = await parseTrustedEvidenceList(JSON.parse(readFileSync(LINKS_FILE, 'utf8')), 'link', 'bench/out/links.json');
  const config = parseConfig(undefined);
  const assertions = await prepareAssertions(defaultCatalog, assertionValidators);
  const input = { catalog: defaultCatalog, assertions, config, pr, links, now: SCENARIO.now };
  const docs = buffers.map((b) => JSON.parse(b.toString('utf8')) as { kind: unknown });
  const parsed: EvidenceItem[] = buffers.map((b, i) => parseEvidence(b, paths[i]!));
  log(`bench: evaluate: ${paths.length} files, ${mb(bytes)} in memory; ${WARMUP} warm-up + ${ITERATIONS} timed rounds`);

  let sink = 0;
  let conclusion = '';
  const steps: Record<string, () => void> = {
    jsonParse: () => {
      for (const buf of buffers) sink += (JSON.parse(buf.toString('utf8')) as unknown) === null ? 1 : 0;
    },
    jsonParseRetained: () => {
      const all = buffers.map((buf) => JSON.parse(buf.toString('utf8')) as unknown);
      sink += all.length;
    },
    gate: () => {
      const evidence = buffers.map((buf, i) => parseEvidence(buf, paths[i]!));
      conclusion = evaluate({ ...input, evidence }).conclusion;
    },
    evaluateOnly: () => {
      sink += evaluate({ ...input, evidence: parsed }).controls.length;
    },
    sha256: () => {
      for (const buf of buffers) sink += sha256Hex(buf).length;
    },
    parseJsonText: () => {
      for (const buf of buffers) sink += parseJsonText(buf).ok ? 1 : 0;
    },
    validate: () => {
      for (const doc of docs) if (isEvidenceKind(doc.kind) && evidenceValidator(doc.kind)(doc)) sink++;
    },
  };
  const names = Object.keys(steps);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const ratios: number[] = [];
  const gcSamples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  let gcPause = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcPause += entry.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  const gc = getGc();
  for (let round = 0; round < WARMUP + ITERATIONS; round++) {
    // Rotate the order each round so no step always runs right after the same neighbour.
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length]!;
      gc();
      await tick(1); // lets the observer take the forced GC's entry before counting starts
      gcPause = 0;
      const start = process.hrtime.bigint();
      steps[name]!();
      const elapsed = since(start);
      await tick(1);
      if (round >= WARMUP) {
        samples[name]!.push(elapsed);
        gcSamples[name]!.push(gcPause);
      }
    }
    if (round >= WARMUP) ratios.push(samples.gate!.at(-1)! / samples.jsonParse!.at(-1)!);
  }
  observer.disconnect();
  if (sink < 0) console.log(sink); // keeps the results observable

  const jsonParse = stats(samples.jsonParse!);
  const gate = stats(samples.gate!);
  const { gate: memory, baseline: coldBaseline } = measureChildMemory(log);
  const cli = measureCliMemory(log);
  return {
    files: paths.length,
    bytes,
    warmup: WARMUP,
    iterations: ITERATIONS,
    jsonParse,
    jsonParseRetained: stats(samples.jsonParseRetained!),
    gate,
    evaluateOnly: stats(samples.evaluateOnly!),
    parts: { sha256: stats(samples.sha256!), parseJsonText: stats(samples.parseJsonText!), validate: stats(samples.validate!) },
    gcMs: Object.fromEntries(names.map((n) => [n, median(gcSamples[n]!)])),
    ratio: median(ratios),
    ratioOfMedians: gate.median / jsonParse.median,
    ratioRange: [Math.min(...ratios), Math.max(...ratios)],
    conclusion,
    memory,
    coldBaseline,
    coldRatio: (memory.child!.readAndParseMs + memory.child!.evaluateMs) / coldBaseline.child!.readAndParseMs,
    cli,
  };
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Runs a command in a fresh process (under /usr/bin/time -v when present) and reads its peak RSS. */
function runMeasured(args: string[]): { peakRss: number; source: string; wallMs: number; stdout: string } {
  const argv = TIME ? [TIME, '-v', process.execPath, ...args] : [process.execPath, ...args];
  const start = process.hrtime.bigint();
  const run = spawnSync(argv[0]!, argv.slice(1), { cwd: ROOT, env: cleanEnv(), encoding: 'utf8', maxBuffer: 64 << 20 });
  const wallMs = since(start);
  if (run.status !== 0 && run.status !== 1) throw new Error(`${args.join(' ')} exited ${run.status ?? run.signal}: ${run.stderr.slice(-2000)}`);
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr);
  if (match) return { peakRss: Number(match[1]) * 1024, source: '/usr/bin/time -v (ru_maxrss)', wallMs, stdout: run.stdout };
  const child = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as { maxRssBytes?: number };
  if (child.maxRssBytes === undefined) throw new Error(`no peak RSS for ${args.join(' ')}: install GNU time (apt-get install -y time)`);
  return { peakRss: child.maxRssBytes, source: 'process.resourceUsage().maxRSS in the child', wallMs, stdout: run.stdout };
}

const CHILD_BUNDLE = join(OUT_DIR, 'evaluate-child.mjs');

/** Bundles bench/evaluate-child.ts like the CLI bundle, so the measured process runs plain JS. */
function bundleChild(): void {
  const script = `
    import { build } from 'esbuild';
    await build({
      absWorkingDir: ${JSON.stringify(ROOT)}, entryPoints: ['bench/evaluate-child.ts'], outfile: ${JSON.stringify(CHILD_BUNDLE)},
      bundle: true, format: 'esm', platform: 'node', target: 'node20', mainFields: ['module', 'main'], minifySyntax: true, logLevel: 'warning',
      banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
    });`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`bundling the evaluate child failed: ${run.stderr}`);
}

type ChildReport = { rssAtStartBytes: number; heapUsedAtEndBytes: number; readAndParseMs: number; evaluateMs: number };

/** Runs the gate child and the baseline child MEMORY_RUNS times each, alternating. */
function measureChildMemory(log: (line: string) => void): { gate: MemoryResult; baseline: MemoryResult } {
  bundleChild();
  const modes = { gate: [] as string[], baseline: ['--baseline'] };
  const runs = { gate: [] as Array<{ peak: number; wall: number; child: ChildReport }>, baseline: [] as Array<{ peak: number; wall: number; child: ChildReport }> };
  let source = '';
  for (let i = 0; i < MEMORY_RUNS; i++) {
    for (const mode of (i % 2 === 0 ? ['gate', 'baseline'] : ['baseline', 'gate']) as Array<keyof typeof modes>) {
      const run = runMeasured([CHILD_BUNDLE, EVIDENCE_DIR, PR_FILE, LINKS_FILE, SCENARIO.now, ...modes[mode]]);
      source = run.source;
      runs[mode].push({ peak: run.peakRss, wall: run.wallMs, child: JSON.parse(run.stdout.trim()) as ChildReport });
    }
  }
  const result = (mode: keyof typeof modes, command: string): MemoryResult => {
    const list = runs[mode];
    const pickMedian = (key: keyof ChildReport) => median(list.map((r) => r.child[key]));
    return {
      command,
      runs: list.length,
      peakRss: stats(list.map((r) => r.peak)),
      peakRssSource: source,
      wallMs: stats(list.map((r) => r.wall)),
      child: { rssAtStartBytes: pickMedian('rssAtStartBytes'), heapUsedAtEndBytes: pickMedian('heapUsedAtEndBytes'), readAndParseMs: pickMedian('readAndParseMs'), evaluateMs: pickMedian('evaluateMs') },
    };
  };
  const gate = result('gate', 'node bench/out/evaluate-child.mjs (readEvidenceDir + evaluate, bundled)');
  const baseline = result('baseline', 'same child, --baseline (readInputFile + JSON.parse only)');
  log(`bench: evaluate child peak RSS ${mb(gate.peakRss.max)} (max of ${MEMORY_RUNS}); baseline child ${mb(baseline.peakRss.max)}`);
  return { gate, baseline };
}

function measureCliMemory(log: (line: string) => void): MemoryResult {
  const args = ['bin/maestro.cjs', 'gate', '--event', EVENT_FILE, '--evidence', EVIDENCE_DIR, '--changed-files', CHANGED_FILES_FILE, '--links', LINKS_FILE, '--no-config', '--now', SCENARIO.now, '--format', 'json'];
  const peaks: number[] = [];
  const walls: number[] = [];
  let source = '';
  for (let i = 0; i < MEMORY_RUNS; i++) {
    const run = runMeasured(args);
    peaks.push(run.peakRss);
    walls.push(run.wallMs);
    source = run.source;
  }
  log(`bench: maestro gate on the set: peak RSS ${mb(Math.max(...peaks))}, wall ${ms(median(walls))}`);
  return { command: 'node bin/maestro.cjs gate --evidence bench/out/evidence ... --format json', runs: MEMORY_RUNS, peakRss: stats(peaks), peakRssSource: source, wallMs: stats(walls) };
}

const met = (ok: boolean): string => (ok ? 'met' : '**NOT met**');

/** The results as Markdown (a table plus the targets). */
export function formatEvaluate(r: EvaluateBenchResult): string {
  const row = (what: string, s: Stats, extra = '', step = '') => `| ${what} | ${ms(s.median)} | ${ms(s.p90)} | ${ms(s.min)} | ${step && r.gcMs[step] !== undefined ? ms(r.gcMs[step]!) : ''} | ${extra} |`;
  const memRow = (m: MemoryResult) => `| ${m.command} | ${mb(m.peakRss.median)} | ${mb(m.peakRss.max)} | ${ms(m.wallMs.median, 0)} | ${met(m.peakRss.max < TARGET_RSS_BYTES)} |`;
  return [
    `Evidence set: ${r.files} files, ${mb(r.bytes)}; ${r.warmup} warm-up + ${r.iterations} timed rounds; gate conclusion on the set: ${r.conclusion}.`,
    '',
    '| Step (all files, in memory) | median | p90 | min | GC pause (median) | note |',
    '| - | - | - | - | - | - |',
    row('(a) `JSON.parse(buf.toString("utf8"))`', r.jsonParse, 'baseline', 'jsonParse'),
    row("(a') the same, keeping all parsed documents alive", r.jsonParseRetained, `${(r.jsonParseRetained.median / r.jsonParse.median).toFixed(2)}x (a)`, 'jsonParseRetained'),
    row('(b) `parseEvidence` x all + `evaluate()`', r.gate, `**${r.ratio.toFixed(2)}x** (a) (per-round ratios ${r.ratioRange[0].toFixed(2)}-${r.ratioRange[1].toFixed(2)}; ratio of medians ${r.ratioOfMedians.toFixed(2)}x)`, 'gate'),
    row('(c) `evaluate()` alone', r.evaluateOnly, `${((r.evaluateOnly.median / r.gate.median) * 100).toFixed(1)}% of (b)`, 'evaluateOnly'),
    row('part of (b): sha256 of the bytes', r.parts.sha256, `${((r.parts.sha256.median / r.gate.median) * 100).toFixed(1)}% of (b)`, 'sha256'),
    row('part of (b): `parseJsonText` (fatal UTF-8 decode + JSON.parse)', r.parts.parseJsonText, `${((r.parts.parseJsonText.median / r.gate.median) * 100).toFixed(1)}% of (b)`, 'parseJsonText'),
    row('part of (b): schema validation (ajv standalone, on parsed documents)', r.parts.validate, `${((r.parts.validate.median / r.gate.median) * 100).toFixed(1)}% of (b)`, 'validate'),
    '',
    `| Fresh process (${r.memory.runs} runs each) | peak RSS median | peak RSS max | wall median | < 300 MB |`,
    '| - | - | - | - | - |',
    memRow(r.memory),
    memRow(r.coldBaseline),
    memRow(r.cli),
    '',
    `Peak RSS from ${r.memory.peakRssSource}. Gate child (medians): RSS after loading the code ${mb(r.memory.child!.rssAtStartBytes)}, heap used at the end ${mb(r.memory.child!.heapUsedAtEndBytes)}, readEvidenceDir ${ms(r.memory.child!.readAndParseMs, 0)}, evaluate ${ms(r.memory.child!.evaluateMs, 0)}. Baseline child: read + JSON.parse ${ms(r.coldBaseline.child!.readAndParseMs, 0)}. Cold-process (b)/(a): **${r.coldRatio.toFixed(2)}x**.`,
    '',
    `Targets: (b)/(a) <= ${TARGET_RATIO}x: ${r.ratio.toFixed(2)}x warm in-process, ${met(r.ratio <= TARGET_RATIO)} (cold process: ${r.coldRatio.toFixed(2)}x). Peak RSS < 300 MB: ${mb(Math.max(r.memory.peakRss.max, r.cli.peakRss.max))}, ${met(Math.max(r.memory.peakRss.max, r.cli.peakRss.max) < TARGET_RSS_BYTES)}.`,
  ].join('\n');
}

if (isMain(import.meta.url)) {
  const result = await runEvaluateBench();
  console.log(formatEvaluate(result));
}
