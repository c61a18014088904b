import type { SlashCommand } from '../commands/types.js';
import type { Approvers, MaestroConfig } from '../config/types.js';

/** Repository roles from least to most, as GitHub names them. */
export const ROLE_ORDER = ['none', 'read', 'triage', 'write', 'maintain', 'admin'] as const;
export type RepoRole = (typeof ROLE_ORDER)[number];

/** Who may run a command: anyone who can comment, at least a repository role, or the approvers of the config. */
export type CommandGuard = { type: 'anyone' } | { type: 'role'; role: RepoRole } | { type: 'approvers'; approvers: Approvers; what: string };

/**
 * Who may run each command. Issue housekeeping needs triage, as on GitHub itself; task creation
 * and re-runs need write; waivers and overrides need the approvers the repo config names (read
 * from the default branch, so a PR cannot grant itself the right).
 */
export function commandGuard(command: SlashCommand, config: MaestroConfig): CommandGuard {
  switch (command.name) {
    case 'help':
    case 'gates-explain':
      return { type: 'anyone' };
    case 'assign':
    case 'unassign':
    case 'label':
    case 'priority':
    case 'milestone':
      return { type: 'role', role: 'triage' };
    case 'create-task':
    case 'gates-rerun':
      return { type: 'role', role: 'write' };
    case 'waive':
      return { type: 'approvers', approvers: config.waivers.approvers, what: 'grant waivers' };
    case 'override':
      return { type: 'approvers', approvers: config.overrides.approvers, what: 'override the gate' };
  }
}

/** At least `needed`: admin includes maintain, maintain includes write, and so on. */
export function roleAtLeast(role: RepoRole, needed: RepoRole): boolean {
  return ROLE_ORDER.indexOf(role) >= ROLE_ORDER.indexOf(needed);
}

/**
 * The role GitHub reports for a collaborator: `role_name` (admin, maintain, write, triage, read),
 * or for a custom role its base `permission` (admin, write, read, none).
 */
export function toRepoRole(roleName: string | undefined, permission: string | undefined): RepoRole {
  const name = (roleName ?? '').toLowerCase();
  if ((ROLE_ORDER as readonly string[]).includes(name)) return name as RepoRole;
  const base = (permission ?? '').toLowerCase();
  return (ROLE_ORDER as readonly string[]).includes(base) ? (base as RepoRole) : 'none';
}

/** True when the role meets one of the approvers' permissions (the least of them suffices, or more). */
export function roleApproves(role: RepoRole, approvers: Approvers): boolean {
  return approvers.permissions.some((p) => roleAtLeast(role, p));
}
