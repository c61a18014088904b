import { describe, expect, it } from '@jest/globals';
import { validate } from '@octokit/graphql-schema';
import nock from 'nock';
import { createReleaseGitHub } from '../../../adapters/github/release-github.js';
import { associatedPullsQuery, MAX_RELEASE_COMMITS } from '../../../adapters/github/list-release-pulls.js';
import { pinGitHubRequests } from '../../helpers/pin-github.js';
import { API, associatedPulls, comparison, pullNode, sha } from '../../helpers/release-github.js';

const RELEASE = sha('c');
const github = () => createReleaseGitHub('ghs_workflow', 'acme/web', { fetch: globalThis.fetch });
const compare = `/repos/acme/web/compare/v1.1.0...${RELEASE}`;

describe('the pull requests of a release, listed through the GitHub API', () => {
  pinGitHubRequests();

  it('asks GitHub a query that its GraphQL schema accepts', () => {
    expect(validate(associatedPullsQuery(100)).map((e) => e.message)).toEqual([]);
    expect(validate(associatedPullsQuery(1, 100)).map((e) => e.message)).toEqual([]);
    expect(validate(associatedPullsQuery(1).replace('headRefOid', 'headSha')).length).toBeGreaterThan(0);
  });

  it('takes the merged pull requests of this repository that brought the compared commits, each once, with its head commit', async () => {
    const commits = [sha(1), sha(2), sha(3), sha(4)];
    const queries: Array<{ query: string; variables: Record<string, string> }> = [];
    const scope = nock(API, { reqheaders: { authorization: 'token ghs_workflow' } })
      .get(compare).query({ per_page: 100, page: 1 }).reply(200, comparison(commits))
      .post('/graphql', (body) => queries.push(body) > 0)
      .reply(200, associatedPulls([
        // A pull request merged with a merge commit: its own commit and the merge commit lead to it.
        [pullNode(12, { head: sha('a'), title: 'Checkout form' })],
        [pullNode(12, { head: sha('a'), title: 'Checkout form' })],
        // Pushed without a pull request; then a squash merge, an open pull request, and a fork's own.
        [],
        [pullNode(14, { head: sha('b') }), pullNode(15, { mergedAt: null }), pullNode(16, { repo: 'someone/web' })],
      ]));
    const source = github();
    const pulls = await source.listPulls({ previousRelease: 'v1.1.0', commit: RELEASE });
    expect(pulls).toEqual([
      { number: 12, title: 'Checkout form', author: 'dev', openedAt: '2026-11-17T09:00:00Z', mergedAt: '2026-11-18T11:00:00Z', headSha: sha('a') },
      { number: 14, title: 'Change 14', author: 'dev', openedAt: '2026-11-17T09:00:00Z', mergedAt: '2026-11-18T11:00:00Z', headSha: sha('b') },
    ]);
    expect(queries[0]!.variables).toEqual({ owner: 'acme', name: 'web', c0: sha(1), c1: sha(2), c2: sha(3), c3: sha(4) });
    expect(source.stats).toMatchObject({ requests: 2, commits: 4 });
    expect(scope.isDone()).toBe(true);
  });

  it('reads every page of a long compare, and 100 commits a query', async () => {
    const commits = Array.from({ length: 150 }, (_, i) => sha(i + 1));
    const batches: number[] = [];
    const scope = nock(API)
      .get(compare).query({ per_page: 100, page: 1 }).reply(200, comparison(commits.slice(0, 100), 150))
      .get(compare).query({ per_page: 100, page: 2 }).reply(200, comparison(commits.slice(100), 150))
      .post('/graphql', (body) => batches.push(Object.keys(body.variables).length - 2) > 0).reply(200, associatedPulls([[pullNode(7)]]))
      .post('/graphql', (body) => batches.push(Object.keys(body.variables).length - 2) > 0).reply(200, associatedPulls([[pullNode(9)]]));
    const source = github();
    expect((await source.listPulls({ previousRelease: 'v1.1.0', commit: RELEASE })).map((p) => p.number)).toEqual([7, 9]);
    expect(batches).toEqual([100, 50]);
    expect(source.stats).toMatchObject({ requests: 4, commits: 150 });
    expect(scope.isDone()).toBe(true);
  });

  it('asks again, for up to 100, about a commit with more pull requests than the first query read', async () => {
    const asked: string[] = [];
    const scope = nock(API)
      .get(compare).query({ per_page: 100, page: 1 }).reply(200, comparison([sha(1)]))
      .post('/graphql', (body) => asked.push(body.query) > 0).reply(200, associatedPulls([[pullNode(1)]], [11]))
      .post('/graphql', (body) => asked.push(body.query) > 0).reply(200, associatedPulls([Array.from({ length: 11 }, (_, i) => pullNode(i + 1))]));
    expect(await github().listPulls({ previousRelease: 'v1.1.0', commit: RELEASE })).toHaveLength(11);
    expect(asked.map((q) => /associatedPullRequests\(first: (\d+)\)/.exec(q)![1])).toEqual(['10', '100']);
    expect(scope.isDone()).toBe(true);
  });

  it('refuses a range of more commits than it lists, before asking for their pull requests', async () => {
    const scope = nock(API).get(compare).query({ per_page: 100, page: 1 }).reply(200, comparison([sha(1)], MAX_RELEASE_COMMITS + 1));
    await expect(github().listPulls({ previousRelease: 'v1.1.0', commit: RELEASE })).rejects.toMatchObject({ code: 'GITHUB_REQUEST_FAILED', message: expect.stringContaining(`has ${MAX_RELEASE_COMMITS + 1} commits`), remedy: expect.stringContaining('pulls') });
    expect(scope.isDone()).toBe(true);
  });

  it('says which compare failed and what to check when the previous tag is not on GitHub', async () => {
    const scope = nock(API).get(compare).query({ per_page: 100, page: 1 }).reply(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/commits/commits#compare-two-commits', status: '404' });
    await expect(github().listPulls({ previousRelease: 'v1.1.0', commit: RELEASE })).rejects.toMatchObject({
      code: 'GITHUB_REQUEST_FAILED',
      message: expect.stringContaining(`GitHub answered 404 when asked to compare v1.1.0...${RELEASE} of acme/web`),
      remedy: expect.stringContaining('previous release\'s tag is pushed'),
    });
    expect(scope.isDone()).toBe(true);
  });

  it('names the permission when the token may not read pull requests', async () => {
    const scope = nock(API)
      .get(compare).query({ per_page: 100, page: 1 }).reply(200, comparison([sha(1)]))
      .post('/graphql').reply(200, { data: { repository: { c0: { associatedPullRequests: null } } }, errors: [{ type: 'FORBIDDEN', path: ['repository', 'c0', 'associatedPullRequests'], message: 'Resource not accessible by integration' }] });
    await expect(github().listPulls({ previousRelease: 'v1.1.0', commit: RELEASE })).rejects.toMatchObject({ code: 'GITHUB_REQUEST_FAILED', message: expect.stringContaining('Resource not accessible by integration'), remedy: expect.stringContaining('pull-requests: read') });
    expect(scope.isDone()).toBe(true);
  });
});
