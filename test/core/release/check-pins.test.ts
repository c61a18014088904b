import { describe, expect, it } from '@jest/globals';
import { checkPins, type PinnedRepository } from '../../../core/release/check-pins.js';

const BUILT = '1'.repeat(40);
const RELEASED = '2'.repeat(40);
const OLDER = '3'.repeat(40);

const k6Action = 'runs:\n  using: composite\n  steps:\n    - run: node "$GITHUB_ACTION_PATH/../dist/k6.js"\n      shell: bash\n';
const rootAction = 'runs:\n  using: node24\n  main: actions/dist/enforce-gates.js\n';
const gaGates = (sha: string, version: string) => `jobs:\n  k6:\n    steps:\n      - uses: maestro-conductor/maestro-conductor/actions/k6@${sha} # v${version}\n`;

/** A history of three commits: an older release, a build, and the tagged release whose workflow calls the build's actions. */
function history(overrides: { shallow?: boolean; k6AtBuilt?: string; tags?: Record<string, string> } = {}): PinnedRepository {
  const k6 = 'import("./chunks/run-K6.js");';
  const files: Record<string, Record<string, string>> = {
    [OLDER]: { 'actions/k6/action.yml': k6Action, 'actions/dist/k6.js': 'old k6', 'actions/dist/package.json': '{}' },
    [BUILT]: { 'actions/k6/action.yml': k6Action, 'actions/dist/k6.js': overrides.k6AtBuilt ?? k6, 'actions/dist/chunks/run-K6.js': 'run', 'actions/dist/package.json': '{}', 'action.yml': rootAction, 'actions/dist/enforce-gates.js': 'gate', '.github/workflows/ga-gates.yml': gaGates(OLDER, '0.1.0') },
    [RELEASED]: { 'package.json': '{"name":"maestro-conductor","version":"0.2.0"}', 'actions/k6/action.yml': k6Action, 'actions/dist/k6.js': k6, 'actions/dist/chunks/run-K6.js': 'run', 'actions/dist/package.json': '{}', 'action.yml': rootAction, 'actions/dist/enforce-gates.js': 'gate', '.github/workflows/ga-gates.yml': gaGates(BUILT, '0.2.0') },
  };
  const tags = overrides.tags ?? { 'v0.1.0': OLDER, 'v0.2.0': RELEASED };
  return {
    shallow: overrides.shallow ?? false,
    hasCommit: (sha) => sha in files && !(overrides.shallow && sha === OLDER),
    objectId: (commit, path) => (files[commit]?.[path] === undefined ? undefined : `blob of ${files[commit]![path]}`),
    readText: (commit, path) => files[commit]?.[path],
    tagCommit: (tag) => tags[tag],
  };
}

const check = (text: string, repo = history()) => checkPins([{ path: 'templates/.github/workflows/maestro.yml', text }], repo).map((p) => `${p.line}:${p.column} ${p.message}`);

describe('checkPins', () => {
  it('accepts pins of the tagged release, a workflow calling the actions its release built', () => {
    expect(check(`    uses: maestro-conductor/maestro-conductor/.github/workflows/ga-gates.yml@${RELEASED} # v0.2.0\n      - uses: maestro-conductor/maestro-conductor@${RELEASED} # v0.2.0\n`)).toEqual([]);
  });

  it('accepts an action pinned to the build commit under the release tag: the files it uses are the same', () => {
    expect(check(`      - uses: maestro-conductor/maestro-conductor/actions/k6@${BUILT} # v0.2.0\n`)).toEqual([]);
  });

  describe('when a pin does not resolve', () => {
    it.each([
      ['a branch', '      - uses: maestro-conductor/maestro-conductor/actions/k6@main # v0.2.0', /main is not a full commit SHA/],
      ['no version comment', `      - uses: maestro-conductor/maestro-conductor/actions/k6@${RELEASED}`, /has no "# vX.Y.Z" comment/],
      ['a commit not in the history', `      - uses: maestro-conductor/maestro-conductor/actions/k6@${'4'.repeat(40)} # v0.2.0`, /is not in this repository's history/],
      ['a commit without the action', `      - uses: maestro-conductor/maestro-conductor/actions/slo@${RELEASED} # v0.2.0`, /does not hold actions\/slo\/action.yml/],
      ['a comment naming no tag', `      - uses: maestro-conductor/maestro-conductor/actions/k6@${RELEASED} # v9.9.9`, /names v9.9.9, and there is no such tag/],
      ['a comment naming another release', `      - uses: maestro-conductor/maestro-conductor/actions/k6@${OLDER} # v0.2.0`, /v0.2.0, which is commit 2{40}, and that commit differs in actions\/dist\/k6.js/],
      ['something that is neither an action nor a workflow', `      - uses: maestro-conductor/maestro-conductor/docs@${RELEASED} # v0.2.0`, /docs is neither an action/],
    ])('reports %s', (_what, line, message) => {
      const problems = check(`${line}\n`);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^1:\d+ maestro-conductor\/maestro-conductor/);
      expect(problems[0]).toMatch(message);
    });
  });

  it('holds the comment against package.json at the commit when the clone has no tags', () => {
    const untagged = history({ tags: {} });
    expect(check(`      - uses: maestro-conductor/maestro-conductor/actions/k6@${RELEASED} # v0.2.0\n`, untagged)).toEqual([]);
    expect(check(`      - uses: maestro-conductor/maestro-conductor/actions/k6@${RELEASED} # v0.3.0\n`, untagged)).toEqual([expect.stringMatching(/names v0.3.0, and there is no such tag, and package.json at 2{40} does not say version 0.3.0/)]);
    // the build commit carries no package.json in this history: without the tag nothing vouches for it
    expect(check(`      - uses: maestro-conductor/maestro-conductor/actions/k6@${BUILT} # v0.2.0\n`, untagged)).toEqual([expect.stringMatching(/no such tag/)]);
  });

  it('reports a reusable workflow that calls the actions of another release than its own', () => {
    const problems = check(`    uses: maestro-conductor/maestro-conductor/.github/workflows/ga-gates.yml@${BUILT} # v0.1.0\n`, history({ tags: { 'v0.1.0': BUILT } }));
    expect(problems).toEqual([expect.stringMatching(/ga-gates.yml at 111111111111, line 4, .*actions\/k6@333333333333 runs another release: actions\/dist\/k6.js at 333333333333 differ/)]);
  });

  it('tells a shallow clone to fetch the full history instead of re-pinning', () => {
    const problems = check(`      - uses: maestro-conductor/maestro-conductor/actions/k6@${OLDER} # v0.1.0\n`, history({ shallow: true }));
    expect(problems).toEqual([expect.stringContaining('is not in this clone; this clone is shallow: fetch the full history and the tags (git fetch --unshallow --tags')]);
  });

  it('checks the defaults that name a commit to check out', () => {
    const text = `      maestro-ref:\n        default: ${RELEASED} # v0.2.0\n      other-ref:\n        default: ${RELEASED} # v0.2.0\n`;
    expect(check(text)).toEqual([
      expect.stringMatching(/^2:18 the default of maestro-ref .* does not hold package-lock.json, bin\/maestro.cjs, cli\/main.ts$/),
      expect.stringMatching(/^4:18 the default of other-ref .*its needed paths are not known/),
    ]);
  });
});
