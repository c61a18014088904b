import type { EvidenceItem } from '../evidence/types.js';

/**
 * Every evidence report of a folder (searched to a bounded depth), each parsed: valid, or invalid
 * with its problems. Nothing in the folder is skipped without a word (adapters/fs implements it).
 */
export type ReadEvidenceFolder = (dir: string) => Promise<EvidenceItem[]>;
