import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '../../../core/config/parse-config.js';
import { toDecisionLog } from '../../../core/engine/to-decision-log.js';
import type { GateResult } from '../../../core/engine/types.js';
import { waiverPolicyProblem } from '../../../core/engine/waiver-policy.js';
import { renderGateNotes } from '../../../core/render/render-gate-notes.js';
import { a11yData, counts, driftData, item, makePr, makeReport, NOW, OTHER_SHA, valid } from '../../helpers/build-evidence.js';
import { A11Y_CONTROL, catalogOf, DRIFT_CONTROL, run } from '../../helpers/engine.js';

const catalog = catalogOf([A11Y_CONTROL, DRIFT_CONTROL]);
/** A PR opened by @dev on which T-01 fails (2 critical findings) and T-02 passes; evaluated at NOW, 2026-11-20T12:00Z. */
const pr = makePr({ labels: ['frontend'], changedFiles: ['web/App.tsx'], author: 'dev' });
const failing = [item('a11y.json', makeReport('a11y', a11yData(counts(2, 0, 0, 0)))), item('drift.json', makeReport('drift-report', driftData('clean'), { sha: OTHER_SHA }))];
const passing = [item('a11y.json', makeReport('a11y', a11yData())), failing[1]!];

/** A waiver of T-01 as a waiver store (the app, --waivers, the action's waivers input) hands it over. */
function waiver(path: string, terms: { until: string; createdAt?: string; approvedBy?: string }) {
  return valid(path, makeReport('waiver', { controlId: 'T-01', until: terms.until, reason: 'vendor fix due next sprint', approvedBy: terms.approvedBy ?? 'lead' }, { createdAt: terms.createdAt ?? '2026-11-20T09:00:00Z' }));
}

const t01 = (result: GateResult) => result.controls.find((c) => c.controlId === 'T-01')!;

describe('waiver policy, applied when the gate evaluates whatever the waiver came from', () => {
  it.each([
    ['30 days from its grant, the default limit', undefined, { until: '2026-12-19' }, 'active', 'waived', 'Waived by @lead until 2026-12-19'],
    ['31 days from its grant', undefined, { until: '2026-12-20' }, 'rejected', 'fail', 'it lasts 31 days from 2026-11-20, beyond the 30 days .github/maestro.yml allows (waivers.maxDays).'],
    ['until 2999-12-31', undefined, { until: '2999-12-31', createdAt: '2026-11-01T00:00:00Z' }, 'rejected', 'fail', 'The waiver for T-01 by @lead until 2999-12-31 is not applied: it lasts 355442 days from 2026-11-01, beyond the 30 days .github/maestro.yml allows (waivers.maxDays).'],
    ['dated in the future to look short (counted from today)', undefined, { until: '2999-12-31', createdAt: '2999-12-20T00:00:00Z' }, 'rejected', 'fail', 'it lasts 355423 days from 2026-11-20'],
    ['14 days under waivers.maxDays: 14', 'waivers:\n  maxDays: 14\n', { until: '2026-11-23', createdAt: '2026-11-10T15:00:00Z' }, 'active', 'waived', 'Waived by @lead'],
    ['15 days under waivers.maxDays: 14', 'waivers:\n  maxDays: 14\n', { until: '2026-11-24', createdAt: '2026-11-10T15:00:00Z' }, 'rejected', 'fail', 'it lasts 15 days from 2026-11-10, beyond the 14 days .github/maestro.yml allows (waivers.maxDays)'],
    ['approved by the PR author', undefined, { until: '2026-11-25', approvedBy: 'dev' }, 'rejected', 'fail', 'is not applied: @dev approved it on a pull request they opened, and .github/maestro.yml lets nobody waive their own pull request (waivers.allowSelf).'],
    ['approved by the PR author, in other letter case', undefined, { until: '2026-11-25', approvedBy: 'DEV' }, 'rejected', 'fail', '(waivers.allowSelf)'],
    ['approved by the PR author under waivers.allowSelf: true', 'waivers:\n  allowSelf: true\n', { until: '2026-11-25', approvedBy: 'dev' }, 'active', 'waived', 'Waived by @dev until 2026-11-25'],
    ['self-approved and too long: both rules named', undefined, { until: '2027-01-31', approvedBy: 'dev' }, 'rejected', 'fail', '(waivers.allowSelf); and it lasts 73 days from 2026-11-20'],
    ['too long but over already: only expired', undefined, { until: '2026-11-19', createdAt: '2026-08-01T00:00:00Z' }, 'expired', 'fail', 'A waiver by @lead expired at the end of 2026-11-19 and no longer counts.'],
  ])('a waiver %s: %s', async (_what, configText, terms, state, result, words) => {
    const gate = await run({ catalog, pr, evidence: failing, configText, waivers: [waiver('waivers.json#0', terms)] });
    expect(t01(gate).result).toBe(result);
    expect(t01(gate).explanation).toContain(words);
    expect(gate.waivers.map((w) => w.state)).toEqual([state]);
    expect(gate.conclusion).toBe(result === 'waived' ? 'success' : 'failure');
  });

  it('a rejected waiver is shown as rejected in the JSON result, the control and the gate notes, and the decision log stays valid', async () => {
    const gate = await run({ catalog, pr, evidence: failing, waivers: [waiver('waivers.json#0', { until: '2999-12-31' })] });
    const rejection = 'it lasts 355423 days from 2026-11-20, beyond the 30 days .github/maestro.yml allows (waivers.maxDays)';
    expect(gate.waivers).toEqual([expect.objectContaining({ controlId: 'T-01', until: '2999-12-31', approvedBy: 'lead', state: 'rejected', rejection })]);
    expect(t01(gate).waiver).toMatchObject({ state: 'rejected', rejection });
    expect(gate.headline).toBe('1 of 2 applicable controls is not met: T-01.');
    expect(gate.evidence.used.map((r) => r.path)).toContain('waivers.json#0');
    const notes = renderGateNotes(gate);
    expect(notes).toContain('**Waivers**');
    expect(notes).toContain('- **T-01** waiver by @\u200blead until 2999-12-31 (rejected, not applied: it lasts 355423 days from 2026-11-20, beyond the 30 days .github/maestro.yml allows (waivers.maxDays)): vendor fix due next sprint');
    expect(item('decision-log.json', toDecisionLog(gate, { name: 'maestro-test', version: '1.0.0' })).status).toBe('valid');
  });

  it('names the config file the limit comes from, or the default config', async () => {
    const gate = await run({ catalog, pr, evidence: failing, config: parseConfig('waivers:\n  maxDays: 7\n', 'ci/maestro.yml'), waivers: [waiver('w', { until: '2026-11-30' })] });
    expect(t01(gate).explanation).toContain('beyond the 7 days ci/maestro.yml allows (waivers.maxDays)');
    const defaults = await run({ catalog, pr, evidence: failing, config: parseConfig(undefined, '(defaults)'), waivers: [waiver('w', { until: '2026-12-31' })] });
    expect(t01(defaults).explanation).toContain('beyond the 30 days the default config allows (waivers.maxDays)');
  });

  it('a rejected waiver does not hide one within the policy, and is listed beside it', async () => {
    const gate = await run({ catalog, pr, evidence: failing, waivers: [waiver('w-long', { until: '2999-12-31' }), waiver('w-ok', { until: '2026-11-27' })] });
    expect(t01(gate).result).toBe('waived');
    expect(t01(gate).waiver).toMatchObject({ state: 'active', until: '2026-11-27' });
    expect(t01(gate).explanation).toMatch(/^Waived by @lead until 2026-11-27 .* The waiver for T-01 by @lead until 2999-12-31 is not applied: it lasts/);
    expect(gate.waivers.map((w) => [w.ref.path, w.state])).toEqual([['w-ok', 'active'], ['w-long', 'rejected']]);
  });

  it('a rejected waiver of a control that passes anyway is still reported', async () => {
    const gate = await run({ catalog, pr, evidence: passing, waivers: [waiver('w', { until: '2026-11-25', approvedBy: 'dev' })] });
    expect(t01(gate).result).toBe('pass');
    expect(gate.conclusion).toBe('success');
    expect(gate.waivers.map((w) => w.state)).toEqual(['rejected']);
  });

  it('gives the same result whatever order the waivers come in', async () => {
    const a = waiver('w-a', { until: '2999-12-31' });
    const b = waiver('w-b', { until: '2026-11-25', approvedBy: 'dev' });
    expect(await run({ catalog, pr, evidence: failing, waivers: [a, b] })).toEqual(await run({ catalog, pr, evidence: failing, waivers: [b, a] }));
  });

  it('judges against the given time only: the same waiver is within the policy on the day it was granted', () => {
    const policy = { maxDays: 30, allowSelf: false, source: '.github/maestro.yml' };
    const terms = { until: '2026-12-19', approvedBy: 'lead', createdAt: '2026-11-20T23:59:59Z' };
    expect(waiverPolicyProblem(terms, 'dev', policy, Date.parse(NOW))).toBeUndefined();
    expect(waiverPolicyProblem({ ...terms, createdAt: 'not a time' }, 'dev', policy, Date.parse('2026-11-19T00:00:00Z'))).toContain('lasts 31 days from 2026-11-19');
  });
});
