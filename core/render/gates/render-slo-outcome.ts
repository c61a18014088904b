import { markdownTable } from 'markdown-table';
import { BURN_WINDOWS, type SloDecision, type SloReportData } from '../../gates/slo/types.js';
import { escapeCode, escapeMarkdown } from '../../util/escape-markdown.js';
import { formatPercent } from '../../util/format-number.js';
import type { GateBody } from '../render-gate-outcome.js';
import { collapseRepeats, withCount } from '../collapse-repeats.js';

const WORDS: Record<SloDecision, string> = { ok: '✅ ok', warn: '⚠️ warn', block: '❌ block', invalid: '❌ invalid' };

/** The SLO gate's Markdown body: one row per SLO, the reason of each that is not ok; the policy and where the values came from in the footer. */
export function renderSloOutcome(data: SloReportData): GateBody {
  const rows = data.slos.map((s) => [
    escapeMarkdown(s.service, 100),
    escapeMarkdown(s.name, 100),
    formatPercent(s.objective),
    s.budgetConsumed === null ? '—' : formatPercent(s.budgetConsumed),
    BURN_WINDOWS.map((w) => (s.burnRates[w] === undefined ? '—' : `${s.burnRates[w]}x`)).join(' / '),
    s.alerts.filter((a) => a.firing).map((a) => a.name).join(', ') || 'none',
    WORDS[s.decision],
  ]);
  const explained = data.slos.filter((s) => s.decision !== 'ok' && !s.error);
  const p = data.policy;
  const source = data.source.type === 'prometheus' ? `Prometheus ${escapeCode(data.source.url ?? '')}` : 'precomputed SLIs';
  return {
    sections: [
      markdownTable([['Service', 'SLO', 'Objective', 'Budget consumed', `Burn rate ${BURN_WINDOWS.join(' / ')}`, 'Alerts firing', 'Decision'], ...rows]),
      explained.map((s) => `- **${escapeMarkdown(s.service, 100)}/${escapeMarkdown(s.name, 100)}**: ${escapeMarkdown(s.reason, 2000)}`).join('\n'),
      unreadable(data.slos),
    ],
    footer: `Policy: warn above ${formatPercent(p.warnAbove)} of the budget consumed, block above ${formatPercent(p.blockAbove)}, lift a block below ${formatPercent(p.releaseBelow)}. Values from ${source} at ${data.source.at}.`,
  };
}

/** `good over 3d: ` and the like: the window a reading was for, dropped so that one outage reads as one error. */
const WINDOW_PREFIX = /^(?:good|total|bad|error ratio) over [^:]+: /;

/**
 * The SLOs that could not be evaluated: each distinct error once, with how many readings gave it
 * and which SLOs (an unreachable Prometheus is one error, not one per SLO and window).
 */
function unreadable(slos: SloReportData['slos']): string {
  const failed = slos.filter((s) => s.error);
  if (failed.length === 0) return '';
  const errors = collapseRepeats(failed.flatMap((s) => s.error!.split('; ').map((e) => e.replace(WINDOW_PREFIX, ''))));
  const names = failed.map((s) => `${s.service}/${s.name}`).join(', ');
  return [
    `**Could not be evaluated, so not passed** (${escapeMarkdown(names, 1000)}):`,
    '',
    ...errors.slice(0, 20).map((e) => `- ${escapeMarkdown(withCount(e), 600)}`),
    ...(errors.length > 20 ? [`- and ${errors.length - 20} more distinct errors (the report has each SLO's)`] : []),
  ].join('\n');
}
