import type { Catalog } from '../core/controls/types.js';
import { defaultCatalog } from '../core/generated/catalog.js';

/** The shipped catalog, or the folder the user named, validated the same way. */
export async function loadCatalog(dir: string | undefined): Promise<Catalog> {
  if (!dir) return defaultCatalog;
  const { readCatalogDir } = await import('../core/io/read-catalog-dir.js');
  return readCatalogDir(dir);
}
