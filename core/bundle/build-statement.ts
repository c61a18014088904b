import { sha256Hex } from '../util/sha256.js';
import type { EvidenceManifest } from './types.js';
import { MANIFEST_FILE } from './types.js';

/** The predicate type of a release evidence attestation: ours, so verifiers can ask for exactly it. */
export const EVIDENCE_PREDICATE_TYPE = 'urn:maestro-conductor:attestation:evidence-bundle:v1';
/** DSSE payload type of in-toto statements. */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

/** An in-toto v1 statement. */
export interface EvidenceStatement {
  _type: 'https://in-toto.io/Statement/v1';
  subject: Array<{ name: string; digest: { sha256: string } }>;
  predicateType: string;
  predicate: EvidencePredicate;
}

/**
 * What the statement repeats of the manifest, so a verifier can name the field that changed when the
 * manifest no longer hashes to the signed digest. `repo` and `createdAt` are absent from bundles
 * signed before they were added; a verifier compares the fields present.
 */
export interface EvidencePredicate {
  release: string;
  commit: string;
  previous: string | null;
  /** Number of artifacts listed. */
  artifacts: number;
  repo?: string;
  createdAt?: string;
}

/**
 * The statement that is signed: its one subject is manifest.json by digest (which in turn lists every
 * artifact's digest), so `cosign verify-blob-attestation manifest.json` and `gh attestation verify`
 * check it as they would any attestation.
 */
export function buildStatement(manifestBytes: Uint8Array, manifest: EvidenceManifest): EvidenceStatement {
  return {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: MANIFEST_FILE, digest: { sha256: sha256Hex(manifestBytes) } }],
    predicateType: EVIDENCE_PREDICATE_TYPE,
    predicate: { release: manifest.data.release, commit: manifest.data.commit, previous: manifest.data.previous, artifacts: manifest.data.artifacts.length, repo: manifest.subject.repo, createdAt: manifest.createdAt },
  };
}
