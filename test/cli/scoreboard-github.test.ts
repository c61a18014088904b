import { reportOnlyHeadline } from '../../core/result/report-only-words.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { validate } from '@octokit/graphql-schema';
import nock from 'nock';
import { scoreboardCommand, type ScoreboardOptions } from '../../cli/commands/scoreboard.js';
import { renderCheckOutput } from '../../core/render/render-check-output.js';
import { CHECK_RUN_TEXT_QUERY, MERGED_PULLS_QUERY } from '../../core/scoreboard/merged-pulls-query.js';
import { parseMergedPulls } from '../../core/scoreboard/parse-merged-pulls.js';
import type { Scoreboard } from '../../core/scoreboard/types.js';
import { a11yData, counts, driftData, item, makePr, makeReport, OTHER_SHA, valid, waiverReport } from '../helpers/build-evidence.js';
import { A11Y_CONTROL, catalogOf, DRIFT_CONTROL, run } from '../helpers/engine.js';
import { pinGitHubRequests } from '../helpers/pin-github.js';
import { tempDir } from '../helpers/release-bundle.js';

const API = 'https://api.github.com';
const NOW = '2026-11-20T12:00:00Z';
const saved = { ...process.env };
const rateLimit = (cost: number) => ({ cost, remaining: 4990, resetAt: '2026-11-20T13:00:00Z' });

/** A gate check run as GraphQL returns it. */
const checkRun = (id: string, conclusion: string | null, title: string, completedAt: string | null = '2026-11-10T10:00:00Z', status = 'COMPLETED') => ({ id, status, conclusion, title, completedAt });
/** A merged pull request as the search returns it, its head commit's check suites holding the given gate runs (one suite each). */
const pullNode = (repo: string, number: number, mergedAt: string, runs: Array<ReturnType<typeof checkRun>>) => ({
  number,
  mergedAt,
  repository: { nameWithOwner: repo },
  commits: { nodes: [{ commit: { oid: String(number).padStart(40, '0'), checkSuites: { nodes: [{ checkRuns: { nodes: [] } }, ...runs.map((r) => ({ checkRuns: { nodes: [r] } }))] } } }] },
});
const page = (nodes: unknown[], issueCount: number, endCursor: string | null) => ({ data: { rateLimit: rateLimit(1), search: { issueCount, pageInfo: { hasNextPage: endCursor !== null, endCursor }, nodes } } });

describe('maestro scoreboard --github (GitHub answered by nock)', () => {
  let printed = '';
  let errors = '';
  let waived: { title: string; text: string };
  pinGitHubRequests();
  beforeAll(async () => {
    // A real gate result with a waiver, rendered as the check run shows it.
    const catalog = catalogOf([A11Y_CONTROL, DRIFT_CONTROL]);
    const result = await run({ catalog, pr: makePr({ labels: ['frontend'], changedFiles: ['web/App.tsx'] }), evidence: [item('a11y.json', makeReport('a11y', a11yData(counts(2, 0, 0, 0)))), item('drift.json', makeReport('drift-report', driftData('clean'), { sha: OTHER_SHA }))], waivers: [valid('waivers.json#0', waiverReport('T-01', '2026-11-20'))] });
    const output = renderCheckOutput(result);
    waived = { title: output.title, text: output.text };
  });
  beforeEach(() => {
    process.env = { PATH: saved.PATH, HOME: saved.HOME, GITHUB_TOKEN: 'ghs_board' };
    printed = '';
    errors = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((printed += String(chunk)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((errors += String(chunk)), true));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    process.env = saved;
  });

  const options = (extra: Partial<ScoreboardOptions> = {}): ScoreboardOptions => ({ github: 'acme', checkName: 'Enforce GA Gates Evidence', now: NOW, days: '30', format: 'json', label: 'evidence', ...extra });

  it('queries only fields of GitHub\'s published schema', () => {
    expect(validate(MERGED_PULLS_QUERY).map((e) => e.message)).toEqual([]);
    expect(validate(CHECK_RUN_TEXT_QUERY).map((e) => e.message)).toEqual([]);
    expect(validate(MERGED_PULLS_QUERY.replace('completedAt', 'finishedAt')).length).toBeGreaterThan(0);
  });

  it('pages through an organisation\'s merged pull requests 100 at a time and reads each one\'s gate: passed, overridden, failed, waived, missing', async () => {
    expect(waived.title).toBe('All 2 applicable controls are met (1 waived).');
    const acme = Array.from({ length: 150 }, (_v, i) => {
      const n = i + 1;
      const at = new Date(Date.parse('2026-11-19T00:00:00Z') - i * 3_600_000).toISOString().replace('.000Z', 'Z');
      // The title the app gives an override, quoting the gate it overrode: no decision text is fetched for it.
      if (n === 1) return pullNode('acme/web', n, at, [checkRun('CR_over', 'SUCCESS', `Overridden by @lead for commit 0000001 (reason: hotfix for incident 42). Without the override: ${waived.title}`)]);
      if (n === 2) return pullNode('acme/web', n, at, [checkRun('CR_fail', 'FAILURE', '1 of 2 applicable controls is not met: T-01.')]);
      if (n === 3) return pullNode('acme/web', n, at, [checkRun('CR_waived', 'SUCCESS', waived.title)]);
      if (n === 4) return pullNode('acme/web', n, at, []);
      if (n === 5) return pullNode('acme/web', n, at, [checkRun('CR_running', null, 'Waiting for 1 workflow run', null, 'IN_PROGRESS')]);
      // A re-run in another suite: the latest completed run counts.
      if (n === 6) return pullNode('acme/api', n, at, [checkRun('CR_old', 'FAILURE', 'failed', '2026-11-01T00:00:00Z'), checkRun('CR_new', 'SUCCESS', 'All 1 applicable control is met.', '2026-11-02T00:00:00Z')]);
      if (n === 7) return pullNode('acme/api', n, at, [checkRun('CR_timeout', 'TIMED_OUT', '')]);
      // Report-only: neutral, titled by what enforce mode would have done; merged past a failing gate.
      if (n === 8) return pullNode('acme/api', n, at, [checkRun('CR_report_only', 'NEUTRAL', reportOnlyHeadline({ wouldBe: 'failure', wouldFail: ['T-01'], rejected: [], enforceHeadline: '1 of 2 applicable controls is not met: T-01.' }))]);
      return pullNode(n % 2 ? 'acme/web' : 'acme/api', n, at, [checkRun(`CR_${n}`, n % 10 === 0 ? 'NEUTRAL' : 'SUCCESS', 'All 2 applicable controls are met.')]);
    });
    const queries: Array<Record<string, unknown>> = [];
    const scope = nock(API, { reqheaders: { authorization: 'token ghs_board' } })
      .post('/graphql', (body: { query: string; variables: Record<string, unknown> }) => (queries.push(body.variables), body.query === MERGED_PULLS_QUERY && body.variables.after === null))
      .reply(200, page(acme.slice(0, 100), 150, 'Y3Vyc29yOjEwMA=='))
      .post('/graphql', (body: { query: string; variables: Record<string, unknown> }) => (queries.push(body.variables), body.variables.after === 'Y3Vyc29yOjEwMA=='))
      .reply(200, page(acme.slice(100), 150, null))
      .post('/graphql', (body: { query: string; variables: { ids: string[] } }) => (queries.push(body.variables), body.query === CHECK_RUN_TEXT_QUERY))
      .reply(200, { data: { rateLimit: rateLimit(1), nodes: [{ id: 'CR_waived', text: waived.text }] } });
    const out = join(tempDir('maestro-board-'), 'pulls.json');
    const code = await scoreboardCommand(options({ pullsOut: out }));
    expect(scope.isDone()).toBe(true);
    expect(code).toBe(0);
    expect(queries).toEqual([
      { q: 'is:pr is:merged org:acme merged:2026-10-21T12:00:00+00:00..2026-11-20T12:00:00+00:00', after: null, check: 'Enforce GA Gates Evidence' },
      { q: 'is:pr is:merged org:acme merged:2026-10-21T12:00:00+00:00..2026-11-20T12:00:00+00:00', after: 'Y3Vyc29yOjEwMA==', check: 'Enforce GA Gates Evidence' },
      { ids: ['CR_waived'] },
    ]);
    expect(errors).toBe('fetched 150 merged pull requests of acme in 3 GraphQL requests (3 rate-limit points)\n');
    const pulls = parseMergedPulls(JSON.parse(readFileSync(out, 'utf8')), out);
    const gate = (n: number) => pulls.find((p) => p.number === n)!.gate;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 10].map(gate)).toEqual([
      { conclusion: 'success', overridden: true },
      { conclusion: 'failure' },
      { conclusion: 'success', waived: ['T-01'] },
      null,
      null,
      { conclusion: 'success' },
      { conclusion: 'failure' },
      { conclusion: 'failure', reportOnly: true },
      { conclusion: 'neutral' },
    ]);
    const board = JSON.parse(printed) as Scoreboard;
    expect(board.org).toMatchObject({ merged: 150, passed: 144, passedWithWaivers: 1, overridden: 1, failed: 3, missing: 2 });
  });

  it('splits a window holding more than the 1,000 results GitHub\'s search returns, and keeps each pull request once', async () => {
    const searches: string[] = [];
    const scope = nock(API)
      .post('/graphql', (body: { variables: { q: string } }) => (searches.push(body.variables.q), body.variables.q.includes('2026-11-13T12:00:00+00:00..2026-11-20')))
      .reply(200, page([pullNode('other/tool', 1, '2026-11-14T00:00:00Z', [])], 1500, 'bm90IHJlYWQ='))
      .post('/graphql', (body: { variables: { q: string } }) => (searches.push(body.variables.q), body.variables.q.includes('2026-11-13T12:00:00+00:00..2026-11-17')))
      .reply(200, page([pullNode('other/tool', 2, '2026-11-16T12:00:00Z', [checkRun('A', 'SUCCESS', 'ok')]), pullNode('other/tool', 3, '2026-11-13T12:00:00Z', [])], 2, null))
      .post('/graphql', (body: { variables: { q: string } }) => (searches.push(body.variables.q), body.variables.q.includes('2026-11-17T00:00:00+00:00..2026-11-20')))
      .reply(200, page([pullNode('other/tool', 2, '2026-11-16T12:00:00Z', [checkRun('A', 'SUCCESS', 'ok')]), pullNode('other/tool', 4, '2026-11-19T00:00:00Z', [checkRun('B', 'SUCCESS', 'ok')])], 2, null));
    const code = await scoreboardCommand(options({ github: 'other/tool', days: '7' }));
    expect(scope.isDone()).toBe(true);
    expect(code).toBe(0);
    expect(searches).toEqual([
      'is:pr is:merged repo:other/tool merged:2026-11-13T12:00:00+00:00..2026-11-20T12:00:00+00:00',
      'is:pr is:merged repo:other/tool merged:2026-11-13T12:00:00+00:00..2026-11-17T00:00:00+00:00',
      'is:pr is:merged repo:other/tool merged:2026-11-17T00:00:00+00:00..2026-11-20T12:00:00+00:00',
    ]);
    // #3 merged exactly at the window's start, which the window does not include.
    expect(JSON.parse(printed).org).toMatchObject({ merged: 2, passed: 2 });
    expect(errors).toContain('in 3 GraphQL requests');
  });

  it('reads 1,000 merged pull requests in 10 requests: one per 100, their gates included, none per repository', async () => {
    const nodes = Array.from({ length: 1000 }, (_v, i) => pullNode(`acme/repo-${i % 37}`, i + 1, '2026-11-10T00:00:00Z', [checkRun(`CR_${i}`, 'SUCCESS', 'All 2 applicable controls are met.')]));
    let requests = 0;
    let after: string | null = null;
    // nock hands a reply function the fetch Request: the body is taken by the body matcher.
    const scope = nock(API).post('/graphql', (body: { variables: { after: string | null } }) => ((after = body.variables.after), true)).times(10).reply(200, () => {
      const from = after === null ? 0 : Number(Buffer.from(after, 'base64').toString('utf8'));
      requests++;
      return page(nodes.slice(from, from + 100), 1000, from + 100 < 1000 ? Buffer.from(String(from + 100)).toString('base64') : null);
    });
    await scoreboardCommand(options());
    expect(scope.isDone()).toBe(true);
    expect(requests).toBe(10);
    expect(JSON.parse(printed).org).toMatchObject({ merged: 1000, passed: 1000 });
    expect(JSON.parse(printed).repos).toHaveLength(37);
  });

  it('names the failure and its remedy when GitHub refuses the token (exit 2)', async () => {
    const scope = nock(API).post('/graphql').reply(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/graphql' });
    await expect(scoreboardCommand(options())).rejects.toMatchObject({ code: 'GITHUB_REQUEST_FAILED', message: expect.stringMatching(/^GitHub answered 401 when the scoreboard tried to search is:pr is:merged org:acme/), remedy: expect.stringContaining('GITHUB_TOKEN') });
    expect(scope.isDone()).toBe(true);
  });

  it('names a search GitHub cannot run (an unknown organisation)', async () => {
    const scope = nock(API).post('/graphql').reply(200, { data: null, errors: [{ type: 'INVALID', path: ['search'], message: 'The listed users and repositories cannot be searched either because the resources do not exist or you do not have permission to view them.' }] });
    await expect(scoreboardCommand(options({ github: 'nope' }))).rejects.toMatchObject({ code: 'GITHUB_REQUEST_FAILED', message: expect.stringContaining('cannot be searched'), remedy: expect.stringContaining('check the organisation and repository names') });
    expect(scope.isDone()).toBe(true);
  });

  it.each<[string, Partial<ScoreboardOptions>, Record<string, string>, RegExp]>([
    ['both --input and --github', { input: 'x.json' }, {}, /either --input <file> or --github/],
    ['neither', { github: undefined }, {}, /either --input <file> or --github/],
    ['a target that is neither an organisation nor a repository', { github: 'acme,a/b/c' }, {}, /has "a\/b\/c", which is neither an organisation nor owner\/repo/],
    ['no token', {}, { GITHUB_TOKEN: '' }, /--github needs a GitHub token/],
  ])('refuses %s before any request', async (_what, extra, env, message) => {
    Object.assign(process.env, env);
    await expect(scoreboardCommand(options(extra))).rejects.toMatchObject({ code: 'USAGE', message: expect.stringMatching(message) });
  });
});
