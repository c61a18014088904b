import { markdownTable } from 'markdown-table';
import { IMPACTS, type A11yReportData, type A11yThresholds, type A11yViolation } from '../../gates/a11y/types.js';
import { escapeCode, escapeMarkdown, markdownLink } from '../../util/escape-markdown.js';
import type { GateBody } from '../render-gate-outcome.js';

/** Violations listed in the Markdown; the report has all of them. */
const SHOWN = 50;

/**
 * The a11y gate's Markdown body: counts per page against the thresholds, the violations that
 * count (the new ones, with a baseline), the pages that could not be checked; axe's version and
 * rule tags in the footer.
 */
export function renderA11yOutcome(data: A11yReportData, thresholds: A11yThresholds, counted: readonly A11yViolation[]): GateBody {
  const row = (label: string, c: A11yReportData['counts']) => [label, ...IMPACTS.map((i) => String(c[i]))];
  const allowed = row('_allowed_', Object.fromEntries(IMPACTS.map((i) => [i, thresholds[i] ?? Number.POSITIVE_INFINITY])) as A11yReportData['counts']).map((c) => c.replace('Infinity', 'any'));
  const sections = [markdownTable([['Page', ...IMPACTS], ...data.pages.map((p) => row(escapeMarkdown(p.url, 200), p.counts)), row('**total**', data.counts), ...(data.baseline ? [row('**new**', data.baseline.newCounts)] : []), allowed])];
  const listed = [...counted].sort((a, b) => IMPACTS.indexOf(a.impact) - IMPACTS.indexOf(b.impact)).slice(0, SHOWN);
  if (listed.length > 0) {
    sections.push(markdownTable([['Impact', 'Rule', 'Target', 'Page'], ...listed.map((v) => [v.impact, markdownLink(v.rule, v.helpUrl), escapeCode(v.target, 200), escapeMarkdown(v.page, 200)])]));
    if (counted.length > SHOWN) sections.push(`_${counted.length - SHOWN} more violations are in the report._`);
  }
  sections.push(data.pages.filter((p) => p.error).map((page) => `- ${escapeMarkdown(page.url, 200)}: ${escapeMarkdown(page.error!, 500)}`).join('\n'));
  return { sections, footer: `axe-core ${escapeMarkdown(data.engine.version, 50)}, rules tagged ${data.tags.map((t) => escapeCode(t)).join(', ')}.` };
}
