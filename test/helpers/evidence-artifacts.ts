import yazl from 'yazl';
import { driftData } from './build-evidence.js';

/** A zip of files, as GitHub serves an artifact. */
export function zipOf(files: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) zip.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content), name);
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
}

/** A drift-report evidence file for a commit, as the drift gate uploads it. */
export function driftReport(repo: string, sha: string, status: 'clean' | 'drift'): string {
  return JSON.stringify({
    kind: 'drift-report',
    schemaVersion: '1.0',
    subject: { repo, sha },
    producer: { name: 'maestro-drift', version: '0.1.0' },
    createdAt: '2026-11-20T11:30:00Z',
    data: { ...driftData(status, status === 'clean' ? [] : ['gates']), repo },
  });
}

/** An artifact as GitHub's "list artifacts for a repository" returns it. */
export function artifactRecord(repoPath: string, id: number, options: { name?: string; size?: number; sha: string }): Record<string, unknown> {
  const api = 'https://api.github.com';
  return {
    id,
    node_id: 'MDg6QXJ0aWZhY3QxMQ==',
    name: options.name ?? 'maestro-evidence-drift',
    size_in_bytes: options.size ?? 600,
    url: `${api}${repoPath}/actions/artifacts/${id}`,
    archive_download_url: `${api}${repoPath}/actions/artifacts/${id}/zip`,
    expired: false,
    created_at: '2026-11-20T11:31:00Z',
    expires_at: '2027-02-18T11:31:00Z',
    updated_at: '2026-11-20T11:31:00Z',
    workflow_run: { id: 30433642, repository_id: 186853002, head_repository_id: 186853002, head_branch: 'changes', head_sha: options.sha },
  };
}

/** The completed workflow run that uploaded `artifactRecord`'s artifacts, as "list workflow runs" returns it: its workflow file decides whether the PR could have forged them. */
export function producingRun(options: { path?: string } = {}): Record<string, unknown> {
  return { id: 30433642, name: 'gates', status: 'completed', conclusion: 'success', path: options.path ?? '.github/workflows/gates.yml', created_at: '2026-11-20T11:30:00Z' };
}
