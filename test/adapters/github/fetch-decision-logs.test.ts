import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { createReleaseGitHub } from '../../../adapters/github/release-github.js';
import { pinGitHubRequests } from '../../helpers/pin-github.js';
import { API, artifact, artifactList, BLOB, decisionLogZip, mergedPull, sha } from '../../helpers/release-github.js';

const REPO = '/repos/acme/web';
const github = (artifactName?: string) => createReleaseGitHub('ghs_workflow', 'acme/web', { fetch: globalThis.fetch, ...(artifactName ? { artifactName } : {}) });
const text = (bytes: Uint8Array): any => JSON.parse(Buffer.from(bytes).toString('utf8'));

describe('the decision logs of a release\'s pull requests, from their head commits\' artifacts', () => {
  pinGitHubRequests();

  it('downloads the decision-log artifacts of the head commits only, and says which expired', async () => {
    const [first, second] = await Promise.all([decisionLogZip(12, sha('a'), '2026-11-18T09:00:00Z', 'fail'), decisionLogZip(12, sha('a'), '2026-11-18T10:00:00Z')]);
    const scope = nock(API, { reqheaders: { authorization: 'token ghs_workflow' } })
      .get(`${REPO}/actions/artifacts`).query({ name: 'maestro-decision-log', per_page: 100 })
      .reply(200, artifactList([
        artifact(33, { head: sha('f'), createdAt: '2026-11-19T10:00:00Z' }),
        artifact(32, { head: sha('a'), createdAt: '2026-11-18T10:00:00Z', size: second.length }),
        artifact(31, { head: sha('b'), createdAt: '2026-11-18T09:30:00Z', expired: true }),
        artifact(30, { head: sha('a'), createdAt: '2026-11-18T09:00:00Z', size: first.length }),
        artifact(29, { head: sha('9'), createdAt: '2026-11-16T09:00:00Z' }),
      ]))
      .get(`${REPO}/actions/artifacts/30/zip`).reply(302, '', { location: `${BLOB}/30.zip` })
      .get(`${REPO}/actions/artifacts/32/zip`).reply(302, '', { location: `${BLOB}/32.zip` });
    const blob = nock(BLOB).get('/30.zip').reply(200, first).get('/32.zip').reply(200, second);
    const source = github();
    const files = await source.decisionLogFiles([{ number: 12, headSha: sha('a'), openedAt: '2026-11-17T09:00:00Z' }, { number: 14, headSha: sha('b'), openedAt: '2026-11-17T10:00:00Z' }]);
    expect(files.map((f) => f.name)).toEqual([
      'https://github.com/acme/web/actions/runs/30030/artifacts/30/maestro-decision-log.json',
      'https://github.com/acme/web/actions/runs/30032/artifacts/32/maestro-decision-log.json',
    ]);
    expect(files.map((f) => text(f.bytes).data.gate.conclusion)).toEqual(['failure', 'success']);
    expect(source.stats).toEqual({ requests: 3, commits: 0, notes: ['https://github.com/acme/web/actions/runs/30031/artifacts/31 has expired: its decision logs are no longer on GitHub'] });
    expect([scope.isDone(), blob.isDone()]).toEqual([true, true]);
  });

  it('asks for the head commit of a pull request given without it, and stops listing at the oldest opening', async () => {
    const zip = await decisionLogZip(13, sha('d'), '2026-11-18T09:00:00Z');
    const next = `<${API}${REPO}/actions/artifacts?name=gate-decisions&per_page=100&page=2>; rel="next", <${API}${REPO}/actions/artifacts?name=gate-decisions&per_page=100&page=3>; rel="last"`;
    const scope = nock(API)
      .get(`${REPO}/pulls/13`).reply(200, mergedPull(13, sha('d'), '2026-11-17T09:00:00Z'))
      .get(`${REPO}/actions/artifacts`).query({ name: 'gate-decisions', per_page: 100 })
      // Page 2 and 3 exist, but this page already reaches before the pull request was opened.
      .reply(200, artifactList([artifact(40, { head: sha('d'), name: 'gate-decisions', size: zip.length }), artifact(20, { head: sha('7'), name: 'gate-decisions', createdAt: '2026-11-10T00:00:00Z' })], 250), { link: next })
      .get(`${REPO}/actions/artifacts/40/zip`).reply(302, '', { location: `${BLOB}/40.zip` });
    const blob = nock(BLOB).get('/40.zip').reply(200, zip);
    const files = await github('gate-decisions').decisionLogFiles([{ number: 13, title: 'Hotfix' }]);
    expect(files.map((f) => text(f.bytes).subject)).toEqual([{ repo: 'acme/web', sha: sha('d'), pr: 13 }]);
    expect([scope.isDone(), blob.isDone()]).toEqual([true, true]);
  });

  it('names the permission when the token may not list the artifacts', async () => {
    const scope = nock(API).get(`${REPO}/actions/artifacts`).query({ name: 'maestro-decision-log', per_page: 100 }).reply(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest/actions/artifacts#list-artifacts-for-a-repository', status: '403' });
    await expect(github().decisionLogFiles([{ number: 12, headSha: sha('a'), openedAt: '2026-11-17T09:00:00Z' }])).rejects.toMatchObject({ code: 'GITHUB_REQUEST_FAILED', remedy: expect.stringContaining('actions: read') });
    expect(scope.isDone()).toBe(true);
  });
});
