/**
 * `import.meta.url` for a CommonJS bundle of dist/cli: scripts/build.ts injects this module into
 * the bundles whose code reads it (esbuild leaves `import.meta` empty in CommonJS), so a bundle
 * finds the files shipped beside it, such as `templates/`, from its own location.
 */
import { pathToFileURL } from 'node:url';

/** The URL of the bundle file this module is injected into. */
export const importMetaUrl = pathToFileURL(__filename).href;
