import { openLedger, type OpenedLedger, type OpenLedgerOptions } from '../../flows/open-ledger.js';
import type { BuildBundleIo } from '../../flows/build-bundle.js';
import type { VerifyBundleIo } from '../../flows/verify-bundle.js';
import { fsBundleFiles } from '../../adapters/fs/fs-bundle-files.js';
import { fsInputFiles } from '../../adapters/fs/read-input-file.js';
import { verifySigstoreBundle } from '../../adapters/sigstore/verify-sigstore-bundle.js';
import { openStore, storeOpener } from '../../adapters/store/open-store.js';
import { previousManifestReader } from '../../adapters/store/read-previous-manifest.js';

/** The real adapters a bundle is built through, as `maestro evidence bundle` wires them. */
export const buildIo: BuildBundleIo = { bundleFiles: fsBundleFiles, stores: storeOpener, previousManifests: previousManifestReader };

/** The real adapters bundles and ledgers are verified through, as `maestro verify` and `maestro ledger verify` wire them. */
export const verifyIo: VerifyBundleIo = { stores: storeOpener, inputFiles: fsInputFiles, verify: verifySigstoreBundle };

/** The audit ledger at a folder or store URL, opened through the real store adapter as the app and the CLI open it. */
export async function openLedgerAt(location: string, options?: OpenLedgerOptions): Promise<OpenedLedger> {
  return openLedger(await openStore(location), options);
}
