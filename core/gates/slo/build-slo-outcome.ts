import type { ReportContext } from '../../evidence/build-report.js';
import { renderSloOutcome } from '../../render/gates/render-slo-outcome.js';
import { buildGateOutcome } from '../../result/build-gate-outcome.js';
import type { GateAnnotation, GateOutcome } from '../../result/gate-outcome.js';
import type { SloDecision, SloReportData } from './types.js';

const LEVEL: Record<SloDecision, GateAnnotation['level'] | undefined> = { ok: undefined, warn: 'warning', block: 'error', invalid: 'error' };

/** Where the SLOs were declared, so annotations land on their lines. */
export interface SloSourceFile {
  path: string;
  lines: Record<string, number>;
}

/**
 * The SLO gate's outcome: fails when an SLO blocks or could not be evaluated; warnings pass, with
 * an annotation each. Annotations point at the SLO's line in its file when the file is known.
 */
export function buildSloOutcome(data: SloReportData, context: ReportContext, file?: SloSourceFile): GateOutcome<SloReportData> {
  const count = (d: SloDecision) => data.slos.filter((s) => s.decision === d).length;
  const blocked = count('block');
  const invalid = count('invalid');
  const warned = count('warn');
  const parts = [blocked ? `${blocked} block` : '', invalid ? `${invalid} could not be evaluated` : '', warned ? `${warned} warn` : ''].filter(Boolean);
  const annotations: GateAnnotation[] = data.slos.flatMap((s) => {
    const level = LEVEL[s.decision];
    if (!level) return [];
    const line = file?.lines[`${s.service}\u0000${s.name}`];
    return [{ level, title: `SLO ${s.service}/${s.name}: ${s.decision}`, message: s.reason, ...(file ? { file: file.path } : {}), ...(line ? { startLine: line } : {}) }];
  });
  const worst: SloDecision = invalid ? 'invalid' : blocked ? 'block' : warned ? 'warn' : 'ok';
  return buildGateOutcome({
    gate: 'slo',
    kind: 'slo-burn',
    data,
    context,
    passed: blocked + invalid === 0,
    headline: parts.length === 0 ? `all ${data.slos.length} SLOs are within their error budget policy` : `${parts.join(', ')} of ${data.slos.length} SLOs`,
    body: renderSloOutcome(data),
    annotations,
    outputs: { decision: worst, 'blocked-slos': String(blocked), 'warned-slos': String(warned), 'invalid-slos': String(invalid) },
  });
}
