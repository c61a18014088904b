import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseEvidence } from '../../../core/evidence/parse-evidence.js';
import '../../helpers/build-evidence.js';
import { startArtifactService, type ArtifactService } from '../../helpers/artifact-service.js';
import { listZip } from '../../helpers/list-zip.js';
import { runActionBundle } from '../../helpers/run-action-bundle.js';

const subject = { GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: 'a'.repeat(40) };

describe('the committed bundle of actions/k6', () => {
  let service: ArtifactService;
  beforeAll(async () => {
    service = await startArtifactService();
  });
  afterAll(() => service.close());

  it('evaluates the summary, uploads the report as maestro-evidence-k6, annotates and fails on a failed threshold', async () => {
    const run = await runActionBundle('k6', { summary: 'test/fixtures/k6/handle-summary.json' }, { ...subject, ...service.env });
    expect(run.code).toBe(1);
    expect(run.log).toContain('::error title=k6 threshold::http_req_duration{scenario:browse} p(99)<450 did not hold: the value is 500 (k6 marked it as failed).');
    expect(run.log).toContain('::error::1 of 6 k6 thresholds failed');
    expect(run.outputs).toMatchObject({ conclusion: 'fail', 'failed-thresholds': '1', 'p95-ms': '330.4', 'artifact-name': 'maestro-evidence-k6', 'artifact-id': '1000' });
    expect(run.summary).toContain('### ❌ k6: 1 of 6 k6 thresholds failed');
    const artifact = service.artifacts.find((a) => a.name === 'maestro-evidence-k6')!;
    expect(artifact.finalized).toBe(true);
    const entries = await listZip(artifact.zip);
    expect(Object.keys(entries)).toEqual(['k6-summary.json']);
    expect(parseEvidence(Buffer.from(entries['k6-summary.json']!), 'k6-summary.json').status).toBe('valid');
  });

  it('passes without uploading when upload is false', async () => {
    const run = await runActionBundle('k6', { summary: 'test/fixtures/k6/summary-export.json', thresholds: 'http_reqs:count>100\n', 'catalog-thresholds': 'false', upload: 'false', 'artifact-name': 'maestro-evidence-k6-smoke' }, subject);
    expect(run.outputs.conclusion).toBe('fail');
    expect(run.outputs['artifact-id']).toBeUndefined();
    expect(existsSync(join(run.runnerTemp, 'maestro-evidence-k6-smoke', 'k6-summary.json'))).toBe(true);
  });

  it('fails the step with the error code and remedy on a malformed summary, writing no report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'k6-'));
    writeFileSync(join(dir, 'summary.json'), '{"metrics": [1,');
    const run = await runActionBundle('k6', { summary: join(dir, 'summary.json') }, { ...subject, ...service.env });
    expect(run.code).toBe(1);
    expect(run.log).toMatch(/::error::error JSON_SYNTAX: k6 summary .*summary\.json is not valid JSON/);
    expect(run.outputs).toEqual({});
  });

  it.each([
    [{ 'artifact-name': 'evidence-k6' }, 'error USAGE: artifact-name "evidence-k6" does not start with maestro-evidence'],
    [{ upload: 'maybe' }, 'Input does not meet YAML 1.2 "Core Schema" specification: upload'],
    [{ 'retention-days': 'week' }, 'error USAGE: retention-days "week" is not a number of days'],
  ])('refuses bad shared inputs %j', async (inputs, message) => {
    const run = await runActionBundle('k6', { summary: 'test/fixtures/k6/handle-summary.json', ...inputs }, subject);
    expect(run.code).toBe(1);
    expect(run.log).toContain(message);
  });
});
