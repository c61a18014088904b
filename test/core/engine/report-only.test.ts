import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '../../../core/config/parse-config.js';
import { toDecisionLog } from '../../../core/engine/to-decision-log.js';
import type { GateResult } from '../../../core/engine/types.js';
import { renderGateNotes } from '../../../core/render/render-gate-notes.js';
import { a11yData, counts, driftData, HEAD, item, makePr, makeReport, OTHER_SHA, waiverReport, valid } from '../../helpers/build-evidence.js';
import { evaluate, type EvaluateInput } from '../../../core/engine/evaluate.js';
import { prepareAssertions } from '../../../core/engine/prepare-assertions.js';
import { assertionValidators } from '../../../core/generated/assertions.js';
import { defaultCatalog } from '../../../core/generated/catalog.js';
import { NOW } from '../../helpers/build-evidence.js';
import { A11Y_CONTROL, catalogOf, DRIFT_CONTROL, run } from '../../helpers/engine.js';

/** The engine with the shipped catalog and the inputs the shared helper does not pass (the app's proposed mode). */
async function evaluateWith(input: Pick<EvaluateInput, 'pr' | 'evidence' | 'proposedMode'> & { configText?: string }): Promise<GateResult> {
  return evaluate({ catalog: defaultCatalog, assertions: await prepareAssertions(defaultCatalog, assertionValidators), config: parseConfig(input.configText), pr: input.pr, evidence: input.evidence, ...(input.proposedMode ? { proposedMode: input.proposedMode } : {}), now: NOW });
}

/** GA-25 (accessibility) and GA-30 (gate workflows, every PR) apply to this PR under the shipped catalog. */
const frontendPr = makePr({ labels: ['frontend'], changedFiles: ['web/App.tsx'] });
const a11y = (critical: number) => item('a11y.json', makeReport('a11y', a11yData(counts(critical, 0, 0, 0))));
const cleanDrift = item('drift.json', makeReport('drift-report', driftData('clean'), { sha: OTHER_SHA }));
const REPORT_ONLY = 'mode: report-only\n';
const TAIL = '; mode: report-only, so the check does not block.';

function logOf(result: GateResult): Record<string, any> {
  const log = toDecisionLog(result, { name: 'maestro-test', version: '1.0.0' });
  expect(item('decision-log.json', log).status).toBe('valid');
  return (log.data as { gate: Record<string, any> }).gate;
}

describe('mode: report-only', () => {
  describe('when blocking controls are not met', () => {
    it('concludes neutral, names the N controls that would fail, and records what enforce would conclude', async () => {
      const result = await run({ pr: frontendPr, evidence: [a11y(2)], configText: REPORT_ONLY });
      expect(result.conclusion).toBe('neutral');
      expect(result.headline).toBe(`report-only: this pull request would fail 2 controls (GA-25, GA-30)${TAIL}`);
      expect(result.mode).toEqual({ mode: 'report-only', source: '.github/maestro.yml', wouldBe: 'failure', wouldFail: ['GA-25', 'GA-30'], notes: [] });
      expect(logOf(result)).toMatchObject({ conclusion: 'neutral', mode: { mode: 'report-only', wouldBe: 'failure', wouldFail: ['GA-25', 'GA-30'] } });
    });

    it('says so in the heading and under the headline of the gate notes', async () => {
      const notes = renderGateNotes(await run({ pr: frontendPr, evidence: [a11y(2)], configText: REPORT_ONLY }));
      expect(notes).toContain('### 👀 report-only, would fail: Enforce GA Gates Evidence');
      expect(notes).toContain('report-only: this pull request would fail 2 controls (GA-25, GA-30)');
      expect(notes).toContain('> **Report-only mode** (set by `.github/maestro.yml`): this check does not block merging. In enforce mode it would fail GA-25, GA-30.');
    });

    it('counts unusable evidence as a reason it would fail', async () => {
      const broken = item('broken.json', '{"kind": "a11y"');
      const result = await run({ pr: frontendPr, evidence: [a11y(0), cleanDrift, broken], configText: REPORT_ONLY });
      expect(result.conclusion).toBe('neutral');
      expect(result.headline).toBe(`report-only: this pull request would fail 0 controls and 1 unusable evidence file (broken.json)${TAIL}`);
      expect(result.mode).toMatchObject({ wouldBe: 'failure', wouldFail: [] });
    });

    it('does not count report-only controls or waived ones', async () => {
      const waiver = valid('waiver.json', waiverReport('GA-25', '2026-11-30', { approvedBy: 'lead' }));
      const result = await run({ pr: frontendPr, evidence: [a11y(2)], waivers: [waiver], configText: `${REPORT_ONLY}controls:\n  customize:\n    GA-04:\n      blocking: false\n` });
      expect(result.mode?.wouldFail).toEqual(['GA-30']);
      expect(result.headline).toBe(`report-only: this pull request would fail 1 control (GA-30)${TAIL}`);
    });
  });

  it('concludes success when nothing would fail, with a headline that still says report-only', async () => {
    const result = await run({ pr: frontendPr, evidence: [a11y(0), cleanDrift], configText: REPORT_ONLY });
    expect(result.conclusion).toBe('success');
    expect(result.headline).toBe(`report-only: this pull request would pass (all 2 applicable controls are met)${TAIL}`);
    expect(result.mode).toMatchObject({ mode: 'report-only', wouldBe: 'success', wouldFail: [] });
    expect(renderGateNotes(result)).toContain('### 👀 report-only, would pass: Enforce GA Gates Evidence');
  });

  it('stays neutral when no control applies, saying report-only', async () => {
    const catalog = catalogOf([A11Y_CONTROL, { ...DRIFT_CONTROL, blocking: false }]);
    const result = await run({ catalog, pr: makePr({ labels: ['docs'], changedFiles: ['README.md'] }), evidence: [cleanDrift], configText: `${REPORT_ONLY}controls:\n  exclude: [T-01, T-02]\n` });
    expect(result.conclusion).toBe('neutral');
    expect(result.headline).toBe(`report-only: no control applies to this pull request${TAIL}`);
    expect(result.mode).toMatchObject({ wouldBe: 'neutral', wouldFail: [] });
  });

  it('leaves a config that disarms the gate action_required, with the mode recorded', async () => {
    const result = await run({ pr: makePr({ changedFiles: ['README.md'] }), evidence: [cleanDrift], configText: `${REPORT_ONLY}controls:\n  exclude: [GA-30]\n` });
    expect(result.conclusion).toBe('action_required');
    expect(result.mode).toEqual({ mode: 'report-only', source: '.github/maestro.yml', notes: [] });
  });

  it('never softens a config problem: an over-loosened threshold is still action_required', async () => {
    const result = await run({ pr: frontendPr, evidence: [a11y(2)], configText: `${REPORT_ONLY}thresholds:\n  a11y:\n    maxCritical: 5\n` });
    expect(result.conclusion).toBe('action_required');
    expect(result.headline).toMatch(/^The repo config \.github\/maestro\.yml is invalid \(thresholds\.a11y\.maxCritical: /);
  });

  it('leaves an override not needed: report-only blocks nothing', async () => {
    const override = { by: 'lead', reason: 'hotfix', at: '2026-11-20T11:00:00Z', sha: HEAD };
    const result = await run({ pr: frontendPr, evidence: [a11y(2)], configText: REPORT_ONLY, override });
    expect(result.conclusion).toBe('neutral');
    expect(result.override).toMatchObject({ state: 'not-needed', wouldBe: 'neutral' });
  });
});

describe('mode: enforce (the default)', () => {
  it.each([
    ['no config', undefined, { mode: 'enforce', notes: [] }],
    ['mode: enforce', 'mode: enforce\n', { mode: 'enforce', source: '.github/maestro.yml', notes: [] }],
  ])('%s: fails as before and records the mode', async (_what, configText, mode) => {
    const result = await run({ pr: frontendPr, evidence: [a11y(2)], ...(configText ? { configText } : {}) });
    expect(result.conclusion).toBe('failure');
    expect(result.headline).toBe('2 of 2 applicable controls are not met: GA-25, GA-30.');
    expect(result.mode).toEqual(mode);
    expect(logOf(result).mode).toEqual({ mode: 'enforce', ...('source' in mode ? { source: '.github/maestro.yml' } : {}) });
  });

  it('refuses an unknown mode, naming the key and the values', () => {
    const config = parseConfig('mode: audit\n');
    expect(config).toMatchObject({ ok: false, issues: [{ key: 'mode', line: 1, message: expect.stringContaining('enforce') }] });
  });
});

describe('a pull request cannot relax the gate that judges it', () => {
  it('does not apply report-only to a pull request that changes the config file read from its own files (CLI, action)', async () => {
    const pr = { ...frontendPr, changedFiles: ['.github/maestro.yml', 'web/App.tsx'] };
    const result = await run({ pr, evidence: [a11y(2)], configText: REPORT_ONLY });
    expect(result.conclusion).toBe('failure');
    expect(result.headline).toBe('2 of 2 applicable controls are not met: GA-25, GA-30.');
    expect(result.mode).toEqual({ mode: 'enforce', notes: ['mode: report-only in .github/maestro.yml is not applied to this pull request, which changes that file: a pull request cannot relax the gate that judges it. It applies to other pull requests once this one is merged.'] });
    expect(renderGateNotes(result)).toContain('> ⚠️ mode: report-only in .github/maestro.yml is not applied to this pull request, which changes that file');
    expect(logOf(result).mode.notes).toHaveLength(1);
  });

  it('matches the config path given (ci/maestro.yml, ./ci/maestro.yml)', async () => {
    const pr = { ...frontendPr, changedFiles: ['ci/maestro.yml', 'web/App.tsx'] };
    for (const source of ['ci/maestro.yml', './ci/maestro.yml']) {
      const result = await run({ pr, evidence: [a11y(2)], config: parseConfig(REPORT_ONLY, source) });
      expect(result.conclusion).toBe('failure');
      expect(result.mode?.mode).toBe('enforce');
    }
  });

  it('applies report-only when the pull request leaves the config file alone', async () => {
    const result = await run({ pr: { ...frontendPr, changedFiles: ['web/App.tsx', 'docs/maestro.yml'] }, evidence: [a11y(2)], configText: REPORT_ONLY });
    expect(result.conclusion).toBe('neutral');
  });

  it('shows the mode a pull request proposes (the app reads it from the head), without applying it', async () => {
    const result = await evaluateWith({ pr: frontendPr, evidence: [a11y(2)], proposedMode: { mode: 'report-only', source: '.github/maestro.yml at aaaaaaa' } });
    expect(result.conclusion).toBe('failure');
    expect(result.mode?.notes).toEqual(['This pull request sets mode: report-only in .github/maestro.yml at aaaaaaa: once merged, the gate of this repository only reports and no longer blocks merging. The change does not apply to this pull request.']);
    const same = await evaluateWith({ pr: frontendPr, evidence: [a11y(2)], configText: REPORT_ONLY, proposedMode: { mode: 'report-only', source: 'x' } });
    expect(same.mode?.notes).toEqual([]);
  });
});

describe('the decision log stays backward compatible', () => {
  it('accepts a log written before modes and catalog origins existed', () => {
    const old = makeReport('decision-log', { gate: { checkName: 'Enforce GA Gates Evidence', conclusion: 'failure', evaluatedAt: '2026-11-20T12:00:00.000Z', catalogDigest: 'd'.repeat(64) }, decisions: [] });
    expect(item('old-log.json', old).status).toBe('valid');
  });

  it('refuses a mode it does not know', () => {
    const bad = makeReport('decision-log', { gate: { checkName: 'x', conclusion: 'neutral', evaluatedAt: '2026-11-20T12:00:00.000Z', catalogDigest: 'd'.repeat(64), mode: { mode: 'audit' } }, decisions: [] });
    expect(item('bad-log.json', bad).status).toBe('invalid');
  });
});
