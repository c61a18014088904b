/**
 * Keeps V8's compiled code of the CLI bundles between runs, so a `maestro` start does not parse and
 * compile the same few hundred KiB of JavaScript every time.
 *
 * The bundles' CommonJS compile step is wrapped: each bundle is compiled as a `vm.Script` with the
 * cached data of an earlier run, and when there was none (or V8 rejected it), the code cache is
 * written at exit, after the run, so it holds the functions the run actually compiled and not only
 * the top level. That is why this is used on Node 22.1+ too, where `module.enableCompileCache()`
 * exists: its cache made `maestro gate` start at 2.97x `node -e 0` on Node 24, this one at 2.31x
 * (BENCHMARKS.md). Node's own cache is the fallback where the compile step cannot be wrapped.
 *
 * Safety: a code cache is executable, so it is keyed by the sha256 of the exact source (V8 itself
 * checks little more than the length), kept in a folder only the current user can write, and
 * written atomically. Any failure falls back to a normal compile. `NODE_DISABLE_COMPILE_CACHE=1`
 * turns it off and `MAESTRO_COMPILE_CACHE=<dir>` chooses the folder, as for Node's own cache.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, writeFileSync, constants as fsConstants } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { Script } from 'node:vm';

type Compile = (this: CompilingModule, content: string, filename: string) => unknown;
interface CompilingModule {
  exports: unknown;
  require: (id: string) => unknown;
  paths: string[];
}

/** Where the cache lives; per user and per Node version (a cache from another V8 is useless). */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  const base = env.MAESTRO_COMPILE_CACHE || join(tmpdir(), `maestro-compile-cache-${uid}`);
  return join(base, `${process.version}-${process.arch}`);
}

/**
 * Turns the cache on for the CommonJS bundles under `bundleDir`. Returns how it is done: `node`
 * (Node's own cache), `maestro` (the fallback below) or `off`.
 */
export function enableCompileCache(bundleDir: string, env: NodeJS.ProcessEnv = process.env): 'node' | 'maestro' | 'off' {
  if (env.NODE_DISABLE_COMPILE_CACHE) return 'off';
  const proto = Module.prototype as unknown as { _compile?: Compile };
  const original = proto._compile;
  if (typeof original !== 'function' || typeof Module.wrap !== 'function') {
    const nodeCache = (Module as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache;
    if (!nodeCache) return 'off';
    nodeCache(env.MAESTRO_COMPILE_CACHE || undefined);
    return 'node';
  }
  const dir = compileCacheDir(env);
  const prefix = bundleDir.endsWith(sep) ? bundleDir : bundleDir + sep;
  const pending: { script: Script; file: string }[] = [];

  proto._compile = function compileWithCache(this: CompilingModule, content: string, filename: string): unknown {
    if (!filename.startsWith(prefix)) return original.call(this, content, filename);
    const file = join(dir, `${createHash('sha256').update(content).digest('hex')}.v8`);
    const cachedData = readCache(file);
    const script = new Script(Module.wrap(content), { filename, cachedData });
    if (!cachedData || script.cachedDataRejected) pending.push({ script, file });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    const require = makeRequire(this);
    return wrapper.call(this.exports, this.exports, require, this, filename, dirname(filename));
  };

  process.once('exit', () => {
    if (pending.length === 0 || !ensurePrivateDir(dir)) return;
    for (const { script, file } of pending) writeCache(file, script.createCachedData());
  });
  return 'maestro';
}

/** The `require` a CommonJS module body receives, as Node builds it. */
function makeRequire(mod: CompilingModule): NodeJS.Require {
  const moduleClass = Module as unknown as { _resolveFilename: (request: string, parent: unknown, isMain: boolean, options?: unknown) => string; _cache: NodeJS.Require['cache'] };
  const require = ((id: string) => mod.require(id)) as NodeJS.Require;
  require.resolve = ((request: string, options?: unknown) => moduleClass._resolveFilename(request, mod, false, options)) as NodeJS.RequireResolve;
  require.resolve.paths = () => mod.paths;
  require.cache = moduleClass._cache;
  require.main = process.mainModule;
  return require;
}

/** Reads a cache file only when the current user owns it and nobody else can write it. */
function readCache(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW);
    const stat = fstatSync(fd);
    if (!stat.isFile() || !ownedPrivately(stat) || stat.size === 0 || stat.size > 64 * 1024 * 1024) return undefined;
    const data = Buffer.allocUnsafe(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, data, read, stat.size - read, read);
      if (n === 0) return undefined;
      read += n;
    }
    return data;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function ownedPrivately(stat: { uid: number; mode: number }): boolean {
  const uid = typeof process.getuid === 'function' ? process.getuid() : stat.uid;
  return stat.uid === uid && (stat.mode & 0o022) === 0;
}

/** Creates the cache folder (0700) and checks that it is ours and private before anything is written. */
function ensurePrivateDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    let fd: number | undefined;
    try {
      fd = openSync(dir, fsConstants.O_RDONLY | fsConstants.O_DIRECTORY | fsConstants.O_NOFOLLOW);
      return ownedPrivately(fstatSync(fd));
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  } catch {
    return false;
  }
}

function writeCache(file: string, data: Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, data, { mode: 0o600, flag: 'wx' });
    renameSync(temp, file);
  } catch {
    // A cache that cannot be written only costs the next start its compile time.
  }
}
