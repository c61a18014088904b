/**
 * The builders of the reports about the repository's main branch (their subject names the ref, not
 * a PR), one per kind, each filling a report to its target size with deterministic content.
 */
import { fillToSize } from './fill-to-size.js';
import { SCENARIO } from './lib.js';
import { iso, PLAN, type BuildContext, type Json, type ReportBuilder } from './report-plan.js';
import { hex, int, name, paragraph, pick, round, sentence, SERVICES, WORDS } from './report-vocabulary.js';

function evidenceManifest({ rng, target }: BuildContext): Json {
  const kinds = PLAN.map((p) => p.kind);
  const artifacts = fillToSize(target, 100_000, 3, (i) => {
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
function sloBurn({ rng, primary, createdAt, target }: BuildContext): Json {
  const slos = fillToSize(target, 500, 3, (i) => {
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
  const changes = primary ? [] : fillToSize(target, 5000, 3, () => {
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
  const steps = fillToSize(target, 200, 3, (i) => ({
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

/** The builders of the repo-scoped kinds, by kind. */
export const REPO_REPORT_BUILDERS: Record<string, ReportBuilder> = {
  'evidence-manifest': evidenceManifest, 'slo-burn': sloBurn, 'drift-report': driftReport, 'drill-report': drillReport,
};
