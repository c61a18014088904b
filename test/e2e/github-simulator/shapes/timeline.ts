import type { SimApp, SimComment, SimIssue, SimRepository, SimTimelineEvent } from '../model.js';
import type { Schema } from '../openapi.js';
import { nodeId, type Urls } from '../urls.js';
import { integration } from './app.js';
import { association, reactionRollup } from './issue.js';
import { simpleUser } from './user.js';

type TimelineItem = Schema<'timeline-issue-events'>;

/**
 * An issue's timeline (`timeline-issue-events`): comments and events in the order they happened,
 * each in the shape GitHub gives that kind of event.
 */
export function timeline(repo: SimRepository, app: SimApp, value: SimIssue, urls: Urls): TimelineItem[] {
  return value.timeline.flatMap((e) => timelineItem(repo, app, e, urls) ?? []);
}

function commentEvent(repo: SimRepository, app: SimApp, c: SimComment, urls: Urls): Schema<'timeline-comment-event'> {
  const api = `${urls.api}/repos/${repo.fullName}/issues/comments/${c.id}`;
  return {
    event: 'commented',
    actor: simpleUser(c.user, urls),
    id: c.id,
    node_id: nodeId('IssueComment', c.id),
    url: api,
    body: c.body,
    html_url: `${urls.web}/${repo.fullName}/issues/${c.issueNumber}#issuecomment-${c.id}`,
    user: simpleUser(c.user, urls),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    issue_url: `${urls.api}/repos/${repo.fullName}/issues/${c.issueNumber}`,
    author_association: association(repo, c.user),
    performed_via_github_app: c.viaApp ? integration(app, urls) : null,
    reactions: reactionRollup(c.reactions, api),
  };
}

/** One entry in GitHub's shape for its kind; a comment deleted since is left out, as GitHub leaves it out. */
function timelineItem(repo: SimRepository, app: SimApp, e: SimTimelineEvent, urls: Urls): TimelineItem | undefined {
  const common = {
    id: e.id,
    node_id: nodeId('IssueEvent', e.id),
    url: `${urls.api}/repos/${repo.fullName}/issues/events/${e.id}`,
    actor: simpleUser(e.actor, urls),
    event: e.event,
    commit_id: null,
    commit_url: null,
    created_at: e.at,
    performed_via_github_app: e.actor.type === 'Bot' ? integration(app, urls) : null,
  };
  switch (e.event) {
    case 'commented': {
      const comment = repo.comments.get(e.commentId ?? -1);
      return comment ? commentEvent(repo, app, comment, urls) : undefined;
    }
    case 'labeled':
    case 'unlabeled':
      return { ...common, label: { name: e.label ?? '', color: repo.labels.get((e.label ?? '').toLowerCase())?.color ?? 'ededed' } } satisfies Schema<'labeled-issue-event'>;
    case 'assigned':
    case 'unassigned':
      return { ...common, assignee: simpleUser(e.assignee ?? e.actor, urls) } satisfies Schema<'timeline-assigned-issue-event'>;
    case 'milestoned':
    case 'demilestoned':
      return { ...common, milestone: { title: e.milestone ?? '' } } satisfies Schema<'milestoned-issue-event'>;
    case 'renamed':
      return { ...common, rename: e.rename ?? { from: '', to: '' } } satisfies Schema<'renamed-issue-event'>;
    case 'closed':
    case 'reopened':
      return { ...common, state_reason: e.stateReason ?? null } satisfies Schema<'state-change-issue-event'>;
  }
}
