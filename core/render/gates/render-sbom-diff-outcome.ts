import type { SbomDiffData, SbomPolicy } from '../../gates/sbom-diff/types.js';
import { escapeCode, escapeMarkdown } from '../../util/escape-markdown.js';
import { renderBudgetTable } from '../render-budget-table.js';
import { GITHUB_TEXT_LIMIT } from '../render-gate-notes.js';
import type { GateBody } from '../render-gate-outcome.js';

const FULL_LIST = 'the sbom-diff report (maestro sbom-diff --format json)';

/**
 * The SBOM diff gate's Markdown body: counts, policy violations, then one folded table of changed
 * components, within `limit` characters; the two SBOMs and the copyleft check in the footer.
 */
export function renderSbomDiffOutcome(data: SbomDiffData, copyleft: SbomPolicy['copyleft'], limit = GITHUB_TEXT_LIMIT): GateBody {
  const { counts } = data;
  const sections = [['| Added | Removed | Version changed | License changed |', '| --- | --- | --- | --- |', `| ${counts.added} | ${counts.removed} | ${counts.versionChanged} | ${counts.licenseChanged} |`].join('\n')];
  let budget = limit - 3000;
  if (data.violations.length > 0) {
    const table = renderBudgetTable(['Rule', 'Package', 'Why'], data.violations.map((v) => [v.rule, escapeCode(v.purl, 200), escapeMarkdown(v.message, 300)]), budget / 3, FULL_LIST);
    sections.push(['**Policy violations**', '', ...table].join('\n'));
    budget -= table.join('\n').length;
  }
  const licenses = (l: string[]): string => (l.length > 0 ? escapeMarkdown(l.join(', '), 200) : '–');
  const rows = [
    ...data.added.map((c) => ['➕ added', escapeCode(c.purl, 200), '', escapeMarkdown(c.version ?? '', 60), licenses(c.licenses)]),
    ...data.removed.map((c) => ['➖ removed', escapeCode(c.purl, 200), escapeMarkdown(c.version ?? '', 60), '', licenses(c.licenses)]),
    ...data.versionChanged.map((c) => ['🔁 version', escapeCode(c.purl, 200), escapeMarkdown(c.from, 60), escapeMarkdown(c.to, 60), '']),
    ...data.licenseChanged.map((c) => ['⚖️ license', escapeCode(c.purl, 200), licenses(c.from), licenses(c.to), '']),
  ];
  if (rows.length > 0) sections.push(['<details><summary>Changed components</summary>', '', ...renderBudgetTable(['Change', 'Package', 'From', 'To', 'Licenses'], rows, budget, FULL_LIST), '', '</details>'].join('\n'));
  return {
    sections,
    footer: `SBOMs: ${escapeCode(data.base.file, 150)} (${data.base.format}, ${data.base.components} components) → ${escapeCode(data.head.file, 150)} (${data.head.format}, ${data.head.components} components) · copyleft check: ${copyleft}.`,
  };
}
