import type { Catalog } from '../controls/types.js';

/** The catalog of controls: the one shipped when `dir` is absent, else the control files of that folder (adapters/fs implements it). */
export type LoadCatalog = (dir: string | undefined) => Promise<Catalog>;
