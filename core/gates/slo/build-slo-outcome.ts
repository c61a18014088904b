import { markdownTable } from 'markdown-table';
import { buildReport, type ReportContext } from '../../evidence/build-report.js';
import { escapeCode, escapeMarkdown } from '../../render/escape-markdown.js';
import type { GateAnnotation, GateOutcome } from '../gate-outcome.js';
import { percent } from './evaluate-slo.js';
import { BURN_WINDOWS, type SloDecision, type SloReportData } from './types.js';

const WORDS: Record<SloDecision, string> = { ok: '✅ ok', warn: '⚠️ warn', block: '❌ block', invalid: '❌ invalid' };
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
  const failed = blocked + invalid > 0;
  const parts = [blocked ? `${blocked} block` : '', invalid ? `${invalid} could not be evaluated` : '', warned ? `${warned} warn` : ''].filter(Boolean);
  const headline = parts.length === 0 ? `all ${data.slos.length} SLOs are within their error budget policy` : `${parts.join(', ')} of ${data.slos.length} SLOs`;
  const annotations: GateAnnotation[] = data.slos.flatMap((s) => {
    const level = LEVEL[s.decision];
    if (!level) return [];
    const line = file?.lines[`${s.service}\u0000${s.name}`];
    return [{ level, title: `SLO ${s.service}/${s.name}: ${s.decision}`, message: s.reason, ...(file ? { file: file.path } : {}), ...(line ? { startLine: line } : {}) }];
  });
  const worst: SloDecision = invalid ? 'invalid' : blocked ? 'block' : warned ? 'warn' : 'ok';
  return {
    gate: 'slo',
    report: buildReport('slo-burn', data, context),
    conclusion: failed ? 'fail' : 'pass',
    headline,
    markdown: render(data, failed, headline),
    annotations,
    outputs: { decision: worst, 'blocked-slos': String(blocked), 'warned-slos': String(warned), 'invalid-slos': String(invalid) },
  };
}

function render(data: SloReportData, failed: boolean, headline: string): string {
  const rows = data.slos.map((s) => [
    escapeMarkdown(s.service, 100),
    escapeMarkdown(s.name, 100),
    percent(s.objective),
    s.budgetConsumed === null ? '—' : percent(s.budgetConsumed),
    BURN_WINDOWS.map((w) => (s.burnRates[w] === undefined ? '—' : `${s.burnRates[w]}x`)).join(' / '),
    s.alerts.filter((a) => a.firing).map((a) => a.name).join(', ') || 'none',
    WORDS[s.decision],
  ]);
  const p = data.policy;
  const lines = [
    `### ${failed ? '❌' : '✅'} SLO error budgets: ${headline}`,
    '',
    markdownTable([['Service', 'SLO', 'Objective', 'Budget consumed', `Burn rate ${BURN_WINDOWS.join(' / ')}`, 'Alerts firing', 'Decision'], ...rows]),
    '',
  ];
  const explained = data.slos.filter((s) => s.decision !== 'ok');
  if (explained.length > 0) lines.push(...explained.map((s) => `- **${escapeMarkdown(s.service, 100)}/${escapeMarkdown(s.name, 100)}**: ${escapeMarkdown(s.reason, 2000)}`), '');
  const source = data.source.type === 'prometheus' ? `Prometheus ${escapeCode(data.source.url ?? '')}` : 'precomputed SLIs';
  lines.push(`_Policy: warn above ${percent(p.warnAbove)} of the budget consumed, block above ${percent(p.blockAbove)}, lift a block below ${percent(p.releaseBelow)}. Values from ${source} at ${data.source.at}._`);
  return `${lines.join('\n')}\n`;
}
