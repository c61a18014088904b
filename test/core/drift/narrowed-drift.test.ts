import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { detectDrift } from '../../../core/drift/detect-drift.js';
import { fixDrift } from '../../../core/drift/fix-drift.js';
import { templateForRepo } from '../../../core/drift/template-for-repo.js';
import { parseTemplateManifest } from '../../../core/drift/parse-template-manifest.js';
import type { DriftInput } from '../../../core/drift/detect-drift.js';
import { actionlint, formatFindings } from '../../helpers/actionlint.js';
import { workflowProblems } from '../../helpers/workflow-parser.js';
import { manifestFiles, narrow } from './org-layout.js';

const JOB = 'jobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n';
const pair = (template: string, repo: string): DriftInput => ({ template: [{ path: '.github/workflows/ci.yml', text: template + JOB }], repo: [{ path: '.github/workflows/ci.yml', text: repo + JOB }], templateSource: 't' });

/** GitHub's parser and actionlint both accept a file `--fix` wrote. */
async function expectValidWorkflow(path: string, text: string): Promise<void> {
  expect(await workflowProblems(path, text)).toEqual([]);
  const findings = await actionlint(text, path);
  expect(formatFindings(path, findings)).toBe('');
}

describe('narrowed triggers', () => {
  it.each([
    ['pull_request types left out', 'on:\n  pull_request:\n    types: [opened, synchronize, labeled]\n', 'on:\n  pull_request:\n    types: [opened]\n', 'on.pull_request.types', '[opened, synchronize, labeled]', '[opened]'],
    ['types narrower than GitHub\'s default ones', 'on: pull_request\n', 'on:\n  pull_request:\n    types: [opened]\n', 'on.pull_request.types', '[opened, synchronize, reopened]', '[opened]'],
    ['the default types, where the template names more', 'on:\n  pull_request:\n    types: [opened, synchronize, reopened, ready_for_review]\n', 'on: [pull_request]\n', 'on.pull_request.types', '[opened, synchronize, reopened, ready_for_review]', '[opened, synchronize, reopened]'],
    ['a branches filter the template does not have', 'on:\n  push:\n', 'on:\n  push:\n    branches: [main]\n', 'on.push.branches', '(any)', '[main]'],
    ['a template branch left out', 'on:\n  push:\n    branches: [main, "release/**"]\n', 'on:\n  push:\n    branches: [main]\n', 'on.push.branches', '[main, release/**]', '[main]'],
    ['a branches-ignore pattern added', 'on:\n  pull_request:\n    branches-ignore: ["dependabot/**"]\n', 'on:\n  pull_request:\n    branches-ignore: ["dependabot/**", "release/**"]\n', 'on.pull_request.branches-ignore', '[dependabot/**]', '[dependabot/**, release/**]'],
    ['a paths filter added', 'on:\n  push:\n', 'on:\n  push:\n    paths: ["src/**"]\n', 'on.push.paths', '(any)', '[src/**]'],
    ['a paths-ignore filter added', 'on:\n  push:\n', 'on:\n  push:\n    paths-ignore: ["docs/**"]\n', 'on.push.paths-ignore', '(none)', '[docs/**]'],
  ])('finds %s, naming the trigger, the template\'s value and the repository\'s; the fix restores it and GitHub accepts the file', async (_what, template, repo, trigger, expected, actual) => {
    const input = pair(template, repo);
    const result = detectDrift(input);
    expect(result.status).toBe('drift');
    expect(result.changes).toEqual([expect.objectContaining({ type: 'narrowed-trigger', expected: `${trigger}: ${expected}`, actual: `${trigger}: ${actual}`, message: `trigger ${trigger} is narrowed: the template has ${expected}, the repository ${actual}, so the workflow runs on fewer events` })]);
    const [fixed] = fixDrift(input);
    expect(detectDrift({ ...input, repo: [fixed!] })).toMatchObject({ status: 'clean', changes: [] });
    await expectValidWorkflow(fixed!.path, fixed!.text);
  });

  it.each([
    ['more types', 'on:\n  pull_request:\n    types: [opened]\n', 'on:\n  pull_request:\n    types: [opened, edited]\n'],
    ['no branches filter where the template has one', 'on:\n  push:\n    branches: [main]\n', 'on: push\n'],
    ['fewer ignored paths', 'on:\n  push:\n    paths-ignore: ["docs/**"]\n', 'on:\n  push:\n'],
  ])('accepts a repository that runs on more: %s', (_what, template, repo) => {
    expect(detectDrift(pair(template, repo)).status).toBe('clean');
  });

  it('turns `on: [push]` into a map when it puts back a removed event, in a form GitHub accepts', async () => {
    const [fixed] = fixDrift(pair('on:\n  push:\n  merge_group:\n', 'on: [push]\n'));
    expect(fixed!.text.startsWith('on:\n  push:\n  merge_group:\n')).toBe(true);
    await expectValidWorkflow(fixed!.path, fixed!.text);
  });

  it('keeps the repository\'s own extra types and branches when it restores the template\'s', () => {
    const input = pair('on:\n  pull_request:\n    types: [opened, synchronize]\n    branches: [main]\n', 'on:\n  pull_request:\n    types: [opened, edited]\n    branches: [develop]\n');
    const fixed = parse(fixDrift(input)[0]!.text) as { on: { pull_request: { types: string[]; branches: string[] } } };
    expect(fixed.on.pull_request).toEqual({ types: ['opened', 'edited', 'synchronize'], branches: ['develop', 'main'] });
  });
});

describe('the organisation\'s templates (templates/manifest.yml) on a member repository', () => {
  const manifest = parseTemplateManifest(`templates:\n${Object.keys(manifestFiles('org')).map((p) => `  - { source: ${p}, repos: [${manifestFiles('every')[p] ? '"*"' : '".github"'}] }`).join('\n')}\n`, 'manifest.yml');
  const set = { manifest, files: manifest.templates.map((t) => ({ path: t.path, text: manifestFiles('org')[t.path]! })) };
  const member = templateForRepo(set, { name: 'web' });
  const every = manifestFiles('every');
  const workflows = (files: Record<string, string>) => Object.entries(files).filter(([p]) => p.startsWith('.github/workflows/')).map(([path, text]) => ({ path, text }));
  const input = (files: Record<string, string>): DriftInput => ({ template: member.template, files: member.files!, repo: workflows(files), repoPaths: Object.keys(files), templateSource: 'templates' });

  it('reports a member holding the per-repository templates clean: the org-only workflows are not asked of it', () => {
    expect(detectDrift(input(every))).toMatchObject({ status: 'clean', changes: [] });
  });

  it('reports a missing pull request template as a missing file, and the fix adds it', () => {
    const { '.github/pull_request_template.md': _gone, ...rest } = every;
    const result = detectDrift(input(rest));
    expect(result.changes).toEqual([{ file: '.github/pull_request_template.md', type: 'missing-file', expected: '.github/pull_request_template.md', message: '.github/pull_request_template.md of the template is missing' }]);
    expect(fixDrift(input(rest))).toEqual([{ path: '.github/pull_request_template.md', text: every['.github/pull_request_template.md'] }]);
  });

  describe('when the gate workflow narrowed its types and withheld permissions of the reusable workflow call', () => {
    const files = { ...every, '.github/workflows/maestro.yml': narrow(every['.github/workflows/maestro.yml']!) };
    const result = detectDrift(input(files));
    const fixed = fixDrift(input(files));

    it('reports both: the trigger with both values, the job with the scopes it lacks', () => {
      expect(result.changes.map((c) => [c.type, c.job])).toEqual([['narrowed-trigger', undefined], ['missing-permissions', 'ga-gates']]);
      expect(result.changes[1]!.message).toBe('job ga-gates grants the token less than the template\'s job needs: actions none (template: read), checks none (template: write); the reusable workflow it calls cannot ask for more than its caller grants');
    });

    it('fixes it keeping every permission the template\'s call job needs, and then finds it clean', () => {
      const doc = parse(fixed[0]!.text) as { on: { pull_request: { types: string[] } }; jobs: { 'ga-gates': { permissions: Record<string, string> } } };
      expect(doc.jobs['ga-gates'].permissions).toEqual({ contents: 'read', actions: 'read', attestations: 'read', 'pull-requests': 'read', checks: 'write' });
      expect(doc.on.pull_request.types).toEqual((parse(every['.github/workflows/maestro.yml']!) as typeof doc).on.pull_request.types);
      expect(detectDrift(input({ ...files, [fixed[0]!.path]: fixed[0]!.text }))).toMatchObject({ status: 'clean' });
    });

    it('writes a file that GitHub\'s parser and actionlint accept', async () => {
      await expectValidWorkflow(fixed[0]!.path, fixed[0]!.text);
    });
  });

  it('restores a call job\'s permissions even when the workflow-level block it narrowed was wider (it used to drop checks and actions)', async () => {
    const text = every['.github/workflows/maestro.yml']!.replace('permissions:\n  contents: read\n', 'permissions: write-all\n').replace(/\n {4}permissions:\n( {6}[a-z-]+: (read|write)\n)+/, '\n');
    const [fixed] = fixDrift(input({ ...every, '.github/workflows/maestro.yml': text }));
    const doc = parse(fixed!.text) as { permissions: unknown; jobs: { 'ga-gates': { permissions: Record<string, string> } } };
    expect(doc.permissions).toEqual({ contents: 'read' });
    expect(doc.jobs['ga-gates'].permissions).toMatchObject({ actions: 'read', checks: 'write' });
    await expectValidWorkflow(fixed!.path, fixed!.text);
  });
});
