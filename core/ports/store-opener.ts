import type { EvidenceStore } from './evidence-store.js';

/**
 * Opens evidence stores by URL (adapters/store implements it), so flows that are given a location
 * never pick a storage client themselves.
 */
export interface StoreOpener {
  /**
   * The store `url` names: `s3://bucket/prefix?...`, `file:///path` or a folder path. Opening reads
   * and writes nothing (a folder is created at `preflight()`); an unsupported scheme or a malformed
   * URL is STORE_URL_INVALID.
   */
  open(url: string): Promise<EvidenceStore>;
  /**
   * The store at `url`, for reading what must already be there: a folder that does not exist is
   * FILE_NOT_FOUND, calling it `what` (`bundle folder`) with `remedy`, rather than an empty store in
   * which nothing is found. A bucket prefix is not checked: S3 has no empty folders to tell apart.
   */
  openExisting(url: string, what: string, remedy: string): Promise<EvidenceStore>;
}
