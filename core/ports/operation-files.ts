import type { OperationFile } from '../gates/schema-diff/check-persisted-operations.js';

/**
 * The persisted GraphQL operations of a client, which the schema-diff gate checks against the new
 * schema (adapters/fs implements it over a folder).
 */
export interface OperationFiles {
  /**
   * Every `.graphql` and `.gql` file under `dir` in path order, each named `<dir>/<relative path>`.
   * Symbolic links are refused, not followed; the number of files, their size and the folder's depth
   * are bounded. A missing folder or a file is a MaestroError naming it.
   */
  readFolder(dir: string): Promise<OperationFile[]>;
}
