import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import nock from 'nock';
import { incidentDrillCommand, type IncidentDrillOptions } from '../../cli/commands/drill.js';
import { parseEvidence } from '../../core/evidence/parse-evidence.js';
import { fixedClock, TEST_NOW } from '../helpers/clock.js';
import { pinGitHubRequests } from '../helpers/pin-github.js';
import { tempDir } from '../helpers/release-bundle.js';

const root = resolve(import.meta.dirname, '../..');
const API = 'https://api.github.com';
const REPO = '/repos/acme/web';
const FORM = join(root, 'templates/.github/ISSUE_TEMPLATE/drill-report.yml');
const saved = { ...process.env };
const user = (login: string, type = 'User') => ({ login, id: 1, node_id: 'MDQ6VXNlcjE=', type, site_admin: false, url: `${API}/users/${login}`, html_url: `https://github.com/${login}` });
const bot = user('github-actions[bot]', 'Bot');

/** An issue as the REST API returns it. */
function issueJson(number: number, createdAt: string, body: string, title = '[Drill] incident') {
  return { id: 9000 + number, node_id: 'I_kwDOA', number, title, body, state: 'open', locked: false, labels: [{ id: 1, name: 'maestro-drill', color: 'B60205' }], assignees: [], comments: 0, created_at: createdAt, updated_at: createdAt, closed_at: null, author_association: 'NONE', user: bot, url: `${API}${REPO}/issues/${number}`, html_url: `https://github.com/acme/web/issues/${number}` };
}
const commented = (who: ReturnType<typeof user>, at: string, body = 'on it') => ({ id: 1, node_id: 'IC_kw', url: `${API}${REPO}/issues/comments/1`, html_url: 'https://github.com/acme/web/issues/7#issuecomment-1', body, user: who, actor: who, created_at: at, updated_at: at, author_association: 'MEMBER', event: 'commented' });
const labeled = (who: ReturnType<typeof user>, at: string) => ({ id: 2, node_id: 'LE_lA', url: `${API}${REPO}/issues/events/2`, actor: who, event: 'labeled', commit_id: null, commit_url: null, created_at: at, label: { name: 'maestro-drill', color: 'B60205' }, performed_via_github_app: null });
const assigned = (who: ReturnType<typeof user>, assignee: ReturnType<typeof user>, at: string) => ({ id: 3, node_id: 'AE_lA', url: `${API}${REPO}/issues/events/3`, actor: who, event: 'assigned', commit_id: null, commit_url: null, created_at: at, assignee, performed_via_github_app: null });
const seconds = (iso: string, s: number) => new Date(Date.parse(iso) + s * 1000).toISOString().replace('.000Z', 'Z');

/** The drill's options; its clock reads TEST_NOW unless the test says otherwise. */
function options(extra: Partial<IncidentDrillOptions> = {}): IncidentDrillOptions {
  return { repo: 'acme/web', commit: 'c'.repeat(40), template: FORM, ackTarget: 'PT15M', poll: 'PT1S', now: fixedClock(), ...extra };
}

describe('maestro drill incident (GitHub answered by nock)', () => {
  let printed = '';
  pinGitHubRequests();
  beforeEach(() => {
    process.env = { PATH: saved.PATH, HOME: saved.HOME, GITHUB_TOKEN: 'ghs_drill' };
    printed = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed += String(chunk);
      return true;
    });
  });
  afterEach(() => {
    jest.restoreAllMocks();
    process.env = saved;
  });

  it('opens the issue from the drill form with its checklist, waits for a person, measures the acknowledgement and closes the issue (exit 0)', async () => {
    const opened = TEST_NOW;
    const out = join(tempDir('maestro-incident-'), 'report.json');
    let created: { title: string; body: string; labels: string[] } | undefined;
    const comments: string[] = [];
    const scope = nock(API, { reqheaders: { authorization: 'token ghs_drill' } })
      .post(`${REPO}/issues`, (b: { title: string; body: string; labels: string[] }) => ((created = b), true))
      .reply(201, () => issueJson(7, opened, created!.body, created!.title))
      .get(`${REPO}/issues/7/timeline`).query({ per_page: 100 }).reply(200, [labeled(bot, opened)])
      .get(`${REPO}/issues/7/timeline`).query({ per_page: 100 }).reply(200, [labeled(bot, opened), commented(bot, seconds(opened, 5), 'auto-reply'), commented(user('octocat'), seconds(opened, 192))])
      .post(`${REPO}/issues/7/comments`, (b: { body: string }) => (comments.push(b.body), true)).reply(201, { id: 11 })
      .patch(`${REPO}/issues/7`, { state: 'closed', state_reason: 'completed' }).reply(200, { ...issueJson(7, opened, ''), state: 'closed' });

    expect(await incidentDrillCommand(options({ out }))).toBe(0);
    expect(scope.isDone()).toBe(true);
    expect(created!.title).toBe(`[Drill] incident ${opened.slice(0, 10)}: running`);
    expect(created!.labels).toEqual(['maestro-drill']);
    expect(created!.body).toMatch(/^> \[!IMPORTANT\]\n> \*\*This is a mock incident drill\.\*\* /);
    expect(created!.body).toContain('### Drill\n\nincident\n\n### Result\n\n_No response_\n\n### Started at\n\n');
    expect(created!.body).toContain('### Targets\n\nfirst acknowledgement within 15 min\n');
    expect(created!.body).toContain('### Steps\n\n- [ ] Declared the drill in the incident channel\n');
    expect(comments).toEqual([expect.stringMatching(/^\*\*Drill passed\*\*: @octocat commented 3 min 12 s after the issue was opened/)]);
    expect(printed).toContain('PASS  open the drill issue: opened #7 (https://github.com/acme/web/issues/7) from');
    expect(printed).toContain('with a checklist of 5 item(s)');
    const item = parseEvidence(readFileSync(out), 'report.json');
    expect(item.status).toBe('valid');
    expect(item.status === 'valid' && item.report.data).toMatchObject({ drill: 'incident', status: 'pass', targets: { ackSeconds: 900 }, measured: { ackSeconds: 192 }, issue: 'https://github.com/acme/web/issues/7' });
  });

  it('fails (exit 1) when nobody but the opener and bots answered within the target, leaving the issue open', async () => {
    const opened = seconds(TEST_NOW, -3600);
    const comments: string[] = [];
    const scope = nock(API)
      .post(`${REPO}/issues`).reply(201, issueJson(8, opened, '- [ ] a\n'))
      .get(`${REPO}/issues/8/timeline`).query({ per_page: 100 }).reply(200, [commented(bot, seconds(opened, 1), 'reminder'), commented(user('dependabot[bot]', 'Bot'), seconds(opened, 2))])
      .post(`${REPO}/issues/8/comments`, (b: { body: string }) => (comments.push(b.body), true)).reply(201, { id: 12 });
    expect(await incidentDrillCommand(options())).toBe(1);
    expect(scope.isDone()).toBe(true);
    expect(printed).toContain('FAIL  first acknowledgement: nobody acknowledged #8 within the target of 15 min');
    expect(comments[0]).toMatch(/^\*\*Drill failed\*\*: nobody acknowledged #8 within the target of 15 min\. Left open for the follow-ups\./);
  });

  it('resumes an open drill issue with --issue and fails an acknowledgement that came too late', async () => {
    const opened = seconds(TEST_NOW, -7200);
    const scope = nock(API)
      .get(`${REPO}/issues/42`).reply(200, issueJson(42, opened, ''))
      .get(`${REPO}/issues/42/timeline`).query({ per_page: 100 }).reply(200, [assigned(user('octocat'), user('hubot'), seconds(opened, 1250))])
      .post(`${REPO}/issues/42/comments`).reply(201, { id: 13 });
    expect(await incidentDrillCommand(options({ issue: '42' }))).toBe(1);
    expect(scope.isDone()).toBe(true);
    expect(printed).toContain('PASS  resume the drill issue: measuring #42');
    expect(printed).toContain('FAIL  first acknowledgement: @octocat assigned @hubot 20 min 50 s after the issue was opened');
  });

  it('decides by its clock whether the target has passed: the same issue and answers pass 1 min after the issue was opened and fail 1 h after', async () => {
    const opened = TEST_NOW;
    const comments: string[] = [];
    /** GitHub's answers: nothing yet on the first look, @octocat's comment 2 min after opening on the second. */
    const answers = () => nock(API)
      .get(`${REPO}/issues/9`).reply(200, issueJson(9, opened, ''))
      .get(`${REPO}/issues/9/timeline`).query({ per_page: 100 }).reply(200, [])
      .get(`${REPO}/issues/9/timeline`).query({ per_page: 100 }).optionally().reply(200, [commented(user('octocat'), seconds(opened, 120))])
      .post(`${REPO}/issues/9/comments`, (b: { body: string }) => (comments.push(b.body), true)).reply(201, { id: 14 })
      .patch(`${REPO}/issues/9`, { state: 'closed', state_reason: 'completed' }).optionally().reply(200, { ...issueJson(9, opened, ''), state: 'closed' });

    const inTime = answers();
    expect(await incidentDrillCommand(options({ issue: '9', now: fixedClock(seconds(opened, 60)) }))).toBe(0);
    expect(inTime.activeMocks()).toEqual([]);
    expect(comments.pop()).toMatch(/^\*\*Drill passed\*\*: @octocat commented 2 min after the issue was opened/);

    nock.cleanAll();
    const late = answers();
    expect(await incidentDrillCommand(options({ issue: '9', now: fixedClock(seconds(opened, 3600)) }))).toBe(1);
    // The target had passed when the drill looked: it did not wait for the comment, nor close the issue.
    expect(late.activeMocks()).toEqual([`GET ${API}:443${REPO}/issues/9/timeline`, `PATCH ${API}:443${REPO}/issues/9`]);
    expect(comments.pop()).toMatch(/^\*\*Drill failed\*\*: nobody acknowledged #9 within the target of 15 min\./);
  });

  it('explains a token that may not write issues (exit 2 from the CLI)', async () => {
    const scope = nock(API).post(`${REPO}/issues`).reply(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest/issues/issues#create-an-issue', status: '403' });
    await expect(incidentDrillCommand(options())).rejects.toMatchObject({ code: 'GITHUB_REQUEST_FAILED', message: expect.stringMatching(/^GitHub answered 403 when the drill tried to open the drill issue in acme\/web: Resource not accessible by integration/), remedy: expect.stringContaining('permissions: issues: write') });
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ['no token', {}, { GITHUB_TOKEN: '' }, 'the incident drill needs a GitHub token'],
    ['a repository that is not owner/name', { repo: 'acme' }, {}, "--repo 'acme' is not owner/name"],
    ['a missing form', { template: '/nonexistent/drill.yml' }, {}, 'issue form /nonexistent/drill.yml'],
    ['an ack target that is not a duration', { ackTarget: '15m' }, {}, "--ack-target '15m' is not a duration"],
    ['an issue number that is not one', { issue: '7a' }, {}, "--issue '7a' is not an issue number"],
    ['a form without fields', { template: join(root, 'package.json') }, {}, 'has no body list of fields'],
  ])('refuses %s before any request', async (_what, extra, env, message) => {
    Object.assign(process.env, env);
    await expect(incidentDrillCommand(options(extra as Partial<IncidentDrillOptions>))).rejects.toMatchObject({ message: expect.stringContaining(message) });
  });
});
