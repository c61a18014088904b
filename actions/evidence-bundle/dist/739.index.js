export const id = 739;
export const ids = [739];
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


/***/ })

};
