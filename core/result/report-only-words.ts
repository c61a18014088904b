import type { GateConclusion, GateResult } from '../engine/types.js';
import { describeCatalogOrigin } from '../controls/combine-catalogs.js';
import { escapeCode, escapeMarkdown } from '../util/escape-markdown.js';

/** What a report-only headline is made of: the conclusion in `enforce` mode and what decided it. */
export interface ReportOnlyFacts {
  wouldBe: GateConclusion;
  /** Blocking controls not met. */
  wouldFail: string[];
  /** Paths of unusable evidence files (they fail the gate in `enforce` mode). */
  rejected: string[];
  /** The headline in `enforce` mode. */
  enforceHeadline: string;
}

/**
 * The one sentence of a report-only gate: `report-only: this pull request would fail 2 controls
 * (GA-25, GA-30); mode: report-only, so the check does not block.` When nothing would fail, it
 * says the pull request would pass, still starting with `report-only:`.
 */
export function reportOnlyHeadline(facts: ReportOnlyFacts): string {
  const tail = '; mode: report-only, so the check does not block.';
  if (facts.wouldBe === 'failure') {
    const n = facts.wouldFail.length;
    const parts = [`${n} ${n === 1 ? 'control' : 'controls'}${n > 0 ? ` (${list(facts.wouldFail)})` : ''}`];
    if (facts.rejected.length > 0) parts.push(`${facts.rejected.length} unusable evidence ${facts.rejected.length === 1 ? 'file' : 'files'} (${list(facts.rejected)})`);
    return `report-only: this pull request would fail ${parts.join(' and ')}${tail}`;
  }
  const reason = facts.enforceHeadline.replace(/\.$/, '');
  if (facts.wouldBe === 'neutral') return `report-only: ${lowerFirst(reason)}${tail}`;
  return `report-only: this pull request would pass (${lowerFirst(reason)})${tail}`;
}

/** The heading word of a report-only result (`👀 report-only`), or undefined in `enforce` mode. */
export function reportOnlyHeading(result: Pick<GateResult, 'mode' | 'conclusion'>): string | undefined {
  if (result.mode?.mode !== 'report-only' || result.conclusion === 'action_required') return undefined;
  return result.mode.wouldBe === 'failure' ? '👀 report-only, would fail' : '👀 report-only, would pass';
}

/**
 * Lines for the gate notes, below the headline: the mode when it is report-only (who set it, what
 * would fail), and every mode change shown but not applied. Markdown, escaped; empty in plain
 * `enforce` mode.
 */
export function modeLines(result: Pick<GateResult, 'mode'>): string[] {
  const mode = result.mode;
  if (!mode) return [];
  const lines: string[] = [];
  if (mode.mode === 'report-only') {
    const by = mode.source ? ` (set by ${escapeCode(mode.source, 300)})` : '';
    const fail = mode.wouldFail && mode.wouldFail.length > 0 ? ` In enforce mode it would fail ${mode.wouldFail.map((id) => escapeMarkdown(id)).join(', ')}.` : mode.wouldBe ? ` In enforce mode it would conclude ${mode.wouldBe}.` : '';
    lines.push(`> **Report-only mode**${by}: this check does not block merging.${fail} Set mode: enforce to make it block.`);
  }
  for (const note of mode.notes) lines.push(`> ⚠️ ${escapeMarkdown(note, 1000)}`);
  return lines;
}

/** Where the catalog that decided came from, to follow its digest: ` (org acme/.github@1a2b3c4 maestro/controls, 3 files, extending shipped v0.1.0)`; empty when unknown. */
export function catalogOriginWords(result: Pick<GateResult, 'catalog'>): string {
  return result.catalog ? ` (${escapeMarkdown(describeCatalogOrigin(result.catalog), 500)})` : '';
}

function list(items: string[]): string {
  return items.length > 5 ? `${items.slice(0, 5).join(', ')} and ${items.length - 5} more` : items.join(', ');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
