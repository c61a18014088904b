import { createRequire } from 'node:module';
import { describe, expect, it } from '@jest/globals';
import { parsePullRequestEvent } from '../../../core/pr/parse-pull-request-event.js';

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples') as Array<{ name: string; examples: Array<Record<string, unknown> & { action?: string }> }>;
const pullRequest = examples.find((e) => e.name === 'pull_request')!.examples;
const opened = pullRequest.find((e) => e.action === 'opened')!;
const labeled = pullRequest.find((e) => e.action === 'labeled')!;

describe('parsePullRequestEvent', () => {
  it('reads the facts of the pull request', () => {
    expect(parsePullRequestEvent(opened, 'event.json')).toEqual({ pr: expect.objectContaining({ repo: 'Codertocat/Hello-World', number: 2, baseRef: 'master' }) });
  });

  it.each([
    ['a labeled event', labeled, { label: (labeled.label as { name: string }).name, login: (labeled.sender as { login: string }).login }],
    ['a labeled event without a sender', { ...labeled, sender: undefined }, undefined],
    ['an event of another action', { ...labeled, action: 'synchronize' }, undefined],
  ])('records who applied the label only for %s', (_what, payload, labeledBy) => {
    expect(parsePullRequestEvent(payload, 'event.json').labeledBy).toEqual(labeledBy);
  });

  it('refuses a payload without a pull request, naming the file', () => {
    expect(() => parsePullRequestEvent({ issue: {} }, 'event.json')).toThrow(expect.objectContaining({ code: 'EVENT_INVALID', file: 'event.json' }));
  });
});
