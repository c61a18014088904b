import type { GateConclusion, GateResult } from '../engine/types.js';
import { escapeMarkdown, truncate } from '../util/escape-markdown.js';
import { type CheckRunOutput, renderCheckOutput } from './render-check-output.js';
import { GITHUB_TEXT_LIMIT } from './render-gate-notes.js';
import { conclusionWords } from './result-words.js';

/** How bad a conclusion is for a merge queue: the group takes the worst of its PRs. */
const SEVERITY: Record<GateConclusion, number> = { neutral: 0, success: 1, action_required: 2, failure: 3 };

/** The gate result of one PR of a merge group. */
export interface GroupMember {
  pull: number;
  result: GateResult;
}

/** The conclusion of a merge group: the worst of its PRs', success when every PR passed. */
export function groupConclusion(members: readonly GroupMember[]): GateConclusion {
  return members.reduce<GateConclusion>((worst, m) => (SEVERITY[m.result.conclusion] > SEVERITY[worst] ? m.result.conclusion : worst), 'neutral');
}

/**
 * The check-run output on a merge-queue commit: which PRs it contains and how each fared, then the
 * full output of the PR that decided the conclusion (the first PR with the worst conclusion).
 */
export function renderMergeGroupOutput(members: readonly GroupMember[]): CheckRunOutput {
  const conclusion = groupConclusion(members);
  const decisive = members.find((m) => m.result.conclusion === conclusion) ?? members[0]!;
  const inner = renderCheckOutput(decisive.result);
  const rows = members.map((m) => `| #${m.pull} | ${escapeMarkdown(m.result.subject.title, 120)} | ${conclusionWords(m.result)} |`);
  const head = [
    `This merge-queue commit contains ${members.length} pull request${members.length === 1 ? '' : 's'}; each is decided on the evidence of its own head commit.`,
    '',
    '| PR | Title | Gate |',
    '| - | - | - |',
    ...rows,
    '',
    `#### #${decisive.pull}`,
    '',
  ].join('\n');
  return {
    ...inner,
    title: truncate(members.length === 1 ? inner.title : `#${decisive.pull}: ${inner.title}`, 255),
    summary: truncate(`${head}${inner.summary}`, GITHUB_TEXT_LIMIT),
  };
}
