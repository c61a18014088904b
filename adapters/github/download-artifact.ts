import type { RepoRef } from '../../core/pr/repo-ref.js';
import { MaestroError } from '../../core/errors.js';
import { type GitHub, repoParams } from './github.js';

/**
 * Downloads an artifact's zip into memory, reading at most `maxBytes`: GitHub's declared size is
 * checked first, and the stream is cut when it runs past the limit whatever was declared.
 */
export async function downloadArtifact(octokit: GitHub, repo: RepoRef, artifactId: number, maxBytes: number): Promise<Buffer> {
  const response = await octokit.request('GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}', {
    ...repoParams(repo),
    artifact_id: artifactId,
    archive_format: 'zip',
    request: { parseSuccessResponseBody: false },
  });
  const body = response.data as unknown;
  if (body instanceof ArrayBuffer) return capped(Buffer.from(body), maxBytes, artifactId);
  if (!body || typeof (body as ReadableStream).getReader !== 'function') throw new Error(`artifact ${artifactId}: the download returned no body`);
  const reader = (body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(artifactId, maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

function capped(buffer: Buffer, maxBytes: number, artifactId: number): Buffer {
  if (buffer.byteLength > maxBytes) throw tooLarge(artifactId, maxBytes);
  return buffer;
}

function tooLarge(artifactId: number, maxBytes: number): MaestroError {
  return new MaestroError('FILE_TOO_LARGE', `artifact ${artifactId} is larger than the limit of ${maxBytes} bytes`, { remedy: 'upload only the evidence reports in maestro-evidence-* artifacts; screenshots and logs belong in other artifacts.' });
}
