/**
 * The permission each GitHub API method the app calls needs (GitHub's "permissions required for
 * GitHub Apps" tables). app.yml must ask for exactly these; a contract test keeps them in step.
 */
export const METHOD_PERMISSIONS: Record<string, { permission: string; access: 'read' | 'write' }> = {
  'actions.listWorkflowRunsForRepo': { permission: 'actions', access: 'read' },
  'actions.listArtifactsForRepo': { permission: 'actions', access: 'read' },
  'actions.getWorkflowRun': { permission: 'actions', access: 'read' },
  'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}': { permission: 'actions', access: 'read' },
  'checks.create': { permission: 'checks', access: 'write' },
  'checks.update': { permission: 'checks', access: 'write' },
  'checks.listForRef': { permission: 'checks', access: 'read' },
  'config.get': { permission: 'contents', access: 'read' },
  'GET /repos/{owner}/{repo}/contents/{path}': { permission: 'contents', access: 'read' },
  'GET /repos/{owner}/{repo}/commits/{ref}': { permission: 'contents', access: 'read' },
  'repos.listPullRequestsAssociatedWithCommit': { permission: 'contents', access: 'read' },
  'repos.getCollaboratorPermissionLevel': { permission: 'metadata', access: 'read' },
  'pulls.get': { permission: 'pull_requests', access: 'read' },
  'pulls.listFiles': { permission: 'pull_requests', access: 'read' },
  'pulls.listReviews': { permission: 'pull_requests', access: 'read' },
  'issues.listComments': { permission: 'pull_requests', access: 'read' },
  'issues.createComment': { permission: 'pull_requests', access: 'write' },
  'issues.updateComment': { permission: 'pull_requests', access: 'write' },
  'apps.getAuthenticated': { permission: 'metadata', access: 'read' },
  'repos.compareCommitsWithBasehead': { permission: 'contents', access: 'read' },
};

/** Permissions GitHub requires to deliver an event at all, beyond those of the methods above. */
export const EVENT_PERMISSIONS: Record<string, { permission: string; access: 'read' | 'write' }> = {
  merge_group: { permission: 'merge_queues', access: 'read' },
  issue_comment: { permission: 'issues', access: 'read' },
  repository_dispatch: { permission: 'contents', access: 'read' },
};
