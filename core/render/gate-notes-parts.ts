import type { ControlDecision, GateResult, RequirementDecision } from '../engine/types.js';
import { catalogOriginWords, modeLines } from '../result/report-only-words.js';
import type { EvidenceRef } from '../evidence/types.js';
import type { NextStep } from '../result/next-step.js';
import { escapeCode, escapeMarkdown, markdownLink, truncate } from '../util/escape-markdown.js';
import { catalogUrl, evidenceOrigin, type GateNoteLinks } from './gate-note-links.js';
import { conclusionWords } from './result-words.js';
import { renderStatusBar } from './status-bar.js';

/** Results that leave a control not met. */
export const NOT_MET = new Set<ControlDecision['result']>(['fail', 'missing', 'stale', 'invalid']);

/** GitHub refuses comment bodies and check summaries above 65,535 characters. */
export const GITHUB_TEXT_LIMIT = 65_535;

/** RFC 3339 as `2026-11-20 12:00:00 UTC`. */
export function utcWords(at: string): string {
  return at.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
}

/** `a11y report`, `drift-report`: a kind named as a report, once. */
function reportWord(kind: string): string {
  return kind.endsWith('report') ? kind : `${kind} report`;
}

/** The first words of a requirement's reason, by its result: the file and what is wrong with it. */
const SHORT_REASONS: Record<'fail' | 'missing' | 'stale' | 'invalid', (r: RequirementDecision) => string> = {
  missing: (r) => (r.kind === 'link' ? 'no approved evidence is linked' : `no ${reportWord(r.kind)} was found`),
  stale: (r) => `${r.evidence[0]?.path ?? `the ${reportWord(r.kind)}`} is out of date`,
  invalid: (r) => `${r.evidence[0]?.path ?? `the ${reportWord(r.kind)}`} cannot be used`,
  // `a11y.json fails: data.counts.critical is 1, must be <= 0 (parameter maxCritical); …`: the first bound, without its parameter.
  fail: (r) => (r.kind === 'link' ? firstClause(r.explanation, 200) : r.explanation.split('; ')[0]!.replace(/ \(parameter \w+\)/, '').replace(/\bdata\./g, '').replace(/\.$/, '')),
};

/**
 * Why a control has its result, in one short sentence of plain text (not escaped): the first
 * requirement that is not met, with how many more problems there are; the waiver of a waived one.
 */
export function shortReason(control: ControlDecision, max = 110): string {
  if (control.result === 'waived' && control.waiver) return `waived by @${control.waiver.approvedBy} until ${control.waiver.until}`;
  const failing = control.requirements.filter((r) => NOT_MET.has(r.result));
  const first = failing[0];
  if (!first) return control.result === 'pass' ? (control.requirements.length > 1 ? `all ${control.requirements.length} requirements are met` : 'its requirement is met') : firstClause(control.explanation, max);
  // A failed assertion lists each broken bound after a `; `: the others are counted, not shown.
  const more = (first.result === 'fail' ? first.explanation.split('; ').length - 1 : 0) + failing.length - 1;
  const suffix = more > 0 ? ` (+${more})` : '';
  return `${truncate(SHORT_REASONS[first.result as keyof typeof SHORT_REASONS](first), max - suffix.length)}${suffix}`;
}

/** The text up to its first `; ` or sentence end, bounded. */
function firstClause(text: string, max: number): string {
  const cut = /; |\. (?=[A-Z])|\.$/.exec(text);
  return truncate(cut ? text.slice(0, cut.index) : text, max);
}

/** The first letter in upper case, for a step's title at the start of a line. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A command as an inline code span: one line, fenced by more backticks than it holds, so it copies as typed. */
export function inlineCommand(command: string): string {
  const line = command.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}

/** A command as a fenced code block (GitHub shows a copy button on it), fenced by more backticks than it holds. */
export function commandBlock(command: string, indent = ''): string[] {
  const line = command.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(2, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return [`${indent}${fence}${line.startsWith('/') ? 'text' : 'sh'}`, `${indent}${line}`, `${indent}${fence}`];
}

/** Steps whose command names what it does, shown without their title in the comment. */
const SELF_EXPLAINING: ReadonlySet<NextStep['kind']> = new Set(['waive']);

/** A command to copy as it is: no `<placeholder>` to fill in, other than a slash command's reason. */
export function readyToRun(command: string): boolean {
  return command.startsWith('/') || !/<[^>]+>/.test(command);
}

/**
 * A step in one Markdown line: its sentence (`full`), or its title followed by its command (the
 * comment; with `readyOnly`, only a command to copy as it is: one with placeholders stays in the
 * check run and the terminal).
 */
export function stepLine(step: NextStep, full: boolean, readyOnly = false): string {
  const words = escapeMarkdown(full ? step.text : capitalize(step.title), 4000);
  const link = step.url ? ` (${markdownLink('run', step.url)})` : '';
  if (full || !step.command || (readyOnly && !readyToRun(step.command))) return `${words}${link}`;
  // A prefilled `/waive GA-25 …` says what it does; in the comment's list it stands alone.
  if (readyOnly && SELF_EXPLAINING.has(step.kind)) return inlineCommand(step.command);
  return `${words}${link}: ${inlineCommand(step.command)}`;
}

/** The evidence of a control: each file linked to its artifact, its digest, and the run that uploaded it. */
export function evidenceList(refs: EvidenceRef[], max = 5): string {
  const unique = [...new Map(refs.map((r) => [r.path, r])).values()];
  if (unique.length === 0) return '';
  return unique
    .slice(0, max)
    .map((r) => {
      const origin = evidenceOrigin(r);
      const file = origin.artifactUrl ? markdownLink(r.path, origin.artifactUrl) : escapeCode(r.path, 120);
      const digest = r.sha256 ? ` ${escapeCode(r.sha256.slice(0, 12))}` : '';
      return `${file}${digest}${origin.runUrl ? ` (${markdownLink('run', origin.runUrl)})` : ''}`;
    })
    .concat(unique.length > max ? [`and ${unique.length - max} more`] : [])
    .join(', ');
}

/** The evidence every requirement of a control rests on, and its waiver. */
export function controlEvidence(control: ControlDecision): EvidenceRef[] {
  return [...control.requirements.flatMap((r) => r.evidence), ...(control.waiver ? [control.waiver.ref] : [])];
}

/**
 * The top of every gate-notes view: the conclusion, the status bar, the headline, the subject line,
 * then the override, the mode and the config's problems when there are any.
 */
export function notesHead(result: GateResult, subject: { evaluatedAt: boolean; pull: boolean; links: GateNoteLinks }): string[] {
  const head = [`### ${conclusionWords(result)}: ${escapeMarkdown(result.checkName, 100)}`, '', renderStatusBar(result), '', escapeMarkdown(result.headline, 2000), '', subjectLine(result, subject)];
  if (result.override) head.push('', overrideLine(result.override));
  if (result.mode) head.push(...modeLines(result).flatMap((line) => ['', line]));
  if (result.configIssues.length > 0) head.push('', ...configIssueLines(result));
  return head;
}

/** The subject line: the PR (when asked), head commit, evaluation time (when asked) and the catalog, linked to its version (the shipped one), else with where it came from. */
export function subjectLine(result: GateResult, options: { evaluatedAt: boolean; pull: boolean; links: GateNoteLinks }): string {
  const s = result.subject;
  const pr = options.pull ? `${markdownLink(`${s.repo}#${s.pr}`, s.url)} ${escapeMarkdown(s.title, 200)} · ` : '';
  const when = options.evaluatedAt ? ` · evaluated ${escapeMarkdown(utcWords(result.evaluatedAt))}` : '';
  const digest = escapeCode(result.catalogDigest.slice(0, 12));
  const url = catalogUrl(result.catalogDigest, options.links);
  return `${pr}head ${escapeCode(s.sha.slice(0, 12))}${when} · catalog ${url ? `[${digest}](${url})` : `${digest}${catalogOriginWords(result)}`}`;
}

/** Config problems, one list item each, pointing at the key and line. */
export function configIssueLines(result: GateResult): string[] {
  return result.configIssues.map((i) => `- ${i.key ? escapeCode(i.key) : 'file'}${i.line ? ` (line ${i.line})` : ''}: ${escapeMarkdown(i.message, 600)}`);
}

/** What the repo config changed about a control, in a paragraph of its own. */
export function configNotes(c: ControlDecision, max = 1200): string {
  return c.notes.length > 0 ? `⚙️ ${escapeMarkdown(c.notes.join('; '), max)}` : '';
}

/** The override of the commit, as a quote: applied (the gate would have failed) or not needed. */
export function overrideLine(o: NonNullable<GateResult['override']>): string {
  const who = escapeMarkdown(`@${o.by}`);
  const link = o.commentUrl ? ` (${markdownLink('comment', o.commentUrl)})` : '';
  return o.state === 'applied'
    ? `> **Override** by ${who} at ${escapeMarkdown(utcWords(o.at))}${link} for commit ${escapeCode(o.sha.slice(0, 12))} only: the gate would conclude ${o.wouldBe}. Reason: ${escapeMarkdown(o.reason, 1000)}`
    : `> An override by ${who}${link} exists for this commit but is not needed: the gate passes on its own.`;
}

/** One waiver as a list item: who, until when, its state, and why. */
export function waiverLine(w: GateResult['waivers'][number]): string {
  if (w.state === 'rejected') {
    return `- **${escapeMarkdown(w.controlId)}** waiver by ${escapeMarkdown(`@${w.approvedBy}`)} until ${escapeMarkdown(w.until)} (rejected, not applied: ${escapeMarkdown(w.rejection ?? 'it breaks the waiver policy', 600)}): ${escapeMarkdown(w.reason, 500)}`;
  }
  const state = w.state === 'active' ? 'active' : w.state === 'expired' ? 'expired, no longer counts' : 'active, not needed';
  return `- **${escapeMarkdown(w.controlId)}** waived by ${escapeMarkdown(`@${w.approvedBy}`)} until ${escapeMarkdown(w.until)} (${state}): ${escapeMarkdown(w.reason, 500)}`;
}

/**
 * Joins the head and the blocks within the budget: a block that does not fit is left out whole (so
 * no `<details>` is left open), with a note at the end saying how many were left out.
 */
export function fitBlocks(head: string, blocks: string[], limit: number, what: string): string {
  let out = head.trimEnd();
  let dropped = 0;
  const note = (n: number): string => `\n\n_${n} more ${n === 1 ? `${what} was` : `${what}s were`} left out to stay within GitHub's size limit; the JSON result (maestro gate --format json, or the decision-log artifact) has every decision._`;
  for (const block of blocks) {
    const text = block.trim();
    if (!text) continue;
    if (dropped === 0 && out.length + text.length + 2 + note(blocks.length).length <= limit) out += `\n\n${text}`;
    else dropped++;
  }
  return `${out}${dropped > 0 ? note(dropped) : ''}\n`;
}
