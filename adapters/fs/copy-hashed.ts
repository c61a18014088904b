import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { MaestroError } from '../../core/errors.js';
import type { FileDigest } from '../../core/ports/bundle-files.js';
import { describeFileType } from './read-input-file.js';

/** Read size: small enough that a chunk is still in the CPU cache when it is written after hashing. */
const CHUNK_BYTES = 256 * 1024;
/** Copier threads: one per core, at most four (past that the disk, not the CPU, sets the pace). */
const MAX_THREADS = 4;
/** Errors of a copy-on-write clone that mean "this file system (or this pair of them) cannot clone": later files are not tried. */
const CANNOT_CLONE = new Set(['ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'EINVAL', 'ENOSYS', 'ENOTTY']);

/**
 * The copier thread, in plain JavaScript using only Node's built-in modules, so that it runs the
 * same from the TypeScript sources, from any bundle and in the tests. For each job it opens the
 * source without blocking (a named pipe is refused, not waited on) and checks it is a regular file;
 * then, when asked and the file system can, it clones the file (copy-on-write, no data copied) and
 * hashes the clone; otherwise it reads the source once, hashing and writing each chunk from the same
 * buffer, into a new file (O_EXCL: never over another). The copy is made read-only for everyone.
 * A failure answers with the step that failed and the errno code.
 */
const COPIER = `'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { createHash } = require('node:crypto');
const { O_RDONLY, O_NONBLOCK, O_WRONLY, O_CREAT, O_EXCL, COPYFILE_EXCL, COPYFILE_FICLONE_FORCE } = fs.constants;
const buffer = Buffer.allocUnsafe(workerData.chunkBytes);
function close(fd) { if (fd !== undefined) try { fs.closeSync(fd); } catch {} }
function run({ source, target, clone }) {
  let step = 'open', input, output, cloneFailed;
  try {
    input = fs.openSync(source, O_RDONLY | O_NONBLOCK);
    const info = fs.fstatSync(input);
    if (!info.isFile()) return { step: 'type', mode: info.mode };
    if (clone) {
      try { fs.copyFileSync(source, target, COPYFILE_EXCL | COPYFILE_FICLONE_FORCE); } catch (error) { cloneFailed = error.code || 'EIO'; }
      if (cloneFailed === undefined) { close(input); input = fs.openSync(target, O_RDONLY); }
    }
    step = 'create';
    if (cloneFailed !== undefined || !clone) output = fs.openSync(target, O_WRONLY | O_CREAT | O_EXCL, 0o444);
    const hash = createHash('sha256');
    let size = 0;
    for (;;) {
      step = 'read';
      const n = fs.readSync(input, buffer, 0, buffer.length, null);
      if (n === 0) break;
      const chunk = buffer.subarray(0, n);
      hash.update(chunk);
      step = 'write';
      if (output !== undefined) for (let done = 0; done < n; ) done += fs.writeSync(output, chunk, done, n - done, size + done);
      size += n;
    }
    step = 'write';
    fs.chmodSync(target, 0o444);
    return { sha256: hash.digest('hex'), size, cloned: clone && cloneFailed === undefined, cloneFailed };
  } catch (error) {
    return { step, code: error.code || 'EIO', cloneFailed };
  } finally {
    close(output);
    close(input);
  }
}
parentPort.on('message', (job) => parentPort.postMessage({ id: job.id, ...run(job) }));
`;

/** What the copier thread answers. */
interface Answer {
  id: number;
  sha256?: string;
  size?: number;
  cloned?: boolean;
  /** Why the clone was not made (an errno code); the file was copied instead. */
  cloneFailed?: string;
  step?: 'open' | 'type' | 'create' | 'read' | 'write';
  code?: string;
  mode?: number;
}

interface Job {
  id: number;
  source: string;
  target: string;
  name: string;
  resolve: (answer: Answer) => void;
  reject: (error: Error) => void;
}

/** A copy made by the copier: the digest of the copy's bytes, and whether it was cloned or why not. */
export interface CopiedFile extends FileDigest {
  cloned: boolean;
  cloneFailed?: string;
}

/** Copier threads for one bundle draft: `copy` queues a file, `close` stops the threads. */
export interface Copier {
  /**
   * Copies `source` to the new file `target` (`name` is its bundle path, for messages), cloning it
   * where the file system can, and resolves to the digest of the copy. Copies run on the copier
   * threads in the order they were asked for, several at once. Once a clone fails because the file
   * system cannot clone, the later files are copied without trying.
   */
  copy(source: string, target: string, name: string): Promise<CopiedFile>;
  /** Refuses the queued copies, waits for the running ones to stop and ends the threads. */
  close(): Promise<void>;
}

/** Copier threads, started as copies are asked for: one per core, at most four; `clone: false` never clones. */
export function startCopier({ threads = Math.max(1, Math.min(MAX_THREADS, availableParallelism())), clone = true } = {}): Copier {
  const queue: Job[] = [];
  const idle: Worker[] = [];
  const running = new Map<Worker, Job>();
  const workers: Worker[] = [];
  let nextId = 0;
  let closed: Error | undefined;

  const dispatch = () => {
    // A thread is started when there is a copy for it: a bundle of one file starts one.
    while (idle.length < queue.length && workers.length < threads) spawn();
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop()!;
      const job = queue.shift()!;
      running.set(worker, job);
      // A thread at work keeps the process alive (the caller is waiting for it); an idle one does not.
      worker.ref();
      worker.postMessage({ id: job.id, source: job.source, target: job.target, clone });
    }
  };
  /** A thread that died (out of memory, say) fails its copy and every queued one: none would be answered. */
  const fail = (error: Error) => {
    closed ??= error;
    for (const job of [...running.values(), ...queue.splice(0)]) job.reject(error);
    running.clear();
  };
  const spawn = () => {
    // No inherited flags: the code is a CommonJS script even when the process runs ES modules (--input-type=module).
    const worker = new Worker(COPIER, { eval: true, execArgv: [], workerData: { chunkBytes: CHUNK_BYTES } });
    // Idle, it must not keep the process alive (unref() before the thread is online does not hold).
    worker.on('online', () => {
      if (!running.has(worker)) worker.unref();
    });
    worker.on('message', (answer: Answer) => {
      const job = running.get(worker);
      running.delete(worker);
      if (answer.cloneFailed && CANNOT_CLONE.has(answer.cloneFailed)) clone = false;
      worker.unref();
      idle.push(worker);
      job?.resolve(answer);
      dispatch();
    });
    worker.on('error', (error) => fail(new MaestroError('FILE_UNREADABLE', `copying the artifacts failed: ${error.message}`, { remedy: 'run the command again; if it fails the same way, report it.', cause: error })));
    workers.push(worker);
    idle.push(worker);
  };

  return {
    async copy(source, target, name) {
      if (closed) throw closed;
      const answer = await new Promise<Answer>((resolve, reject) => {
        queue.push({ id: nextId++, source, target, name, resolve, reject });
        dispatch();
      });
      return toCopiedFile(answer, source, target, name);
    },
    async close() {
      const error = new MaestroError('USAGE', 'the bundle draft was closed before this artifact was copied', { remedy: 'see the error that stopped the build.' });
      closed ??= error;
      for (const job of queue.splice(0)) job.reject(error);
      // Running copies stop with their threads, before the caller removes the draft folder.
      await Promise.all(workers.map((w) => w.terminate()));
      fail(error);
    },
  };
}

function toCopiedFile(answer: Answer, source: string, target: string, name: string): CopiedFile {
  if (answer.sha256 !== undefined) return { sha256: answer.sha256, size: answer.size!, cloned: answer.cloned === true, ...(answer.cloneFailed ? { cloneFailed: answer.cloneFailed } : {}) };
  const code = answer.code ?? 'EIO';
  switch (answer.step) {
    case 'type':
      throw new MaestroError('NOT_A_FILE', `artifact ${name} is ${describeFileType(fileType(answer.mode ?? 0))}, not a regular file`, { file: source, remedy: 'remove sockets, pipes and devices (and links to them) from the artifacts folder.' });
    case 'create':
      throw new MaestroError('FILE_UNREADABLE', `the copy of artifact ${name} cannot be created (${code})`, { file: target, remedy: 'check the free space and permissions of the output folder.' });
    case 'write':
      throw new MaestroError('FILE_UNREADABLE', `the copy of artifact ${name} cannot be written (${code})`, { file: target, remedy: 'check the free space of the output folder\'s file system.' });
    default:
      throw new MaestroError('FILE_UNREADABLE', `artifact ${name} cannot be read (${code})`, { file: source, remedy: 'check the file\'s permissions; every file of the artifacts folder must be readable.' });
  }
}

/** The file type tests of a `stat` mode, for `describeFileType`. */
function fileType(mode: number) {
  const type = mode & 0o170000;
  return {
    isDirectory: () => type === 0o040000,
    isFIFO: () => type === 0o010000,
    isSocket: () => type === 0o140000,
    isCharacterDevice: () => type === 0o020000,
    isBlockDevice: () => type === 0o060000,
    isSymbolicLink: () => type === 0o120000,
  };
}
