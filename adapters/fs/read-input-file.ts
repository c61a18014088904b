import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { MaestroError } from '../../core/errors.js';
import { parseJsonText } from '../../core/evidence/parse-json-text.js';
import type { InputFiles } from '../../core/ports/input-files.js';
import { formatBytes } from '../../core/util/format-bytes.js';

/**
 * Flags of every bounded read: O_NONBLOCK so that a path swapped for a named pipe after it was
 * checked cannot hang the open (regular files ignore the flag).
 */
const READ_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

/** The FILE_TOO_LARGE error of a file refused by its size, before any of it was read. */
export function fileTooLargeError(what: string, path: string, size: number, maxBytes: number): MaestroError {
  return new MaestroError('FILE_TOO_LARGE', `${what} ${path} is ${size} bytes, more than the limit of ${maxBytes} bytes (${formatBytes(maxBytes)}); it was not read`, {
    file: path,
    remedy: `check that this is the file you meant, and keep it under ${formatBytes(maxBytes)}; the limit keeps runaway or hostile input from stalling the gate.`,
  });
}

/** What kind of file system object `info` is, for messages: "a folder", "a named pipe (FIFO)", ... */
export function describeFileType(info: Stats | { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSymbolicLink(): boolean }): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/**
 * Reads a file the user named, refusing anything that is not a regular file or is larger than
 * `maxBytes` by its size on disk, before opening or reading it (a sparse 10 GB file is refused in
 * a millisecond). The size is checked again on the opened descriptor, and never more than that
 * size is read, so a file swapped or grown in between stays bounded. Errors name the file, what
 * it was for, and what to do.
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
  checkRegularFile(info, path, what, maxBytes);
  const handle = await open(path, READ_FLAGS);
  try {
    const opened = await handle.stat();
    checkRegularFile(opened, path, what, maxBytes);
    const buffer = Buffer.alloc(opened.size);
    let offset = 0;
    while (offset < opened.size) {
      const { bytesRead } = await handle.read(buffer, offset, opened.size - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    return offset === opened.size ? buffer : buffer.subarray(0, offset);
  } finally {
    await handle.close();
  }
}

function checkRegularFile(info: Stats, path: string, what: string, maxBytes: number): void {
  if (!info.isFile()) {
    throw new MaestroError('NOT_A_FILE', `${what} ${path} is ${describeFileType(info)}, not a regular file`, { file: path, remedy: `pass the path of a regular file${info.isDirectory() ? ', not a folder' : ''}.` });
  }
  if (info.size > maxBytes) throw fileTooLargeError(what, path, info.size, maxBytes);
}

/** Reads a JSON file the user named; syntax errors become JSON_SYNTAX errors naming the file, a repeated key JSON_DUPLICATE_KEY. */
export async function readJsonFile(path: string, what: string, maxBytes: number): Promise<unknown> {
  const bytes = await readInputFile(path, what, maxBytes);
  const parsed = parseJsonText(bytes);
  if (!parsed.ok && parsed.code === 'JSON_DUPLICATE_KEY') throw new MaestroError(parsed.code, `${what} ${path} is ${parsed.message}`, { file: path, pointer: parsed.pointer, remedy: 'keep one of the two keys named: a key may appear only once in a JSON object.' });
  if (!parsed.ok) throw new MaestroError('JSON_SYNTAX', `${what} ${path} is ${parsed.message}`, { file: path, remedy: 'fix the JSON syntax at the given line and column.' });
  return parsed.value;
}

/**
 * Reads a regular file of at most `maxBytes` synchronously, checking the size on the open file
 * descriptor (so a file swapped or grown after a directory listing is still bounded). Returns
 * `undefined` when the file is larger than `maxBytes`; throws NOT_A_FILE when the path is no
 * longer a regular file (opened without blocking, so a named pipe put in its place is refused,
 * not waited on). For one-shot commands reading many small files, where awaiting each system call
 * costs more than the reads themselves.
 */
export function readBoundedSync(path: string, maxBytes: number): Buffer | undefined {
  // O_NOFOLLOW: a path swapped for a symbolic link after it was listed is refused, not followed.
  const fd = openSync(path, READ_FLAGS | constants.O_NOFOLLOW);
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new MaestroError('NOT_A_FILE', `${path} is ${describeFileType(info)}, not a regular file`, { file: path, remedy: 'keep only regular files in the folder.' });
    const size = info.size;
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
