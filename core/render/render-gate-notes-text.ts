import type { ControlDecision, DecisionResult, GateConclusion, GateResult } from '../engine/types.js';
import type { NextStep } from '../result/next-step.js';
import { catalogUrl, controlReferenceUrl, DEFAULT_LINKS, evidenceOrigin, type GateNoteLinks } from './gate-note-links.js';
import { controlEvidence, NOT_MET, shortReason, utcWords } from './gate-notes-parts.js';
import { STATUS_BLOCKS, statusBarCells, statusCounts, type StatusBarState } from './status-bar.js';
import { alignColumns, paint, plainText, type TerminalStyle, type Tone } from './terminal-style.js';

/** Each result in a terminal: a symbol without emoji presentation, its words and its colour. */
const RESULT_TEXT: Record<DecisionResult, { words: string; tone: Tone }> = {
  pass: { words: '✓ met', tone: 'green' },
  fail: { words: '✗ not met', tone: 'red' },
  missing: { words: '✗ missing', tone: 'red' },
  stale: { words: '✗ stale', tone: 'red' },
  invalid: { words: '✗ invalid', tone: 'red' },
  waived: { words: '! waived', tone: 'yellow' },
  'not-applicable': { words: '– n/a', tone: 'dim' },
};

const CONCLUSION_TEXT: Record<GateConclusion, { words: string; tone: Tone }> = {
  success: { words: '✓ passed', tone: 'green' },
  failure: { words: '✗ failed', tone: 'red' },
  neutral: { words: '– nothing to check', tone: 'dim' },
  action_required: { words: '! config error', tone: 'yellow' },
};

const BAR_TONES: Record<StatusBarState, Tone> = { met: 'green', waived: 'yellow', 'not met': 'red', 'not applicable': 'dim' };

/** Options of the terminal view. */
export interface GateNotesTextOptions extends TerminalStyle {
  /** The product version the reference links point at (default: this build's). */
  links?: GateNoteLinks;
}

/**
 * Gate notes for a terminal: plain text in aligned columns, colour only when asked, nothing
 * escaped, no zero-width or control characters (untrusted text is cleaned, not escaped): the
 * conclusion and status bar, one row per applicable control, then each control that is not met
 * with its full explanation, evidence, reference and every next step with its command.
 */
export function renderGateNotesText(result: GateResult, options: GateNotesTextOptions): string {
  const links = options.links ?? DEFAULT_LINKS;
  const style: TerminalStyle = { color: options.color };
  const heading = result.override?.state === 'applied' ? { words: '! overridden', tone: 'yellow' as Tone } : result.mode?.mode === 'report-only' && result.conclusion !== 'action_required' ? { words: `! report-only, would ${result.mode.wouldBe === 'failure' ? 'fail' : 'pass'}`, tone: 'yellow' as Tone } : CONCLUSION_TEXT[result.conclusion];
  const s = result.subject;
  const catalog = catalogUrl(result.catalogDigest, links);
  const out = [
    `${paint(heading.words, heading.tone, style)}: ${paint(plainText(result.checkName, 100), 'bold', style)}`,
    statusBar(result, style),
    plainText(result.headline, 2000),
    `${plainText(`${s.repo}#${s.pr}`, 200)} ${plainText(s.title, 200)}${s.url ? ` ${plainText(s.url, 300)}` : ''}`,
    paint(`head ${s.sha.slice(0, 12)} · evaluated ${utcWords(result.evaluatedAt)} · catalog ${result.catalogDigest.slice(0, 12)}${catalog ? ` ${catalog}` : ''}`, 'dim', style),
  ];
  if (result.override) out.push(`${paint('override', 'yellow', style)} by @${plainText(result.override.by, 100)} (${result.override.state}, would be ${result.override.wouldBe}): ${plainText(result.override.reason, 1000)}`);
  if (result.mode?.mode === 'report-only') out.push(`${paint('report-only mode', 'yellow', style)}${result.mode.source ? ` (set by ${plainText(result.mode.source, 300)})` : ''}: this check does not block merging.`);
  for (const note of result.mode?.notes ?? []) out.push(`${paint('!', 'yellow', style)} ${plainText(note, 1000)}`);
  for (const issue of result.configIssues) out.push(`${paint('config', 'yellow', style)} ${plainText(issue.key || 'file', 200)}${issue.line ? ` (line ${issue.line})` : ''}: ${plainText(issue.message, 600)}`);

  const applicable = result.controls.filter((c) => c.result !== 'not-applicable');
  if (applicable.length > 0) {
    const rows = applicable.map((c) => [resultWords(c, style), c.controlId, c.priority, plainText(c.title, 100), plainText(shortReason(c, 100), 200)]);
    out.push('', ...alignColumns([['RESULT', 'CONTROL', 'PRIORITY', 'TITLE', 'REASON'].map((h) => paint(h, 'bold', style)), ...rows], '  '));
  }
  for (const c of applicable.filter((d) => d.nextSteps || NOT_MET.has(d.result))) out.push('', ...controlSection(c, links, style));
  if (result.nextSteps && result.nextSteps.length > 0) out.push('', paint('Next steps for the gate', 'bold', style), ...stepLines(result.nextSteps, style));
  if (result.waivers.length > 0) {
    out.push('', paint('Waivers', 'bold', style), ...result.waivers.map((w) => `  ${w.controlId} by @${plainText(w.approvedBy, 100)} until ${w.until} (${w.state}${w.rejection ? `: ${plainText(w.rejection, 600)}` : ''}): ${plainText(w.reason, 500)}`));
  }
  if (result.evidence.rejected.length > 0) out.push('', paint('Unusable evidence (the gate cannot pass while these files are present)', 'bold', style), ...result.evidence.rejected.map((r) => `  ${plainText(r.ref.path, 300)}: ${plainText(r.message, 600)}`));
  if (result.evidence.ignored.length > 0) out.push('', paint('Evidence not used', 'bold', style), ...result.evidence.ignored.map((r) => `  ${plainText(r.ref.path, 300)}: ${plainText(r.reason, 400)}`));
  const notApplicable = result.controls.filter((c) => c.result === 'not-applicable');
  if (notApplicable.length > 0) {
    out.push('', paint(`Not applicable (${notApplicable.length})`, 'bold', style), ...alignColumns(notApplicable.map((c) => [c.controlId, plainText(c.title, 100), paint(plainText(c.applies.reasons.join('; '), 600), 'dim', style)]), '  '));
  }
  return `${out.join('\n')}\n`;
}

function resultWords(c: ControlDecision, style: TerminalStyle): string {
  const { words, tone } = RESULT_TEXT[c.result];
  return NOT_MET.has(c.result) && !c.blocking ? paint(`${words.replace('✗', '!')} (report-only)`, 'yellow', style) : paint(words, tone, style);
}

function statusBar(result: GateResult, style: TerminalStyle): string {
  const counts = statusCounts(result);
  const cells = statusBarCells(counts);
  const states = Object.keys(counts) as StatusBarState[];
  // Coloured blocks in a colour terminal; the coloured squares of the comment otherwise.
  const bar = states.map((s) => (style.color ? paint('█'.repeat(cells[s]), BAR_TONES[s], style) : STATUS_BLOCKS[s].repeat(cells[s]))).join('');
  return `${bar} ${states.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`).join(' · ')}`;
}

function controlSection(c: ControlDecision, links: GateNoteLinks, style: TerminalStyle): string[] {
  const lines = [`${resultWords(c, style)} ${paint(c.controlId, 'bold', style)} ${plainText(c.title, 100)}`, `  ${plainText(c.explanation, 3000)}`];
  if (c.notes.length > 0) lines.push(`  config: ${plainText(c.notes.join('; '), 1500)}`);
  for (const ref of [...new Map(controlEvidence(c).map((r) => [r.path, r])).values()]) {
    const origin = evidenceOrigin(ref);
    const where = [origin.artifactUrl, origin.runUrl].filter(Boolean).join(' ');
    lines.push(`  evidence: ${plainText(ref.path, 300)}${ref.sha256 ? ` ${ref.sha256.slice(0, 12)}` : ''}${where ? ` ${plainText(where, 600)}` : ''}`);
  }
  lines.push(`  reference: ${controlReferenceUrl(c.controlId, links)}`);
  if (c.nextSteps && c.nextSteps.length > 0) lines.push(`  ${paint('next steps', 'bold', style)}`, ...stepLines(c.nextSteps, style, '  '));
  return lines;
}

/** Numbered steps, each command on a line of its own after `$` (a shell command) or `>` (a PR comment), ready to copy. */
function stepLines(steps: NextStep[], style: TerminalStyle, indent = ''): string[] {
  return steps.flatMap((s, i) => [
    `${indent}  ${i + 1}. ${plainText(s.text, 4000)}${s.url ? ` ${plainText(s.url, 300)}` : ''}`,
    ...(s.command ? [`${indent}     ${paint(s.command.startsWith('/') ? '>' : '$', 'dim', style)} ${paint(plainText(s.command, 4000), 'cyan', style)}`] : []),
  ]);
}
