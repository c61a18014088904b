import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseEvidence } from '../../core/evidence/parse-evidence.js';
import '../helpers/build-evidence.js';
import { runMaestro } from '../helpers/run-gate-command.js';

const subject = ['--repo', 'acme/shop', '--sha', 'a'.repeat(40)];
const tmp = (): string => mkdtempSync(join(tmpdir(), 'maestro-slo-'));

describe('maestro slo', () => {
  it('evaluates precomputed SLIs: a warning passes (exit 0) and the report is valid slo-burn evidence', () => {
    const out = join(tmp(), 'slo.json');
    const { code, stdout } = runMaestro(['slo', '--slis', 'test/fixtures/slo/precomputed.json', ...subject, '--format', 'json', '--out', out]);
    expect(code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(stdout);
    expect(parseEvidence(Buffer.from(stdout), 'slo.json').status).toBe('valid');
    const data = JSON.parse(stdout).data;
    expect(data.source).toEqual({ type: 'precomputed', at: '2026-11-20T12:00:00.000Z' });
    expect(data.slos.map((s: { decision: string; budgetConsumed: number }) => [s.decision, s.budgetConsumed])).toEqual([['ok', 0.12], ['warn', 0.24]]);
  });

  it('prints the Markdown table with the policy', () => {
    const { stdout } = runMaestro(['slo', '--slis', 'test/fixtures/slo/precomputed.json', ...subject]);
    expect(stdout).toContain('### ✅ SLO error budgets: 1 warn of 2 SLOs');
    expect(stdout).toContain('_Policy: warn above 20% of the budget consumed, block above 30%, lift a block below 10%. Values from precomputed SLIs at 2026-11-20T12:00:00.000Z._');
  });

  it('exits 1 when Prometheus is unreachable: every SLO is invalid, never a pass', () => {
    const { code, stdout } = runMaestro(['slo', '--slo', 'test/fixtures/slo/slos.yml', '--prometheus', 'http://127.0.0.1:9', '--timeout', '2s', ...subject]);
    expect(code).toBe(1);
    expect(stdout).toContain('### ❌ SLO error budgets: 4 could not be evaluated of 4 SLOs');
    expect(stdout).toContain('is unreachable (ECONNREFUSED');
  });

  it.each([
    [['--slo', 'test/fixtures/slo/slos.yml'], /^error USAGE: the SLO gate needs --slo and --prometheus, or --slis/],
    [['--slis', 'nope.json'], /^error FILE_NOT_FOUND: precomputed SLIs nope\.json does not exist/],
    [['--slo', 'test/fixtures/k6/baseline.json', '--prometheus', 'http://127.0.0.1:9'], /^error SCHEMA_INVALID: SLO file test\/fixtures\/k6\/baseline\.json is not valid: \/version: required field "version" is missing; \/slos: required field "slos" is missing; \/metrics \(line 2\): unknown field "metrics"/],
  ])('exits 2 on bad input %j', (args, message) => {
    const { code, stderr } = runMaestro(['slo', ...args, ...subject]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('exits 2 on malformed precomputed SLIs, naming the file and line', () => {
    const file = join(tmp(), 'slis.json');
    writeFileSync(file, '{"version": 1,\n "at": }');
    const { code, stderr } = runMaestro(['slo', '--slis', file, ...subject]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error JSON_SYNTAX: precomputed SLIs .*slis\.json is not valid JSON: value expected at line 2, column 8/);
  });
});
