import { suggest } from '../../core/config/suggest.js';
import { describeParams } from '../../core/controls/param-bounds.js';
import type { Control } from '../../core/controls/types.js';
import { MaestroError } from '../../core/errors.js';
import { renderCatalogTable } from '../../core/render/render-catalog.js';
import { loadCatalog } from '../../adapters/fs/load-catalog.js';
import { printOut } from '../../adapters/fs/write-output.js';

/** `maestro controls list`. */
export async function listControls(options: { catalog?: string; format: 'text' | 'json' | 'markdown' }): Promise<number> {
  const catalog = await loadCatalog(options.catalog);
  if (options.format === 'json') {
    await printOut(`${JSON.stringify(catalog.controls, null, 2)}\n`);
  } else if (options.format === 'markdown') {
    await printOut(renderCatalogTable(catalog.controls));
  } else {
    const rows = catalog.controls.map((c) => [c.id, c.priority, c.blocking ? 'blocking' : 'report-only', c.evidence.map((e) => e.kind).join(', '), c.title]);
    const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
    const lines = rows.map((r) => r.map((cell, i) => (i < 4 ? cell.padEnd(widths[i]!) : cell)).join('  '));
    await printOut(`${lines.join('\n')}\n${catalog.controls.length} controls, catalog sha256 ${catalog.digest}\n`);
  }
  return 0;
}

/** `maestro controls show <id>`. */
export async function showControl(id: string, options: { catalog?: string; format: 'text' | 'json' }): Promise<number> {
  const catalog = await loadCatalog(options.catalog);
  const control = catalog.controls.find((c) => c.id.toLowerCase() === id.toLowerCase());
  if (!control) {
    const guess = suggest(id, catalog.controls.map((c) => c.id));
    throw new MaestroError('CONTROL_NOT_FOUND', `no control ${id} in the catalog${guess ? ` (did you mean ${guess}?)` : ''}`, { remedy: 'run maestro controls list to see the ids.' });
  }
  await printOut(options.format === 'json' ? `${JSON.stringify(control, null, 2)}\n` : describeControl(control));
  return 0;
}

function describeControl(c: Control): string {
  const applies = [c.applies.always ? 'every pull request' : '', c.applies.labels?.length ? `labels: ${c.applies.labels.join(', ')}` : '', c.applies.paths?.length ? `changed paths: ${c.applies.paths.join(', ')}` : ''].filter(Boolean);
  const lines = [
    `${c.id}  ${c.title}`,
    `priority ${c.priority}, ${c.blocking ? 'blocking' : 'report-only'}${c.owner ? `, owner ${c.owner}` : ''}${c.tags.length ? `, tags ${c.tags.join(', ')}` : ''}`,
    '',
    c.description,
    '',
    `SOC 2:      ${c.frameworks.soc2.join(', ')}`,
    `ISO 27001:  ${c.frameworks.iso27001.join(', ')}`,
    `NIST SSDF:  ${c.frameworks.ssdf.join(', ')}`,
    '',
    `Applies on: ${applies.join('; ')}`,
    '',
    'Evidence (all required):',
  ];
  for (const req of c.evidence) {
    lines.push(`  ${c.id}/${req.kind}: ${req.description}`);
    lines.push(`    about the ${req.scope === 'commit' ? 'head commit' : 'repository (any commit)'}, at most ${req.maxAge} old${req.link ? '; a reviewer-approved manual link also counts' : ''}`);
    if (req.params) lines.push(`    parameters: ${Object.entries(req.params).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')} (override with thresholds.${req.kind}.<name>)`);
    if (req.params) lines.push(`    how far a repo config may loosen them: ${describeParams(req)}; a stricter value is always allowed`);
    if (req.assert) lines.push(`    assertion over data: ${JSON.stringify(req.assert)}`);
  }
  lines.push('', `source: ${c.source}`);
  return `${lines.join('\n')}\n`;
}
