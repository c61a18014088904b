/**
 * The evaluation path of `maestro gate` without the CLI around it, run in a fresh process so its
 * peak memory can be read: read the evidence folder with readEvidenceDir, evaluate with the
 * shipped catalog and default config, print timings and memory as JSON on stdout.
 *
 * evaluate.bench.ts bundles this file with esbuild (like the CLI bundle) into bench/out/ and runs
 * it with plain `node`, so no TypeScript loader sits in the measured process.
 *
 *   node bench/out/evaluate-child.mjs <evidence dir> <pr.json> <links.json> <now> [--baseline]
 *
 * With --baseline it only reads the same files the same way (readInputFile, one after the other)
 * and runs JSON.parse(buf.toString('utf8')) on each: the cold-process counterpart of baseline (a).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../core/config/parse-config.js';
import { evaluate } from '../core/engine/evaluate.js';
import { prepareAssertions } from '../core/engine/prepare-assertions.js';
import { parseTrustedEvidenceList } from '../core/evidence/parse-trusted-evidence.js';
import { assertionValidators } from '../core/generated/assertions.js';
import { defaultCatalog } from '../core/generated/catalog.js';
import { readEvidenceDir } from '../adapters/fs/read-evidence-dir.js';
import { readInputFile } from '../adapters/fs/read-input-file.js';
import type { PullRequestFacts } from '../core/pr/types.js';

const baseline = process.argv.includes('--baseline');
const [dir, prFile, linksFile, now] = process.argv.slice(2).filter((a) => a !== '--baseline');
if (!dir || !prFile || !linksFile || !now) {
  process.stderr.write('usage: evaluate-child <evidence dir> <pr.json> <links.json> <now>\n');
  process.exit(2);
}

const rssAtStart = process.memoryUsage().rss;
const t0 = process.hrtime.bigint();
const pr = JSON.parse(readFileSync(prFile, 'utf8')) as PullRequestFacts;
const links = await parseTrustedEvidenceList(JSON.parse(readFileSync(linksFile, 'utf8')), 'link', linksFile);
const config = parseConfig(undefined);
const assertions = await prepareAssertions(defaultCatalog, assertionValidators);
const t1 = process.hrtime.bigint();
let files = 0;
let bytes = 0;
let valid = 0;
let conclusion = '';
let t2 = t1;
if (baseline) {
  const paths = (readdirSync(dir, { recursive: true }) as string[]).filter((p) => p.toLowerCase().endsWith('.json')).sort();
  for (const path of paths) {
    const buf = await readInputFile(join(dir, path), 'evidence file', 25 * 1024 * 1024);
    if ((JSON.parse(buf.toString('utf8')) as unknown) !== null) valid++;
    files++;
    bytes += buf.byteLength;
  }
  t2 = process.hrtime.bigint();
} else {
  const evidence = await readEvidenceDir(dir);
  t2 = process.hrtime.bigint();
  conclusion = evaluate({ catalog: defaultCatalog, assertions, config, pr, evidence, links, now }).conclusion;
  files = evidence.length;
  bytes = evidence.reduce((sum, item) => sum + item.ref.size, 0);
  valid = evidence.filter((item) => item.status === 'valid').length;
}
const t3 = process.hrtime.bigint();

const memory = process.memoryUsage();
const out = {
  mode: baseline ? 'baseline' : 'gate',
  files,
  bytes,
  valid,
  conclusion,
  setupMs: Number(t1 - t0) / 1e6,
  readAndParseMs: Number(t2 - t1) / 1e6,
  evaluateMs: Number(t3 - t2) / 1e6,
  rssAtStartBytes: rssAtStart,
  rssAtEndBytes: memory.rss,
  heapUsedAtEndBytes: memory.heapUsed,
  // resourceUsage().maxRSS is in kilobytes (getrusage ru_maxrss).
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
};
process.stdout.write(`${JSON.stringify(out)}\n`);
