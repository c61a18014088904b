import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { MaestroError } from '../../core/errors.js';
import type { EvidenceStore } from '../../core/ports/evidence-store.js';
import type { StoreOpener } from '../../core/ports/store-opener.js';
import { FileStore } from './file-store.js';

/**
 * Opens the store a URL names: `s3://bucket/prefix?...` (loaded only then, the AWS SDK is large),
 * `file:///path`, or a plain folder path.
 */
export async function openStore(url: string, now: Date = new Date()): Promise<EvidenceStore> {
  if (url.startsWith('s3://')) {
    const [{ S3Store }, { parseS3Url }] = await Promise.all([import('./s3-store.js'), import('./s3-location.js')]);
    return new S3Store(parseS3Url(url, now));
  }
  if (url.startsWith('file://')) {
    try {
      return new FileStore(fileURLToPath(url));
    } catch (cause) {
      throw new MaestroError('STORE_URL_INVALID', `store URL ${url} is not a valid file URL`, { remedy: 'write it as file:///absolute/path.', cause });
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) throw new MaestroError('STORE_URL_INVALID', `store URL ${url} has an unsupported scheme`, { remedy: 'use s3://<bucket>/<prefix>, file:///<path> or a folder path.' });
  return new FileStore(url);
}

/** The store at `url` for reading what must be there: a folder that does not exist is FILE_NOT_FOUND, not an empty store. */
export async function openExistingStore(url: string, what: string, remedy: string): Promise<EvidenceStore> {
  const store = await openStore(url);
  if (store instanceof FileStore && !(await stat(store.root).catch(() => undefined))?.isDirectory()) {
    throw new MaestroError('FILE_NOT_FOUND', `${what} ${url} does not exist`, { file: url, remedy });
  }
  return store;
}

/** The StoreOpener port over folders and S3 buckets. */
export const storeOpener: StoreOpener = { open: (url) => openStore(url), openExisting: openExistingStore };
