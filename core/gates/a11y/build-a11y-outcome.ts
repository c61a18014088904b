import type { ReportContext } from '../../evidence/build-report.js';
import { renderA11yOutcome } from '../../render/gates/render-a11y-outcome.js';
import { buildGateOutcome } from '../../result/build-gate-outcome.js';
import type { GateAnnotation, GateOutcome } from '../../result/gate-outcome.js';
import { a11yFailures } from './evaluate-a11y.js';
import { IMPACTS, type A11yReportData, type A11yThresholds } from './types.js';

/** The a11y gate's outcome: fails when a count is above its threshold (new violations only, with a baseline) or a page could not be checked. */
export function buildA11yOutcome(data: A11yReportData, thresholds: A11yThresholds, context: ReportContext): GateOutcome<A11yReportData> {
  const failures = a11yFailures(data, thresholds);
  const counted = data.baseline ? data.violations.filter((v) => v.new) : data.violations;
  const total = IMPACTS.reduce((n, i) => n + data.counts[i], 0);
  const headline = failures.length > 0 ? `accessibility thresholds not met: ${failures.join(', ')}` : `accessibility thresholds met: ${total} violation${total === 1 ? '' : 's'} on ${data.pages.length} page${data.pages.length === 1 ? '' : 's'}${data.baseline ? `, ${IMPACTS.reduce((n, i) => n + data.baseline!.newCounts[i], 0)} new` : ''}`;
  const annotations: GateAnnotation[] = counted
    .filter((v) => thresholds[v.impact] !== undefined && (data.baseline?.newCounts ?? data.counts)[v.impact] > thresholds[v.impact]!)
    .map((v) => ({ level: 'error', title: `a11y ${v.impact}: ${v.rule}`, message: `${v.summary ?? v.rule} at ${v.target} on ${v.page} (${v.helpUrl})` }));
  return buildGateOutcome({
    gate: 'a11y',
    kind: 'a11y',
    data,
    context,
    passed: failures.length === 0,
    headline,
    body: renderA11yOutcome(data, thresholds, counted),
    annotations,
    outputs: Object.fromEntries(IMPACTS.map((i) => [i, String(data.counts[i])])),
  });
}
