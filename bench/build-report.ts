/**
 * The benchmark's report builders: one per evidence kind, each filling a report to a target size
 * with deterministic content from a seeded generator (see generate-evidence.ts).
 */
import type { EvidenceKind } from '../core/evidence/kinds.js';
import { SCENARIO } from './lib.js';

export type Rng = () => number;
export type Json = Record<string, unknown>;

/** How many files of each kind, and how many bytes they share. 200 files, 20.0 MB. */
export const PLAN: ReadonlyArray<{ kind: EvidenceKind; files: number; bytes: number }> = [
  { kind: 'a11y', files: 24, bytes: 4_000_000 },
  { kind: 'sbom-diff', files: 24, bytes: 4_000_000 },
  { kind: 'k6-summary', files: 24, bytes: 3_000_000 },
  { kind: 'schema-diff', files: 24, bytes: 3_000_000 },
  { kind: 'attestation-verification', files: 20, bytes: 1_600_000 },
  { kind: 'evidence-manifest', files: 20, bytes: 1_600_000 },
  { kind: 'policy-test', files: 24, bytes: 1_600_000 },
  { kind: 'slo-burn', files: 16, bytes: 600_000 },
  { kind: 'drift-report', files: 12, bytes: 300_000 },
  { kind: 'drill-report', files: 12, bytes: 300_000 },
];

export const NOW_MS = Date.parse(SCENARIO.now);
export const iso = (msValue: number): string => new Date(Math.round(msValue / 1000) * 1000).toISOString().replace('.000Z', 'Z');

// ---------------------------------------------------------------------------------------------
// Small deterministic vocabulary helpers.

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
const round = (value: number, digits = 1): number => Number(value.toFixed(digits));
export const hex = (rng: Rng, length: number): string => {
  let out = '';
  while (out.length < length) out += Math.floor(rng() * 0x100000000).toString(16).padStart(8, '0');
  return out.slice(0, length);
};

const SYLLABLES = ['ac', 'bel', 'cor', 'dex', 'fin', 'gal', 'hex', 'ion', 'jet', 'kin', 'lum', 'mor', 'nex', 'orb', 'pax', 'quo', 'ras', 'syl', 'tor', 'umb', 'vex', 'wyn', 'xen', 'yar', 'zed'];
const WORDS = [
  'request', 'tenant', 'latency', 'budget', 'policy', 'region', 'cache', 'token', 'session', 'replica', 'shard', 'queue',
  'handler', 'gateway', 'router', 'snapshot', 'schema', 'index', 'query', 'worker', 'deploy', 'rollout', 'metric', 'span',
  'export', 'bucket', 'secret', 'config', 'flag', 'window', 'quota', 'audit', 'trace', 'probe', 'alert', 'runbook',
];
const SERVICES = ['checkout', 'orders', 'catalog', 'search', 'identity', 'billing', 'router', 'gateway', 'inference', 'ingest', 'notifier', 'reports'];

const name = (rng: Rng, parts = 2): string => Array.from({ length: parts }, () => pick(rng, SYLLABLES)).join('');
const sentence = (rng: Rng, words: number): string => {
  const list = Array.from({ length: words }, () => pick(rng, WORDS));
  return `${list.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
};
const paragraph = (rng: Rng, chars: number): string => {
  const out: string[] = [];
  let length = 0;
  while (length < chars) {
    const s = sentence(rng, int(rng, 6, 16));
    out.push(s);
    length += s.length + 1;
  }
  return out.join(' ');
};
const semver = (rng: Rng): string => `${int(rng, 0, 12)}.${int(rng, 0, 40)}.${int(rng, 0, 30)}`;

/**
 * Items from `make` until their pretty-printed size (at `depth` levels of 2-space indentation)
 * reaches `target` bytes, capped at the schema's `max` items.
 */
function fill<T>(target: number, max: number, depth: number, make: (i: number) => T, min = 0): T[] {
  const out: T[] = [];
  let size = 0;
  while ((size < target || out.length < min) && out.length < max) {
    const item = make(out.length);
    const text = JSON.stringify(item, null, 2);
    let lines = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
    size += text.length + lines * depth * 2 + 2;
    out.push(item);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// One builder per kind. `primary` is the newest report of its kind: it meets the catalog's
// assertions where one report can; the others are older runs of the same commit.

export interface BuildContext {
  rng: Rng;
  index: number;
  primary: boolean;
  createdAt: string;
  /** Bytes the report should roughly take. */
  target: number;
}

const IMPACTS = ['critical', 'serious', 'moderate', 'minor'] as const;
const AXE_RULES = ['color-contrast', 'label', 'image-alt', 'button-name', 'link-name', 'aria-allowed-attr', 'aria-required-children', 'duplicate-id-aria', 'heading-order', 'landmark-one-main', 'region', 'list', 'listitem', 'nested-interactive', 'scrollable-region-focusable', 'select-name', 'frame-title', 'document-title'];
const ROUTES = ['', 'checkout', 'checkout/payment', 'cart', 'account', 'account/security', 'orders', 'orders/history', 'search', 'product', 'fr/paiement', 'de/konto', 'ja/注文', 'help', 'settings/notifications'];

function a11y({ rng, primary, target }: BuildContext): Json {
  const pages = fill(Math.min(target * 0.08, 150_000), 1000, 3, (i) => ({
    url: `https://preview-${SCENARIO.prNumber}.acme.dev/${ROUTES[i % ROUTES.length]}${i >= ROUTES.length ? `?variant=${i}` : ''}`,
    counts: { critical: 0, serious: 0, moderate: 0, minor: 0 },
    screenshot: `screenshots/page-${String(i).padStart(4, '0')}.png`,
  }), 5);
  let minorLeft = primary ? 3 : Infinity;
  const violations = fill(target * 0.9, 100_000, 3, () => {
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
  const added = fill(target * 0.4, 200_000, 3, component);
  const removed = fill(target * 0.15, 200_000, 3, component);
  const versionChanged = fill(target * 0.33, 200_000, 3, () => {
    const to = semver(rng);
    const { purl, name: n } = purlOf(rng, to);
    return { purl, name: n, from: semver(rng), to };
  });
  const licenseChanged = fill(target * 0.1, 200_000, 3, () => {
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
  fill(target * 0.8, 1990, 3, (i) => {
    const metric = `http_req_duration{scenario:${pick(rng, ['browse', 'checkout', 'search', 'api', 'soak'])},name:${pick(rng, ['GET', 'POST', 'PUT', 'DELETE'])} ${pick(rng, SERVICES)}.${pick(rng, WORDS)}.${i}}`;
    const value = { type: 'trend', values: trend(40 + rng() * 200), thresholds: { 'p(95)<800': true } };
    metrics[metric] = value;
    names.push(metric);
    return [metric, value];
  });
  const thresholds = [
    { metric: 'http_req_duration', expression: 'p(95)<350', value: headline['p(95)'], ok: (headline['p(95)'] as number) < 350, evaluable: true, source: 'catalog' },
    { metric: 'http_req_duration', expression: 'p(99)<900', value: headline['p(99)'], ok: (headline['p(99)'] as number) < 900, evaluable: true, source: 'catalog' },
    ...fill(target * 0.3, 9000, 3, (i) => {
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
  const changes = fill(target * 0.85, 50_000, 3, () => {
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
  const deprecations = fill(target * 0.1, 50_000, 3, () => ({ path: `${typeName()}.${name(rng)}`, reason: `Use ${name(rng)} instead; ${sentence(rng, 6)}`, removed: false }));
  const broken = primary ? [] : fill(target * 0.05, 100_000, 4, () => ({ operation: `${typeName()}Query`, file: `web/src/queries/${name(rng)}.graphql`, message: `Cannot query field "${name(rng)}" on type "${typeName()}".` }));
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
  const artifacts = fill(target, 10_000, 3, (i) => {
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

function evidenceManifest({ rng, target }: BuildContext): Json {
  const kinds = PLAN.map((p) => p.kind);
  const artifacts = fill(target, 100_000, 3, (i) => {
    const kind = rng() < 0.6 ? pick(rng, kinds) : undefined;
    return {
      path: kind ? `evidence/${kind}/${kind}-${String(i).padStart(5, '0')}.json` : `${pick(rng, ['sbom', 'provenance', 'logs', 'screenshots'])}/${name(rng)}-${i}.${pick(rng, ['json', 'png', 'txt', 'cdx.json'])}`,
      size: int(rng, 200, 5_000_000),
      sha256: hex(rng, 64),
      ...(kind ? { kind } : {}),
    };
  }, 1);
  return {
    release: `v3.${int(rng, 10, 20)}.${int(rng, 0, 9)}`,
    commit: SCENARIO.headSha,
    artifacts,
    gates: { conclusion: 'success', counts: { pass: 14, 'not-applicable': 16 } },
    previous: hex(rng, 64),
    signature: { path: 'manifest.json.sigstore.json', format: 'sigstore-bundle' },
    provenance: `https://github.com/${SCENARIO.repo}/attestations/${int(rng, 100000, 999999)}`,
  };
}

function policyTest({ rng, primary, index, target }: BuildContext): Json {
  const framework = primary ? 'opa' : pick(rng, ['opa', 'opa', 'conftest', 'promtool'] as const);
  const tests = fill(target, 100_000, 3, (i) => {
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

function sloBurn({ rng, primary, createdAt, target }: BuildContext): Json {
  const slos = fill(target, 500, 3, (i) => {
    const service = pick(rng, SERVICES);
    const budgetConsumed = primary ? round(rng() * 0.28, 3) : round(rng() * 0.45, 3);
    const selector = `service="${service}",slo="${service}-${i}"`;
    return {
      name: `${service}-${pick(rng, ['availability', 'latency-p95', 'freshness', 'cost'])}-${i}`,
      service,
      objective: pick(rng, [0.99, 0.995, 0.999, 0.9995]),
      window: '30d',
      budgetConsumed,
      burnRates: { '5m': round(rng() * 3, 2), '30m': round(rng() * 2, 2), '1h': round(rng() * 1.5, 2), '6h': round(rng(), 2), '1d': round(rng(), 2), '3d': round(rng(), 2) },
      alerts: [
        { name: 'page-fast', longWindow: '1h', shortWindow: '5m', factor: 14.4, firing: false },
        { name: 'page-slow', longWindow: '6h', shortWindow: '30m', factor: 6, firing: false },
        { name: 'ticket', longWindow: '3d', shortWindow: '6h', factor: 1, firing: !primary && rng() < 0.1 },
      ],
      decision: budgetConsumed > 0.3 ? 'block' : budgetConsumed > 0.2 ? 'warn' : 'ok',
      queries: {
        good: `sum(rate(http_requests_total{${selector},code!~"5.."}[30d]))`,
        total: `sum(rate(http_requests_total{${selector}}[30d]))`,
      },
      values: { good_30d: int(rng, 1e8, 9e8), total_30d: int(rng, 9e8, 1e9), 'ratio_1h': round(rng() * 0.002, 6) },
    };
  }, 1);
  return {
    source: { type: 'prometheus', url: 'https://prometheus.acme.internal', at: iso(Date.parse(createdAt) - 5 * 60_000) },
    policy: { warnAbove: 0.2, blockAbove: 0.3, releaseBelow: 0.1 },
    slos,
  };
}

const DRIFT_TYPES = ['missing-job', 'changed-action', 'unpinned-action', 'widened-permissions', 'removed-step', 'template-behind'] as const;

function driftReport({ rng, primary, target }: BuildContext): Json {
  const changes = primary ? [] : fill(target, 5000, 3, () => {
    const type = pick(rng, DRIFT_TYPES);
    return {
      file: `.github/workflows/${pick(rng, ['ci', 'release', 'maestro', 'deploy', 'nightly'])}.yml`,
      type,
      job: pick(rng, ['build', 'test', 'sbom', 'attest', 'gate', 'deploy']),
      step: `${pick(rng, ['Set up', 'Run', 'Upload', 'Verify'])} ${pick(rng, WORDS)}`,
      expected: `actions/${pick(rng, ['checkout', 'setup-node', 'upload-artifact'])}@${hex(rng, 40)}`,
      actual: `actions/${pick(rng, ['checkout', 'setup-node', 'upload-artifact'])}@v${int(rng, 2, 4)}`,
      message: `${type.replace(/-/g, ' ')}: ${sentence(rng, 9)}`,
    };
  });
  const missingJobs = [...new Set(changes.filter((c) => c.type === 'missing-job').map((c) => c.job))].sort();
  return {
    repo: SCENARIO.repo,
    status: primary ? 'clean' : 'drift',
    missingJobs,
    pr: primary ? null : `https://github.com/${SCENARIO.repo}/pull/${int(rng, 1000, 4000)}`,
    template: { source: 'acme/ci-templates/.github/workflows/maestro.yml', version: 'v3.2.0' },
    changes,
  };
}

const DRILLS = ['restore', 'worm', 'incident', 'backup', 'failover', 'rollback'] as const;

function drillReport({ rng, index, primary, createdAt, target }: BuildContext): Json {
  // Every drill type appears: the controls select their drill with match.
  const drill = primary ? 'failover' : DRILLS[index % DRILLS.length]!;
  const finished = Date.parse(createdAt) - 10 * 60_000;
  const duration = int(rng, 600, 7200);
  const steps = fill(target, 200, 3, (i) => ({
    name: `${pick(rng, ['fail over', 'restore', 'verify', 'promote', 'drain', 'page', 'resync'])} ${pick(rng, SERVICES)} ${i}`,
    result: primary || rng() > 0.1 ? 'pass' : 'fail',
    detail: paragraph(rng, int(rng, 400, 4000)),
    ...(rng() < 0.3 ? { response: `HTTP/1.1 ${pick(rng, ['200 OK', '403 Forbidden', '503 Service Unavailable'])}\n${paragraph(rng, 200)}` } : {}),
  }), 1);
  return {
    drill,
    status: primary || steps.every((s) => s.result === 'pass') ? 'pass' : 'fail',
    startedAt: iso(finished - duration * 1000),
    finishedAt: iso(finished),
    durationSeconds: duration,
    targets: { rtoSeconds: 14400, rpoSeconds: 900, ackSeconds: 300, ...(drill === 'rollback' ? { acaScore: 0.9 } : {}) },
    measured: { rtoSeconds: primary ? 2310 : int(rng, 1000, 20000), rpoSeconds: int(rng, 30, 1200), ackSeconds: int(rng, 20, 400), ...(drill === 'rollback' ? { acaScore: round(0.8 + rng() * 0.2, 2) } : {}) },
    store: 's3://acme-backups/platform',
    steps,
    issue: `https://github.com/${SCENARIO.repo}/issues/${int(rng, 100, 9999)}`,
  };
}

const BUILDERS: Record<string, (ctx: BuildContext) => Json> = {
  a11y, 'sbom-diff': sbomDiff, 'k6-summary': k6Summary, 'schema-diff': schemaDiff, 'attestation-verification': attestationVerification,
  'evidence-manifest': evidenceManifest, 'policy-test': policyTest, 'slo-burn': sloBurn, 'drift-report': driftReport, 'drill-report': drillReport,
};

const REPO_SCOPED = new Set<EvidenceKind>(['slo-burn', 'drift-report', 'drill-report', 'evidence-manifest']);

/** One report with its envelope. */
export function report(kind: EvidenceKind, ctx: BuildContext): Json {
  const build = BUILDERS[kind];
  if (!build) throw new Error(`no builder for ${kind}`);
  const data = build(ctx);
  return {
    kind,
    schemaVersion: '1.0',
    subject: { repo: SCENARIO.repo, sha: SCENARIO.headSha, ...(REPO_SCOPED.has(kind) ? { ref: 'refs/heads/main' } : { pr: SCENARIO.prNumber }) },
    producer: { name: `maestro-${kind}`, version: '0.1.0', runUrl: `https://github.com/${SCENARIO.repo}/actions/runs/${1_000_000 + ctx.index}` },
    createdAt: ctx.createdAt,
    data: JSON.parse(JSON.stringify(data)) as Json, // drops undefined members
  };
}
