import { markdownTable } from 'markdown-table';
import type { ControlDecision, GateResult } from '../engine/types.js';
import { escapeCode, escapeMarkdown, markdownLink } from '../util/escape-markdown.js';
import { controlReferenceUrl, DEFAULT_LINKS } from './gate-note-links.js';
import {
  commandBlock, configNotes, controlEvidence, evidenceList, fitBlocks, GITHUB_TEXT_LIMIT, NOT_MET, notesHead, shortReason, stepLine, waiverLine,
} from './gate-notes-parts.js';
import type { GateNotesOptions } from './render-gate-notes.js';
import { controlResultWords, frameworksText } from './result-words.js';
import type { NextStep } from '../result/next-step.js';

/**
 * Gate notes with the full detail, for the check run's summary: the status bar and headline, a
 * list of the applicable controls, then a section per control (priority, frameworks, the full
 * explanation, evidence linked to its artifact and run, and each next step in a sentence with its
 * command in a block to copy), waivers, unusable and unused evidence, and every control that does
 * not apply with why. Sections that do not fit GitHub's limit are left out whole, with a note.
 */
export function renderGateNotesFull(result: GateResult, options: GateNotesOptions = {}): string {
  const links = options.links ?? DEFAULT_LINKS;
  const applicable = result.controls.filter((c) => c.result !== 'not-applicable');
  const head = notesHead(result, { evaluatedAt: options.evaluatedAt ?? true, pull: true, links });
  const blocks = [controlList(applicable), ...applicable.map((c) => controlSection(c))];
  if (result.nextSteps && result.nextSteps.length > 0) blocks.push(stepsBlock('#### Next steps for the gate', result.nextSteps));
  if (result.waivers.length > 0) blocks.push(['**Waivers**', '', ...result.waivers.map(waiverLine)].join('\n'));
  if (result.evidence.rejected.length > 0) {
    blocks.push(['**Unusable evidence** (the gate cannot pass while these files are present)', '', ...result.evidence.rejected.map((r) => `- ${escapeCode(r.ref.path)}: ${escapeMarkdown(r.message, 600)}`)].join('\n'));
  }
  if (result.evidence.ignored.length > 0) {
    blocks.push(['<details><summary>Evidence not used</summary>', '', ...result.evidence.ignored.map((r) => `- ${escapeCode(r.ref.path)}: ${escapeMarkdown(r.reason, 400)}`), '', '</details>'].join('\n'));
  }
  const notApplicable = result.controls.filter((c) => c.result === 'not-applicable');
  if (notApplicable.length > 0) {
    const rows = notApplicable.map((c) => [`${controlLink(c)} ${escapeMarkdown(c.title, 100)}`, `${escapeMarkdown(c.applies.reasons.join('; '), 600)}${c.notes.length > 0 ? `<br>${configNotes(c, 600)}` : ''}`]);
    blocks.push([`<details><summary>${notApplicable.length} ${notApplicable.length === 1 ? 'control does' : 'controls do'} not apply</summary>`, '', markdownTable([['Control', 'Why not'], ...rows], { alignDelimiters: false }), '', '</details>'].join('\n'));
  }
  return fitBlocks(head.join('\n'), blocks, (options.limit ?? GITHUB_TEXT_LIMIT) - 100, 'section');

  /** One line per applicable control, up to a fifth of the budget: the sections below hold the rest. */
  function controlList(controls: ControlDecision[]): string {
    const lines: string[] = [];
    let size = 0;
    for (const c of controls) {
      const line = `- ${controlResultWords(c)} ${controlLink(c)} ${escapeMarkdown(c.title, 100)}: ${escapeMarkdown(shortReason(c), 200)}`;
      if (size + line.length > GITHUB_TEXT_LIMIT / 5) {
        lines.push(`- and ${controls.length - lines.length} more`);
        break;
      }
      lines.push(line);
      size += line.length + 1;
    }
    return lines.join('\n');
  }

  function controlLink(c: ControlDecision): string {
    return `**${markdownLink(c.controlId, controlReferenceUrl(c.controlId, links))}**`;
  }

  function controlSection(c: ControlDecision): string {
    const lines = [
      `#### ${controlResultWords(c)}${(c.configChanges ?? []).length > 0 ? ' (rules changed by the repo config)' : ''}: ${controlLink(c)} ${escapeMarkdown(c.title, 100)}`,
      '',
      `${c.priority}, ${c.blocking ? 'blocking' : 'report-only'} · ${escapeMarkdown(frameworksText(c.frameworks), 300)}`,
      '',
      escapeMarkdown(c.explanation, 1500),
    ];
    const notes = configNotes(c);
    if (notes) lines.push('', notes);
    const evidence = evidenceList(controlEvidence(c), 10);
    if (evidence) lines.push('', `Evidence: ${evidence}`);
    if (c.nextSteps && c.nextSteps.length > 0 && (NOT_MET.has(c.result) || c.result === 'waived')) lines.push('', stepsBlock('**Next steps**', c.nextSteps));
    return lines.join('\n');
  }
}

/** Steps as a numbered list: each sentence, then its command in a block to copy. */
function stepsBlock(title: string, steps: NextStep[]): string {
  return [title, '', ...steps.flatMap((s, i) => [`${i + 1}. ${stepLine(s, true)}`, ...(s.command ? commandBlock(s.command, '   ') : [])])].join('\n');
}
