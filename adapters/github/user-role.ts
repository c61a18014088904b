import { type RepoRole, toRepoRole } from '../../core/triggers/command-role.js';
import type { RepoRef } from '../../core/pr/repo-ref.js';
import { keys, type StateStore, TTL } from '../../core/ports/state-store.js';
import { type GitHub, repoParams } from './github.js';

/**
 * A user's role on the repo (admin, maintain, write, triage, read, none), remembered for a few
 * minutes. A user GitHub does not know as a collaborator has no role here.
 */
export async function userRole(octokit: GitHub, repo: RepoRef, login: string, store: StateStore): Promise<RepoRole> {
  const key = keys.role(repo.fullName, login);
  const known = await store.get<RepoRole>(key);
  if (known) return known;
  let role: RepoRole;
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repoParams(repo), username: login });
    role = toRepoRole(data.role_name, data.permission);
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
    role = 'none';
  }
  await store.set(key, role, TTL.permission);
  return role;
}
