import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { MemoryQueue } from '../../adapters/queue/memory-queue.js';
import { EVENT_AT } from '../helpers/clock.js';
import { artifactRecord, driftReport } from '../helpers/evidence-artifacts.js';
import { apiRequests, createTestApp, examplePayload, INSTALLATION, zipOf } from '../helpers/github-app.js';

const API = 'https://api.github.com';
const BLOB = 'https://blob.example-artifacts.githubusercontent.com';
const REPO = '/repos/Codertocat/Hello-World';
const GATES = ['schema-diff', 'attestation', 'sbom', 'a11y', 'k6', 'slo'];
const PUSHES = 4;
const shaOf = (push: number): string => String(push).repeat(40);

/** The PR as the pull_request.synchronize of push `push` carries it. */
function synchronize(push: number): Record<string, any> {
  const payload = examplePayload('pull_request', 'opened');
  payload.action = 'synchronize';
  payload.installation = { id: INSTALLATION };
  payload.pull_request.head.sha = shaOf(push);
  payload.pull_request.updated_at = EVENT_AT;
  return payload;
}

/** A workflow_run event of one of the six gate workflows of a push. */
function workflowRun(push: number, gate: number, action: 'requested' | 'in_progress' | 'completed'): Record<string, any> {
  const payload = examplePayload('workflow_run', action === 'in_progress' ? 'requested' : action);
  const repo = synchronize(push).repository;
  payload.action = action;
  payload.installation = { id: INSTALLATION };
  payload.repository = repo;
  const pr = { number: 2, id: 1, url: '', head: { ref: 'changes', sha: shaOf(push), repo: { id: repo.id, url: '', name: 'Hello-World' } }, base: { ref: 'master', sha: 'f'.repeat(40), repo: { id: repo.id, url: '', name: 'Hello-World' } } };
  Object.assign(payload.workflow_run, { id: push * 100 + gate, name: GATES[gate], head_sha: shaOf(push), status: action === 'completed' ? 'completed' : action, created_at: '2026-11-20T11:29:00Z', pull_requests: [pr] });
  return payload;
}

describe('a push followed by six gate workflows', () => {
  let current = 1;
  const created = { checks: 0, comments: 0 };
  const zips = new Map<number, Buffer>();

  beforeAll(async () => {
    nock.disableNetConnect();
    for (let push = 1; push <= PUSHES; push++) zips.set(push, await zipOf({ 'drift-report.json': driftReport('Codertocat/Hello-World', shaOf(push), 'clean') }));
    // GitHub as a whole: every request the pushes may cause, answered for the push under way.
    nock(API)
      .persist()
      .post(`/app/installations/${INSTALLATION}/access_tokens`).reply(201, { token: 'ghs_test', expires_at: '2099-01-01T00:00:00Z', permissions: {} })
      .get(/\/contents\/\.github%2Fmaestro\.yml$/).reply(404, { message: 'Not Found' })
      // Listed once per commit, while the six workflows are still going.
      .get(`${REPO}/actions/runs`).query(true).reply(() => [200, { total_count: 6, workflow_runs: GATES.map((gate, i) => ({ id: current * 100 + i, name: gate, status: 'in_progress', created_at: '2026-11-20T11:00:00Z' })) }])
      .get(`${REPO}/actions/artifacts`).query(true).reply(() => [200, { total_count: 6, artifacts: GATES.map((gate, i) => artifactRecord(REPO, current * 100 + i, { name: `maestro-evidence-${gate}`, sha: shaOf(current) })) }])
      .get(/\/actions\/artifacts\/\d+\/zip$/).reply(302, '', { location: `${BLOB}/artifact.zip` })
      .get(`${REPO}/pulls/2/files`).query(true).reply(200, [{ filename: 'README.md', status: 'modified' }])
      .get(`${REPO}/issues/2/comments`).query(true).reply(200, [])
      .post(`${REPO}/issues/2/comments`).reply(() => (created.comments++, [201, { id: 555 }]))
      .patch(`${REPO}/issues/comments/555`).reply(200, { id: 555 })
      .post(`${REPO}/check-runs`).reply(() => (created.checks++, [201, { id: 1000 + current }]))
      .patch(/\/check-runs\/\d+$/).reply(200, {});
    nock(BLOB).persist().get('/artifact.zip').reply(() => [200, zips.get(current)!]);
  });
  afterAll(() => nock.cleanAll());

  it('causes one evaluation per head commit, one check run per commit and one comment per PR', async () => {
    // The production coalescing window, shortened: events of one burst arrive within it.
    const { probot, app } = await createTestApp({ createQueue: (processor, onError) => new MemoryQueue(processor, { delayMs: 50, backoffMs: 1, attempts: 1 }, onError) });
    let id = 0;
    const receive = (name: string, payload: Record<string, any>) => probot.receive({ id: `d-${++id}`, name, payload } as never);
    for (let push = 1; push <= PUSHES; push++) {
      current = push;
      // The push: the PR event and the six workflows starting, all within a moment.
      await Promise.all([receive('pull_request', synchronize(push)), ...GATES.flatMap((_, gate) => [receive('workflow_run', workflowRun(push, gate, 'requested')), receive('workflow_run', workflowRun(push, gate, 'in_progress'))])]);
      await app.queue!.onIdle();
      // The workflows finish one after the other (each alone: the worst case for coalescing).
      for (let gate = 0; gate < GATES.length; gate++) {
        await receive('workflow_run', workflowRun(push, gate, 'completed'));
        await app.queue!.onIdle();
      }
    }
    const histogram = await app.metrics.evaluations.get();
    const runs = (status: string): number => histogram.values.find((v) => v.metricName?.endsWith('_count') && v.labels.status === status)?.value ?? 0;
    expect(runs('evaluated') / PUSHES).toBeLessThanOrEqual(1.25);
    expect(runs('evaluated')).toBe(PUSHES);
    // The other runs only looked at the app's memory: runs still going, check already waiting.
    expect(runs('waiting')).toBe(PUSHES * GATES.length);
    expect(created).toEqual({ checks: PUSHES, comments: 1 });
    // Per push: the commit's workflow runs (listed once), the repo config and the waiting check; then the
    // repo config, artifacts, 6 downloads, files, the check update and the comment. The first push also
    // asks for the org's .github config (then remembered) and looks for an existing comment once.
    expect(await apiRequests(app)).toBe(PUSHES * (3 + 11) + 2);
    expect(nock.isDone()).toBe(true);
    await app.close();
  });
});
