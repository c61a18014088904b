import type { Catalog } from '../../core/controls/types.js';
import { usePrecompiledGlobs } from '../../core/engine/glob-matcher.js';
import { catalogGlobs, defaultCatalog } from '../../core/generated/catalog.js';

/** The shipped catalog (with its globs compiled ahead of time), or the folder the user named, validated the same way. */
export async function loadCatalog(dir: string | undefined): Promise<Catalog> {
  if (!dir) {
    usePrecompiledGlobs(catalogGlobs);
    return defaultCatalog;
  }
  const { readCatalogDir } = await import('./read-catalog-dir.js');
  return readCatalogDir(dir);
}
