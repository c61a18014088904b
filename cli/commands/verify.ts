import { renderVerification } from '../../core/bundle/render-verification.js';
import { verifyBundle } from '../../flows/verify-bundle.js';
import { fsInputFiles } from '../../adapters/fs/read-input-file.js';
import { printOut } from '../../adapters/fs/write-output.js';
import { verifySigstoreBundle } from '../../adapters/sigstore/verify-sigstore-bundle.js';
import { storeOpener } from '../../adapters/store/open-store.js';

/** Options of `maestro verify`, as the command line gives them. */
export interface VerifyOptions {
  identity?: string;
  issuer?: string;
  key?: string;
  trustedRoot?: string;
  releases?: string;
  offline?: boolean;
  allowUnsigned?: boolean;
  now?: string;
  format: 'text' | 'json';
}

/** `maestro verify` (also `ig-verify`): check a release bundle end to end. Exit 0 only when every check holds. */
export async function verifyCommand(location: string, options: VerifyOptions): Promise<number> {
  const result = await verifyBundle({
    location,
    identity: options.identity,
    issuer: options.issuer,
    keyFile: options.key,
    trustedRootFile: options.trustedRoot,
    releases: options.releases,
    offline: options.offline,
    allowUnsigned: options.allowUnsigned,
    now: new Date(),
  }, { stores: storeOpener, inputFiles: fsInputFiles, verify: verifySigstoreBundle });
  await printOut(options.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : renderVerification(result));
  return result.ok ? 0 : 1;
}
