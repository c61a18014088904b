import { describe, expect, it } from '@jest/globals';
import { detectDrift } from '../../../core/drift/detect-drift.js';
import { isMaestroError } from '../../../core/errors.js';
import { driftInput, workflows } from './drift-fixtures.js';

const PINNED_CHECKOUT = 'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683';

describe('detectDrift', () => {
  describe('when the repository follows the template with its own additions', () => {
    it('reports clean: extra jobs, renamed steps, other triggers and comments are the repository\'s own', () => {
      const result = detectDrift(driftInput('fixed'));
      expect(result).toEqual({ status: 'clean', missingJobs: [], template: { source: 'acme/ci-templates/.github/workflows', version: '2.1.0' }, changes: [] });
    });
  });

  describe('when actions moved, permissions went and a step was removed', () => {
    const result = detectDrift(driftInput('drifted'));

    it('reports drift with one change per difference, in file and job order', () => {
      expect(result.status).toBe('drift');
      expect(result.missingJobs).toEqual([]);
      expect(result.changes.map((c) => [c.type, c.job ?? '', c.step ?? ''])).toEqual([
        ['template-behind', '', ''],
        ['widened-permissions', '', ''],
        ['unpinned-action', 'test_matrix', 'actions/checkout'],
        ['unpinned-action', 'test_matrix', 'Use Node.js ${{ matrix.node_version }}'],
        ['changed-action', 'test', 'actions/checkout'],
        ['removed-step', 'test', 'actions/setup-node'],
      ]);
    });

    it('names what the template expects and what the repository has', () => {
      expect(result.changes[0]).toMatchObject({ file: '.github/workflows/test.yml', expected: '2.1.0', actual: '2.0.0', message: 'follows template version 2.0.0; the template is at 2.1.0' });
      expect(result.changes[1]).toMatchObject({ expected: 'contents: read', message: expect.stringContaining('sets no permissions') });
      expect(result.changes[2]).toMatchObject({ expected: PINNED_CHECKOUT, actual: 'actions/checkout@v4', message: expect.stringContaining('not pinned to a full commit SHA') });
      expect(result.changes[4]).toMatchObject({ actual: 'actions/checkout@08eba0b27e820071cde6df949e0beb9ba4906955' });
    });
  });

  describe('when the repository removed a template job and added its own', () => {
    const result = detectDrift(driftInput('extra-jobs'));

    it('lists the narrowed push branches, the missing job and the widened job permissions, not the added jobs and steps', () => {
      expect(result.missingJobs).toEqual(['test_matrix']);
      expect(result.changes.map((c) => [c.type, c.job])).toEqual([
        ['narrowed-trigger', undefined],
        ['missing-job', 'test_matrix'],
        ['widened-permissions', 'test'],
      ]);
      expect(result.changes[0]).toMatchObject({ expected: 'on.push.branches: [main]', actual: 'on.push.branches: [dependabot/npm_and_yarn/**]' });
      expect(result.changes[2]!.message).toBe('job test grants the token more than the template: pull-requests write (template: none)');
    });
  });

  it('reports a template workflow the repository lacks, with all its jobs missing', () => {
    const result = detectDrift(driftInput('missing-workflow'));
    expect(result).toMatchObject({ status: 'drift', missingJobs: ['CodeQL-Build'], changes: [{ file: '.github/workflows/codeql.yml', type: 'missing-workflow' }] });
  });

  it('reports invalid, never clean, when a repository workflow does not parse, with the line', () => {
    const result = detectDrift(driftInput('invalid'));
    expect(result.status).toBe('invalid');
    expect(result.changes).toEqual([{ file: '.github/workflows/test.yml', type: 'invalid-yaml', message: '.github/workflows/test.yml is not valid YAML (line 13): All sequence items must start at the same column' }]);
  });

  it.each([
    ['a document that is a list', '- a\n- b\n', 'is not a workflow: the document is not a mapping'],
    ['a workflow without jobs', 'name: x\non: push\n', 'is not a workflow: it has no jobs mapping'],
    ['a job that is a string', 'on: push\njobs:\n  test: yes\n', 'is not a workflow: job test is not a mapping'],
    ['duplicate keys', 'on: push\njobs:\n  a: {}\n  a: {}\n', 'is not valid YAML'],
    ['an alias bomb', `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\njobs: {}\n`, 'is not valid YAML'],
  ])('reports %s as invalid', (_what, text, message) => {
    const input = { template: workflows('template'), repo: [{ path: '.github/workflows/test.yml', text }, ...workflows('template').slice(0, 1)], templateSource: 't' };
    const change = detectDrift(input).changes.find((c) => c.type === 'invalid-yaml');
    expect(change?.message).toContain(message);
  });

  it('compares two named files whatever their names when asked to', () => {
    const [codeql] = workflows('template');
    const result = detectDrift({ template: [codeql!], repo: [{ path: 'ci/scan.yaml', text: codeql!.text.replace('@df409f7d9260372bd5f19e5b04e83cb3c43714ae # v3.27.9', '@v3') }], templateSource: 't', pairSingleFiles: true });
    expect(result.changes).toMatchObject([{ file: 'ci/scan.yaml', type: 'unpinned-action', job: 'CodeQL-Build', step: 'Initialize CodeQL' }]);
  });

  it('names a template without version marker by a digest of its content', () => {
    const text = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: true\n';
    const result = detectDrift({ template: [{ path: 'ci.yml', text }], repo: [{ path: '.github/workflows/ci.yml', text }], templateSource: 't' });
    expect(result.template.version).toMatch(/^sha256:[0-9a-f]{12}$/);
    expect(result.status).toBe('clean');
  });

  it.each([
    ['write-all', '{ contents: read }', 'the workflow grants the token more than the template'],
    ['read-all', '{}', 'contents read (template: none)'],
    ['{ contents: read, id-token: write }', '{ contents: read }', 'id-token write (template: none)'],
  ])('finds permissions %s wider than %s', (actual, expected, message) => {
    const wf = (p: string) => `permissions: ${p}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: true\n`;
    const result = detectDrift({ template: [{ path: 'ci.yml', text: wf(expected) }], repo: [{ path: '.github/workflows/ci.yml', text: wf(actual) }], templateSource: 't' });
    expect(result.changes).toMatchObject([{ type: 'widened-permissions', message: expect.stringContaining(message) }]);
  });

  it('accepts narrower permissions than the template', () => {
    const wf = (p: string) => `permissions: ${p}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: true\n`;
    expect(detectDrift({ template: [{ path: 'ci.yml', text: wf('write-all') }], repo: [{ path: 'ci.yml', text: wf('{ contents: read }') }], templateSource: 't' }).status).toBe('clean');
  });

  it('reports a reusable workflow call moved to another ref', () => {
    const wf = (ref: string) => `on: pull_request\njobs:\n  gates:\n    uses: acme/maestro-conductor/.github/workflows/ga-gates.yml@${ref}\n`;
    const result = detectDrift({ template: [{ path: 'maestro.yml', text: wf('a'.repeat(40)) }], repo: [{ path: 'maestro.yml', text: wf('main') }], templateSource: 't' });
    expect(result.changes).toMatchObject([{ type: 'unpinned-action', job: 'gates', message: expect.stringContaining('job gates uses acme/maestro-conductor/.github/workflows/ga-gates.yml at main') }]);
  });

  it.each([
    ['a map', 'on:\n  push:\n    branches: [main]\n'],
    ['a list', 'on: [push]\n'],
    ['one event', 'on: push\n'],
  ])('reports a template trigger the repository removed, whatever the form of its on: (%s)', (_form, on) => {
    const job = 'jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n';
    const template = 'on:\n  push:\n    branches: [main]\n  pull_request:\n    types: [opened, synchronize]\n' + job;
    const result = detectDrift({ template: [{ path: 'ci.yml', text: template }], repo: [{ path: 'ci.yml', text: on + job }], templateSource: 't' });
    expect(result.changes).toEqual([{ file: 'ci.yml', type: 'missing-trigger', expected: 'pull_request', message: "the template's pull_request trigger was removed, so the workflow no longer runs on it" }]);
  });

  it('throws TEMPLATE_INVALID naming the file when the template does not parse', () => {
    let error: unknown;
    try {
      detectDrift({ template: [{ path: 'tpl/ci.yml', text: 'jobs: [' }], repo: [], templateSource: 't' });
    } catch (e) {
      error = e;
    }
    expect(isMaestroError(error) && error.code).toBe('TEMPLATE_INVALID');
    expect((error as Error).message).toMatch(/^template tpl\/ci.yml is not valid YAML/);
  });
});
