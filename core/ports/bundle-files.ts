/** A file to put in a bundle: where it is read from, and its path inside the bundle. */
export interface ArtifactFile {
  /** Absolute path to read (a symbolic link inside the folder is resolved to its target). */
  source: string;
  /** `/`-separated path inside the bundle. */
  path: string;
}

/** The sha256 (lower-case hex) and size in bytes of a file. */
export interface FileDigest {
  sha256: string;
  size: number;
}

/**
 * A bundle folder being written: files go to a staging folder beside `dir`, which becomes `dir` in
 * one rename, so `dir` is either absent or whole.
 */
export interface BundleDraft {
  /** The folder the bundle is saved to, as an absolute path. */
  readonly dir: string;
  /**
   * Copies an artifact in, read-only, never over a file already there, and returns the digest of
   * the copy: the manifest then describes exactly the bytes shipped, whatever happens to the source.
   */
  add(file: ArtifactFile): Promise<FileDigest>;
  /** The bytes of a file already in the draft (`path` inside the bundle). */
  read(path: string): Promise<Buffer>;
  /** Writes one of the bundle's own files (the manifest, the signature), read-only. */
  write(path: string, bytes: Buffer): Promise<void>;
  /** Moves the finished bundle to `dir`. */
  save(): Promise<void>;
  /** Removes the staging folder and what it holds, whatever happened; after `save()` nothing is left to remove. */
  discard(): Promise<void>;
}

/**
 * The local files a release bundle is built from and into (adapters/fs implements it over the file
 * system). Errors name the file and the remedy; evidence is never silently left out.
 */
export interface BundleFiles {
  /**
   * The regular files under `dir`, sorted by bundle path. A symbolic link is followed only when its
   * target stays inside `dir`; one that escapes it or dangles, an unreadable entry, a missing folder
   * or too many files are MaestroErrors naming the file.
   */
  collect(dir: string): Promise<ArtifactFile[]>;
  /** The digest of a file, read in constant memory whatever its size. */
  hash(path: string): Promise<FileDigest>;
  /** Starts writing the bundle folder `outDir`; one that exists and is not an empty folder is refused (USAGE): a bundle is never written over another. */
  draft(outDir: string): Promise<BundleDraft>;
}
