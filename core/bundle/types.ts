import type { EvidenceKind } from '../evidence/kinds.js';
import type { EvidenceReport } from '../evidence/types.js';

/** One file of a release evidence bundle, as listed in its manifest. */
export interface ManifestArtifact {
  /** Path inside the bundle: relative, `/` separated. */
  path: string;
  size: number;
  /** Lower-case hex sha256 of the file's bytes. */
  sha256: string;
  /** The evidence kind, when the file is an evidence report. */
  kind?: EvidenceKind;
}

/** Gate outcome of the release commit, summarised from its decision log. */
export interface GateSummary {
  conclusion: 'success' | 'failure' | 'neutral' | 'action_required';
  counts: Partial<Record<'pass' | 'fail' | 'missing' | 'stale' | 'invalid' | 'waived' | 'not-applicable', number>>;
}

/** The `data` of an `evidence-manifest` report. */
export interface ManifestData {
  release: string;
  commit: string;
  artifacts: ManifestArtifact[];
  gates?: GateSummary;
  /** sha256 of the previous release's manifest.json, `null` for the first release. */
  previous: string | null;
  /** Tag of the previous release, so a verifier can find it beside this one. */
  previousRelease?: string;
  signature?: { path: string; format: 'sigstore-bundle' };
  /** The audit ledger's head when the bundle was built: a witness of the ledger, signed with the bundle. */
  ledger?: ManifestLedgerHead;
}

/** A ledger head as a manifest records it. */
export interface ManifestLedgerHead {
  seq: number;
  sha256: string;
  /** The ledger's store URL, without credentials. */
  store?: string;
}

/** A release evidence manifest. */
export type EvidenceManifest = EvidenceReport<ManifestData> & { kind: 'evidence-manifest' };

/** File names of a bundle's own files at its root; no artifact may take them. */
export const MANIFEST_FILE = 'manifest.json';
/** The Sigstore bundle over the manifest's in-toto statement. */
export const SIGNATURE_FILE = 'manifest.sigstore.json';
/** Largest manifest read (100,000 artifacts of about 200 bytes each). */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
