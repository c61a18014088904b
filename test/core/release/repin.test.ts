import { describe, expect, it } from '@jest/globals';
import { findPins } from '../../../core/release/find-pins.js';
import { repin } from '../../../core/release/repin.js';

const OLD = 'a'.repeat(40);
const NEW = 'b'.repeat(40);

describe('findPins', () => {
  it.each([
    ['a reusable workflow', `    uses: maestro-conductor/maestro-conductor/.github/workflows/ga-gates.yml@${OLD} # v0.1.0`, { kind: 'uses', target: '.github/workflows/ga-gates.yml', ref: OLD, version: '0.1.0', line: 1, column: 78 }],
    ['an action step', `      - uses: maestro-conductor/maestro-conductor/actions/k6@${OLD} # v1.2.3`, { kind: 'uses', target: 'actions/k6', ref: OLD, version: '1.2.3' }],
    ['the root action, quoted', `      - uses: 'maestro-conductor/maestro-conductor@${OLD}' # v1.2.3`, { kind: 'uses', target: '', ref: OLD, version: '1.2.3' }],
    ['a branch, without comment', '    uses: maestro-conductor/maestro-conductor/actions/slo@main', { kind: 'uses', target: 'actions/slo', ref: 'main' }],
    ['a Markdown code line', `      - uses: maestro-conductor/maestro-conductor/actions/a11y@${OLD} # v2.0.0`, { kind: 'uses', target: 'actions/a11y', version: '2.0.0' }],
  ])('finds %s', (_what, text, expected) => {
    expect(findPins(text)).toEqual([expect.objectContaining(expected)]);
  });

  it('finds the default of an input that names a commit, with the input\'s name', () => {
    const text = `on:\n  workflow_call:\n    inputs:\n      maestro-ref:\n        description: Commit of Maestro Conductor.\n        type: string\n        default: ${OLD} # v0.1.0\n`;
    expect(findPins(text)).toEqual([{ kind: 'default', target: 'maestro-ref', ref: OLD, version: '0.1.0', line: 7, column: 18 }]);
  });

  it.each([
    ['another repository', `      - uses: acme/maestro-conductor/actions/k6@${OLD} # v1.0.0`],
    ['a look-alike repository name', `      - uses: maestro-conductor/maestro-conductor-fork/actions/k6@${OLD} # v1.0.0`],
    ['a commented-out line', `#     uses: maestro-conductor/maestro-conductor/actions/k6@${OLD} # v1.0.0`],
    ['a default without a version comment', `        default: ${OLD}`],
    ['prose naming the repository', 'See maestro-conductor/maestro-conductor/actions/k6@<pinned sha>.'],
  ])('ignores %s', (_what, text) => {
    expect(findPins(text)).toEqual([]);
  });
});

describe('repin', () => {
  const workflow = [
    '# maestro-template-version: 0.1.0',
    'jobs:',
    '  gates:',
    `    uses: maestro-conductor/maestro-conductor/.github/workflows/ga-gates.yml@${OLD} # v0.1.0`,
    '    steps:',
    `      - uses: actions/checkout@${OLD} # v4.2.2`,
    "      - uses: 'maestro-conductor/maestro-conductor/actions/k6@main'",
    `        default: ${OLD} # v0.1.0`,
    '',
  ].join('\n');

  it('moves every pin of this repository to the release, and nothing else', () => {
    const { text, changes } = repin(workflow, { sha: NEW, version: '0.2.0' });
    expect(text.split('\n')).toEqual([
      '# maestro-template-version: 0.1.0',
      'jobs:',
      '  gates:',
      `    uses: maestro-conductor/maestro-conductor/.github/workflows/ga-gates.yml@${NEW} # v0.2.0`,
      '    steps:',
      `      - uses: actions/checkout@${OLD} # v4.2.2`,
      `      - uses: 'maestro-conductor/maestro-conductor/actions/k6@${NEW}' # v0.2.0`,
      `        default: ${NEW} # v0.2.0`,
      '',
    ]);
    expect(changes.map((c) => c.line)).toEqual([4, 7, 8]);
  });

  it('sets the template version of a caller template when asked', () => {
    const { text, changes } = repin(workflow, { sha: NEW, version: '0.2.0', templateVersion: true });
    expect(text.split('\n')[0]).toBe('# maestro-template-version: 0.2.0');
    expect(changes.map((c) => c.line)).toEqual([1, 4, 7, 8]);
  });

  it('keeps CRLF line ends, and changes nothing when the pins already name the release', () => {
    const crlf = `jobs:\r\n  a:\r\n    uses: maestro-conductor/maestro-conductor/.github/workflows/drift.yml@${OLD} # v0.1.0\r\n`;
    const once = repin(crlf, { sha: NEW, version: '0.2.0' });
    expect(once.text).toBe(`jobs:\r\n  a:\r\n    uses: maestro-conductor/maestro-conductor/.github/workflows/drift.yml@${NEW} # v0.2.0\r\n`);
    expect(repin(once.text, { sha: NEW, version: '0.2.0' })).toEqual({ text: once.text, changes: [] });
  });

  it('refuses a version that is not X.Y.Z', () => {
    expect(() => repin(workflow, { sha: NEW, version: 'v0.2' })).toThrow(/version "v0.2" is not X.Y.Z/);
  });
});
