import { MaestroError } from '../../core/errors.js';
import { parseJsonText } from '../../core/evidence/parse-json-text.js';
import type { InputFiles } from '../../core/ports/input-files.js';

/** An in-memory `InputFiles` that also records what was read, in order. */
export interface MemoryInputFiles extends InputFiles {
  reads: string[];
}

/**
 * The InputFiles port over a map of path to content (text, bytes, or a value written as JSON), with
 * the errors of the file adapter: a missing path is FILE_NOT_FOUND, a file over the limit
 * FILE_TOO_LARGE before it is "read", text that is not JSON JSON_SYNTAX. For flow tests that need
 * inputs, not a disk.
 */
export function memoryInputFiles(files: Record<string, string | Buffer | object>): MemoryInputFiles {
  const fake: MemoryInputFiles = {
    reads: [],
    async read(path, what, maxBytes) {
      const content = files[path];
      if (content === undefined) throw new MaestroError('FILE_NOT_FOUND', `${what} ${path} does not exist`, { file: path, remedy: 'check the path.' });
      const bytes = Buffer.isBuffer(content) ? content : Buffer.from(typeof content === 'string' ? content : JSON.stringify(content));
      if (bytes.length > maxBytes) throw new MaestroError('FILE_TOO_LARGE', `${what} ${path} is ${bytes.length} bytes, more than the limit of ${maxBytes}`, { file: path });
      fake.reads.push(path);
      return bytes;
    },
    async readJson(path, what, maxBytes) {
      const parsed = parseJsonText(await fake.read(path, what, maxBytes));
      if (!parsed.ok) throw new MaestroError('JSON_SYNTAX', `${what} ${path} is ${parsed.message}`, { file: path });
      return parsed.value;
    },
  };
  return fake;
}
