/**
 * What refusing repeated JSON keys costs (`npx tsx bench/duplicate-keys.bench.ts [megabytes]`; results
 * in bench/out/duplicate-keys.md). On generated documents of about 25 MB (the evidence file limit):
 * a pretty-printed CycloneDX SBOM (bench/make-sbom.ts), the same minified, and an a11y report with
 * 60,000 violations. Each round times, in rotating order and after a full GC (a step's cost is
 * the median of its per-round ratio to the baseline):
 *
 * - `JSON.parse(text)` alone;
 * - `JSON.parse` + `findDuplicateJsonKey` (the counting fast path, taken when no string holds a
 *   colon right after a quote or whitespace);
 * - `JSON.parse` + `scanForDuplicateKey` (the full scan, taken otherwise: the worst case);
 * - `parseJsonText(bytes)` (UTF-8 decoding, JSON.parse and the check) against decoding + JSON.parse.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonText } from '../core/evidence/parse-json-text.js';
import { findDuplicateJsonKey, scanForDuplicateKey } from '../core/util/find-duplicate-json-key.js';
import { OUT_DIR, getGc, isMain, machine, median, ms, since } from './lib.js';
import { makeCycloneDx } from './make-sbom.js';

/** An a11y report's text with `n` violations on 100 pages, pretty-printed. */
function makeA11y(n: number): string {
  const pages = Array.from({ length: 100 }, (_, i) => `http://127.0.0.1:4173/page/${i}`);
  const violations = Array.from({ length: n }, (_, i) => ({ rule: 'color-contrast', impact: 'serious', target: `main > section:nth-child(${i % 40}) > p.note-${i}`, helpUrl: 'https://dequeuniversity.com/rules/axe/4.10/color-contrast?application=axeAPI', page: pages[i % 100]!, summary: 'Elements must meet minimum color contrast ratio thresholds' }));
  const perPage = n / 100;
  const data = { engine: { name: 'axe-core', version: '4.10.2' }, tags: ['wcag2a', 'wcag2aa'], counts: { critical: 0, serious: n, moderate: 0, minor: 0 }, pages: pages.map((url) => ({ url, counts: { critical: 0, serious: perPage, moderate: 0, minor: 0 } })), violations };
  return JSON.stringify({ kind: 'a11y', schemaVersion: '1.0', subject: { repo: 'acme/web', sha: 'a'.repeat(40) }, producer: { name: 'maestro-a11y', version: '0.1.0' }, createdAt: '2026-11-20T12:00:00Z', data }, null, 2);
}

interface Row {
  document: string;
  bytes: number;
  /** Medians in ms. */
  parse: number;
  decodeParse: number;
  /** Medians of the per-round ratios to `JSON.parse` (or to decode + `JSON.parse`). */
  fast: number;
  scan: number;
  parseJsonText: number;
}

/**
 * Times every step once per round, in rotating order, a full GC before each; a step's cost is the
 * median over rounds of its time divided by the same round's baseline, so load from other
 * processes that slows a whole round cancels out.
 */
function measure(document: string, text: string, rounds = 21, warmup = 3): Row {
  const gc = getGc();
  const bytes = Buffer.from(text);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const steps = {
    parse: () => JSON.parse(text),
    fast: () => findDuplicateJsonKey(text, JSON.parse(text)),
    scan: () => (JSON.parse(text), scanForDuplicateKey(text)),
    decodeParse: () => JSON.parse(decoder.decode(bytes)),
    parseJsonText: () => parseJsonText(bytes),
  };
  if (findDuplicateJsonKey(text, JSON.parse(text)) || scanForDuplicateKey(text) || !parseJsonText(bytes).ok) throw new Error(`${document}: the generated document has a repeated key`);
  const names = Object.keys(steps) as Array<keyof typeof steps>;
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<keyof typeof steps, number[]>;
  for (let round = 0; round < warmup + rounds; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length]!;
      gc();
      const start = process.hrtime.bigint();
      steps[name]();
      if (round >= warmup) samples[name].push(since(start));
    }
  }
  const ratio = (step: keyof typeof steps, base: keyof typeof steps) => median(samples[step].map((t, i) => t / samples[base][i]!));
  return { document, bytes: bytes.byteLength, parse: median(samples.parse), decodeParse: median(samples.decodeParse), fast: ratio('fast', 'parse'), scan: ratio('scan', 'parse'), parseJsonText: ratio('parseJsonText', 'decodeParse') };
}

export function runDuplicateKeysBench(megabytes = 25): Row[] {
  const size = megabytes * 1e6;
  const minified = JSON.stringify(JSON.parse(makeCycloneDx(Math.round(size / 690))));
  return [
    measure('CycloneDX SBOM, pretty-printed', makeCycloneDx(Math.round(size / 1070))),
    measure('CycloneDX SBOM, minified', minified),
    measure('a11y report, pretty-printed', makeA11y(Math.round(size / 370))),
  ];
}

export function formatDuplicateKeys(rows: Row[]): string {
  const x = (r: number) => `${r.toFixed(2)}x`;
  return [
    '| document | size | `JSON.parse` | + fast path | + full scan (worst case) | decode + `JSON.parse` | `parseJsonText` (decode, parse, check) |',
    '| - | - | - | - | - | - | - |',
    ...rows.map((r) => `| ${r.document} | ${(r.bytes / 1e6).toFixed(1)} MB | ${ms(r.parse)} | ${x(r.fast)} | ${x(r.scan)} | ${ms(r.decodeParse)} | ${x(r.parseJsonText)} |`),
  ].join('\n');
}

if (isMain(import.meta.url)) {
  const megabytes = Number(process.argv[2] ?? 25);
  const rows = runDuplicateKeysBench(megabytes);
  const m = machine();
  const table = `${formatDuplicateKeys(rows)}\n\nRatios: medians of the per-round ratios over 21 rounds; Node ${m.node}, ${m.cpus} x ${m.cpuModel}.\n`;
  writeFileSync(join(OUT_DIR, 'duplicate-keys.md'), table);
  process.stdout.write(table);
}
