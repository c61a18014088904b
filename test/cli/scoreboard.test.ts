import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { runMaestro } from '../helpers/run-maestro.js';

const NOW = '2026-11-20T12:00:00Z';

const maestro = (...args: string[]) => runMaestro(args);

function input(value: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'maestro-scoreboard-'));
  writeFileSync(join(dir, 'pulls.json'), typeof value === 'string' ? value : JSON.stringify(value));
  return join(dir, 'pulls.json');
}

const pulls = {
  pulls: [
    { repo: 'acme/web', number: 1, mergedAt: '2026-11-19T10:00:00Z', gate: { conclusion: 'success' } },
    { repo: 'acme/web', number: 2, mergedAt: '2026-11-18T10:00:00Z', gate: { conclusion: 'failure', overridden: true } },
    { repo: 'acme/api', number: 3, mergedAt: '2026-11-17T10:00:00Z', gate: { conclusion: 'success' } },
    { repo: 'acme/api', number: 4, mergedAt: '2026-09-01T10:00:00Z', gate: null },
  ],
};

describe('maestro scoreboard', () => {
  it('prints the roll-up and each repository, worst first', () => {
    const out = maestro('scoreboard', '--input', input(pulls), '--now', NOW);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('### Evidence scoreboard: 66.6% of merges passed the gate without override');
    expect(out.stdout.indexOf('| acme/web | 50%')).toBeLessThan(out.stdout.indexOf('| acme/api | 100%'));
  });

  it('writes shields.io endpoint JSON and SVG badges for the org and each repository', () => {
    const dir = mkdtempSync(join(tmpdir(), 'maestro-badges-'));
    expect(maestro('scoreboard', '--input', input(pulls), '--now', NOW, '--badges', dir, '--format', 'json').code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'org.json'), 'utf8'))).toEqual({ schemaVersion: 1, label: 'evidence', message: '66.6% of 3', color: 'orange', cacheSeconds: 3600 });
    expect(JSON.parse(readFileSync(join(dir, 'acme/web.json'), 'utf8')).message).toBe('50% of 2');
    expect(readFileSync(join(dir, 'acme/api.svg'), 'utf8')).toContain('aria-label="evidence: 100% of 1"');
  });

  it('exits 1 when the roll-up is below --fail-under', () => {
    expect(maestro('scoreboard', '--input', input(pulls), '--now', NOW, '--fail-under', '70').code).toBe(1);
    expect(maestro('scoreboard', '--input', input(pulls), '--now', NOW, '--fail-under', '60').code).toBe(0);
  });

  it.each([
    ['a repository named ..', { pulls: [{ repo: 'acme/..', number: 1, mergedAt: NOW, gate: null }] }, '/pulls/0/repo'],
    ['an unknown conclusion', { pulls: [{ repo: 'acme/web', number: 1, mergedAt: NOW, gate: { conclusion: 'passed' } }] }, '/pulls/0/gate'],
    ['an unknown field', { pulls: [{ repo: 'acme/web', number: 1, mergedAt: NOW, gate: null, extra: 1 }] }, 'extra'],
    ['a date that does not exist', { pulls: [{ repo: 'acme/web', number: 1, mergedAt: '2026-02-29T10:00:00Z', gate: null }] }, '/pulls/0/mergedAt'],
    ['an hour that does not exist', { pulls: [{ repo: 'acme/web', number: 1, mergedAt: '2026-02-28T25:00:00Z', gate: null }] }, '/pulls/0/mergedAt'],
  ])('exits 2 naming the field for %s, writing no badge', (_what, value, field) => {
    const dir = join(mkdtempSync(join(tmpdir(), 'maestro-badges-')), 'out');
    const out = maestro('scoreboard', '--input', input(value), '--badges', dir);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^error SCHEMA_INVALID: /);
    expect(out.stderr).toContain(field);
    expect(existsSync(dir)).toBe(false);
  });

  it('exits 2 on input that is not JSON, naming the file', () => {
    const file = input('{"pulls": [');
    const out = maestro('scoreboard', '--input', file);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`error JSON_SYNTAX: merged pull requests ${file} is`);
  });

  it('exits 2 on a window that is not a number of days', () => {
    expect(maestro('scoreboard', '--input', input(pulls), '--days', '0').stderr).toContain('error USAGE: --days "0" is not a whole number of days');
  });
});
