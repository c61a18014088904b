import { defaultCatalog } from '../generated/catalog.js';
import { VERSION } from '../generated/version.js';
import type { EvidenceRef } from '../evidence/types.js';
import { workflowRunOf } from '../result/next-step-producers.js';

/** The product's repository: its tagged tree holds the catalog and the controls reference of each version. */
export const PRODUCT_REPO_URL = 'https://github.com/maestro-conductor/maestro-conductor';

/** Where the gate notes link to: the product version whose catalog and reference pages they name. */
export interface GateNoteLinks {
  /** The product version, such as `0.1.0`: links point at its tag, so they show the catalog that decided. */
  version: string;
  /** Digest of the catalog shipped with that version; another catalog (`--catalog`) gets no catalog link. */
  shippedCatalogDigest: string;
}

/** The links of this build. */
export const DEFAULT_LINKS: GateNoteLinks = { version: VERSION, shippedCatalogDigest: defaultCatalog.digest };

/** The reference page of a control: `docs/reference/controls.md#ga-25` at the version's tag. */
export function controlReferenceUrl(controlId: string, links: GateNoteLinks): string {
  return `${PRODUCT_REPO_URL}/blob/v${links.version}/docs/reference/controls.md#${controlId.toLowerCase()}`;
}

/** The catalog at the version's tag when the digest is the shipped catalog's; undefined for another catalog. */
export function catalogUrl(digest: string, links: GateNoteLinks): string | undefined {
  return digest === links.shippedCatalogDigest ? `${PRODUCT_REPO_URL}/tree/v${links.version}/controls` : undefined;
}

/** Where one evidence file came from: the artifact and the workflow run that uploaded it, when known. */
export function evidenceOrigin(ref: EvidenceRef): { artifactUrl?: string; runUrl?: string } {
  const run = workflowRunOf(ref.url);
  if (!run) return ref.url ? { artifactUrl: ref.url } : {};
  return { ...(ref.url !== run.url ? { artifactUrl: ref.url } : {}), runUrl: run.url };
}
