import type { SimAccount, SimIssue, SimLabel, SimPull, SimRepository, SimTimelineEvent } from './model.js';
import type { SimulatorState } from './state.js';

/** The next issue or pull request number of a repository (they share one sequence). */
export function nextNumber(repo: SimRepository): number {
  return Math.max(0, ...repo.issues.keys()) + 1;
}

/** Opens an issue (or, with `pull`, a pull request) and stores it. */
export function createIssue(
  state: SimulatorState,
  repo: SimRepository,
  fields: { title: string; body?: string | null; user: SimAccount; number?: number; labels?: string[]; assignees?: string[]; milestone?: number | null; pull?: SimPull; createdAt?: string },
): SimIssue {
  const at = fields.createdAt ?? state.now();
  const issue: SimIssue = {
    id: state.nextId('issue'),
    number: fields.number ?? nextNumber(repo),
    title: fields.title,
    body: fields.body ?? null,
    user: fields.user,
    state: 'open',
    stateReason: null,
    labels: [],
    assignees: [],
    milestone: fields.milestone ?? null,
    locked: false,
    createdAt: at,
    updatedAt: at,
    closedAt: null,
    closedBy: null,
    timeline: [],
    ...(fields.pull ? { pull: fields.pull } : {}),
  };
  repo.issues.set(issue.number, issue);
  if (fields.labels) addLabels(state, repo, issue, fields.labels, fields.user);
  if (fields.assignees) addAssignees(state, issue, fields.assignees, fields.user);
  return issue;
}

/** A label of the repository, created with GitHub's default colour when it does not exist yet (as adding one to an issue does). */
export function ensureLabel(state: SimulatorState, repo: SimRepository, name: string, color = 'ededed', description: string | null = null): SimLabel {
  const known = repo.labels.get(name.toLowerCase());
  if (known) return known;
  const created: SimLabel = { id: state.nextId('label'), name, color, description };
  repo.labels.set(name.toLowerCase(), created);
  return created;
}

/** Adds a timeline event. */
export function recordEvent(state: SimulatorState, issue: SimIssue, event: Omit<SimTimelineEvent, 'id' | 'at'>): void {
  const at = state.now();
  issue.timeline.push({ id: state.nextId('event'), at, ...event });
  issue.updatedAt = at;
}

/** Adds labels an issue does not have yet, each with a `labeled` event. */
export function addLabels(state: SimulatorState, repo: SimRepository, issue: SimIssue, names: string[], actor: SimAccount): void {
  for (const name of names) {
    const known = ensureLabel(state, repo, name);
    if (issue.labels.some((l) => l.toLowerCase() === known.name.toLowerCase())) continue;
    issue.labels.push(known.name);
    recordEvent(state, issue, { event: 'labeled', actor, label: known.name });
  }
}

/** Removes a label; false when the issue did not have it. */
export function removeLabel(state: SimulatorState, issue: SimIssue, name: string, actor: SimAccount): boolean {
  const index = issue.labels.findIndex((l) => l.toLowerCase() === name.toLowerCase());
  if (index < 0) return false;
  const [removed] = issue.labels.splice(index, 1);
  recordEvent(state, issue, { event: 'unlabeled', actor, label: removed ?? name });
  return true;
}

/** Assigns people (at most 10, as GitHub allows), each with an `assigned` event. */
export function addAssignees(state: SimulatorState, issue: SimIssue, logins: string[], actor: SimAccount): void {
  for (const login of logins) {
    if (issue.assignees.length >= 10 || issue.assignees.some((a) => a.login.toLowerCase() === login.toLowerCase())) continue;
    const assignee = state.account(login);
    issue.assignees.push(assignee);
    recordEvent(state, issue, { event: 'assigned', actor, assignee });
  }
}

/** Unassigns people, each with an `unassigned` event. */
export function removeAssignees(state: SimulatorState, issue: SimIssue, logins: string[], actor: SimAccount): void {
  for (const login of logins) {
    const index = issue.assignees.findIndex((a) => a.login.toLowerCase() === login.toLowerCase());
    if (index < 0) continue;
    const [assignee] = issue.assignees.splice(index, 1);
    if (assignee) recordEvent(state, issue, { event: 'unassigned', actor, assignee });
  }
}

/** Closes or reopens, with the event GitHub records. */
export function setState(state: SimulatorState, issue: SimIssue, next: 'open' | 'closed', actor: SimAccount, reason?: SimIssue['stateReason']): void {
  if (issue.state === next) {
    if (reason !== undefined) issue.stateReason = reason;
    return;
  }
  issue.state = next;
  issue.stateReason = next === 'closed' ? (reason ?? 'completed') : 'reopened';
  issue.closedAt = next === 'closed' ? state.now() : null;
  issue.closedBy = next === 'closed' ? actor : null;
  recordEvent(state, issue, { event: next === 'closed' ? 'closed' : 'reopened', actor, stateReason: issue.stateReason });
}
