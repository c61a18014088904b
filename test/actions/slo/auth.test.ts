import { mkdirSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runActionBundle } from '../../helpers/run-action-bundle.js';
import { servicesDir, startService } from '../../helpers/services.js';
import { HISTORY_END, writeSloHistory } from '../../helpers/slo-history.js';

const subject = { GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: 'a'.repeat(40) };
const slo = { slo: 'test/fixtures/slo/slos.yml', at: String(HISTORY_END), upload: 'false' };

/**
 * The real Prometheus of the test services behind a proxy that asks for credentials, as a hosted
 * Prometheus (Grafana Cloud, Mimir, an oauth2 proxy) does: a request without the expected
 * Authorization header gets 401, any other is forwarded.
 */
async function startAuthProxy(target: string, expected: string): Promise<{ url: string; seen: string[]; server: Server }> {
  const upstream = new URL(target);
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers.authorization ?? '');
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="prometheus"', 'content-type': 'text/plain' }).end('Unauthorized\n');
      return;
    }
    const forward = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(forward);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

describe('the committed bundle of actions/slo, against a Prometheus that asks for credentials', () => {
  let prometheus: string;
  const proxies: Server[] = [];
  beforeAll(() => {
    mkdirSync(servicesDir, { recursive: true });
    const history = join(servicesDir, 'prometheus-slo-history.om');
    writeSloHistory(history);
    prometheus = startService('prometheus', { PROMETHEUS_BACKFILL: history }).PROMETHEUS_URL!;
  });
  afterAll(async () => {
    await Promise.all(proxies.map((p) => new Promise((closed) => p.close(closed))));
  });
  const proxy = async (expected: string) => {
    const started = await startAuthProxy(prometheus, expected);
    proxies.push(started.server);
    return started;
  };

  it('sends prometheus-token as a bearer token, masks it and evaluates every SLO', async () => {
    const { url, seen } = await proxy('Bearer t0ken-of-the-tenant');
    const run = await runActionBundle('slo', { ...slo, 'prometheus-url': url, 'prometheus-token': 't0ken-of-the-tenant' }, subject);
    expect(seen.length).toBeGreaterThan(4);
    expect(new Set(seen)).toEqual(new Set(['Bearer t0ken-of-the-tenant']));
    expect(run.log).toContain('::add-mask::t0ken-of-the-tenant');
    expect(run.outputs).toMatchObject({ decision: 'block', 'blocked-slos': '1', 'warned-slos': '1', 'invalid-slos': '0' });
  });

  it('sends prometheus-username and prometheus-password as basic auth, masking the password and its encoding', async () => {
    const encoded = Buffer.from('123456:glc_s3cret').toString('base64');
    const { url, seen } = await proxy(`Basic ${encoded}`);
    const run = await runActionBundle('slo', { ...slo, 'prometheus-url': url, 'prometheus-username': '123456', 'prometheus-password': 'glc_s3cret' }, subject);
    expect(new Set(seen)).toEqual(new Set([`Basic ${encoded}`]));
    expect(run.log).toContain('::add-mask::glc_s3cret');
    expect(run.log).toContain(`::add-mask::${encoded}`);
    expect(run.outputs).toMatchObject({ decision: 'block', 'invalid-slos': '0' });
  });

  it('fails every SLO as invalid, saying why, when the credentials are refused', async () => {
    const { url } = await proxy('Bearer right');
    const run = await runActionBundle('slo', { ...slo, 'prometheus-url': url, 'prometheus-token': 'wrong' }, subject);
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ conclusion: 'fail', decision: 'invalid', 'invalid-slos': '4' });
    expect(run.summary).toContain('HTTP 401 from Prometheus: the credentials are missing or were refused');
  });

  it('refuses two ways to authenticate at once before querying anything', async () => {
    const { url, seen } = await proxy('Bearer right');
    const run = await runActionBundle('slo', { ...slo, 'prometheus-url': url, 'prometheus-token': 'right', 'prometheus-username': 'me', 'prometheus-password': 'pw' }, subject);
    expect(run.code).toBe(1);
    expect(run.log).toContain('Prometheus credentials are given twice: prometheus-token, prometheus-username and prometheus-password');
    expect(seen).toEqual([]);
  });
});
