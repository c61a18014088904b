import type { SimAccount, SimApp, SimComment, SimIssue, SimLabel, SimMilestone, SimReaction, SimRepository } from '../model.js';
import type { Schema } from '../openapi.js';
import { nodeId, segment, type Urls } from '../urls.js';
import { integration } from './app.js';
import { simpleUser } from './user.js';

/** How GitHub labels an author's relation to the repository. */
export function association(repo: SimRepository, account: SimAccount): Schema<'author-association'> {
  if (account.id === repo.owner.id) return 'OWNER';
  if (repo.collaborators.has(account.login.toLowerCase())) return 'COLLABORATOR';
  return 'NONE';
}

/** A label of the repository (`label`). */
export function label(repo: SimRepository, value: SimLabel, urls: Urls): Schema<'label'> {
  return {
    id: value.id,
    node_id: nodeId('Label', value.id),
    url: `${urls.api}/repos/${repo.fullName}/labels/${segment(value.name)}`,
    name: value.name,
    description: value.description,
    color: value.color,
    default: false,
  };
}

/** The labels of an issue, in the order they were added. */
export function issueLabels(repo: SimRepository, value: SimIssue, urls: Urls): Schema<'label'>[] {
  return value.labels.flatMap((name) => {
    const known = repo.labels.get(name.toLowerCase());
    return known ? [label(repo, known, urls)] : [];
  });
}

/** A milestone with its issue counts (`milestone`). */
export function milestone(repo: SimRepository, value: SimMilestone, urls: Urls): Schema<'milestone'> {
  const issues = [...repo.issues.values()].filter((i) => i.milestone === value.number);
  const api = `${urls.api}/repos/${repo.fullName}/milestones/${value.number}`;
  return {
    url: api,
    html_url: `${urls.web}/${repo.fullName}/milestone/${value.number}`,
    labels_url: `${api}/labels`,
    id: value.id,
    node_id: nodeId('Milestone', value.id),
    number: value.number,
    state: value.state,
    title: value.title,
    description: value.description,
    creator: simpleUser(value.creator, urls),
    open_issues: issues.filter((i) => i.state === 'open').length,
    closed_issues: issues.filter((i) => i.state === 'closed').length,
    created_at: value.createdAt,
    updated_at: value.updatedAt,
    closed_at: value.closedAt,
    due_on: value.dueOn,
  };
}

/** The reaction counts GitHub adds to issues and comments. */
export function reactionRollup(reactions: SimReaction[], url: string): Schema<'reaction-rollup'> {
  const count = (content: SimReaction['content']): number => reactions.filter((r) => r.content === content).length;
  return {
    url: `${url}/reactions`,
    total_count: reactions.length,
    '+1': count('+1'),
    '-1': count('-1'),
    laugh: count('laugh'),
    confused: count('confused'),
    heart: count('heart'),
    hooray: count('hooray'),
    eyes: count('eyes'),
    rocket: count('rocket'),
  };
}

/** An issue, or a pull request seen as an issue (`issue`, with `pull_request` links). */
export function issue(repo: SimRepository, value: SimIssue, urls: Urls): Schema<'issue'> {
  const api = `${urls.api}/repos/${repo.fullName}/issues/${value.number}`;
  const html = `${urls.web}/${repo.fullName}/${value.pull ? 'pull' : 'issues'}/${value.number}`;
  const stone = value.milestone === null ? undefined : repo.milestones.get(value.milestone);
  return {
    id: value.id,
    node_id: nodeId('Issue', value.id),
    url: api,
    repository_url: `${urls.api}/repos/${repo.fullName}`,
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: html,
    number: value.number,
    state: value.state,
    state_reason: value.stateReason,
    title: value.title,
    body: value.body,
    user: simpleUser(value.user, urls),
    labels: issueLabels(repo, value, urls),
    assignee: value.assignees[0] ? simpleUser(value.assignees[0], urls) : null,
    assignees: value.assignees.map((a) => simpleUser(a, urls)),
    milestone: stone ? milestone(repo, stone, urls) : null,
    locked: value.locked,
    active_lock_reason: null,
    comments: [...repo.comments.values()].filter((c) => c.issueNumber === value.number).length,
    ...(value.pull
      ? { pull_request: { merged_at: value.pull.mergedAt, diff_url: `${html}.diff`, html_url: html, patch_url: `${html}.patch`, url: `${urls.api}/repos/${repo.fullName}/pulls/${value.number}` }, draft: value.pull.draft }
      : {}),
    closed_at: value.closedAt,
    created_at: value.createdAt,
    updated_at: value.updatedAt,
    closed_by: value.closedBy ? simpleUser(value.closedBy, urls) : null,
    timeline_url: `${api}/timeline`,
    author_association: association(repo, value.user),
    reactions: reactionRollup([], api),
  };
}

/** An issue or pull request comment (`issue-comment`). */
export function issueComment(repo: SimRepository, app: SimApp, value: SimComment, urls: Urls): Schema<'issue-comment'> {
  const api = `${urls.api}/repos/${repo.fullName}/issues/comments/${value.id}`;
  const isPull = repo.issues.get(value.issueNumber)?.pull !== undefined;
  return {
    id: value.id,
    node_id: nodeId('IssueComment', value.id),
    url: api,
    html_url: `${urls.web}/${repo.fullName}/${isPull ? 'pull' : 'issues'}/${value.issueNumber}#issuecomment-${value.id}`,
    body: value.body,
    user: simpleUser(value.user, urls),
    created_at: value.createdAt,
    updated_at: value.updatedAt,
    issue_url: `${urls.api}/repos/${repo.fullName}/issues/${value.issueNumber}`,
    author_association: association(repo, value.user),
    performed_via_github_app: value.viaApp ? integration(app, urls) : null,
    reactions: reactionRollup(value.reactions, api),
  };
}

/** A reaction (`reaction`). */
export function reaction(value: SimReaction, urls: Urls): Schema<'reaction'> {
  return { id: value.id, node_id: nodeId('Reaction', value.id), user: simpleUser(value.user, urls), content: value.content, created_at: value.createdAt };
}
