import { opendir } from 'node:fs/promises';
import { join } from 'node:path';
import type { EvidenceStore } from '../../core/ports/evidence-store.js';
import { FileStore } from './file-store.js';

/**
 * Lists a store one key at a time, in no particular order, without holding the listing: the keys
 * `store.list()` returns, for ledgers of 100,000 entries whose key strings alone take tens of MiB.
 * A folder is walked with opendir (32 names at a time); a bucket prefix page by page (1,000 object
 * versions a page, each key once). Other stores fall back to `list()`.
 */
export async function* streamKeys(store: EvidenceStore): AsyncGenerator<string> {
  if (store instanceof FileStore) {
    yield* walkFolder(store.root, '');
    return;
  }
  if (store.url.startsWith('s3://')) {
    const { S3Store } = await import('./s3-store.js');
    if (store instanceof S3Store) {
      yield* s3Keys(store);
      return;
    }
  }
  yield* await store.list();
}

/** Every file below `dir` as a `/`-separated key; unreadable folders list nothing, as `FileStore.list()` does. */
async function* walkFolder(dir: string, prefix: string): AsyncGenerator<string> {
  const handle = await opendir(dir).catch(() => undefined);
  if (!handle) return;
  for await (const entry of handle) {
    if (entry.isDirectory()) yield* walkFolder(join(dir, entry.name), `${prefix}${entry.name}/`);
    else yield `${prefix}${entry.name}`;
  }
}

async function* s3Keys(store: import('./s3-store.js').S3Store): AsyncGenerator<string> {
  const [{ ListObjectVersionsCommand }, { toStoreError }] = await Promise.all([import('@aws-sdk/client-s3'), import('./to-store-error.js')]);
  const base = store.location.prefix ? `${store.location.prefix}/` : '';
  let keyMarker: string | undefined;
  let versionMarker: string | undefined;
  let last: string | undefined;
  do {
    const page = await store.client.send(new ListObjectVersionsCommand({ Bucket: store.location.bucket, Prefix: base, KeyMarker: keyMarker, VersionIdMarker: versionMarker })).catch((error: unknown) => {
      throw toStoreError(error, store.url, 'list');
    });
    // Versions come sorted by key, each key's versions together: a key is new when it differs from the one before.
    for (const version of page.Versions ?? []) {
      if (!version.Key || version.Key === last) continue;
      last = version.Key;
      yield version.Key.slice(base.length);
    }
    keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    versionMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
  } while (keyMarker !== undefined);
}
