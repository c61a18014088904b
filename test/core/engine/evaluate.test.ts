import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '../../../core/config/parse-config.js';
import type { GateResult } from '../../../core/engine/types.js';
import { a11yData, counts, driftData, HEAD, item, linkReport, makePr, makeReport, OTHER_SHA, valid, waiverReport } from '../../helpers/build-evidence.js';
import { A11Y_CONTROL, catalogOf, DRIFT_CONTROL, run } from '../../helpers/engine.js';

const catalog = catalogOf([A11Y_CONTROL, DRIFT_CONTROL]);
const frontendPr = makePr({ labels: ['frontend'], changedFiles: ['web/App.tsx'] });
const cleanDrift = item('drift.json', makeReport('drift-report', driftData('clean'), { sha: OTHER_SHA }));

function control(result: GateResult, id: string) {
  const found = result.controls.find((c) => c.controlId === id);
  if (!found) throw new Error(`no decision for ${id}`);
  return found;
}

describe('evaluate', () => {
  describe('when every applicable control has passing evidence', () => {
    it('concludes success and explains each pass with the values it checked', async () => {
      const result = await run({ catalog, pr: frontendPr, evidence: [item('a11y.json', makeReport('a11y', a11yData(counts(0, 0, 0, 2)))), cleanDrift] });
      expect(result.conclusion).toBe('success');
      expect(result.headline).toBe('All 2 applicable controls are met.');
      const a11y = control(result, 'T-01');
      expect(a11y.result).toBe('pass');
      expect(a11y.requirements[0]!.explanation).toBe('a11y.json (created 2026-11-20) meets it: axe finds no critical and fewer than 5 minor violations (data.counts.minor = 2).');
      expect(a11y.requirements[0]!.ruleId).toBe('T-01/a11y');
      expect(a11y.requirements[0]!.evidence[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    });
  });

  describe('when a threshold is exceeded', () => {
    it('fails, naming the field, the value, the bound and the parameter', async () => {
      const result = await run({ catalog, pr: frontendPr, evidence: [item('a11y.json', makeReport('a11y', a11yData(counts(1, 0, 0, 7)))), cleanDrift] });
      const a11y = control(result, 'T-01');
      expect(a11y.result).toBe('fail');
      expect(a11y.requirements[0]!.explanation).toBe('a11y.json fails: data.counts.critical is 1, must be <= 0 (parameter maxCritical); data.counts.minor is 7, must be <= 4 (parameter maxMinor).');
      expect(result.conclusion).toBe('failure');
      expect(result.headline).toBe('1 of 2 applicable controls is not met: T-01.');
    });

    it('uses the repo config threshold instead of the catalog default', async () => {
      const evidence = [item('a11y.json', makeReport('a11y', a11yData(counts(0, 0, 0, 7)))), cleanDrift];
      const strict = await run({ catalog, pr: frontendPr, evidence });
      const relaxed = await run({ catalog, pr: frontendPr, evidence, configText: 'thresholds:\n  a11y:\n    maxMinor: 10\n' });
      expect(control(strict, 'T-01').result).toBe('fail');
      expect(control(relaxed, 'T-01').result).toBe('pass');
      expect(control(relaxed, 'T-01').requirements[0]!.decisionId).not.toBe(control(strict, 'T-01').requirements[0]!.decisionId);
    });
  });

  describe('when evidence is missing', () => {
    it('says which kind is missing for which commit and how to produce it', async () => {
      const result = await run({ catalog, pr: frontendPr, evidence: [cleanDrift] });
      const a11y = control(result, 'T-01');
      expect(a11y.result).toBe('missing');
      expect(a11y.requirements[0]!.explanation).toBe(`No a11y report for head commit ${HEAD.slice(0, 7)} was found; run the accessibility gate (actions/a11y or maestro a11y).`);
    });
  });

  describe('when evidence is stale', () => {
    it('reports a report older than maxAge with its age and the bound', async () => {
      const old = item('a11y.json', makeReport('a11y', a11yData(), { createdAt: '2026-10-01T10:00:00Z' }));
      const a11y = control(await run({ catalog, pr: frontendPr, evidence: [old, cleanDrift] }), 'T-01');
      expect(a11y.result).toBe('stale');
      expect(a11y.requirements[0]!.explanation).toBe('The newest a11y report, a11y.json (created 2026-10-01), is 50 days old; it must be at most 14 days old (maxAge P14D).');
    });

    it('reports a commit-scoped report made for another commit', async () => {
      const other = item('a11y.json', makeReport('a11y', a11yData(), { sha: OTHER_SHA }));
      const a11y = control(await run({ catalog, pr: frontendPr, evidence: [other, cleanDrift] }), 'T-01');
      expect(a11y.result).toBe('stale');
      expect(a11y.requirements[0]!.explanation).toContain(`is for commit ${OTHER_SHA.slice(0, 7)}, not the head commit ${HEAD.slice(0, 7)}`);
    });

    it('accepts a repo-scoped report of any commit while it is fresh', async () => {
      expect(control(await run({ catalog, pr: frontendPr, evidence: [cleanDrift] }), 'T-02').result).toBe('pass');
    });
  });

  describe('when evidence is invalid', () => {
    it('fails closed with the file, the field and the problem, even when a valid report exists too', async () => {
      const bad = item('a11y-broken.json', makeReport('a11y', { ...a11yData(), counts: { critical: 0, serious: 0, moderate: 0, minor: -1 } }));
      const good = item('a11y.json', makeReport('a11y', a11yData()));
      const a11y = control(await run({ catalog, pr: frontendPr, evidence: [good, bad, cleanDrift] }), 'T-01');
      expect(a11y.result).toBe('invalid');
      expect(a11y.requirements[0]!.explanation).toBe('a11y-broken.json is not a valid a11y report: /data/counts/minor: is -1, must be >= 0; fix or remove it.');
    });

    it('refuses evidence dated in the future', async () => {
      const future = item('a11y.json', makeReport('a11y', a11yData(), { createdAt: '2027-01-01T00:00:00Z' }));
      const a11y = control(await run({ catalog, pr: frontendPr, evidence: [future, cleanDrift] }), 'T-01');
      expect(a11y.result).toBe('invalid');
      expect(a11y.requirements[0]!.explanation).toContain('evidence cannot come from the future');
    });

    it.each([
      ['not JSON', 'hello, I am not JSON', 'JSON_SYNTAX'],
      ['a JSON array', '[1, 2, 3]', 'SCHEMA_INVALID'],
      ['an unknown kind', JSON.stringify({ kind: 'pentest', data: {} }), 'UNKNOWN_KIND'],
      ['deeply nested JSON in place of the kind', `{"kind":${'['.repeat(100000)}${']'.repeat(100000)}}`, 'UNKNOWN_KIND'],
      ['deeply nested JSON in an unknown field', `{"kind":"k6-summary","deep":${'{"a":'.repeat(50000)}1${'}'.repeat(50000)}}`, 'SCHEMA_INVALID'],
    ])('rejects a file that is %s and fails the gate, naming the file', async (_what, text, code) => {
      const result = await run({ catalog, pr: frontendPr, evidence: [item('a11y.json', makeReport('a11y', a11yData())), cleanDrift, item('junk.json', text)] });
      expect(result.conclusion).toBe('failure');
      expect(result.evidence.rejected).toEqual([expect.objectContaining({ code, ref: expect.objectContaining({ path: 'junk.json' }) })]);
      expect(result.headline).toContain('1 evidence file is unusable: junk.json');
    });

    it('ignores, with the reason, an invalid report about an older commit that no requirement needs', async () => {
      const old = item('k6-old.json', makeReport('k6-summary', { thresholds: 'broken' }, { sha: OTHER_SHA }));
      const result = await run({ catalog, pr: frontendPr, evidence: [item('a11y.json', makeReport('a11y', a11yData())), cleanDrift, old] });
      expect(result.conclusion).toBe('success');
      expect(result.evidence.ignored.find((i) => i.ref.path === 'k6-old.json')!.reason).toContain(`about commit ${OTHER_SHA.slice(0, 7)}, not the head commit`);
    });

    it('treats deeply nested data of a needed kind as invalid evidence for that requirement', async () => {
      const deep = item('a11y.json', `{"kind":"a11y","schemaVersion":"1.0","data":${'['.repeat(100000)}${']'.repeat(100000)}}`);
      const result = await run({ catalog, pr: frontendPr, evidence: [deep, cleanDrift] });
      expect(control(result, 'T-01').result).toBe('invalid');
    });

    it('rejects an invalid report of a kind no applicable control needs, rather than ignoring it', async () => {
      const badK6 = item('k6.json', makeReport('k6-summary', { source: { format: 'summary-export' }, metrics: {}, thresholds: 'all fine' }));
      const result = await run({ catalog, pr: frontendPr, evidence: [item('a11y.json', makeReport('a11y', a11yData())), cleanDrift, badK6] });
      expect(result.conclusion).toBe('failure');
      expect(result.evidence.rejected[0]!.message).toContain('not a valid k6-summary report');
    });
  });

  describe('waivers', () => {
    const failing = [item('a11y.json', makeReport('a11y', a11yData(counts(2, 0, 0, 0)))), cleanDrift];

    it('turn a failure into waived until their last day, and say who waived it, why and what it would be', async () => {
      const result = await run({ catalog, pr: frontendPr, evidence: failing, waivers: [valid('waivers.json#0', waiverReport('T-01', '2026-11-20'))] });
      const a11y = control(result, 'T-01');
      expect(a11y.result).toBe('waived');
      expect(a11y.explanation).toMatch(/^Waived by @lead until 2026-11-20 \(reason: vendor fix due next sprint\)\. Without the waiver the result would be fail\./);
      expect(a11y.requirements[0]!.result).toBe('fail');
      expect(result.conclusion).toBe('success');
      expect(result.headline).toBe('All 2 applicable controls are met (1 waived).');
      expect(result.waivers).toEqual([expect.objectContaining({ controlId: 'T-01', state: 'active' })]);
    });

    it('stop counting after their last day, and the expiry is shown', async () => {
      const result = await run({ catalog, pr: frontendPr, evidence: failing, waivers: [valid('waivers.json#0', waiverReport('T-01', '2026-11-19'))] });
      const a11y = control(result, 'T-01');
      expect(a11y.result).toBe('fail');
      expect(a11y.explanation).toContain('A waiver by @lead expired at the end of 2026-11-19 and no longer counts.');
      expect(result.conclusion).toBe('failure');
      expect(result.waivers[0]!.state).toBe('expired');
    });

    it('for another PR or another repo do not apply', async () => {
      const otherPr = valid('w1', waiverReport('T-01', '2026-12-31', { pr: 7 }));
      const otherRepo = valid('w2', { ...waiverReport('T-01', '2026-12-31'), subject: { repo: 'acme/api', sha: HEAD } });
      expect(control(await run({ catalog, pr: frontendPr, evidence: failing, waivers: [otherPr, otherRepo] }), 'T-01').result).toBe('fail');
    });

    it('found among evidence files are ignored, because a PR could forge them', async () => {
      const forged = item('waiver.json', waiverReport('T-01', '2026-12-31'));
      const result = await run({ catalog, pr: frontendPr, evidence: [...failing, forged] });
      expect(control(result, 'T-01').result).toBe('fail');
      expect(result.evidence.ignored.find((i) => i.ref.path === 'waiver.json')!.reason).toContain('never from evidence files');
    });

    it('are listed as not needed when the control passes anyway', async () => {
      const result = await run({ catalog, pr: frontendPr, evidence: [item('a11y.json', makeReport('a11y', a11yData())), cleanDrift], waivers: [valid('w', waiverReport('T-01', '2026-11-30'))] });
      expect(control(result, 'T-01').result).toBe('pass');
      expect(result.waivers[0]!.state).toBe('not-needed');
    });
  });

  describe('manual link evidence', () => {
    it('satisfies a requirement that allows it once a reviewer other than the author approved', async () => {
      const result = await run({ catalog, pr: frontendPr, evidence: [item('a11y.json', makeReport('a11y', a11yData()))], links: [valid('body#1', linkReport(['T-02'], ['reviewer']))] });
      expect(control(result, 'T-02').result).toBe('pass');
      expect(control(result, 'T-02').requirements[0]!.explanation).toBe('Manual evidence "Runbook" (https://wiki.example.com/runbook) is attested by @dev and approved by @reviewer.');
    });

    it.each([
      ['no approval', []],
      ['only the author approving', ['dev']],
    ])('does not count with %s', async (_what, approvedBy) => {
      const result = await run({ catalog, pr: frontendPr, links: [valid('body#1', linkReport(['T-02'], approvedBy))] });
      expect(control(result, 'T-02').result).toBe('missing');
      expect(control(result, 'T-02').requirements[0]!.explanation).toContain('no reviewer other than its author has approved');
    });

    it('never replaces gate evidence that exists and fails', async () => {
      const drift = item('drift.json', makeReport('drift-report', driftData('drift', ['ga-gates'])));
      const result = await run({ catalog, pr: frontendPr, evidence: [drift], links: [valid('body#1', linkReport(['T-02'], ['reviewer']))] });
      expect(control(result, 'T-02').result).toBe('fail');
    });

    it('is not accepted where the requirement does not allow it', async () => {
      const result = await run({ catalog, pr: frontendPr, links: [valid('body#1', linkReport(['T-01'], ['reviewer']))], evidence: [cleanDrift] });
      expect(control(result, 'T-01').result).toBe('missing');
    });
  });

  describe('applicability', () => {
    it.each([
      ['a matching label', makePr({ labels: ['Frontend'] }), true, 'label "Frontend" is set'],
      ['a matching changed path', makePr({ changedFiles: ['docs/a.md', 'web/src/App.tsx', 'web/b.css'] }), true, 'changed file web/b.css matches web/** (and 1 more changed file)'],
      ['unknown changed files', makePr({ changedFiles: undefined }), true, 'the changed files are unknown, so its path rules are assumed to match'],
      ['no matching label or path', makePr({ labels: ['docs'], changedFiles: ['README.md'] }), false, 'no label among frontend and no changed file matches web/**'],
    ])('with %s', async (_what, pr, applicable, reason) => {
      const a11y = control(await run({ catalog, pr, evidence: [cleanDrift] }), 'T-01');
      expect(a11y.applies).toEqual({ applicable, reasons: [reason] });
      if (!applicable) expect(a11y.result).toBe('not-applicable');
    });

    it('concludes neutral when no control applies', async () => {
      const result = await run({ catalog: catalogOf([A11Y_CONTROL]), pr: makePr() });
      expect(result.conclusion).toBe('neutral');
      expect(result.headline).toBe('No control applies to this pull request.');
    });

    it('shows controls turned off by the repo config as not applicable, with the config key', async () => {
      const result = await run({ catalog, pr: frontendPr, evidence: [cleanDrift], configText: 'controls:\n  exclude: [T-01]\n' });
      expect(control(result, 'T-01').explanation).toBe('Does not apply: it is excluded by the repo config (controls.exclude).');
    });

    it('makes a control report-only when the repo config says so, visibly', async () => {
      const result = await run({ catalog, pr: frontendPr, evidence: [cleanDrift], configText: 'controls:\n  customize:\n    T-01:\n      blocking: false\n' });
      const a11y = control(result, 'T-01');
      expect(a11y.result).toBe('missing');
      expect(a11y.notes).toEqual(['made report-only by .github/maestro.yml (controls.customize.T-01.blocking: false; catalog: blocking)']);
      expect(a11y.explanation).toContain('This control is report-only, so it does not fail the gate.');
      expect(result.conclusion).toBe('success');
      expect(result.headline).toContain('1 report-only control fails');
    });
  });

  describe('with an invalid repo config', () => {
    it.each([
      ['an unknown key', 'controls:\n  exlude: [T-01]\n', 'controls.exlude'],
      ['an unknown control id', 'controls:\n  exclude: [T-99]\n', 'controls.exclude[0]'],
      ['an unknown threshold', 'thresholds:\n  a11y:\n    maxMinr: 3\n', 'thresholds.a11y.maxMinr'],
      ['a threshold of the wrong type', 'thresholds:\n  a11y:\n    maxMinor: "ten"\n', 'thresholds.a11y.maxMinor'],
    ])('with %s it asks for action instead of passing, naming the key', async (_what, configText, key) => {
      const result = await run({ catalog, pr: frontendPr, evidence: [cleanDrift], configText });
      expect(result.conclusion).toBe('action_required');
      expect(result.configIssues[0]!.key).toBe(key);
      expect(result.controls).toEqual([]);
      expect(result.headline).toContain(key);
    });
  });

  describe('evidence of other repositories', () => {
    it('is ignored with the reason', async () => {
      const foreign = item('a11y.json', makeReport('a11y', a11yData(), { repo: 'acme/api' }));
      const result = await run({ catalog, pr: frontendPr, evidence: [foreign, cleanDrift] });
      expect(control(result, 'T-01').result).toBe('missing');
      expect(result.evidence.ignored).toEqual([expect.objectContaining({ reason: 'it is about acme/api, not acme/web' })]);
    });
  });

  describe('determinism', () => {
    const evidence = [
      item('b/a11y-old.json', makeReport('a11y', a11yData(counts(0, 0, 0, 9)), { createdAt: '2026-11-19T10:00:00Z' })),
      item('a/a11y.json', makeReport('a11y', a11yData())),
      cleanDrift,
      item('junk.json', '{'),
    ];

    it('gives byte-identical JSON for the same inputs in any order', async () => {
      const one = JSON.stringify(await run({ catalog, pr: frontendPr, evidence }));
      const two = JSON.stringify(await run({ catalog, pr: frontendPr, evidence: [...evidence].reverse() }));
      expect(two).toBe(one);
    });

    it('uses the newest report of a kind', async () => {
      expect(control(await run({ catalog, pr: frontendPr, evidence }), 'T-01').requirements[0]!.evidence[0]!.path).toBe('a/a11y.json');
    });

    it('keeps decision ids stable across evaluation times while nothing decisive changes', async () => {
      const early = await run({ catalog, pr: frontendPr, evidence, now: '2026-11-20T12:00:00Z' });
      const later = await run({ catalog, pr: frontendPr, evidence, now: '2026-11-21T12:00:00Z' });
      expect(later.controls.map((c) => c.decisionId)).toEqual(early.controls.map((c) => c.decisionId));
      expect(control(early, 'T-01').decisionId).toMatch(/^dec_[0-9a-f]{16}$/);
    });

    it('changes a decision id when the evidence changes', async () => {
      const a = await run({ catalog, pr: frontendPr, evidence: [item('a11y.json', makeReport('a11y', a11yData(counts(0, 0, 0, 1)))), cleanDrift] });
      const b = await run({ catalog, pr: frontendPr, evidence: [item('a11y.json', makeReport('a11y', a11yData(counts(0, 0, 0, 2)))), cleanDrift] });
      expect(control(a, 'T-01').result).toBe(control(b, 'T-01').result);
      expect(control(a, 'T-01').decisionId).not.toBe(control(b, 'T-01').decisionId);
    });
  });

  describe('requirements that select reports with match', () => {
    const RESTORE = {
      ...DRIFT_CONTROL,
      id: 'T-03',
      evidence: [{ kind: 'drill-report' as const, description: 'The latest restore drill passed.', scope: 'repo' as const, maxAge: 'P92D', link: false, match: { drill: 'restore' }, assert: { properties: { status: { const: 'pass' } } } }],
    };
    const restoreCatalog = catalogOf([RESTORE]);
    const drill = (type: string, status: string, createdAt: string) =>
      makeReport('drill-report', { drill: type, status, startedAt: createdAt, finishedAt: createdAt, durationSeconds: 60, targets: {}, measured: {}, steps: [] }, { createdAt, sha: OTHER_SHA });

    it('use the newest report with the selected field values, not the newest of the kind', async () => {
      const evidence = [item('restore.json', drill('restore', 'pass', '2026-11-18T00:00:00Z')), item('failover.json', drill('failover', 'fail', '2026-11-20T00:00:00Z'))];
      const result = await run({ catalog: restoreCatalog, evidence });
      expect(control(result, 'T-03').result).toBe('pass');
      expect(control(result, 'T-03').requirements[0]!.evidence.map((e) => e.path)).toEqual(['restore.json']);
    });

    it('say which selection is missing', async () => {
      const result = await run({ catalog: restoreCatalog, evidence: [item('failover.json', drill('failover', 'pass', '2026-11-20T00:00:00Z'))] });
      expect(control(result, 'T-03').requirements[0]!.explanation).toBe('No drill-report with drill = restore for acme/web was found; run the scheduled drills (maestro drill).');
    });

    it('skip an invalid report whose readable fields select something else, and fail on one that may be theirs', async () => {
      const good = item('restore.json', drill('restore', 'pass', '2026-11-18T00:00:00Z'));
      const brokenFailover = item('failover.json', { ...drill('failover', 'pass', '2026-11-20T00:00:00Z'), data: { drill: 'failover', status: 'maybe' } });
      const brokenUnknown = item('unknown.json', { ...drill('restore', 'pass', '2026-11-20T00:00:00Z'), data: { status: 'pass' } });
      expect(control(await run({ catalog: restoreCatalog, evidence: [good, brokenFailover] }), 'T-03').result).toBe('pass');
      expect(control(await run({ catalog: restoreCatalog, evidence: [good, brokenUnknown] }), 'T-03').result).toBe('invalid');
    });
  });

  describe('with the shipped catalog', () => {
    it('holds a rollback game day to an automated canary analysis score of at least 0.9 (GA-11)', async () => {
      const drill = (acaScore: number) => makeReport('drill-report', { drill: 'rollback', status: 'pass', startedAt: '2026-11-01T10:00:00Z', finishedAt: '2026-11-01T10:20:00Z', durationSeconds: 1200, targets: { acaScore: 0.9 }, measured: { acaScore, rtoSeconds: 240 }, steps: [] }, { sha: OTHER_SHA });
      const slo = makeReport('slo-burn', { source: { type: 'precomputed', at: '2026-11-20T09:00:00Z' }, policy: { warnAbove: 0.2, blockAbove: 0.3, releaseBelow: 0.1 }, slos: [{ name: 'availability', service: 'web', objective: 0.999, window: '30d', budgetConsumed: 0.05, burnRates: {}, alerts: [], decision: 'ok', queries: {} }] });
      const pr = makePr({ labels: ['canary'] });
      const low = await run({ pr, evidence: [item('drill.json', drill(0.85)), item('slo.json', slo)] });
      expect(control(low, 'GA-11').requirements.find((r) => r.kind === 'drill-report')!.explanation).toBe('drill.json fails: data.measured.acaScore is 0.85, must be >= 0.9 (parameter minAcaScore).');
      const good = await run({ pr, evidence: [item('drill.json', drill(0.96)), item('slo.json', slo)] });
      expect(control(good, 'GA-11').result).toBe('pass');
    });

    it('quotes the value of every array item a show pointer with * names', async () => {
      const slo = (name: string, budgetConsumed: number, decision: string) => ({ name, service: 'web', objective: 0.999, window: '30d', budgetConsumed, burnRates: {}, alerts: [], decision, queries: {} });
      const report = makeReport('slo-burn', { source: { type: 'precomputed', at: '2026-11-20T09:00:00Z' }, policy: { warnAbove: 0.2, blockAbove: 0.3, releaseBelow: 0.1 }, slos: [slo('availability', 0.12, 'ok'), slo('latency', 0.25, 'warn')] });
      const result = await run({ pr: makePr({ labels: ['slo'] }), evidence: [item('slo.json', report)] });
      expect(control(result, 'GA-26').requirements[0]!.explanation).toContain('(data.slos.*.name = "availability", "latency", data.slos.*.budgetConsumed = 0.12, 0.25, data.slos.*.decision = "ok", "warn")');
    });
  });

  it('refuses an evaluation time that is not a time', async () => {
    await expect(run({ catalog, now: 'yesterday' })).rejects.toThrow('now must be an RFC 3339 time');
  });

  it('reports a parse of the config file as unusable config rather than defaults', async () => {
    const result = await run({ catalog, pr: frontendPr, config: parseConfig('controls: [unclosed\n') });
    expect(result.conclusion).toBe('action_required');
    expect(result.configIssues[0]!.message).toMatch(/^not valid YAML/);
  });
});
