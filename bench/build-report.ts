/**
 * The benchmark's report builder: one report of a kind with its envelope, its data from the
 * builder of the kind (pr-report-builders.ts, repo-report-builders.ts), deterministic for a seed
 * (see generate-evidence.ts).
 */
import type { EvidenceKind } from '../core/evidence/kinds.js';
import { SCENARIO } from './lib.js';
import { PR_REPORT_BUILDERS } from './pr-report-builders.js';
import type { BuildContext, Json } from './report-plan.js';
import { REPO_REPORT_BUILDERS } from './repo-report-builders.js';

// What generate-evidence.ts takes from here along with `report`.
export { iso, NOW_MS, PLAN, type BuildContext, type Json } from './report-plan.js';
export { hex, type Rng } from './report-vocabulary.js';

/** One report with its envelope. */
export function report(kind: EvidenceKind, ctx: BuildContext): Json {
  const repoScoped = Object.hasOwn(REPO_REPORT_BUILDERS, kind);
  const build = repoScoped ? REPO_REPORT_BUILDERS[kind] : PR_REPORT_BUILDERS[kind];
  if (!build) throw new Error(`no builder for ${kind}`);
  const data = build(ctx);
  return {
    kind,
    schemaVersion: '1.0',
    subject: { repo: SCENARIO.repo, sha: SCENARIO.headSha, ...(repoScoped ? { ref: 'refs/heads/main' } : { pr: SCENARIO.prNumber }) },
    producer: { name: `maestro-${kind}`, version: '0.1.0', runUrl: `https://github.com/${SCENARIO.repo}/actions/runs/${1_000_000 + ctx.index}` },
    createdAt: ctx.createdAt,
    data: JSON.parse(JSON.stringify(data)) as Json, // drops undefined members
  };
}
