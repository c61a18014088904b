import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface Step { uses?: string; run?: string; env?: Record<string, string>; with?: Record<string, string> }

describe('actions/evidence-bundle/action.yml', () => {
  const action = parse(read('actions/evidence-bundle/action.yml')) as { inputs: Record<string, { default?: string }>; outputs: Record<string, { value: string }>; runs: { using: string; steps: Step[] } };

  it('is a composite action whose step runs the committed bundle', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps[0]!.run).toBe('node "$GITHUB_ACTION_PATH/../dist/evidence-bundle.js"');
  });

  it('has kebab-case inputs, github-token defaulting to the job token, and hands main.ts every input it reads', () => {
    for (const name of Object.keys(action.inputs)) expect(name).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
    expect(action.inputs['github-token']?.default).toBe('${{ github.token }}');
    const inputsRead = [...readFileSync(join(root, 'actions/evidence-bundle/main.ts'), 'utf8').matchAll(/(?:getInput|optionalInput)\('([a-z-]+)'\)/g)].map((m) => m[1]!);
    const passed = Object.keys(action.runs.steps[0]!.env ?? {});
    expect(inputsRead.length).toBeGreaterThan(5);
    for (const name of inputsRead) {
      expect(Object.keys(action.inputs)).toContain(name);
      expect(passed).toContain(`INPUT_${name.toUpperCase()}`);
    }
  });

  it('maps every output to the bundle step', () => {
    for (const output of Object.values(action.outputs)) expect(output.value).toMatch(/^\$\{\{ steps\.bundle\.outputs\.[a-z0-9-]+ \}\}$/);
  });
});

describe('.github/workflows/release-evidence.yml', () => {
  const workflow = parse(read('.github/workflows/release-evidence.yml')) as { on: Record<string, unknown>; permissions: object; jobs: Record<string, { permissions: Record<string, string>; steps: Step[] }> };

  it('is reusable (workflow_call) with least privilege per job', () => {
    expect(Object.keys(workflow.on)).toEqual(['workflow_call']);
    expect(workflow.permissions).toEqual({});
    expect(workflow.jobs.evidence!.permissions).toEqual({ contents: 'write', 'id-token': 'write', actions: 'read', 'pull-requests': 'read' });
  });

  it('pins every third-party action by full commit SHA with a version comment', () => {
    const lines = read('.github/workflows/release-evidence.yml').split('\n').filter((l) => /^\s*(- )?uses: /.test(l) && !l.includes('maestro-conductor/'));
    expect(lines.length).toBe(8);
    for (const line of lines) expect(line).toMatch(/uses: [\w-]+\/[\w-]+@[0-9a-f]{40} # v\d/);
  });
});
