/**
 * SBOM reading and validation against `JSON.parse` of the same text
 * (`npx tsx bench/sbom.bench.ts [sizes] [--keep-previous] [--ajv]`; results in bench/out/sbom.{md,json}).
 *
 * 1. Generated CycloneDX 1.6 SBOMs shaped like cyclonedx-npm's (metadata, tools, components with
 *    bom-ref, purl, license, SHA-512 hash, an external reference and a property, and a dependency
 *    graph of 0-5 refs per component), 10,000 to 200,000 components. Each round times
 *    `JSON.parse(text)` alone and `JSON.parse(text)` + `parseSbom` (the full validation), in
 *    alternating order, a full GC before each; the ratio of each round is kept, and its median,
 *    spread and the ratio of the medians are reported.
 * 2. With `--keep-previous`: the same with the previous round's document kept alive (see
 *    runSbomBench).
 * 3. With `--ajv`: the official CycloneDX 1.6 JSON schema (from @cyclonedx/cyclonedx-library,
 *    installed under bench/out/tools) compiled with ajv, on the same parsed documents: with its
 *    `uniqueItems` (quadratic: small sizes only) and with `uniqueItems` removed (what a linear
 *    hash-based uniqueness check would be added to), against `parseSbom` alone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parseSbom } from '../core/gates/sbom-diff/parse-sbom.js';
import { OUT_DIR, getGc, isMain, machine, ms, quantile, since, stats, type Stats } from './lib.js';
import { makeCycloneDx } from './make-sbom.js';

/** One size: per-round ratios of (parse + read) to parse. */
export interface SbomRow {
  components: number;
  bytes: number;
  parse: Stats;
  parseAndRead: Stats;
  /** Median of the per-round ratios, and their 10th and 90th percentiles. */
  ratio: { median: number; p10: number; p90: number; ofMedians: number };
}

function rounds(n: number): { warmup: number; timed: number } {
  if (n <= 25_000) return { warmup: 5, timed: 31 };
  if (n <= 50_000) return { warmup: 3, timed: 21 };
  return { warmup: 2, timed: 11 };
}

/**
 * Times parse and parse + parseSbom, alternating, a full GC before each step. With `keepPrevious`,
 * the previous round's document stays alive through both steps of the next round: its hidden
 * classes survive the forced GC, so V8 keeps the walk's optimized code, as in a process that reads
 * SBOMs one after another without a full collection in between.
 */
export function runSbomBench(sizes: number[], keepPrevious = false): SbomRow[] {
  const gc = getGc();
  return sizes.map((n) => {
    const text = makeCycloneDx(n);
    const { warmup, timed } = rounds(n);
    const parse: number[] = [];
    const both: number[] = [];
    let previous: unknown;
    for (let round = 0; round < warmup + timed; round++) {
      let parseTime = 0;
      let bothTime = 0;
      for (const what of round % 2 === 0 ? ['parse', 'both'] : ['both', 'parse']) {
        gc();
        const start = process.hrtime.bigint();
        const doc = JSON.parse(text) as unknown;
        if (what === 'both') {
          if (parseSbom(doc, 'sbom.json').components.size !== n) throw new Error('components lost');
          bothTime = since(start);
          if (keepPrevious) previous = doc;
        } else parseTime = since(start);
      }
      if (round >= warmup) {
        parse.push(parseTime);
        both.push(bothTime);
      }
    }
    void previous;
    const ratios = both.map((b, i) => b / parse[i]!);
    const p = stats(parse);
    const b = stats(both);
    return { components: n, bytes: Buffer.byteLength(text), parse: p, parseAndRead: b, ratio: { median: quantile(ratios, 0.5), p10: quantile(ratios, 0.1), p90: quantile(ratios, 0.9), ofMedians: b.median / p.median } };
  });
}

/** The official CycloneDX 1.6 schema and the schemas it references, from the CycloneDX library. */
function officialSchemas(): Record<string, unknown>[] {
  const tools = join(OUT_DIR, 'tools');
  const dir = join(tools, 'node_modules/@cyclonedx/cyclonedx-library/res/schema');
  if (!existsSync(dir)) execFileSync('npm', ['install', '--prefix', tools, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts', '@cyclonedx/cyclonedx-library@10'], { stdio: 'inherit' });
  return ['spdx', 'jsf-0.82', 'cryptography-defs', 'bom-1.6'].map((name) => JSON.parse(readFileSync(join(dir, `${name}.SNAPSHOT.schema.json`), 'utf8')) as Record<string, unknown>);
}

function withoutUniqueItems(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUniqueItems);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'uniqueItems').map(([k, v]) => [k, withoutUniqueItems(v)]));
}

function compileOfficial(unique: boolean): (doc: unknown) => boolean {
  // Formats ajv-formats lacks (iri-reference, idn-email) are accepted unchecked: that only makes ajv faster.
  const ajv = new Ajv({ strict: false, allErrors: true, formats: { 'iri-reference': true, 'idn-email': true, 'date-time': /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/, email: true, uri: true, 'uri-reference': true } });
  const schemas = officialSchemas().map((s) => (unique ? s : (withoutUniqueItems(s) as Record<string, unknown>)));
  for (const s of schemas.slice(0, 3)) ajv.addSchema(s, String(s.$id).replace('.schema.json', '.SNAPSHOT.schema.json'));
  const validate = ajv.compile(schemas[3]!);
  return (doc) => {
    if (!validate(doc)) throw new Error(`official schema rejects the generated SBOM: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    return true;
  };
}

/** Validation alone on parsed documents: ours against ajv on the official schema. */
export function runAjvComparison(sizes: number[], quadraticSizes: number[]): { components: number; ours: Stats; ajv: Stats; ajvWithUniqueItems?: Stats }[] {
  const gc = getGc();
  const linear = compileOfficial(false);
  const naive = compileOfficial(true);
  const rows = [...new Set([...quadraticSizes, ...sizes])].sort((a, b) => a - b);
  return rows.map((n) => {
    const doc = JSON.parse(makeCycloneDx(n)) as unknown;
    const withUnique = quadraticSizes.includes(n);
    const steps: Record<string, () => unknown> = { ours: () => parseSbom(doc, 'sbom.json'), ajv: () => linear(doc), ...(withUnique ? { ajvWithUniqueItems: () => naive(doc) } : {}) };
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(steps).map((k) => [k, []]));
    const runs = withUnique ? 3 : 11;
    const warmup = withUnique ? 1 : 2;
    for (let round = 0; round < runs + warmup; round++) {
      for (const [name, fn] of Object.entries(steps)) {
        gc();
        const start = process.hrtime.bigint();
        fn();
        if (round >= warmup) samples[name]!.push(since(start));
      }
    }
    return { components: n, ours: stats(samples.ours!), ajv: stats(samples.ajv!), ...(withUnique ? { ajvWithUniqueItems: stats(samples.ajvWithUniqueItems!) } : {}) };
  });
}

/** The Markdown tables of a run. */
export function formatSbom(rows: SbomRow[], ajv?: ReturnType<typeof runAjvComparison>): string {
  const lines = [
    '| components | size | `JSON.parse` median | `JSON.parse` + `parseSbom` median | ratio, median of rounds (p10-p90) | ratio of medians |',
    '| - | - | - | - | - | - |',
    ...rows.map((r) => `| ${r.components.toLocaleString('en')} | ${(r.bytes / 1e6).toFixed(1)} MB | ${ms(r.parse.median)} | ${ms(r.parseAndRead.median)} | ${r.ratio.median.toFixed(2)}x (${r.ratio.p10.toFixed(2)}-${r.ratio.p90.toFixed(2)}) | ${r.ratio.ofMedians.toFixed(2)}x |`),
  ];
  if (ajv) {
    lines.push('', '| components | `parseSbom` (validate + collect) | ajv, official schema without `uniqueItems` | ajv, official schema as published |', '| - | - | - | - |');
    for (const r of ajv) lines.push(`| ${r.components.toLocaleString('en')} | ${ms(r.ours.median)} | ${ms(r.ajv.median)} (${(r.ajv.median / r.ours.median).toFixed(2)}x) | ${r.ajvWithUniqueItems ? `${ms(r.ajvWithUniqueItems.median)} (${(r.ajvWithUniqueItems.median / r.ours.median).toFixed(1)}x)` : ''} |`);
  }
  return lines.join('\n');
}

if (isMain(import.meta.url)) {
  const sizes = (process.argv.slice(2).find((a) => /^\d/.test(a)) ?? '10000,25000,50000,100000,200000').split(',').map(Number);
  const started = new Date();
  const keep = process.argv.includes('--keep-previous');
  const rows = runSbomBench(sizes, keep);
  const ajv = process.argv.includes('--ajv') ? runAjvComparison([10_000, 25_000], [1_000, 2_000, 4_000]) : undefined;
  const info = machine();
  const markdown = [`# SBOM reading${keep ? ' (previous document kept alive)' : ''}`, '', `${started.toISOString()} · ${info.cpus} CPUs (${info.cpuModel}) · node ${info.node}`, '', formatSbom(rows, ajv), ''].join('\n');
  writeFileSync(join(OUT_DIR, 'sbom.md'), markdown);
  writeFileSync(join(OUT_DIR, 'sbom.json'), `${JSON.stringify({ startedAt: started.toISOString(), machine: info, rows, ajv }, null, 2)}\n`);
  console.log(markdown);
}
