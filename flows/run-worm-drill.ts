import { randomUUID } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, PutObjectRetentionCommand } from '@aws-sdk/client-s3';
import { toDrillReport, type DrillStep } from '../core/drill/to-drill-report.js';
import { MaestroError } from '../core/errors.js';
import type { EvidenceProducer, EvidenceReport } from '../core/evidence/types.js';
import { sha256Hex } from '../core/util/sha256.js';
import type { EvidenceStore } from '../core/ports/evidence-store.js';
import { S3Store } from '../adapters/store/s3-store.js';

/** What the drill report is about and who ran it. */
export interface WormDrillInput {
  store: EvidenceStore;
  subject: { repo: string; sha: string };
  producer: EvidenceProducer;
  /** How long the drill's probe object stays locked, in seconds (it cannot be removed before). */
  probeRetentionSeconds: number;
  now?: () => Date;
}

/**
 * The WORM proof drill: writes a probe object locked in COMPLIANCE mode, then tries what an attacker
 * or a careless administrator would: delete that version, overwrite the key, shorten the lock, hide
 * the key behind a delete marker. Each refusal (the store's AccessDenied answer) is recorded as
 * proof, and the locked version is read back unchanged at the end. The result is a drill-report.
 */
export async function runWormDrill(input: WormDrillInput): Promise<EvidenceReport> {
  const store = input.store;
  if (!(store instanceof S3Store)) {
    throw new MaestroError('USAGE', `the WORM drill needs an s3:// store with Object Lock, not ${store.url}`, { remedy: 'a local folder cannot refuse its owner; run the drill against the S3 bucket that keeps the evidence.' });
  }
  const now = input.now ?? (() => new Date());
  const startedAt = now();
  const steps: DrillStep[] = [];
  const bucket = store.location.bucket;
  const key = `drills/worm/${startedAt.toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.txt`;
  const fullKey = store.key(key);
  const body = Buffer.from(`maestro WORM drill probe written ${startedAt.toISOString()}\n`);
  const until = new Date(startedAt.getTime() + input.probeRetentionSeconds * 1000);
  await store.preflight();
  steps.push({ name: 'preflight', result: 'pass', detail: `bucket ${bucket} has versioning and Object Lock enabled` });

  const put = await store.client.send(new PutObjectCommand({ Bucket: bucket, Key: fullKey, Body: body, ContentLength: body.length, ObjectLockMode: 'COMPLIANCE', ObjectLockRetainUntilDate: until }));
  const versionId = put.VersionId;
  const lock = versionId ? await store.retention(key, versionId) : undefined;
  const locked = lock?.mode === 'COMPLIANCE' && Date.parse(lock.retainUntil) >= Math.floor(until.getTime() / 1000) * 1000;
  steps.push({ name: 'write locked probe', result: locked ? 'pass' : 'fail', detail: `wrote ${fullKey} version ${versionId ?? '(none)'}; read back: ${lock ? `${lock.mode} until ${lock.retainUntil}` : 'no retention'}` });
  if (!versionId || !locked) return report(input, startedAt, now(), steps, store.url);

  steps.push(await refused('delete the locked version', `DeleteObject ${fullKey} versionId=${versionId}`, () => store.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: fullKey, VersionId: versionId }))));
  steps.push(await refused('delete the locked version bypassing governance', `DeleteObject ${fullKey} versionId=${versionId} x-amz-bypass-governance-retention`, () => store.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: fullKey, VersionId: versionId, BypassGovernanceRetention: true }))));
  // Still in the future, so a refusal can only be about shortening (a past date is refused for another reason).
  const shorter = new Date(Math.floor((now().getTime() + until.getTime()) / 2000) * 1000);
  steps.push(await refused('shorten the retention', `PutObjectRetention ${fullKey} versionId=${versionId} until ${shorter.toISOString()}`, () => store.client.send(new PutObjectRetentionCommand({ Bucket: bucket, Key: fullKey, VersionId: versionId, Retention: { Mode: 'COMPLIANCE', RetainUntilDate: shorter } }))));
  steps.push(await refused('downgrade the lock to GOVERNANCE', `PutObjectRetention ${fullKey} versionId=${versionId} mode GOVERNANCE`, () => store.client.send(new PutObjectRetentionCommand({ Bucket: bucket, Key: fullKey, VersionId: versionId, Retention: { Mode: 'GOVERNANCE', RetainUntilDate: until } }))));

  const over = Buffer.from('overwritten\n');
  const overwrite = await store.client.send(new PutObjectCommand({ Bucket: bucket, Key: fullKey, Body: over, ContentLength: over.length }));
  const marker = await store.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: fullKey }));
  const original = await store.client.send(new GetObjectCommand({ Bucket: bucket, Key: fullKey, VersionId: versionId }));
  const intact = sha256Hex(Buffer.from(await original.Body!.transformToByteArray())) === sha256Hex(body);
  steps.push({
    name: 'overwrite and hide behind a delete marker',
    result: intact ? 'pass' : 'fail',
    detail: `PutObject on the key made version ${overwrite.VersionId ?? '(none)'} and DeleteObject without a version made ${marker.DeleteMarker ? `delete marker ${marker.VersionId}` : 'no delete marker'}; the locked version ${versionId} ${intact ? 'still reads back byte for byte' : 'no longer reads back unchanged'}`,
  });
  const after = await store.retention(key, versionId);
  steps.push({ name: 'lock unchanged', result: after?.mode === 'COMPLIANCE' && after.retainUntil === lock.retainUntil ? 'pass' : 'fail', detail: `retention of version ${versionId} after the attempts: ${after ? `${after.mode} until ${after.retainUntil}` : 'none'}` });
  return report(input, startedAt, now(), steps, store.url);
}

/** Runs an operation that must be refused; the step passes on AccessDenied (403) and records the answer. */
async function refused(name: string, request: string, operation: () => Promise<unknown>): Promise<DrillStep> {
  try {
    await operation();
    return { name, result: 'fail', detail: `${request} was accepted: the store does not enforce the lock` };
  } catch (error) {
    const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
    const status = e.$metadata?.httpStatusCode;
    const response = `HTTP ${status ?? '?'} ${e.name ?? 'Error'}${e.message && e.message !== e.name ? `: ${e.message}` : ''}${e.$metadata?.requestId ? ` (request id ${e.$metadata.requestId})` : ''}`;
    const denied = status === 403 || e.name === 'AccessDenied';
    return { name, result: denied ? 'pass' : 'fail', detail: `${request} was ${denied ? 'refused' : 'answered with an unexpected error'}`, response };
  }
}

function report(input: WormDrillInput, startedAt: Date, finishedAt: Date, steps: DrillStep[], store: string): EvidenceReport {
  return toDrillReport({ drill: 'worm', subject: input.subject, producer: input.producer, startedAt, finishedAt, store }, steps);
}
