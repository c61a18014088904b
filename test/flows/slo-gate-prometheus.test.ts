import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fsInputFiles } from '../../adapters/fs/read-input-file.js';
import { createPrometheusClient } from '../../adapters/prometheus/prometheus-client.js';
import { sloGateFromFiles, type SloGateFiles } from '../../flows/slo-gate-from-files.js';
import { servicesDir, startService } from '../helpers/services.js';
import { HISTORY_END, writeSloHistory } from '../helpers/slo-history.js';

const context = { subject: { repo: 'acme/shop', sha: 'a'.repeat(40) }, producer: { name: 'maestro-cli', version: '0.1.0' }, createdAt: '2026-11-20T12:00:00.000Z' };
const at = String(HISTORY_END);
const fixtures = join(import.meta.dirname, '../fixtures/slo');
let prometheus: string;

beforeAll(() => {
  mkdirSync(servicesDir, { recursive: true });
  const history = join(servicesDir, 'prometheus-slo-history.om');
  writeSloHistory(history);
  prometheus = startService('prometheus', { PROMETHEUS_BACKFILL: history }).PROMETHEUS_URL!;
});

const gate = (files: Partial<SloGateFiles>) => sloGateFromFiles({ slo: join(fixtures, 'slos.yml'), prometheus, at, headers: [], ...files }, context, { files: fsInputFiles, connectPrometheus: createPrometheusClient });

describe('the SLO gate against a real Prometheus with three days of history', () => {
  it('computes budget consumed and burn rates from real queries: one SLO ok, one warns, one blocks with a fast burn, and the gate fails', async () => {
    const outcome = await gate({});
    const slos = outcome.report.data.slos;
    expect(slos.map((s) => [s.service, s.decision])).toEqual([['steady', 'ok'], ['warm', 'warn'], ['hot', 'block'], ['recovering', 'ok']]);
    expect(slos[0]!.budgetConsumed).toBeCloseTo(0.05, 3);
    expect(slos[1]!.budgetConsumed).toBeCloseTo(0.25, 3);
    // (71 h at 0.2% + 1 h at 20%) / 72 h, over a 1% budget.
    expect(slos[2]!.budgetConsumed).toBeCloseTo(0.475, 2);
    expect(slos[2]!.burnRates['1h']).toBeCloseTo(20, 1);
    expect(slos[2]!.burnRates['5m']).toBeCloseTo(20, 1);
    expect(slos[2]!.alerts.find((a) => a.name === 'fast burn')!.firing).toBe(true);
    expect(slos[0]!.values).toMatchObject({ good_3d: expect.any(Number), total_3d: expect.closeTo(10, 3) });
    expect(slos[2]!.queries.ratio).toContain('{{ .window }}');
    expect(outcome.report.data.source).toEqual({ type: 'prometheus', url: prometheus, at: new Date(HISTORY_END * 1000).toISOString() });
    expect(outcome.verdict).toBe('fail');
    expect(outcome.annotations.find((a) => a.level === 'error')).toMatchObject({ file: join(fixtures, 'slos.yml'), startLine: 21 });
  });

  it('passes with a warning when nothing blocks', async () => {
    const only = join(mkdtempSync(join(tmpdir(), 'slo-')), 'slos.yml');
    writeFileSync(only, `version: 1\nslos:\n  - name: availability\n    service: warm\n    objective: 0.99\n    window: 3d\n    sli:\n      good: sum(rate(http_requests_total{job="warm",code!~"5.."}[{{window}}]))\n      total: sum(rate(http_requests_total{job="warm"}[{{window}}]))\n`);
    const outcome = await gate({ slo: only });
    expect([outcome.verdict, outcome.headline, outcome.outputs.decision]).toEqual(['pass', '1 warn of 1 SLOs', 'warn']);
  });

  it('keeps a block of the previous report until the budget consumed falls below 10%', async () => {
    const first = await gate({});
    const previous = structuredClone(first.report);
    previous.data.slos.find((s) => s.service === 'recovering')!.decision = 'block';
    const path = join(mkdtempSync(join(tmpdir(), 'slo-')), 'previous.json');
    writeFileSync(path, JSON.stringify(previous));
    const recovering = (await gate({ previous: path })).report.data.slos.find((s) => s.service === 'recovering')!;
    expect(recovering.decision).toBe('block');
    expect(recovering.reason).toBe('15% of the 3d error budget is consumed; the previous report blocked, and a block lifts only below 10%.');
  });

  it('makes no traffic, NaN, an empty result and a query error each an invalid SLO, never a pass', async () => {
    const outcome = await gate({ slo: join(fixtures, 'broken.yml') });
    expect(outcome.verdict).toBe('fail');
    const errors = Object.fromEntries(outcome.report.data.slos.map((s) => [s.name, [s.decision, s.error?.split('; ')[0]]]));
    expect(errors).toEqual({
      'no-traffic': ['invalid', 'total over 3d is 0: no traffic, so the error ratio is undefined'],
      'nan-ratio': ['invalid', 'the query returned NaN (such as 0/0 when there was no traffic in the window)'],
      'no-series': ['invalid', 'no data: the query returned an empty result (no matching series in the window)'],
      'bad-promql': ['invalid', expect.stringMatching(/^the query failed \(HTTP 400, bad_data: .*parse error/)],
    });
    expect(outcome.headline).toBe('4 could not be evaluated of 4 SLOs');
  });
});

describe('the SLO gate when Prometheus cannot answer', () => {
  const servers: Server[] = [];
  afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));
  const listen = async (handler: (headers: IncomingHttpHeaders, body: string, reply: (status: number, text: string) => void) => void): Promise<string> => {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => handler(req.headers, body, (status, text) => res.writeHead(status, { 'content-type': 'application/json' }).end(text)));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  it('reports every SLO invalid, naming the refused connection, when Prometheus is down', async () => {
    const closed = await listen(() => undefined);
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const outcome = await gate({ prometheus: closed });
    expect(outcome.verdict).toBe('fail');
    expect(outcome.report.data.slos.every((s) => s.decision === 'invalid')).toBe(true);
    expect(outcome.report.data.slos[0]!.error).toContain(`Prometheus at ${closed} is unreachable (ECONNREFUSED`);
  });

  it('gives up on a server that never answers after the timeout', async () => {
    const silent = await listen(() => undefined);
    const outcome = await gate({ prometheus: silent, timeout: '1s' });
    expect(outcome.report.data.slos[0]!.error).toContain(`Prometheus at ${silent} did not answer within 1 s`);
  });

  it('sends the Authorization header and extra headers with every query, and the evaluation time', async () => {
    const seen: Array<{ auth?: string; tenant?: string; body: string }> = [];
    const url = await listen((headers, body, reply) => {
      seen.push({ auth: headers.authorization, tenant: headers['x-scope-orgid'] as string | undefined, body });
      reply(200, JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [HISTORY_END, '1'] }] } }));
    });
    await gate({ prometheus: url, authorization: 'Bearer s3cret', headers: ['X-Scope-OrgID: tenant-1'] });
    expect(seen).toHaveLength(35); // good and total for 3 SLOs, the ratio for 1, over 5 windows
    expect(seen.every((s) => s.auth === 'Bearer s3cret' && s.tenant === 'tenant-1')).toBe(true);
    expect(new URLSearchParams(seen[0]!.body).get('time')).toBe(`${HISTORY_END}.000`);
  });

  it.each([
    [{ prometheus: 'http://user:pw@127.0.0.1:9090' }, /carries credentials/],
    [{ prometheus: 'ftp://127.0.0.1' }, /is not http or https/],
    [{ timeout: '30' }, /timeout "30" is not a duration/],
    [{ at: 'yesterday' }, /--at "yesterday" is not a time/],
    [{ headers: ['NoColon'] }, /header "NoColon" is not "Name: value"/],
    [{ slis: 'x.json' }, /--slis cannot be combined with --slo or --prometheus/],
  ])('refuses bad settings %j with a usage error', async (files, message) => {
    await expect(gate(files as Partial<SloGateFiles>)).rejects.toThrow(message);
  });
});
