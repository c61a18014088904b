import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { checkPins } from '../../core/release/check-pins.js';
import { gitRepository } from '../../scripts/release/git-repository.js';
import { listPinnedFiles } from '../../scripts/release/pinned-files.js';
import { cloneEnv, cloneWorkingTree, git, REPO_ROOT } from '../helpers/working-tree-clone.js';

const root = REPO_ROOT;
const env = cloneEnv;

/** A clone of this repository whose last commit is the working tree as it is now (committed or not), with node_modules linked. */
function cloneOfWorkingTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'maestro-release-'));
  cloneWorkingTree(dir);
  return dir;
}

/** `npm run release -- <args>` in `cwd`, as a maintainer runs it. */
function release(cwd: string, ...args: string[]) {
  const result = spawnSync('npm', ['run', '--silent', 'release', '--', ...args], { cwd, env, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('npm run release, in a clone of this repository', () => {
  let clone: string;
  let before: string;
  beforeAll(() => {
    clone = cloneOfWorkingTree();
    before = git(clone, 'rev-parse', 'HEAD');
  }, 120_000);
  afterAll(() => rmSync(clone, { recursive: true, force: true }));

  it('shows in a dry run every pin it would move, and changes nothing', () => {
    const run = release(clone, '0.2.0', '--dry-run', '--skip-build');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('Dry run of the release v0.2.0; nothing is changed.');
    expect(run.out).toMatch(/\.github\/workflows\/ga-gates\.yml:\d+\n\s+- - uses: maestro-conductor\/maestro-conductor\/actions\/k6@[0-9a-f]{40} # v\d+\.\d+\.\d+\n\s+\+ - uses: maestro-conductor\/maestro-conductor\/actions\/k6@<commit 1> # v0\.2\.0/);
    expect(run.out).toMatch(/templates\/\.github\/workflows\/maestro\.yml:1\n\s+- # maestro-template-version: \S+\n\s+\+ # maestro-template-version: 0\.2\.0/);
    expect(git(clone, 'status', '--porcelain')).toBe('');
    expect(git(clone, 'rev-parse', 'HEAD')).toBe(before);
    expect(git(clone, 'tag', '--list', 'v0.2.0')).toBe('');
  });

  it('refuses a dirty tree, naming the changed files', () => {
    writeFileSync(join(clone, 'notes.txt'), 'draft\n');
    try {
      const run = release(clone, '0.2.0', '--skip-build');
      expect(run.code).toBe(2);
      expect(run.err).toContain('error USAGE: the working tree has uncommitted changes:\n?? notes.txt');
      expect(git(clone, 'rev-parse', 'HEAD')).toBe(before);
    } finally {
      rmSync(join(clone, 'notes.txt'));
    }
  });

  it('refuses a version that is not X.Y.Z, or below package.json\'s', () => {
    expect(release(clone, '0.2', '--skip-build').err).toContain('version "0.2" is not X.Y.Z');
    expect(release(clone, '0.0.9', '--skip-build').err).toContain("0.0.9 is below package.json's version");
    expect(git(clone, 'rev-parse', 'HEAD')).toBe(before);
  });

  describe('cutting v0.2.0', () => {
    let run: ReturnType<typeof release>;
    const sha = (rev: string) => git(clone, 'rev-parse', `${rev}^{commit}`);
    beforeAll(() => {
      run = release(clone, 'v0.2.0', '--skip-build');
    }, 120_000);

    it('makes the build commit, the tagged release commit and the pin commit', () => {
      expect(run.err).toBe('');
      expect(run.code).toBe(0);
      expect(git(clone, 'log', '--format=%s', `${before}..HEAD`).split('\n')).toEqual(['Pin templates to v0.2.0', 'Release v0.2.0', 'Build v0.2.0']);
      expect(git(clone, 'cat-file', '-t', 'v0.2.0')).toBe('tag');
      expect(sha('v0.2.0')).toBe(sha('HEAD~1'));
      expect(JSON.parse(git(clone, 'show', 'v0.2.0:package.json')).version).toBe('0.2.0');
      expect(JSON.parse(git(clone, 'show', 'v0.2.0:package-lock.json')).version).toBe('0.2.0');
      expect(git(clone, 'status', '--porcelain')).toBe('');
      expect(run.out).toContain('Released v0.2.0. Publish it with: git push origin HEAD v0.2.0');
    });

    it('has the tagged reusable workflows call the actions of the build commit, the same files as the tag\'s', () => {
      const workflow = git(clone, 'show', 'v0.2.0:.github/workflows/ga-gates.yml');
      expect(workflow).toContain(`uses: maestro-conductor/maestro-conductor/actions/k6@${sha('HEAD~2')} # v0.2.0`);
      expect(git(clone, 'diff', '--name-only', 'HEAD~2', 'v0.2.0').split('\n').every((f) => f.startsWith('.github/workflows/') || f === 'docs/reference/workflows.md')).toBe(true);
    });

    it('pins every template, workflow and doc to the tagged commit, with the template version', () => {
      const template = readFileSync(join(clone, 'templates/.github/workflows/maestro.yml'), 'utf8');
      expect(template).toContain(`uses: maestro-conductor/maestro-conductor/.github/workflows/ga-gates.yml@${sha('v0.2.0')} # v0.2.0`);
      expect(template).toMatch(/^# maestro-template-version: 0\.2\.0$/m);
      expect(readFileSync(join(clone, '.github/workflows/ga-gates.yml'), 'utf8')).toContain(`uses: maestro-conductor/maestro-conductor@${sha('v0.2.0')} # v0.2.0`);
    });

    it('leaves pins that all resolve, as test/contract/pins.test.ts checks them', () => {
      expect(checkPins(listPinnedFiles(clone), gitRepository(clone))).toEqual([]);
      const jest = spawnSync(process.execPath, ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', 'node_modules/jest/bin/jest.js', '--ci', 'test/contract/pins.test.ts'], { cwd: clone, env, encoding: 'utf8', timeout: 120_000 });
      expect(jest.stderr).toMatch(/Tests:\s+4 passed, 4 total/);
      expect(jest.status).toBe(0);
    }, 150_000);

    it('refuses to cut the same release twice', () => {
      const again = release(clone, '0.2.0', '--skip-build');
      expect(again.code).toBe(2);
      expect(again.err).toContain(`the tag v0.2.0 already exists (commit ${sha('v0.2.0')})`);
    });

    it('tells a shallow clone, which lacks the pinned commit, to fetch the full history', () => {
      const shallow = mkdtempSync(join(tmpdir(), 'maestro-shallow-'));
      git(root, 'clone', '--quiet', '--depth', '1', `file://${clone}`, shallow);
      const problems = checkPins(listPinnedFiles(shallow), gitRepository(shallow));
      expect(problems.length).toBeGreaterThan(5);
      expect(problems[0]!.message).toContain('is not in this clone; this clone is shallow: fetch the full history and the tags (git fetch --unshallow --tags');
      rmSync(shallow, { recursive: true, force: true });
    });
  });
});
