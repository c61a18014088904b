import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseTemplateManifest } from '../../../core/drift/parse-template-manifest.js';
import { matchesNameGlob, selectTemplates } from '../../../core/drift/select-templates.js';
import { MaestroError } from '../../../core/errors.js';
import { TEMPLATES } from './org-layout.js';

const shipped = parseTemplateManifest(readFileSync(join(TEMPLATES, 'manifest.yml'), 'utf8'), 'templates/manifest.yml');
const paths = (name: string, topics?: string[]) => selectTemplates(shipped, { name, ...(topics ? { topics } : {}) }).map((t) => t.path);

/** The error a call throws, or fails the test. */
function thrown(fn: () => unknown): MaestroError {
  try {
    fn();
  } catch (error) {
    return error as MaestroError;
  }
  throw new Error('expected an error');
}

describe('the shipped template manifest', () => {
  it('gives a member repository the per-repository templates only', () => {
    expect(paths('api')).toEqual(['.github/workflows/maestro.yml', '.github/workflows/maestro-drift.yml', '.github/pull_request_template.md']);
  });

  it('gives the organisation\'s .github repository the org-only templates as well', () => {
    expect(paths('.github')).toEqual([
      '.github/workflows/maestro.yml', '.github/workflows/maestro-drift.yml', '.github/pull_request_template.md',
      '.github/workflows/maestro-drift-sweep.yml', '.github/workflows/maestro-drills.yml', '.github/workflows/maestro-scoreboard.yml',
      '.github/ISSUE_TEMPLATE/drill-report.yml', '.github/ISSUE_TEMPLATE/exception-request.yml', '.github/ISSUE_TEMPLATE/ga-gap.yml',
    ]);
  });
});

describe('selectTemplates', () => {
  const manifest = parseTemplateManifest(
    ['templates:', '  - { source: a.yml, path: .github/workflows/a.yml, repos: ["service-*"], exclude: [service-legacy] }', '  - { source: b.yml, path: .github/workflows/b.yml, repos: ["*"], topics: [ga] }'].join('\n'),
    'm.yml',
  );
  it.each([
    ['service-api', ['web'], ['.github/workflows/a.yml']],
    ['SERVICE-API', ['ga'], ['.github/workflows/a.yml', '.github/workflows/b.yml']],
    ['service-legacy', ['ga'], ['.github/workflows/b.yml']],
    ['docs', [], []],
  ])('selects by name glob, exclusion and topic: %s with topics %j', (name, topics, expected) => {
    expect(selectTemplates(manifest, { name, topics }).map((t) => t.path)).toEqual(expected);
  });

  it('refuses to guess when an entry selects by topic and the topics are not known', () => {
    expect(thrown(() => selectTemplates(manifest, { name: 'docs' }))).toMatchObject({ code: 'USAGE', message: expect.stringContaining('applies by topic (ga)'), remedy: expect.stringContaining('--topics') });
  });

  it('refuses two entries that put a file at the same path in one repository', () => {
    const twice = parseTemplateManifest('templates:\n  - { source: a.yml, path: x/ci.yml, repos: ["*"] }\n  - { source: b.yml, path: x/ci.yml, repos: ["w*"] }\n', 'm.yml');
    expect(selectTemplates(twice, { name: 'api' })).toHaveLength(1);
    expect(thrown(() => selectTemplates(twice, { name: 'web' }))).toMatchObject({ code: 'TEMPLATE_INVALID', message: 'template manifest m.yml applies both a.yml and b.yml as x/ci.yml to web' });
  });

  it.each([
    ['*', 'anything', true],
    ['.github', '.GitHub', true],
    ['svc-?', 'svc-1', true],
    ['svc-?', 'svc-12', false],
    ['a.b', 'axb', false],
  ])('matches %s against %s: %s', (glob, name, expected) => {
    expect(matchesNameGlob(name, glob)).toBe(expected);
  });
});

describe('parseTemplateManifest', () => {
  it.each([
    ['a YAML error, with its line', 'templates:\n  - source: [\n', /^template manifest m.yml is not valid YAML \(line \d\)/],
    ['every schema problem at once, each with its pointer', 'templates:\n  - source: ../x.yml\n    repo: ["*"]\n', /^template manifest m\.yml does not match the template manifest schema: \/templates\/0\/repos required field "repos" is missing; \/templates\/0\/repo unknown field "repo"; \/templates\/0\/source "\.\.\/x\.yml" must be a relative path inside the folder/],
    ['an empty list', 'templates: []\n', /\/templates has 0 items, must have at least 1/],
    ['a glob with a slash', 'templates:\n  - { source: a.yml, repos: ["acme/*"] }\n', /\/templates\/0\/repos\/0/],
  ])('is TEMPLATE_INVALID naming the file for %s', (_what, text, message) => {
    const error = thrown(() => parseTemplateManifest(text, 'm.yml'));
    expect(error).toMatchObject({ code: 'TEMPLATE_INVALID', file: 'm.yml', remedy: expect.stringContaining('docs/drift.md') });
    expect(error.message).toMatch(message);
  });

  it('defaults the repository path to the source, and exclude and topics to none', () => {
    expect(parseTemplateManifest('templates:\n  - { source: .github/workflows/a.yml, repos: ["*"] }\n', 'm.yml').templates).toEqual([{ source: '.github/workflows/a.yml', path: '.github/workflows/a.yml', repos: ['*'], exclude: [], topics: [] }]);
  });
});
