import { keys, type StateStore, TTL } from '../../core/ports/state-store.js';
import type { GitHub } from './github.js';

/**
 * True when `login` is an active member of the team `org/slug` (a pending invitation is not),
 * remembered for a few minutes. A team the app cannot see counts as no membership.
 */
export async function isTeamMember(octokit: GitHub, team: string, login: string, store: StateStore): Promise<boolean> {
  const key = keys.team(team, login);
  const known = await store.get<boolean>(key);
  if (known !== undefined) return known;
  const [org, slug] = team.split('/') as [string, string];
  let member: boolean;
  try {
    const { data } = await octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug: slug, username: login });
    member = data.state === 'active';
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
    member = false;
  }
  await store.set(key, member, TTL.permission);
  return member;
}
