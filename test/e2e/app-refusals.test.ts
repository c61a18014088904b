import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { examplePayload } from '../helpers/webhook-examples.js';
import type { GitHubSimulator } from './github-simulator/github-simulator.js';
import { appRequests } from './helpers/app-requests.js';
import { deliver, sign, signStream, streamDelivery } from './helpers/deliver.js';
import { sampleOf } from './helpers/metrics.js';
import { e2eNodes } from './helpers/node-binary.js';
import { pullRequestEvent } from './helpers/payloads.js';
import { startBuiltApp, type BuiltApp } from './helpers/start-built-app.js';
import { waitFor } from './helpers/wait-for.js';
import { APP_ID, REPO, SECRET, seedPull, startWorld } from './helpers/world.js';

const MB = 1024 * 1024;

describe.each(e2eNodes())('the built app on $name: deliveries it refuses', ({ path }) => {
  let sim: GitHubSimulator;
  let app: BuiltApp;

  /** A sample of /metrics, by its labels as written (`{reason="signature"}`); 0 when absent. */
  const metric = async (name: string, labels = ''): Promise<number> => sampleOf((await app.get('/metrics')).text, name, labels);

  /** Nothing was queued (a delivery is queued before it is answered) and GitHub heard nothing. */
  async function expectNothingDone(): Promise<void> {
    expect(await metric('maestro_queue_waiting')).toBe(0);
    expect(await metric('maestro_queue_running')).toBe(0);
    expect(appRequests(sim)).toEqual([]);
    expect((await app.get('/metrics')).text).not.toMatch(/^maestro_webhook_deliveries_total\{/m);
  }

  beforeAll(async () => {
    sim = await startWorld();
    app = await startBuiltApp({ node: path, sim, appId: APP_ID, secret: SECRET });
    await waitFor('the app to learn who it is (GET /app)', () => sim.requests.some((r) => r.route === 'GET /app' && r.status === 200), { sim, app });
  });
  afterAll(async () => {
    await app?.stop();
    await sim?.close();
  });
  beforeEach(() => sim.clearRequests());
  afterEach(() => sim.assertNoUnknownRoutes());

  it('a wrong signature: 401, nothing done', async () => {
    const pr = await seedPull(sim);
    const answer = await deliver(app.url, SECRET, 'pull_request', pullRequestEvent(sim, REPO, pr.number, 'opened'), { secret: 'not-the-webhook-secret' });
    expect(answer).toMatchObject({ status: 401, body: { ok: false, message: expect.stringContaining('set WEBHOOK_SECRET to the secret in the app settings') } });
    await expectNothingDone();
    expect(await metric('maestro_webhook_refused_total', '{reason="signature"}')).toBe(1);
  });

  it('a body that is not JSON, correctly signed: 400, nothing done', async () => {
    const answer = await deliver(app.url, SECRET, 'pull_request', undefined, { raw: 'action=opened&number=1' });
    expect(answer).toMatchObject({ status: 400, body: { ok: false, message: expect.stringContaining('not JSON') } });
    await expectNothingDone();
    expect(await metric('maestro_webhook_refused_total', '{reason="not-json"}')).toBe(1);
  });

  it('an event the app does not handle (sponsorship): 200, nothing done', async () => {
    const payload = examplePayload('sponsorship', 'created');
    payload.installation = { id: 1 };
    expect(await deliver(app.url, SECRET, 'sponsorship', payload)).toMatchObject({ status: 200, body: { ok: true } });
    await expectNothingDone();
  });

  it('a 30 MB body with a correct signature: 413 before it is read', async () => {
    const total = 30 * MB;
    const answer = await streamDelivery(app.url, 'pull_request', { totalBytes: total, signature: signStream(total, SECRET), declareLength: true });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, message: expect.stringContaining('larger than 26214400 bytes') });
    expect(answer.completeBeforeAnswer).toBe(false);
    await expectNothingDone();
  });

  it('a 120 MB chunked body with a wrong signature: 413 while it streams, and the app holds on to less than 50 MB of it', async () => {
    const before = app.rssKb();
    const total = 120 * MB;
    const answer = await streamDelivery(app.url, 'pull_request', { totalBytes: total, signature: sign('something else', SECRET), declareLength: false });
    const after = app.rssKb();
    expect(answer.status).toBe(413);
    // Refused once 25 MB had arrived, long before the end of the body.
    expect(answer.completeBeforeAnswer).toBe(false);
    expect(answer.sentBeforeAnswer).toBeLessThan(60 * MB);
    expect(answer.sentBeforeAnswer).toBeGreaterThan(25 * MB);
    expect(after - before).toBeLessThan(50 * 1024);
    await expectNothingDone();
    expect(await metric('maestro_webhook_refused_total', '{reason="too-large"}')).toBe(2);
    // The app still takes deliveries.
    expect((await app.get('/healthz')).status).toBe(200);
  });
});
