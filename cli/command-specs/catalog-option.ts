import type { OptionSpec } from '../option-spec.js';

/** `--catalog`, which every command reading the catalog takes. */
export const catalogOption: OptionSpec = { name: 'catalog', type: 'string', value: 'dir', description: 'folder of control files (default: the catalog shipped with maestro)' };
