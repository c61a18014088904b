import { catalogDigest } from './build-catalog.js';
import type { Catalog, CatalogOrigin, Control } from './types.js';

/** Where custom controls were read, for the catalog's origin. */
export interface CustomCatalogSource {
  source: 'org' | 'folder';
  /** `acme/.github@1a2b3c4 maestro/controls`, or the folder as given. */
  location: string;
  files: number;
}

/** The shipped catalog, with its origin: what a decision names when no custom controls were read. */
export function withShippedOrigin(shipped: Catalog, version: string): Catalog {
  return { ...shipped, origin: { source: 'shipped', shippedVersion: version } };
}

/**
 * The catalog custom controls make with the shipped one. `extend`: the shipped controls plus the
 * custom ones, a custom control replacing the shipped control of the same id (listed in
 * `origin.overrides`); `replace`: the custom controls alone. Both are already validated: the
 * custom ones by `buildCatalog`, which refuses an id used twice among them.
 */
export function combineCatalogs(shipped: Catalog, custom: Catalog, mode: 'extend' | 'replace', where: CustomCatalogSource, version: string): Catalog {
  const base: CatalogOrigin = { source: where.source, mode, location: where.location, files: where.files, shippedVersion: version };
  if (mode === 'replace') return { controls: custom.controls, digest: custom.digest, origin: base };
  const byId = new Map<string, Control>(shipped.controls.map((c) => [c.id, c]));
  const overrides = custom.controls.filter((c) => byId.has(c.id)).map((c) => c.id);
  for (const control of custom.controls) byId.set(control.id, control);
  const controls = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { controls, digest: catalogDigest(controls), origin: { ...base, overrides } };
}

/**
 * The catalog in words, beside its digest: `shipped v0.1.0 (digest 1a2b3c4d5e6f)`, or
 * `org acme/.github@1a2b3c4 maestro/controls (3 files, digest 1a2b3c4d5e6f) extending shipped
 * v0.1.0 (replaces GA-25)`. Plain text; callers escape it.
 */
export function describeCatalog(origin: CatalogOrigin | undefined, digest: string): string {
  const short = digest.slice(0, 12);
  if (!origin) return `digest ${short}`;
  if (origin.source === 'shipped') return `shipped v${origin.shippedVersion} (digest ${short})`;
  const files = origin.files === undefined ? '' : `${origin.files} ${origin.files === 1 ? 'file' : 'files'}, `;
  return `${origin.source} ${origin.location ?? ''} (${files}digest ${short}) ${combination(origin)}`;
}

/** Where the catalog came from, without its digest: `org acme/.github@1a2b3c4 maestro/controls, 3 files, extending shipped v0.1.0`. */
export function describeCatalogOrigin(origin: CatalogOrigin): string {
  if (origin.source === 'shipped') return `shipped v${origin.shippedVersion}`;
  const files = origin.files === undefined ? '' : `, ${origin.files} ${origin.files === 1 ? 'file' : 'files'}`;
  return `${origin.source} ${origin.location ?? ''}${files}, ${combination(origin)}`;
}

function combination(origin: CatalogOrigin): string {
  const how = origin.mode === 'replace' ? `replacing shipped v${origin.shippedVersion}` : `extending shipped v${origin.shippedVersion}`;
  return origin.overrides && origin.overrides.length > 0 ? `${how} (replaces ${origin.overrides.join(', ')})` : how;
}
