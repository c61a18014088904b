/**
 * Writes the benchmark's evidence folder: 200 schema-valid reports, about 20 MB in all, of every
 * kind the shipped catalog requires, for one repo and head commit and fresh at a fixed `now`.
 * With the PR facts written next to it (one label per control), all 30 controls apply and every
 * one of them finds evidence. The output depends only on the seed: same seed, same bytes.
 *
 *   npx tsx bench/generate-evidence.ts        # writes bench/out/{evidence/,pr.json,event.json,links.json,...}
 *
 * The newest report of each kind is the "current" run and meets its controls where the engine
 * allows; older runs of the same commit carry failures, as a real CI history would.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Catalog } from '../core/controls/types.js';
import type { PullRequestFacts } from '../core/pr/types.js';
import {
  CHANGED_FILES_FILE, EVENT_FILE, EVIDENCE_DIR, LINKS_FILE, MANIFEST_FILE, OUT_DIR, PR_FILE, SCENARIO,
  ensureBuilt, isMain, listJsonFiles, loadEngine, mb, seededRandom,
} from './lib.js';

import { hex, iso, NOW_MS, PLAN, report, type Json, type Rng } from './build-report.js';


/** What a generation run produced. */
export interface GeneratedSet {
  files: number;
  bytes: number;
  perKind: Record<string, { files: number; bytes: number; largest: number }>;
  labels: string[];
  controlsApplicable: number;
  controlsWithEvidence: number;
  results: Record<string, number>;
  conclusion: string;
}

// ---------------------------------------------------------------------------------------------
// The PR and its manual links.

const CHANGED_FILES = [
  'services/checkout/src/api/orders.ts', 'services/checkout/src/api/orders.test.ts', 'web/src/checkout/PaymentForm.tsx',
  'web/src/checkout/PaymentForm.module.css', 'schema/schema.graphql', 'package.json', 'package-lock.json',
  'policies/rbac/tenants.rego', 'policies/rbac/tenants_test.rego', 'deploy/rollouts/checkout.yaml', 'infra/aws/replication.tf',
  'config/flags/checkout.flags.yml', 'services/router/src/select.ts', 'services/gateway/src/otel/tracer.ts', 'docs/runbooks/checkout.md',
  'k6/checkout.k6.js', 'sdk/typescript/src/client.ts', 'README.md', 'CHANGELOG.md', '.github/workflows/ci.yml',
];

/** One label per control (its first), so every control applies by label. */
function labelsFor(catalog: Catalog): string[] {
  return [...new Set(catalog.controls.flatMap((c) => (c.applies.labels?.length ? [c.applies.labels[0]!] : [])))].sort();
}

/** Approved manual links for every control with a link-only requirement (as the app reads them from the PR body). */
function linksFor(catalog: Catalog, rng: Rng): Json[] {
  return catalog.controls
    .filter((c) => c.evidence.some((r) => r.kind === 'link'))
    .map((c, i) => ({
      kind: 'link',
      schemaVersion: '1.0',
      subject: { repo: SCENARIO.repo, sha: SCENARIO.headSha, pr: SCENARIO.prNumber },
      producer: { name: 'maestro-app', version: '0.1.0', runUrl: `https://github.com/${SCENARIO.repo}/actions/runs/${2_000_000 + i}` },
      createdAt: iso(NOW_MS - (3 * 3600 + i * 60) * 1000),
      data: {
        url: `https://drive.acme.dev/evidence/${SCENARIO.prNumber}/${c.id.toLowerCase()}-${hex(rng, 8)}`,
        title: `${c.title}: evidence for PR #${SCENARIO.prNumber}`,
        controls: [c.id],
        attestedBy: 'platform-dev',
        approvedBy: ['octo-lead'],
        approvedAt: iso(NOW_MS - 2 * 3600 * 1000),
      },
    }));
}

function eventFor(pr: PullRequestFacts): Json {
  return {
    action: 'labeled',
    number: pr.number,
    pull_request: {
      number: pr.number,
      title: pr.title,
      body: '## Evidence\nSee the linked reports.',
      draft: false,
      html_url: pr.htmlUrl,
      head: { sha: pr.headSha, ref: pr.headRef },
      base: { ref: pr.baseRef },
      user: { login: pr.author },
      labels: pr.labels.map((l) => ({ name: l })),
    },
    repository: { full_name: pr.repo },
  };
}

// ---------------------------------------------------------------------------------------------

/** Writes the evidence folder and PR inputs, then checks every file is valid and every control has evidence. */
export async function generateEvidence(options: { quiet?: boolean } = {}): Promise<GeneratedSet> {
  ensureBuilt();
  const log = options.quiet ? () => undefined : (line: string) => console.error(line);
  const { defaultCatalog } = await import('../core/generated/catalog.js');
  const rng = seededRandom(SCENARIO.seed);

  rmSync(EVIDENCE_DIR, { recursive: true, force: true });
  mkdirSync(EVIDENCE_DIR, { recursive: true });
  let index = 0;
  for (const [kindIndex, { kind, files, bytes }] of PLAN.entries()) {
    const weights = Array.from({ length: files }, (_, i) => (kind === 'a11y' && i === 1 ? 4 : 0.4 + rng() * 1.2));
    const total = weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < files; i++) {
      const primary = i === 0;
      // The current run is minutes old; older runs of the commit are spread over the last 20 hours.
      const createdAt = iso(primary ? NOW_MS - (20 + kindIndex) * 60_000 : NOW_MS - (3600 + rng() * 19 * 3600) * 1000);
      const doc = report(kind, { rng, index: index++, primary, createdAt, target: (bytes * weights[i]!) / total });
      const path = join(EVIDENCE_DIR, kind, `${kind}-${String(i).padStart(3, '0')}.json`);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `${JSON.stringify(doc, null, 2)}\n`);
    }
  }

  const pr: PullRequestFacts = {
    repo: SCENARIO.repo,
    number: SCENARIO.prNumber,
    title: 'Checkout v2: payments, routing and rollout changes across the platform',
    headSha: SCENARIO.headSha,
    headRef: 'feature/checkout-v2',
    baseRef: 'main',
    author: 'platform-dev',
    draft: false,
    labels: labelsFor(defaultCatalog),
    changedFiles: [...CHANGED_FILES].sort(),
    htmlUrl: `https://github.com/${SCENARIO.repo}/pull/${SCENARIO.prNumber}`,
  };
  const links = linksFor(defaultCatalog, rng);
  writeFileSync(PR_FILE, `${JSON.stringify(pr, null, 2)}\n`);
  writeFileSync(EVENT_FILE, `${JSON.stringify(eventFor(pr), null, 2)}\n`);
  writeFileSync(LINKS_FILE, `${JSON.stringify(links, null, 2)}\n`);
  writeFileSync(CHANGED_FILES_FILE, `${pr.changedFiles!.join('\n')}\n`);

  const set = await verify(pr);
  writeFileSync(MANIFEST_FILE, `${JSON.stringify({ scenario: SCENARIO, ...set }, null, 2)}\n`);
  log(`bench: wrote ${set.files} evidence files, ${mb(set.bytes)} into ${EVIDENCE_DIR.slice(OUT_DIR.length - 'bench/out'.length)}; all valid; ${set.controlsApplicable}/30 controls apply, ${set.controlsWithEvidence} have evidence for every requirement`);
  return set;
}

/** Parses every file as the gate does (all must be valid) and evaluates once to check coverage. */
async function verify(pr: PullRequestFacts): Promise<GeneratedSet> {
  const { parseEvidence, parseTrustedEvidenceList, evaluate, parseConfig, prepareAssertions, assertionValidators, defaultCatalog } = await loadEngine();

  const perKind: GeneratedSet['perKind'] = {};
  const evidence = [];
  let bytes = 0;
  for (const rel of listJsonFiles(EVIDENCE_DIR)) {
    const buf = readFileSync(join(EVIDENCE_DIR, rel));
    const item = parseEvidence(buf, rel);
    if (item.status !== 'valid') throw new Error(`generated ${rel} is not valid: ${item.issues.slice(0, 3).map((i) => `${i.pointer} ${i.message}`).join('; ')}`);
    const entry = (perKind[item.report.kind] ??= { files: 0, bytes: 0, largest: 0 });
    entry.files++;
    entry.bytes += buf.byteLength;
    entry.largest = Math.max(entry.largest, buf.byteLength);
    bytes += buf.byteLength;
    evidence.push(item);
  }
  const links = await parseTrustedEvidenceList(JSON.parse(readFileSync(LINKS_FILE, 'utf8')), 'link', 'bench/out/links.json');
  const result = evaluate({
    catalog: defaultCatalog, assertions: await prepareAssertions(defaultCatalog, assertionValidators), config: parseConfig(undefined),
    pr, evidence, links, now: SCENARIO.now,
  });
  const applicable = result.controls.filter((c) => c.result !== 'not-applicable');
  const withEvidence = applicable.filter((c) => c.requirements.every((r) => r.evidence.length > 0));
  if (applicable.length !== defaultCatalog.controls.length || withEvidence.length !== applicable.length) {
    const lacking = result.controls.filter((c) => !withEvidence.includes(c)).map((c) => `${c.controlId} (${c.result})`);
    throw new Error(`the generated set does not cover the catalog: ${lacking.join(', ')}`);
  }
  if (result.evidence.rejected.length > 0) throw new Error(`evidence rejected: ${result.evidence.rejected.map((r) => r.ref.path).join(', ')}`);
  return {
    files: evidence.length,
    bytes,
    perKind,
    labels: pr.labels,
    controlsApplicable: applicable.length,
    controlsWithEvidence: withEvidence.length,
    results: result.counts as unknown as Record<string, number>,
    conclusion: result.conclusion,
  };
}

if (isMain(import.meta.url)) {
  const set = await generateEvidence();
  console.log(JSON.stringify(set, null, 2));
}
