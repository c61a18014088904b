import { describe, expect, it } from '@jest/globals';
import type { EvidenceKind } from '../../../core/evidence/kinds.js';
import type { EvidenceIssue } from '../../../core/evidence/types.js';
import { a11yData, counts, driftData, item, makeReport } from '../../helpers/build-evidence.js';

/** A deep copy of `data` changed by `change`. */
type Data = Record<string, any>;
const changed = (data: Data, change: (d: Data) => void): Data => {
  const copy = structuredClone(data);
  change(copy);
  return copy;
};

/** Parses a report of `kind` around `data` through the real parser; returns the issues when it is invalid for inconsistency. */
function inconsistencies(kind: EvidenceKind, data: Data): EvidenceIssue[] {
  const parsed = item(`${kind}.json`, makeReport(kind, data));
  if (parsed.status === 'valid') return [];
  expect(parsed).toMatchObject({ code: 'INCONSISTENT', kind });
  return parsed.issues;
}

const PAGE = 'http://127.0.0.1:4173/checkout';
const violation = (impact: string, extra: Data = {}) => ({ rule: 'image-alt', impact, target: 'img', helpUrl: 'https://dequeuniversity.com/rules/axe/4.10/image-alt', page: PAGE, ...extra });
const A11Y: Data = {
  engine: { name: 'axe-core', version: '4.10.2' },
  tags: ['wcag2a'],
  counts: counts(1, 0, 0, 2),
  pages: [{ url: PAGE, counts: counts(1, 0, 0, 2) }],
  violations: [violation('critical'), violation('minor'), violation('minor')],
};
const A11Y_BASELINE = changed(A11Y, (d) => {
  d.baseline = { ref: 'main', newCounts: counts(1, 0, 0, 0) };
  d.violations = [violation('critical', { new: true }), violation('minor', { new: false }), violation('minor', { new: false })];
});

const K6: Data = {
  source: { format: 'handle-summary', file: 'summary.json' },
  metrics: {
    http_req_duration: { type: 'trend', values: { 'p(95)': 300, 'p(99)': 600 }, thresholds: { 'p(95)<350': true } },
    http_req_failed: { type: 'rate', values: { rate: 0.001 } },
    checks: { type: 'rate', values: { rate: 1, passes: 10, fails: 0 } },
  },
  thresholds: [
    { metric: 'http_req_duration', expression: 'p(95)<350', value: 300, ok: true, evaluable: true, source: 'k6' },
    { metric: 'http_req_duration', expression: 'p(99)<900', value: 600, ok: true, evaluable: true, source: 'catalog' },
    { metric: 'http_req_failed', expression: 'rate<0.01', value: 0.001, ok: true, evaluable: true, source: 'catalog' },
  ],
  checks: { passes: 10, fails: 0 },
  baseline: { file: 'base.json', p95DeltaPct: 20, baselineP95: 250, currentP95: 300, maxDeltaPct: 25, ok: true },
};

const component = (name: string, version = '1.0.0') => ({ purl: `pkg:npm/${name}@${version}`, name, version, licenses: ['MIT'] });
const SBOM: Data = {
  base: { format: 'cyclonedx-1.6', file: 'base.json', components: 3 },
  head: { format: 'cyclonedx-1.6', file: 'head.json', components: 4 },
  counts: { added: 1, removed: 0, versionChanged: 1, licenseChanged: 0 },
  added: [component('left-pad')],
  removed: [],
  versionChanged: [{ purl: 'pkg:npm/express@4.21.2', name: 'express', from: '4.17.1', to: '4.21.2' }],
  licenseChanged: [],
  policy: { deniedLicenses: [], deniedPackages: [] },
  violations: [],
};

const change = (criticality: string, type: string) => ({ criticality, type, path: 'User.email', message: `${type} on User.email` });
const SCHEMA_DIFF: Data = {
  old: { source: 'schema.graphql', ref: 'main' },
  new: { source: 'schema.graphql' },
  counts: { breaking: 1, dangerous: 0, safe: 1 },
  changes: [change('breaking', 'FIELD_REMOVED'), change('safe', 'FIELD_ADDED')],
};

const DRILL: Data = {
  drill: 'restore',
  status: 'pass',
  startedAt: '2026-11-20T09:00:00Z',
  finishedAt: '2026-11-20T09:10:00Z',
  durationSeconds: 600,
  targets: { rtoSeconds: 900 },
  measured: { rtoSeconds: 600 },
  steps: [
    { name: 'restore the latest backup', result: 'pass', detail: 'restored 3 objects' },
    { name: 'compare digests', result: 'pass', detail: 'all digests match' },
  ],
};

const ATTESTATION: Data = {
  policy: { issuer: 'https://token.actions.githubusercontent.com' },
  counts: { verified: 1, unverified: 1 },
  artifacts: [
    { path: 'dist/app.tgz', digest: `sha256:${'a'.repeat(64)}`, verified: true, errors: [] },
    { path: 'dist/cli.tgz', digest: `sha256:${'b'.repeat(64)}`, verified: false, errors: [{ check: 'subject', message: 'no bundle names this digest' }] },
  ],
  quarantine: { mode: 'none', paths: [] },
};

const POLICY_TEST: Data = {
  framework: 'opa',
  suite: 'policy/',
  counts: { passed: 1, failed: 1, skipped: 0, errored: 0 },
  tests: [{ name: 'test_allow', result: 'pass' }, { name: 'test_deny', result: 'fail' }],
};

describe('consistency of summary fields with their details', () => {
  it.each([
    ['a11y', A11Y],
    ['a11y with a baseline', A11Y_BASELINE],
    ['a11y without listed violations', a11yData(counts(0, 1, 0, 3))],
    ['a11y with pages named __proto__ and constructor', { ...A11Y, counts: counts(1, 0, 0, 1), pages: [{ url: '__proto__', counts: counts(1, 0, 0, 0) }, { url: 'constructor', counts: counts(0, 0, 0, 1) }], violations: [violation('critical', { page: '__proto__' }), violation('minor', { page: 'constructor' })] }],
    ['k6-summary', K6],
    ['sbom-diff', SBOM],
    ['schema-diff', SCHEMA_DIFF],
    ['drift-report (clean)', driftData('clean')],
    ['drift-report (drift, with missing jobs)', changed(driftData('drift', ['gates']), (d) => (d.changes = [{ file: '.github/workflows/ci.yml', type: 'missing-job', job: 'gates', message: 'job gates is missing' }]))],
    ['drill-report', DRILL],
    ['attestation-verification', ATTESTATION],
    ['policy-test', POLICY_TEST],
  ])('keeps a consistent %s report valid', (name, data) => {
    const kind = name.split(' ')[0] as EvidenceKind;
    expect(item(`${kind}.json`, makeReport(kind, data)).status).toBe('valid');
  });

  it('refuses the a11y report that was seen passing: data.counts.critical 0 while its page counts 5 and a critical violation is listed', () => {
    const seen = changed(A11Y, (d) => {
      d.counts = counts(0, 0, 0, 2);
      d.pages[0].counts = counts(5, 0, 0, 2);
    });
    expect(inconsistencies('a11y', seen)).toEqual([
      { pointer: '/data/counts/critical', message: "is 0, but the pages' counts add up to 5" },
      { pointer: '/data/counts/critical', message: 'is 0, but the report lists 1 critical violation' },
      { pointer: '/data/pages/0/counts/critical', message: `is 5, but the report lists 1 critical violation on ${PAGE}` },
    ]);
  });

  it.each<[string, EvidenceKind, Data, EvidenceIssue]>([
    // a11y
    ['a total below the violations listed', 'a11y', changed(A11Y, (d) => { d.counts.minor = 1; d.pages[0].counts.minor = 1; }), { pointer: '/data/counts/minor', message: 'is 1, but the report lists 2 minor violations' }],
    ['a total above the pages', 'a11y', changed(A11Y, (d) => (d.counts.serious = 2)), { pointer: '/data/counts/serious', message: "is 2, but the pages' counts add up to 0" }],
    ['a violation on a page that is not listed', 'a11y', changed(A11Y, (d) => (d.violations[0].page = 'http://127.0.0.1:4173/other')), { pointer: '/data/violations/0/page', message: 'is "http://127.0.0.1:4173/other", which is not the url of any page in /data/pages' }],
    ['fewer new violations counted than listed', 'a11y', changed(A11Y_BASELINE, (d) => (d.baseline.newCounts.critical = 0)), { pointer: '/data/baseline/newCounts/critical', message: 'is 0, but the report lists 1 new critical violation' }],
    ['more new violations than violations', 'a11y', changed(a11yData(counts(0, 0, 0, 1)), (d) => (d.baseline = { newCounts: counts(0, 0, 0, 2) })), { pointer: '/data/baseline/newCounts/minor', message: 'is 2, more than the 1 minor violations in all (/data/counts/minor)' }],
    ['a page url checked twice, summed', 'a11y', changed(A11Y, (d) => d.pages.push({ url: PAGE, counts: counts(1, 0, 0, 0) })), { pointer: '/data/pages/0/counts/critical', message: `adds up to 2 with the other pages of this url, but the report lists 1 critical violation on ${PAGE}` }],
    // k6-summary
    ['a threshold k6 failed listed as held', 'k6-summary', changed(K6, (d) => (d.metrics.http_req_duration.thresholds['p(95)<350'] = false)), { pointer: '/data/thresholds/0/ok', message: 'is true, but k6 recorded that http_req_duration p(95)<350 failed (/data/metrics/http_req_duration/thresholds/p(95)<350)' }],
    ['a threshold k6 failed left out of the list', 'k6-summary', changed(K6, (d) => { d.metrics.http_req_duration.thresholds['p(95)<350'] = false; d.thresholds.shift(); }), { pointer: '/data/metrics/http_req_duration/thresholds/p(95)<350', message: 'is false (k6 recorded that the threshold failed), but /data/thresholds does not list it' }],
    ['a sub-metric threshold left out (pointer escaped)', 'k6-summary', changed(K6, (d) => (d.metrics['http_req_duration{name:/api}'] = { type: 'trend', values: { 'p(95)': 900 }, thresholds: { 'p(95)<350': false } })), { pointer: '/data/metrics/http_req_duration{name:~1api}/thresholds/p(95)<350', message: 'is false (k6 recorded that the threshold failed), but /data/thresholds does not list it' }],
    ['a threshold k6 failed listed only as held by the catalog', 'k6-summary', changed(K6, (d) => { d.metrics.http_req_duration.thresholds['p(99)<900'] = false; }), { pointer: '/data/metrics/http_req_duration/thresholds/p(99)<900', message: 'is false (k6 recorded that the threshold failed), but /data/thresholds lists it only as held' }],
    ['a k6 threshold named like an Object member', 'k6-summary', changed(K6, (d) => d.thresholds.push({ metric: 'http_req_duration', expression: 'constructor', value: null, ok: true, evaluable: true, source: 'k6' })), { pointer: '/data/thresholds/3', message: 'says k6 recorded http_req_duration constructor, but /data/metrics/http_req_duration/thresholds has no such threshold' }],
    ['a k6 threshold the metric does not have', 'k6-summary', changed(K6, (d) => delete d.metrics.http_req_duration.thresholds), { pointer: '/data/thresholds/0', message: 'says k6 recorded http_req_duration p(95)<350, but /data/metrics/http_req_duration/thresholds has no such threshold' }],
    ['a catalog threshold marked held that its value breaks', 'k6-summary', changed(K6, (d) => { d.metrics.http_req_duration.values['p(99)'] = 950; d.thresholds[1].value = 950; }), { pointer: '/data/thresholds/1/ok', message: 'is true, but the value 950 does not meet p(99)<900' }],
    ['a compared value that is not the metric\'s', 'k6-summary', changed(K6, (d) => (d.metrics.http_req_duration.values['p(99)'] = 950)), { pointer: '/data/thresholds/1/value', message: 'is 600, but the p(99) of http_req_duration in /data/metrics is 950' }],
    ['a threshold not evaluable but held', 'k6-summary', changed(K6, (d) => Object.assign(d.thresholds[2], { evaluable: false, value: null })), { pointer: '/data/thresholds/2/ok', message: 'is true, but /data/thresholds/2/evaluable is false: a threshold that could not be evaluated does not hold' }],
    ['check counts that are not the checks metric\'s', 'k6-summary', changed(K6, (d) => (d.metrics.checks.values.fails = 3)), { pointer: '/data/checks/fails', message: 'is 0, but /data/metrics/checks/values/fails is 3' }],
    ['a baseline marked ok past its bound', 'k6-summary', changed(K6, (d) => Object.assign(d.baseline, { baselineP95: 200, p95DeltaPct: 50 })), { pointer: '/data/baseline/ok', message: 'is true, but p95DeltaPct 50 is more than maxDeltaPct 25' }],
    ['a baseline delta that its numbers do not give', 'k6-summary', changed(K6, (d) => (d.baseline.p95DeltaPct = 10)), { pointer: '/data/baseline/p95DeltaPct', message: 'is 10, but from 250 ms (baselineP95) to 300 ms (currentP95) is a change of 20%' }],
    // sbom-diff
    ['a count below its list', 'sbom-diff', changed(SBOM, (d) => (d.counts.added = 0)), { pointer: '/data/counts/added', message: 'is 0, but /data/added lists 1 component' }],
    ['a count above a list that is not cut', 'sbom-diff', changed(SBOM, (d) => (d.counts.removed = 3)), { pointer: '/data/counts/removed', message: 'is 3, but /data/removed lists 0 components (a list is cut only at 200000 entries)' }],
    ['more added than the head SBOM has', 'sbom-diff', changed(SBOM, (d) => (d.head.components = 1)), { pointer: '/data/counts/added', message: 'is 1, and with 1 version change that is more than the head SBOM has (1 component, /data/head/components)' }],
    // schema-diff
    ['a breaking count below the changes listed', 'schema-diff', changed(SCHEMA_DIFF, (d) => (d.counts.breaking = 0)), { pointer: '/data/counts/breaking', message: 'is 0, but /data/changes lists 1 breaking change' }],
    ['a safe count above the changes listed', 'schema-diff', changed(SCHEMA_DIFF, (d) => (d.counts.safe = 4)), { pointer: '/data/counts/safe', message: 'is 4, but /data/changes lists 1 safe change' }],
    // drift-report
    ['a clean report with missing jobs', 'drift-report', driftData('clean', ['gates', 'sbom']), { pointer: '/data/status', message: 'is "clean", but /data/missingJobs lists 2 missing jobs (gates, sbom)' }],
    ['a clean report with changes', 'drift-report', changed(driftData('clean'), (d) => (d.changes = [{ file: '.github/workflows/ci.yml', type: 'unpinned-action', message: 'actions/checkout@main is not pinned' }])), { pointer: '/data/status', message: 'is "clean", but /data/changes lists 1 difference from the template' }],
    // drill-report
    ['a passing drill with a failed step', 'drill-report', changed(DRILL, (d) => (d.steps[1].result = 'fail')), { pointer: '/data/status', message: 'is "pass", but step 1 ("compare digests") failed (/data/steps/1/result)' }],
    // attestation-verification
    ['no unverified artifact counted while one is listed', 'attestation-verification', changed(ATTESTATION, (d) => Object.assign(d.counts, { verified: 2, unverified: 0 })), { pointer: '/data/counts/unverified', message: 'is 0, but /data/artifacts lists 1 unverified artifact' }],
    ['a verified artifact with failed checks', 'attestation-verification', changed(ATTESTATION, (d) => (d.artifacts[0].errors = [{ check: 'identity', message: 'wrong identity' }])), { pointer: '/data/artifacts/0/verified', message: 'is true, but the artifact lists 1 failed check (/data/artifacts/0/errors)' }],
    // policy-test
    ['a failed count below the tests listed', 'policy-test', changed(POLICY_TEST, (d) => (d.counts.failed = 0)), { pointer: '/data/counts/failed', message: 'is 0, but /data/tests lists 1 failed test' }],
  ])('refuses %s (%s)', (_what, kind, data, expected) => {
    expect(inconsistencies(kind, data)).toContainEqual(expected);
  });

  it('caps the issues of a report inconsistent everywhere', () => {
    const pages = Array.from({ length: 100 }, (_, i) => ({ url: `${PAGE}/${i}`, counts: counts(1, 1, 1, 1) }));
    expect(inconsistencies('a11y', { ...A11Y, pages, violations: [violation('critical', { page: 'elsewhere' })] })).toHaveLength(20);
  });
});
