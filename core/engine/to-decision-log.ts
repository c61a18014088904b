import type { EvidenceProducer, EvidenceReport } from '../evidence/types.js';
import { truncate } from '../util/escape-markdown.js';
import { describeCatalog } from '../controls/combine-catalogs.js';
import type { GateModeUse, GateResult } from './types.js';

/**
 * The decisions of a gate result as a `decision-log` evidence report: the conclusion and its
 * headline, every control and every requirement decision with its id, rule, result, explanation
 * and evidence digests, and each control's changes by the repo config. This is what release
 * bundles and the audit ledger keep.
 */
export function toDecisionLog(result: GateResult, producer: EvidenceProducer): EvidenceReport {
  const decisions = result.controls.flatMap((control) => [
    {
      decisionId: control.decisionId,
      ruleId: control.ruleId,
      result: control.result,
      explanation: control.explanation,
      evidence: control.waiver ? [pathAndDigest(control.waiver.ref)] : [],
      ...(control.configChanges.length > 0 ? { configChanges: control.configChanges } : {}),
      ...(control.nextSteps ? { nextSteps: control.nextSteps } : {}),
    },
    ...control.requirements.map((r) => ({ decisionId: r.decisionId, ruleId: r.ruleId, result: r.result, explanation: r.explanation, evidence: r.evidence.map(pathAndDigest) })),
  ]);
  return {
    kind: 'decision-log',
    schemaVersion: '1.0',
    subject: { repo: result.subject.repo, sha: result.subject.sha, pr: result.subject.pr },
    producer,
    createdAt: result.evaluatedAt,
    data: {
      gate: {
        checkName: result.checkName,
        conclusion: result.conclusion,
        headline: truncate(result.headline, 2000),
        evaluatedAt: result.evaluatedAt,
        catalogDigest: result.catalogDigest,
        ...(result.configDigest ? { configDigest: result.configDigest } : {}),
        ...(result.catalog ? { catalog: { ...result.catalog, description: truncate(describeCatalog(result.catalog, result.catalogDigest), 2000) } } : {}),
        ...(result.mode ? { mode: modeOf(result.mode) } : {}),
        ...(result.nextSteps ? { nextSteps: result.nextSteps } : {}),
        ...(result.override ? { override: { by: result.override.by, reason: result.override.reason, at: result.override.at, sha: result.override.sha, state: result.override.state, wouldBe: result.override.wouldBe } } : {}),
      },
      decisions,
    },
  };
}

/** The mode as the log keeps it: notes bounded, empty lists left out. */
function modeOf(mode: GateModeUse): Record<string, unknown> {
  return {
    mode: mode.mode,
    ...(mode.source ? { source: truncate(mode.source, 4096) } : {}),
    ...(mode.wouldBe ? { wouldBe: mode.wouldBe } : {}),
    ...(mode.wouldFail ? { wouldFail: mode.wouldFail.slice(0, 1000) } : {}),
    ...(mode.notes.length > 0 ? { notes: mode.notes.slice(0, 20).map((n) => truncate(n, 2000)) } : {}),
  };
}

function pathAndDigest(ref: { path: string; sha256: string }): { path: string; sha256: string } {
  return { path: ref.path, sha256: ref.sha256 };
}
