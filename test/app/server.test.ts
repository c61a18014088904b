import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { startApp } from '../../app/main.js';
import { freePort } from '../helpers/free-port.js';
import { TEST_NOW } from '../helpers/clock.js';
import { apiRequests, examplePayload, privateKey } from '../helpers/github-app.js';

const SECRET = 'a-real-webhook-secret';

describe('npm start: the app server', () => {
  let base = '';
  let running: Awaited<ReturnType<typeof startApp>>;
  const logLines: string[] = [];

  let identity: nock.Scope;

  beforeAll(async () => {
    if (!nock.isActive()) nock.activate();
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    // Who the app is, asked once in the background after the start, never by a delivery.
    identity = nock('https://api.github.com').get('/app').reply(200, { id: 2, slug: 'maestro-conductor', name: 'Maestro Conductor' });
    running = await startApp({ APP_ID: '2', PRIVATE_KEY: privateKey, WEBHOOK_SECRET: SECRET, PORT: String(await freePort()), HOST: '127.0.0.1', LOG_LEVEL: 'warn', QUEUE_DELAY_MS: '600000', MAESTRO_NOW: TEST_NOW, LEDGER_STORE: pathToFileURL(mkdtempSync(join(tmpdir(), 'maestro-ledger-'))).href }, { logTo: { write: (line) => void logLines.push(line) } });
    base = `http://127.0.0.1:${running.port}`;
  });
  afterAll(async () => {
    await running.stop();
    nock.cleanAll();
    nock.enableNetConnect();
    nock.restore();
  });

  /** Plain node:http, so nock's fetch interception stays out of the way of calls to the app itself. */
  function call(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = request(`${base}${path}`, { method, headers, agent: false }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }
  function deliver(body: string, signature: string | undefined, event = 'pull_request', id = '72d3162e-cc78-11e3-81ab-4c9367dc0958'): Promise<{ status: number; text: string }> {
    return call('POST', '/api/github/webhooks', { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': id, ...(signature ? { 'x-hub-signature-256': signature } : {}) }, body);
  }
  const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

  it('rejects unsigned and mis-signed deliveries with 401 and calls nobody', async () => {
    const body = JSON.stringify({ ...examplePayload('pull_request', 'opened'), installation: { id: 1 }, hostile: 'PAYLOAD-MARKER' });
    expect((await deliver(body, undefined)).status).toBe(401);
    expect((await deliver(body, sign(body, 'wrong-secret'))).status).toBe(401);
    const refused = await deliver(body, sign(`${body} `));
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.text).message).toMatch(/does not match the payload and the webhook secret; set WEBHOOK_SECRET/);
    expect(await apiRequests(running.app)).toBe(0);
    // logged as errors, without the refused payloads
    expect(logLines.join('')).toContain('signature does not match');
    expect(logLines.join('')).not.toContain('PAYLOAD-MARKER');
    const metrics = await running.app.metrics.deliveries.get();
    expect(metrics.values).toEqual([]);
    expect((await running.app.metrics.refusedDeliveries.get()).values).toEqual([expect.objectContaining({ labels: { reason: 'signature' }, value: 3 })]);
  });

  it('refuses a body that is not JSON with 400, and one over 25 MB with 413 before reading it', async () => {
    const text = 'not json {';
    const notJson = await deliver(text, sign(text), 'pull_request', 'not-json');
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.text).message).toMatch(/not JSON/);
    const tooLarge = await call('POST', '/api/github/webhooks', { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': 'big', 'content-length': String(26 * 1024 * 1024) }, '');
    expect(tooLarge.status).toBe(413);
  });

  it('accepts a signed delivery and answers before any GitHub request; the same delivery again is answered as a duplicate and not queued twice', async () => {
    const payload = { ...examplePayload('pull_request', 'opened'), installation: { id: 1 } };
    const body = JSON.stringify(payload);
    const response = await deliver(body, sign(body));
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ ok: true });
    const again = await deliver(body, sign(body));
    expect(again.status).toBe(200);
    expect(JSON.parse(again.text)).toEqual({ ok: true, duplicate: true });
    // queued (QUEUE_DELAY_MS keeps it waiting): nothing was asked of or written to GitHub by the deliveries
    const metrics = await running.app.metrics.deliveries.get();
    expect(metrics.values.map((v) => [v.labels, v.value])).toEqual([
      [{ event: 'pull_request.opened', outcome: 'queued' }, 1],
      [{ event: 'pull_request', outcome: 'duplicate' }, 1],
    ]);
    expect(await apiRequests(running.app)).toBe(0);
    // The identity was learned once, in the background after the start.
    expect(identity.isDone()).toBe(true);
  });

  it('serves /healthz and /metrics', async () => {
    const health = await call('GET', '/healthz');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toMatchObject({ status: 'ok', queue: 'memory' });
    const metrics = (await call('GET', '/metrics')).text;
    expect(metrics).toContain('maestro_webhook_deliveries_total{event="pull_request.opened",outcome="queued"} 1');
    expect(metrics).toContain('# TYPE maestro_evaluation_duration_seconds histogram');
    expect(metrics).toContain('maestro_process_cpu_seconds_total');
    expect(metrics).toContain('maestro_queue_waiting 1');
    expect(metrics).toContain('maestro_queue_running 0');
    expect((await call('GET', '/ping')).text).toBe('PONG');
  });
});

describe('npm start: settings', () => {
  it('refuses to start without a secret, naming every missing variable', async () => {
    await expect(startApp({ APP_ID: 'abc', PRIVATE_KEY: 'nope' })).rejects.toThrow(/APP_ID must be the app's numeric id.*not a PEM private key.*WEBHOOK_SECRET is not set/);
    await expect(startApp({ APP_ID: '1', PRIVATE_KEY: privateKey, WEBHOOK_SECRET: 'development' })).rejects.toThrow(/publicly known/);
  });
});
