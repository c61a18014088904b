import { describe, expect, it } from '@jest/globals';
import { findAcknowledgement, type TimelineEvent } from '../../../core/drill/find-acknowledgement.js';
import { countChecklist } from '../../../core/drill/render-drill-issue.js';

const at = (m: number) => `2026-11-23T09:${String(m).padStart(2, '0')}:00Z`;
const ev = (event: string, login: string, minute: number, extra: Partial<TimelineEvent> = {}): TimelineEvent => ({ event, actor: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' }, created_at: at(minute), ...extra });

describe('findAcknowledgement', () => {
  it.each<[string, TimelineEvent[], ReturnType<typeof findAcknowledgement>]>([
    ['nothing happened', [], undefined],
    ['only the opener commented', [ev('commented', 'drill-runner', 1)], undefined],
    ['only bots answered', [ev('commented', 'dependabot[bot]', 1), ev('assigned', 'some-app', 2, { actor: { login: 'some-app', type: 'Bot' } })], undefined],
    ['a label was added by a person (not an acknowledgement)', [ev('labeled', 'octocat', 1)], undefined],
    ['a person commented', [ev('commented', 'octocat', 4)], { by: 'octocat', how: 'commented', at: at(4) }],
    ['a person assigned themselves', [ev('assigned', 'octocat', 3, { assignee: { login: 'octocat' } })], { by: 'octocat', how: 'assigned themselves', at: at(3) }],
    ['a person assigned someone else', [ev('assigned', 'lead', 3, { assignee: { login: 'octocat' } })], { by: 'lead', how: 'assigned @octocat', at: at(3) }],
    ['the earliest of several counts, whatever the order listed', [ev('commented', 'octocat', 9), ev('closed', 'lead', 7)], { by: 'lead', how: 'closed the issue', at: at(7) }],
  ])('%s', (_what, events, expected) => {
    expect(findAcknowledgement(events, 'drill-runner')).toEqual(expected);
  });
});

describe('countChecklist', () => {
  it('counts items and ticked items, ignoring look-alikes in text', () => {
    expect(countChecklist('- [ ] one\n- [x] two\n* [X] three\ntext - [ ] not an item\n')).toEqual({ items: 3, ticked: 2 });
  });
});
