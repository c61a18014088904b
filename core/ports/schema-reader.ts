/** A schema's bytes and where they came from. */
export interface SchemaBytes {
  bytes: Buffer;
  /** The file, or the path inside the repository for `<git ref>:<path>` specs. */
  source: string;
  /** The git ref, for `<git ref>:<path>` specs. */
  ref?: string;
}

/**
 * Where the schema-diff gate reads the old and the new GraphQL schema: a file, or a file at a git
 * ref, so the base branch's schema needs no second checkout (adapters/git implements it).
 */
export interface SchemaReader {
  /**
   * The schema named by `spec`: a file path, or `<git ref>:<path>` (`origin/main:./schema.graphql`,
   * `./` meaning the current directory) read from the repository of the current directory. A path
   * that exists as a file wins over the `ref:path` reading. `what` names the schema in errors; sizes
   * are bounded before reading.
   */
  read(spec: string, what: string): Promise<SchemaBytes>;
}
