import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { resolveReportContext } from '../../../adapters/fs/resolve-report-context.js';

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
});
