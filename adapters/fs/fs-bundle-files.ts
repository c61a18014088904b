import type { BundleFiles } from '../../core/ports/bundle-files.js';
import { collectArtifacts } from './collect-artifacts.js';
import { draftBundleFolder } from './draft-bundle-folder.js';
import { hashFile } from './hash-file.js';

/** The BundleFiles port over the local file system: what `maestro evidence bundle` reads and writes. */
export const fsBundleFiles: BundleFiles = { collect: collectArtifacts, hash: (path) => hashFile(path), draft: draftBundleFolder };
