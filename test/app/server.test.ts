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
import { apiRequests, examplePayload, privateKey } from '../helpers/github-app.js';

const SECRET = 'a-real-webhook-secret';

describe('npm start: the app server', () => {
  let base = '';
  let running: Awaited<ReturnType<typeof startApp>>;
  const logLines: string[] = [];

  beforeAll(async () => {
    if (!nock.isActive()) nock.activate();
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    running = await startApp({ APP_ID: '2', PRIVATE_KEY: privateKey, WEBHOOK_SECRET: SECRET, PORT: String(await freePort()), HOST: '127.0.0.1', LOG_LEVEL: 'error', QUEUE_DELAY_MS: '600000', LEDGER_STORE: pathToFileURL(mkdtempSync(join(tmpdir(), 'maestro-ledger-'))).href }, { logTo: { write: (line) => void logLines.push(line) } });
    base = `http://127.0.0.1:${running.server.port}`;
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
      const req = request(`${base}${path}`, { method, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }
  function deliver(body: string, signature: string | undefined, event = 'pull_request'): Promise<{ status: number; text: string }> {
    return call('POST', '/api/github/webhooks', { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958', ...(signature ? { 'x-hub-signature-256': signature } : {}) }, body);
  }
  const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

  it('rejects unsigned and mis-signed deliveries with 400 and calls nobody', async () => {
    const body = JSON.stringify({ ...examplePayload('pull_request', 'opened'), installation: { id: 1 }, hostile: 'PAYLOAD-MARKER' });
    expect((await deliver(body, undefined)).status).toBe(400);
    expect((await deliver(body, sign(body, 'wrong-secret'))).status).toBe(400);
    expect((await deliver(body, sign(`${body} `))).status).toBe(400);
    expect(nock.pendingMocks()).toEqual([]);
    expect(await apiRequests(running.app)).toBe(0);
    // logged as errors, without the refused payloads
    expect(logLines.join('')).toContain('signature does not match');
    expect(logLines.join('')).not.toContain('PAYLOAD-MARKER');
    const metrics = await running.app.metrics.deliveries.get();
    expect(metrics.values).toEqual([]);
  });

  it('accepts a signed delivery, learns who it is once, and answers before any GitHub write', async () => {
    const identity = nock('https://api.github.com').get('/app').reply(200, { id: 2, slug: 'maestro-conductor', name: 'Maestro Conductor' });
    const payload = { ...examplePayload('pull_request', 'opened'), installation: { id: 1 } };
    const body = JSON.stringify(payload);
    const response = await deliver(body, sign(body));
    expect(response.status).toBe(200);
    expect(identity.isDone()).toBe(true);
    // queued (QUEUE_DELAY_MS keeps it waiting): nothing was written to GitHub
    expect(nock.pendingMocks()).toEqual([]);
    const metrics = await running.app.metrics.deliveries.get();
    expect(metrics.values).toEqual([expect.objectContaining({ labels: { event: 'pull_request.opened', outcome: 'queued' }, value: 1 })]);
  });

  it('serves /healthz and /metrics', async () => {
    const health = await call('GET', '/healthz');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toMatchObject({ status: 'ok', queue: 'memory' });
    const metrics = (await call('GET', '/metrics')).text;
    expect(metrics).toContain('maestro_webhook_deliveries_total{event="pull_request.opened",outcome="queued"} 1');
    expect(metrics).toContain('# TYPE maestro_evaluation_duration_seconds histogram');
    expect(metrics).toContain('maestro_process_cpu_seconds_total');
  });
});

describe('npm start: settings', () => {
  it('refuses to start without a secret, naming every missing variable', async () => {
    await expect(startApp({ APP_ID: 'abc', PRIVATE_KEY: 'nope' })).rejects.toThrow(/APP_ID must be the app's numeric id.*not a PEM private key.*WEBHOOK_SECRET is not set/);
    await expect(startApp({ APP_ID: '1', PRIVATE_KEY: privateKey, WEBHOOK_SECRET: 'development' })).rejects.toThrow(/publicly known/);
  });
});
