import type { ControlDecision, GateResult } from '../engine/types.js';
import { escapeCode, escapeMarkdown, markdownLink } from '../util/escape-markdown.js';
import { escapeHtml, safeHref } from './escape-html.js';
import { controlReferenceUrl, DEFAULT_LINKS, type GateNoteLinks } from './gate-note-links.js';
import {
  configNotes, evidenceList, fitBlocks, GITHUB_TEXT_LIMIT, NOT_MET, notesHead, readyToRun, shortReason, stepLine, waiverLine,
} from './gate-notes-parts.js';
import { RESULT_WORDS } from './result-words.js';

export { GITHUB_TEXT_LIMIT } from './gate-notes-parts.js';

/** Hidden marker by which the app finds its own gate-notes comment to update it in place. */
export const GATE_NOTES_MARKER = '<!-- maestro-conductor:gate-notes -->';

/** Options of the gate-notes renderer. */
export interface GateNotesOptions {
  /** Character budget for the whole document (default: GitHub's limit). */
  limit?: number;
  /** Prefix the hidden marker (for PR comments). */
  marker?: boolean;
  /**
   * Say when the gate was evaluated (default true). The app's comment and check run leave it out:
   * the check run carries its completion time, and a comment that changed on every evaluation
   * would be rewritten when no decision changed.
   */
  evaluatedAt?: boolean;
  /** The product version the links point at (default: this build's). */
  links?: GateNoteLinks;
  /**
   * `comment` (the default with `marker`): as short as it can be, within 4,000 characters for a
   * handful of controls. `summary` (the default otherwise: a job summary, `maestro gate` output):
   * also the waivers, the evidence not used and why each control does not apply.
   */
  layout?: 'comment' | 'summary';
}

/**
 * Gate notes for a PR comment or a job summary, short enough to read at a glance: the conclusion,
 * a status bar, the headline, then one line per applicable control (result, id linked to its
 * reference, title, one-sentence reason, next step) that opens on its full explanation, evidence
 * (linked to the artifact and the run that produced it) and every next step with its command;
 * then the override and reproduce steps, unusable evidence, and the controls that do not apply.
 * Everything taken from users or evidence is escaped. The check run keeps the full detail
 * (render-check-output.ts).
 */
export function renderGateNotes(result: GateResult, options: GateNotesOptions = {}): string {
  const links = options.links ?? DEFAULT_LINKS;
  const layout = options.layout ?? (options.marker ? 'comment' : 'summary');
  const head = [
    ...(options.marker ? [GATE_NOTES_MARKER] : []),
    // The comment sits on the PR it is about: its link and title would only repeat the page's heading.
    ...notesHead(result, { evaluatedAt: options.evaluatedAt ?? true, pull: !options.marker, links }),
  ];

  const applicable = result.controls.filter((c) => c.result !== 'not-applicable');
  const notApplicable = result.controls.filter((c) => c.result === 'not-applicable');
  const blocks = applicable.map((c) => controlBlock(c, links, layout === 'comment'));
  const tail: string[] = [];
  // Active waivers show on their control's line; one that expired or was refused is said here, where nobody misses it.
  if (layout === 'comment') {
    const surprising = result.waivers.filter((w) => w.state === 'rejected' || w.state === 'expired');
    if (surprising.length > 0) tail.push(surprising.map((w) => (w.state === 'rejected' ? waiverLine(w) : `- **${escapeMarkdown(w.controlId)}** waiver by ${escapeMarkdown(`@${w.approvedBy}`)} until ${escapeMarkdown(w.until)} (expired, no longer counts)`)).join('\n'));
  }
  for (const step of result.nextSteps ?? []) tail.push(stepLine(step, false, true));
  if (result.evidence.rejected.length > 0) {
    tail.push(['**Unusable evidence** (the gate cannot pass while these files are present):', ...result.evidence.rejected.map((r) => `- ${escapeCode(r.ref.path)}: ${escapeMarkdown(r.message, 300)}`)].join('\n'));
  }
  if (layout === 'summary') {
    tail.push(...summaryExtras(result, notApplicable, links));
  } else {
    if (result.evidence.ignored.length > 0) tail.push(`${result.evidence.ignored.length} evidence ${result.evidence.ignored.length === 1 ? 'file was' : 'files were'} not used (the check run says why).`);
    if (notApplicable.length > 0) tail.push(`➖ ${notApplicable.length} ${notApplicable.length === 1 ? 'control does' : 'controls do'} not apply.`);
  }
  return fitBlocks(head.join('\n'), [...blocks, ...tail], (options.limit ?? GITHUB_TEXT_LIMIT) - 100, 'control');
}

/** The symbol of a result, without its words. */
function mark(c: ControlDecision): string {
  const words = RESULT_WORDS[c.result];
  const symbol = words.slice(0, words.indexOf(' '));
  return NOT_MET.has(c.result) && !c.blocking ? '⚠️' : symbol;
}

/**
 * One control: a `<details>` whose summary is the control's line (raw HTML: GitHub renders no
 * Markdown there, so the text is HTML-escaped) and whose body is the full explanation, evidence
 * and next steps (Markdown).
 */
function controlBlock(c: ControlDecision, links: GateNoteLinks, comment: boolean): string {
  const href = safeHref(controlReferenceUrl(c.controlId, links));
  const id = href ? `<a href="${href}">${escapeHtml(c.controlId, 40)}</a>` : escapeHtml(c.controlId, 40);
  const first = c.nextSteps?.[0];
  const next = first ? ` → ${escapeHtml(first.title, 120)}` : '';
  const reportOnly = NOT_MET.has(c.result) && !c.blocking ? ' (report-only)' : '';
  // ⚙️: the repo config changed this control's rules (the body says how).
  const changed = c.configChanges.length > 0 ? ' ⚙️' : '';
  const summary = `${mark(c)} ${id} ${escapeHtml(c.title, 100)}${reportOnly}${changed}: ${escapeHtml(shortReason(c, 80), 160)}${next}`;
  // Why the control applies stays in the check run and the job summary: the comment says what decided it.
  const applies = `Applies because ${c.applies.reasons.join('; ')}. `;
  // The comment also drops the `a11y: ` before each requirement's sentence: the file it names says as much.
  const explanation = comment ? c.requirements.reduce((text, r) => text.replace(`${r.kind}: ${r.explanation}`, r.explanation), c.explanation.replace(applies, '')) : c.explanation;
  const body = [escapeMarkdown(explanation, 1500)];
  // What the repo config changed about the control is never left out.
  const notes = configNotes(c);
  if (notes) body.push(notes);
  // Files the text already names, with no artifact to link, would only repeat it: their digests are in the check run.
  // The waiver's own record is in the check run; the explanation says who waived it and why.
  const evidence = evidenceList(c.requirements.flatMap((r) => r.evidence).filter((r) => r.url || !c.explanation.includes(r.path)));
  if (evidence) body.push(`Evidence: ${evidence}`);
  // The summary names the first step; the body adds the commands to copy and the other steps.
  const steps = (c.nextSteps ?? []).filter((s, i) => i > 0 || (s.command && readyToRun(s.command))).map((s) => `- ${stepLine(s, false, true)}`);
  if (steps.length > 0) body.push(steps.join('\n'));
  return [`<details><summary>${summary}</summary>`, '', body.join('\n\n'), '', '</details>'].join('\n');
}

/** What a job summary adds to the comment: the waivers, the evidence not used, and why each control does not apply. */
function summaryExtras(result: GateResult, notApplicable: ControlDecision[], links: GateNoteLinks): string[] {
  const out: string[] = [];
  if (result.waivers.length > 0) out.push(['**Waivers**', '', ...result.waivers.map(waiverLine)].join('\n'));
  if (result.evidence.ignored.length > 0) {
    out.push(['<details><summary>Evidence not used</summary>', '', ...result.evidence.ignored.map((r) => `- ${escapeCode(r.ref.path)}: ${escapeMarkdown(r.reason, 400)}`), '', '</details>'].join('\n'));
  }
  if (notApplicable.length > 0) {
    const rows = notApplicable.map((c) => `- ${markdownLink(c.controlId, controlReferenceUrl(c.controlId, links))} ${escapeMarkdown(c.title, 100)}: ${escapeMarkdown(c.applies.reasons.join('; '), 600)}${c.notes.length > 0 ? ` ${configNotes(c, 600)}` : ''}`);
    out.push([`<details><summary>➖ ${notApplicable.length} ${notApplicable.length === 1 ? 'control does' : 'controls do'} not apply</summary>`, '', ...rows, '', '</details>'].join('\n'));
  }
  return out;
}
