import type { GateResult } from '../engine/types.js';
import { escapeCode, escapeMarkdown, truncate } from '../util/escape-markdown.js';
import { GITHUB_TEXT_LIMIT, renderGateNotes } from './render-gate-notes.js';
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
 * The check-run output of a gate result: the headline as title, the gate notes as summary, every
 * requirement decision (with decision ids and evidence digests) as text, and config problems as
 * annotations on the config file. Each part stays within GitHub's limits, with a visible note.
 */
export function renderCheckOutput(result: GateResult): CheckRunOutput {
  return {
    title: truncate(result.headline, 255),
    // The check run's completion time says when; the summary stays the same while the decisions do.
    summary: renderGateNotes(result, { evaluatedAt: false }),
    text: renderDecisionText(result),
    annotations: result.configIssues.map((issue) => ({
      path: CONFIG_PATH,
      start_line: issue.line ?? 1,
      end_line: issue.line ?? 1,
      annotation_level: 'failure' as const,
      title: truncate(`Invalid config: ${issue.key || 'file'}`, 255),
      message: truncate(issue.message, 64_000),
    })),
  };
}

function renderDecisionText(result: GateResult): string {
  const limit = GITHUB_TEXT_LIMIT - 300;
  const lines: string[] = ['#### Decisions', ''];
  let size = lines.join('\n').length;
  let dropped = 0;
  for (const control of result.controls.filter((c) => c.result !== 'not-applicable')) {
    const block = [
      `**${escapeMarkdown(control.controlId)}** ${escapeMarkdown(control.title, 100)}: ${controlResultWords(control)} · ${escapeCode(control.decisionId)}`,
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
