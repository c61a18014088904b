import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { MaestroError } from '../../core/errors.js';
import { parseJsonText } from '../../core/evidence/parse-json-text.js';
import type { InputFiles } from '../../core/ports/input-files.js';

/**
 * Reads a file the user named, refusing anything that is not a regular file or is larger than
 * `maxBytes` before reading it. Errors name the file, what it was for, and what to do.
 */
export async function readInputFile(path: string, what: string, maxBytes: number): Promise<Buffer> {
  let info;
  try {
    info = await stat(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new MaestroError('FILE_NOT_FOUND', `${what} ${path} does not exist`, { file: path, remedy: 'check the path; relative paths are resolved from the current directory.', cause });
    throw new MaestroError('FILE_UNREADABLE', `${what} ${path} cannot be read (${code ?? 'unknown error'})`, { file: path, remedy: 'check the file permissions.', cause });
  }
  if (!info.isFile()) throw new MaestroError('NOT_A_FILE', `${what} ${path} is not a regular file`, { file: path, remedy: `pass the path of a file${info.isDirectory() ? ', not a directory' : ''}.` });
  if (info.size > maxBytes) {
    throw new MaestroError('FILE_TOO_LARGE', `${what} ${path} is ${info.size} bytes, more than the limit of ${maxBytes}`, { file: path, remedy: 'pass the right file; this limit protects the gate from runaway or hostile input.' });
  }
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(info.size);
    let offset = 0;
    while (offset < info.size) {
      const { bytesRead } = await handle.read(buffer, offset, info.size - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    return offset === info.size ? buffer : buffer.subarray(0, offset);
  } finally {
    await handle.close();
  }
}

/** Reads a JSON file the user named; syntax errors become JSON_SYNTAX errors naming the file. */
export async function readJsonFile(path: string, what: string, maxBytes: number): Promise<unknown> {
  const bytes = await readInputFile(path, what, maxBytes);
  const parsed = parseJsonText(bytes);
  if (!parsed.ok) throw new MaestroError('JSON_SYNTAX', `${what} ${path} is ${parsed.message}`, { file: path, remedy: 'fix the JSON syntax at the given line and column.' });
  return parsed.value;
}

/**
 * Reads a regular file of at most `maxBytes` synchronously, checking the size on the open file
 * descriptor (so a file swapped or grown after a directory listing is still bounded). Returns
 * `undefined` when the file is larger than `maxBytes`. For one-shot commands reading many small
 * files, where awaiting each system call costs more than the reads themselves.
 */
export function readBoundedSync(path: string, maxBytes: number): Buffer | undefined {
  // O_NOFOLLOW: a path swapped for a symbolic link after it was listed is refused, not followed.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const size = fstatSync(fd).size;
    if (size > maxBytes) return undefined;
    const buffer = Buffer.alloc(size);
    let offset = 0;
    while (offset < size) {
      const read = readSync(fd, buffer, offset, size - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    return offset === size ? buffer : buffer.subarray(0, offset);
  } finally {
    closeSync(fd);
  }
}

/** The InputFiles port over the local file system. */
export const fsInputFiles: InputFiles = { read: readInputFile, readJson: readJsonFile };
