/**
 * The builders of the reports about a pull request (their subject names the PR), one per kind,
 * each filling a report to its target size with deterministic content.
 */
import { fillToSize } from './fill-to-size.js';
import { SCENARIO } from './lib.js';
import type { BuildContext, Json, ReportBuilder } from './report-plan.js';
import { hex, int, name, paragraph, pick, round, semver, sentence, SERVICES, WORDS, type Rng } from './report-vocabulary.js';

const IMPACTS = ['critical', 'serious', 'moderate', 'minor'] as const;
const AXE_RULES = ['color-contrast', 'label', 'image-alt', 'button-name', 'link-name', 'aria-allowed-attr', 'aria-required-children', 'duplicate-id-aria', 'heading-order', 'landmark-one-main', 'region', 'list', 'listitem', 'nested-interactive', 'scrollable-region-focusable', 'select-name', 'frame-title', 'document-title'];
const ROUTES = ['', 'checkout', 'checkout/payment', 'cart', 'account', 'account/security', 'orders', 'orders/history', 'search', 'product', 'fr/paiement', 'de/konto', 'ja/注文', 'help', 'settings/notifications'];

function a11y({ rng, primary, target }: BuildContext): Json {
  const pages = fillToSize(Math.min(target * 0.08, 150_000), 1000, 3, (i) => ({
    url: `https://preview-${SCENARIO.prNumber}.acme.dev/${ROUTES[i % ROUTES.length]}${i >= ROUTES.length ? `?variant=${i}` : ''}`,
    counts: { critical: 0, serious: 0, moderate: 0, minor: 0 },
    screenshot: `screenshots/page-${String(i).padStart(4, '0')}.png`,
  }), 5);
  let minorLeft = primary ? 3 : Infinity;
  const violations = fillToSize(target * 0.9, 100_000, 3, () => {
    let impact: (typeof IMPACTS)[number] = primary ? pick(rng, ['serious', 'moderate', 'moderate'] as const) : pick(rng, IMPACTS);
    if (primary && rng() < 0.01 && minorLeft > 0) {
      impact = 'minor';
      minorLeft--;
    }
    const page = pick(rng, pages);
    const rule = pick(rng, AXE_RULES);
    page.counts[impact]++;
    return {
      rule,
      impact,
      target: `#${pick(rng, SERVICES)}-root > div.${name(rng)}:nth-child(${int(rng, 1, 40)}) > ${pick(rng, ['button', 'a', 'input', 'span.label', 'img', 'li > a'])}[data-testid="${name(rng, 3)}"]`,
      helpUrl: `https://dequeuniversity.com/rules/axe/4.10/${rule}?application=axeAPI`,
      page: page.url,
      summary: `Fix any of the following:\n  Element has insufficient color contrast of ${round(1.5 + rng() * 2.9, 2)} (foreground color: #${hex(rng, 6)}, background color: #${hex(rng, 6)}, font size: ${round(9 + rng() * 6)}pt, font weight: normal). Expected contrast ratio of 4.5:1 — “${sentence(rng, 5)}”`,
      new: rng() < 0.2,
    };
  });
  const counts = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  const newCounts = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const v of violations) {
    counts[v.impact]++;
    if (v.new) newCounts[v.impact]++;
  }
  return {
    engine: { name: 'axe-core', version: '4.10.2', browser: 'Chromium 131.0.6778.33' },
    tags: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
    counts,
    baseline: { ref: 'refs/heads/main', newCounts },
    pages,
    violations,
  };
}

const LICENSES = ['MIT', 'Apache-2.0', 'BSD-3-Clause', 'ISC', 'BSD-2-Clause', 'MPL-2.0', 'LGPL-3.0-or-later', 'Unlicense', '0BSD', 'CC0-1.0'];
const ECOSYSTEMS = ['npm', 'npm', 'npm', 'pypi', 'golang', 'maven', 'cargo'] as const;

function purlOf(rng: Rng, version: string): { purl: string; name: string } {
  const eco = pick(rng, ECOSYSTEMS);
  const base = name(rng, int(rng, 2, 3));
  switch (eco) {
    case 'npm': {
      const scoped = rng() < 0.3;
      const pkg = scoped ? `@${name(rng)}/${base}` : base;
      return { purl: `pkg:npm/${scoped ? pkg.replace('@', '%40') : pkg}@${version}`, name: pkg };
    }
    case 'golang':
      return { purl: `pkg:golang/github.com/${name(rng)}/${base}@v${version}`, name: `github.com/${name(rng)}/${base}` };
    case 'maven':
      return { purl: `pkg:maven/io.${name(rng)}/${base}@${version}`, name: `io.${name(rng)}:${base}` };
    default:
      return { purl: `pkg:${eco}/${base}@${version}`, name: base };
  }
}

function sbomDiff({ rng, primary, target }: BuildContext): Json {
  const component = (): Json => {
    const version = semver(rng);
    return { ...purlOf(rng, version), version, licenses: rng() < 0.05 ? [] : [pick(rng, LICENSES), ...(rng() < 0.1 ? [pick(rng, LICENSES)] : [])] };
  };
  const added = fillToSize(target * 0.4, 200_000, 3, component);
  const removed = fillToSize(target * 0.15, 200_000, 3, component);
  const versionChanged = fillToSize(target * 0.33, 200_000, 3, () => {
    const to = semver(rng);
    const { purl, name: n } = purlOf(rng, to);
    return { purl, name: n, from: semver(rng), to };
  });
  const licenseChanged = fillToSize(target * 0.1, 200_000, 3, () => {
    const { purl, name: n } = purlOf(rng, semver(rng));
    return { purl, name: n, from: [pick(rng, LICENSES)], to: [pick(rng, LICENSES)] };
  });
  const violations = primary ? [] : Array.from({ length: int(rng, 1, 6) }, () => {
    const { purl, name: n } = purlOf(rng, semver(rng));
    return { purl, rule: pick(rng, ['denied-license', 'denied-package', 'copyleft-license'] as const), message: `${n} is licensed AGPL-3.0-only, which the policy denies for shipped code.` };
  });
  const baseComponents = int(rng, 1500, 6000);
  return {
    base: { format: 'cyclonedx-1.5', file: 'sbom/base.cdx.json', components: baseComponents },
    head: { format: 'cyclonedx-1.5', file: 'sbom/head.cdx.json', components: baseComponents + added.length - removed.length },
    counts: { added: added.length, removed: removed.length, versionChanged: versionChanged.length, licenseChanged: licenseChanged.length },
    added,
    removed,
    versionChanged,
    licenseChanged,
    policy: { deniedLicenses: ['AGPL-3.0-only', 'AGPL-3.0-or-later', 'SSPL-1.0'], deniedPackages: ['pkg:npm/event-stream', 'pkg:npm/flatmap-stream'] },
    violations,
  };
}

function k6Summary({ rng, primary, target }: BuildContext): Json {
  const trend = (scale: number): Json => {
    const med = round(scale * (0.6 + rng() * 0.4), 2);
    return { avg: round(med * 1.1, 2), min: round(med * 0.4, 2), med, max: round(med * 8, 2), 'p(90)': round(med * 1.8, 2), 'p(95)': round(med * 2.2, 2), 'p(99)': round(med * 4.5, 2) };
  };
  const headline = primary ? trend(110) : trend(110 + rng() * 120);
  const metrics: Record<string, Json> = {
    http_req_duration: { type: 'trend', values: headline, thresholds: { 'p(95)<350': (headline['p(95)'] as number) < 350, 'p(99)<900': (headline['p(99)'] as number) < 900 } },
    http_req_failed: { type: 'rate', values: { rate: primary ? 0.0021 : round(rng() * 0.03, 4), passes: int(rng, 10, 500), fails: int(rng, 100_000, 900_000) }, thresholds: { 'rate<0.01': true } },
    http_reqs: { type: 'counter', values: { count: int(rng, 100_000, 900_000), rate: round(800 + rng() * 900, 2) } },
    vus: { type: 'gauge', values: { value: 50, min: 1, max: 200 } },
    checks: { type: 'rate', values: { rate: 0.998, passes: int(rng, 100_000, 900_000), fails: int(rng, 0, 500) } },
  };
  const names: string[] = [];
  fillToSize(target * 0.8, 1990, 3, (i) => {
    const metric = `http_req_duration{scenario:${pick(rng, ['browse', 'checkout', 'search', 'api', 'soak'])},name:${pick(rng, ['GET', 'POST', 'PUT', 'DELETE'])} ${pick(rng, SERVICES)}.${pick(rng, WORDS)}.${i}}`;
    const value = { type: 'trend', values: trend(40 + rng() * 200), thresholds: { 'p(95)<800': true } };
    metrics[metric] = value;
    names.push(metric);
    return [metric, value];
  });
  const thresholds = [
    { metric: 'http_req_duration', expression: 'p(95)<350', value: headline['p(95)'], ok: (headline['p(95)'] as number) < 350, evaluable: true, source: 'catalog' },
    { metric: 'http_req_duration', expression: 'p(99)<900', value: headline['p(99)'], ok: (headline['p(99)'] as number) < 900, evaluable: true, source: 'catalog' },
    ...fillToSize(target * 0.3, 9000, 3, (i) => {
      const metric = names[i % Math.max(names.length, 1)] ?? 'http_req_duration';
      const p95 = (metrics[metric]?.values as Json | undefined)?.['p(95)'] as number | undefined;
      return { metric, expression: 'p(95)<800', value: p95 ?? null, ok: primary ? true : rng() > 0.02, evaluable: true, source: 'k6' };
    }),
  ];
  return {
    source: { format: 'handle-summary', file: 'perf/summary.json' },
    metrics,
    thresholds,
    baseline: { file: 'perf/baseline.json', p95DeltaPct: round(rng() * 8 - 3, 2), maxDeltaPct: 10, ok: true },
    checks: { passes: int(rng, 100_000, 900_000), fails: primary ? 0 : int(rng, 0, 100) },
  };
}

const CHANGE_TYPES = [
  ['safe', 'FIELD_ADDED'], ['safe', 'TYPE_ADDED'], ['safe', 'FIELD_DESCRIPTION_CHANGED'], ['safe', 'ARGUMENT_DESCRIPTION_CHANGED'],
  ['dangerous', 'ENUM_VALUE_ADDED'], ['dangerous', 'ARGUMENT_DEFAULT_CHANGED'], ['dangerous', 'INPUT_FIELD_ADDED'],
  ['breaking', 'FIELD_REMOVED'], ['breaking', 'FIELD_TYPE_CHANGED'], ['breaking', 'ARGUMENT_REMOVED'],
] as const;

function schemaDiff({ rng, primary, target }: BuildContext): Json {
  const typeName = (): string => name(rng).replace(/^./, (c) => c.toUpperCase());
  const changes = fillToSize(target * 0.85, 50_000, 3, () => {
    let [criticality, type] = pick(rng, CHANGE_TYPES);
    if (primary && criticality === 'breaking') [criticality, type] = ['safe', 'FIELD_ADDED'];
    const path = `${typeName()}.${name(rng)}`;
    return {
      criticality,
      type,
      path,
      message: `Field '${path.split('.')[1]}' on type '${path.split('.')[0]}' — ${type.toLowerCase().replace(/_/g, ' ')}`,
      line: int(rng, 1, 9000),
      reason: criticality === 'safe' ? undefined : `${sentence(rng, 14)} ${sentence(rng, 10)}`,
    };
  });
  const counts = { breaking: 0, dangerous: 0, safe: 0 };
  for (const c of changes) counts[c.criticality]++;
  const deprecations = fillToSize(target * 0.1, 50_000, 3, () => ({ path: `${typeName()}.${name(rng)}`, reason: `Use ${name(rng)} instead; ${sentence(rng, 6)}`, removed: false }));
  const broken = primary ? [] : fillToSize(target * 0.05, 100_000, 4, () => ({ operation: `${typeName()}Query`, file: `web/src/queries/${name(rng)}.graphql`, message: `Cannot query field "${name(rng)}" on type "${typeName()}".` }));
  return {
    old: { source: 'schema/schema.graphql', ref: 'refs/heads/main' },
    new: { source: 'schema/schema.graphql', ref: `refs/pull/${SCENARIO.prNumber}/head` },
    counts,
    changes,
    deprecations,
    persistedQueries: { checked: int(rng, 100, 2000), broken },
  };
}

function attestationVerification({ rng, primary, target }: BuildContext): Json {
  const identity = `https://github.com/${SCENARIO.repo}/.github/workflows/release.yml@refs/pull/${SCENARIO.prNumber}/merge`;
  const artifacts = fillToSize(target, 10_000, 3, (i) => {
    const verified = primary || rng() > 0.05;
    const path = `dist/${pick(rng, SERVICES)}-${name(rng)}-${i}.tgz`;
    return {
      path,
      digest: `sha256:${hex(rng, 64)}`,
      verified,
      identity,
      issuer: 'https://token.actions.githubusercontent.com',
      predicateType: 'https://slsa.dev/provenance/v1',
      bundle: `${path}.sigstore.json`,
      provenance: { builder: 'https://github.com/actions/runner/github-hosted', sourceRepo: SCENARIO.repo, ref: `refs/pull/${SCENARIO.prNumber}/merge`, workflow: '.github/workflows/release.yml', commit: SCENARIO.headSha },
      errors: verified ? [] : [{ check: pick(rng, ['identity', 'tlog', 'subject'] as const), message: `certificate identity ${identity.replace('release', 'ci')} does not match the policy` }],
    };
  }, 1);
  const unverified = artifacts.filter((a) => !a.verified);
  return {
    policy: { identity, issuer: 'https://token.actions.githubusercontent.com', key: false, trustedRoot: 'public-good' },
    counts: { verified: artifacts.length - unverified.length, unverified: unverified.length },
    artifacts,
    quarantine: { mode: 'move', paths: unverified.map((a) => `quarantine/${a.path}`) },
  };
}

function policyTest({ rng, primary, index, target }: BuildContext): Json {
  const framework = primary ? 'opa' : pick(rng, ['opa', 'opa', 'conftest', 'promtool'] as const);
  const tests = fillToSize(target, 100_000, 3, (i) => {
    const result = primary ? 'pass' : rng() < 0.03 ? 'fail' : rng() < 0.02 ? 'skip' : 'pass';
    return {
      name: `test_${pick(rng, WORDS)}_${pick(rng, WORDS)}_${pick(rng, ['allowed', 'denied', 'requires_reason', 'within_quota', 'pinned'])}_${i}`,
      package: `data.${pick(rng, ['rbac', 'router', 'residency', 'quotas', 'secrets', 'cypher'])}.${name(rng)}`,
      result,
      durationMs: round(rng() * 12, 3),
      ...(result === 'fail' ? { message: `${paragraph(rng, 300)}\n  expected: true\n  got: false` } : {}),
    };
  }, 1);
  const counts = { passed: 0, failed: 0, skipped: 0, errored: 0 };
  for (const t of tests) counts[t.result === 'pass' ? 'passed' : t.result === 'fail' ? 'failed' : 'skipped']++;
  return {
    framework,
    suite: `policies/${pick(rng, ['rbac', 'router', 'residency', 'quotas', 'secrets', 'cypher'])}-${index}`,
    counts,
    ...(framework === 'opa' ? { coverage: primary ? 93.4 : round(70 + rng() * 29) } : {}),
    tests,
  };
}

/** The builders of the PR-scoped kinds, by kind. */
export const PR_REPORT_BUILDERS: Record<string, ReportBuilder> = {
  a11y, 'sbom-diff': sbomDiff, 'k6-summary': k6Summary, 'schema-diff': schemaDiff, 'attestation-verification': attestationVerification, 'policy-test': policyTest,
};
