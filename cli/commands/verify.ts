import { renderVerification, type VerificationCheck } from '../../core/bundle/render-verification.js';
import { MaestroError } from '../../core/errors.js';
import { checkLedgerAgainstBundle } from '../../flows/ledger-witness.js';
import { verifyBundle } from '../../flows/verify-bundle.js';
import { fsInputFiles } from '../../adapters/fs/read-input-file.js';
import { printOut } from '../../adapters/fs/write-output.js';
import { verifySigstoreBundle } from '../../adapters/sigstore/verify-sigstore-bundle.js';
import { storeOpener } from '../../adapters/store/open-store.js';
import { readVersions } from '../../adapters/store/entry-reader.js';
import { streamKeys } from '../../adapters/store/stream-keys.js';

/** Options of `maestro verify`, as the command line gives them. */
export interface VerifyOptions {
  release?: string;
  identity?: string;
  issuer?: string;
  key?: string;
  trustedRoot?: string;
  releases?: string;
  offline?: boolean;
  allowUnsigned?: boolean;
  now?: string;
  format: 'text' | 'json';
  /** Audit ledger store URL: checked up to the head the bundle's manifest witnessed. */
  ledger?: string;
}

/** `maestro verify` (also `ig-verify`): check a release bundle end to end. Exit 0 only when every check holds. */
export async function verifyCommand(location: string, options: VerifyOptions): Promise<number> {
  if (options.ledger && options.offline && /^(?!file:)[a-z][a-z0-9+.-]*:\/\//i.test(options.ledger)) throw new MaestroError('USAGE', `--offline reads local folders only, not the ledger at ${options.ledger}`, { remedy: 'copy the ledger folder (aws s3 sync) and pass it, or drop --offline.' });
  const result = await verifyBundle({
    location,
    release: options.release,
    identity: options.identity,
    issuer: options.issuer,
    keyFile: options.key,
    trustedRootFile: options.trustedRoot,
    releases: options.releases,
    offline: options.offline,
    allowUnsigned: options.allowUnsigned,
    now: new Date(),
  }, { stores: storeOpener, inputFiles: fsInputFiles, verify: verifySigstoreBundle });
  if (options.ledger) {
    const held = await checkLedgerAgainstBundle(location, options.ledger, { stores: storeOpener, inputFiles: fsInputFiles, verify: verifySigstoreBundle, listKeys: streamKeys, readVersions });
    // 'ledger' is a check of this command, beside those verifyBundle makes: the bundle's manifest witnessed the ledger's head.
    result.checks.push({ check: 'ledger' as unknown as VerificationCheck['check'], subject: options.ledger, result: held.result, detail: held.detail });
    result.ok = result.ok && held.result === 'pass';
  }
  await printOut(options.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : renderVerification(result));
  return result.ok ? 0 : 1;
}
