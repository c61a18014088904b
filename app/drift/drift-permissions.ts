/**
 * The permission each GitHub API method of the drift sweep needs, in the format of
 * adapters/github/permissions.ts (the contract test reads both against app.yml). Pushing a branch whose
 * commit changes files under .github/workflows needs the workflows permission on top of contents.
 */
export const DRIFT_METHOD_PERMISSIONS: Record<string, { permission: string; access: 'read' | 'write' }> = {
  'apps.listReposAccessibleToInstallation': { permission: 'metadata', access: 'read' },
  'git.createTree': { permission: 'contents', access: 'write' },
  'git.createCommit': { permission: 'contents', access: 'write' },
  'git.createRef': { permission: 'workflows', access: 'write' },
  'git.updateRef': { permission: 'workflows', access: 'write' },
  'git.deleteRef': { permission: 'contents', access: 'write' },
  'pulls.create': { permission: 'pull_requests', access: 'write' },
  'pulls.update': { permission: 'pull_requests', access: 'write' },
};
