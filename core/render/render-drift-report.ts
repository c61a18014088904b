import { markdownTable } from 'markdown-table';
import type { DriftChangeType, DriftResult } from '../drift/types.js';
import { escapeCode, escapeMarkdown } from '../util/escape-markdown.js';

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
  'narrowed-trigger': 'narrowed trigger',
  'missing-permissions': 'missing permissions',
  'missing-file': 'missing file',
};

/** GitHub refuses pull request bodies above 65,536 characters; room is left for the text around the report. */
export const DRIFT_REPORT_LIMIT = 60_000;

/**
 * A drift result as Markdown for a terminal, a job summary or the fix pull request's body: the
 * status, the template, and one table row per change, as many as fit in `limit` characters (a
 * last line says how many were left out). Workflow text is untrusted and escaped.
 */
export function renderDriftReport(result: DriftResult, repo?: string, limit = DRIFT_REPORT_LIMIT): string {
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
  // Each row is at most about 1,000 characters: keep adding while the whole stays within the limit.
  let used = lines.join('\n').length + 200;
  const shown = rows.filter((row) => (used += row.join(' | ').length + 6) <= limit);
  lines.push('', markdownTable([['File', 'Job', 'Change', 'Details'], ...shown], { alignDelimiters: false }));
  if (shown.length < rows.length) lines.push('', `${rows.length - shown.length} more differences are not shown here; the drift-report lists them all.`);
  return `${lines.join('\n')}\n`;
}
