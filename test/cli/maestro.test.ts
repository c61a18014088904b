import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseEvidence } from '../../core/evidence/parse-evidence.js';
import '../helpers/build-evidence.js';

const root = resolve(import.meta.dirname, '../..');
const NOW = '2026-11-20T12:00:00Z';

/** Runs the built `maestro` bin (npm test builds it first) as a user would. */
function maestro(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(root, 'bin/maestro.cjs'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const passing = ['gate', '--event', 'examples/pr-passing/event.json', '--evidence', 'examples/pr-passing/evidence', '--changed-files', 'examples/pr-passing/changed-files.txt', '--config', 'examples/maestro.yml', '--links', 'examples/pr-passing/links.json', '--now', NOW];
const failing = ['gate', '--event', 'examples/pr-failing/event.json', '--evidence', 'examples/pr-failing/evidence', '--changed-files', 'examples/pr-failing/changed-files.txt', '--config', 'examples/maestro.yml', '--waivers', 'examples/pr-failing/waivers.json', '--now', NOW];

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'maestro-cli-'));
}

describe('maestro', () => {
  it.each([[[]], [['gate']], [['validate']], [['controls']], [['controls', 'list']], [['controls', 'show']]])('prints help for %j with --help and exits 0', (args) => {
    const { code, stdout } = maestro(...args, '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: maestro/);
  });

  it('exits 2 on an unknown option, with usage help', () => {
    const { code, stderr } = maestro('gate', '--event', 'e.json', '--evidence', 'dir', '--evidense', 'x');
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--evidense'");
  });

  it.each([
    [['deploy'], "error USAGE: unknown command 'deploy'"],
    [['gate', '--event', 'e.json'], "error USAGE: required option '--evidence <dir>' not specified (maestro gate)"],
    [['gate', '--event', 'e.json', '--evidence', 'd', '--format', 'yaml'], "error USAGE: option '--format' must be one of text, markdown, json, not 'yaml' (maestro gate)"],
    [['gate', '--event', 'e.json', '--evidence', 'd', '--config', 'c.yml', '--no-config'], 'error USAGE: --config and --no-config cannot be used together'],
    [['controls', 'show'], "error USAGE: missing required argument 'id' (maestro controls show)"],
    [['controls', 'show', 'GA-01', 'GA-02'], 'error USAGE: too many arguments: GA-02 (maestro controls show)'],
  ])('exits 2 with a usage error for %j', (args, message) => {
    const { code, stderr } = maestro(...args);
    expect(code).toBe(2);
    expect(stderr.startsWith(message)).toBe(true);
  });

  it('prints the version', () => {
    expect(maestro('--version')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
  });

  describe('gate', () => {
    it('passes the passing example: exit 0 and gate notes that say why', () => {
      const { code, stdout } = maestro(...passing);
      expect(code).toBe(0);
      expect(stdout).toContain('### ✅ passed: Enforce GA Gates Evidence');
      expect(stdout).toContain('All 5 applicable controls are met.');
    });

    it('fails the failing example: exit 1, each control explained in plain words', () => {
      const { code, stdout } = maestro(...failing);
      expect(code).toBe(1);
      expect(stdout).toContain('5 of 6 applicable controls are not met: GA-07, GA-13, GA-25, GA-26, GA-30 (1 waived).');
      // Each control: its line (result mark, id, reason) opens on its explanation.
      const block = (id: string): string => stdout.split('<details>').find((b) => b.includes(`>${id}</a>`)) ?? '';
      expect(block('GA-07')).toMatch(/^<summary>❌ .*k6-summary\.json cannot be used[^]*k6-summary\.json is not a valid k6-summary report: \/data\/metrics\/http\\_req\\_duration\/values\/p\(95\): must be a number, found the string "388 ms"/);
      expect(block('GA-13')).toMatch(/^<summary>❌ .*no schema-diff report was found[^]*No schema-diff report for head commit 5d8a2f1 was found/);
      expect(block('GA-25')).toMatch(/^<summary>❌ [^]*data\.counts\.minor is 7, must be \\<= 4 \(parameter maxMinor\)/);
      expect(block('GA-26')).toMatch(/^<summary>❌ .*slo-burn\.json is out of date[^]*is 10 days old; it must be at most 24 hours old/);
      expect(block('GA-30')).toMatch(/^<summary>❌ [^]*A waiver by @\u200boctocat expired at the end of 2026-11-15/);
      expect(block('GA-08')).toMatch(/^<summary>⚠️ .*waived by @\u200boctocat until 2026-12-04[^]*Waived by @\u200boctocat until 2026-12-04/);
    });

    it('prints the same JSON for the same inputs, byte for byte', () => {
      const one = maestro(...failing, '--format', 'json');
      const two = maestro(...failing, '--format', 'json');
      expect(one.stdout).toBe(two.stdout);
      expect(JSON.parse(one.stdout)).toMatchObject({ conclusion: 'failure', subject: { repo: 'Codertocat/Hello-World', pr: 3 } });
    });

    it('writes a valid decision-log report when asked', () => {
      const out = join(tmp(), 'decisions.json');
      expect(maestro(...failing, '--decision-log', out).code).toBe(1);
      const log = parseEvidence(readFileSync(out), out);
      expect(log.status === 'invalid' ? log.issues : []).toEqual([]);
      expect(log.status === 'valid' && log.report.data).toMatchObject({ gate: { conclusion: 'failure' } });
    });

    it.each([
      ['a missing event file', ['--event', 'nope.json'], 'error FILE_NOT_FOUND: event payload nope.json does not exist'],
      ['an event that is not JSON', ['--event', 'examples/maestro.yml'], 'error JSON_SYNTAX: event payload examples/maestro.yml is not valid JSON: invalid symbol at line 1, column 1'],
      ['an event of the wrong shape', ['--event', 'package.json'], 'error EVENT_INVALID: package.json is not a pull_request webhook payload: /pull_request required field "pull_request" is missing'],
      ['an evidence path that is a file', ['--evidence', 'package.json'], 'error NOT_A_FILE: evidence folder package.json is not a folder'],
      ['an evaluation time that is not a time', ['--now', 'yesterday'], 'error USAGE: --now "yesterday" is not an RFC 3339 time'],
    ])('exits 2 on %s with a one-line error and a remedy, no stack trace', (_what, override, message) => {
      const args = [...passing];
      for (let i = 0; i < override.length; i += 2) args[args.indexOf(override[i]!) + 1] = override[i + 1]!;
      const { code, stderr, stdout } = maestro(...args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.startsWith(message)).toBe(true);
      expect(stderr).toContain('remedy: ');
      expect(stderr).not.toMatch(/\n\s+at /);
    });

    it('exits 2 on a catalog with a duplicate control id', () => {
      const dir = tmp();
      cpSync(join(root, 'controls/ga-25-accessibility.yml'), join(dir, 'a.yml'));
      cpSync(join(root, 'controls/ga-25-accessibility.yml'), join(dir, 'b.yml'));
      const { code, stderr } = maestro(...passing, '--catalog', dir);
      expect(code).toBe(2);
      expect(stderr).toContain('error CATALOG_DUPLICATE_ID: control id GA-25 is defined twice');
    });

    it('fails with action_required on a config with an unknown key, naming the key and line', () => {
      const config = join(tmp(), 'maestro.yml');
      writeFileSync(config, 'version: 1\ncontrols:\n  exlude: [GA-24]\n');
      const args = [...passing];
      args[args.indexOf('--config') + 1] = config;
      const { code, stdout } = maestro(...args);
      expect(code).toBe(1);
      expect(stdout).toContain('### ⚠️ config error: Enforce GA Gates Evidence');
      expect(stdout).toContain('`controls.exlude` (line 3): unknown key "exlude" (did you mean "exclude"?)');
    });

    it('fails, without crashing or reading it whole, when the evidence holds a 100 MB file', () => {
      const dir = tmp();
      cpSync(join(root, 'examples/pr-passing/evidence'), dir, { recursive: true });
      writeFileSync(join(dir, 'huge.json'), '');
      truncateSync(join(dir, 'huge.json'), 100 * 1024 * 1024);
      const args = [...passing];
      args[args.indexOf('--evidence') + 1] = dir;
      const { code, stdout } = maestro(...args);
      expect(code).toBe(1);
      expect(stdout).toContain('1 evidence file is unusable: huge.json');
      expect(stdout).toContain('more than the limit of 26214400 bytes');
    });
  });

  describe('validate', () => {
    it('exits 0 when every report is valid', () => {
      const { code, stdout } = maestro('validate', 'test/fixtures/evidence/valid');
      expect(code).toBe(0);
      expect(stdout).toMatch(/23 valid, 0 invalid\n$/);
    });

    it('exits 1 and points at the field of each invalid report', () => {
      const { code, stdout } = maestro('validate', 'test/fixtures/evidence/invalid/a11y.negative-count.json', 'test/fixtures/evidence/valid/a11y.json');
      expect(code).toBe(1);
      expect(stdout).toContain('FAIL  test/fixtures/evidence/invalid/a11y.negative-count.json: not a valid a11y report (SCHEMA_INVALID)\n        /data/counts/minor: is -1, must be >= 0');
      expect(stdout).toContain('1 valid, 1 invalid');
    });

    it('exits 2 when a file does not exist', () => {
      expect(maestro('validate', 'nope.json')).toMatchObject({ code: 2, stderr: expect.stringContaining('error FILE_NOT_FOUND: nope.json does not exist') });
    });
  });

  describe('controls', () => {
    it('lists the 30 GA controls', () => {
      const { code, stdout } = maestro('controls', 'list');
      expect(code).toBe(0);
      expect(stdout.split('\n').filter((l) => /^GA-\d\d /.test(l))).toHaveLength(30);
      expect(JSON.parse(maestro('controls', 'list', '--format', 'json').stdout)).toHaveLength(30);
    });

    it('shows one control with its framework mappings and requirements', () => {
      const { code, stdout } = maestro('controls', 'show', 'GA-25');
      expect(code).toBe(0);
      expect(stdout).toContain('GA-25  Accessibility (WCAG 2.1 AA)');
      expect(stdout).toContain('ISO 27001:  A.8.26, A.8.29');
      expect(stdout).toContain('parameters: maxCritical=0, maxMinor=4 (override with thresholds.a11y.<name>)');
    });

    it('suggests the closest id for an unknown one and exits 2', () => {
      expect(maestro('controls', 'show', 'GA-8')).toMatchObject({ code: 2, stderr: expect.stringContaining('no control GA-8 in the catalog (did you mean GA-08?)') });
    });
  });
});
