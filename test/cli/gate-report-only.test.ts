import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { runMain } from '../helpers/run-main.js';
import { TEST_NOW } from '../helpers/clock.js';
import { tempDir } from '../helpers/release-bundle.js';

const root = resolve(import.meta.dirname, '../..');
const failing = (path: string) => join(root, 'examples/pr-failing', path);

/** The example config plus `extra`, as a file. */
function configFile(extra: string): string {
  const path = join(tempDir('maestro-cli-mode-'), 'maestro.yml');
  writeFileSync(path, `${readFileSync(join(root, 'examples/maestro.yml'), 'utf8')}${extra}`);
  return path;
}

/** `maestro gate` on the failing example (5 blocking controls not met, 1 waived), in this process. */
function gate(...extra: string[]) {
  return runMain(['gate', '--event', failing('event.json'), '--evidence', failing('evidence'), '--changed-files', failing('changed-files.txt'), '--waivers', failing('waivers.json'), '--now', TEST_NOW, ...extra]);
}

const ORG_CONTROL = [
  'id: ORG-01', 'title: Change record', 'priority: P0', 'blocking: true', 'description: Every change has a change record.',
  'frameworks: { soc2: [CC8.1], iso27001: [A.8.32], ssdf: [PO.3.3] }', 'applies: { always: true }',
  'evidence:', '  - { kind: link, description: A reviewer approved the link to the change record., scope: commit, maxAge: P30D, link: true }', '',
].join('\n');

describe('maestro gate in report-only mode', () => {
  it('exits 0 and says which controls would fail, in the notes and in the JSON', async () => {
    const config = configFile('mode: report-only\n');
    const markdown = await gate('--config', config);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain('### 👀 report-only, would fail: Enforce GA Gates Evidence');
    expect(markdown.stdout).toContain('report-only: this pull request would fail 5 controls (GA-07, GA-13, GA-25, GA-26, GA-30)');
    expect(markdown.stdout.replace(/\\/g, '')).toContain(`> **Report-only mode** (set by \`${config}\`): this check does not block merging. In enforce mode it would fail GA-07, GA-13, GA-25, GA-26, GA-30.`);

    const json = await gate('--config', config, '--format', 'json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ conclusion: 'neutral', mode: { mode: 'report-only', source: config, wouldBe: 'failure', wouldFail: ['GA-07', 'GA-13', 'GA-25', 'GA-26', 'GA-30'] } });
  });

  it('exits 1 in enforce mode, as before', async () => {
    expect((await gate('--config', configFile('mode: enforce\n'))).code).toBe(1);
  });
});

describe('maestro gate --catalog --catalog-mode', () => {
  function orgFolder(): string {
    const dir = tempDir('maestro-cli-catalog-');
    mkdirSync(join(dir, 'controls'));
    writeFileSync(join(dir, 'controls/org-01.yml'), ORG_CONTROL);
    return join(dir, 'controls');
  }

  it('extend: judges with the shipped controls and the folder\'s, and names the catalog that decided', async () => {
    const dir = orgFolder();
    const run = await gate('--catalog', dir, '--catalog-mode', 'extend', '--format', 'json');
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as { controls: Array<{ controlId: string; result: string }>; catalog: unknown };
    expect(result.controls).toHaveLength(31);
    expect(result.controls.find((c) => c.controlId === 'ORG-01')).toMatchObject({ result: 'missing' });
    expect(result.catalog).toEqual({ source: 'folder', mode: 'extend', location: dir, files: 1, overrides: [], shippedVersion: expect.any(String) });
    const notes = await gate('--catalog', dir, '--catalog-mode', 'extend');
    expect(notes.stdout.replace(/\\/g, '')).toMatch(new RegExp(`catalog \`[0-9a-f]{12}\` \\(folder ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, 1 file, extending shipped v`));
  });

  it('replace (the default): the folder\'s controls alone', async () => {
    const run = await gate('--catalog', orgFolder(), '--format', 'json');
    expect((JSON.parse(run.stdout) as { controls: unknown[] }).controls).toHaveLength(1);
  });

  it('refuses --catalog-mode without --catalog, and a mode it does not know', async () => {
    const alone = await gate('--catalog-mode', 'extend');
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--catalog-mode needs --catalog');
    const unknown = await gate('--catalog', orgFolder(), '--catalog-mode', 'merge');
    expect(unknown.code).toBe(2);
  });

  it('validates a catalog folder before it is pushed: maestro controls list exits 2 naming the file and the field', async () => {
    const dir = orgFolder();
    writeFileSync(join(dir, 'org-02.yml'), ORG_CONTROL.replace('ORG-01', 'ORG-02').replace('priority: P0', 'priority: P0\nseverity: high'));
    const run = await runMain(['controls', 'list', '--catalog', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${join(dir, 'org-02.yml')} at /severity: unknown field "severity"`);
  });
});
