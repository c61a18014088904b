import { type CommandGuard, roleApproves, roleAtLeast } from '../../core/triggers/command-role.js';
import { isTeamMember } from '../../adapters/github/team-member.js';
import { userRole } from '../../adapters/github/user-role.js';
import type { CommandContext } from './command-context.js';

/** Whether the sender may run a command, and if not, a refusal that says who may. */
export async function checkGuard(ctx: CommandContext, guard: CommandGuard): Promise<{ allowed: true } | { allowed: false; message: string }> {
  if (guard.type === 'anyone') return { allowed: true };
  const { octokit, request, store } = ctx;
  const role = await userRole(octokit, request.repo, request.sender, store);
  if (guard.type === 'role') {
    return roleAtLeast(role, guard.role) ? { allowed: true } : { allowed: false, message: `@${request.sender} has ${role} access to ${request.repo.fullName}; this command needs ${guard.role} access or more.` };
  }
  if (roleApproves(role, guard.approvers)) return { allowed: true };
  for (const team of guard.approvers.teams) {
    if (await isTeamMember(octokit, team, request.sender, store)) return { allowed: true };
  }
  const who = [
    ...(guard.approvers.permissions.length > 0 ? [`users with ${guard.approvers.permissions.join(' or ')} access`] : []),
    ...(guard.approvers.teams.length > 0 ? [`members of ${guard.approvers.teams.join(', ')}`] : []),
  ];
  return { allowed: false, message: `only ${who.join(' and ') || 'nobody (the repo config names no approver)'} may ${guard.what} in ${request.repo.fullName} (set in .github/maestro.yml on the default branch); @${request.sender} has ${role} access.` };
}
