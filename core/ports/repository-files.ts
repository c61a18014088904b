/** Files of a repository's working tree that a command sets up. */
export interface RepositoryFiles {
  /** Whether anything (a file, a folder, a link) is at `path`, relative to the repository's root. */
  exists(path: string): Promise<boolean>;
  /** Writes every file or none: each is staged beside its target, then all are moved into place. */
  writeAll(files: Array<{ path: string; text: string }>): Promise<void>;
}
