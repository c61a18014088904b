/** Files shipped in the maestro package itself, such as the templates under `templates/`. */
export interface PackageFiles {
  /** The text of the file at `path`, relative to the package's root. */
  read(path: string): Promise<string>;
}
