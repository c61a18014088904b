import { describeChange } from '../engine/config-changes.js';
import type { ConfigChange, GateResult } from '../engine/types.js';
import { formatLedgerHead, LEDGER_HEAD_LABEL } from '../ledger/witness.js';
import { escapeCode, escapeMarkdown, truncate } from '../util/escape-markdown.js';
import { GITHUB_TEXT_LIMIT } from './gate-notes-parts.js';
import { renderGateNotesFull } from './render-gate-notes-full.js';
import type { GateNoteLinks } from './gate-note-links.js';
import { controlResultWords } from './result-words.js';

/** A check-run annotation, in the field names of GitHub's Checks API. */
export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  title: string;
  message: string;
}

/** The `output` object of a check run (GitHub sends annotations in batches of 50; the caller batches). */
export interface CheckRunOutput {
  title: string;
  summary: string;
  text: string;
  annotations: CheckAnnotation[];
}

/** Where annotations about the repo config point. */
export const CONFIG_PATH = '.github/maestro.yml';

/**
 * The check-run output of a gate result: the headline as title, the gate notes with their full
 * detail and next steps as summary (render-gate-notes-full.ts), every
 * requirement decision (with decision ids and evidence digests) as text, and config problems, and
 * every change the config makes to the catalog, as annotations on the config file. Each part stays
 * within GitHub's limits, with a visible note.
 */
export function renderCheckOutput(result: GateResult, options: { links?: GateNoteLinks } = {}): CheckRunOutput {
  return {
    title: truncate(result.headline, 255),
    // The check run's completion time says when; the summary stays the same while the decisions do.
    summary: renderGateNotesFull(result, { evaluatedAt: false, ...options }),
    text: renderDecisionText(result),
    annotations: result.configIssues.map((issue): CheckAnnotation => ({
      path: CONFIG_PATH,
      start_line: issue.line ?? 1,
      end_line: issue.line ?? 1,
      annotation_level: 'failure' as const,
      title: truncate(`Invalid config: ${issue.key || 'file'}`, 255),
      message: truncate(issue.message, 64_000),
    })).concat(changeAnnotations(result)),
  };
}

/** Changes that weaken a control warn; others (tightened bounds, new labels or paths) are notices. */
const WARNING_EFFECTS: ReadonlySet<ConfigChange['effect']> = new Set(['loosened', 'changed', 'report-only', 'excluded']);

/** One annotation per changed key of the config, naming the controls it changes. */
function changeAnnotations(result: GateResult): CheckAnnotation[] {
  const byKey = new Map<string, { change: ConfigChange; controls: string[] }>();
  for (const control of result.controls) {
    for (const change of control.configChanges ?? []) {
      const entry = byKey.get(change.key) ?? { change, controls: [] };
      entry.controls.push(control.controlId);
      byKey.set(change.key, entry);
    }
  }
  return [...byKey.values()].map(({ change, controls }) => ({
    path: CONFIG_PATH,
    start_line: change.line ?? 1,
    end_line: change.line ?? 1,
    annotation_level: WARNING_EFFECTS.has(change.effect) ? ('warning' as const) : ('notice' as const),
    title: truncate(`Changes the catalog: ${change.key}`, 255),
    message: truncate(`${controls.length === 1 ? controls[0] : `${controls.length} controls (${controls.join(', ')})`}: ${describeChange(change)}`, 64_000),
  }));
}

/**
 * The output with the audit ledger's head as the last line of its text, `Audit ledger head:
 * 1234:<sha256>`: a witness kept outside the ledger store, which `maestro ledger verify
 * --expect-head 1234:<sha256>` (or `--witness` a saved copy of the text) holds the ledger against.
 * `head` is undefined for an empty ledger, `{ error }` when it could not be read.
 */
export function withLedgerHead(output: CheckRunOutput, head: { seq: number; sha256: string } | { error: string } | undefined): CheckRunOutput {
  const line = head === undefined ? `${LEDGER_HEAD_LABEL} none (the audit ledger is empty)` : 'error' in head ? `${LEDGER_HEAD_LABEL} unknown (the audit ledger could not be read: ${escapeMarkdown(head.error, 200)})` : formatLedgerHead(head);
  return { ...output, text: `${output.text}\n${line}\n` };
}

function renderDecisionText(result: GateResult): string {
  const limit = GITHUB_TEXT_LIMIT - 300;
  const lines: string[] = ['#### Decisions', ''];
  let size = lines.join('\n').length;
  let dropped = 0;
  for (const control of result.controls.filter((c) => c.result !== 'not-applicable')) {
    const block = [
      `**${escapeMarkdown(control.controlId)}** ${escapeMarkdown(control.title, 100)}: ${controlResultWords(control)} · ${escapeCode(control.decisionId)}`,
      ...(control.notes.length > 0 ? [`- changed by the repo config: ${escapeMarkdown(control.notes.join('; '), 1500)}`] : []),
      ...control.requirements.map((r) => {
        const evidence = r.evidence.map((e) => `${escapeCode(e.path, 120)} sha256 ${escapeCode(e.sha256)}`).join(', ');
        return `- ${escapeCode(r.ruleId)} ${escapeCode(r.decisionId)} ${r.result}: ${escapeMarkdown(r.explanation, 1500)}${evidence ? ` Evidence: ${evidence}.` : ''}`;
      }),
      '',
    ].join('\n');
    if (dropped === 0 && size + block.length + 1 <= limit) {
      lines.push(block);
      size += block.length + 1;
    } else {
      dropped++;
    }
  }
  if (dropped > 0) lines.push(`_${dropped} more ${dropped === 1 ? 'control was' : 'controls were'} left out to stay within GitHub's size limit; maestro gate --format json has every decision._`);
  return `${lines.join('\n').trimEnd()}\n`;
}
