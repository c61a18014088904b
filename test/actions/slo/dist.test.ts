import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseEvidence } from '../../../core/evidence/parse-evidence.js';
import '../../helpers/build-evidence.js';
import { startArtifactService, type ArtifactService } from '../../helpers/artifact-service.js';
import { listZip } from '../../helpers/list-zip.js';
import { runActionBundle } from '../../helpers/run-action-bundle.js';
import { servicesDir, startService } from '../../helpers/services.js';
import { HISTORY_END, writeSloHistory } from '../../helpers/slo-history.js';

const subject = { GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: 'a'.repeat(40) };

describe('the committed bundle of actions/slo', () => {
  let service: ArtifactService;
  let prometheus: string;
  beforeAll(async () => {
    mkdirSync(servicesDir, { recursive: true });
    const history = join(servicesDir, 'prometheus-slo-history.om');
    writeSloHistory(history);
    prometheus = startService('prometheus', { PROMETHEUS_BACKFILL: history }).PROMETHEUS_URL!;
    service = await startArtifactService();
  });
  afterAll(() => service.close());

  it('queries Prometheus, annotates the blocking SLO on its line, uploads maestro-evidence-slo and fails the step', async () => {
    const run = await runActionBundle('slo', { slo: 'test/fixtures/slo/slos.yml', 'prometheus-url': prometheus, at: String(HISTORY_END), authorization: 'Bearer s3cret' }, { ...subject, ...service.env });
    expect(run.code).toBe(1);
    expect(run.log).toContain('::error title=SLO hot/availability%3A block,file=test/fixtures/slo/slos.yml,line=21::47.61%25 of the 3d error budget is consumed, above the block threshold of 30%25.');
    expect(run.log).toContain('::warning title=SLO warm/availability%3A warn,file=test/fixtures/slo/slos.yml,line=14::25%25 of the 3d error budget is consumed');
    expect(run.log).toContain('::add-mask::Bearer s3cret');
    expect(run.outputs).toMatchObject({ conclusion: 'fail', decision: 'block', 'blocked-slos': '1', 'warned-slos': '1', 'invalid-slos': '0', 'artifact-name': 'maestro-evidence-slo' });
    expect(run.summary).toContain('### ❌ SLO error budgets: 1 block, 1 warn of 4 SLOs');
    const entries = await listZip(service.artifacts.find((a) => a.name === 'maestro-evidence-slo')!.zip);
    expect(parseEvidence(Buffer.from(entries['slo-burn.json']!), 'slo-burn.json').status).toBe('valid');
  });

  it('passes on precomputed SLIs with a warning', async () => {
    const run = await runActionBundle('slo', { slis: 'test/fixtures/slo/precomputed.json', upload: 'false' }, subject);
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ conclusion: 'pass', decision: 'warn' });
  });
});
