import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { runMain } from '../helpers/run-main.js';

const fixtures = 'test/fixtures/drift';

/** A fixture repository as a git checkout with one commit and, when given, an origin remote. */
function checkout(origin?: string): { dir: string; head: string } {
  const dir = mkdtempSync(join(tmpdir(), 'maestro-drift-hand-'));
  cpSync(`${fixtures}/fixed`, dir, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Mona', '-c', 'user.email=mona@example.com', ...args], { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'first');
  if (origin) git('remote', 'add', 'origin', origin);
  return { dir, head: git('rev-parse', 'HEAD') };
}

const drift = (repo: string, ...more: string[]) => runMain(['drift', '--template', `${fixtures}/template`, '--repo', repo, '--now', '2026-11-20T06:00:00Z', ...more]);

describe('maestro drift by hand', () => {
  describe('in a checkout whose origin is on GitHub', () => {
    it('takes the repository from origin and the commit from HEAD, naming both on stderr', async () => {
      const { dir, head } = checkout('git@github.com:acme/web.git');
      const out = await drift(dir, '--format', 'json');
      expect(out.code).toBe(0);
      expect(out.stderr).toBe(`repo acme/web (from git remote origin, github.com)\nsha ${head} (from git HEAD of ${dir})\n`);
      expect(JSON.parse(out.stdout)).toMatchObject({ subject: { repo: 'acme/web', sha: head } });
    });

    it('reads nothing from the checkout when the options name both', async () => {
      const { dir } = checkout('https://github.com/acme/web.git');
      const out = await drift(dir, '--format', 'json', '--repo-name', 'acme/api', '--sha', 'c'.repeat(40));
      expect(out.stderr).toBe('');
      expect(JSON.parse(out.stdout)).toMatchObject({ subject: { repo: 'acme/api', sha: 'c'.repeat(40) } });
    });

    it('reads the commit only when a report needs it', async () => {
      const { dir } = checkout('https://github.com/acme/web.git');
      const out = await drift(dir);
      expect(out.code).toBe(0);
      expect(out.stderr).toBe('repo acme/web (from git remote origin, github.com)\n');
    });
  });

  it('says how to name the repository when origin is not on GitHub', async () => {
    const { dir } = checkout('/srv/git/web.git');
    const out = await drift(dir, '--format', 'json');
    expect(out.code).toBe(2);
    expect(out.stderr).toBe('error USAGE: a drift-report needs the repository as owner/name\n  remedy: pass --repo-name owner/name, or run on a clone whose origin remote is the repository on GitHub (in a workflow, GITHUB_REPOSITORY is used).\n');
  });

  it('does not read the checkout inside GitHub Actions, which names the repository and commit itself', async () => {
    const { dir } = checkout('https://github.com/acme/web.git');
    const out = await runMain(['drift', '--template', `${fixtures}/template`, '--repo', dir, '--format', 'json'], { GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY: 'acme/api', GITHUB_SHA: 'd'.repeat(40) });
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout)).toMatchObject({ subject: { repo: 'acme/api', sha: 'd'.repeat(40) } });
  });

  it('refuses a --template-repo that is not owner/name', async () => {
    const out = await drift(checkout().dir, '--template-repo', 'maestro-conductor');
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^error USAGE: --template-repo must be owner\/name, not "maestro-conductor"\n {2}remedy: name the repository the template comes from, such as maestro-conductor\/maestro-conductor\./);
  });
});
