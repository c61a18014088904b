import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { MaestroError } from '../../core/errors.js';
import type { SchemaBytes, SchemaReader } from '../../core/ports/schema-reader.js';
import { readInputFile } from '../fs/read-input-file.js';

const run = promisify(execFile);

/** Largest schema read: GitHub's public schema is 1.2 MB of SDL and 5 MB of introspection JSON. */
export const MAX_SCHEMA_BYTES = 25 * 1024 * 1024;

/**
 * Reads a schema named as a file path, or as `<git ref>:<path>` (`origin/main:schema.graphql`),
 * read from the repository in the current directory with `git show`. A path that exists as a file
 * wins over the `ref:path` reading. Sizes are checked before reading.
 */
export async function readSchemaSource(spec: string, what: string, maxBytes = MAX_SCHEMA_BYTES): Promise<SchemaBytes> {
  const gitSpec = /^([^:]+):(.+)$/.exec(spec);
  if (existsSync(spec) || !gitSpec) return { bytes: await readInputFile(spec, what, maxBytes), source: spec };
  const [, ref, path] = gitSpec as unknown as [string, string, string];
  if (ref.startsWith('-')) throw new MaestroError('USAGE', `${what} ${spec}: a git ref cannot start with "-"`, { remedy: 'name a branch, tag or commit.' });
  const object = `${ref}:${path}`;
  const size = Number(await git(['cat-file', '-s', object], spec, what));
  if (size > maxBytes) throw new MaestroError('FILE_TOO_LARGE', `${what} ${spec} is ${size} bytes, more than the limit of ${maxBytes}`, { file: spec, remedy: 'pass the right file; this limit protects the gate from runaway or hostile input.' });
  const { stdout } = await run('git', ['cat-file', 'blob', object], { encoding: 'buffer', maxBuffer: maxBytes + 1 }).catch((cause: unknown) => {
    throw gitError(cause, spec, what);
  });
  return { bytes: stdout, source: path.replace(/^\.\//, ''), ref };
}

/** The SchemaReader port over local files and the git repository of the current directory. */
export const gitSchemaReader: SchemaReader = { read: (spec, what) => readSchemaSource(spec, what) };

async function git(args: string[], spec: string, what: string): Promise<string> {
  try {
    return (await run('git', args, { maxBuffer: 1 << 20 })).stdout.trim();
  } catch (cause) {
    throw gitError(cause, spec, what);
  }
}

function gitError(cause: unknown, spec: string, what: string): MaestroError {
  const stderr = String((cause as { stderr?: unknown }).stderr ?? '').trim().split('\n')[0] ?? '';
  return new MaestroError('GIT_FAILED', `${what} ${spec} cannot be read from git${stderr ? `: ${stderr}` : ''}`, {
    file: spec,
    remedy: 'check the ref and path; in a workflow, check out with fetch-depth: 0 (or fetch the base branch) so the base ref exists.',
    cause,
  });
}
