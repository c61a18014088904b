import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, PutObjectRetentionCommand } from '@aws-sdk/client-s3';
import { MaestroError } from '../../core/errors.js';
import type { EvidenceStore } from '../../core/ports/evidence-store.js';
import type { ProbeAttempt, WormProbe } from '../../core/ports/worm-probe.js';
import { S3Store } from './s3-store.js';
import { toStoreError } from './to-store-error.js';

/**
 * The WormProbe port over an S3 bucket with Object Lock: the drill's writes and attempts go straight
 * to S3 with the store's client, and an AccessDenied answer (HTTP 403) is what counts as a refusal.
 * Any other store is refused (USAGE): a local folder cannot refuse its owner.
 */
export function s3WormProbe(store: EvidenceStore): WormProbe {
  if (!(store instanceof S3Store)) {
    throw new MaestroError('USAGE', `the WORM drill needs an s3:// store with Object Lock, not ${store.url}`, { remedy: 'a local folder cannot refuse its owner; run the drill against the S3 bucket that keeps the evidence.' });
  }
  const { client } = store;
  const bucket = store.location.bucket;
  const named = (key: string) => ({ Bucket: bucket, Key: store.key(key) });
  const call = <T>(what: string, request: () => Promise<T>): Promise<T> => request().catch((error: unknown) => {
    throw toStoreError(error, store.url, what);
  });
  return {
    url: store.url,
    async preflight() {
      await store.preflight();
      return `bucket ${bucket} has versioning and Object Lock enabled`;
    },
    async writeLocked(key, body, until) {
      const put = await call(`write the drill's probe ${key} to`, () => client.send(new PutObjectCommand({ ...named(key), Body: body, ContentLength: body.length, ObjectLockMode: 'COMPLIANCE', ObjectLockRetainUntilDate: until })));
      return { name: store.key(key), versionId: put.VersionId, retention: put.VersionId ? await store.retention(key, put.VersionId) : undefined };
    },
    deleteVersion: (key, versionId, bypassGovernance) =>
      attempt(`DeleteObject ${store.key(key)} versionId=${versionId}${bypassGovernance ? ' x-amz-bypass-governance-retention' : ''}`, () => client.send(new DeleteObjectCommand({ ...named(key), VersionId: versionId, ...(bypassGovernance ? { BypassGovernanceRetention: true } : {}) }))),
    setRetention: (key, versionId, retention) =>
      attempt(`PutObjectRetention ${store.key(key)} versionId=${versionId} mode ${retention.mode} until ${retention.retainUntil}`, () => client.send(new PutObjectRetentionCommand({ ...named(key), VersionId: versionId, Retention: { Mode: retention.mode, RetainUntilDate: new Date(retention.retainUntil) } }))),
    async overwrite(key, body) {
      const out = await call(`overwrite ${key} in`, () => client.send(new PutObjectCommand({ ...named(key), Body: body, ContentLength: body.length })));
      return { request: 'PutObject on the key', versionId: out.VersionId };
    },
    async hide(key) {
      const out = await call(`delete ${key} from`, () => client.send(new DeleteObjectCommand(named(key))));
      return { request: 'DeleteObject without a version', ...(out.DeleteMarker ? { deleteMarker: out.VersionId ?? '(no version id)' } : {}) };
    },
    async read(key, versionId) {
      const out = await call(`read ${key} from`, () => client.send(new GetObjectCommand({ ...named(key), VersionId: versionId })));
      return Buffer.from(await out.Body!.transformToByteArray());
    },
    retention: (key, versionId) => store.retention(key, versionId),
  };
}

/** Runs a request that must be refused and records the store's answer: AccessDenied (403) is a refusal. */
async function attempt(request: string, operation: () => Promise<unknown>): Promise<ProbeAttempt> {
  try {
    await operation();
    return { request, outcome: 'accepted' };
  } catch (error) {
    const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
    const status = e.$metadata?.httpStatusCode;
    const response = `HTTP ${status ?? '?'} ${e.name ?? 'Error'}${e.message && e.message !== e.name ? `: ${e.message}` : ''}${e.$metadata?.requestId ? ` (request id ${e.$metadata.requestId})` : ''}`;
    return { request, outcome: status === 403 || e.name === 'AccessDenied' ? 'refused' : 'failed', response };
  }
}
