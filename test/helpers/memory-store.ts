import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { MaestroError } from '../../core/errors.js';
import type { EvidenceStore, StoredObject } from '../../core/ports/evidence-store.js';

/**
 * An in-memory EvidenceStore, write-once as the real ones: `create` refuses a taken key, `put`
 * refuses other bytes under a stored key, reads return what was stored first. `at()` views share
 * the objects. `put` takes the bytes from `sources` (path to content), standing in for the files.
 */
export function memoryStore(url = 'memory://store', objects = new Map<string, Buffer>(), sources: Record<string, Buffer> = {}, prefix = ''): EvidenceStore & { objects: Map<string, Buffer> } {
  const full = (key: string) => (prefix ? `${prefix}/${key}` : key);
  const describe = (key: string, bytes: Buffer): StoredObject => ({ key, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), notes: [] });
  return {
    url,
    locking: false,
    objects,
    preflight: async () => undefined,
    async put(key, source, expected) {
      const bytes = sources[source];
      if (!bytes) throw new MaestroError('FILE_NOT_FOUND', `${source} does not exist`);
      const stored = objects.get(full(key));
      if (stored && describe(key, stored).sha256 !== expected.sha256) throw new MaestroError('STORE_OBJECT_EXISTS', `${key} is already stored in ${url} with other content`);
      if (!stored) objects.set(full(key), bytes);
      return describe(key, objects.get(full(key))!);
    },
    inspect: async (key) => (objects.has(full(key)) ? describe(key, objects.get(full(key))!) : undefined),
    read: async (key) => objects.get(full(key)),
    list: async () => [...objects.keys()].filter((k) => !prefix || k.startsWith(`${prefix}/`)).map((k) => (prefix ? k.slice(prefix.length + 1) : k)).sort(),
    at(relative) {
      const next = posix.normalize(posix.join(prefix || '.', relative)).replace(/^\.\/?|\/$/g, '');
      return memoryStore(`${url.split('/').slice(0, 3).join('/')}${next === '.' || next === '' ? '' : `/${next}`}`, objects, sources, next === '.' ? '' : next);
    },
    async create(key, bytes) {
      if (objects.has(full(key))) return false;
      objects.set(full(key), bytes);
      return true;
    },
    versions: async (key) => (objects.has(full(key)) ? [{ bytes: objects.get(full(key))! }] : []),
  };
}
