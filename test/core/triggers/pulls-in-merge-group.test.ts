import { describe, expect, it } from '@jest/globals';
import { pullOfQueueRef, pullsInMergeGroup } from '../../../core/triggers/pulls-in-merge-group.js';
import { triggerFor } from '../../../core/triggers/triggers.js';
import { examplePayload } from '../../helpers/webhook-examples.js';

const self = { appId: 2, botLogin: 'maestro-conductor[bot]' };

describe('pullOfQueueRef', () => {
  it.each([
    ['refs/heads/gh-readonly-queue/main/pr-104-929f8209d40f77f4abc622a499c93a83babdbe64', 104],
    ['gh-readonly-queue/release/2.x/pr-7-929f820', 7],
    ['refs/heads/main', undefined],
    ['refs/heads/gh-readonly-queue/main/pr-x-929f820', undefined],
    ['refs/heads/feature/gh-readonly-queue-lookalike/pr-5-zzzzzzz', undefined],
  ])('reads %s as PR %s', (ref, pull) => {
    expect(pullOfQueueRef(ref)).toBe(pull);
  });
});

describe('pullsInMergeGroup', () => {
  it('finds the named PR and the PRs queued ahead of it in merge and squash commit titles', () => {
    const messages = ['Merge pull request #2048 from octo-repo/update-readme\n\nUpdate README.md', 'Add evidence panel (#99)', 'fix typo #12 in docs', 'Merge pull request #2048 from octo-repo/update-readme'];
    expect(pullsInMergeGroup('refs/heads/gh-readonly-queue/main/pr-104-929f8209d40f77f4abc622a499c93a83babdbe64', messages)).toEqual([99, 104, 2048]);
  });

  it('knows only the named PR when the commits name none (rebase merges)', () => {
    expect(pullsInMergeGroup('refs/heads/gh-readonly-queue/main/pr-3-abcdef0', ['a commit', 'another'])).toEqual([3]);
  });
});

describe('triggerFor on merge_group', () => {
  it('evaluates the queued commit at once for the PR its branch names', () => {
    const payload: Record<string, any> = { ...examplePayload('merge_group', 'checks_requested'), installation: { id: 1 } };
    expect(triggerFor('merge_group', payload, self)).toMatchObject({
      type: 'evaluate',
      sha: payload.merge_group.head_sha,
      pulls: [104],
      force: true,
      newCommit: true,
      mergeGroup: { baseSha: payload.merge_group.base_sha, headRef: payload.merge_group.head_ref },
    });
  });

  it('ignores a destroyed group and a group without its commits', () => {
    const payload: Record<string, any> = { ...examplePayload('merge_group', 'checks_requested'), installation: { id: 1 } };
    expect(triggerFor('merge_group', { ...payload, action: 'destroyed' }, self).type).toBe('ignore');
    expect(triggerFor('merge_group', { ...payload, merge_group: { ...payload.merge_group, base_sha: undefined } }, self).type).toBe('ignore');
  });
});
