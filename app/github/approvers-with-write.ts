import type { RepoRef } from '../../core/app/triggers.js';
import { keys, type StateStore, TTL } from '../state/state-store.js';
import { type GitHub, repoParams } from './github.js';

const WRITE = new Set(['admin', 'maintain', 'write']);

/**
 * The reviewers whose latest review of the PR is an approval and who have write access to the repo
 * (checked per user, remembered for a few minutes). Only their approval makes a link count.
 */
export async function approversWithWrite(octokit: GitHub, repo: RepoRef, pull: number, store: StateStore): Promise<string[]> {
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { ...repoParams(repo), pull_number: pull, per_page: 100 });
  const latest = new Map<string, string>();
  for (const review of reviews) {
    const login = review.user?.login;
    if (!login || review.state === 'COMMENTED' || review.state === 'PENDING') continue;
    latest.set(login, review.state);
  }
  const approvers: string[] = [];
  for (const [login, state] of latest) {
    if (state !== 'APPROVED') continue;
    const key = keys.permission(repo.fullName, login);
    let permission = await store.get<string>(key);
    if (permission === undefined) {
      const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repoParams(repo), username: login });
      // `permission` is the base level (maintain and custom roles with write access read "write").
      permission = data.permission;
      await store.set(key, permission, TTL.permission);
    }
    if (WRITE.has(permission)) approvers.push(login);
  }
  return approvers.sort();
}
