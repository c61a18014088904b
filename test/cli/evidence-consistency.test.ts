import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';

const root = resolve(import.meta.dirname, '../..');
const NOW = '2026-11-20T12:00:00Z';
const EXAMPLE_A11Y = readFileSync(join(root, 'examples/pr-passing/evidence/a11y.json'), 'utf8');
const PAGE = 'http://127.0.0.1:4173/checkout';
const critical = { rule: 'image-alt', impact: 'critical', target: 'img.hero', helpUrl: 'https://dequeuniversity.com/rules/axe/4.10/image-alt', page: PAGE };

/** Runs `maestro` from its source (cli/main.ts through tsx), so the test does not depend on a rebuilt dist/. */
function maestro(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', 'import { main } from "./cli/main.ts"; await main(process.argv.slice(1));', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The passing example's a11y report, changed. */
function exampleA11y(change: (report: any) => void): string {
  const report = JSON.parse(EXAMPLE_A11Y);
  change(report);
  return JSON.stringify(report, null, 2);
}

/** A copy of the passing example's evidence with extra files. */
function evidenceWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'maestro-consistency-'));
  cpSync(join(root, 'examples/pr-passing/evidence'), dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const gate = (evidence: string, ...more: string[]) =>
  maestro('gate', '--event', 'examples/pr-passing/event.json', '--evidence', evidence, '--changed-files', 'examples/pr-passing/changed-files.txt', '--config', 'examples/maestro.yml', '--links', 'examples/pr-passing/links.json', '--now', NOW, ...more);

/** The GA-25 row of the gate notes. */
/** GA-25 in the gate notes: its line (the `<summary>`) and the explanation it opens on. */
const ga25 = (stdout: string): string => stdout.split('<details>').find((block) => block.includes('>GA-25</a>')) ?? '';

describe('maestro on inconsistent and ambiguous evidence', () => {
  it('validate: refuses a report whose total hides its page counts, and one whose count is written twice, naming the fields', () => {
    const dir = mkdtempSync(join(tmpdir(), 'maestro-consistency-'));
    writeFileSync(join(dir, 'a11y-counts.json'), exampleA11y((r) => {
      r.data.counts.critical = 0;
      r.data.pages[0].counts.critical = 5;
      r.data.violations.push(critical);
    }));
    writeFileSync(join(dir, 'a11y-twice.json'), EXAMPLE_A11Y.replace('"critical": 0,', '"critical": 7,\n      "critical": 0,'));
    const { code, stdout } = maestro('validate', dir);
    expect(code).toBe(1);
    expect(stdout).toBe([
      `FAIL  ${dir}/a11y-counts.json: not a valid a11y report (INCONSISTENT)`,
      "        /data/counts/critical: is 0, but the pages' counts add up to 5",
      '        /data/counts/critical: is 0, but the report lists 1 critical violation',
      `        /data/pages/0/counts/critical: is 5, but the report lists 1 critical violation on ${PAGE}`,
      `FAIL  ${dir}/a11y-twice.json: not a valid a11y report (JSON_DUPLICATE_KEY)`,
      '        /data/counts/critical: ambiguous JSON: the key "critical" appears twice in the object at /data/counts (at line 28, column 7 and again at line 29, column 7); JSON readers keep only one of the two values',
      '0 valid, 2 invalid',
      '',
    ].join('\n'));
  });

  it('gate: a passing a11y.json does not hide a failing a11y_same_time_fail.json of the same time; GA-25 is not met and both are named', () => {
    const failing = exampleA11y((r) => {
      r.data.counts.critical = 1;
      r.data.pages[0].counts.critical = 1;
      r.data.violations.push(critical);
    });
    const { code, stdout } = gate(evidenceWith({ 'a11y_same_time_fail.json': failing }));
    expect(code).toBe(1);
    expect(ga25(stdout)).toMatch(/^<summary>❌ /);
    expect(ga25(stdout)).toContain('2 a11y reports of the same time (2026-11-20T09:12:00Z): a11y\\_same\\_time\\_fail.json fails, so it decides; a11y.json passes. a11y\\_same\\_time\\_fail.json fails: data.counts.critical is 1, must be \\<= 0 (parameter maxCritical).');
    expect(stdout).not.toContain('- `a11y_same_time_fail.json`:');
    expect(stdout).not.toContain('- `a11y.json`:');
  });

  it('gate: an a11y report that says "critical":7,"critical":0 does not pass GA-25', () => {
    const { code, stdout } = gate(evidenceWith({ 'a11y.json': EXAMPLE_A11Y.replace('"critical": 0,', '"critical": 7,\n      "critical": 0,') }));
    expect(code).toBe(1);
    expect(ga25(stdout)).toMatch(/^<summary>❌ .*a11y\.json cannot be used/);
    expect(ga25(stdout)).toContain('the key "critical" appears twice in the object at /data/counts');
  });

  it('gate: refuses a config and a waivers file with a repeated key, naming the key and the line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'maestro-consistency-'));
    writeFileSync(join(dir, 'maestro.yml'), 'version: 1\nthresholds:\n  a11y:\n    maxCritical: 7\n    maxCritical: 0\n');
    const config = maestro('gate', '--event', 'examples/pr-passing/event.json', '--evidence', 'examples/pr-passing/evidence', '--changed-files', 'examples/pr-passing/changed-files.txt', '--config', join(dir, 'maestro.yml'), '--now', NOW);
    expect(config.code).toBe(1);
    expect(config.stdout).toContain('- file (line 5): not valid YAML: duplicate key "maxCritical" in thresholds.a11y (lines 4 and 5): a key may appear only once in a mapping');
    writeFileSync(join(dir, 'waivers.json'), '[{"kind":"waiver","kind":"waiver"}]');
    const waivers = gate('examples/pr-passing/evidence', '--waivers', join(dir, 'waivers.json'));
    expect(waivers.code).toBe(2);
    expect(waivers.stderr).toContain(`error JSON_DUPLICATE_KEY: waivers file ${dir}/waivers.json is ambiguous JSON: the key "kind" appears twice in the object at /0`);
  });
});
