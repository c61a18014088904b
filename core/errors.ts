/**
 * Typed errors. Every failure a user can cause carries a stable `code`, the file and field it concerns,
 * and a remedy: the next thing to do. Entry points (CLI, app, actions) catch `MaestroError` once and
 * print `formatError`; anything else is a bug and is reported as such.
 */

/** Stable error codes; callers and tests match on these, never on message text. */
export type ErrorCode =
  | 'USAGE'
  | 'FILE_NOT_FOUND'
  | 'FILE_UNREADABLE'
  | 'FILE_TOO_LARGE'
  | 'NOT_A_FILE'
  | 'SYMLINK_REFUSED'
  | 'TOO_MANY_FILES'
  | 'JSON_SYNTAX'
  | 'JSON_DUPLICATE_KEY'
  | 'YAML_SYNTAX'
  | 'SCHEMA_INVALID'
  | 'UNKNOWN_KIND'
  | 'CATALOG_INVALID'
  | 'CATALOG_DUPLICATE_ID'
  | 'CONFIG_INVALID'
  | 'EVENT_INVALID'
  | 'CONTROL_NOT_FOUND'
  | 'ENV_INVALID'
  | 'TEMPLATE_INVALID'
  | 'SIGNATURE_INVALID'
  | 'BUNDLE_INVALID'
  | 'TRUST_ROOT_INVALID'
  | 'ARTIFACT_REFUSED'
  | 'STORE_URL_INVALID'
  | 'STORE_OBJECT_EXISTS'
  | 'STORE_NOT_WORM'
  | 'STORE_ACCESS'
  | 'STORE_RETENTION'
  | 'SIGNING_FAILED'
  | 'GRAPHQL_SCHEMA_INVALID'
  | 'GIT_FAILED'
  | 'GRAPHQL_DOCUMENT_INVALID'
  | 'ARTIFACT_UPLOAD_FAILED'
  | 'SBOM_INVALID'
  | 'K6_RUN_FAILED'
  | 'GITHUB_REQUEST_FAILED'
  | 'BROWSER_FAILED'
  | 'AUDIT_EVENT_INVALID'
  | 'AUDIT_EVENT_TOO_LARGE'
  | 'LEDGER_CONFLICT'
  | 'LEDGER_TAMPERED';

/** Options of a `MaestroError` beyond its code and message. */
export interface MaestroErrorOptions {
  /** The file the error is about, as the user named it. */
  file?: string;
  /** The field inside the file, as a JSON pointer (`/thresholds/a11y/maxMinor`). */
  pointer?: string;
  /** What the user should do next, as an imperative sentence. */
  remedy?: string;
  /** The underlying error, kept for `--debug`. */
  cause?: unknown;
}

/** An error the user can act on. */
export class MaestroError extends Error {
  readonly code: ErrorCode;
  readonly file?: string;
  readonly pointer?: string;
  readonly remedy?: string;

  constructor(code: ErrorCode, message: string, options: MaestroErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MaestroError';
    this.code = code;
    this.file = options.file;
    this.pointer = options.pointer;
    this.remedy = options.remedy;
  }
}

/** True when `error` is a `MaestroError` (also across bundle boundaries, where `instanceof` can fail). */
export function isMaestroError(error: unknown): error is MaestroError {
  return error instanceof MaestroError || (error instanceof Error && error.name === 'MaestroError' && 'code' in error);
}

/**
 * The error for the user: `error CODE: message (at /pointer)`, then the remedy on its own line.
 * Messages name their file themselves; the pointer is added when the message does not quote it.
 */
export function formatError(error: MaestroError): string {
  const at = error.pointer && !error.message.includes(error.pointer) ? ` (at ${error.pointer})` : '';
  const head = `error ${error.code}: ${error.message}${at}`;
  return error.remedy ? `${head}\n  remedy: ${error.remedy}` : head;
}
