import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { MaestroError } from '../../core/errors.js';
import type { EvidenceStore } from '../../core/ports/evidence-store.js';
import { FileStore } from './file-store.js';

/**
 * Every stored version of a small object, as `store.versions` returns it, read lean where the store
 * is a folder (at once, no promise; refusals are thrown): one synchronous open, fstat, read and close, with the same refusals as
 * `FileStore.read` (a symbolic link, more than `maxBytes`, something other than a regular file).
 * Verifying a ledger of 100,000 entries reads 100,000 files of half a KiB; the promise-based read
 * costs four round trips through the thread pool and several KiB of short-lived objects each, which
 * is what grew the process's young generation, not the ledger. Other stores read as they do.
 */
export function readVersions(store: EvidenceStore, key: string, maxBytes: number): Array<{ bytes: Buffer }> | Promise<Array<{ bytes: Buffer }>> {
  if (!(store instanceof FileStore)) return store.versions(key, maxBytes);
  const bytes = readSmallFile(store, key, maxBytes);
  return bytes ? [{ bytes }] : [];
}

const SIMPLE_KEY = /^[a-z]+\/[0-9]{12}\.[a-z.]+$/;

function readSmallFile(store: FileStore, key: string, maxBytes: number): Buffer | undefined {
  // Keys such as entries/000000000001.json join as they are; anything else is resolved and held inside the folder.
  const path = SIMPLE_KEY.test(key) ? `${store.root}${sep}${key}` : resolve(store.root, key);
  if (!path.startsWith(store.root + sep)) throw new MaestroError('ARTIFACT_REFUSED', `key ${key} leaves the store folder`, { remedy: 'use relative keys without .. segments.' });
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') throw new MaestroError('SYMLINK_REFUSED', `${key} in ${store.url} is a symbolic link, which is never followed`, { file: path, remedy: 'stored objects are regular files written by maestro; replace the link with the file it stands for.', cause });
    throw new MaestroError('FILE_UNREADABLE', `${key} in ${store.url} cannot be read (${code})`, { file: path, remedy: 'check the file and its permissions.', cause });
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new MaestroError('NOT_A_FILE', `${key} in ${store.url} is not a regular file`, { file: path, remedy: 'stored objects are regular files written by maestro.' });
    if (info.size > maxBytes) throw new MaestroError('FILE_TOO_LARGE', `${key} in ${store.url} is ${info.size} bytes, more than ${maxBytes}`, { file: path, remedy: 'this is not a file maestro wrote; check the bundle.' });
    const bytes = Buffer.allocUnsafe(info.size);
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return read === bytes.length ? bytes : bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
