import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { run, type ActionIo, type RunInputs } from '../../../actions/enforce-gates/run.js';

/** Records what the action tells the runner. */
function fakeIo() {
  const calls = { outputs: {} as Record<string, string>, summary: '', failed: [] as string[], info: [] as string[], warnings: [] as string[] };
  const io: ActionIo = {
    setOutput: (name, value) => void (calls.outputs[name] = value),
    appendSummary: async (markdown) => void (calls.summary += markdown),
    setFailed: (message) => void calls.failed.push(message),
    info: (message) => void calls.info.push(message),
    warning: (message) => void calls.warnings.push(message),
  };
  return { io, calls };
}

/** The failing example with the example config plus `extra`, the config at `.github/maestro.yml` of a checkout (relative paths, as in a workflow). */
function failingExample(extra: string, changed?: string): RunInputs {
  const dir = mkdtempSync(join(tmpdir(), 'report-only-'));
  const config = join(dir, 'maestro.yml');
  writeFileSync(config, `${readFileSync('examples/maestro.yml', 'utf8')}${extra}`);
  const changedFiles = join(dir, 'changed.txt');
  writeFileSync(changedFiles, `${readFileSync('examples/pr-failing/changed-files.txt', 'utf8')}${changed ?? ''}`);
  return {
    eventName: 'pull_request',
    eventPath: 'examples/pr-failing/event.json',
    evidence: 'examples/pr-failing/evidence',
    config,
    configIsDefault: false,
    changedFiles,
    waivers: 'examples/pr-failing/waivers.json',
    outputDir: dir,
    now: '2026-11-20T12:00:00Z',
    checkRun: false,
  };
}

describe('Enforce GA Gates Evidence in report-only mode', () => {
  it('does not fail the step, and warns which controls would fail it in enforce mode', async () => {
    const inputs = failingExample('mode: report-only\n');
    const { io, calls } = fakeIo();
    const result = await run(inputs, io);
    expect(result?.conclusion).toBe('neutral');
    expect(calls.failed).toEqual([]);
    expect(calls.outputs).toMatchObject({ conclusion: 'neutral', mode: 'report-only', 'failing-controls': 'GA-07,GA-13,GA-25,GA-26,GA-30' });
    expect(calls.info).toContain('report-only: this pull request would fail 5 controls (GA-07, GA-13, GA-25, GA-26, GA-30); mode: report-only, so the check does not block.');
    expect(calls.warnings).toEqual([`Report-only mode (set by ${inputs.config}): this step does not fail. In enforce mode it would fail on GA-07, GA-13, GA-25, GA-26, GA-30: report-only: this pull request would fail 5 controls (GA-07, GA-13, GA-25, GA-26, GA-30); mode: report-only, so the check does not block.`]);
    expect(calls.summary).toContain('### 👀 report-only, would fail: Enforce GA Gates Evidence');
    const log = JSON.parse(readFileSync(calls.outputs['decision-log-path']!, 'utf8')) as { data: { gate: Record<string, unknown> } };
    expect(log.data.gate).toMatchObject({ conclusion: 'neutral', mode: { mode: 'report-only', wouldBe: 'failure', wouldFail: ['GA-07', 'GA-13', 'GA-25', 'GA-26', 'GA-30'] } });
  });

  it('fails the step as in enforce mode when the pull request itself changes the config file, saying why', async () => {
    // A checkout whose .github/maestro.yml the pull request changes, the action run in it as a workflow runs it.
    const checkout = mkdtempSync(join(tmpdir(), 'checkout-'));
    mkdirSync(join(checkout, '.github'));
    writeFileSync(join(checkout, '.github/maestro.yml'), `${readFileSync('examples/maestro.yml', 'utf8')}mode: report-only\n`);
    writeFileSync(join(checkout, 'changed.txt'), `${readFileSync('examples/pr-failing/changed-files.txt', 'utf8')}.github/maestro.yml\n`);
    const examples = resolve('examples/pr-failing');
    const example = (path: string) => join(examples, path);
    const before = process.cwd();
    const base = failingExample('');
    const { io, calls } = fakeIo();
    let result;
    try {
      process.chdir(checkout);
      result = await run({ ...base, config: '.github/maestro.yml', configIsDefault: true, changedFiles: 'changed.txt', eventPath: example('event.json'), evidence: example('evidence'), waivers: example('waivers.json') }, io);
    } finally {
      process.chdir(before);
    }
    expect(calls.failed[0]).not.toMatch(/^error|internal/);
    expect(result?.conclusion).toBe('failure');
    expect(calls.outputs.mode).toBe('enforce');
    expect(calls.warnings).toEqual(['mode: report-only in .github/maestro.yml is not applied to this pull request, which changes that file: a pull request cannot relax the gate that judges it. It applies to other pull requests once this one is merged.']);
    expect(calls.summary).toContain('> ⚠️ mode: report-only in .github/maestro.yml is not applied to this pull request');
    expect(calls.failed).toHaveLength(1);
  });

  it('still fails the step on an invalid config', async () => {
    const { io, calls } = fakeIo();
    const result = await run(failingExample('mode: report-only\nthresholds:\n  a11y:\n    maxCritical: 9\n'), io);
    expect(result?.conclusion).toBe('action_required');
    expect(calls.failed).toHaveLength(1);
  });

  it('refuses a catalog-mode that is neither replace nor extend, with the remedy', async () => {
    const { io, calls } = fakeIo();
    expect(await run({ ...failingExample(''), catalogMode: 'merge' }, io)).toBeUndefined();
    expect(calls.failed).toEqual(['error USAGE: the input catalog-mode "merge" is neither replace nor extend\n  remedy: set catalog-mode to replace (the folder replaces the shipped catalog) or extend (it adds to it), or leave it empty.']);
  });
});
