import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';

const root = resolve(import.meta.dirname, '../../..');
const action = join(root, 'actions/dist/enforce-gates.js');

describe('the committed bundle of the root action in report-only mode', () => {
  it('exits 0 on the failing example, warns which controls would fail, and sets the mode output', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runner-'));
    const files = { output: join(dir, 'output'), summary: join(dir, 'summary'), config: join(dir, 'maestro.yml') };
    writeFileSync(files.output, '');
    writeFileSync(files.summary, '');
    writeFileSync(files.config, `${readFileSync(join(root, 'examples/maestro.yml'), 'utf8')}mode: report-only\n`);
    const inputs = { evidence: 'examples/pr-failing/evidence', config: files.config, 'changed-files': 'examples/pr-failing/changed-files.txt', waivers: 'examples/pr-failing/waivers.json', now: '2026-11-20T12:00:00Z' };
    const result = spawnSync(process.execPath, [action], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: 'examples/pr-failing/event.json', GITHUB_OUTPUT: files.output, GITHUB_STEP_SUMMARY: files.summary, RUNNER_TEMP: dir, ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])) },
    });
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('::error::');
    expect(result.stdout).toContain(`::warning::Report-only mode (set by ${files.config}): this step does not fail. In enforce mode it would fail on GA-07, GA-13, GA-25, GA-26, GA-30`);
    const output = readFileSync(files.output, 'utf8');
    expect(output).toMatch(/^conclusion<<(ghadelimiter_[0-9a-f-]+)\nneutral\n\1$/m);
    expect(output).toMatch(/^mode<<(ghadelimiter_[0-9a-f-]+)\nreport-only\n\1$/m);
    expect(readFileSync(files.summary, 'utf8')).toContain('### 👀 report-only, would fail: Enforce GA Gates Evidence');
  });
});
