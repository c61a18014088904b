/** One entry of an issue's timeline as GitHub's REST API lists it (the fields used here). */
export interface TimelineEvent {
  event?: string;
  created_at?: string;
  actor?: { login?: string; type?: string } | null;
  /** `commented` events carry the author here as well. */
  user?: { login?: string; type?: string } | null;
  assignee?: { login?: string } | null;
}

/** Who acknowledged the incident, how and when. */
export interface Acknowledgement {
  by: string;
  how: string;
  at: string;
}

/** Timeline events that show a person took the incident on. */
const ACKNOWLEDGING: Record<string, (e: TimelineEvent) => string> = {
  commented: () => 'commented',
  assigned: (e) => (e.assignee?.login && e.assignee.login !== (e.actor?.login ?? '') ? `assigned @${e.assignee.login}` : 'assigned themselves'),
  closed: () => 'closed the issue',
};

/**
 * The first acknowledgement of a drill issue: the earliest comment, assignment or close by a person
 * other than the account that opened it. Bots do not count: an auto-responder acknowledging in
 * seconds would prove nothing about the on-call rotation.
 */
export function findAcknowledgement(events: TimelineEvent[], opener: string): Acknowledgement | undefined {
  const acks = events.flatMap((e) => {
    const who = e.actor ?? e.user;
    const describe = e.event ? ACKNOWLEDGING[e.event] : undefined;
    if (!describe || !who?.login || !e.created_at || Number.isNaN(Date.parse(e.created_at))) return [];
    if (who.login === opener || who.type === 'Bot' || who.login.endsWith('[bot]')) return [];
    return [{ by: who.login, how: describe(e), at: e.created_at }];
  });
  return acks.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0];
}
