/**
 * The permission each GitHub API method of the slash commands needs, in the format of
 * adapters/github/permissions.ts (the contract test reads all of them against app.yml).
 */
export const COMMAND_METHOD_PERMISSIONS: Record<string, { permission: string; access: 'read' | 'write' }> = {
  'reactions.createForIssueComment': { permission: 'issues', access: 'write' },
  'issues.create': { permission: 'issues', access: 'write' },
  'issues.update': { permission: 'issues', access: 'write' },
  'issues.addAssignees': { permission: 'issues', access: 'write' },
  'issues.removeAssignees': { permission: 'issues', access: 'write' },
  'issues.addLabels': { permission: 'issues', access: 'write' },
  'issues.removeLabel': { permission: 'issues', access: 'write' },
  'issues.listMilestones': { permission: 'issues', access: 'read' },
  'issues.createMilestone': { permission: 'issues', access: 'write' },
  'issues.listForRepo': { permission: 'issues', access: 'read' },
  'issues.get': { permission: 'issues', access: 'read' },
  'teams.getMembershipForUserInOrg': { permission: 'members', access: 'read' },
};
