import { MaestroError } from '../../core/errors.js';

const AUTH_ERRORS = new Set(['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AccessDenied', 'ExpiredToken', 'InvalidToken', 'CredentialsProviderError']);

/** Turns an S3 SDK or network error into a STORE_ACCESS error that says what was being done and what to check. */
export function toStoreError(error: unknown, url: string, what: string): MaestroError {
  if (error instanceof MaestroError) return error;
  const e = error as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = e.name ?? 'Error';
  const status = e.$metadata?.httpStatusCode;
  const detail = `${name}${status ? ` ${status}` : ''}${e.message && e.message !== name && e.message !== 'UnknownError' ? `: ${e.message}` : ''}`;
  let remedy = 'check the store URL, its endpoint and the network.';
  if (AUTH_ERRORS.has(name)) remedy = 'check the credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE or the role) and that they may use this bucket.';
  else if (name === 'NoSuchBucket') remedy = 'create the bucket with Object Lock enabled, or fix the bucket name.';
  else if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND') remedy = 'the endpoint did not answer: check the endpoint option of the store URL.';
  return new MaestroError('STORE_ACCESS', `cannot ${what} ${url} (${detail})`, { remedy, cause: error });
}
