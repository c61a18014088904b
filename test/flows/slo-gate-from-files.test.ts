import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { ConnectPrometheus, PrometheusOptions } from '../../core/ports/prometheus-query.js';
import { sloGateFromFiles } from '../../flows/slo-gate-from-files.js';
import { memoryInputFiles } from '../helpers/memory-input-files.js';

const context = { subject: { repo: 'acme/shop', sha: 'a'.repeat(40) }, producer: { name: 'maestro-cli', version: '0.1.0' }, createdAt: '2026-11-20T12:00:00.000Z' };
const fixtures = join(import.meta.dirname, '../fixtures/slo');
const slos = readFileSync(join(fixtures, 'slos.yml'));

/** A Prometheus where every query returns `value`, recording how it was opened and what it was asked. */
function prometheus(value: number): ConnectPrometheus & { opened: PrometheusOptions[]; queries: Array<{ promql: string; at: Date }> } {
  const opened: PrometheusOptions[] = [];
  const queries: Array<{ promql: string; at: Date }> = [];
  const connect = ((options) => {
    opened.push(options);
    return { query: async (promql, at) => (queries.push({ promql, at }), { ok: true, value }) };
  }) as ConnectPrometheus & { opened: PrometheusOptions[]; queries: Array<{ promql: string; at: Date }> };
  return Object.assign(connect, { opened, queries });
}

describe('sloGateFromFiles', () => {
  it('opens Prometheus with the headers, the Authorization and the TLS files read through the files port', async () => {
    const connect = prometheus(1);
    const files = memoryInputFiles({ 'slos.yml': slos, 'ca.pem': 'CA', 'client.pem': 'CERT', 'client.key': 'KEY' });
    await sloGateFromFiles({ slo: 'slos.yml', prometheus: 'https://mimir.example/prometheus/', at: '1700000000', timeout: '2m', headers: ['X-Scope-OrgID: tenant-1'], authorization: 'Bearer s3cret', caFile: 'ca.pem', clientCert: 'client.pem', clientKey: 'client.key' }, context, { files, connectPrometheus: connect });
    expect(connect.opened).toEqual([{ url: 'https://mimir.example/prometheus', timeoutMs: 120_000, headers: { 'X-Scope-OrgID': 'tenant-1', Authorization: 'Bearer s3cret' }, ca: Buffer.from('CA'), cert: Buffer.from('CERT'), key: Buffer.from('KEY'), insecureSkipVerify: undefined }]);
    expect(connect.queries.every((q) => q.at.getTime() === 1_700_000_000_000)).toBe(true);
  });

  it('never opens Prometheus for precomputed SLIs', async () => {
    const connect = prometheus(1);
    const outcome = await sloGateFromFiles({ slis: 'slis.json', headers: [] }, context, { files: memoryInputFiles({ 'slis.json': readFileSync(join(fixtures, 'precomputed.json')) }), connectPrometheus: connect });
    expect(outcome.report.data.source.type).toBe('precomputed');
    expect(connect.opened).toEqual([]);
  });

  it('refuses a certificate without its key before opening Prometheus', async () => {
    const connect = prometheus(1);
    const files = memoryInputFiles({ 'slos.yml': slos, 'client.pem': 'CERT' });
    await expect(sloGateFromFiles({ slo: 'slos.yml', prometheus: 'https://prometheus.example', headers: [], clientCert: 'client.pem' }, context, { files, connectPrometheus: connect })).rejects.toMatchObject({ code: 'USAGE' });
    expect(connect.opened).toEqual([]);
  });
});
