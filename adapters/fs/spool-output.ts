import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { MaestroError } from '../../core/errors.js';

/** Output written while it is still unknown whether it may be published: held aside, then published whole or dropped. */
export interface Spool {
  /** Appends text (buffered, written synchronously: a ledger export writes one row at a time). */
  write(text: string): void;
  /** Publishes what was written, after `prefix`: renamed into `out` (atomically), or copied to standard output. */
  commit(prefix?: string): Promise<void>;
  /** Drops what was written: nothing reaches `out` or standard output. */
  discard(): Promise<void>;
}

/** Rows are joined and written 16 KiB at a time: few writes, and no row outlives the young generation. */
const FLUSH_AT = 16 * 1024;

/**
 * A spool for output bound for `out` (beside it, so publishing is a rename) or for standard output
 * (in the temporary folder). Memory stays at one 16 KiB buffer whatever is written.
 */
export async function openSpool(out?: string): Promise<Spool> {
  const path = out ? join(dirname(out), `.${basename(out)}.${process.pid}.${randomUUID()}.partial`) : join(tmpdir(), `maestro-spool-${process.pid}-${randomUUID()}`);
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (cause) {
    throw new MaestroError('FILE_UNREADABLE', `cannot write ${out ?? path} (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, { file: out ?? path, remedy: 'check that the folder exists and is writable.', cause });
  }
  let pending: string[] = [];
  let size = 0;
  let closed = false;
  const flush = (): void => {
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    size = 0;
    writeSync(fd, text);
  };
  const close = (): void => {
    if (closed) return;
    closed = true;
    closeSync(fd);
  };
  return {
    write(text) {
      pending.push(text);
      size += text.length;
      if (size >= FLUSH_AT) flush();
    },
    async commit(prefix = '') {
      flush();
      close();
      try {
        if (out && !prefix) await rename(path, out);
        else if (out) await copyInto(path, prefix, out);
        else await copyTo(path, prefix, process.stdout);
      } finally {
        await unlink(path).catch(() => undefined);
      }
    },
    async discard() {
      pending = [];
      close();
      await unlink(path).catch(() => undefined);
    },
  };
}

/** `prefix` then the spool, into a new file beside `out`, renamed into place. */
async function copyInto(spool: string, prefix: string, out: string): Promise<void> {
  const tmp = join(dirname(out), `.${basename(out)}.${process.pid}.${randomUUID()}.tmp`);
  const target = await open(tmp, 'wx', 0o644);
  try {
    await target.write(prefix);
    for await (const chunk of createReadStream(spool)) await target.write(chunk as Buffer);
  } finally {
    await target.close();
  }
  await rename(tmp, out).catch(async (cause: NodeJS.ErrnoException) => {
    await unlink(tmp).catch(() => undefined);
    throw new MaestroError('FILE_UNREADABLE', `cannot write ${out} (${cause.code ?? 'error'})`, { file: out, remedy: 'check that the folder exists and is writable.', cause });
  });
}

/** `prefix` then the spool, to a stream (standard output), waiting for it to drain. */
async function copyTo(spool: string, prefix: string, stream: NodeJS.WritableStream): Promise<void> {
  const write = (chunk: string | Buffer): Promise<void> => new Promise((resolve) => (stream.write(chunk) ? resolve() : stream.once('drain', () => resolve())));
  if (prefix) await write(prefix);
  for await (const chunk of createReadStream(spool)) await write(chunk as Buffer);
}
