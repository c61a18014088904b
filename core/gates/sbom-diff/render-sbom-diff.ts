import { renderBudgetTable } from '../../render/render-budget-table.js';
import { escapeCode, escapeMarkdown } from '../../render/escape-markdown.js';
import { GITHUB_TEXT_LIMIT } from '../../render/render-gate-notes.js';
import type { SbomDiffData, SbomPolicy } from './types.js';

const FULL_LIST = 'the sbom-diff report (maestro sbom-diff --format json)';

/** The SBOM diff for the PR: verdict, counts, violations, then one table of changed components. */
export function renderSbomDiff(data: SbomDiffData, passed: boolean, headline: string, copyleft: SbomPolicy['copyleft'], limit = GITHUB_TEXT_LIMIT): string {
  const { counts } = data;
  const out = [
    `### SBOM diff ${passed ? '✅ passed' : '❌ failed'}`,
    '',
    escapeMarkdown(headline, 1500),
    '',
    `${escapeCode(data.base.file, 150)} (${data.base.format}, ${data.base.components} components) → ${escapeCode(data.head.file, 150)} (${data.head.format}, ${data.head.components} components) · copyleft check: ${copyleft}`,
    '',
    '| Added | Removed | Version changed | License changed |',
    '| --- | --- | --- | --- |',
    `| ${counts.added} | ${counts.removed} | ${counts.versionChanged} | ${counts.licenseChanged} |`,
    '',
  ];
  let budget = limit - 3000;
  if (data.violations.length > 0) {
    const table = renderBudgetTable(['Rule', 'Package', 'Why'], data.violations.map((v) => [v.rule, escapeCode(v.purl, 200), escapeMarkdown(v.message, 300)]), budget / 3, FULL_LIST);
    out.push('**Policy violations**', '', ...table, '');
    budget -= table.join('\n').length;
  }
  const licenses = (l: string[]): string => (l.length > 0 ? escapeMarkdown(l.join(', '), 200) : '–');
  const rows = [
    ...data.added.map((c) => ['➕ added', escapeCode(c.purl, 200), '', escapeMarkdown(c.version ?? '', 60), licenses(c.licenses)]),
    ...data.removed.map((c) => ['➖ removed', escapeCode(c.purl, 200), escapeMarkdown(c.version ?? '', 60), '', licenses(c.licenses)]),
    ...data.versionChanged.map((c) => ['🔁 version', escapeCode(c.purl, 200), escapeMarkdown(c.from, 60), escapeMarkdown(c.to, 60), '']),
    ...data.licenseChanged.map((c) => ['⚖️ license', escapeCode(c.purl, 200), licenses(c.from), licenses(c.to), '']),
  ];
  if (rows.length > 0) out.push('<details><summary>Changed components</summary>', '', ...renderBudgetTable(['Change', 'Package', 'From', 'To', 'Licenses'], rows, budget, FULL_LIST), '', '</details>', '');
  return `${out.join('\n').trimEnd()}\n`;
}
