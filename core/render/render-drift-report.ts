import { markdownTable } from 'markdown-table';
import type { DriftChangeType, DriftResult } from '../drift/types.js';
import { escapeCode, escapeMarkdown } from './escape-markdown.js';

const HEADLINE: Record<DriftResult['status'], string> = {
  clean: '✅ no drift',
  drift: '❌ drift',
  invalid: '⚠️ invalid workflow',
};

/** How each kind of change reads in the table. */
const TYPE_WORDS: Record<DriftChangeType, string> = {
  'missing-job': 'missing job',
  'changed-action': 'changed action',
  'unpinned-action': 'unpinned action',
  'widened-permissions': 'widened permissions',
  'removed-step': 'removed step',
  'template-behind': 'template behind',
  'invalid-yaml': 'invalid YAML',
  'missing-workflow': 'missing workflow',
  'missing-trigger': 'missing trigger',
};

/**
 * A drift result as Markdown for a terminal, a job summary or the fix pull request's body: the
 * status, the template, and one table row per change. Workflow text is untrusted and escaped.
 */
export function renderDriftReport(result: DriftResult, repo?: string): string {
  const lines = [`### ${HEADLINE[result.status]}${repo ? `: ${escapeMarkdown(repo, 140)}` : ''}`, ''];
  lines.push(`Template ${escapeCode(result.template.source, 300)} at ${escapeCode(result.template.version, 100)}.`, '');
  if (result.status === 'clean') {
    lines.push('The workflows have every trigger, job, step, action reference and permission of the template.');
    return `${lines.join('\n')}\n`;
  }
  const count = result.changes.length;
  lines.push(`${count} ${count === 1 ? 'difference' : 'differences'}${result.missingJobs.length > 0 ? `; missing jobs: ${result.missingJobs.map((j) => escapeCode(j, 100)).join(', ')}` : ''}.`);
  if (result.status === 'invalid') lines.push('', 'A workflow could not be read: fix it by hand; no fix is proposed until it parses.');
  const rows = result.changes.map((c) => [escapeCode(c.file, 200), c.job ? escapeCode(c.job, 100) : '', TYPE_WORDS[c.type], escapeMarkdown(c.message, 400)]);
  lines.push('', markdownTable([['File', 'Job', 'Change', 'Details'], ...rows], { alignDelimiters: false }));
  return `${lines.join('\n')}\n`;
}
