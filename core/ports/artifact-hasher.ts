/**
 * Digests of a built artifact, so the attestation gate can match it against what bundles claim to
 * cover (adapters/fs implements it, streaming: artifacts can be gigabytes).
 */
export interface ArtifactHasher {
  /**
   * Lower-case hex digests of the file at `path` by algorithm (every digest in-toto subjects use that
   * is still collision-resistant), read once. A missing or unreadable file, or a folder, is a
   * MaestroError naming the artifact.
   */
  hash(path: string): Promise<Record<string, string>>;
}
