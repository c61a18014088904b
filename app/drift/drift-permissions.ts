/**
 * The permission each GitHub API method of the drift sweep needs, in the format of
 * adapters/github/permissions.ts (GitHub's "Permissions required for GitHub Apps"); the contract
 * test reads them against app.yml and app-drift.yml and docs/permissions.md.
 */
type MethodPermissions = Record<string, { permission: string; access: 'read' | 'write' }>;

/**
 * Calls of the sweep made with the main App's token: read-only. The GraphQL query reads workflow
 * files and the existence of other template files (contents), topics (metadata) and the fix
 * branch's open pull request (pull requests, which the main App reads anyway). App-authenticated
 * (JWT) calls need no installation permission and are listed under metadata, which every App has.
 */
export const DRIFT_SWEEP_METHOD_PERMISSIONS: MethodPermissions = {
  'apps.listInstallations': { permission: 'metadata', access: 'read' },
  'apps.listReposAccessibleToInstallation': { permission: 'metadata', access: 'read' },
  graphql: { permission: 'contents', access: 'read' },
};

/**
 * Calls made with the drift-fix App's token (app-drift.yml), and only in DRIFT_FIX_FILES. Pushing
 * a branch whose commit changes files under .github/workflows needs the workflows permission on
 * top of contents.
 */
export const DRIFT_FIX_METHOD_PERMISSIONS: MethodPermissions = {
  'apps.getRepoInstallation': { permission: 'metadata', access: 'read' },
  'git.createTree': { permission: 'contents', access: 'write' },
  'git.createCommit': { permission: 'contents', access: 'write' },
  'git.createRef': { permission: 'workflows', access: 'write' },
  'git.updateRef': { permission: 'workflows', access: 'write' },
  'git.deleteRef': { permission: 'contents', access: 'write' },
  'pulls.create': { permission: 'pull_requests', access: 'write' },
  'pulls.update': { permission: 'pull_requests', access: 'write' },
  'issues.createComment': { permission: 'pull_requests', access: 'write' },
};

/** The source files whose GitHub calls run with the drift-fix App's token; no other file gets its client. */
export const DRIFT_FIX_FILES = ['app/drift/drift-fix-app.ts', 'app/drift/upsert-fix-pull-request.ts'];
