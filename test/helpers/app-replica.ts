/**
 * One replica of the app for the multi-process tests, run as a child process
 * (`node --import tsx test/helpers/app-replica.ts`): the production `startApp` with the settings of
 * its environment (REDIS_URL among them), GitHub answered by nock in this process. Every GitHub
 * request is recorded as `<replica> <METHOD> <path>` in the Redis list EVENTS_KEY, so the test sees
 * what each replica did; the first artifact download of a run (SLOW_KEY) never answers, so the test
 * can kill the replica in the middle of an evaluation. Prints `ready <port>` once it listens.
 */
import nock from 'nock';
import { Redis } from 'ioredis';
import { startApp } from '../../app/main.js';
import { driftReport, zipOf } from './evidence-artifacts.js';

const { REPLICA = 'replica', EVENTS_KEY = 'events', SLOW_KEY = 'slow', REDIS_URL } = process.env;
const API = 'https://api.github.com';
const BLOB = 'https://blob.example-artifacts.githubusercontent.com';
const REPO = '/repos/Codertocat/Hello-World';
const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';

const redis = new Redis(REDIS_URL!);
const record = (method: string, path: string): Promise<number> => redis.rpush(EVENTS_KEY, `${REPLICA} ${method} ${path}`);
const zip = await zipOf({ 'drift-report.json': driftReport('Codertocat/Hello-World', SHA, 'clean') });

nock.disableNetConnect();
nock.enableNetConnect('127.0.0.1');
/** Answers a request and records it. */
function answer(status: number, body: nock.Body, headers: Record<string, string> = {}) {
  return async (request: Request): Promise<[number, nock.Body, Record<string, string>]> => {
    await record(request.method, new URL(request.url).pathname);
    return [status, body, headers];
  };
}
const artifact = {
  id: 11,
  name: 'maestro-evidence-drift',
  size_in_bytes: zip.length,
  archive_download_url: `${API}${REPO}/actions/artifacts/11/zip`,
  expired: false,
  created_at: '2026-11-20T11:31:00Z',
  workflow_run: { id: 30433642, head_sha: SHA },
};
nock(API)
  .persist()
  .get('/app').reply(answer(200, { id: 2, slug: 'maestro-conductor', name: 'Maestro Conductor' }))
  .post('/app/installations/1/access_tokens').reply(answer(201, { token: 'ghs_test', expires_at: '2099-01-01T00:00:00Z', permissions: {} }))
  .get(`${REPO}/actions/runs`).query(true).reply(answer(200, { total_count: 0, workflow_runs: [] }))
  .get(/\/contents\/\.github%2Fmaestro\.yml/).reply(answer(404, { message: 'Not Found' }))
  .get(`${REPO}/actions/artifacts`).query(true).reply(answer(200, { total_count: 1, artifacts: [artifact] }))
  .get(`${REPO}/actions/artifacts/11/zip`).reply(answer(302, '', { location: `${BLOB}/artifact-11.zip` }))
  .get(`${REPO}/pulls/2/files`).query(true).reply(answer(200, [{ filename: 'README.md', status: 'modified', additions: 1, deletions: 0, changes: 1 }]))
  .post(`${REPO}/issues/2/comments`).reply(answer(201, { id: 555 }))
  .patch(`${REPO}/issues/comments/555`).reply(answer(200, { id: 555 }))
  .post(`${REPO}/check-runs`).reply(answer(201, { id: 777 }))
  .patch(`${REPO}/check-runs/777`).reply(answer(200, { id: 777 }));
nock(BLOB)
  .persist()
  .get('/artifact-11.zip')
  .reply(async (request: Request) => {
    await record(request.method, new URL(request.url).pathname);
    // The first download of the run hangs: the test kills this replica while it waits.
    if ((await redis.set(SLOW_KEY, REPLICA, 'EX', 600, 'NX')) === 'OK') await new Promise(() => {});
    return [200, zip, { 'content-type': 'application/zip' }];
  });

const running = await startApp(process.env);
process.stdout.write(`ready ${running.port}\n`);
process.once('SIGTERM', () => void running.stop().then(() => redis.quit()).then(() => process.exit(0)));
