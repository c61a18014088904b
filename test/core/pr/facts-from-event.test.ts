import { createRequire } from 'node:module';
import { describe, expect, it } from '@jest/globals';
import { factsFromPullRequestEvent } from '../../../core/pr/facts-from-event.js';
import { parseChangedFiles } from '../../../core/pr/parse-changed-files.js';

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples') as Array<{ name: string; examples: Array<Record<string, unknown> & { action?: string }> }>;
const opened = examples.find((e) => e.name === 'pull_request')!.examples.find((e) => e.action === 'opened')!;

describe('factsFromPullRequestEvent', () => {
  it('reads the facts of a real pull_request.opened delivery', () => {
    expect(factsFromPullRequestEvent(opened, ['b.ts', 'a.ts'])).toEqual({
      repo: 'Codertocat/Hello-World',
      number: 2,
      title: 'Update the README with new information.',
      headSha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
      headRef: 'changes',
      baseRef: 'master',
      author: 'Codertocat',
      draft: false,
      labels: [],
      changedFiles: ['a.ts', 'b.ts'],
      body: 'This is a pretty simple change that we need to pull into master.',
      htmlUrl: 'https://github.com/Codertocat/Hello-World/pull/2',
    });
  });

  it.each([
    ['an issue_comment payload', { comment: {}, issue: {}, repository: { full_name: 'a/b' } }, '/pull_request'],
    ['a short head sha', { ...opened, pull_request: { ...(opened.pull_request as object), head: { sha: 'ec26c3e', ref: 'x' } } }, '/pull_request/head/sha'],
    ['a non-object', 'hello', ''],
  ])('refuses %s, naming the field', (_what, payload, pointer) => {
    expect(() => factsFromPullRequestEvent(payload, undefined, 'event.json')).toThrow(expect.objectContaining({ code: 'EVENT_INVALID', file: 'event.json', pointer }));
  });
});

describe('parseChangedFiles', () => {
  it('reads git diff --name-only output and JSON arrays alike', () => {
    expect(parseChangedFiles('./web/a.ts\n\nREADME.md\r\n', 'f')).toEqual(['web/a.ts', 'README.md']);
    expect(parseChangedFiles('["web/a.ts", "README.md"]', 'f')).toEqual(['web/a.ts', 'README.md']);
  });

  it('refuses a JSON value that is not a list of paths', () => {
    expect(() => parseChangedFiles('[1, 2]', 'f')).toThrow(expect.objectContaining({ code: 'SCHEMA_INVALID' }));
  });
});
