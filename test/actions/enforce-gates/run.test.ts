import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

function inputs(example: 'passing' | 'failing', overrides: Partial<RunInputs> = {}): RunInputs {
  return {
    eventName: 'pull_request',
    eventPath: `examples/pr-${example}/event.json`,
    evidence: `examples/pr-${example}/evidence`,
    config: 'examples/maestro.yml',
    configIsDefault: false,
    changedFiles: `examples/pr-${example}/changed-files.txt`,
    ...(example === 'failing' ? { waivers: 'examples/pr-failing/waivers.json' } : {}),
    outputDir: mkdtempSync(join(tmpdir(), 'action-')),
    now: '2026-11-20T12:00:00Z',
    checkRun: false,
    ...overrides,
  };
}

describe('Enforce GA Gates Evidence (root action)', () => {
  it('writes gate notes to the job summary, the result and decision log to files, and sets outputs', async () => {
    const { io, calls } = fakeIo();
    const result = await run(inputs('failing'), io);
    expect(result?.conclusion).toBe('failure');
    expect(calls.summary).toContain('### ❌ failed: Enforce GA Gates Evidence');
    expect(calls.outputs).toMatchObject({ conclusion: 'failure', 'failing-controls': 'GA-07,GA-13,GA-25,GA-26,GA-30', 'applicable-controls': '6' });
    expect(JSON.parse(readFileSync(calls.outputs['report-path']!, 'utf8'))).toMatchObject({ conclusion: 'failure' });
    expect(JSON.parse(readFileSync(calls.outputs['decision-log-path']!, 'utf8'))).toMatchObject({ kind: 'decision-log' });
    expect(calls.failed).toEqual(['5 of 6 applicable controls are not met: GA-07, GA-13, GA-25, GA-26, GA-30 (1 waived).']);
  });

  it('does not fail the step when the gate passes', async () => {
    // The passing example without its feature-flag label: manual links are not an input of this action.
    const payload = JSON.parse(readFileSync('examples/pr-passing/event.json', 'utf8')) as { pull_request: { labels: Array<{ name: string }> } };
    payload.pull_request.labels = payload.pull_request.labels.filter((l) => l.name !== 'feature-flag');
    const dir = mkdtempSync(join(tmpdir(), 'passing-'));
    writeFileSync(join(dir, 'event.json'), JSON.stringify(payload));
    writeFileSync(join(dir, 'changed.txt'), 'web/src/checkout/PaymentForm.tsx\npackage-lock.json\nschema/schema.graphql\n');
    const { io, calls } = fakeIo();
    const result = await run(inputs('passing', { eventPath: join(dir, 'event.json'), changedFiles: join(dir, 'changed.txt') }), io);
    expect(result?.conclusion).toBe('success');
    expect(calls.outputs).toMatchObject({ conclusion: 'success', 'failing-controls': '', 'applicable-controls': '4' });
    expect(calls.failed).toEqual([]);
  });

  it('uses the defaults when the default config path does not exist', async () => {
    const { io, calls } = fakeIo();
    await run(inputs('failing', { config: '.github/maestro.yml', configIsDefault: true }), io);
    expect(calls.info).toContain('.github/maestro.yml does not exist: using the default configuration.');
  });

  it('fails the step with action_required when the repo config is invalid', async () => {
    const config = join(mkdtempSync(join(tmpdir(), 'config-')), 'maestro.yml');
    writeFileSync(config, 'controls:\n  exlude: [GA-24]\n');
    const { io, calls } = fakeIo();
    const result = await run(inputs('failing', { config }), io);
    expect(result?.conclusion).toBe('action_required');
    expect(calls.failed[0]).toContain('controls.exlude');
  });

  it('reports every requirement missing, with a warning, when the evidence folder is absent', async () => {
    const { io, calls } = fakeIo();
    const result = await run(inputs('failing', { evidence: 'no-such-folder' }), io);
    expect(calls.warnings[0]).toContain('Evidence folder no-such-folder does not exist');
    expect(result?.controls.filter((c) => c.result === 'missing').length).toBeGreaterThan(0);
  });

  it.each([
    ['a push event', { eventName: 'push' }, 'error USAGE: Enforce GA Gates Evidence evaluates pull requests, but this run was triggered by push'],
    ['a config path that does not exist', { config: 'nope.yml' }, 'error FILE_NOT_FOUND: config file nope.yml does not exist'],
    ['an unreadable event', { eventPath: 'examples/maestro.yml' }, 'error JSON_SYNTAX: event payload examples/maestro.yml is not valid JSON'],
  ])('fails the step with a clear error on %s', async (_what, overrides, message) => {
    const { io, calls } = fakeIo();
    expect(await run(inputs('failing', overrides), io)).toBeUndefined();
    expect(calls.failed[0]!.startsWith(message)).toBe(true);
  });
});
