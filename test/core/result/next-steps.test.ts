import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '../../../core/config/parse-config.js';
import type { ControlDecision, RequirementDecision } from '../../../core/engine/types.js';
import { controlNextSteps, NEXT_STEP_TABLE, nextStepPolicyOf, withReproduceCommand } from '../../../core/result/next-steps.js';
import { toDecisionLog } from '../../../core/engine/to-decision-log.js';
import { item } from '../../helpers/build-evidence.js';
import { run } from '../../helpers/engine.js';

const POLICY = { maxDays: 30, waiveBy: 'people with admin or maintain permission', overrideBy: 'people with admin permission' };

function control(requirements: Array<Partial<RequirementDecision>>, extra: Partial<ControlDecision> = {}): ControlDecision {
  const reqs = requirements.map((r) => ({ decisionId: 'dec_0000000000000000', ruleId: `GA-25/${r.kind ?? 'a11y'}`, kind: 'a11y', result: 'fail', explanation: 'x', evidence: [], ...r }) as RequirementDecision);
  return { decisionId: 'dec_0000000000000000', ruleId: 'GA-25', controlId: 'GA-25', title: 'Accessibility', priority: 'P1', blocking: true, frameworks: { soc2: [], iso27001: [], ssdf: [] }, result: reqs[0]!.result, explanation: 'x', applies: { applicable: true, reasons: [] }, requirements: reqs, notes: [], configChanges: [], ...extra };
}

describe('controlNextSteps', () => {
  it.each([
    ['missing', 'a11y', ['produce', 'waive'], 'maestro a11y --url <page url> --out a11y.json'],
    ['stale', 'slo-burn', ['rerun', 'waive'], 'maestro slo --prometheus <url> --slo <slos.yml> --out slo-burn.json'],
    ['stale', 'drift-report', ['rerun', 'waive'], 'gh workflow run drift.yml --repo acme/web'],
    ['invalid', 'k6-summary', ['fix-evidence', 'rerun', 'waive'], 'maestro validate k6-summary.json'],
    ['fail', 'a11y', ['fix', 'waive'], 'maestro a11y --url <page url> --out a11y.json'],
    ['fail', 'drift-report', ['fix-drift', 'rerun', 'waive'], 'maestro drift --template <template> --repo .github/workflows --fix'],
    ['missing', 'link', ['link', 'waive'], undefined],
  ] as const)('gives a %s %s requirement the steps of its table cell', (result, kind, kinds, firstCommand) => {
    const steps = controlNextSteps(control([{ result, kind, evidence: result === 'missing' ? [] : [{ path: `${kind}.json`, sha256: 'a'.repeat(64), size: 1 }] }]), POLICY, 'acme/web', '2026-11-20T12:00:00.000Z');
    expect(steps.map((s) => s.kind)).toEqual(kinds);
    expect(steps[0]!.command).toBe(firstCommand);
    expect(steps.at(-1)).toEqual({ kind: 'waive', title: 'or waive', text: expect.stringContaining('for at most 30 days'), command: '/waive GA-25 until 2026-11-26 reason: <why>' });
  });

  it('covers every result that is not met for every evidence kind', () => {
    for (const row of Object.values(NEXT_STEP_TABLE)) expect(row['*'].length).toBeGreaterThan(0);
  });

  it('re-runs the workflow run that uploaded stale evidence, linked, when the artifact says which', () => {
    const ref = { path: 'maestro-evidence-a11y/a11y.json', sha256: 'a'.repeat(64), size: 1, url: 'https://github.com/acme/web/actions/runs/901/artifacts/11' };
    const [step] = controlNextSteps(control([{ result: 'stale', evidence: [ref] }]), POLICY, 'acme/web', '2026-11-20T12:00:00Z');
    expect(step).toMatchObject({ kind: 'rerun', command: 'gh run rerun 901 --repo acme/web', url: 'https://github.com/acme/web/actions/runs/901' });
  });

  it('offers no waiver where the config names no approver, nor for a report-only control, and never a longer one than allowed', () => {
    expect(controlNextSteps(control([{ result: 'missing' }]), { maxDays: 30 }, 'acme/web', '2026-11-20T12:00:00Z').map((s) => s.kind)).toEqual(['produce']);
    expect(controlNextSteps(control([{ result: 'missing' }], { blocking: false }), POLICY, 'acme/web', '2026-11-20T12:00:00Z').map((s) => s.kind)).toEqual(['produce']);
    expect(controlNextSteps(control([{ result: 'missing' }]), { ...POLICY, maxDays: 3 }, 'acme/web', '2026-11-20T12:00:00Z').at(-1)!.command).toBe('/waive GA-25 until 2026-11-22 reason: <why>');
  });
});

describe('nextStepPolicyOf', () => {
  it('names who may waive and override from the config, and nobody when the config is unusable or names nobody', () => {
    expect(nextStepPolicyOf(parseConfig(undefined))).toEqual({ maxDays: 30, waiveBy: 'people with admin or maintain permission', overrideBy: 'people with admin permission' });
    expect(nextStepPolicyOf(parseConfig('version: 1\nwaivers:\n  approvers:\n    permissions: []\n'))).toEqual({ maxDays: 30, overrideBy: 'people with admin permission' });
    expect(nextStepPolicyOf(parseConfig('version: 1\ncomment:\n  mode: loud\n'))).toEqual({ maxDays: 0 });
  });
});

describe('the next steps of a gate result', () => {
  it('gives a failing gate a prefilled /override and a reproduce step, which the CLI replaces by its own command line', async () => {
    const result = await run({});
    expect(result.conclusion).toBe('failure');
    expect(result.nextSteps?.map((s) => s.kind)).toEqual(['override', 'reproduce']);
    expect(result.nextSteps?.[0]!.command).toBe('/override reason: <why>');
    expect(result.nextSteps?.[1]!.command).toBe('maestro gate --event event.json --evidence evidence --changed-files changed-files.txt --now 2026-11-20T12:00:00Z');
    expect(withReproduceCommand(result, 'maestro gate --event e.json --evidence d --now 2026-11-20T12:00:00Z').nextSteps?.[1]).toEqual({ kind: 'reproduce', title: 'reproduce locally', text: 'Reproduce this decision locally with the same inputs:', command: 'maestro gate --event e.json --evidence d --now 2026-11-20T12:00:00Z' });
  });

  it('keeps the next steps in the decision log, which stays a valid decision-log report', async () => {
    const result = await run({});
    const log = toDecisionLog(result, { name: 'maestro-test', version: '1.0.0' });
    expect(item('decision-log.json', log).status).toBe('valid');
    const data = log.data as { gate: { nextSteps?: unknown[] }; decisions: Array<{ ruleId: string; nextSteps?: unknown[] }> };
    expect(data.gate.nextSteps).toEqual(result.nextSteps);
    expect(data.decisions.find((d) => d.ruleId === 'GA-30')!.nextSteps).toEqual(result.controls.find((c) => c.controlId === 'GA-30')!.nextSteps);
  });
});
