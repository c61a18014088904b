import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import {
  GetBucketVersioningCommand,
  GetObjectCommand,
  GetObjectLockConfigurationCommand,
  GetObjectRetentionCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  PutObjectRetentionCommand,
  S3Client,
  type DeleteMarkerEntry,
  type ObjectVersion,
  type PutObjectCommandInput,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { MaestroError } from '../../core/errors.js';
import { digestFile } from '../fs/hash-file.js';
import type { EvidenceStore, Overwrite, Retention, StoredObject } from '../../core/ports/evidence-store.js';
import { formatS3Url, retainUntil, type S3Location } from './s3-location.js';
import { toStoreError } from './to-store-error.js';

/** Files above this go up in parts (lib-storage), below it in one PutObject with a Content-MD5. */
const MULTIPART_THRESHOLD = 64 * 1024 * 1024;
const PART_SIZE = 16 * 1024 * 1024;

/**
 * An S3 bucket with Object Lock as the evidence store. Every object is written with COMPLIANCE mode
 * and a retain-until date, and the lock is read back from the new version after every write: S3
 * look-alikes differ (Ceph RGW ignores lock headers on multipart uploads and ChecksumSHA256), so only
 * what the store reports is trusted. Reads take each key's first version, the one published; later
 * versions and delete markers are reported (StoredObject.overwrites), never believed.
 */
export class S3Store implements EvidenceStore {
  readonly locking = true;
  readonly url: string;
  readonly client: S3Client;

  constructor(
    readonly location: S3Location,
    client?: S3Client,
    private readonly parts = { threshold: MULTIPART_THRESHOLD, size: PART_SIZE },
  ) {
    this.url = formatS3Url(location);
    // The SDK version is pinned to one that supports Node 20; its warning about later versions is not the user's to act on.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    this.client =
      client ??
      new S3Client({
        region: location.region ?? process.env.AWS_REGION ?? 'us-east-1',
        ...(location.endpoint ? { endpoint: location.endpoint } : {}),
        forcePathStyle: location.forcePathStyle,
        // S3-compatible stores may not take aws-chunked streamed bodies with trailing checksums
        // (Ceph RGW 16 answers 411); AWS itself keeps the SDK's default flexible checksums.
        ...(location.endpoint ? { requestChecksumCalculation: 'WHEN_REQUIRED' as const, responseChecksumValidation: 'WHEN_REQUIRED' as const } : {}),
      });
  }

  async preflight(): Promise<void> {
    const { bucket } = this.location;
    const versioning = await this.call('read the versioning of', () => this.client.send(new GetBucketVersioningCommand({ Bucket: bucket })));
    const lock = await this.client.send(new GetObjectLockConfigurationCommand({ Bucket: bucket })).catch((error: { name?: string }) => {
      if (error.name === 'ObjectLockConfigurationNotFoundError' || error.name === 'NoSuchObjectLockConfiguration') return undefined;
      throw toStoreError(error, this.url, 'read the Object Lock configuration of');
    });
    if (versioning.Status !== 'Enabled' || lock?.ObjectLockConfiguration?.ObjectLockEnabled !== 'Enabled') {
      throw new MaestroError('STORE_NOT_WORM', `bucket ${bucket} has ${versioning.Status === 'Enabled' ? 'versioning but no Object Lock' : 'neither versioning nor Object Lock'}: evidence there could be overwritten or deleted`, {
        remedy: 'create the bucket with Object Lock enabled (aws s3api create-bucket --object-lock-enabled-for-bucket), with a default COMPLIANCE retention, and use it as the store.',
      });
    }
  }

  async put(key: string, source: string, expected: { sha256: string; size: number }): Promise<StoredObject> {
    const until = retainUntil(this.location, new Date());
    const existing = await this.inspect(key);
    if (existing) {
      if (existing.sha256 !== expected.sha256) throw new MaestroError('STORE_OBJECT_EXISTS', `${key} is already stored in ${this.url} with other content (sha256 ${existing.sha256})`, { remedy: 'stored evidence is never replaced: publish under a new release tag.' });
      // Left by an earlier, interrupted publish: the same bytes, locked at least as long as a new write would be.
      return { ...existing, retention: await this.lock(key, existing.versionId!, until) };
    }
    const fullKey = this.key(key);
    const params: PutObjectCommandInput = {
      Bucket: this.location.bucket,
      Key: fullKey,
      ContentLength: expected.size,
      ObjectLockMode: 'COMPLIANCE',
      ObjectLockRetainUntilDate: until,
      // Kept with the object so anyone can check it; S3 validates ChecksumSHA256 where it supports it.
      Metadata: { sha256: expected.sha256 },
      ChecksumSHA256: Buffer.from(expected.sha256, 'hex').toString('base64'),
      ...(this.location.kmsKeyId ? { ServerSideEncryption: 'aws:kms' as const, SSEKMSKeyId: this.location.kmsKeyId } : {}),
    };
    let versionId: string | undefined;
    if (expected.size <= this.parts.threshold) {
      // Content-MD5 is validated by every S3 (ChecksumSHA256 is not by all), so the bytes are checked on arrival.
      const contentMd5 = (await digestFile(source, 'md5')).digest.toString('base64');
      const out = await this.call(`upload ${key} to`, () => this.client.send(new PutObjectCommand({ ...params, Body: createReadStream(source), ContentMD5: contentMd5 })));
      versionId = out.VersionId;
    } else {
      const { ContentLength: _length, ChecksumSHA256: _checksum, ...multipart } = params;
      const upload = new Upload({ client: this.client, params: { ...multipart, Body: createReadStream(source), ChecksumAlgorithm: this.location.endpoint ? undefined : 'SHA256' }, partSize: this.parts.size, queueSize: 2, leavePartsOnError: false });
      const out = await upload.done().catch((error) => {
        throw toStoreError(error, this.url, `upload ${key} to`);
      });
      versionId = out.VersionId;
    }
    if (!versionId) throw new MaestroError('STORE_NOT_WORM', `${this.url} returned no version id for ${key}: the bucket is not versioned`, { remedy: 'use a bucket created with Object Lock enabled.' });
    const head = await this.call(`check ${key} in`, () => this.client.send(new HeadObjectCommand({ Bucket: this.location.bucket, Key: fullKey, VersionId: versionId })));
    if (head.ContentLength !== expected.size || head.Metadata?.sha256 !== expected.sha256) {
      throw new MaestroError('STORE_ACCESS', `${key} in ${this.url} holds ${head.ContentLength} bytes (sha256 ${head.Metadata?.sha256 ?? 'not recorded'}), not the ${expected.size} uploaded`, { remedy: 'the store lost or altered the upload: check the endpoint, then publish again.' });
    }
    const retention = await this.lock(key, versionId, until);
    return { key, ...expected, versionId, retention, notes: [] };
  }

  async inspect(key: string): Promise<StoredObject | undefined> {
    const history = await this.history(key);
    if (!history) return undefined;
    const { first, overwrites } = history;
    const body = await this.call(`read ${key} from`, () => this.client.send(new GetObjectCommand({ Bucket: this.location.bucket, Key: this.key(key), VersionId: first.VersionId })));
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of body.Body as Readable) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
    return { key, size, sha256: hash.digest('hex'), versionId: first.VersionId, retention: await this.retention(key, first.VersionId!), notes: [], overwrites };
  }

  async read(key: string, maxBytes: number): Promise<Buffer | undefined> {
    const history = await this.history(key);
    if (!history) return undefined;
    if ((history.first.Size ?? 0) > maxBytes) throw new MaestroError('FILE_TOO_LARGE', `${key} in ${this.url} is ${history.first.Size} bytes, more than ${maxBytes}`, { remedy: 'this is not a file maestro wrote; check the bundle.' });
    const out = await this.call(`read ${key} from`, () => this.client.send(new GetObjectCommand({ Bucket: this.location.bucket, Key: this.key(key), VersionId: history.first.VersionId })));
    return Buffer.from(await out.Body!.transformToByteArray());
  }

  async list(): Promise<string[]> {
    const base = this.location.prefix ? `${this.location.prefix}/` : '';
    const keys = new Set<string>();
    let keyMarker: string | undefined;
    let versionMarker: string | undefined;
    do {
      const page = await this.call('list', () => this.client.send(new ListObjectVersionsCommand({ Bucket: this.location.bucket, Prefix: base, KeyMarker: keyMarker, VersionIdMarker: versionMarker })));
      for (const v of page.Versions ?? []) if (v.Key) keys.add(v.Key.slice(base.length));
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      versionMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
    } while (keyMarker !== undefined);
    return [...keys].sort();
  }

  at(path: string): S3Store {
    const prefix = posix.normalize(posix.join(this.location.prefix || '.', path)).replace(/^\.\/?|\/$/g, '');
    if (prefix === '..' || prefix.startsWith('../')) throw new MaestroError('STORE_URL_INVALID', `${path} leaves bucket ${this.location.bucket}`, { remedy: 'keep releases inside the bucket.' });
    return new S3Store({ ...this.location, prefix: prefix === '.' ? '' : prefix }, this.client, this.parts);
  }

  /** The full key of `key` below this store's prefix. */
  key(key: string): string {
    return this.location.prefix ? `${this.location.prefix}/${key}` : key;
  }

  /**
   * The key's first version (the published one) and what was written over it since: every newer
   * version and every delete marker, oldest first. A delete marker older than the first version
   * hides nothing published, but it is still a write under the key, so it is listed too.
   */
  async history(key: string): Promise<{ first: ObjectVersion; overwrites: Overwrite[] } | undefined> {
    const { versions, markers } = await this.versionList(key);
    // S3 lists a key's versions newest first.
    const first = versions.at(-1);
    if (!first) return undefined;
    const overwrites: Overwrite[] = [
      ...versions.slice(0, -1).map((v): Overwrite => ({ kind: 'version', versionId: v.VersionId, writtenAt: v.LastModified?.toISOString(), size: v.Size, latest: v.IsLatest === true })),
      ...markers.map((m): Overwrite => ({ kind: 'delete-marker', versionId: m.VersionId, writtenAt: m.LastModified?.toISOString(), latest: m.IsLatest === true })),
    ];
    return { first, overwrites: overwrites.sort((a, b) => (a.writtenAt ?? '').localeCompare(b.writtenAt ?? '')) };
  }

  /** Every version and delete marker of exactly `key`, as S3 lists them: newest first. */
  private async versionList(key: string): Promise<{ versions: ObjectVersion[]; markers: DeleteMarkerEntry[] }> {
    const fullKey = this.key(key);
    const versions: ObjectVersion[] = [];
    const markers: DeleteMarkerEntry[] = [];
    let keyMarker: string | undefined;
    let versionMarker: string | undefined;
    do {
      const page = await this.call(`list the versions of ${key} in`, () => this.client.send(new ListObjectVersionsCommand({ Bucket: this.location.bucket, Prefix: fullKey, KeyMarker: keyMarker, VersionIdMarker: versionMarker })));
      versions.push(...(page.Versions ?? []).filter((v) => v.Key === fullKey));
      markers.push(...(page.DeleteMarkers ?? []).filter((m) => m.Key === fullKey));
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      versionMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
    } while (keyMarker !== undefined);
    return { versions, markers };
  }

  /**
   * Writes with If-None-Match: * (S3 answers 412, or 409 to a concurrent twin, when the key exists)
   * and then checks that the new version is the key's first: Ceph RGW 16 ignores If-None-Match in
   * versioned buckets, and there the oldest version wins; a loser's version stays behind as a later
   * version, which readers ignore and verifiers report.
   */
  async create(key: string, bytes: Buffer): Promise<boolean> {
    const until = retainUntil(this.location, new Date());
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    let versionId: string | undefined;
    try {
      const out = await this.client.send(
        new PutObjectCommand({
          Bucket: this.location.bucket,
          Key: this.key(key),
          Body: bytes,
          IfNoneMatch: '*',
          ContentMD5: createHash('md5').update(bytes).digest('base64'),
          ContentType: 'application/json',
          ObjectLockMode: 'COMPLIANCE',
          ObjectLockRetainUntilDate: until,
          Metadata: { sha256 },
          ...(this.location.kmsKeyId ? { ServerSideEncryption: 'aws:kms' as const, SSEKMSKeyId: this.location.kmsKeyId } : {}),
        }),
      );
      versionId = out.VersionId;
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 412 || status === 409) return false;
      throw toStoreError(error, this.url, `write ${key} to`);
    }
    if (!versionId) throw new MaestroError('STORE_NOT_WORM', `${this.url} returned no version id for ${key}: the bucket is not versioned`, { remedy: 'use a bucket created with Object Lock enabled.' });
    const { versions } = await this.versionList(key);
    return versions.at(-1)?.VersionId === versionId;
  }

  async versions(key: string, maxBytes: number): Promise<Array<{ bytes: Buffer; versionId?: string; retention?: Retention }>> {
    const { versions } = await this.versionList(key);
    const out: Array<{ bytes: Buffer; versionId?: string; retention?: Retention }> = [];
    for (const version of versions.reverse()) {
      if ((version.Size ?? 0) > maxBytes) throw new MaestroError('FILE_TOO_LARGE', `${key} (version ${version.VersionId}) in ${this.url} is ${version.Size} bytes, more than ${maxBytes}`, { remedy: 'this is not an object maestro wrote; check who writes to the bucket.' });
      const body = await this.call(`read ${key} from`, () => this.client.send(new GetObjectCommand({ Bucket: this.location.bucket, Key: this.key(key), VersionId: version.VersionId })));
      out.push({ bytes: Buffer.from(await body.Body!.transformToByteArray()), versionId: version.VersionId });
    }
    // The first version is the one that counts: its lock says whether it can still be deleted.
    if (out[0]?.versionId) out[0].retention = await this.retention(key, out[0].versionId);
    return out;
  }

  /** The lock of one version, or undefined when it has none. */
  async retention(key: string, versionId: string): Promise<Retention | undefined> {
    const out = await this.client.send(new GetObjectRetentionCommand({ Bucket: this.location.bucket, Key: this.key(key), VersionId: versionId })).catch((error: { name?: string }) => {
      if (error.name === 'NoSuchObjectLockConfiguration' || error.name === 'ObjectLockConfigurationNotFoundError') return undefined;
      throw toStoreError(error, this.url, `read the retention of ${key} in`);
    });
    const mode = out?.Retention?.Mode;
    const until = out?.Retention?.RetainUntilDate;
    return mode && until ? { mode, retainUntil: new Date(until).toISOString() } : undefined;
  }

  /** Makes sure the version is locked in COMPLIANCE mode at least until `until`, and reads the lock back. */
  private async lock(key: string, versionId: string, until: Date): Promise<Retention> {
    let retention = await this.retention(key, versionId);
    if (!holds(retention, until)) {
      // Stores that drop lock headers on multipart uploads: lock the completed version (extending is allowed).
      await this.call(`lock ${key} in`, () => this.client.send(new PutObjectRetentionCommand({ Bucket: this.location.bucket, Key: this.key(key), VersionId: versionId, Retention: { Mode: 'COMPLIANCE', RetainUntilDate: until } })));
      retention = await this.retention(key, versionId);
    }
    if (!holds(retention, until)) {
      throw new MaestroError('STORE_RETENTION', `${key} in ${this.url} is ${retention ? `locked in ${retention.mode} mode until ${retention.retainUntil}` : 'not locked'}, not COMPLIANCE until ${until.toISOString()}`, { remedy: 'the store did not apply the lock: use a bucket with Object Lock in COMPLIANCE mode, and check that the credentials may call PutObjectRetention.' });
    }
    return retention!;
  }

  private async call<T>(what: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw toStoreError(error, this.url, what);
    }
  }
}

/** Stores round lock dates to the second: a lock counts when it reaches the requested second. */
function holds(retention: Retention | undefined, until: Date): boolean {
  return retention?.mode === 'COMPLIANCE' && new Date(retention.retainUntil).getTime() >= Math.floor(until.getTime() / 1000) * 1000;
}
