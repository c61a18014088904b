import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createRunnerIo } from '../../../actions/lib/create-runner-io.js';
import { startArtifactService, type ArtifactService } from '../../helpers/artifact-service.js';
import { listZip } from '../../helpers/list-zip.js';

describe('createRunnerIo().uploadArtifact', () => {
  let service: ArtifactService;
  const saved = { ...process.env };

  beforeAll(async () => {
    service = await startArtifactService();
    Object.assign(process.env, service.env);
    // @actions/artifact logs its progress with @actions/core, which writes workflow commands to stdout.
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    process.env = saved;
    await service.close();
  });

  it('uploads the files under their paths relative to the root folder, through the artifact service protocol', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'upload-'));
    writeFileSync(join(dir, 'a11y.json'), '{"kind":"a11y"}');
    writeFileSync(join(dir, 'home.png'), 'png');
    const uploaded = await createRunnerIo().uploadArtifact('maestro-evidence-a11y', [join(dir, 'a11y.json'), join(dir, 'home.png')], dir, 3);
    expect(uploaded.id).toBe(1000);
    expect(service.requests).toEqual([
      'POST /twirp/github.actions.results.api.v1.ArtifactService/CreateArtifact',
      'PUT /blob/0?comp=block',
      'PUT /blob/0?comp=blocklist',
      'POST /twirp/github.actions.results.api.v1.ArtifactService/FinalizeArtifact',
    ]);
    expect(await listZip(service.artifacts[0]!.zip)).toEqual({ 'a11y.json': '{"kind":"a11y"}', 'home.png': 'png' });
  });

  it('rejects a second artifact of the same name, as GitHub does within a run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'upload-'));
    writeFileSync(join(dir, 'r.json'), '{}');
    await expect(createRunnerIo().uploadArtifact('maestro-evidence-a11y', [join(dir, 'r.json')], dir)).rejects.toThrow(/409|already exists|Conflict/i);
  });
});
