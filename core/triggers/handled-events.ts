/** Every `event.action` the app handles (or a whole `event`, whose actions triggerFor sorts); app.yml subscribes to exactly these events. */
export const HANDLED_EVENTS = [
  'pull_request.opened',
  'pull_request.synchronize',
  'pull_request.reopened',
  'pull_request.edited',
  'pull_request.labeled',
  'pull_request.unlabeled',
  'pull_request.ready_for_review',
  'pull_request_review.submitted',
  'pull_request_review.dismissed',
  'workflow_run.requested',
  'workflow_run.in_progress',
  'workflow_run.completed',
  'check_run.rerequested',
  'check_run.requested_action',
  'check_suite.rerequested',
  'merge_group.checks_requested',
  'issue_comment.created',
  'issue_comment.edited',
  // A whole event: its action is the sender's event_type, which triggerFor checks.
  'repository_dispatch',
] as const;
export type HandledEvent = (typeof HANDLED_EVENTS)[number];

/** The identifier of the check run's "Re-run gates" button. */
export const RERUN_ACTION = 'rerun';
