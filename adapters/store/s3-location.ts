import { MaestroError } from '../../core/errors.js';

/** Default retention of published objects when the store URL sets none. */
export const DEFAULT_RETAIN_DAYS = 90;

/** An `s3://bucket/prefix?...` URL, parsed and checked. */
export interface S3Location {
  bucket: string;
  /** Key prefix without leading or trailing `/`; empty for the bucket's root. */
  prefix: string;
  region?: string;
  /** Endpoint of an S3-compatible store (Ceph RGW, MinIO); AWS's own when absent. */
  endpoint?: string;
  forcePathStyle: boolean;
  /** How long each object is locked: days from the write, or a fixed date. */
  retention: { days: number } | { until: Date };
  /** SSE-KMS key id or ARN; objects use the bucket's default encryption when absent. */
  kmsKeyId?: string;
}

const OPTIONS = ['region', 'endpoint', 'path-style', 'retain-days', 'retain-until', 'kms-key-id'];

/**
 * Parses `s3://<bucket>/<prefix>?region=..&endpoint=..&path-style=true&retain-days=90|retain-until=<RFC 3339>&kms-key-id=..`.
 * Credentials never go in the URL (the AWS SDK's default chain supplies them); a retention that has
 * already run out, or unknown options, are refused before anything is uploaded.
 */
export function parseS3Url(text: string, now: Date): S3Location {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(text, 'is not a URL');
  }
  if (url.protocol !== 's3:') throw invalid(text, 'is not an s3:// URL');
  if (url.username || url.password) throw invalid(text, 'holds credentials', 'remove them: credentials come from the AWS SDK\'s default chain (AWS_ACCESS_KEY_ID, AWS_PROFILE, a role).');
  const bucket = url.hostname;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw invalid(text, `names bucket '${bucket}', which is not a valid bucket name`);
  const prefix = decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, '');
  if (prefix.split('/').some((s) => s === '.' || s === '..')) throw invalid(text, 'has a . or .. segment in its prefix');
  for (const key of url.searchParams.keys()) if (!OPTIONS.includes(key)) throw invalid(text, `has unknown option '${key}'`, `use only ${OPTIONS.join(', ')}.`);
  const q = (name: string): string | undefined => url.searchParams.get(name) ?? undefined;
  const endpoint = q('endpoint');
  if (endpoint !== undefined && !/^https?:\/\/[^/?#@\s]+\/?$/.test(endpoint)) throw invalid(text, `has endpoint '${endpoint}', which is not an http(s) origin`);
  return { bucket, prefix, region: q('region'), endpoint, forcePathStyle: q('path-style') === 'true', retention: parseRetention(text, q('retain-days'), q('retain-until'), now), kmsKeyId: q('kms-key-id') };
}

function parseRetention(text: string, days: string | undefined, until: string | undefined, now: Date): S3Location['retention'] {
  if (days !== undefined && until !== undefined) throw invalid(text, 'sets both retain-days and retain-until', 'keep one of them.');
  if (until !== undefined) {
    const date = new Date(until);
    if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(until)) throw new MaestroError('STORE_RETENTION', `retain-until '${until}' of ${text} is not an RFC 3339 time`, { remedy: 'write it as 2027-01-31T00:00:00Z.' });
    if (date.getTime() <= now.getTime()) throw new MaestroError('STORE_RETENTION', `retain-until ${until} of ${text} has already passed`, { remedy: 'set a retention date in the future, or retain-days=<n>.' });
    return { until: date };
  }
  if (days === undefined) return { days: DEFAULT_RETAIN_DAYS };
  if (!/^[1-9][0-9]{0,4}$/.test(days) || Number(days) > 36500) throw new MaestroError('STORE_RETENTION', `retain-days '${days}' of ${text} is not a whole number of days from 1 to 36500`, { remedy: 'set retain-days to the retention your controls require, such as 90 or 2555 (7 years).' });
  return { days: Number(days) };
}

/** The date each new object is locked until. */
export function retainUntil(location: S3Location, now: Date): Date {
  return 'until' in location.retention ? location.retention.until : new Date(now.getTime() + location.retention.days * 86_400_000);
}

/** The URL for messages and reports: no credentials were ever in it; options kept so it can be reused. */
export function formatS3Url(location: S3Location): string {
  return `s3://${location.bucket}/${location.prefix}`.replace(/\/$/, '');
}

function invalid(text: string, problem: string, remedy = 'write it as s3://<bucket>/<prefix>, options as ?region=..&endpoint=..&path-style=true&retain-days=90.'): MaestroError {
  return new MaestroError('STORE_URL_INVALID', `store URL ${text} ${problem}`, { remedy });
}
