import { describe, expect, it } from '@jest/globals';
import { renderCheckOutput } from '../../../core/render/render-check-output.js';
import { renderGateNotes } from '../../../core/render/render-gate-notes.js';
import { toDecisionLog } from '../../../core/engine/to-decision-log.js';
import { assertValidReport } from '../../../core/evidence/assert-valid-report.js';
import { a11yData, counts, driftData, HEAD, item, makePr, makeReport, OTHER_SHA } from '../../helpers/build-evidence.js';
import { A11Y_CONTROL, catalogOf, DRIFT_CONTROL, run } from '../../helpers/engine.js';

const catalog = catalogOf([A11Y_CONTROL, DRIFT_CONTROL]);
const pr = makePr({ labels: ['frontend'], changedFiles: ['web/App.tsx'] });
const cleanDrift = item('drift.json', makeReport('drift-report', driftData('clean'), { sha: OTHER_SHA }));
const failingA11y = item('a11y.json', makeReport('a11y', a11yData(counts(2, 0, 0, 0))));
const override = { by: 'oncall-lead', reason: 'incident INC-42: hotfix <b>now</b>', at: '2026-11-20T11:00:00Z', sha: HEAD, commentUrl: 'https://github.com/o/r/pull/1#issuecomment-9' };

describe('override in the engine', () => {
  it('forces a failing gate to success for its commit, shown as an override and never as a pass', async () => {
    const result = await run({ catalog, pr, evidence: [failingA11y, cleanDrift], override });
    expect(result.conclusion).toBe('success');
    expect(result.override).toMatchObject({ state: 'applied', wouldBe: 'failure', by: 'oncall-lead' });
    expect(result.headline).toMatch(/^Overridden by @oncall-lead for commit [0-9a-f]{7} \(reason: incident INC-42/);
    expect(result.controls.find((c) => c.controlId === 'T-01')!.result).toBe('fail');
    expect(renderCheckOutput(result).title).toMatch(/^Overridden by/);
    const notes = renderGateNotes(result);
    expect(notes).toContain('### ⚠️ overridden');
    expect(notes).not.toContain('✅ passed');
    expect(notes).toContain('hotfix \\<b\\>now\\</b\\>');
    expect(notes).not.toContain('<b>');
  });

  it('does nothing for another commit: a new push clears the override', async () => {
    const result = await run({ catalog, pr, evidence: [failingA11y, cleanDrift], override: { ...override, sha: OTHER_SHA } });
    expect(result.conclusion).toBe('failure');
    expect(result.override).toBeUndefined();
  });

  it('lists an override that was not needed without changing the headline', async () => {
    const passing = item('a11y.json', makeReport('a11y', a11yData(counts(0, 0, 0, 0))));
    const result = await run({ catalog, pr, evidence: [passing, cleanDrift], override });
    expect(result.conclusion).toBe('success');
    expect(result.override).toMatchObject({ state: 'not-needed', wouldBe: 'success' });
    expect(result.headline).toBe('All 2 applicable controls are met.');
    expect(renderGateNotes(result)).toContain('exists for this commit but is not needed');
  });

  it('overrides a gate stopped by an invalid repo config too, and the decision log keeps the override', async () => {
    const result = await run({ catalog, pr, evidence: [cleanDrift], override, configText: 'nonsense: 1\n' });
    expect(result.conclusion).toBe('success');
    expect(result.override?.wouldBe).toBe('action_required');
    const log = toDecisionLog(result, { name: 'maestro-conductor-app', version: '1.0.0' });
    expect((log.data as { gate: { override: unknown } }).gate.override).toMatchObject({ by: 'oncall-lead', state: 'applied', wouldBe: 'action_required' });
    await expect(assertValidReport(log, 'decision-log.json')).resolves.toBeUndefined();
  });
});
