/**
 * Time of the drift detector's pure parts per repository, the work a sweep does for each one:
 * detectDrift (parse the template and the repository's workflows, compare) and fixDrift (the same,
 * then edit the YAML documents and print them), on the fixtures of test/fixtures/drift/ (two
 * workflow files per repository). WARMUP untimed rounds, then RUNS timed rounds of every case,
 * interleaved; a full GC between rounds.
 *
 *   npx tsx bench/drift.bench.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectDrift, type DriftInput } from '../core/drift/detect-drift.js';
import { fixDrift } from '../core/drift/fix-drift.js';
import { getGc, isMain, ms, ROOT, since, stats, type Stats } from './lib.js';

const WARMUP = 50;
const RUNS = 300;
const CASES = ['fixed', 'drifted', 'extra-jobs'];

function input(repo: string): DriftInput {
  const read = (name: string) => {
    const dir = join(ROOT, 'test/fixtures/drift', name, '.github/workflows');
    return readdirSync(dir).sort().map((f) => ({ path: `.github/workflows/${f}`, text: readFileSync(join(dir, f), 'utf8') }));
  };
  return { template: read('template'), repo: read(repo), templateSource: 'bench' };
}

/** Median and p90 per case and operation, in milliseconds. */
export function runDriftBench(): Record<string, Stats> {
  const gc = getGc();
  const inputs = CASES.map((c) => [c, input(c)] as const);
  const times: Record<string, number[]> = {};
  for (let round = 0; round < WARMUP + RUNS; round++) {
    for (const [name, data] of inputs) {
      for (const [op, fn] of [['detect', detectDrift], ['fix', fixDrift]] as const) {
        const start = process.hrtime.bigint();
        fn(data);
        const took = since(start);
        if (round >= WARMUP) (times[`${op} ${name}`] ??= []).push(took);
      }
    }
    gc();
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, stats(v)]));
}

if (isMain(import.meta.url)) {
  const results = runDriftBench();
  console.log('| case | median | p90 |\n| - | - | - |');
  for (const [name, s] of Object.entries(results)) console.log(`| ${name} | ${ms(s.median, 2)} | ${ms(s.p90, 2)} |`);
}
