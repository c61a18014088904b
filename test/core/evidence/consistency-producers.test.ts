import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { detectDrift } from '../../../core/drift/detect-drift.js';
import { toDriftReport } from '../../../core/drift/to-drift-report.js';
import { toDrillReport, type DrillStep } from '../../../core/drill/to-drill-report.js';
import { parseEvidence } from '../../../core/evidence/parse-evidence.js';
import { buildA11yOutcome } from '../../../core/gates/a11y/build-a11y-outcome.js';
import { evaluateA11y } from '../../../core/gates/a11y/evaluate-a11y.js';
import { parseAxeResults } from '../../../core/gates/a11y/parse-axe-results.js';
import { concludeAttestations } from '../../../core/gates/attestation/evaluate-attestations.js';
import { buildK6Outcome } from '../../../core/gates/k6/build-k6-outcome.js';
import { evaluateK6 } from '../../../core/gates/k6/evaluate-k6.js';
import { k6CatalogThresholds } from '../../../core/gates/k6/k6-catalog-thresholds.js';
import { parseK6Summary } from '../../../core/gates/k6/parse-k6-summary.js';
import { evaluateSbomDiff } from '../../../core/gates/sbom-diff/evaluate-sbom-diff.js';
import { parseSbom } from '../../../core/gates/sbom-diff/parse-sbom.js';
import { diffGraphqlSchemas } from '../../../core/gates/schema-diff/diff-graphql-schemas.js';
import { evaluateSchemaDiff } from '../../../core/gates/schema-diff/evaluate-schema-diff.js';
import { parseGraphqlSchema } from '../../../core/gates/schema-diff/parse-graphql-schema.js';
import { defaultCatalog } from '../../../core/generated/catalog.js';
import { driftInput } from '../drift/drift-fixtures.js';
import '../../helpers/build-evidence.js';

const fixtures = join(import.meta.dirname, '../../fixtures');
const json = (path: string): unknown => JSON.parse(readFileSync(join(fixtures, path), 'utf8'));
const context = { subject: { repo: 'acme/web', sha: 'a'.repeat(40) }, producer: { name: 'maestro-cli', version: '0.1.0' }, createdAt: '2026-11-20T12:00:00.000Z' };

/** The issues of a report the parser refuses; `[]` when it is valid (consistent). */
function problems(report: unknown): unknown[] {
  const parsed = parseEvidence(Buffer.from(JSON.stringify(report)), 'report.json');
  return parsed.status === 'invalid' ? parsed.issues : [];
}

describe("the gates' own reports are consistent", () => {
  const axe = parseAxeResults(json('a11y/axe-results.json'), 'axe-results.json');
  const baseline = parseAxeResults(json('a11y/base-axe-results.json'), 'base-axe-results.json');
  it.each([
    ['without a baseline', evaluateA11y(axe)],
    ['with a baseline', evaluateA11y(axe, { ref: 'main', violations: baseline.violations })],
    ['with a page that could not be checked', evaluateA11y({ ...axe, pages: [...axe.pages, { url: 'http://127.0.0.1:4173/down', counts: { critical: 0, serious: 0, moderate: 0, minor: 0 }, error: 'timeout' }] })],
  ])('a11y %s', (_what, data) => {
    expect(problems(buildA11yOutcome(data, { critical: 0 }, context).report)).toEqual([]);
  });

  it.each(['summary-export.json', 'handle-summary.json', 'custom-trend-stats.json'])('k6 from %s, with the catalog thresholds, one that cannot be evaluated and a baseline', (file) => {
    const summary = parseK6Summary(json(`k6/${file}`), file);
    const thresholds = [...k6CatalogThresholds(defaultCatalog), { metric: 'no_such_metric', expression: 'p(95)<1', source: 'config' as const }];
    const data = evaluateK6({ summary, file, thresholds, baseline: { summary: parseK6Summary(json('k6/baseline.json'), 'baseline.json'), file: 'baseline.json', maxDeltaPct: 10 } });
    expect(problems(buildK6Outcome(data, context).report)).toEqual([]);
  });

  it.each([
    ['npm-sbom.cdx.json', 'npm-sbom.cdx.json'],
    ['cyclonedx-npm.cdx-1.4.json', 'cyclonedx-npm.cdx-1.6.json'],
    ['npm-sbom.spdx.json', 'npm-sbom.spdx.json'],
  ])('sbom-diff of express 4.17.1 (%s) to 4.21.2 (%s), with a denied license', (base, head) => {
    const outcome = evaluateSbomDiff(parseSbom(json(`sbom/express-4.17.1/${base}`), base), parseSbom(json(`sbom/express-4.21.2/${head}`), head), { deniedLicenses: ['MIT'], deniedPackages: ['qs'], copyleft: 'all' }, context);
    expect(outcome.report.data.violations.length).toBeGreaterThan(0);
    expect(problems(outcome.report)).toEqual([]);
  });

  it('schema-diff with breaking, dangerous and safe changes and a broken persisted operation', async () => {
    const sdl = (text: string) => parseGraphqlSchema(Buffer.from(text), 'schema.graphql');
    const diff = await diffGraphqlSchemas(sdl('type Query { a: String, b(x: Int): Int }\nenum E { X }'), sdl('type Query { b(x: Int, y: Int = 1): Int, c: E }\nenum E { X Y }'));
    expect(new Set(diff.changes.map((c) => c.criticality))).toEqual(new Set(['breaking', 'dangerous', 'safe']));
    const outcome = evaluateSchemaDiff({ old: { source: 'a' }, new: { source: 'b' }, diff, persistedQueries: { checked: 1, broken: [{ operation: 'A', file: 'a.graphql', message: 'x' }, { operation: 'A', file: 'a.graphql', message: 'y' }] }, labels: [], approvalLabel: 'ok' }, context);
    expect(problems(outcome.report)).toEqual([]);
  });

  it.each(['fixed', 'drifted', 'missing-workflow', 'invalid', 'extra-jobs'])('drift-report of the %s fixture', (name) => {
    expect(problems(toDriftReport(detectDrift(driftInput(name)), { repo: 'acme/web', sha: 'a'.repeat(40), producer: context.producer, createdAt: context.createdAt }))).toEqual([]);
  });

  it.each<[string, DrillStep['result'][]]>([
    ['passes', ['pass', 'skipped']],
    ['fails', ['pass', 'fail']],
  ])('drill-report that %s', (_what, results) => {
    const steps = results.map((result, i) => ({ name: `step ${i}`, result, detail: 'done' }));
    expect(problems(toDrillReport({ drill: 'restore', subject: context.subject, producer: context.producer, startedAt: new Date('2026-11-20T09:00:00Z'), finishedAt: new Date('2026-11-20T09:10:00Z') }, steps))).toEqual([]);
  });

  it('attestation-verification with a verified and an unverified artifact', () => {
    const artifacts = [
      { path: 'dist/app.tgz', digest: `sha256:${'a'.repeat(64)}`, verified: true, errors: [] },
      { path: 'dist/cli.tgz', digest: `sha256:${'b'.repeat(64)}`, verified: false, errors: [{ check: 'subject' as const, message: 'no bundle names it' }] },
    ];
    expect(problems(concludeAttestations(artifacts, {}, { mode: 'none', paths: [] }, context).report)).toEqual([]);
  });
});
