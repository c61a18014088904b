import { markdownTable } from 'markdown-table';
import { describeParams } from '../controls/param-bounds.js';
import type { Control } from '../controls/types.js';

/** The catalog reference table of the README: one row per control, generated from controls/. */
export function renderCatalogTable(controls: Control[]): string {
  const rows = controls.map((c) => [
    `**${c.id}**`,
    c.title.replace(/\|/g, '\\|'),
    c.priority,
    c.blocking ? 'yes' : 'no',
    `SOC 2 ${c.frameworks.soc2.join(', ')}<br>ISO ${c.frameworks.iso27001.join(', ')}<br>SSDF ${c.frameworks.ssdf.join(', ')}`,
    appliesText(c).replace(/\|/g, '\\|'),
    c.evidence.map((e) => `\`${e.kind}\`${e.link && e.kind !== 'link' ? ' or link' : ''} (${e.scope === 'commit' ? 'head commit' : 'repo'}, ≤ ${e.maxAge})${e.params ? `: ${describeParams(e)}` : ''}`).join('<br>'),
  ]);
  return `${markdownTable([['Id', 'Control', 'Priority', 'Blocking', 'Frameworks', 'Applies when', 'Evidence'], ...rows], { alignDelimiters: false })}\n`;
}

function appliesText(c: Control): string {
  if (c.applies.always) return 'every PR';
  const parts: string[] = [];
  if (c.applies.labels?.length) parts.push(`labels ${c.applies.labels.map((l) => `\`${l}\``).join(', ')}`);
  if (c.applies.paths?.length) parts.push(`paths ${c.applies.paths.slice(0, 4).map((p) => `\`${p}\``).join(', ')}${c.applies.paths.length > 4 ? ` and ${c.applies.paths.length - 4} more` : ''}`);
  return parts.join('; ');
}
