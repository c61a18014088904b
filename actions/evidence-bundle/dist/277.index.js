export const id = 277;
export const ids = [277,739];
export const modules = {

/***/ 3739:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DEFAULT_RETAIN_DAYS: () => (/* binding */ DEFAULT_RETAIN_DAYS),
/* harmony export */   formatS3Url: () => (/* binding */ formatS3Url),
/* harmony export */   parseS3Url: () => (/* binding */ parseS3Url),
/* harmony export */   retainUntil: () => (/* binding */ retainUntil)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(265);

/** Default retention of published objects when the store URL sets none. */
const DEFAULT_RETAIN_DAYS = 90;
const OPTIONS = ['region', 'endpoint', 'path-style', 'retain-days', 'retain-until', 'kms-key-id'];
/**
 * Parses `s3://<bucket>/<prefix>?region=..&endpoint=..&path-style=true&retain-days=90|retain-until=<RFC 3339>&kms-key-id=..`.
 * Credentials never go in the URL (the AWS SDK's default chain supplies them); a retention that has
 * already run out, or unknown options, are refused before anything is uploaded.
 */
function parseS3Url(text, now) {
    let url;
    try {
        url = new URL(text);
    }
    catch {
        throw invalid(text, 'is not a URL');
    }
    if (url.protocol !== 's3:')
        throw invalid(text, 'is not an s3:// URL');
    if (url.username || url.password)
        throw invalid(text, 'holds credentials', 'remove them: credentials come from the AWS SDK\'s default chain (AWS_ACCESS_KEY_ID, AWS_PROFILE, a role).');
    const bucket = url.hostname;
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
        throw invalid(text, `names bucket '${bucket}', which is not a valid bucket name`);
    const prefix = decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, '');
    if (prefix.split('/').some((s) => s === '.' || s === '..'))
        throw invalid(text, 'has a . or .. segment in its prefix');
    for (const key of url.searchParams.keys())
        if (!OPTIONS.includes(key))
            throw invalid(text, `has unknown option '${key}'`, `use only ${OPTIONS.join(', ')}.`);
    const q = (name) => url.searchParams.get(name) ?? undefined;
    const endpoint = q('endpoint');
    if (endpoint !== undefined && !/^https?:\/\/[^/?#@\s]+\/?$/.test(endpoint))
        throw invalid(text, `has endpoint '${endpoint}', which is not an http(s) origin`);
    return { bucket, prefix, region: q('region'), endpoint, forcePathStyle: q('path-style') === 'true', retention: parseRetention(text, q('retain-days'), q('retain-until'), now), kmsKeyId: q('kms-key-id') };
}
function parseRetention(text, days, until, now) {
    if (days !== undefined && until !== undefined)
        throw invalid(text, 'sets both retain-days and retain-until', 'keep one of them.');
    if (until !== undefined) {
        const date = new Date(until);
        if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(until))
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .MaestroError */ .Gq('STORE_RETENTION', `retain-until '${until}' of ${text} is not an RFC 3339 time`, { remedy: 'write it as 2027-01-31T00:00:00Z.' });
        if (date.getTime() <= now.getTime())
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .MaestroError */ .Gq('STORE_RETENTION', `retain-until ${until} of ${text} has already passed`, { remedy: 'set a retention date in the future, or retain-days=<n>.' });
        return { until: date };
    }
    if (days === undefined)
        return { days: DEFAULT_RETAIN_DAYS };
    if (!/^[1-9][0-9]{0,4}$/.test(days) || Number(days) > 36500)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .MaestroError */ .Gq('STORE_RETENTION', `retain-days '${days}' of ${text} is not a whole number of days from 1 to 36500`, { remedy: 'set retain-days to the retention your controls require, such as 90 or 2555 (7 years).' });
    return { days: Number(days) };
}
/** The date each new object is locked until. */
function retainUntil(location, now) {
    return 'until' in location.retention ? location.retention.until : new Date(now.getTime() + location.retention.days * 86_400_000);
}
/** The URL for messages and reports: no credentials were ever in it; options kept so it can be reused. */
function formatS3Url(location) {
    return `s3://${location.bucket}/${location.prefix}`.replace(/\/$/, '');
}
function invalid(text, problem, remedy = 'write it as s3://<bucket>/<prefix>, options as ?region=..&endpoint=..&path-style=true&retain-days=90.') {
    return new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .MaestroError */ .Gq('STORE_URL_INVALID', `store URL ${text} ${problem}`, { remedy });
}


/***/ }),

/***/ 277:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  S3Store: () => (/* binding */ S3Store)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var dist_cjs = __webpack_require__(3711);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/lib-storage/dist-cjs/index.js
var lib_storage_dist_cjs = __webpack_require__(2358);
// EXTERNAL MODULE: ./core/errors.ts
var errors = __webpack_require__(265);
// EXTERNAL MODULE: ./adapters/fs/hash-file.ts
var hash_file = __webpack_require__(5174);
// EXTERNAL MODULE: ./adapters/store/s3-location.ts
var s3_location = __webpack_require__(3739);
;// CONCATENATED MODULE: ./adapters/store/to-store-error.ts

const AUTH_ERRORS = new Set(['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AccessDenied', 'ExpiredToken', 'InvalidToken', 'CredentialsProviderError']);
/** Turns an S3 SDK or network error into a STORE_ACCESS error that says what was being done and what to check. */
function toStoreError(error, url, what) {
    if (error instanceof errors/* MaestroError */.Gq)
        return error;
    const e = error;
    const name = e.name ?? 'Error';
    const status = e.$metadata?.httpStatusCode;
    const detail = `${name}${status ? ` ${status}` : ''}${e.message && e.message !== name && e.message !== 'UnknownError' ? `: ${e.message}` : ''}`;
    let remedy = 'check the store URL, its endpoint and the network.';
    if (AUTH_ERRORS.has(name))
        remedy = 'check the credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE or the role) and that they may use this bucket.';
    else if (name === 'NoSuchBucket')
        remedy = 'create the bucket with Object Lock enabled, or fix the bucket name.';
    else if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND')
        remedy = 'the endpoint did not answer: check the endpoint option of the store URL.';
    return new errors/* MaestroError */.Gq('STORE_ACCESS', `cannot ${what} ${url} (${detail})`, { remedy, cause: error });
}

;// CONCATENATED MODULE: ./adapters/store/s3-store.ts









/** Files above this go up in parts (lib-storage), below it in one PutObject with a Content-MD5. */
const MULTIPART_THRESHOLD = 64 * 1024 * 1024;
const PART_SIZE = 16 * 1024 * 1024;
/**
 * An S3 bucket with Object Lock as the evidence store. Every object is written with COMPLIANCE mode
 * and a retain-until date, and the lock is read back from the new version after every write: S3
 * look-alikes differ (Ceph RGW ignores lock headers on multipart uploads and ChecksumSHA256), so only
 * what the store reports is trusted. Reads take each key's first version, the one published; later
 * versions and delete markers are reported, never believed.
 */
class S3Store {
    location;
    parts;
    locking = true;
    url;
    client;
    constructor(location, client, parts = { threshold: MULTIPART_THRESHOLD, size: PART_SIZE }) {
        this.location = location;
        this.parts = parts;
        this.url = (0,s3_location.formatS3Url)(location);
        // The SDK version is pinned to one that supports Node 20; its warning about later versions is not the user's to act on.
        process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
        this.client =
            client ??
                new dist_cjs.S3Client({
                    region: location.region ?? process.env.AWS_REGION ?? 'us-east-1',
                    ...(location.endpoint ? { endpoint: location.endpoint } : {}),
                    forcePathStyle: location.forcePathStyle,
                    // S3-compatible stores may not take aws-chunked streamed bodies with trailing checksums
                    // (Ceph RGW 16 answers 411); AWS itself keeps the SDK's default flexible checksums.
                    ...(location.endpoint ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } : {}),
                });
    }
    async preflight() {
        const { bucket } = this.location;
        const versioning = await this.call('read the versioning of', () => this.client.send(new dist_cjs.GetBucketVersioningCommand({ Bucket: bucket })));
        const lock = await this.client.send(new dist_cjs.GetObjectLockConfigurationCommand({ Bucket: bucket })).catch((error) => {
            if (error.name === 'ObjectLockConfigurationNotFoundError' || error.name === 'NoSuchObjectLockConfiguration')
                return undefined;
            throw toStoreError(error, this.url, 'read the Object Lock configuration of');
        });
        if (versioning.Status !== 'Enabled' || lock?.ObjectLockConfiguration?.ObjectLockEnabled !== 'Enabled') {
            throw new errors/* MaestroError */.Gq('STORE_NOT_WORM', `bucket ${bucket} has ${versioning.Status === 'Enabled' ? 'versioning but no Object Lock' : 'neither versioning nor Object Lock'}: evidence there could be overwritten or deleted`, {
                remedy: 'create the bucket with Object Lock enabled (aws s3api create-bucket --object-lock-enabled-for-bucket), with a default COMPLIANCE retention, and use it as the store.',
            });
        }
    }
    async put(key, source, expected) {
        const until = (0,s3_location.retainUntil)(this.location, new Date());
        const existing = await this.inspect(key);
        if (existing) {
            if (existing.sha256 !== expected.sha256)
                throw new errors/* MaestroError */.Gq('STORE_OBJECT_EXISTS', `${key} is already stored in ${this.url} with other content (sha256 ${existing.sha256})`, { remedy: 'stored evidence is never replaced: publish under a new release tag.' });
            // Left by an earlier, interrupted publish: the same bytes, locked at least as long as a new write would be.
            return { ...existing, retention: await this.lock(key, existing.versionId, until) };
        }
        const fullKey = this.key(key);
        const params = {
            Bucket: this.location.bucket,
            Key: fullKey,
            ContentLength: expected.size,
            ObjectLockMode: 'COMPLIANCE',
            ObjectLockRetainUntilDate: until,
            // Kept with the object so anyone can check it; S3 validates ChecksumSHA256 where it supports it.
            Metadata: { sha256: expected.sha256 },
            ChecksumSHA256: Buffer.from(expected.sha256, 'hex').toString('base64'),
            ...(this.location.kmsKeyId ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: this.location.kmsKeyId } : {}),
        };
        let versionId;
        if (expected.size <= this.parts.threshold) {
            // Content-MD5 is validated by every S3 (ChecksumSHA256 is not by all), so the bytes are checked on arrival.
            const contentMd5 = (await (0,hash_file/* digestFile */.TM)(source, 'md5')).digest.toString('base64');
            const out = await this.call(`upload ${key} to`, () => this.client.send(new dist_cjs.PutObjectCommand({ ...params, Body: (0,external_node_fs_.createReadStream)(source), ContentMD5: contentMd5 })));
            versionId = out.VersionId;
        }
        else {
            const { ContentLength: _length, ChecksumSHA256: _checksum, ...multipart } = params;
            const upload = new lib_storage_dist_cjs/* Upload */._({ client: this.client, params: { ...multipart, Body: (0,external_node_fs_.createReadStream)(source), ChecksumAlgorithm: this.location.endpoint ? undefined : 'SHA256' }, partSize: this.parts.size, queueSize: 2, leavePartsOnError: false });
            const out = await upload.done().catch((error) => {
                throw toStoreError(error, this.url, `upload ${key} to`);
            });
            versionId = out.VersionId;
        }
        if (!versionId)
            throw new errors/* MaestroError */.Gq('STORE_NOT_WORM', `${this.url} returned no version id for ${key}: the bucket is not versioned`, { remedy: 'use a bucket created with Object Lock enabled.' });
        const head = await this.call(`check ${key} in`, () => this.client.send(new dist_cjs.HeadObjectCommand({ Bucket: this.location.bucket, Key: fullKey, VersionId: versionId })));
        if (head.ContentLength !== expected.size || head.Metadata?.sha256 !== expected.sha256) {
            throw new errors/* MaestroError */.Gq('STORE_ACCESS', `${key} in ${this.url} holds ${head.ContentLength} bytes (sha256 ${head.Metadata?.sha256 ?? 'not recorded'}), not the ${expected.size} uploaded`, { remedy: 'the store lost or altered the upload: check the endpoint, then publish again.' });
        }
        const retention = await this.lock(key, versionId, until);
        return { key, ...expected, versionId, retention, notes: [] };
    }
    async inspect(key) {
        const history = await this.history(key);
        if (!history)
            return undefined;
        const { first, notes } = history;
        const body = await this.call(`read ${key} from`, () => this.client.send(new dist_cjs.GetObjectCommand({ Bucket: this.location.bucket, Key: this.key(key), VersionId: first.VersionId })));
        const hash = (0,external_node_crypto_.createHash)('sha256');
        let size = 0;
        for await (const chunk of body.Body) {
            hash.update(chunk);
            size += chunk.length;
        }
        return { key, size, sha256: hash.digest('hex'), versionId: first.VersionId, retention: await this.retention(key, first.VersionId), notes };
    }
    async read(key, maxBytes) {
        const history = await this.history(key);
        if (!history)
            return undefined;
        if ((history.first.Size ?? 0) > maxBytes)
            throw new errors/* MaestroError */.Gq('FILE_TOO_LARGE', `${key} in ${this.url} is ${history.first.Size} bytes, more than ${maxBytes}`, { remedy: 'this is not a file maestro wrote; check the bundle.' });
        const out = await this.call(`read ${key} from`, () => this.client.send(new dist_cjs.GetObjectCommand({ Bucket: this.location.bucket, Key: this.key(key), VersionId: history.first.VersionId })));
        return Buffer.from(await out.Body.transformToByteArray());
    }
    async list() {
        const base = this.location.prefix ? `${this.location.prefix}/` : '';
        const keys = new Set();
        let keyMarker;
        let versionMarker;
        do {
            const page = await this.call('list', () => this.client.send(new dist_cjs.ListObjectVersionsCommand({ Bucket: this.location.bucket, Prefix: base, KeyMarker: keyMarker, VersionIdMarker: versionMarker })));
            for (const v of page.Versions ?? [])
                if (v.Key)
                    keys.add(v.Key.slice(base.length));
            keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
            versionMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
        } while (keyMarker !== undefined);
        return [...keys].sort();
    }
    at(path) {
        const prefix = external_node_path_.posix.normalize(external_node_path_.posix.join(this.location.prefix || '.', path)).replace(/^\.\/?|\/$/g, '');
        if (prefix === '..' || prefix.startsWith('../'))
            throw new errors/* MaestroError */.Gq('STORE_URL_INVALID', `${path} leaves bucket ${this.location.bucket}`, { remedy: 'keep releases inside the bucket.' });
        return new S3Store({ ...this.location, prefix: prefix === '.' ? '' : prefix }, this.client, this.parts);
    }
    /** The full key of `key` below this store's prefix. */
    key(key) {
        return this.location.prefix ? `${this.location.prefix}/${key}` : key;
    }
    /** The key's first version (the published one) and what the store stacked on it since. */
    async history(key) {
        const { versions, markers } = await this.versionList(key);
        // S3 lists a key's versions newest first.
        const first = versions.at(-1);
        if (!first)
            return undefined;
        const notes = [];
        if (versions.length > 1)
            notes.push(`${versions.length - 1} later version(s) were written over the published one (ignored)`);
        if (markers.length > 0)
            notes.push(`${markers.length} delete marker(s)${markers.some((m) => m.IsLatest) ? ', the newest hides the key from plain reads' : ''}; the published version is still there`);
        return { first, notes };
    }
    /** Every version and delete marker of exactly `key`, as S3 lists them: newest first. */
    async versionList(key) {
        const fullKey = this.key(key);
        const versions = [];
        const markers = [];
        let keyMarker;
        let versionMarker;
        do {
            const page = await this.call(`list the versions of ${key} in`, () => this.client.send(new dist_cjs.ListObjectVersionsCommand({ Bucket: this.location.bucket, Prefix: fullKey, KeyMarker: keyMarker, VersionIdMarker: versionMarker })));
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
    async create(key, bytes) {
        const until = (0,s3_location.retainUntil)(this.location, new Date());
        const sha256 = (0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex');
        let versionId;
        try {
            const out = await this.client.send(new dist_cjs.PutObjectCommand({
                Bucket: this.location.bucket,
                Key: this.key(key),
                Body: bytes,
                IfNoneMatch: '*',
                ContentMD5: (0,external_node_crypto_.createHash)('md5').update(bytes).digest('base64'),
                ContentType: 'application/json',
                ObjectLockMode: 'COMPLIANCE',
                ObjectLockRetainUntilDate: until,
                Metadata: { sha256 },
                ...(this.location.kmsKeyId ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: this.location.kmsKeyId } : {}),
            }));
            versionId = out.VersionId;
        }
        catch (error) {
            const status = error.$metadata?.httpStatusCode;
            if (status === 412 || status === 409)
                return false;
            throw toStoreError(error, this.url, `write ${key} to`);
        }
        if (!versionId)
            throw new errors/* MaestroError */.Gq('STORE_NOT_WORM', `${this.url} returned no version id for ${key}: the bucket is not versioned`, { remedy: 'use a bucket created with Object Lock enabled.' });
        const { versions } = await this.versionList(key);
        return versions.at(-1)?.VersionId === versionId;
    }
    async versions(key, maxBytes) {
        const { versions } = await this.versionList(key);
        const out = [];
        for (const version of versions.reverse()) {
            if ((version.Size ?? 0) > maxBytes)
                throw new errors/* MaestroError */.Gq('FILE_TOO_LARGE', `${key} (version ${version.VersionId}) in ${this.url} is ${version.Size} bytes, more than ${maxBytes}`, { remedy: 'this is not an object maestro wrote; check who writes to the bucket.' });
            const body = await this.call(`read ${key} from`, () => this.client.send(new dist_cjs.GetObjectCommand({ Bucket: this.location.bucket, Key: this.key(key), VersionId: version.VersionId })));
            out.push({ bytes: Buffer.from(await body.Body.transformToByteArray()), versionId: version.VersionId });
        }
        // The first version is the one that counts: its lock says whether it can still be deleted.
        if (out[0]?.versionId)
            out[0].retention = await this.retention(key, out[0].versionId);
        return out;
    }
    /** The lock of one version, or undefined when it has none. */
    async retention(key, versionId) {
        const out = await this.client.send(new dist_cjs.GetObjectRetentionCommand({ Bucket: this.location.bucket, Key: this.key(key), VersionId: versionId })).catch((error) => {
            if (error.name === 'NoSuchObjectLockConfiguration' || error.name === 'ObjectLockConfigurationNotFoundError')
                return undefined;
            throw toStoreError(error, this.url, `read the retention of ${key} in`);
        });
        const mode = out?.Retention?.Mode;
        const until = out?.Retention?.RetainUntilDate;
        return mode && until ? { mode, retainUntil: new Date(until).toISOString() } : undefined;
    }
    /** Makes sure the version is locked in COMPLIANCE mode at least until `until`, and reads the lock back. */
    async lock(key, versionId, until) {
        let retention = await this.retention(key, versionId);
        if (!holds(retention, until)) {
            // Stores that drop lock headers on multipart uploads: lock the completed version (extending is allowed).
            await this.call(`lock ${key} in`, () => this.client.send(new dist_cjs.PutObjectRetentionCommand({ Bucket: this.location.bucket, Key: this.key(key), VersionId: versionId, Retention: { Mode: 'COMPLIANCE', RetainUntilDate: until } })));
            retention = await this.retention(key, versionId);
        }
        if (!holds(retention, until)) {
            throw new errors/* MaestroError */.Gq('STORE_RETENTION', `${key} in ${this.url} is ${retention ? `locked in ${retention.mode} mode until ${retention.retainUntil}` : 'not locked'}, not COMPLIANCE until ${until.toISOString()}`, { remedy: 'the store did not apply the lock: use a bucket with Object Lock in COMPLIANCE mode, and check that the credentials may call PutObjectRetention.' });
        }
        return retention;
    }
    async call(what, request) {
        try {
            return await request();
        }
        catch (error) {
            throw toStoreError(error, this.url, what);
        }
    }
}
/** Stores round lock dates to the second: a lock counts when it reaches the requested second. */
function holds(retention, until) {
    return retention?.mode === 'COMPLIANCE' && new Date(retention.retainUntil).getTime() >= Math.floor(until.getTime() / 1000) * 1000;
}


/***/ })

};
