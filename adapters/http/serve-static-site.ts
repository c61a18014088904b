import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, sep } from 'node:path';
import { MaestroError } from '../../core/errors.js';
import { CONTENT_SECURITY_POLICY } from '../../core/portal/render-layout.js';

/** A running static server. */
export interface StaticServer {
  /** `http://127.0.0.1:<port>/`. */
  url: string;
  server: Server;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Evidence shown as plain text (readable in the browser, never run); anything else downloads. */
const TEXT_EVIDENCE = new Set(['.json', '.jsonl', '.txt', '.md', '.csv', '.log']);

/**
 * Serves a built portal site from `root` on 127.0.0.1 only (a local look, not a public server): GET
 * and HEAD, no listing, and no way out of the folder: a path with a `..` or `.` segment, an encoded
 * slash, backslash or NUL is refused, and a file reached through a symbolic link must still lie in
 * the folder. The evidence copies under `bundles/` are served as downloads in a sandbox, never as
 * pages, so an HTML or SVG artifact cannot run script in the site's origin.
 */
export async function serveStaticSite(root: string, options: { port?: number } = {}): Promise<StaticServer> {
  const base = await realpath(root).catch((cause: NodeJS.ErrnoException) => {
    throw new MaestroError('FILE_NOT_FOUND', `site folder ${root} cannot be read (${cause.code})`, { file: root, remedy: 'pass the --out folder of maestro portal build.', cause });
  });
  if (!(await stat(base)).isDirectory()) throw new MaestroError('NOT_A_FILE', `site ${root} is not a folder`, { file: root, remedy: 'pass the --out folder of maestro portal build.' });
  const server = createServer((req, res) => {
    handle(base, req, res).catch(() => send(res, 500, 'could not read the file'));
  });
  await new Promise<void>((ready, fail) => {
    server.once('error', (cause: NodeJS.ErrnoException) => fail(new MaestroError('USAGE', `cannot listen on 127.0.0.1:${options.port ?? 0} (${cause.code})`, { remedy: 'pick another --port, or 0 for any free one.', cause })));
    server.listen(options.port ?? 0, '127.0.0.1', ready);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    server,
    close: () => new Promise((closed) => {
      server.closeAllConnections();
      server.close(() => closed());
    }),
  };
}

/** The file below `base` a request path names, or undefined when the path is refused. */
export function resolveSitePath(base: string, rawUrl: string): string | undefined {
  const path = rawUrl.split(/[?#]/, 1)[0]!;
  if (!path.startsWith('/') || path.includes('\\') || path.includes('\0')) return undefined;
  const segments: string[] = [];
  for (const raw of path.split('/').slice(1)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) return undefined;
    if (segment !== '') segments.push(segment);
  }
  const target = join(base, ...segments);
  return target === base || target.startsWith(`${base}${sep}`) ? target : undefined;
}

async function handle(base: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'only GET and HEAD', { allow: 'GET, HEAD' });
  let target = resolveSitePath(base, req.url ?? '/');
  if (!target) return send(res, 400, 'bad path');
  let info = await stat(target).catch(() => undefined);
  if (info?.isDirectory()) {
    target = join(target, 'index.html');
    info = await stat(target).catch(() => undefined);
  }
  if (!info?.isFile()) return send(res, 404, 'not found');
  // A symbolic link inside the site must not lead out of it.
  const real = await realpath(target);
  if (real !== base && !real.startsWith(`${base}${sep}`)) return send(res, 404, 'not found');
  const evidence = real.startsWith(`${join(base, 'bundles')}${sep}`);
  const ext = extname(real).toLowerCase();
  res.writeHead(200, {
    'content-type': evidence ? (TEXT_EVIDENCE.has(ext) ? 'text/plain; charset=utf-8' : 'application/octet-stream') : (TYPES[ext] ?? 'application/octet-stream'),
    'content-length': info.size,
    'x-content-type-options': 'nosniff',
    'content-security-policy': evidence ? "sandbox; default-src 'none'" : CONTENT_SECURITY_POLICY,
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(real).on('error', () => res.destroy()).pipe(res);
}

function send(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', ...headers }).end(`${text}\n`);
}
