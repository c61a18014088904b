import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashFile } from '../fs/hash-file.js';
import type { EvidenceStore, StoredObject } from '../../core/ports/evidence-store.js';

/**
 * Stores a JSON document under `key`, write-once: it is written whole to a private temporary file
 * first, hashed, and only then handed to the store, which checks the digest of what it stored. A
 * failure half-way leaves nothing under `key`; the temporary file is always removed.
 */
export async function putJson(store: EvidenceStore, key: string, value: unknown): Promise<StoredObject> {
  const dir = await mkdtemp(join(tmpdir(), 'maestro-put-'));
  try {
    const path = join(dir, 'object.json');
    await writeFile(path, `${JSON.stringify(value, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
    return await store.put(key, path, await hashFile(path));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
