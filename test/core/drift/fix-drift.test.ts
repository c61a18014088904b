import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { detectDrift } from '../../../core/drift/detect-drift.js';
import { fixDrift } from '../../../core/drift/fix-drift.js';
import { workflowProblems } from '../../helpers/workflow-parser.js';
import { driftInput, workflows } from './drift-fixtures.js';

/** The input with the fixed files in place of the repository's. */
function afterFix(repo: string) {
  const input = driftInput(repo);
  const fixed = fixDrift(input);
  const files = input.repo.filter((f) => !fixed.some((x) => x.path === f.path)).concat(fixed);
  return { input, fixed, files, again: detectDrift({ ...input, repo: files }) };
}

const jobsOf = (text: string) => Object.keys((parse(text) as { jobs: object }).jobs);

describe('fixDrift', () => {
  it.each(['drifted', 'extra-jobs', 'missing-workflow'])('makes %s clean: comparing the fixed files finds nothing', (repo) => {
    const { fixed, again } = afterFix(repo);
    expect(fixed.length).toBeGreaterThan(0);
    expect(again).toMatchObject({ status: 'clean', changes: [] });
  });

  it.each(['drifted', 'extra-jobs', 'missing-workflow'])('writes workflows GitHub\'s own parser accepts for %s', async (repo) => {
    for (const file of afterFix(repo).fixed) expect(await workflowProblems(file.path, file.text)).toEqual([]);
  });

  it('proposes nothing for a repository that is already fixed', () => {
    expect(fixDrift(driftInput('fixed'))).toEqual([]);
  });

  it('proposes nothing for a repository whose workflow does not parse', () => {
    expect(fixDrift(driftInput('invalid'))).toEqual([]);
  });

  it('is idempotent: fixing the fixed files changes nothing', () => {
    const { input, files } = afterFix('drifted');
    expect(fixDrift({ ...input, repo: files })).toEqual([]);
  });

  describe('when the repository has its own jobs and steps', () => {
    const { fixed } = afterFix('extra-jobs');
    const text = fixed.find((f) => f.path === '.github/workflows/test.yml')!.text;

    it('keeps them, and puts the missing template job back in its template position', () => {
      expect(jobsOf(text)).toEqual(['test_matrix', 'test-deno', 'test-bun', 'test']);
      expect(text).toContain('deno-version: v2.x # Run with latest stable Deno.');
      expect(text).toContain('- name: Validate types\n        run: npm run validate:ts');
    });

    it('narrows the widened job permissions to the template\'s and leaves the repository\'s own job alone', () => {
      const doc = parse(text) as { jobs: Record<string, { permissions?: unknown; needs?: unknown }> };
      expect(doc.jobs.test!.permissions).toEqual({ contents: 'read' });
      expect(doc.jobs['test-bun']!.permissions).toEqual({ contents: 'write' });
      expect(doc.jobs.test!.needs).toEqual(['test-bun', 'test-deno']);
    });

    it('changes only the lines the fix is about', () => {
      const before = workflows('extra-jobs').find((f) => f.path === '.github/workflows/test.yml')!.text.split('\n');
      const after = text.split('\n');
      const removed = before.filter((l) => !after.includes(l));
      expect(removed).toEqual(['      pull-requests: write']);
    });
  });

  describe('when actions moved and a step was removed', () => {
    const text = afterFix('drifted').fixed[0]!.text;

    it('restores the pinned references with their version comments, the removed step in place, the permissions and the version marker', () => {
      expect(text.startsWith('# maestro-template-version: 2.1.0\n')).toBe(true);
      expect(text).toContain('      - synchronize\npermissions:\n  contents: read\njobs:');
      expect(text.match(/actions\/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2/g)).toHaveLength(2);
      expect(text).toMatch(/uses: actions\/checkout@11bd7\S+ # v4.2.2\n {6}- uses: actions\/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 # v4.4.0\n {8}with:\n {10}node-version: "lts\/\*"/);
      expect(text).not.toContain('@v4\n');
    });

    it('keeps the quoted "on" key and the repository\'s triggers', () => {
      expect(text).toContain('"on":\n  push:');
    });
  });

  it('writes a missing template workflow as the template has it', () => {
    const { fixed } = afterFix('missing-workflow');
    expect(fixed).toEqual([{ path: '.github/workflows/codeql.yml', text: workflows('template')[0]!.text }]);
  });

  it('replaces permissions given as a string with the template\'s block', () => {
    const wf = (p: string) => `name: ci\npermissions: ${p}\n\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: "true"\n`;
    const [file] = fixDrift({ template: [{ path: 'ci.yml', text: wf('{ contents: read }') }], repo: [{ path: 'ci.yml', text: wf('write-all') }], templateSource: 't' });
    expect(file!.text).toBe(wf('{ contents: read }'));
  });

  it.each([
    ['a map, keeping its own events and filters', 'on:\n  push:\n    branches: [main, next]\n  workflow_dispatch:\n', { push: { branches: ['main', 'next'] }, workflow_dispatch: null, pull_request: { types: ['opened', 'synchronize'] } }],
    ['a list, turned into a map', 'on: [push, workflow_dispatch]\n', { push: null, workflow_dispatch: null, pull_request: { types: ['opened', 'synchronize'] } }],
    ['one event, turned into a map', 'on: push\n', { push: null, pull_request: { types: ['opened', 'synchronize'] } }],
  ])('puts a removed trigger back with the template\'s filters into %s', (_what, on, expected) => {
    const job = 'jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n';
    const template = 'on:\n  push:\n    branches: [main]\n  pull_request:\n    types: [opened, synchronize]\n' + job;
    const input = { template: [{ path: 'ci.yml', text: template }], repo: [{ path: 'ci.yml', text: on + job }], templateSource: 't' };
    const [file] = fixDrift(input);
    expect((parse(file!.text) as { on: unknown }).on).toEqual(expected);
    expect(detectDrift({ ...input, repo: [file!] }).status).toBe('clean');
  });

  it('turns a job the repository made a reusable workflow call back into the template\'s job', () => {
    const template = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n';
    const repo = 'on: push\njobs:\n  a:\n    uses: acme/ci/.github/workflows/x.yml@main\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ours\n';
    const [file] = fixDrift({ template: [{ path: 'ci.yml', text: template }], repo: [{ path: 'ci.yml', text: repo }], templateSource: 't' });
    expect(parse(file!.text)).toEqual({ on: 'push', jobs: { a: { 'runs-on': 'ubuntu-latest', steps: [{ run: 'make' }] }, b: { 'runs-on': 'ubuntu-latest', steps: [{ run: 'ours' }] } } });
  });
});
