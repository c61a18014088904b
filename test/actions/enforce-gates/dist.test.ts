import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';

const root = resolve(import.meta.dirname, '../../..');
const action = join(root, 'actions/dist/enforce-gates.js');

/** Runs the committed bundle the way a runner does: inputs as INPUT_* variables, outputs and summary as files. */
function runAction(inputs: Record<string, string>, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'runner-'));
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary') };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const vars = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]));
  const result = spawnSync(process.execPath, [action], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, GITHUB_EVENT_NAME: 'pull_request', GITHUB_OUTPUT: files.output, GITHUB_STEP_SUMMARY: files.summary, RUNNER_TEMP: dir, ...vars, ...env },
  });
  return { code: result.status, stdout: result.stdout, output: readFileSync(files.output, 'utf8'), summary: readFileSync(files.summary, 'utf8') };
}

describe('the committed bundle of the root action', () => {
  it('evaluates the failing example, writes outputs and the job summary, and exits 1 with an error annotation', () => {
    const run = runAction(
      { evidence: 'examples/pr-failing/evidence', config: 'examples/maestro.yml', 'changed-files': 'examples/pr-failing/changed-files.txt', waivers: 'examples/pr-failing/waivers.json', now: '2026-11-20T12:00:00Z' },
      { GITHUB_EVENT_PATH: 'examples/pr-failing/event.json' },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::5 of 6 applicable controls are not met');
    expect(run.output).toMatch(/^conclusion<<(ghadelimiter_[0-9a-f-]+)\nfailure\n\1$/m);
    expect(run.summary).toContain('### ❌ failed: Enforce GA Gates Evidence');
  });

  it('decides as of the time in the now input: the waiver of GA-08 that holds until 2026-12-04 has ended by 2026-12-07', () => {
    const run = runAction(
      { evidence: 'examples/pr-failing/evidence', config: 'examples/maestro.yml', 'changed-files': 'examples/pr-failing/changed-files.txt', waivers: 'examples/pr-failing/waivers.json', now: '2026-12-07T09:00:00Z' },
      { GITHUB_EVENT_PATH: 'examples/pr-failing/event.json' },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::6 of 6 applicable controls are not met');
  });

  it('refuses a now input that is not an RFC 3339 time, naming the input', () => {
    const run = runAction({ evidence: 'examples/pr-failing/evidence', config: 'examples/maestro.yml', now: 'yesterday' }, { GITHUB_EVENT_PATH: 'examples/pr-failing/event.json' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::error USAGE: the input now "yesterday" is not an RFC 3339 time');
  });

  it('exits 1 with a clear message outside a pull request', () => {
    const run = runAction({}, { GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: 'examples/pr-failing/event.json' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::error USAGE: Enforce GA Gates Evidence evaluates pull requests, but this run was triggered by push');
  });
});
