import { describe, expect, it } from '@jest/globals';
import { MaestroError } from '../../core/errors.js';
import type { PackageFiles } from '../../core/ports/package-files.js';
import type { RepositoryFiles } from '../../core/ports/repository-files.js';
import { initRepository } from '../../flows/init-repository.js';

/** A repository in memory that records every write. */
function memoryRepo(present: string[] = []): RepositoryFiles & { writes: Array<Array<{ path: string; text: string }>> } {
  const writes: Array<Array<{ path: string; text: string }>> = [];
  return { writes, exists: async (path) => present.includes(path), writeAll: async (files) => void writes.push(files) };
}

const templates = (missing?: string): PackageFiles => ({
  read: async (path) => {
    if (path === missing) throw new MaestroError('FILE_NOT_FOUND', `the maestro package has no ${path}`);
    return `shipped ${path}\n`;
  },
});

describe('initRepository', () => {
  it('writes the starter config and the shipped templates in one write', async () => {
    const repo = memoryRepo();
    const result = await initRepository({ org: false, force: false, dryRun: false }, { repo, package: templates() });
    expect(result.status).toBe('written');
    expect(repo.writes).toHaveLength(1);
    expect(repo.writes[0]!.map((f) => [f.path, f.text.split('\n')[0]])).toEqual([
      ['.github/maestro.yml', '# Maestro Conductor: how the gate "Enforce GA Gates Evidence" treats this repository\'s pull requests.'],
      ['.github/workflows/maestro.yml', 'shipped templates/.github/workflows/maestro.yml'],
      ['.github/workflows/maestro-drift.yml', 'shipped templates/.github/workflows/maestro-drift.yml'],
      ['.github/pull_request_template.md', 'shipped templates/pull_request_template.md'],
    ]);
  });

  it('refuses, writing nothing and reading no template, when a target exists without force', async () => {
    const repo = memoryRepo(['.github/maestro.yml']);
    const result = await initRepository({ org: true, force: false, dryRun: false }, { repo, package: templates('templates/pull_request_template.md') });
    expect(result).toMatchObject({ status: 'refused', conflicts: ['.github/maestro.yml'] });
    expect(repo.writes).toEqual([]);
  });

  it('reads every template before writing: a package missing one writes nothing', async () => {
    const repo = memoryRepo();
    await expect(initRepository({ org: false, force: false, dryRun: false }, { repo, package: templates('templates/pull_request_template.md') })).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    expect(repo.writes).toEqual([]);
  });

  it('reads the templates on a dry run too, and writes nothing', async () => {
    const repo = memoryRepo(['.github/maestro.yml']);
    await expect(initRepository({ org: false, force: true, dryRun: true }, { repo, package: templates('templates/.github/workflows/maestro.yml') })).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    const result = await initRepository({ org: false, force: true, dryRun: true }, { repo, package: templates() });
    expect(result.status).toBe('dry-run');
    expect(result.files.filter((f) => f.exists).map((f) => f.path)).toEqual(['.github/maestro.yml']);
    expect(repo.writes).toEqual([]);
  });
});
