import { MaestroError } from '../errors.js';
import type { EvidenceProducer } from '../evidence/types.js';
import { checkBundlePath } from './check-bundle-path.js';
import { MANIFEST_FILE, SIGNATURE_FILE, type EvidenceManifest, type GateSummary, type ManifestArtifact, type ManifestLedgerHead } from './types.js';

/** Everything a manifest is made of; the same input always gives the same bytes. */
export interface ManifestInput {
  repo: string;
  release: string;
  commit: string;
  /** RFC 3339 time of the release (the tag's commit time), never the build's clock. */
  createdAt: string;
  producer: EvidenceProducer;
  artifacts: ManifestArtifact[];
  previous: { sha256: string; release: string } | null;
  gates?: GateSummary;
  signed: boolean;
  /** The audit ledger's head at release time, recorded as a witness (`maestro evidence bundle --ledger`). */
  ledgerHead?: ManifestLedgerHead;
}

/**
 * Builds the manifest report of a release bundle: artifacts sorted by path (by UTF-16 code unit, as
 * the paths are ASCII this is byte order), fields in a fixed order, so two builds from the same
 * inputs serialise to identical bytes.
 */
export function buildManifest(input: ManifestInput): EvidenceManifest {
  checkReleaseTag(input.release);
  const artifacts = [...input.artifacts].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (let i = 1; i < artifacts.length; i++) {
    if (artifacts[i]!.path === artifacts[i - 1]!.path) throw new MaestroError('ARTIFACT_REFUSED', `artifact ${artifacts[i]!.path} is listed twice`, { remedy: 'give each artifact one path.' });
  }
  for (const artifact of artifacts) checkBundlePath(artifact.path);
  return {
    kind: 'evidence-manifest',
    schemaVersion: '1.1',
    subject: { repo: input.repo, sha: input.commit, ref: `refs/tags/${input.release}` },
    producer: input.producer,
    createdAt: input.createdAt,
    data: {
      release: input.release,
      commit: input.commit,
      artifacts: artifacts.map((a) => (a.kind ? { path: a.path, size: a.size, sha256: a.sha256, kind: a.kind } : { path: a.path, size: a.size, sha256: a.sha256 })),
      ...(input.gates ? { gates: input.gates } : {}),
      previous: input.previous?.sha256 ?? null,
      ...(input.previous ? { previousRelease: input.previous.release } : {}),
      ...(input.ledgerHead ? { ledger: { seq: input.ledgerHead.seq, sha256: input.ledgerHead.sha256, ...(input.ledgerHead.store ? { store: input.ledgerHead.store } : {}) } } : {}),
      ...(input.signed ? { signature: { path: SIGNATURE_FILE, format: 'sigstore-bundle' as const } } : {}),
    },
  };
}

/** The bytes of manifest.json: two-space JSON and a final newline, readable by people and stable. */
export function serializeManifest(manifest: EvidenceManifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
}

/** True when a release tag can name a folder or object prefix safely: no empty, `.` or `..` segment. */
export function isReleaseTag(release: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._/+-]{0,127}$/.test(release) && release.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

/** Refuses a release tag that cannot name a folder or object prefix safely. */
export function checkReleaseTag(release: string): void {
  if (!isReleaseTag(release)) throw new MaestroError('USAGE', `release tag '${release}' cannot name a bundle`, { remedy: 'use a tag of letters, digits and . _ / + - (at most 128), without empty, . or .. segments, such as v1.2.0.' });
}

export { MANIFEST_FILE, SIGNATURE_FILE };
