import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseEvidence } from '../../core/evidence/parse-evidence.js';
import '../helpers/build-evidence.js';
import { runMaestro } from '../helpers/run-gate-command.js';

const subject = ['--repo', 'acme/web', '--sha', 'a'.repeat(40)];
const results = 'test/fixtures/a11y/axe-results.json';
const tmp = (): string => mkdtempSync(join(tmpdir(), 'maestro-a11y-'));

describe('maestro a11y --results', () => {
  it('exits 1 on a critical violation and prints a valid a11y report with counts per page and in total', () => {
    const out = join(tmp(), 'a11y.json');
    const { code, stdout } = runMaestro(['a11y', '--results', results, ...subject, '--format', 'json', '--out', out]);
    expect(code).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe(stdout);
    expect(parseEvidence(Buffer.from(stdout), 'a11y.json').status).toBe('valid');
    expect(JSON.parse(stdout).data).toMatchObject({ counts: { critical: 1, serious: 3, moderate: 0, minor: 2 }, engine: { name: 'axe-core', version: '4.14.1' } });
  });

  it("passes when the base branch has the critical violation already: only new ones count", () => {
    const { code, stdout } = runMaestro(['a11y', '--results', results, '--baseline', 'test/fixtures/a11y/base-axe-results.json', ...subject]);
    expect(code).toBe(0);
    expect(stdout).toContain('### ✅ Accessibility: accessibility thresholds met: 6 violations on 2 pages, 4 new');
  });

  it('takes a baseline that is the base branch a11y report, and bounds from the command line', () => {
    const base = join(tmp(), 'base.json');
    writeFileSync(base, runMaestro(['a11y', '--results', 'test/fixtures/a11y/base-axe-results.json', ...subject, '--format', 'json']).stdout);
    const { code, stdout } = runMaestro(['a11y', '--results', results, '--baseline', base, '--max-serious', '1', ...subject]);
    expect(code).toBe(1);
    expect(stdout).toContain('accessibility thresholds not met: 2 new serious (at most 1)');
  });

  it.each([
    [['--max-minor', 'few'], /^error USAGE: --max-minor "few" is not a whole number/],
    [['--results', 'missing.json'], /^error FILE_NOT_FOUND: axe results missing\.json does not exist/],
  ])('exits 2 on bad input %j', (args, message) => {
    const { code, stderr } = runMaestro(['a11y', '--results', results, ...subject, ...args]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('exits 2 on malformed axe results, naming the file', () => {
    const file = join(tmp(), 'axe.json');
    writeFileSync(file, '{"violations": [}');
    const { code, stderr } = runMaestro(['a11y', '--results', file, ...subject]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error JSON_SYNTAX: axe results .*axe\.json is not valid JSON/);
  });
});
