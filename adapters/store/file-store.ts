import { chmod, copyFile, link, lstat, mkdir, open, readdir, unlink, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MaestroError } from '../../core/errors.js';
import { hashFile } from '../fs/hash-file.js';
import type { EvidenceStore, StoredObject } from '../../core/ports/evidence-store.js';

/**
 * A folder as an evidence store (the embedded default). Files are written beside their final name,
 * checked, made read-only and hard-linked into place, which fails when the name exists: nothing is
 * ever replaced and no reader sees half a file. It cannot stop the machine's owner from deleting
 * files: use an S3 store with Object Lock where retention must hold against administrators too.
 */
export class FileStore implements EvidenceStore {
  readonly locking = false;
  readonly url: string;

  constructor(readonly root: string) {
    this.root = resolve(root);
    this.url = pathToFileURL(this.root).href;
  }

  async preflight(): Promise<void> {
    await mkdir(this.root, { recursive: true }).catch((cause: NodeJS.ErrnoException) => {
      throw new MaestroError('STORE_ACCESS', `cannot create the store folder ${this.root} (${cause.code})`, { file: this.root, remedy: 'check the path and its permissions.', cause });
    });
  }

  async put(key: string, source: string, expected: { sha256: string; size: number }): Promise<StoredObject> {
    const target = this.path(key);
    const existing = await this.inspect(key);
    if (existing) return this.same(key, existing, expected);
    const tmp = `${target}.${process.pid}.partial`;
    try {
      await mkdir(dirname(target), { recursive: true });
      await copyFile(source, tmp, constants.COPYFILE_EXCL);
      const stored = await hashFile(tmp);
      if (stored.sha256 !== expected.sha256 || stored.size !== expected.size) {
        throw new MaestroError('FILE_UNREADABLE', `${source} changed while it was being stored (sha256 ${stored.sha256}, expected ${expected.sha256})`, { file: source, remedy: 'build the bundle again from files that are not being written to.' });
      }
      await chmod(tmp, 0o444);
      await link(tmp, target).catch(async (cause: NodeJS.ErrnoException) => {
        if (cause.code !== 'EEXIST') throw cause;
        const raced = await this.inspect(key);
        if (raced) this.same(key, raced, expected);
      });
    } catch (cause) {
      if (cause instanceof MaestroError) throw cause;
      throw new MaestroError('STORE_ACCESS', `cannot write ${key} to ${this.url} (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`, { file: target, remedy: 'check that the store folder is writable and has space.', cause });
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
    return { key, ...expected, notes: [] };
  }

  async inspect(key: string): Promise<StoredObject | undefined> {
    const path = this.path(key);
    const info = await lstat(path).catch(() => undefined);
    if (!info) return undefined;
    if (!info.isFile()) throw new MaestroError('NOT_A_FILE', `${key} in ${this.url} is not a regular file`, { file: path, remedy: 'a bundle holds regular files only; replace the link or folder with the published file.' });
    const digest = await hashFile(path);
    const notes = info.mode & 0o222 ? ['the file is writable; stored files are read-only'] : [];
    return { key, ...digest, notes };
  }

  async read(key: string, maxBytes: number): Promise<Buffer | undefined> {
    const path = this.path(key);
    const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW).catch((cause: NodeJS.ErrnoException) => {
      if (cause.code === 'ENOENT') return undefined;
      if (cause.code === 'ELOOP') throw new MaestroError('SYMLINK_REFUSED', `${key} in ${this.url} is a symbolic link, which is never followed`, { file: path, remedy: 'stored objects are regular files written by maestro; replace the link with the file it stands for.', cause });
      throw new MaestroError('FILE_UNREADABLE', `${key} in ${this.url} cannot be read (${cause.code})`, { file: path, remedy: 'check the file and its permissions.', cause });
    });
    if (!handle) return undefined;
    try {
      const { size } = await handle.stat();
      if (size > maxBytes) throw new MaestroError('FILE_TOO_LARGE', `${key} in ${this.url} is ${size} bytes, more than ${maxBytes}`, { file: path, remedy: 'this is not a file maestro wrote; check the bundle.' });
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  }

  async list(): Promise<string[]> {
    const out: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else out.push(relative(this.root, full).split(sep).join('/'));
      }
    };
    await walk(this.root);
    return out.sort();
  }

  async create(key: string, bytes: Buffer): Promise<boolean> {
    const target = this.path(key);
    // Written outside the key's folder, so a listing never shows half-written objects.
    const tmp = join(this.root, '.partial', `${process.pid}-${randomUUID()}`);
    try {
      await mkdir(dirname(target), { recursive: true });
      await mkdir(dirname(tmp), { recursive: true });
      await writeFile(tmp, bytes, { flag: 'wx', mode: 0o444 });
      // link() fails when the name exists, even when another process created it a moment ago.
      return await link(tmp, target).then(
        () => true,
        (cause: NodeJS.ErrnoException) => {
          if (cause.code === 'EEXIST') return false;
          throw cause;
        },
      );
    } catch (cause) {
      throw new MaestroError('STORE_ACCESS', `cannot write ${key} to ${this.url} (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`, { file: target, remedy: 'check that the store folder is writable and has space.', cause });
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
  }

  async versions(key: string, maxBytes: number): Promise<Array<{ bytes: Buffer }>> {
    const bytes = await this.read(key, maxBytes);
    return bytes ? [{ bytes }] : [];
  }

  at(path: string): FileStore {
    return new FileStore(resolve(this.root, path));
  }

  private path(key: string): string {
    const full = resolve(this.root, key);
    if (!full.startsWith(this.root + sep)) throw new MaestroError('ARTIFACT_REFUSED', `key ${key} leaves the store folder`, { remedy: 'use relative keys without .. segments.' });
    return full;
  }

  private same(key: string, existing: StoredObject, expected: { sha256: string; size: number }): StoredObject {
    if (existing.sha256 === expected.sha256 && existing.size === expected.size) return existing;
    throw new MaestroError('STORE_OBJECT_EXISTS', `${key} is already stored in ${this.url} with other content (sha256 ${existing.sha256})`, { remedy: 'stored evidence is never replaced: publish under a new release tag.' });
  }
}
