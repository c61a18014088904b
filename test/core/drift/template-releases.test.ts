import { describe, expect, it } from '@jest/globals';
import { detectDrift } from '../../../core/drift/detect-drift.js';
import { fixDrift } from '../../../core/drift/fix-drift.js';
import { selfPinCommits, type TemplateHistory, type TemplateReleases } from '../../../core/drift/template-releases.js';
import type { WorkflowFile } from '../../../core/drift/types.js';
import { MAX_RELEASE_LOOKUPS, readTemplateReleases } from '../../../flows/read-drift-template.js';

const REPO = 'maestro-conductor/maestro-conductor';
/** Tagged commits of three releases of the template repository, and one no release names. */
const V010 = '1'.repeat(40);
const V020 = '2'.repeat(40);
const V030 = '3'.repeat(40);
const STRAY = 'f'.repeat(40);
const OTHER = 'a'.repeat(40);

const releases = (history: TemplateHistory = 'full', known: Record<string, string> = { [V010]: '0.1.0', [V020]: '0.2.0', [V030]: '0.3.0' }): TemplateReleases => ({ repository: REPO, releases: known, history });

/** A caller workflow as the shipped templates write it: marker, a job calling a reusable workflow, a step using an action. */
function caller(version: string | undefined, workflowPin: string, actionPin = workflowPin, comment = ''): WorkflowFile {
  return {
    path: '.github/workflows/maestro.yml',
    text: [
      ...(version ? [`# maestro-template-version: ${version}`] : []),
      'name: Maestro',
      'on: pull_request',
      'permissions:',
      '  contents: read',
      'jobs:',
      '  ga-gates:',
      `    uses: ${REPO}/.github/workflows/ga-gates.yml@${workflowPin}${comment}`,
      '  verify:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      `      - uses: ${REPO}/actions/k6@${actionPin}${comment}`,
      `      - uses: actions/checkout@${OTHER}`,
      '',
    ].join('\n'),
  };
}

/** The template as a release's tagged commit holds it: 0.2.0's templates still pin (and declare) 0.1.0. */
const template = caller('0.1.0', V010);
const compare = (repo: WorkflowFile, known = releases()) => detectDrift({ template: [template], repo: [repo], templateSource: 'templates', releases: known });

describe('pins of the template repository, compared by release', () => {
  describe('when the repository pins the release the template pins', () => {
    it('is clean', () => {
      expect(compare(caller('0.1.0', V010)).changes).toEqual([]);
    });
  });

  describe('when the repository pins a newer release and declares it (set up from that release\'s templates)', () => {
    it('is clean: neither the pins nor the version marker are drift', () => {
      expect(compare(caller('0.2.0', V020))).toMatchObject({ status: 'clean', changes: [] });
    });

    it('keeps the newer pins when --fix restores something else', () => {
      const repo = caller('0.2.0', V020);
      const broken = { ...repo, text: repo.text.replace('permissions:\n  contents: read\n', '') };
      const fixed = fixDrift({ template: [template], repo: [broken], templateSource: 'templates', releases: releases() });
      expect(fixed).toHaveLength(1);
      expect(fixed[0]!.text).toContain(`ga-gates.yml@${V020}`);
      expect(fixed[0]!.text).toContain(`actions/k6@${V020}`);
      expect(fixed[0]!.text).toContain('# maestro-template-version: 0.2.0');
    });
  });

  describe('when the repository pins an older release', () => {
    const result = compare(caller('0.1.0', '9'.repeat(40)), releases('full', { [V010]: '0.1.0', ['9'.repeat(40)]: '0.0.9' }));

    it('reports template-behind for each pin, naming both releases and the remedy', () => {
      expect(result.status).toBe('drift');
      expect(result.changes).toEqual([
        { file: '.github/workflows/maestro.yml', type: 'template-behind', job: 'ga-gates', expected: `${REPO}/.github/workflows/ga-gates.yml@${V010}`, actual: `${REPO}/.github/workflows/ga-gates.yml@${'9'.repeat(40)}`, message: `job ga-gates uses ${REPO}/.github/workflows/ga-gates.yml of release 0.0.9; the template pins release 0.1.0: run maestro drift --fix, or pin ${REPO}/.github/workflows/ga-gates.yml@${V010} # v0.1.0` },
        expect.objectContaining({ type: 'template-behind', job: 'verify', step: `${REPO}/actions/k6`, message: expect.stringMatching(/of release 0\.0\.9; the template pins release 0\.1\.0/) }),
      ]);
    });

    it('is restored to the template\'s pins by --fix', () => {
      const fixed = fixDrift({ template: [template], repo: [caller('0.1.0', '9'.repeat(40))], templateSource: 'templates', releases: releases('full', { [V010]: '0.1.0', ['9'.repeat(40)]: '0.0.9' }) });
      expect(fixed[0]!.text).toBe(template.text);
    });
  });

  describe('when a pin\'s comment claims a newer release than its commit is', () => {
    it('believes the commit, not the comment: a forged "# v9.9.9" on an older release\'s SHA is behind', () => {
      const newerTemplate = caller('0.2.0', V020);
      const forged = caller('9.9.9', V010, V010, ' # v9.9.9');
      const result = detectDrift({ template: [newerTemplate], repo: [forged], templateSource: 'templates', releases: releases() });
      expect(result.changes.map((c) => [c.type, c.job ?? '', c.actual])).toEqual([
        ['template-behind', '', '9.9.9'],
        ['template-behind', 'ga-gates', `${REPO}/.github/workflows/ga-gates.yml@${V010}`],
        ['template-behind', 'verify', `${REPO}/actions/k6@${V010}`],
      ]);
      expect(result.changes[0]!.message).toBe('declares template version 9.9.9, ahead of the template compared (0.2.0)');
      expect(result.changes[1]!.message).toContain('of release 0.1.0; the template pins release 0.2.0');
    });
  });

  describe('when a pin cannot be matched to a release', () => {
    it.each<[TemplateHistory, string]>([
      ['none', `the template is not a git checkout, so no release of ${REPO} is known: pass --template a clone of ${REPO} with its history (drift.yml checks it out with fetch-depth: 0)`],
      ['shallow', 'the template checkout is shallow and lacks commit ffffffffffff or its tag: fetch the history and tags (git fetch --unshallow --tags; actions/checkout with fetch-depth: 0)'],
      ['full', `no release of ${REPO} is commit ffffffffffff (not in its history, or no tag vX.Y.Z and no package.json version there): pin a released commit`],
    ])('keeps changed-action, saying why and how to give history (%s history)', (history, why) => {
      const result = compare(caller('0.1.0', STRAY), releases(history));
      expect(result.changes.map((c) => [c.type, c.job])).toEqual([['changed-action', 'ga-gates'], ['changed-action', 'verify']]);
      expect(result.changes[0]!.message).toBe(`job ga-gates pins ${REPO}/.github/workflows/ga-gates.yml at ffffffffffff, the template at 111111111111, and they cannot be compared by release: ${why}`);
      expect(result.changes[0]!.message.length).toBeLessThanOrEqual(400); // shown whole in the Markdown report
    });

    it('reports a newer marker as ahead of the template, as without releases', () => {
      const result = compare(caller('0.2.0', STRAY), releases('none', {}));
      expect(result.changes[0]).toMatchObject({ type: 'template-behind', expected: '0.1.0', actual: '0.2.0', message: 'declares template version 0.2.0, ahead of the template compared (0.1.0)' });
    });
  });

  describe('the version marker ahead of the template', () => {
    it.each<[string, WorkflowFile]>([
      ['pins resolve to another release than the marker', caller('0.3.0', V020)],
      ['pins of two releases', caller('0.2.0', V020, V030)],
    ])('is drift when the %s (the pins themselves are no drift)', (_what, repo) => {
      const marker = /^# maestro-template-version: (\S+)$/m.exec(repo.text)![1];
      expect(compare(repo).changes).toEqual([{ file: repo.path, type: 'template-behind', expected: '0.1.0', actual: marker, message: `declares template version ${marker}, ahead of the template compared (0.1.0)` }]);
    });

    it('is clean only with the releases known: without them, the same files drift as before', () => {
      const result = detectDrift({ template: [template], repo: [caller('0.2.0', V020)], templateSource: 'templates' });
      expect(result.changes.map((c) => [c.type, c.job ?? ''])).toEqual([['template-behind', ''], ['changed-action', 'ga-gates'], ['changed-action', 'verify']]);
    });
  });

  it('compares pins of other repositories by SHA, as always', () => {
    const repo = { ...caller('0.1.0', V010), text: caller('0.1.0', V010).text.replace(`actions/checkout@${OTHER}`, `actions/checkout@${'b'.repeat(40)}`) };
    expect(compare(repo).changes).toMatchObject([{ type: 'changed-action', job: 'verify', message: expect.not.stringContaining('release') }]);
  });

  it('lists the commits of the template repository that workflows pin, once each in the order pinned, case-insensitive on the owner', () => {
    const texts = [caller('0.1.0', V010).text, caller('0.2.0', V020, V010).text.replace(REPO, 'Maestro-Conductor/Maestro-Conductor'), `steps:\n  - uses: ${REPO}/actions/k6@v1\n  - uses: other/repo@${OTHER}\n`];
    expect(selfPinCommits(texts, REPO)).toEqual([V010, V020]);
    expect(selfPinCommits([texts[1]!, texts[0]!], REPO)).toEqual([V020, V010]);
  });

  it('asks the lookup about the template\'s commits first, and about no more than MAX_RELEASE_LOOKUPS commits of a workflow that pins hundreds', async () => {
    const asked: string[] = [];
    const lookup = { history: async () => 'shallow' as const, releaseOf: async (commit: string) => (asked.push(commit), commit === V010 ? '0.1.0' : undefined) };
    const hostile = Array.from({ length: 300 }, (_, i) => `      - uses: ${REPO}/actions/k6@${i.toString(16).padStart(40, '0')}`).join('\n');
    const read = await readTemplateReleases(lookup, 'Maestro-Conductor/Maestro-Conductor', [template.text, hostile]);
    expect(read).toEqual({ repository: REPO, releases: { [V010]: '0.1.0' }, history: 'shallow' });
    expect(asked).toHaveLength(MAX_RELEASE_LOOKUPS);
    expect(asked[0]).toBe(V010);
  });
});
