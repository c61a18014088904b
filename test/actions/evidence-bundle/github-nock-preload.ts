/**
 * GitHub for the evidence-bundle action run as a process: loaded before the committed bundle
 * (`node --import <tsx> --import <this file> actions/dist/evidence-bundle.js`), it pins the process's
 * network with nock and answers the requests of a release with two merged pull requests, then writes
 * the interceptors never used to NOCK_REPORT when the process exits, for the test to assert.
 *
 * The release (RELEASE_SHA) brings three commits since v1.1.0: #12's (squash-merged, head `a...`,
 * gated twice: failed, then passed), one pushed without a pull request, and #14's (head `b...`).
 * SCENARIO=none answers nothing: any request fails the step.
 */
import { writeFileSync } from 'node:fs';
import nock from 'nock';
import { API, artifact, artifactList, associatedPulls, BLOB, comparison, decisionLogZip, pullNode, sha } from '../../helpers/release-github.js';

const { NOCK_REPORT, RELEASE_SHA, SCENARIO } = process.env;
if (!NOCK_REPORT || !RELEASE_SHA) throw new Error('github-nock-preload: set NOCK_REPORT and RELEASE_SHA');

nock.disableNetConnect();
if (SCENARIO !== 'none') {
  const REPO = '/repos/acme/web';
  const [first, second, other] = await Promise.all([
    decisionLogZip(12, sha('a'), '2026-11-18T09:00:00Z', 'fail'),
    decisionLogZip(12, sha('a'), '2026-11-18T10:00:00Z'),
    decisionLogZip(14, sha('b'), '2026-11-19T10:00:00Z'),
  ]);
  nock(API, { reqheaders: { authorization: 'token ghs_release' } })
    .get(`${REPO}/compare/v1.1.0...${RELEASE_SHA}`).query({ per_page: 100, page: 1 }).reply(200, comparison([sha(1), sha(2), sha(3)]))
    .post('/graphql', (body: { variables: Record<string, string> }) => body.variables.c0 === sha(1) && body.variables.c2 === sha(3))
    .reply(200, associatedPulls([[pullNode(12, { head: sha('a'), title: 'Checkout form' })], [], [pullNode(14, { head: sha('b'), title: 'Receipts <b>bold</b> | pipe', openedAt: '2026-11-18T12:00:00Z', mergedAt: '2026-11-19T11:00:00Z' })]]))
    .get(`${REPO}/actions/artifacts`).query({ name: 'maestro-decision-log', per_page: 100 })
    .reply(200, artifactList([
      artifact(53, { head: sha('b'), createdAt: '2026-11-19T10:00:00Z', size: other.length }),
      artifact(52, { head: sha('a'), createdAt: '2026-11-18T10:00:00Z', size: second.length }),
      artifact(51, { head: sha('a'), createdAt: '2026-11-18T09:00:00Z', size: first.length }),
      artifact(50, { head: sha('9'), createdAt: '2026-11-10T09:00:00Z' }),
    ]))
    .get(`${REPO}/actions/artifacts/51/zip`).reply(302, '', { location: `${BLOB}/51.zip` })
    .get(`${REPO}/actions/artifacts/52/zip`).reply(302, '', { location: `${BLOB}/52.zip` })
    .get(`${REPO}/actions/artifacts/53/zip`).reply(302, '', { location: `${BLOB}/53.zip` });
  nock(BLOB).get('/51.zip').reply(200, first).get('/52.zip').reply(200, second).get('/53.zip').reply(200, other);
}

process.on('exit', () => writeFileSync(NOCK_REPORT, JSON.stringify(nock.pendingMocks())));
