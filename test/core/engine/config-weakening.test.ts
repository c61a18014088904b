import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '../../../core/config/parse-config.js';
import { toDecisionLog } from '../../../core/engine/to-decision-log.js';
import type { GateResult } from '../../../core/engine/types.js';
import { renderCheckOutput } from '../../../core/render/render-check-output.js';
import { renderControlExplanation } from '../../../core/render/render-control-explanation.js';
import { renderGateNotes } from '../../../core/render/render-gate-notes.js';
import { a11yData, counts, driftData, item, makePr, makeReport, OTHER_SHA } from '../../helpers/build-evidence.js';
import { A11Y_CONTROL, catalogOf, DRIFT_CONTROL, run } from '../../helpers/engine.js';

/** A PR that the shipped catalog's GA-25 (accessibility) and GA-30 (gate workflows, every PR) apply to. */
const frontendPr = makePr({ labels: ['frontend'], changedFiles: ['web/App.tsx'] });
const a11yReport = (minor: number) => item('a11y.json', makeReport('a11y', a11yData(counts(0, 0, 0, minor))));
const cleanDrift = item('drift.json', makeReport('drift-report', driftData('clean'), { sha: OTHER_SHA }));

function control(result: GateResult, id: string) {
  const found = result.controls.find((c) => c.controlId === id);
  if (!found) throw new Error(`no decision for ${id}`);
  return found;
}

describe('a threshold may loosen a catalog bound only as far as the catalog allows', () => {
  it.each([
    ['maxCritical raised by a million', 'thresholds:\n  a11y:\n    maxCritical: 1000000\n', 'thresholds.a11y.maxCritical', '1000000 would raise the bound of GA-25 (counts.critical ≤ 0), which the catalog does not let a repo loosen: maxCritical may not be raised above 0 (controls/ga-25-accessibility.yml says why); a lower value is always allowed'],
    ['maxCritical raised by one', 'thresholds:\n  a11y:\n    maxCritical: 1\n', 'thresholds.a11y.maxCritical', 'maxCritical may not be raised above 0'],
    ['maxMinor past its limit of 20', 'thresholds:\n  a11y:\n    maxMinor: 21\n', 'thresholds.a11y.maxMinor', "21 would raise the bound of GA-25 (counts.minor ≤ 4), past the catalog's limit: a repo may set maxMinor to at most 20 (controls/ga-25-accessibility.yml says why); a lower value is always allowed"],
    ['maxBreaking raised', 'thresholds:\n  schema-diff:\n    maxBreaking: 3\n', 'thresholds.schema-diff.maxBreaking', 'maxBreaking may not be raised above 0'],
    ['failedRate past 2%', 'thresholds:\n  k6-summary:\n    failedRate: 0.05\n', 'thresholds.k6-summary.failedRate', 'a repo may set failedRate to at most 0.02'],
    ['blockAbove past half the budget, for both controls that use it', 'thresholds:\n  slo-burn:\n    blockAbove: 0.9\n', 'thresholds.slo-burn.blockAbove', '0.9 would raise the bound of GA-11, GA-26 (slos[].budgetConsumed ≤ 0.3)'],
    ['minAcaScore below 0.8', 'thresholds:\n  drill-report:\n    minAcaScore: 0.5\n', 'thresholds.drill-report.minAcaScore', "0.5 would lower the bound of GA-11 (measured.acaScore ≥ 0.9), past the catalog's limit: a repo may set minAcaScore to at least 0.8"],
    [
      'minCoverage lowered to 80: the security controls allow no lowering, the others allow it',
      'thresholds:\n  policy-test:\n    minCoverage: 80\n',
      'thresholds.policy-test.minCoverage',
      '80 would lower the bound of GA-10, GA-12 (coverage ≥ 85), which the catalog does not let a repo loosen: minCoverage may not be lowered below 85 (controls/ga-10-nl-cypher-sandbox.yml, controls/ga-12-rbac-opa.yml say why); a higher value is always allowed',
    ],
    [
      'minCoverage lowered to 60 where the security controls are excluded: each remaining limit is named',
      'controls:\n  exclude: [GA-10, GA-12]\nthresholds:\n  policy-test:\n    minCoverage: 60\n',
      'thresholds.policy-test.minCoverage',
      "60 would lower the bound of GA-04 (coverage ≥ 85), past the catalog's limit: a repo may set minCoverage to at least 70 (controls/ga-04-data-residency.yml says why); a higher value is always allowed; and 60 would lower the bound of GA-06 (coverage ≥ 85), past the catalog's limit: a repo may set minCoverage to at least 75",
    ],
  ])('%s: action_required, naming the key and the limit', async (_what, configText, key, message) => {
    const result = await run({ pr: frontendPr, configText });
    expect(result.conclusion).toBe('action_required');
    expect(result.controls).toEqual([]);
    expect(result.configIssues).toEqual([expect.objectContaining({ key, message: expect.stringContaining(message), line: configText.split('\n').length - 1 })]);
    expect(result.headline).toContain(`(${key}: `);
    expect(renderCheckOutput(result).annotations[0]).toMatchObject({ annotation_level: 'failure', title: `Invalid config: ${key}`, start_line: configText.split('\n').length - 1 });
  });

  it.each([
    ['maxMinor at its limit', 'thresholds:\n  a11y:\n    maxMinor: 20\n'],
    ['a stricter maxCritical', 'thresholds:\n  a11y:\n    maxCritical: -1\n'],
    ['minCoverage lowered where only controls that allow it are evaluated', 'controls:\n  exclude: [GA-10, GA-12]\nthresholds:\n  policy-test:\n    minCoverage: 75\n'],
    ['a threshold equal to the default', 'thresholds:\n  a11y:\n    maxCritical: 0\n'],
    ['RTO raised to 8 hours', 'thresholds:\n  drill-report:\n    maxRtoSeconds: 28800\n'],
  ])('%s: accepted', async (_what, configText) => {
    const result = await run({ pr: frontendPr, evidence: [a11yReport(0)], configText });
    expect(result.configIssues).toEqual([]);
    expect(result.conclusion).not.toBe('action_required');
  });
});

describe('every change the repo config makes to a control is shown next to it', () => {
  const source = '.github/maestro.yml';
  it.each([
    ['a loosened bound', 'thresholds:\n  a11y:\n    maxMinor: 10\n', 'GA-25', { key: 'thresholds.a11y.maxMinor', effect: 'loosened', catalog: 4, config: 10, source, bound: 'counts.minor ≤', loosest: 20, line: 3 }, 'bound loosened by .github/maestro.yml (thresholds.a11y.maxMinor): counts.minor ≤ 10, catalog: 4 (the catalog allows up to 20)'],
    ['a tightened bound', 'thresholds:\n  a11y:\n    maxMinor: 1\n', 'GA-25', { key: 'thresholds.a11y.maxMinor', effect: 'tightened', catalog: 4, config: 1, source, bound: 'counts.minor ≤', line: 3 }, 'bound tightened by .github/maestro.yml (thresholds.a11y.maxMinor): counts.minor ≤ 1, catalog: 4'],
    ['a control made report-only', 'controls:\n  customize:\n    GA-25:\n      blocking: false\n', 'GA-25', { key: 'controls.customize.GA-25.blocking', effect: 'report-only', catalog: true, config: false, source, line: 4 }, 'made report-only by .github/maestro.yml (controls.customize.GA-25.blocking: false; catalog: blocking)'],
    ['a report-only control made blocking', 'controls:\n  customize:\n    GA-04:\n      blocking: true\n', 'GA-04', { key: 'controls.customize.GA-04.blocking', effect: 'made-blocking', catalog: false, config: true, source, line: 4 }, 'made blocking by .github/maestro.yml (controls.customize.GA-04.blocking: true; catalog: report-only)'],
    ['new labels', 'controls:\n  customize:\n    GA-25:\n      labels: [ui]\n', 'GA-25', { key: 'controls.customize.GA-25.labels', effect: 'rescoped', catalog: ['a11y', 'frontend'], config: ['ui'], source, line: 4 }, 'labels set by .github/maestro.yml (controls.customize.GA-25.labels): ui; catalog: a11y, frontend'],
    ['new paths', 'controls:\n  customize:\n    GA-25:\n      paths: ["web/**"]\n', 'GA-25', { key: 'controls.customize.GA-25.paths', effect: 'rescoped', catalog: ['**/*.{tsx,jsx,vue,svelte,html,css,scss}'], config: ['web/**'], source, line: 4 }, 'paths set by .github/maestro.yml (controls.customize.GA-25.paths): web/**; catalog: **/*.{tsx,jsx,vue,svelte,html,css,scss}'],
    ['an every-PR rule turned off', 'controls:\n  customize:\n    GA-30:\n      always: false\n      paths: ["web/**"]\n', 'GA-30', { key: 'controls.customize.GA-30.always', effect: 'rescoped', catalog: true, config: false, source, line: 4 }, 'every-PR rule set by .github/maestro.yml (controls.customize.GA-30.always): false; catalog: true'],
  ])('%s: in the JSON result, the gate notes, the check output and the decision log', async (_what, configText, id, change, note) => {
    // GA-04 (residency) applies too, so that every changed control is in the check output's decisions.
    const result = await run({ pr: { ...frontendPr, labels: ['frontend', 'residency'] }, evidence: [a11yReport(7), cleanDrift], configText });
    const decision = control(result, id);
    expect(decision.result).not.toBe('not-applicable');
    expect(decision.configChanges).toContainEqual(change);
    expect(decision.notes).toContain(note);
    const rendered = renderGateNotes(result).replace(/\\/g, '');
    expect(rendered).toContain(`⚙️ ${note}`);
    const output = renderCheckOutput(result);
    expect(output.text.replace(/\\/g, '')).toContain(`changed by the repo config: ${note}`);
    expect(output.annotations).toContainEqual(expect.objectContaining({ path: '.github/maestro.yml', title: `Changes the catalog: ${change.key}`, message: `${id}: ${note}`, start_line: change.line }));
    expect(renderControlExplanation(result, decision).replace(/\\/g, '')).toContain(`Changed by the repo config: ${note}`);
    const log = toDecisionLog(result, { name: 'maestro-test', version: '1.0.0' });
    expect(item('decision-log.json', log).status).toBe('valid');
    expect((log.data as { decisions: Array<{ ruleId: string; configChanges?: unknown[] }> }).decisions.find((d) => d.ruleId === id)!.configChanges).toContainEqual(change);
  });

  it('marks the result of a control whose rules the config changed, and leaves other controls alone', async () => {
    const result = await run({ pr: frontendPr, evidence: [a11yReport(7), cleanDrift], configText: 'thresholds:\n  a11y:\n    maxMinor: 10\n' });
    expect(control(result, 'GA-25').result).toBe('pass');
    const notes = renderGateNotes(result);
    expect(notes).toMatch(/<summary>✅ <a [^>]+>GA-25<\/a> Accessibility \(WCAG 2\.1 AA\) ⚙️: /);
    expect(notes).toMatch(/<summary>✅ <a [^>]+>GA-30<\/a> GA Gates PR Template &amp; Checks: /);
    expect(renderCheckOutput(result).summary).toMatch(/#### ✅ met \(rules changed by the repo config\): \*\*\[GA-25\]/);
    expect(control(result, 'GA-30').configChanges).toEqual([]);
  });

  it('lists excluded and filtered controls as changes, with the key, and their reason in the notes', async () => {
    const result = await run({ pr: frontendPr, evidence: [a11yReport(0), cleanDrift], configText: 'controls:\n  priorities: [P0]\n  exclude: [GA-01]\n' });
    expect(control(result, 'GA-01').configChanges).toEqual([{ key: 'controls.exclude', effect: 'excluded', catalog: 'evaluated', config: 'excluded', source, line: 3 }]);
    expect(control(result, 'GA-25').configChanges).toEqual([{ key: 'controls.priorities', effect: 'excluded', catalog: 'P1', config: ['P0'], source, line: 2 }]);
    expect(renderGateNotes(result)).toContain('Accessibility (WCAG 2.1 AA): the repo config evaluates only P0 controls (controls.priorities)');
  });

  it('shows a re-scoping next to a control it made not apply', async () => {
    const result = await run({ pr: frontendPr, evidence: [cleanDrift], configText: 'controls:\n  customize:\n    GA-25:\n      labels: [ui]\n      paths: ["app/**"]\n' });
    expect(control(result, 'GA-25').result).toBe('not-applicable');
    expect(renderGateNotes(result).replace(/\\/g, '')).toContain('Accessibility (WCAG 2.1 AA): no label among ui and no changed file matches app/** ⚙️ labels set by .github/maestro.yml (controls.customize.GA-25.labels): ui; catalog: a11y, frontend; paths set by');
  });

  it('shows no change for settings equal to the catalog', async () => {
    const result = await run({ pr: frontendPr, evidence: [a11yReport(0), cleanDrift], configText: 'controls:\n  customize:\n    GA-25:\n      blocking: true\n      labels: [a11y, frontend]\nthresholds:\n  a11y:\n    maxCritical: 0\n' });
    expect(result.controls.flatMap((c) => c.configChanges)).toEqual([]);
    expect(renderCheckOutput(result).annotations).toEqual([]);
  });
});

describe('a config that leaves no blocking control concludes action_required, never neutral or success', () => {
  const everyId = Array.from({ length: 30 }, (_, i) => `GA-${String(i + 1).padStart(2, '0')}`);
  const headline = (source: string) => `The config of ${source} leaves no blocking control for this pull request (the catalog would apply 2: GA-25, GA-30); a gate that cannot fail protects nothing.`;
  it.each([
    ['every control excluded', `controls:\n  exclude: [${everyId.join(', ')}]\n`],
    ['every control report-only', `controls:\n  customize:\n${everyId.map((id) => `    ${id}:\n      blocking: false\n`).join('')}`],
    ['only P2 controls evaluated', 'controls:\n  priorities: [P2]\n'],
    ['only controls of an unused tag evaluated', 'controls:\n  tags: [edge]\n'],
    ['the applying controls re-scoped away', 'controls:\n  customize:\n    GA-25:\n      labels: [never]\n      paths: ["never/**"]\n    GA-30:\n      always: false\n      labels: [never]\n'],
  ])('%s', async (_what, configText) => {
    const result = await run({ pr: frontendPr, evidence: [a11yReport(0), cleanDrift], configText });
    expect(result.conclusion).toBe('action_required');
    expect(result.headline).toBe(headline('.github/maestro.yml'));
    expect(result.configIssues).toEqual([expect.objectContaining({ key: 'controls', line: 1, message: expect.stringContaining('keep at least one of them evaluated and blocking') })]);
    expect(result.controls).toHaveLength(30);
    const notes = renderGateNotes(result);
    expect(notes).toContain('### ⚠️ config error: Enforce GA Gates Evidence');
    expect(notes).toContain(headline('.github/maestro.yml'));
  });

  it('names the config file given', async () => {
    const result = await run({ pr: frontendPr, config: parseConfig('controls:\n  priorities: [P2]\n', 'ci/maestro.yml') });
    expect(result.headline).toBe(headline('ci/maestro.yml'));
  });

  it('stays neutral for a pull request to which no blocking control would apply even under the catalog', async () => {
    const catalog = catalogOf([A11Y_CONTROL, { ...DRIFT_CONTROL, blocking: false }]);
    const result = await run({ catalog, pr: makePr({ labels: ['docs'], changedFiles: ['README.md'] }), evidence: [cleanDrift], configText: 'controls:\n  exclude: [T-01, T-02]\n' });
    expect(result.conclusion).toBe('neutral');
    expect(result.headline).toBe('No control applies to this pull request.');
  });

  it('is not triggered while one blocking control remains, even one the config made blocking', async () => {
    const result = await run({ pr: makePr({ labels: ['residency'], changedFiles: ['README.md'] }), configText: 'controls:\n  exclude: [GA-30]\n  customize:\n    GA-04:\n      blocking: true\n' });
    expect(result.conclusion).toBe('failure');
    expect(result.headline).toBe('1 of 1 applicable controls is not met: GA-04.');
  });
});
