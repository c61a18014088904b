import { MaestroError } from '../../core/errors.js';
import { buildPortal } from '../../flows/portal/build-portal.js';
import { loadCatalog } from '../../adapters/fs/load-catalog.js';
import { fsInputFiles } from '../../adapters/fs/read-input-file.js';
import { startPortalSite } from '../../adapters/fs/start-portal-site.js';
import { printOut } from '../../adapters/fs/write-output.js';
import { serveStaticSite } from '../../adapters/http/serve-static-site.js';
import { verifySigstoreBundle } from '../../adapters/sigstore/verify-sigstore-bundle.js';
import { storeOpener } from '../../adapters/store/open-store.js';

/** Options of `maestro portal build`. */
export interface PortalBuildOptions {
  store: string;
  out: string;
  ledger?: string;
  key?: string;
  identity?: string;
  issuer?: string;
  trustedRoot?: string;
  allowUnsigned?: boolean;
  catalog?: string;
  now?: string;
  format: 'text' | 'json';
}

/** `maestro portal build`: the static evidence site of a store. Exit 0 when every release verified, 1 when some did not (they are in the site, in red). */
export async function portalBuildCommand(options: PortalBuildOptions): Promise<number> {
  const now = options.now === undefined ? new Date() : new Date(options.now);
  if (Number.isNaN(now.getTime()) || (options.now !== undefined && !/^\d{4}-\d{2}-\d{2}T/.test(options.now))) throw new MaestroError('USAGE', `--now '${options.now}' is not an RFC 3339 time`, { remedy: 'write it like 2026-11-20T12:00:00Z.' });
  const signer = options.key ? `--key ${options.key}` : options.identity ? `--identity '${options.identity}'${options.issuer ? ` --issuer ${options.issuer}` : ''}` : options.allowUnsigned ? '--allow-unsigned' : '--key release-signing.pub.pem';
  const built = await buildPortal({
    store: options.store,
    ledger: options.ledger,
    outDir: options.out,
    catalog: (await loadCatalog(options.catalog)).controls,
    keyFile: options.key,
    identity: options.identity,
    issuer: options.issuer,
    trustedRootFile: options.trustedRoot,
    allowUnsigned: options.allowUnsigned,
    signerOptions: signer,
    now,
  }, { stores: storeOpener, inputFiles: fsInputFiles, verify: verifySigstoreBundle, startSite: startPortalSite });
  const failed = built.releases.filter((r) => !r.ok);
  if (options.format === 'json') {
    await printOut(`${JSON.stringify(built, null, 2)}\n`);
  } else {
    const lines = [
      `portal of ${built.releases.length} release(s) in ${built.dir}: ${built.pages} pages, largest ${built.largestPage.path} (${built.largestPage.bytes} bytes)`,
      ...built.releases.map((r) => `  ${r.ok ? 'verified     ' : 'NOT VERIFIED '} ${r.release}${r.ok ? '' : ` (${r.failed} failed check(s))`}`),
      `open ${built.dir}/index.html, or: maestro portal serve ${built.dir}`,
    ];
    await printOut(`${lines.join('\n')}\n`);
  }
  return failed.length > 0 ? 1 : 0;
}

/** `maestro portal serve`: serve a built site on 127.0.0.1 until interrupted. */
export async function portalServeCommand(dir: string, options: { port: string }): Promise<number> {
  const port = Number(options.port);
  if (!/^\d{1,5}$/.test(options.port) || port > 65535) throw new MaestroError('USAGE', `--port '${options.port}' is not a port number`, { remedy: 'pass a number from 0 (any free port) to 65535.' });
  const server = await serveStaticSite(dir, { port });
  await printOut(`serving ${dir} at ${server.url} (127.0.0.1 only); press Ctrl+C to stop\n`);
  await new Promise<void>((stop) => {
    const end = (): void => {
      process.off('SIGINT', end);
      process.off('SIGTERM', end);
      void server.close().then(stop);
    };
    process.on('SIGINT', end);
    process.on('SIGTERM', end);
  });
  return 0;
}
