import type { EvidenceStore } from './evidence-store.js';

/** The link from a release to the one before it: the sha256 of its manifest.json bytes and its tag. */
export interface ReleaseLink {
  sha256: string;
  release: string;
}

/** Finds the previous release's manifest, which a new bundle links to (adapters/store implements it). */
export interface PreviousManifestReader {
  /**
   * The link to the release whose manifest `where` is: a manifest.json file, a bundle folder, a
   * store URL of the bundle (`s3://b/p/v1.1.0`) or that store opened. A missing manifest is
   * FILE_NOT_FOUND; one that is not an evidence-manifest is SCHEMA_INVALID.
   */
  read(where: string | EvidenceStore): Promise<ReleaseLink>;
}
