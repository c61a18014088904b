import { markdownTable } from 'markdown-table';
import { buildReport, type ReportContext } from '../../evidence/build-report.js';
import { escapeCode, escapeMarkdown, markdownLink } from '../../render/escape-markdown.js';
import type { GateAnnotation, GateOutcome } from '../gate-outcome.js';
import { a11yFailures } from './evaluate-a11y.js';
import { IMPACTS, type A11yReportData, type A11yThresholds } from './types.js';

const SHOWN = 50;

/** The a11y gate's outcome: fails when a count is above its threshold (new violations only, with a baseline) or a page could not be checked. */
export function buildA11yOutcome(data: A11yReportData, thresholds: A11yThresholds, context: ReportContext): GateOutcome<A11yReportData> {
  const failures = a11yFailures(data, thresholds);
  const counted = data.baseline ? data.violations.filter((v) => v.new) : data.violations;
  const total = IMPACTS.reduce((n, i) => n + data.counts[i], 0);
  const headline = failures.length > 0 ? `accessibility thresholds not met: ${failures.join(', ')}` : `accessibility thresholds met: ${total} violation${total === 1 ? '' : 's'} on ${data.pages.length} page${data.pages.length === 1 ? '' : 's'}${data.baseline ? `, ${IMPACTS.reduce((n, i) => n + data.baseline!.newCounts[i], 0)} new` : ''}`;
  const annotations: GateAnnotation[] = counted
    .filter((v) => thresholds[v.impact] !== undefined && (data.baseline?.newCounts ?? data.counts)[v.impact] > thresholds[v.impact]!)
    .map((v) => ({ level: 'error', title: `a11y ${v.impact}: ${v.rule}`, message: `${v.summary ?? v.rule} at ${v.target} on ${v.page} (${v.helpUrl})` }));
  const row = (label: string, c: A11yReportData['counts']) => [label, ...IMPACTS.map((i) => String(c[i]))];
  const lines = [`### ${failures.length > 0 ? '❌' : '✅'} Accessibility: ${escapeMarkdown(headline, 1000)}`, ''];
  lines.push(markdownTable([['Page', ...IMPACTS], ...data.pages.map((p) => row(escapeMarkdown(p.url, 200), p.counts)), row('**total**', data.counts), ...(data.baseline ? [row('**new**', data.baseline.newCounts)] : []), row('_allowed_', Object.fromEntries(IMPACTS.map((i) => [i, thresholds[i] ?? Number.POSITIVE_INFINITY])) as A11yReportData['counts']).map((c) => c.replace('Infinity', 'any'))]), '');
  const listed = [...counted].sort((a, b) => IMPACTS.indexOf(a.impact) - IMPACTS.indexOf(b.impact)).slice(0, SHOWN);
  if (listed.length > 0) {
    lines.push(markdownTable([['Impact', 'Rule', 'Target', 'Page'], ...listed.map((v) => [v.impact, markdownLink(v.rule, v.helpUrl), escapeCode(v.target, 200), escapeMarkdown(v.page, 200)])]), '');
    if (counted.length > SHOWN) lines.push(`_${counted.length - SHOWN} more violations are in the report._`, '');
  }
  for (const page of data.pages.filter((p) => p.error)) lines.push(`- ${escapeMarkdown(page.url, 200)}: ${escapeMarkdown(page.error!, 500)}`);
  lines.push(`_axe-core ${escapeMarkdown(data.engine.version, 50)}, rules tagged ${data.tags.map((t) => escapeCode(t)).join(', ')}._`);
  return {
    gate: 'a11y',
    report: buildReport('a11y', data, context),
    conclusion: failures.length > 0 ? 'fail' : 'pass',
    headline,
    markdown: `${lines.join('\n')}\n`,
    annotations,
    outputs: Object.fromEntries(IMPACTS.map((i) => [i, String(data.counts[i])])),
  };
}
