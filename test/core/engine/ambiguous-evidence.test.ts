import { describe, expect, it } from '@jest/globals';
import type { GateResult } from '../../../core/engine/types.js';
import { a11yData, counts, driftData, item, makePr, makeReport, OTHER_SHA } from '../../helpers/build-evidence.js';
import { A11Y_CONTROL, catalogOf, DRIFT_CONTROL, run } from '../../helpers/engine.js';

const catalog = catalogOf([A11Y_CONTROL, DRIFT_CONTROL]);
const frontendPr = makePr({ labels: ['frontend'], changedFiles: ['web/App.tsx'] });
const cleanDrift = item('drift.json', makeReport('drift-report', driftData('clean'), { sha: OTHER_SHA }));
const TIME = '2026-11-20T10:00:00Z';
const a11y = (path: string, c = counts(0, 0, 0, 0), createdAt = TIME) => item(path, makeReport('a11y', a11yData(c), { createdAt }));

function requirementOf(result: GateResult, id = 'T-01') {
  const control = result.controls.find((c) => c.controlId === id)!;
  return { result: control.result, requirement: control.requirements[0]! };
}

describe('reports of one kind made at the same time: the worse result wins', () => {
  it('does not let a passing a11y.json hide a failing a11y_same_time_fail.json of the same createdAt (as was seen), and names both', async () => {
    const result = await run({ catalog, pr: frontendPr, evidence: [a11y('a11y.json'), a11y('a11y_same_time_fail.json', counts(2, 0, 0, 0)), cleanDrift] });
    const { result: outcome, requirement } = requirementOf(result);
    expect(outcome).toBe('fail');
    expect(requirement.explanation).toBe(
      '2 a11y reports of the same time (2026-11-20T10:00:00Z): a11y_same_time_fail.json fails, so it decides; a11y.json passes. a11y_same_time_fail.json fails: data.counts.critical is 2, must be <= 0 (parameter maxCritical).',
    );
    expect(requirement.evidence.map((e) => e.path)).toEqual(['a11y_same_time_fail.json', 'a11y.json']);
    // Both were used: neither is listed under "Evidence not used".
    expect(result.evidence.ignored.map((i) => i.ref.path)).toEqual([]);
    expect(result.conclusion).toBe('failure');
  });

  it.each([
    ['the failing file sorts first', ['a.json', 'b.json']],
    ['the failing file sorts last', ['b.json', 'a.json']],
  ])('decides the same whatever the paths (%s)', async (_what, [failing, passing]) => {
    const result = await run({ catalog, pr: frontendPr, evidence: [a11y(passing!), a11y(failing!, counts(0, 0, 0, 9)), cleanDrift] });
    expect(requirementOf(result).result).toBe('fail');
    expect(requirementOf(result).requirement.explanation).toContain(`${failing} fails, so it decides; ${passing} passes.`);
  });

  it('treats two spellings of one instant as the same time', async () => {
    const result = await run({ catalog, pr: frontendPr, evidence: [a11y('a.json'), a11y('b.json', counts(1, 0, 0, 0), '2026-11-20T12:00:00+02:00'), cleanDrift] });
    expect(requirementOf(result).result).toBe('fail');
  });

  it('passes when every report of the newest time passes, naming them all', async () => {
    const result = await run({ catalog, pr: frontendPr, evidence: [a11y('b.json', counts(0, 0, 0, 1)), a11y('a.json'), a11y('c.json', counts(0, 0, 0, 4)), cleanDrift] });
    const { result: outcome, requirement } = requirementOf(result);
    expect(outcome).toBe('pass');
    expect(requirement.explanation).toBe('3 a11y reports of the same time (2026-11-20T10:00:00Z): a.json passes; b.json passes; c.json passes. a.json (created 2026-11-20) meets it: axe finds no critical and fewer than 5 minor violations (data.counts.minor = 0).');
    expect(requirement.evidence.map((e) => e.path)).toEqual(['a.json', 'b.json', 'c.json']);
  });

  it('keeps newest-wins for different times: a newer passing report decides over an older failing one', async () => {
    const result = await run({ catalog, pr: frontendPr, evidence: [a11y('old.json', counts(3, 0, 0, 0), '2026-11-20T09:00:00Z'), a11y('new.json'), cleanDrift] });
    const { result: outcome, requirement } = requirementOf(result);
    expect(outcome).toBe('pass');
    expect(requirement.explanation).toMatch(/^new\.json \(created 2026-11-20\) meets it/);
    expect(result.evidence.ignored.map((i) => i.ref.path)).toEqual(['old.json']);
  });

  it('compares only the reports of the newest time: an older failing report of a shared time does not count', async () => {
    const result = await run({ catalog, pr: frontendPr, evidence: [a11y('old-a.json', counts(3, 0, 0, 0), '2026-11-20T09:00:00Z'), a11y('old-b.json', counts(0, 0, 0, 0), '2026-11-20T09:00:00Z'), a11y('new.json'), cleanDrift] });
    expect(requirementOf(result).result).toBe('pass');
  });
});

describe('ambiguous and inconsistent evidence in the engine', () => {
  it('fails the control on an a11y report whose counts say "critical":7,"critical":0, naming the key', async () => {
    const text = JSON.stringify(makeReport('a11y', a11yData(counts(0, 0, 0, 0)))).replace('"critical":0', '"critical":7,"critical":0');
    const result = await run({ catalog, pr: frontendPr, evidence: [item('a11y.json', text), cleanDrift] });
    const { result: outcome, requirement } = requirementOf(result);
    expect(outcome).toBe('invalid');
    expect(requirement.explanation).toMatch(/^a11y\.json is not a valid a11y report: \/data\/counts\/critical: ambiguous JSON: the key "critical" appears twice in the object at \/data\/counts \(at line 1, column \d+ and again at line 1, column \d+\); JSON readers keep only one of the two values; fix or remove it\.$/);
    expect(result.conclusion).toBe('failure');
  });

  it('fails the control on an a11y report whose total hides the critical violations of its page', async () => {
    const data = { ...a11yData(counts(0, 0, 0, 0)), pages: [{ url: 'http://127.0.0.1/', counts: counts(5, 0, 0, 0) }] };
    const result = await run({ catalog, pr: frontendPr, evidence: [item('a11y.json', makeReport('a11y', data)), cleanDrift] });
    expect(requirementOf(result).result).toBe('invalid');
    expect(requirementOf(result).requirement.explanation).toBe("a11y.json is not a valid a11y report: /data/counts/critical: is 0, but the pages' counts add up to 5; fix or remove it.");
  });

  it('fails the gate on a file with a repeated key that names no known kind', async () => {
    const result = await run({ catalog, pr: frontendPr, evidence: [a11y('a11y.json'), cleanDrift, item('x.json', '{"kind":"a11y","kind":"pentest"}')] });
    expect(result.conclusion).toBe('failure');
    expect(result.evidence.rejected).toEqual([expect.objectContaining({ code: 'JSON_DUPLICATE_KEY', ref: expect.objectContaining({ path: 'x.json' }) })]);
  });
});
