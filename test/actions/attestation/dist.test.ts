import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { parseEvidence } from '../../../core/evidence/parse-evidence.js';
import '../../helpers/build-evidence.js';
import { startArtifactService, type ArtifactService } from '../../helpers/artifact-service.js';
import { listZip } from '../../helpers/list-zip.js';
import { runActionBundle } from '../../helpers/run-action-bundle.js';
import { realworld as shared } from '../../helpers/shared-dir.js';

const realworld = shared.path('sigstore', 'gundam-visor-1.0.1');
const subject = { GITHUB_REPOSITORY: 'acme/web', GITHUB_SHA: 'a'.repeat(40) };
const policy = { identity: '^https://github\\.com/ramonpetgrave64/gundam-visor/', issuer: 'https://token.actions.githubusercontent.com' };

/** A publish folder with the real tarball and its 1-byte-changed twin. */
function publishFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'publish-'));
  copyFileSync(join(realworld, 'gundam-visor-1.0.1.tgz'), join(dir, 'gundam-visor-1.0.1.tgz'));
  copyFileSync(join(realworld, 'tampered/gundam-visor-1.0.1.1byte-changed.tgz'), join(dir, 'changed.tgz'));
  return dir;
}

shared.describe('the committed bundle of actions/attestation', () => {
  let service: ArtifactService;
  beforeAll(async () => {
    service = await startArtifactService();
  });
  afterAll(() => service.close());

  it('verifies the real tarball, quarantines the changed one, uploads the report and fails', async () => {
    const dir = publishFolder();
    const run = await runActionBundle('attestation', { artifacts: `${join(dir, 'gundam-visor-1.0.1.tgz')}\n${join(dir, 'changed.tgz')}\n`, bundles: join(realworld, 'attestations.json'), ...policy }, { ...subject, ...service.env });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ conclusion: 'fail', verified: '1', unverified: '1', 'quarantined-paths': join(dir, 'changed.tgz.quarantined'), 'artifact-name': 'maestro-evidence-attestation' });
    expect(run.log).toContain(`::error title=unverified artifact ${join(dir, 'changed.tgz')}::subject check failed`);
    expect(existsSync(join(dir, 'changed.tgz.quarantined'))).toBe(true);
    const entries = await listZip(service.artifacts.find((a) => a.name === 'maestro-evidence-attestation')!.zip);
    expect(parseEvidence(Buffer.from(entries['attestation-verification.json']!), 'a.json').status).toBe('valid');
  });

  it('passes when every artifact is verified', async () => {
    const dir = publishFolder();
    const run = await runActionBundle('attestation', { artifacts: join(dir, 'gundam-visor-1.0.1.tgz'), bundles: join(realworld, 'provenance.sigstore.json'), ...policy, upload: 'false' }, subject);
    expect([run.code, run.outputs.conclusion]).toEqual([0, 'pass']);
    expect(run.summary).toContain('### ✅ Attestations: All 1 artifact is signed and attested as the policy requires.');
  });

  it('refuses an unknown quarantine mode', async () => {
    const run = await runActionBundle('attestation', { artifacts: 'a.tgz', bundles: 'b.json', ...policy, quarantine: 'delete', upload: 'false' }, subject);
    expect(run.code).toBe(1);
    expect(run.log).toContain('error USAGE: quarantine "delete" is not one of rename, move, none');
  });
});
