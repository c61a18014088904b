import { execFileSync } from 'node:child_process';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { resolveReportContext } from '../../../adapters/fs/resolve-report-context.js';
import { gitCheckout, type Checkout } from '../../../adapters/git/read-checkout.js';

const now = new Date('2026-11-20T12:00:00Z');
const head = 'b'.repeat(40);

function eventFile(payload: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'event-')), 'event.json');
  writeFileSync(path, JSON.stringify(payload));
  return path;
}

describe('resolveReportContext', () => {
  it('takes the PR head commit and number from a pull_request event, not the merge commit in GITHUB_SHA', () => {
    const env = { GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: 'c'.repeat(40), GITHUB_EVENT_PATH: eventFile({ pull_request: { number: 12, head: { sha: head, ref: 'feature' } } }), GITHUB_RUN_ID: '99', GITHUB_SERVER_URL: 'https://github.com' };
    expect(resolveReportContext('maestro-action', {}, env, now)).toEqual({
      subject: { repo: 'acme/shop', sha: head, pr: 12, ref: 'refs/heads/feature' },
      producer: { name: 'maestro-action', version: expect.any(String), runUrl: 'https://github.com/acme/shop/actions/runs/99' },
      createdAt: '2026-11-20T12:00:00.000Z',
    });
  });

  it('prefers explicit options over the environment', () => {
    const env = { GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: 'c'.repeat(40), GITHUB_REF: 'refs/heads/main' };
    expect(resolveReportContext('maestro-cli', { repo: 'acme/api', sha: head, pr: '3' }, env, now).subject).toEqual({ repo: 'acme/api', sha: head, pr: 3, ref: 'refs/heads/main' });
  });

  it.each([
    [{}, {}, /neither --repo nor GITHUB_REPOSITORY is set/],
    [{ repo: 'acme/shop' }, {}, /neither --sha nor GITHUB_SHA is set/],
    [{ repo: 'acme/shop', sha: 'HEAD' }, {}, /sha "HEAD" is not a full 40-character/],
    [{ repo: 'acme/shop', sha: head, pr: '-1' }, {}, /--pr "-1" is not a pull request number/],
  ])('refuses %j with a usage error naming the option', (overrides, env, message) => {
    expect(() => resolveReportContext('maestro-cli', overrides, env, now)).toThrow(message);
  });

  it('ignores a sparse 10 GB event payload by its size, without reading it', () => {
    const path = eventFile({});
    truncateSync(path, 10 * 1024 ** 3);
    const started = performance.now();
    const env = { GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: head, GITHUB_EVENT_PATH: path };
    expect(resolveReportContext('maestro-action', {}, env, now).subject).toEqual({ repo: 'acme/shop', sha: head });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses a named pipe as the event payload instead of waiting on it', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'event-')), 'event.json');
    execFileSync('mkfifo', [path]);
    const env = { GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: head, GITHUB_EVENT_PATH: path };
    expect(() => resolveReportContext('maestro-action', {}, env, now)).toThrow(expect.objectContaining({ code: 'EVENT_INVALID' }));
  });
});

describe('resolveReportContext by hand, with the checkout as default', () => {
  const checkout = (originUrl?: string, headCommit?: string): Checkout => ({ originUrl: () => originUrl, headCommit: () => headCommit });
  const resolve = (overrides: object, env: Record<string, string>, from: Checkout) => {
    const notes: string[] = [];
    const context = resolveReportContext('maestro-cli', overrides, env, now, { checkout: from, note: (line) => notes.push(line) });
    return { subject: context.subject, notes };
  };

  it('takes the repository from origin and the commit from HEAD, and says so', () => {
    expect(resolve({}, {}, checkout('git@ghe.corp.example:acme/web.git', head))).toEqual({ subject: { repo: 'acme/web', sha: head }, notes: ['repo acme/web (from git remote origin, ghe.corp.example)', `sha ${head} (from git HEAD)`] });
  });

  it('lets options and the environment win over the checkout, without a note', () => {
    expect(resolve({ repo: 'acme/api' }, { GITHUB_SHA: 'c'.repeat(40) }, checkout('https://github.com/acme/web.git', head))).toEqual({ subject: { repo: 'acme/api', sha: 'c'.repeat(40) }, notes: [] });
  });

  it('never reads the checkout inside GitHub Actions', () => {
    const untouchable: Checkout = { originUrl: () => { throw new Error('read origin'); }, headCommit: () => { throw new Error('read HEAD'); } };
    expect(() => resolve({}, { GITHUB_ACTIONS: 'true' }, untouchable)).toThrow(/neither --repo nor GITHUB_REPOSITORY is set/);
  });

  it.each([
    [checkout(undefined, head), /--repo is not given, and the folder has no git remote origin/],
    [checkout('https://gitlab.com/acme/team/web.git', head), /the git remote origin "https:\/\/gitlab.com\/acme\/team\/web.git" is not a GitHub repository URL/],
    [checkout('https://github.com/acme/web.git', undefined), /--sha is not given, and the folder is not a git checkout with a commit/],
  ])('names the option to pass when the checkout cannot tell (%#)', (from, message) => {
    expect(() => resolve({}, {}, from)).toThrow(expect.objectContaining({ code: 'USAGE', message: expect.stringMatching(message), remedy: expect.stringMatching(/^pass --(repo|sha)/) }));
  });

  it('hides the credentials of an origin URL it cannot read', () => {
    expect(() => resolve({}, {}, checkout('https://x-access-token:ghs_secret@gitlab.com/a/b/c.git', head))).toThrow(/"https:\/\/\*\*\*@gitlab.com\/a\/b\/c.git"/);
  });

  it('reads a real clone with git', () => {
    const dir = mkdtempSync(join(tmpdir(), 'checkout-'));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, encoding: 'utf8' }).trim();
    git('init', '-q');
    expect([gitCheckout(dir).originUrl(), gitCheckout(dir).headCommit()]).toEqual([undefined, undefined]);
    git('commit', '-q', '--allow-empty', '-m', 'first');
    git('remote', 'add', 'origin', 'https://github.com/acme/web.git');
    expect(resolve({}, {}, gitCheckout(dir)).subject).toEqual({ repo: 'acme/web', sha: git('rev-parse', 'HEAD') });
  });
});
