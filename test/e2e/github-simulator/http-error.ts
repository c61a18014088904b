import type { Schema } from './openapi.js';

/** Where GitHub's error answers point when no page is more specific. */
export const DOCS_URL = 'https://docs.github.com/rest';

/**
 * An answer other than success, thrown by a route and written by the request handler, so routes
 * read as the happy path and every error has GitHub's shape (`message`, `documentation_url`).
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Schema<'basic-error'> | Schema<'validation-error'>,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message ?? `HTTP ${status}`);
  }
}

/** 404, as GitHub answers unknown routes, missing objects and repositories a credential may not see. */
export function notFound(): HttpError {
  return new HttpError(404, { message: 'Not Found', documentation_url: DOCS_URL });
}

/** 422 with a plain message ("Reference already exists"). */
export function unprocessable(message: string): HttpError {
  return new HttpError(422, { message, documentation_url: DOCS_URL });
}

/** 422 "Validation Failed" with the offending fields, as GitHub reports a body that is well formed but not acceptable. */
export function validationFailed(errors: NonNullable<Schema<'validation-error'>['errors']>, message = 'Validation Failed'): HttpError {
  return new HttpError(422, { message, errors, documentation_url: DOCS_URL });
}

/** 422 "Invalid request" for a body that does not match the operation's schema (a required field missing, a wrong type). */
export function invalidRequest(detail: string): HttpError {
  return new HttpError(422, { message: `Invalid request.\n\n${detail}`, documentation_url: DOCS_URL });
}

/** The request body as an object whose required fields are present, or the 422 GitHub gives when one is missing. */
export function requireBody<T extends object>(body: unknown, required: Array<keyof T & string>): Partial<T> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    if (required.length > 0) throw invalidRequest(`"${required[0]}" wasn't supplied.`);
    return {};
  }
  const missing = required.filter((field) => (body as Record<string, unknown>)[field] === undefined);
  if (missing.length > 0) throw invalidRequest(missing.map((field) => `"${field}" wasn't supplied.`).join('\n'));
  return body as Partial<T>;
}
