import type { CatalogMode } from '../../core/config/types.js';
import { combineCatalogs, withShippedOrigin } from '../../core/controls/combine-catalogs.js';
import type { Catalog } from '../../core/controls/types.js';
import { usePrecompiledGlobs } from '../../core/engine/glob-matcher.js';
import { catalogGlobs, defaultCatalog } from '../../core/generated/catalog.js';
import { VERSION } from '../../core/generated/version.js';

/**
 * The shipped catalog (with its globs compiled ahead of time), or the folder the user named,
 * validated the same way: `replace` (the default) uses the folder's controls alone, `extend` adds
 * them to the shipped ones, a control with the id of a shipped one replacing it. Either way the
 * catalog says where its controls came from.
 */
export async function loadCatalog(dir: string | undefined, mode: CatalogMode = 'replace'): Promise<Catalog> {
  usePrecompiledGlobs(catalogGlobs);
  const shipped = withShippedOrigin(defaultCatalog, VERSION);
  if (!dir) return shipped;
  const { readCatalogDir } = await import('./read-catalog-dir.js');
  const custom = await readCatalogDir(dir);
  return combineCatalogs(shipped, custom, mode, { source: 'folder', location: dir, files: custom.controls.length }, VERSION);
}
