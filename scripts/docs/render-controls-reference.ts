/**
 * docs/reference/controls.md: every control of the shipped catalog (controls/*.yml) with its
 * framework clauses, when it applies, the evidence it needs and whether it blocks. Each control
 * has the anchor of its id in lower case, so other pages link `controls.md#ga-25`.
 */
import { describeParams } from '../../core/controls/param-bounds.js';
import type { Control, EvidenceRequirement } from '../../core/controls/types.js';
import { cell, code, generatedBanner, table } from './markdown.js';

/** The anchor of a control's section: its id in lower case (`ga-25`). */
export function controlAnchor(id: string): string {
  return id.toLowerCase();
}

function appliesWhen(control: Control): string[] {
  if (control.applies.always) return ['- every pull request'];
  const out: string[] = [];
  if (control.applies.labels?.length) out.push(`- a label among ${control.applies.labels.map(code).join(', ')}`);
  if (control.applies.paths?.length) out.push(`- a changed file matching ${control.applies.paths.map(code).join(', ')}`);
  return out.length ? out : ['- never, unless the repo config makes it apply'];
}

function requirementRow(req: EvidenceRequirement): string[] {
  const match = req.match ? Object.entries(req.match).map(([k, v]) => `${k} = ${Array.isArray(v) ? v.join(' or ') : String(v)}`).join(', ') : '';
  return [
    code(req.kind),
    cell(`${req.description}${match ? ` Only reports with ${match} count.` : ''}`),
    req.scope === 'commit' ? 'the head commit' : 'any commit of the repository',
    code(req.maxAge),
    req.kind === 'link' ? 'only a link' : req.link ? 'yes' : 'no',
    cell(describeParams(req) ?? ''),
  ];
}

function section(control: Control, source: string): string {
  const f = control.frameworks;
  return [
    `<a id="${controlAnchor(control.id)}"></a>`,
    '',
    `## ${control.id}: ${control.title}`,
    '',
    `${control.priority}, ${control.blocking ? '**blocking**: a failure fails the gate' : 'not blocking: reported only'}.${control.owner ? ` Owner: ${control.owner}.` : ''} Tags: ${control.tags.map(code).join(', ') || 'none'}. Source: [${source}](../../${source}).`,
    '',
    control.description.trim(),
    '',
    `Framework clauses: SOC 2 ${f.soc2.join(', ')}; ISO/IEC 27001:2022 ${f.iso27001.join(', ')}; NIST SSDF ${f.ssdf.join(', ')}.`,
    '',
    'Applies when the pull request has',
    '',
    ...appliesWhen(control),
    '',
    'Evidence (every requirement must be met):',
    '',
    table(['Kind', 'What is checked', 'About', 'Max age', 'Reviewer-approved link', 'Parameters (how far a repo may loosen them)'], control.evidence.map(requirementRow)),
    '',
  ].join('\n');
}

/** The whole page; `sourceOf` names each control's file relative to the repository. */
export function renderControlsReference(controls: Control[], sourceOf: (control: Control) => string): string {
  const summary = controls.map((c) => [
    `[${c.id}](#${controlAnchor(c.id)})`,
    cell(c.title),
    c.priority,
    c.blocking ? 'yes' : 'no',
    c.applies.always ? 'every PR' : 'labels or paths',
    c.evidence.map((e) => code(e.kind)).join(', '),
  ]);
  return [
    generatedBanner('controls/*.yml'),
    '',
    '# Controls reference',
    '',
    `The ${controls.length} controls of the shipped catalog, one file each in [controls/](../../controls/). GA (general availability)`,
    'controls are the gates a change must pass before it ships to everyone. How the gate uses them is in',
    '[How the gate decides](../how-the-gate-decides.md); the file format and the limits a repo config may loosen are in',
    '[The controls catalog](../controls-catalog.md); writing your own catalog is in [Custom catalogs](../custom-catalogs.md).',
    '',
    table(['Id', 'Control', 'Priority', 'Blocking', 'Applies to', 'Evidence'], summary),
    '',
    ...controls.map((c) => section(c, sourceOf(c))),
  ].join('\n');
}
