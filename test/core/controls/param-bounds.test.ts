import { describe, expect, it } from '@jest/globals';
import { compareParam, describeParams, paramBounds } from '../../../core/controls/param-bounds.js';
import type { EvidenceRequirement } from '../../../core/controls/types.js';
import { defaultCatalog } from '../../../core/generated/catalog.js';
import { A11Y_CONTROL, catalogOf } from '../../helpers/engine.js';

const ref = (name: string) => ({ $data: `/params/${name}` });

describe('paramBounds: how an assertion uses each parameter', () => {
  it.each([
    ['maximum', { properties: { counts: { properties: { critical: { maximum: ref('p') } } } } }, { direction: 'upper', fields: ['counts.critical ≤'] }],
    ['exclusiveMaximum inside array items', { properties: { slos: { items: { properties: { burn: { exclusiveMaximum: ref('p') } } } } } }, { direction: 'upper', fields: ['slos[].burn <'] }],
    ['minimum', { properties: { coverage: { minimum: ref('p') } } }, { direction: 'lower', fields: ['coverage ≥'] }],
    ['minItems', { properties: { slos: { minItems: ref('p') } } }, { direction: 'lower', fields: ['slos items ≥'] }],
    ['the else branch of a condition', { if: { required: ['approval'] }, else: { properties: { breaking: { maximum: ref('p') } } } }, { direction: 'upper', fields: ['breaking ≤'] }],
    ['const: no direction', { properties: { status: { const: ref('p') } } }, { fields: ['status const'] }],
    ['a maximum under not: no direction', { not: { properties: { n: { maximum: ref('p') } } } }, { fields: ['n ≤'] }],
    ['a maximum in the condition of if: no direction', { if: { properties: { n: { maximum: ref('p') } } }, then: {} }, { fields: ['n ≤'] }],
    ['a maximum and a minimum: no direction', { properties: { a: { maximum: ref('p') }, b: { minimum: ref('p') } } }, { fields: ['a ≤', 'b ≥'] }],
  ])('%s', (_what, assert, bound) => {
    expect(paramBounds(assert).get('p')).toEqual(bound);
  });
});

describe('compareParam: a config value against the catalog default and its loosest value', () => {
  const a11y: EvidenceRequirement = { ...A11Y_CONTROL.evidence[0]!, loosest: { maxMinor: 20 } };
  const coverage: EvidenceRequirement = { kind: 'policy-test', description: 'Policy tests cover enough.', scope: 'commit', maxAge: 'P14D', link: false, params: { minCoverage: 85 }, loosest: { minCoverage: 70 }, assert: { properties: { coverage: { minimum: ref('minCoverage') } } } };
  it.each([
    ['the default', a11y, 'maxMinor', 4, 'same', true],
    ['an upper bound lowered', a11y, 'maxMinor', 2, 'tightened', true],
    ['an upper bound raised within its limit', a11y, 'maxMinor', 20, 'loosened', true],
    ['an upper bound raised past its limit', a11y, 'maxMinor', 21, 'loosened', false],
    ['an upper bound without a limit raised at all', a11y, 'maxCritical', 1, 'loosened', false],
    ['an upper bound without a limit lowered', a11y, 'maxCritical', -1, 'tightened', true],
    ['a lower bound raised', coverage, 'minCoverage', 90, 'tightened', true],
    ['a lower bound lowered within its limit', coverage, 'minCoverage', 70, 'loosened', true],
    ['a lower bound lowered past its limit', coverage, 'minCoverage', 69.9, 'loosened', false],
  ] as const)('%s', (_what, req, name, value, effect, allowed) => {
    expect(compareParam(req, name, value)).toMatchObject({ effect, allowed });
  });
});

describe('the shipped catalog', () => {
  it('declares, for every numeric parameter, how far a repo may loosen it, on the loose side of the default', () => {
    const declared = defaultCatalog.controls.flatMap((c) => c.evidence.flatMap((r) => Object.keys(r.params ?? {}).map((name) => [c.id, r.kind, name, r.loosest?.[name] !== undefined])));
    expect(declared.length).toBeGreaterThan(10);
    for (const row of declared) expect(row).toEqual([row[0], row[1], row[2], true]);
  });

  it.each([
    ['GA-25', 'a11y', 'maxCritical 0 (may only be tightened), maxMinor 4 (a repo may raise it to 20)'],
    ['GA-13', 'schema-diff', 'maxBreaking 0 (may only be tightened)'],
    ['GA-12', 'policy-test', 'minCoverage 85 (may only be tightened)'],
    ['GA-06', 'policy-test', 'minCoverage 85 (a repo may lower it to 75)'],
    ['GA-07', 'k6-summary', 'p95Ms 350 (a repo may raise it to 500), p99Ms 900 (a repo may raise it to 1500), failedRate 0.01 (a repo may raise it to 0.02)'],
    ['GA-26', 'slo-burn', 'blockAbove 0.3 (a repo may raise it to 0.5)'],
    ['GA-11', 'drill-report', 'minAcaScore 0.9 (a repo may lower it to 0.8)'],
    ['GA-19', 'drill-report', 'maxRtoSeconds 14400 (a repo may raise it to 28800)'],
  ])('%s %s: %s', (id, kind, text) => {
    expect(describeParams(defaultCatalog.controls.find((c) => c.id === id)!.evidence.find((r) => r.kind === kind)!)).toBe(text);
  });
});

describe('buildCatalog refuses a loosest value that cannot mean "how far a repo may loosen it"', () => {
  const withReq = (req: Record<string, unknown>) => [{ ...A11Y_CONTROL, evidence: [{ ...A11Y_CONTROL.evidence[0]!, ...req }] }];
  it.each([
    ['for an undeclared parameter', { loosest: { maxMajor: 3 } }, 'test-0.yml at /evidence/0/loosest/maxMajor: limits maxMajor, which params does not declare'],
    ['stricter than the default of an upper bound', { loosest: { maxMinor: 2 } }, 'test-0.yml at /evidence/0/loosest/maxMinor: 2 is stricter than the default 4; maxMinor is an upper bound, so its loosest value must be at least 4'],
    [
      'for a parameter used other than as a bound',
      { params: { want: 1 }, loosest: { want: 2 }, assert: { properties: { n: { const: ref('want') } } } },
      'test-0.yml at /evidence/0/loosest/want: the assertion does not use want only as an upper bound (maximum, exclusiveMaximum) or only as a lower bound (minimum, exclusiveMinimum), so which values loosen it cannot be told',
    ],
    ['of a parameter that is not a number', { params: { mode: 'strict' }, loosest: { mode: 1 }, assert: { properties: { m: { const: ref('mode') } } } }, 'test-0.yml at /evidence/0/loosest/mode: mode is "strict", not a number, so it has no looser or stricter value'],
  ])('%s', (_what, req, problem) => {
    expect(() => catalogOf(withReq(req) as never)).toThrow(expect.objectContaining({ code: 'CATALOG_INVALID', message: expect.stringContaining(problem) }));
  });
});
