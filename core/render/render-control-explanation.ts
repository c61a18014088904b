import type { ControlDecision, GateResult } from '../engine/types.js';
import { escapeCode, escapeMarkdown, markdownLink } from '../util/escape-markdown.js';
import { conclusionWords, controlResultWords, frameworksText } from './result-words.js';

/**
 * The full decision on one control, for `/gates explain`: the result and why, the frameworks, why
 * it applies, every requirement with its decision id, explanation and evidence digests, and the
 * waiver or override that changed it.
 */
export function renderControlExplanation(result: GateResult, control: ControlDecision): string {
  const lines = [
    `#### ${escapeMarkdown(control.controlId)} ${escapeMarkdown(control.title, 120)}: ${controlResultWords(control)}`,
    '',
    `Gate ${conclusionWords(result)} on commit ${escapeCode(result.subject.sha.slice(0, 12))}, evaluated ${escapeMarkdown(result.evaluatedAt)} · decision ${escapeCode(control.decisionId)} · ${control.priority}, ${control.blocking ? 'blocking' : 'report-only'}`,
    '',
    `Frameworks: ${escapeMarkdown(frameworksText(control.frameworks), 400)}`,
    '',
    escapeMarkdown(control.explanation, 3000),
    '',
    `Applies: ${escapeMarkdown(control.applies.reasons.join('; ') || (control.applies.applicable ? 'yes' : 'no'), 1000)}`,
    '',
  ];
  if (control.requirements.length > 0) {
    lines.push('| Requirement | Decision | Result | Explanation | Evidence |', '| - | - | - | - | - |');
    for (const r of control.requirements) {
      const evidence = r.evidence.map((e) => `${e.url ? markdownLink(e.path, e.url) : escapeCode(e.path, 160)} sha256 ${escapeCode(e.sha256)}`).join('<br>') || '–';
      lines.push(`| ${escapeCode(r.ruleId)} | ${escapeCode(r.decisionId)} | ${r.result} | ${escapeMarkdown(r.explanation, 1500)} | ${evidence} |`);
    }
    lines.push('');
  }
  if (control.waiver) {
    const w = control.waiver;
    lines.push(`Waiver: by ${escapeMarkdown(`@${w.approvedBy}`)} until ${escapeMarkdown(w.until)} (${w.state}): ${escapeMarkdown(w.reason, 1000)}`, '');
  }
  if (result.override) {
    const o = result.override;
    lines.push(`Override of the whole gate by ${escapeMarkdown(`@${o.by}`)} for this commit (${o.state}, would be ${o.wouldBe}): ${escapeMarkdown(o.reason, 1000)}`, '');
  }
  if (control.notes.length > 0) lines.push(`Changed by the repo config: ${escapeMarkdown(control.notes.join('; '), 1500)}`, '');
  return lines.join('\n').trimEnd();
}
