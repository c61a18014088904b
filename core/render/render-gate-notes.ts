import { markdownTable } from 'markdown-table';
import type { ControlDecision, GateResult } from '../engine/types.js';
import type { EvidenceRef } from '../evidence/types.js';
import { escapeCode, escapeMarkdown, markdownLink } from '../util/escape-markdown.js';
import { conclusionWords, controlResultWords, frameworksText } from './result-words.js';

/** Hidden marker by which the app finds its own gate-notes comment to update it in place. */
export const GATE_NOTES_MARKER = '<!-- maestro-conductor:gate-notes -->';

/** GitHub refuses comment bodies and check summaries above 65,535 characters. */
export const GITHUB_TEXT_LIMIT = 65_535;

/** Options of the gate-notes renderer. */
export interface GateNotesOptions {
  /** Character budget for the whole document (default: GitHub's limit, with room for the marker). */
  limit?: number;
  /** Prefix the hidden marker (for PR comments). */
  marker?: boolean;
  /**
   * Say when the gate was evaluated (default true). The app's comment and check run leave it out:
   * the check run carries its completion time, and a comment that changed on every evaluation
   * would be rewritten when no decision changed.
   */
  evaluatedAt?: boolean;
}

/**
 * Gate notes: a heading with the conclusion, one table row per applicable control (framework ids,
 * result in words, explanation, evidence), then waivers, unusable and unused evidence, and the
 * controls that do not apply. Everything taken from users or evidence is escaped. When the budget
 * is reached, rows are dropped from the end with a visible note saying how many.
 */
export function renderGateNotes(result: GateResult, options: GateNotesOptions = {}): string {
  const limit = (options.limit ?? GITHUB_TEXT_LIMIT) - 200;
  const head = [
    ...(options.marker ? [GATE_NOTES_MARKER] : []),
    `### ${conclusionWords(result)}: ${escapeMarkdown(result.checkName, 100)}`,
    '',
    escapeMarkdown(result.headline, 2000),
    '',
    subjectLine(result, options.evaluatedAt ?? true),
    '',
  ];
  if (result.override) head.push(overrideLine(result.override), '');
  if (result.configIssues.length > 0) head.push(...configIssueLines(result), '');

  const applicable = result.controls.filter((c) => c.result !== 'not-applicable');
  const notApplicable = result.controls.filter((c) => c.result === 'not-applicable');
  const sections: string[][] = [];
  if (applicable.length > 0) sections.push(tableSection(applicable.map(controlRow), ['Control', 'Priority', 'Frameworks', 'Result', 'Explanation', 'Evidence']));
  if (result.waivers.length > 0) sections.push(['**Waivers**', '', ...result.waivers.map(waiverLine), '']);
  if (result.evidence.rejected.length > 0) {
    sections.push(['**Unusable evidence** (the gate cannot pass while these files are present)', '', ...result.evidence.rejected.map((r) => `- ${escapeCode(r.ref.path)}: ${escapeMarkdown(r.message, 600)}`), '']);
  }
  if (result.evidence.ignored.length > 0) {
    sections.push(['<details><summary>Evidence not used</summary>', '', ...result.evidence.ignored.map((r) => `- ${escapeCode(r.ref.path)}: ${escapeMarkdown(r.reason, 400)}`), '', '</details>', '']);
  }
  if (notApplicable.length > 0) {
    sections.push([
      `<details><summary>${notApplicable.length} ${notApplicable.length === 1 ? 'control does' : 'controls do'} not apply</summary>`,
      '',
      ...tableSection(notApplicable.map((c) => [`**${escapeMarkdown(c.controlId)}** ${escapeMarkdown(c.title, 100)}`, `${escapeMarkdown(c.applies.reasons.join('; '), 600)}${configNotes(c)}`]), ['Control', 'Why not']),
      '</details>',
      '',
    ]);
  }
  return fit(head, sections, limit);
}

function subjectLine(result: GateResult, evaluatedAt: boolean): string {
  const s = result.subject;
  const pr = markdownLink(`${s.repo}#${s.pr}`, s.url);
  const when = evaluatedAt ? ` · evaluated ${escapeMarkdown(result.evaluatedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC'))}` : '';
  return `${pr} ${escapeMarkdown(s.title, 200)} · head ${escapeCode(s.sha.slice(0, 12))}${when} · catalog ${escapeCode(result.catalogDigest.slice(0, 12))}`;
}

function configIssueLines(result: GateResult): string[] {
  return result.configIssues.map((i) => `- ${i.key ? escapeCode(i.key) : 'file'}${i.line ? ` (line ${i.line})` : ''}: ${escapeMarkdown(i.message, 600)}`);
}

function controlRow(c: ControlDecision): string[] {
  return [
    `**${escapeMarkdown(c.controlId)}** ${escapeMarkdown(c.title, 100)}`,
    c.priority,
    escapeMarkdown(frameworksText(c.frameworks), 300),
    `${controlResultWords(c)}${(c.configChanges ?? []).length > 0 ? ' (rules changed by the repo config)' : ''}`,
    `${escapeMarkdown(c.explanation, 1500)}${configNotes(c)}`,
    evidenceCell(c.requirements.flatMap((r) => r.evidence)),
  ];
}

/**
 * What the repo config changed about a control (a loosened or tightened bound, report-only, new
 * labels or paths), on a line of its own in the cell, so a long explanation cannot cut it off.
 */
function configNotes(c: ControlDecision): string {
  return c.notes.length > 0 ? `<br>⚙️ ${escapeMarkdown(c.notes.join('; '), 1200)}` : '';
}

function evidenceCell(refs: EvidenceRef[]): string {
  if (refs.length === 0) return '–';
  const unique = [...new Map(refs.map((r) => [r.path, r])).values()];
  return unique
    .slice(0, 5)
    .map((r) => `${r.url ? markdownLink(r.path, r.url) : escapeCode(r.path, 120)} ${escapeCode(r.sha256.slice(0, 12))}`)
    .concat(unique.length > 5 ? [`and ${unique.length - 5} more`] : [])
    .join('<br>');
}

function overrideLine(o: NonNullable<GateResult['override']>): string {
  const who = escapeMarkdown(`@${o.by}`);
  const link = o.commentUrl ? ` (${markdownLink('comment', o.commentUrl)})` : '';
  const when = escapeMarkdown(o.at.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC'));
  return o.state === 'applied'
    ? `> **Override** by ${who} at ${when}${link} for commit ${escapeCode(o.sha.slice(0, 12))} only: the gate would conclude ${o.wouldBe}. Reason: ${escapeMarkdown(o.reason, 1000)}`
    : `> An override by ${who}${link} exists for this commit but is not needed: the gate passes on its own.`;
}

function waiverLine(w: GateResult['waivers'][number]): string {
  if (w.state === 'rejected') {
    return `- **${escapeMarkdown(w.controlId)}** waiver by ${escapeMarkdown(`@${w.approvedBy}`)} until ${escapeMarkdown(w.until)} (rejected, not applied: ${escapeMarkdown(w.rejection ?? 'it breaks the waiver policy', 600)}): ${escapeMarkdown(w.reason, 500)}`;
  }
  const state = w.state === 'active' ? 'active' : w.state === 'expired' ? 'expired, no longer counts' : 'active, not needed';
  return `- **${escapeMarkdown(w.controlId)}** waived by ${escapeMarkdown(`@${w.approvedBy}`)} until ${escapeMarkdown(w.until)} (${state}): ${escapeMarkdown(w.reason, 500)}`;
}

/** A table as lines; rows are kept separately so `fit` can drop them. */
function tableSection(rows: string[][], header: string[]): string[] {
  return markdownTable([header, ...rows], { alignDelimiters: false }).split('\n').concat('');
}

/** Joins head and sections within the budget, dropping trailing lines with a note saying what was left out. */
function fit(head: string[], sections: string[][], limit: number): string {
  const out = [...head];
  let size = out.join('\n').length;
  let dropped = 0;
  for (const section of sections) {
    for (let i = 0; i < section.length; i++) {
      const line = section[i]!;
      if (dropped === 0 && size + line.length + 1 <= limit) {
        out.push(line);
        size += line.length + 1;
      } else if (line.startsWith('|') || line.startsWith('- ')) {
        dropped++;
      }
    }
  }
  if (dropped > 0) {
    const opened = out.filter((l) => l.startsWith('<details')).length - out.filter((l) => l === '</details>').length;
    if (opened > 0) out.push('', '</details>');
    out.push('', `_${dropped} more ${dropped === 1 ? 'row was' : 'rows were'} left out to stay within GitHub's size limit; the JSON result (maestro gate --format json, or the decision-log artifact) has every decision._`);
  }
  return `${out.join('\n').trimEnd()}\n`;
}
