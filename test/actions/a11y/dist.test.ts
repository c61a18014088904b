import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseEvidence } from '../../../core/evidence/parse-evidence.js';
import '../../helpers/build-evidence.js';
import { startArtifactService, type ArtifactService } from '../../helpers/artifact-service.js';
import { listZip } from '../../helpers/list-zip.js';
import { runActionBundle } from '../../helpers/run-action-bundle.js';

const subject = { GITHUB_REPOSITORY: 'acme/web', GITHUB_SHA: 'a'.repeat(40) };

describe('the committed bundle of actions/a11y', () => {
  let service: ArtifactService;
  beforeAll(async () => {
    service = await startArtifactService();
  });
  afterAll(() => service.close());

  it('fails on a critical violation, annotates it, and uploads the report as maestro-evidence-a11y', async () => {
    const run = await runActionBundle('a11y', { results: 'test/fixtures/a11y/axe-results.json' }, { ...subject, ...service.env });
    expect(run.code).toBe(1);
    expect(run.log).toContain('::error title=a11y critical%3A image-alt::Images must have alternative text at img[src$="logo.png"] on http://127.0.0.1:4173/checkout');
    expect(run.outputs).toMatchObject({ conclusion: 'fail', critical: '1', serious: '3', moderate: '0', minor: '2', 'artifact-name': 'maestro-evidence-a11y' });
    const entries = await listZip(service.artifacts.find((a) => a.name === 'maestro-evidence-a11y')!.zip);
    expect(parseEvidence(Buffer.from(entries['a11y.json']!), 'a11y.json').status).toBe('valid');
  });

  it('passes when only violations already on the base branch are critical', async () => {
    const run = await runActionBundle('a11y', { results: 'test/fixtures/a11y/axe-results.json', baseline: 'test/fixtures/a11y/base-axe-results.json', upload: 'false' }, subject);
    expect(run.code).toBe(0);
    expect(run.summary).toContain('### ✅ Accessibility');
  });
});
