/**
 * Drift across releases, end to end: a clone of this repository plays the template repository and
 * cuts two releases with the real release script; member repositories are set up from a release's
 * templates the way `maestro init` writes them; `maestro drift` compares them with the template at
 * a release's tagged commit, whose templates (a commit cannot name itself) still pin the release
 * before. Pins of the template repository are judged by the release git says their commit is.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { initRepository } from '../../flows/init-repository.js';
import { fsRepositoryFiles } from '../../adapters/fs/fs-repository-files.js';
import { runMain } from '../helpers/run-main.js';
import { cloneEnv, cloneWorkingTree, git } from '../helpers/working-tree-clone.js';

const OWN = 'maestro-conductor/maestro-conductor';
const env = cloneEnv;

let work: string;
let clone: string;
const sha: Record<string, string> = {};

/** A clone of this repository whose last commit is the working tree as it is now, with node_modules linked. */
function cloneOfWorkingTree(dir: string): void {
  cloneWorkingTree(dir);
}

/** `npx tsx scripts/release.ts <version> --skip-build` in the clone, as `npm run release` runs it. */
function release(version: string): void {
  const run = spawnSync('npx', ['tsx', 'scripts/release.ts', version, '--skip-build'], { cwd: clone, env, encoding: 'utf8', timeout: 180_000 });
  if (run.status !== 0) throw new Error(`release ${version} failed (${run.status}): ${run.stdout}\n${run.stderr}`);
}

/** A member repository set up by `maestro init` (its flow) from the templates the template repository holds at `rev`, committed, with a GitHub origin. */
async function member(name: string, rev: string): Promise<string> {
  const dir = join(work, name);
  mkdirSync(dir);
  git(dir, 'init', '--quiet', '-b', 'main');
  git(dir, 'remote', 'add', 'origin', `https://github.com/acme/${name}.git`);
  const result = await initRepository({ org: false, force: false, dryRun: false }, { repo: fsRepositoryFiles(dir), package: { read: async (path) => git(clone, 'show', `${rev}:${path}`) + '\n' } });
  expect(result.status).toBe('written');
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '-m', `Set up Maestro from ${rev}`);
  return dir;
}

/** A checkout of the template repository at `rev`: a full clone with tags, unless `args` say otherwise. */
function templateCheckout(name: string, rev: string, ...args: string[]): string {
  const dir = join(work, name);
  git(work, 'clone', '--quiet', ...args, `file://${clone}`, dir);
  if (!args.includes('--depth')) git(dir, 'checkout', '--quiet', '--detach', rev);
  return join(dir, 'templates');
}

const drift = (template: string, repo: string, ...more: string[]) => runMain(['drift', '--template', template, '--repo', repo, '--now', '2026-11-20T06:00:00Z', ...more]);

interface Change { file: string; type: string; job?: string; message: string }

/** The drift-report `maestro drift --format json` prints: its status and changes. */
async function report(template: string, repo: string, ...more: string[]): Promise<{ code: number; status: string; changes: Change[] }> {
  const out = await drift(template, repo, '--format', 'json', ...more);
  const data = (JSON.parse(out.stdout) as { data: { status: string; changes: Change[] } }).data;
  return { code: out.code, status: data.status, changes: data.changes };
}
const rows = (changes: Change[]) => changes.map((c) => [c.file.replace('.github/workflows/', ''), c.type, c.job ?? '']);

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'maestro-drift-releases-'));
  clone = join(work, 'template-repository');
  cloneOfWorkingTree(clone);
  release('0.2.0');
  sha.pinned2 = git(clone, 'rev-parse', 'HEAD');
  release('0.3.0');
  sha.pinned3 = git(clone, 'rev-parse', 'HEAD');
  sha.v2 = git(clone, 'rev-parse', 'v0.2.0^{commit}');
  sha.v3 = git(clone, 'rev-parse', 'v0.3.0^{commit}');
}, 600_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('maestro drift against the template at a release\'s tagged commit', () => {
  let fresh: string;
  let older: string;
  let atTag: string;
  beforeAll(async () => {
    fresh = await member('web', sha.pinned3!);
    older = await member('api', sha.pinned2!);
    atTag = templateCheckout('at-tag', 'v0.3.0');
  }, 120_000);

  it('sets the scene: the tag\'s templates pin the release before, the release\'s own templates pin the tag', () => {
    expect(git(clone, 'show', 'v0.3.0:templates/.github/workflows/maestro.yml')).toContain(`ga-gates.yml@${sha.v2} # v0.2.0`);
    expect(readFileSync(join(fresh, '.github/workflows/maestro.yml'), 'utf8')).toMatch(new RegExp(`^# maestro-template-version: 0\\.3\\.0\\n[^]*ga-gates\\.yml@${sha.v3} # v0\\.3\\.0`));
  });

  it('finds a repository set up from that release\'s templates clean: its pins and its version marker name the release', async () => {
    const out = await drift(atTag, fresh, '--repo-name', 'acme/web');
    expect(out.stdout).toContain('### ✅ no drift: acme/web');
    expect(out.code).toBe(0);
  });

  it('finds it clean against the template drift.yml of that release compares with by default (its template-ref), checked out as drift.yml does', async () => {
    const templateRef = /template-ref:[^]*?default: ([0-9a-f]{40}) # v0\.3\.0/.exec(git(clone, 'show', 'v0.3.0:.github/workflows/drift.yml'))![1]!;
    expect(git(clone, 'log', '-1', '--format=%s', templateRef)).toBe('Build v0.3.0');
    const out = await report(templateCheckout('template-ref', templateRef), fresh, '--repo-name', 'acme/web', '--template-source', `${OWN}/templates@${templateRef}`, '--template-repo', OWN);
    expect(out).toEqual({ code: 0, status: 'clean', changes: [] });
  });

  it('found it drifted when the pins were compared by SHA (a template of another repository)', async () => {
    const out = await drift(atTag, fresh, '--repo-name', 'acme/web', '--template-repo', 'acme/ci-templates');
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('declares template version 0.3.0, ahead of the template compared (0.2.0)');
    expect(out.stdout).toContain(`ga-gates.yml at ${sha.v3} instead of ${sha.v2}`);
  });

  it('reads releases from package.json where the clone has no tags', async () => {
    const noTags = templateCheckout('no-tags', sha.v3!, '--no-tags');
    expect(git(dirname(noTags), 'tag', '--list')).toBe('');
    expect((await drift(noTags, fresh, '--repo-name', 'acme/web')).code).toBe(0);
  });

  it('finds a repository still on the release before clean against the tag, whose templates are that release\'s', async () => {
    expect((await drift(atTag, older, '--repo-name', 'acme/api')).code).toBe(0);
  });

  it('reports template-behind for a repository on the release before, against the templates of the newer release, and --fix brings it up', async () => {
    const newest = templateCheckout('newest', sha.pinned3!);
    const out = await report(newest, older, '--repo-name', 'acme/api');
    expect(out.code).toBe(1);
    expect(rows(out.changes)).toEqual([['maestro.yml', 'template-behind', ''], ['maestro.yml', 'template-behind', 'ga-gates'], ['maestro-drift.yml', 'template-behind', ''], ['maestro-drift.yml', 'template-behind', 'drift']]);
    expect(out.changes[0]!.message).toBe('follows template version 0.2.0; the template is at 0.3.0');
    expect(out.changes[1]!.message).toBe(`job ga-gates uses ${OWN}/.github/workflows/ga-gates.yml of release 0.2.0; the template pins release 0.3.0: run maestro drift --fix, or pin ${OWN}/.github/workflows/ga-gates.yml@${sha.v3} # v0.3.0`);
    const copy = join(work, 'api-fixed');
    git(work, 'clone', '--quiet', older, copy);
    expect((await drift(newest, copy, '--repo-name', 'acme/api', '--fix')).code).toBe(0);
    expect(readFileSync(join(copy, '.github/workflows/maestro.yml'), 'utf8')).toBe(readFileSync(join(fresh, '.github/workflows/maestro.yml'), 'utf8'));
  });

  it('reports a version marker ahead of the release its pins name, still', async () => {
    const copy = join(work, 'web-marker');
    git(work, 'clone', '--quiet', fresh, copy);
    const file = join(copy, '.github/workflows/maestro.yml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('# maestro-template-version: 0.3.0', '# maestro-template-version: 0.4.0'));
    const out = await report(atTag, copy, '--repo-name', 'acme/web');
    expect(out.code).toBe(1);
    expect(out.changes).toEqual([{ file: '.github/workflows/maestro.yml', type: 'template-behind', expected: '0.2.0', actual: '0.4.0', message: 'declares template version 0.4.0, ahead of the template compared (0.2.0)' }]);
  });

  describe('without the history that says which release a commit is', () => {
    it('keeps changed-action for a shallow template checkout, and says to fetch the history', async () => {
      const shallow = templateCheckout('shallow', 'v0.3.0', '--depth', '1', '--branch', 'v0.3.0');
      expect(git(dirname(shallow), 'rev-parse', '--is-shallow-repository')).toBe('true');
      const out = await report(shallow, fresh, '--repo-name', 'acme/web');
      expect(out.code).toBe(1);
      // The repository's pins are the checkout's own commit, tagged v0.3.0: the template's own pins are what it lacks.
      expect(rows(out.changes)).toEqual([['maestro.yml', 'changed-action', 'ga-gates'], ['maestro-drift.yml', 'changed-action', 'drift']]);
      expect(out.changes[0]!.message).toBe(`job ga-gates pins ${OWN}/.github/workflows/ga-gates.yml at ${sha.v3!.slice(0, 12)}, the template at ${sha.v2!.slice(0, 12)}, and they cannot be compared by release: the template checkout is shallow and lacks commit ${sha.v2!.slice(0, 12)} or its tag: fetch the history and tags (git fetch --unshallow --tags; actions/checkout with fetch-depth: 0)`);
    });

    it('keeps changed-action for a template folder that is not a git checkout, and says to pass a full clone', async () => {
      const plain = join(work, 'plain-templates');
      execFileSync('bash', ['-c', `git -C "${clone}" archive v0.3.0 templates | tar -x -C "${work}" && mv "${work}/templates" "${plain}"`]);
      const out = await report(plain, fresh, '--repo-name', 'acme/web');
      expect(out.code).toBe(1);
      expect(rows(out.changes)).toEqual([['maestro.yml', 'template-behind', ''], ['maestro.yml', 'changed-action', 'ga-gates'], ['maestro-drift.yml', 'template-behind', ''], ['maestro-drift.yml', 'changed-action', 'drift']]);
      expect(out.changes[1]!.message).toMatch(new RegExp(`and they cannot be compared by release: the template is not a git checkout, so no release of ${OWN} is known: pass --template a clone of ${OWN} with its history \\(drift.yml checks it out with fetch-depth: 0\\)$`));
    });
  });

  it('by hand, takes the repository and the commit from the checkout\'s origin and HEAD, and says so on stderr', async () => {
    const report = join(work, 'drift-report.json');
    const out = await drift(atTag, fresh, '--report', report);
    expect(out.code).toBe(0);
    const head = git(fresh, 'rev-parse', 'HEAD');
    expect(out.stderr).toContain('repo acme/web (from git remote origin, github.com)');
    expect(out.stderr).toContain(`sha ${head} (from git HEAD of ${fresh})`);
    expect(JSON.parse(readFileSync(report, 'utf8'))).toMatchObject({ subject: { repo: 'acme/web', sha: head }, data: { status: 'clean' } });
  });
});
