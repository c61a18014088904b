import type { PlannedPack } from '../../core/bundle/plan-evidence-pack.js';
import { MaestroError } from '../../core/errors.js';
import { packForRelease as gatherReleasePack, publisherLogin, renderMissingRequired as renderRefusal, type PackOptions, type PackRelease } from '../../flows/gather-evidence-pack.js';
import { fsBundleFiles } from '../../adapters/fs/fs-bundle-files.js';
import { loadCatalog } from '../../adapters/fs/load-catalog.js';
import { fsInputFiles } from '../../adapters/fs/read-input-file.js';
import { storeOpener } from '../../adapters/store/open-store.js';
import { previousManifestReader } from '../../adapters/store/read-previous-manifest.js';

export type { PackOptions } from '../../flows/gather-evidence-pack.js';

/**
 * The evidence pack of `maestro evidence bundle`, gathered by the flow the release action shares
 * (flows/gather-evidence-pack.ts) from the files and stores the flags name; the override is
 * recorded in the name of `$GITHUB_ACTOR`.
 */
export async function packForRelease(options: PackOptions, release: Omit<PackRelease, 'by'>): Promise<PlannedPack | undefined> {
  if (options.overrideRequired !== undefined && options.overrideRequired.trim() === '') throw new MaestroError('USAGE', '--override-required needs a reason', { remedy: 'say why the release goes out without the required evidence: --override-required "<reason>".' });
  return gatherReleasePack(options, { ...release, by: publisherLogin(process.env.GITHUB_ACTOR) }, { stores: storeOpener, bundleFiles: fsBundleFiles, inputFiles: fsInputFiles, loadCatalog: (dir) => loadCatalog(dir), previousManifests: previousManifestReader });
}

/** The refusal of a release whose pack lacks evidence for required controls, as printed. */
export function renderMissingRequired(pack: PlannedPack): string {
  return renderRefusal(pack, { evidence: '--artifacts or --reports', override: '--override-required "<reason>"' });
}
