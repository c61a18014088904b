export const id = 193;
export const ids = [193];
export const modules = {

/***/ 95193:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  readCatalogDir: () => (/* binding */ readCatalogDir)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./core/errors.ts
var errors = __webpack_require__(20265);
// EXTERNAL MODULE: ./node_modules/canonicalize/lib/canonicalize.js
var canonicalize = __webpack_require__(23842);
var canonicalize_default = /*#__PURE__*/__webpack_require__.n(canonicalize);
;// CONCATENATED MODULE: ./core/util/canonical-json.ts

// canonicalize is CommonJS (module.exports = fn); Node and bundlers hand it over as the default export.
const canonical_json_canonicalize = ((canonicalize_default())["default"] ?? (canonicalize_default()));
/** RFC 8785 canonical JSON: the same value always gives the same string, whatever its key order. */
function canonical_json_canonicalJson(value) {
    const text = canonical_json_canonicalize(value);
    if (text === undefined)
        throw new TypeError('value has no JSON form');
    return text;
}

;// CONCATENATED MODULE: ./core/util/duration.ts
const PATTERN = /^P(?!$)(?:(\d{1,4})W)?(?:(\d{1,4})D)?(?:T(?=\d)(?:(\d{1,4})H)?(?:(\d{1,4})M)?)?$/;
/**
 * Milliseconds in an ISO 8601 duration limited to weeks, days, hours and minutes (`P7D`, `PT12H`).
 * Months and years are refused: their length depends on the calendar, and a freshness bound must not.
 * Returns `undefined` for anything else.
 */
function parseDurationMs(text) {
    const match = PATTERN.exec(text);
    if (!match)
        return undefined;
    const [, w, d, h, m] = match;
    const minutes = ((Number(w ?? 0) * 7 + Number(d ?? 0)) * 24 + Number(h ?? 0)) * 60 + Number(m ?? 0);
    return minutes * 60_000;
}
/** A short human form of a duration in milliseconds: `3 days`, `5 hours`, `12 minutes`. */
function humanDuration(ms) {
    const minutes = Math.floor(Math.abs(ms) / 60_000);
    if (minutes >= 2 * 1440)
        return `${Math.floor(minutes / 1440)} days`;
    if (minutes >= 120)
        return `${Math.floor(minutes / 60)} hours`;
    return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

// EXTERNAL MODULE: ./core/util/sha256.ts
var sha256 = __webpack_require__(75862);
;// CONCATENATED MODULE: ./core/controls/build-catalog.ts




/**
 * Builds a catalog from parsed files: schema check, then the rules a schema cannot express
 * (unique ids, one requirement per kind, declared parameters). Collects every problem before
 * failing, so one run shows all of them.
 */
function buildCatalog(entries, checkSchema) {
    const problems = [];
    const controls = [];
    const seen = new Map();
    for (const entry of entries) {
        const issues = checkSchema(entry.value);
        if (issues.length > 0) {
            for (const issue of issues)
                problems.push(`${entry.source} at ${issue.pointer || '/'}: ${issue.message}`);
            continue;
        }
        const value = entry.value;
        const control = { ...value, tags: value.tags ?? [], source: entry.source };
        const first = seen.get(control.id);
        if (first !== undefined) {
            throw new errors/* MaestroError */.Gq('CATALOG_DUPLICATE_ID', `control id ${control.id} is defined twice, in ${first} and in ${entry.source}`, {
                file: entry.source,
                pointer: '/id',
                remedy: 'give each control its own id; ids are referenced by waivers and decisions, so never reuse one.',
            });
        }
        seen.set(control.id, entry.source);
        problems.push(...checkRequirements(control));
        controls.push(control);
    }
    if (problems.length > 0) {
        throw new errors/* MaestroError */.Gq('CATALOG_INVALID', `the controls catalog is invalid:\n  - ${problems.join('\n  - ')}`, {
            remedy: 'fix the listed fields; controls/control.schema.json documents every field.',
        });
    }
    controls.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { controls, digest: catalogDigest(controls) };
}
/** sha256 of the canonical controls, without their file names: the same rules give the same digest. */
function catalogDigest(controls) {
    return (0,sha256/* sha256Hex */.f)(canonical_json_canonicalJson(controls.map(({ source: _source, ...rest }) => rest)));
}
function checkRequirements(control) {
    const problems = [];
    const kinds = new Set();
    control.evidence.forEach((req, index) => {
        const at = `${control.source} at /evidence/${index}`;
        if (kinds.has(req.kind))
            problems.push(`${at}/kind: ${control.id} already has a ${req.kind} requirement; merge the assertions into one`);
        kinds.add(req.kind);
        if (req.kind === 'link' && !req.link)
            problems.push(`${at}/link: a link requirement must set link: true`);
        if (parseDurationMs(req.maxAge) === undefined)
            problems.push(`${at}/maxAge: ${req.maxAge} is not a duration in weeks, days, hours or minutes`);
        for (const name of referencedParams(req.assert)) {
            if (!req.params || !(name in req.params)) {
                problems.push(`${at}/assert: references /params/${name}, which params does not declare`);
            }
        }
        for (const name of Object.keys(req.params ?? {})) {
            if (!referencedParams(req.assert).includes(name))
                problems.push(`${at}/params/${name}: declared but no assertion uses it`);
        }
    });
    return problems;
}
/** Names of the parameters an assertion references through `{"$data": "/params/<name>"}`. */
function referencedParams(assert) {
    const names = new Set();
    const stack = [assert];
    while (stack.length > 0) {
        const node = stack.pop();
        if (node === null || typeof node !== 'object')
            continue;
        if (!Array.isArray(node)) {
            const ref = node['$data'];
            if (typeof ref === 'string') {
                const match = /^\/params\/([A-Za-z0-9]+)$/.exec(ref);
                if (match?.[1])
                    names.add(match[1]);
            }
        }
        stack.push(...Object.values(node));
    }
    return [...names].sort();
}
/** The key under which an assertion's compiled validator is stored: sha256 of its canonical JSON, 16 hex. */
function assertionKey(assert) {
    return sha256Hex(canonicalJson(assert)).slice(0, 16);
}

// EXTERNAL MODULE: ./core/evidence/schema-issues.ts + 1 modules
var schema_issues = __webpack_require__(41263);
;// CONCATENATED MODULE: ./core/generated/control-validator.js
// Generated by scripts/generate.ts. Do not edit.

const validateControl = validate22;const schema33 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"urn:maestro-conductor:catalog:control:v1","type":"object","additionalProperties":false,"required":["id","title","priority","blocking","description","frameworks","applies","evidence"],"properties":{"id":{"type":"string","pattern":"^[A-Z][A-Z0-9]{0,9}-[0-9]{2,4}$"},"title":{"type":"string","minLength":3,"maxLength":80},"priority":{"enum":["P0","P1","P2"]},"blocking":{"type":"boolean"},"description":{"type":"string","minLength":10,"maxLength":2000},"owner":{"type":"string","maxLength":120},"tags":{"type":"array","items":{"type":"string","pattern":"^[a-z0-9][a-z0-9-]{0,39}$"},"maxItems":20},"frameworks":{"type":"object","additionalProperties":false,"required":["soc2","iso27001","ssdf"],"properties":{"soc2":{"type":"array","minItems":1,"items":{"type":"string","pattern":"^(CC[1-9]\\.[0-9]{1,2}|A1\\.[1-3]|C1\\.[1-2]|PI1\\.[1-5]|P[1-8]\\.[0-9])$"}},"iso27001":{"type":"array","minItems":1,"items":{"type":"string","pattern":"^A\\.(5\\.([1-9]|[12][0-9]|3[0-7])|6\\.[1-8]|7\\.([1-9]|1[0-4])|8\\.([1-9]|[12][0-9]|3[0-4]))$"}},"ssdf":{"type":"array","minItems":1,"items":{"type":"string","pattern":"^(PO|PS|PW|RV)\\.[1-9](\\.[1-9])?$"}}}},"applies":{"type":"object","additionalProperties":false,"minProperties":1,"properties":{"always":{"type":"boolean"},"labels":{"type":"array","items":{"type":"string","minLength":1,"maxLength":50},"maxItems":50},"paths":{"type":"array","items":{"type":"string","minLength":1,"maxLength":200},"maxItems":100}}},"evidence":{"type":"array","minItems":1,"maxItems":10,"items":{"$ref":"#/$defs/requirement"}}},"$defs":{"requirement":{"type":"object","additionalProperties":false,"required":["kind","description","scope","maxAge","link"],"properties":{"kind":{"enum":["schema-diff","attestation-verification","sbom-diff","a11y","k6-summary","slo-burn","policy-test","drill-report","drift-report","evidence-manifest","link"]},"description":{"type":"string","minLength":10,"maxLength":300},"scope":{"enum":["commit","repo"]},"maxAge":{"type":"string","pattern":"^P(?!$)([0-9]{1,4}W)?([0-9]{1,4}D)?(T(?=[0-9])([0-9]{1,4}H)?([0-9]{1,4}M)?)?$"},"link":{"type":"boolean"},"match":{"type":"object","minProperties":1,"maxProperties":5,"propertyNames":{"pattern":"^[a-z][A-Za-z0-9]{0,39}$"},"additionalProperties":{"anyOf":[{"type":["string","number","boolean"]},{"type":"array","minItems":1,"maxItems":20,"items":{"type":["string","number","boolean"]}}]}},"params":{"type":"object","propertyNames":{"pattern":"^[a-z][A-Za-z0-9]{0,39}$"},"additionalProperties":{"type":["number","string","boolean"]}},"assert":{"type":"object"},"show":{"type":"array","items":{"type":"string","pattern":"^(/[^/]+)+$"},"maxItems":10}}}}};const schema34 = {"type":"object","additionalProperties":false,"required":["kind","description","scope","maxAge","link"],"properties":{"kind":{"enum":["schema-diff","attestation-verification","sbom-diff","a11y","k6-summary","slo-burn","policy-test","drill-report","drift-report","evidence-manifest","link"]},"description":{"type":"string","minLength":10,"maxLength":300},"scope":{"enum":["commit","repo"]},"maxAge":{"type":"string","pattern":"^P(?!$)([0-9]{1,4}W)?([0-9]{1,4}D)?(T(?=[0-9])([0-9]{1,4}H)?([0-9]{1,4}M)?)?$"},"link":{"type":"boolean"},"match":{"type":"object","minProperties":1,"maxProperties":5,"propertyNames":{"pattern":"^[a-z][A-Za-z0-9]{0,39}$"},"additionalProperties":{"anyOf":[{"type":["string","number","boolean"]},{"type":"array","minItems":1,"maxItems":20,"items":{"type":["string","number","boolean"]}}]}},"params":{"type":"object","propertyNames":{"pattern":"^[a-z][A-Za-z0-9]{0,39}$"},"additionalProperties":{"type":["number","string","boolean"]}},"assert":{"type":"object"},"show":{"type":"array","items":{"type":"string","pattern":"^(/[^/]+)+$"},"maxItems":10}}};const func1 = Object.prototype.hasOwnProperty;const pattern6 = new RegExp("^[A-Z][A-Z0-9]{0,9}-[0-9]{2,4}$", "u");const pattern5 = new RegExp("^[a-z0-9][a-z0-9-]{0,39}$", "u");const pattern14 = new RegExp("^(CC[1-9]\\.[0-9]{1,2}|A1\\.[1-3]|C1\\.[1-2]|PI1\\.[1-5]|P[1-8]\\.[0-9])$", "u");const pattern15 = new RegExp("^A\\.(5\\.([1-9]|[12][0-9]|3[0-7])|6\\.[1-8]|7\\.([1-9]|1[0-4])|8\\.([1-9]|[12][0-9]|3[0-4]))$", "u");const pattern16 = new RegExp("^(PO|PS|PW|RV)\\.[1-9](\\.[1-9])?$", "u");const pattern17 = new RegExp("^P(?!$)([0-9]{1,4}W)?([0-9]{1,4}D)?(T(?=[0-9])([0-9]{1,4}H)?([0-9]{1,4}M)?)?$", "u");const pattern8 = new RegExp("^[a-z][A-Za-z0-9]{0,39}$", "u");const pattern20 = new RegExp("^(/[^/]+)+$", "u");function validate22(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){/*# sourceURL="urn:maestro-conductor:catalog:control:v1" */;let vErrors = null;let errors = 0;const evaluated0 = validate22.evaluated;if(evaluated0.dynamicProps){evaluated0.props = undefined;}if(evaluated0.dynamicItems){evaluated0.items = undefined;}if(data && typeof data == "object" && !Array.isArray(data)){if(data.id === undefined){const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'"};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}if(data.title === undefined){const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "title"},message:"must have required property '"+"title"+"'"};if(vErrors === null){vErrors = [err1];}else {vErrors.push(err1);}errors++;}if(data.priority === undefined){const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "priority"},message:"must have required property '"+"priority"+"'"};if(vErrors === null){vErrors = [err2];}else {vErrors.push(err2);}errors++;}if(data.blocking === undefined){const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "blocking"},message:"must have required property '"+"blocking"+"'"};if(vErrors === null){vErrors = [err3];}else {vErrors.push(err3);}errors++;}if(data.description === undefined){const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "description"},message:"must have required property '"+"description"+"'"};if(vErrors === null){vErrors = [err4];}else {vErrors.push(err4);}errors++;}if(data.frameworks === undefined){const err5 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "frameworks"},message:"must have required property '"+"frameworks"+"'"};if(vErrors === null){vErrors = [err5];}else {vErrors.push(err5);}errors++;}if(data.applies === undefined){const err6 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "applies"},message:"must have required property '"+"applies"+"'"};if(vErrors === null){vErrors = [err6];}else {vErrors.push(err6);}errors++;}if(data.evidence === undefined){const err7 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "evidence"},message:"must have required property '"+"evidence"+"'"};if(vErrors === null){vErrors = [err7];}else {vErrors.push(err7);}errors++;}for(const key0 in data){if(!(func1.call(schema33.properties, key0))){const err8 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};if(vErrors === null){vErrors = [err8];}else {vErrors.push(err8);}errors++;}}if(data.id !== undefined){let data0 = data.id;if(typeof data0 === "string"){if(!pattern6.test(data0)){const err9 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/pattern",keyword:"pattern",params:{pattern: "^[A-Z][A-Z0-9]{0,9}-[0-9]{2,4}$"},message:"must match pattern \""+"^[A-Z][A-Z0-9]{0,9}-[0-9]{2,4}$"+"\""};if(vErrors === null){vErrors = [err9];}else {vErrors.push(err9);}errors++;}}else {const err10 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string"};if(vErrors === null){vErrors = [err10];}else {vErrors.push(err10);}errors++;}}if(data.title !== undefined){let data1 = data.title;if(typeof data1 === "string"){if(data1.length > 80){const err11 = {instancePath:instancePath+"/title",schemaPath:"#/properties/title/maxLength",keyword:"maxLength",params:{limit: 80},message:"must NOT have more than 80 characters"};if(vErrors === null){vErrors = [err11];}else {vErrors.push(err11);}errors++;}if(data1.length < 3){const err12 = {instancePath:instancePath+"/title",schemaPath:"#/properties/title/minLength",keyword:"minLength",params:{limit: 3},message:"must NOT have fewer than 3 characters"};if(vErrors === null){vErrors = [err12];}else {vErrors.push(err12);}errors++;}}else {const err13 = {instancePath:instancePath+"/title",schemaPath:"#/properties/title/type",keyword:"type",params:{type: "string"},message:"must be string"};if(vErrors === null){vErrors = [err13];}else {vErrors.push(err13);}errors++;}}if(data.priority !== undefined){let data2 = data.priority;if(!(((data2 === "P0") || (data2 === "P1")) || (data2 === "P2"))){const err14 = {instancePath:instancePath+"/priority",schemaPath:"#/properties/priority/enum",keyword:"enum",params:{allowedValues: schema33.properties.priority.enum},message:"must be equal to one of the allowed values"};if(vErrors === null){vErrors = [err14];}else {vErrors.push(err14);}errors++;}}if(data.blocking !== undefined){if(typeof data.blocking !== "boolean"){const err15 = {instancePath:instancePath+"/blocking",schemaPath:"#/properties/blocking/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};if(vErrors === null){vErrors = [err15];}else {vErrors.push(err15);}errors++;}}if(data.description !== undefined){let data4 = data.description;if(typeof data4 === "string"){if(data4.length > 2000){const err16 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/maxLength",keyword:"maxLength",params:{limit: 2000},message:"must NOT have more than 2000 characters"};if(vErrors === null){vErrors = [err16];}else {vErrors.push(err16);}errors++;}if(data4.length < 10){const err17 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/minLength",keyword:"minLength",params:{limit: 10},message:"must NOT have fewer than 10 characters"};if(vErrors === null){vErrors = [err17];}else {vErrors.push(err17);}errors++;}}else {const err18 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string"};if(vErrors === null){vErrors = [err18];}else {vErrors.push(err18);}errors++;}}if(data.owner !== undefined){let data5 = data.owner;if(typeof data5 === "string"){if(data5.length > 120){const err19 = {instancePath:instancePath+"/owner",schemaPath:"#/properties/owner/maxLength",keyword:"maxLength",params:{limit: 120},message:"must NOT have more than 120 characters"};if(vErrors === null){vErrors = [err19];}else {vErrors.push(err19);}errors++;}}else {const err20 = {instancePath:instancePath+"/owner",schemaPath:"#/properties/owner/type",keyword:"type",params:{type: "string"},message:"must be string"};if(vErrors === null){vErrors = [err20];}else {vErrors.push(err20);}errors++;}}if(data.tags !== undefined){let data6 = data.tags;if(Array.isArray(data6)){if(data6.length > 20){const err21 = {instancePath:instancePath+"/tags",schemaPath:"#/properties/tags/maxItems",keyword:"maxItems",params:{limit: 20},message:"must NOT have more than 20 items"};if(vErrors === null){vErrors = [err21];}else {vErrors.push(err21);}errors++;}const len0 = data6.length;for(let i0=0; i0<len0; i0++){let data7 = data6[i0];if(typeof data7 === "string"){if(!pattern5.test(data7)){const err22 = {instancePath:instancePath+"/tags/" + i0,schemaPath:"#/properties/tags/items/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9][a-z0-9-]{0,39}$"},message:"must match pattern \""+"^[a-z0-9][a-z0-9-]{0,39}$"+"\""};if(vErrors === null){vErrors = [err22];}else {vErrors.push(err22);}errors++;}}else {const err23 = {instancePath:instancePath+"/tags/" + i0,schemaPath:"#/properties/tags/items/type",keyword:"type",params:{type: "string"},message:"must be string"};if(vErrors === null){vErrors = [err23];}else {vErrors.push(err23);}errors++;}}}else {const err24 = {instancePath:instancePath+"/tags",schemaPath:"#/properties/tags/type",keyword:"type",params:{type: "array"},message:"must be array"};if(vErrors === null){vErrors = [err24];}else {vErrors.push(err24);}errors++;}}if(data.frameworks !== undefined){let data8 = data.frameworks;if(data8 && typeof data8 == "object" && !Array.isArray(data8)){if(data8.soc2 === undefined){const err25 = {instancePath:instancePath+"/frameworks",schemaPath:"#/properties/frameworks/required",keyword:"required",params:{missingProperty: "soc2"},message:"must have required property '"+"soc2"+"'"};if(vErrors === null){vErrors = [err25];}else {vErrors.push(err25);}errors++;}if(data8.iso27001 === undefined){const err26 = {instancePath:instancePath+"/frameworks",schemaPath:"#/properties/frameworks/required",keyword:"required",params:{missingProperty: "iso27001"},message:"must have required property '"+"iso27001"+"'"};if(vErrors === null){vErrors = [err26];}else {vErrors.push(err26);}errors++;}if(data8.ssdf === undefined){const err27 = {instancePath:instancePath+"/frameworks",schemaPath:"#/properties/frameworks/required",keyword:"required",params:{missingProperty: "ssdf"},message:"must have required property '"+"ssdf"+"'"};if(vErrors === null){vErrors = [err27];}else {vErrors.push(err27);}errors++;}for(const key1 in data8){if(!(((key1 === "soc2") || (key1 === "iso27001")) || (key1 === "ssdf"))){const err28 = {instancePath:instancePath+"/frameworks",schemaPath:"#/properties/frameworks/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};if(vErrors === null){vErrors = [err28];}else {vErrors.push(err28);}errors++;}}if(data8.soc2 !== undefined){let data9 = data8.soc2;if(Array.isArray(data9)){if(data9.length < 1){const err29 = {instancePath:instancePath+"/frameworks/soc2",schemaPath:"#/properties/frameworks/properties/soc2/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};if(vErrors === null){vErrors = [err29];}else {vErrors.push(err29);}errors++;}const len1 = data9.length;for(let i1=0; i1<len1; i1++){let data10 = data9[i1];if(typeof data10 === "string"){if(!pattern14.test(data10)){const err30 = {instancePath:instancePath+"/frameworks/soc2/" + i1,schemaPath:"#/properties/frameworks/properties/soc2/items/pattern",keyword:"pattern",params:{pattern: "^(CC[1-9]\\.[0-9]{1,2}|A1\\.[1-3]|C1\\.[1-2]|PI1\\.[1-5]|P[1-8]\\.[0-9])$"},message:"must match pattern \""+"^(CC[1-9]\\.[0-9]{1,2}|A1\\.[1-3]|C1\\.[1-2]|PI1\\.[1-5]|P[1-8]\\.[0-9])$"+"\""};if(vErrors === null){vErrors = [err30];}else {vErrors.push(err30);}errors++;}}else {const err31 = {instancePath:instancePath+"/frameworks/soc2/" + i1,schemaPath:"#/properties/frameworks/properties/soc2/items/type",keyword:"type",params:{type: "string"},message:"must be string"};if(vErrors === null){vErrors = [err31];}else {vErrors.push(err31);}errors++;}}}else {const err32 = {instancePath:instancePath+"/frameworks/soc2",schemaPath:"#/properties/frameworks/properties/soc2/type",keyword:"type",params:{type: "array"},message:"must be array"};if(vErrors === null){vErrors = [err32];}else {vErrors.push(err32);}errors++;}}if(data8.iso27001 !== undefined){let data11 = data8.iso27001;if(Array.isArray(data11)){if(data11.length < 1){const err33 = {instancePath:instancePath+"/frameworks/iso27001",schemaPath:"#/properties/frameworks/properties/iso27001/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};if(vErrors === null){vErrors = [err33];}else {vErrors.push(err33);}errors++;}const len2 = data11.length;for(let i2=0; i2<len2; i2++){let data12 = data11[i2];if(typeof data12 === "string"){if(!pattern15.test(data12)){const err34 = {instancePath:instancePath+"/frameworks/iso27001/" + i2,schemaPath:"#/properties/frameworks/properties/iso27001/items/pattern",keyword:"pattern",params:{pattern: "^A\\.(5\\.([1-9]|[12][0-9]|3[0-7])|6\\.[1-8]|7\\.([1-9]|1[0-4])|8\\.([1-9]|[12][0-9]|3[0-4]))$"},message:"must match pattern \""+"^A\\.(5\\.([1-9]|[12][0-9]|3[0-7])|6\\.[1-8]|7\\.([1-9]|1[0-4])|8\\.([1-9]|[12][0-9]|3[0-4]))$"+"\""};if(vErrors === null){vErrors = [err34];}else {vErrors.push(err34);}errors++;}}else {const err35 = {instancePath:instancePath+"/frameworks/iso27001/" + i2,schemaPath:"#/properties/frameworks/properties/iso27001/items/type",keyword:"type",params:{type: "string"},message:"must be string"};if(vErrors === null){vErrors = [err35];}else {vErrors.push(err35);}errors++;}}}else {const err36 = {instancePath:instancePath+"/frameworks/iso27001",schemaPath:"#/properties/frameworks/properties/iso27001/type",keyword:"type",params:{type: "array"},message:"must be array"};if(vErrors === null){vErrors = [err36];}else {vErrors.push(err36);}errors++;}}if(data8.ssdf !== undefined){let data13 = data8.ssdf;if(Array.isArray(data13)){if(data13.length < 1){const err37 = {instancePath:instancePath+"/frameworks/ssdf",schemaPath:"#/properties/frameworks/properties/ssdf/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};if(vErrors === null){vErrors = [err37];}else {vErrors.push(err37);}errors++;}const len3 = data13.length;for(let i3=0; i3<len3; i3++){let data14 = data13[i3];if(typeof data14 === "string"){if(!pattern16.test(data14)){const err38 = {instancePath:instancePath+"/frameworks/ssdf/" + i3,schemaPath:"#/properties/frameworks/properties/ssdf/items/pattern",keyword:"pattern",params:{pattern: "^(PO|PS|PW|RV)\\.[1-9](\\.[1-9])?$"},message:"must match pattern \""+"^(PO|PS|PW|RV)\\.[1-9](\\.[1-9])?$"+"\""};if(vErrors === null){vErrors = [err38];}else {vErrors.push(err38);}errors++;}}else {const err39 = {instancePath:instancePath+"/frameworks/ssdf/" + i3,schemaPath:"#/properties/frameworks/properties/ssdf/items/type",keyword:"type",params:{type: "string"},message:"must be string"};if(vErrors === null){vErrors = [err39];}else {vErrors.push(err39);}errors++;}}}else {const err40 = {instancePath:instancePath+"/frameworks/ssdf",schemaPath:"#/properties/frameworks/properties/ssdf/type",keyword:"type",params:{type: "array"},message:"must be array"};if(vErrors === null){vErrors = [err40];}else {vErrors.push(err40);}errors++;}}}else {const err41 = {instancePath:instancePath+"/frameworks",schemaPath:"#/properties/frameworks/type",keyword:"type",params:{type: "object"},message:"must be object"};if(vErrors === null){vErrors = [err41];}else {vErrors.push(err41);}errors++;}}if(data.applies !== undefined){let data15 = data.applies;if(data15 && typeof data15 == "object" && !Array.isArray(data15)){if(Object.keys(data15).length < 1){const err42 = {instancePath:instancePath+"/applies",schemaPath:"#/properties/applies/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties"};if(vErrors === null){vErrors = [err42];}else {vErrors.push(err42);}errors++;}for(const key2 in data15){if(!(((key2 === "always") || (key2 === "labels")) || (key2 === "paths"))){const err43 = {instancePath:instancePath+"/applies",schemaPath:"#/properties/applies/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};if(vErrors === null){vErrors = [err43];}else {vErrors.push(err43);}errors++;}}if(data15.always !== undefined){if(typeof data15.always !== "boolean"){const err44 = {instancePath:instancePath+"/applies/always",schemaPath:"#/properties/applies/properties/always/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};if(vErrors === null){vErrors = [err44];}else {vErrors.push(err44);}errors++;}}if(data15.labels !== undefined){let data17 = data15.labels;if(Array.isArray(data17)){if(data17.length > 50){const err45 = {instancePath:instancePath+"/applies/labels",schemaPath:"#/properties/applies/properties/labels/maxItems",keyword:"maxItems",params:{limit: 50},message:"must NOT have more than 50 items"};if(vErrors === null){vErrors = [err45];}else {vErrors.push(err45);}errors++;}const len4 = data17.length;for(let i4=0; i4<len4; i4++){let data18 = data17[i4];if(typeof data18 === "string"){if(data18.length > 50){const err46 = {instancePath:instancePath+"/applies/labels/" + i4,schemaPath:"#/properties/applies/properties/labels/items/maxLength",keyword:"maxLength",params:{limit: 50},message:"must NOT have more than 50 characters"};if(vErrors === null){vErrors = [err46];}else {vErrors.push(err46);}errors++;}if(data18.length < 1){const err47 = {instancePath:instancePath+"/applies/labels/" + i4,schemaPath:"#/properties/applies/properties/labels/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};if(vErrors === null){vErrors = [err47];}else {vErrors.push(err47);}errors++;}}else {const err48 = {instancePath:instancePath+"/applies/labels/" + i4,schemaPath:"#/properties/applies/properties/labels/items/type",keyword:"type",params:{type: "string"},message:"must be string"};if(vErrors === null){vErrors = [err48];}else {vErrors.push(err48);}errors++;}}}else {const err49 = {instancePath:instancePath+"/applies/labels",schemaPath:"#/properties/applies/properties/labels/type",keyword:"type",params:{type: "array"},message:"must be array"};if(vErrors === null){vErrors = [err49];}else {vErrors.push(err49);}errors++;}}if(data15.paths !== undefined){let data19 = data15.paths;if(Array.isArray(data19)){if(data19.length > 100){const err50 = {instancePath:instancePath+"/applies/paths",schemaPath:"#/properties/applies/properties/paths/maxItems",keyword:"maxItems",params:{limit: 100},message:"must NOT have more than 100 items"};if(vErrors === null){vErrors = [err50];}else {vErrors.push(err50);}errors++;}const len5 = data19.length;for(let i5=0; i5<len5; i5++){let data20 = data19[i5];if(typeof data20 === "string"){if(data20.length > 200){const err51 = {instancePath:instancePath+"/applies/paths/" + i5,schemaPath:"#/properties/applies/properties/paths/items/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"};if(vErrors === null){vErrors = [err51];}else {vErrors.push(err51);}errors++;}if(data20.length < 1){const err52 = {instancePath:instancePath+"/applies/paths/" + i5,schemaPath:"#/properties/applies/properties/paths/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};if(vErrors === null){vErrors = [err52];}else {vErrors.push(err52);}errors++;}}else {const err53 = {instancePath:instancePath+"/applies/paths/" + i5,schemaPath:"#/properties/applies/properties/paths/items/type",keyword:"type",params:{type: "string"},message:"must be string"};if(vErrors === null){vErrors = [err53];}else {vErrors.push(err53);}errors++;}}}else {const err54 = {instancePath:instancePath+"/applies/paths",schemaPath:"#/properties/applies/properties/paths/type",keyword:"type",params:{type: "array"},message:"must be array"};if(vErrors === null){vErrors = [err54];}else {vErrors.push(err54);}errors++;}}}else {const err55 = {instancePath:instancePath+"/applies",schemaPath:"#/properties/applies/type",keyword:"type",params:{type: "object"},message:"must be object"};if(vErrors === null){vErrors = [err55];}else {vErrors.push(err55);}errors++;}}if(data.evidence !== undefined){let data21 = data.evidence;if(Array.isArray(data21)){if(data21.length > 10){const err56 = {instancePath:instancePath+"/evidence",schemaPath:"#/properties/evidence/maxItems",keyword:"maxItems",params:{limit: 10},message:"must NOT have more than 10 items"};if(vErrors === null){vErrors = [err56];}else {vErrors.push(err56);}errors++;}if(data21.length < 1){const err57 = {instancePath:instancePath+"/evidence",schemaPath:"#/properties/evidence/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};if(vErrors === null){vErrors = [err57];}else {vErrors.push(err57);}errors++;}const len6 = data21.length;for(let i6=0; i6<len6; i6++){let data22 = data21[i6];if(data22 && typeof data22 == "object" && !Array.isArray(data22)){if(data22.kind === undefined){const err58 = {instancePath:instancePath+"/evidence/" + i6,schemaPath:"#/$defs/requirement/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'"};if(vErrors === null){vErrors = [err58];}else {vErrors.push(err58);}errors++;}if(data22.description === undefined){const err59 = {instancePath:instancePath+"/evidence/" + i6,schemaPath:"#/$defs/requirement/required",keyword:"required",params:{missingProperty: "description"},message:"must have required property '"+"description"+"'"};if(vErrors === null){vErrors = [err59];}else {vErrors.push(err59);}errors++;}if(data22.scope === undefined){const err60 = {instancePath:instancePath+"/evidence/" + i6,schemaPath:"#/$defs/requirement/required",keyword:"required",params:{missingProperty: "scope"},message:"must have required property '"+"scope"+"'"};if(vErrors === null){vErrors = [err60];}else {vErrors.push(err60);}errors++;}if(data22.maxAge === undefined){const err61 = {instancePath:instancePath+"/evidence/" + i6,schemaPath:"#/$defs/requirement/required",keyword:"required",params:{missingProperty: "maxAge"},message:"must have required property '"+"maxAge"+"'"};if(vErrors === null){vErrors = [err61];}else {vErrors.push(err61);}errors++;}if(data22.link === undefined){const err62 = {instancePath:instancePath+"/evidence/" + i6,schemaPath:"#/$defs/requirement/required",keyword:"required",params:{missingProperty: "link"},message:"must have required property '"+"link"+"'"};if(vErrors === null){vErrors = [err62];}else {vErrors.push(err62);}errors++;}for(const key3 in data22){if(!(func1.call(schema34.properties, key3))){const err63 = {instancePath:instancePath+"/evidence/" + i6,schemaPath:"#/$defs/requirement/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};if(vErrors === null){vErrors = [err63];}else {vErrors.push(err63);}errors++;}}if(data22.kind !== undefined){let data23 = data22.kind;if(!(((((((((((data23 === "schema-diff") || (data23 === "attestation-verification")) || (data23 === "sbom-diff")) || (data23 === "a11y")) || (data23 === "k6-summary")) || (data23 === "slo-burn")) || (data23 === "policy-test")) || (data23 === "drill-report")) || (data23 === "drift-report")) || (data23 === "evidence-manifest")) || (data23 === "link"))){const err64 = {instancePath:instancePath+"/evidence/" + i6+"/kind",schemaPath:"#/$defs/requirement/properties/kind/enum",keyword:"enum",params:{allowedValues: schema34.properties.kind.enum},message:"must be equal to one of the allowed values"};if(vErrors === null){vErrors = [err64];}else {vErrors.push(err64);}errors++;}}if(data22.description !== undefined){let data24 = data22.description;if(typeof data24 === "string"){if(data24.length > 300){const err65 = {instancePath:instancePath+"/evidence/" + i6+"/description",schemaPath:"#/$defs/requirement/properties/description/maxLength",keyword:"maxLength",params:{limit: 300},message:"must NOT have more than 300 characters"};if(vErrors === null){vErrors = [err65];}else {vErrors.push(err65);}errors++;}if(data24.length < 10){const err66 = {instancePath:instancePath+"/evidence/" + i6+"/description",schemaPath:"#/$defs/requirement/properties/description/minLength",keyword:"minLength",params:{limit: 10},message:"must NOT have fewer than 10 characters"};if(vErrors === null){vErrors = [err66];}else {vErrors.push(err66);}errors++;}}else {const err67 = {instancePath:instancePath+"/evidence/" + i6+"/description",schemaPath:"#/$defs/requirement/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string"};if(vErrors === null){vErrors = [err67];}else {vErrors.push(err67);}errors++;}}if(data22.scope !== undefined){let data25 = data22.scope;if(!((data25 === "commit") || (data25 === "repo"))){const err68 = {instancePath:instancePath+"/evidence/" + i6+"/scope",schemaPath:"#/$defs/requirement/properties/scope/enum",keyword:"enum",params:{allowedValues: schema34.properties.scope.enum},message:"must be equal to one of the allowed values"};if(vErrors === null){vErrors = [err68];}else {vErrors.push(err68);}errors++;}}if(data22.maxAge !== undefined){let data26 = data22.maxAge;if(typeof data26 === "string"){if(!pattern17.test(data26)){const err69 = {instancePath:instancePath+"/evidence/" + i6+"/maxAge",schemaPath:"#/$defs/requirement/properties/maxAge/pattern",keyword:"pattern",params:{pattern: "^P(?!$)([0-9]{1,4}W)?([0-9]{1,4}D)?(T(?=[0-9])([0-9]{1,4}H)?([0-9]{1,4}M)?)?$"},message:"must match pattern \""+"^P(?!$)([0-9]{1,4}W)?([0-9]{1,4}D)?(T(?=[0-9])([0-9]{1,4}H)?([0-9]{1,4}M)?)?$"+"\""};if(vErrors === null){vErrors = [err69];}else {vErrors.push(err69);}errors++;}}else {const err70 = {instancePath:instancePath+"/evidence/" + i6+"/maxAge",schemaPath:"#/$defs/requirement/properties/maxAge/type",keyword:"type",params:{type: "string"},message:"must be string"};if(vErrors === null){vErrors = [err70];}else {vErrors.push(err70);}errors++;}}if(data22.link !== undefined){if(typeof data22.link !== "boolean"){const err71 = {instancePath:instancePath+"/evidence/" + i6+"/link",schemaPath:"#/$defs/requirement/properties/link/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};if(vErrors === null){vErrors = [err71];}else {vErrors.push(err71);}errors++;}}if(data22.match !== undefined){let data28 = data22.match;if(data28 && typeof data28 == "object" && !Array.isArray(data28)){if(Object.keys(data28).length > 5){const err72 = {instancePath:instancePath+"/evidence/" + i6+"/match",schemaPath:"#/$defs/requirement/properties/match/maxProperties",keyword:"maxProperties",params:{limit: 5},message:"must NOT have more than 5 properties"};if(vErrors === null){vErrors = [err72];}else {vErrors.push(err72);}errors++;}if(Object.keys(data28).length < 1){const err73 = {instancePath:instancePath+"/evidence/" + i6+"/match",schemaPath:"#/$defs/requirement/properties/match/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties"};if(vErrors === null){vErrors = [err73];}else {vErrors.push(err73);}errors++;}for(const key4 in data28){const _errs61 = errors;if(typeof key4 === "string"){if(!pattern8.test(key4)){const err74 = {instancePath:instancePath+"/evidence/" + i6+"/match",schemaPath:"#/$defs/requirement/properties/match/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[a-z][A-Za-z0-9]{0,39}$"},message:"must match pattern \""+"^[a-z][A-Za-z0-9]{0,39}$"+"\"",propertyName:key4};if(vErrors === null){vErrors = [err74];}else {vErrors.push(err74);}errors++;}}var valid19 = _errs61 === errors;if(!valid19){const err75 = {instancePath:instancePath+"/evidence/" + i6+"/match",schemaPath:"#/$defs/requirement/properties/match/propertyNames",keyword:"propertyNames",params:{propertyName: key4},message:"property name must be valid"};if(vErrors === null){vErrors = [err75];}else {vErrors.push(err75);}errors++;}}for(const key5 in data28){let data29 = data28[key5];const _errs64 = errors;let valid21 = false;const _errs65 = errors;if(((typeof data29 !== "string") && (!((typeof data29 == "number") && (isFinite(data29))))) && (typeof data29 !== "boolean")){const err76 = {instancePath:instancePath+"/evidence/" + i6+"/match/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/requirement/properties/match/additionalProperties/anyOf/0/type",keyword:"type",params:{type: schema34.properties.match.additionalProperties.anyOf[0].type},message:"must be string,number,boolean"};if(vErrors === null){vErrors = [err76];}else {vErrors.push(err76);}errors++;}var _valid0 = _errs65 === errors;valid21 = valid21 || _valid0;const _errs67 = errors;if(Array.isArray(data29)){if(data29.length > 20){const err77 = {instancePath:instancePath+"/evidence/" + i6+"/match/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/requirement/properties/match/additionalProperties/anyOf/1/maxItems",keyword:"maxItems",params:{limit: 20},message:"must NOT have more than 20 items"};if(vErrors === null){vErrors = [err77];}else {vErrors.push(err77);}errors++;}if(data29.length < 1){const err78 = {instancePath:instancePath+"/evidence/" + i6+"/match/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/requirement/properties/match/additionalProperties/anyOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};if(vErrors === null){vErrors = [err78];}else {vErrors.push(err78);}errors++;}const len7 = data29.length;for(let i7=0; i7<len7; i7++){let data30 = data29[i7];if(((typeof data30 !== "string") && (!((typeof data30 == "number") && (isFinite(data30))))) && (typeof data30 !== "boolean")){const err79 = {instancePath:instancePath+"/evidence/" + i6+"/match/" + key5.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + i7,schemaPath:"#/$defs/requirement/properties/match/additionalProperties/anyOf/1/items/type",keyword:"type",params:{type: schema34.properties.match.additionalProperties.anyOf[1].items.type},message:"must be string,number,boolean"};if(vErrors === null){vErrors = [err79];}else {vErrors.push(err79);}errors++;}}}else {const err80 = {instancePath:instancePath+"/evidence/" + i6+"/match/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/requirement/properties/match/additionalProperties/anyOf/1/type",keyword:"type",params:{type: "array"},message:"must be array"};if(vErrors === null){vErrors = [err80];}else {vErrors.push(err80);}errors++;}var _valid0 = _errs67 === errors;valid21 = valid21 || _valid0;if(!valid21){const err81 = {instancePath:instancePath+"/evidence/" + i6+"/match/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/requirement/properties/match/additionalProperties/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};if(vErrors === null){vErrors = [err81];}else {vErrors.push(err81);}errors++;}else {errors = _errs64;if(vErrors !== null){if(_errs64){vErrors.length = _errs64;}else {vErrors = null;}}}}}else {const err82 = {instancePath:instancePath+"/evidence/" + i6+"/match",schemaPath:"#/$defs/requirement/properties/match/type",keyword:"type",params:{type: "object"},message:"must be object"};if(vErrors === null){vErrors = [err82];}else {vErrors.push(err82);}errors++;}}if(data22.params !== undefined){let data31 = data22.params;if(data31 && typeof data31 == "object" && !Array.isArray(data31)){for(const key6 in data31){const _errs73 = errors;if(typeof key6 === "string"){if(!pattern8.test(key6)){const err83 = {instancePath:instancePath+"/evidence/" + i6+"/params",schemaPath:"#/$defs/requirement/properties/params/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[a-z][A-Za-z0-9]{0,39}$"},message:"must match pattern \""+"^[a-z][A-Za-z0-9]{0,39}$"+"\"",propertyName:key6};if(vErrors === null){vErrors = [err83];}else {vErrors.push(err83);}errors++;}}var valid24 = _errs73 === errors;if(!valid24){const err84 = {instancePath:instancePath+"/evidence/" + i6+"/params",schemaPath:"#/$defs/requirement/properties/params/propertyNames",keyword:"propertyNames",params:{propertyName: key6},message:"property name must be valid"};if(vErrors === null){vErrors = [err84];}else {vErrors.push(err84);}errors++;}}for(const key7 in data31){let data32 = data31[key7];if(((!((typeof data32 == "number") && (isFinite(data32)))) && (typeof data32 !== "string")) && (typeof data32 !== "boolean")){const err85 = {instancePath:instancePath+"/evidence/" + i6+"/params/" + key7.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/requirement/properties/params/additionalProperties/type",keyword:"type",params:{type: schema34.properties.params.additionalProperties.type},message:"must be number,string,boolean"};if(vErrors === null){vErrors = [err85];}else {vErrors.push(err85);}errors++;}}}else {const err86 = {instancePath:instancePath+"/evidence/" + i6+"/params",schemaPath:"#/$defs/requirement/properties/params/type",keyword:"type",params:{type: "object"},message:"must be object"};if(vErrors === null){vErrors = [err86];}else {vErrors.push(err86);}errors++;}}if(data22.assert !== undefined){let data33 = data22.assert;if(!(data33 && typeof data33 == "object" && !Array.isArray(data33))){const err87 = {instancePath:instancePath+"/evidence/" + i6+"/assert",schemaPath:"#/$defs/requirement/properties/assert/type",keyword:"type",params:{type: "object"},message:"must be object"};if(vErrors === null){vErrors = [err87];}else {vErrors.push(err87);}errors++;}}if(data22.show !== undefined){let data34 = data22.show;if(Array.isArray(data34)){if(data34.length > 10){const err88 = {instancePath:instancePath+"/evidence/" + i6+"/show",schemaPath:"#/$defs/requirement/properties/show/maxItems",keyword:"maxItems",params:{limit: 10},message:"must NOT have more than 10 items"};if(vErrors === null){vErrors = [err88];}else {vErrors.push(err88);}errors++;}const len8 = data34.length;for(let i8=0; i8<len8; i8++){let data35 = data34[i8];if(typeof data35 === "string"){if(!pattern20.test(data35)){const err89 = {instancePath:instancePath+"/evidence/" + i6+"/show/" + i8,schemaPath:"#/$defs/requirement/properties/show/items/pattern",keyword:"pattern",params:{pattern: "^(/[^/]+)+$"},message:"must match pattern \""+"^(/[^/]+)+$"+"\""};if(vErrors === null){vErrors = [err89];}else {vErrors.push(err89);}errors++;}}else {const err90 = {instancePath:instancePath+"/evidence/" + i6+"/show/" + i8,schemaPath:"#/$defs/requirement/properties/show/items/type",keyword:"type",params:{type: "string"},message:"must be string"};if(vErrors === null){vErrors = [err90];}else {vErrors.push(err90);}errors++;}}}else {const err91 = {instancePath:instancePath+"/evidence/" + i6+"/show",schemaPath:"#/$defs/requirement/properties/show/type",keyword:"type",params:{type: "array"},message:"must be array"};if(vErrors === null){vErrors = [err91];}else {vErrors.push(err91);}errors++;}}}else {const err92 = {instancePath:instancePath+"/evidence/" + i6,schemaPath:"#/$defs/requirement/type",keyword:"type",params:{type: "object"},message:"must be object"};if(vErrors === null){vErrors = [err92];}else {vErrors.push(err92);}errors++;}}}else {const err93 = {instancePath:instancePath+"/evidence",schemaPath:"#/properties/evidence/type",keyword:"type",params:{type: "array"},message:"must be array"};if(vErrors === null){vErrors = [err93];}else {vErrors.push(err93);}errors++;}}}else {const err94 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};if(vErrors === null){vErrors = [err94];}else {vErrors.push(err94);}errors++;}validate22.errors = vErrors;return errors === 0;}validate22.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./core/util/parse-yaml.ts

/**
 * Parses one YAML document as plain data: YAML 1.2 core schema, duplicate keys refused, alias
 * expansion bounded (billion-laughs input fails instead of exhausting memory), no custom tags.
 */
function parseYaml(text) {
    const lineCounter = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, schema: 'core', customTags: [] });
    const error = doc.errors[0];
    if (error) {
        const line = error.linePos?.[0]?.line ?? (error.pos ? lineCounter.linePos(error.pos[0]).line : undefined);
        return line === undefined ? { ok: false, message: error.message.split('\n')[0] ?? 'invalid YAML' } : { ok: false, message: error.message.split('\n')[0] ?? 'invalid YAML', line };
    }
    let value;
    try {
        value = doc.toJS({ maxAliasCount: 100 });
    }
    catch (cause) {
        return { ok: false, message: cause instanceof Error ? cause.message : String(cause) };
    }
    const keyLines = {};
    collectLines(doc.contents, '', keyLines, lineCounter);
    return { ok: true, value, keyLines };
}
function collectLines(node, path, out, lines) {
    if (!node)
        return;
    if (node.range)
        out[path] ??= lines.linePos(node.range[0]).line;
    if ((0,dist/* isMap */.jh)(node)) {
        for (const pair of node.items) {
            const key = (0,dist/* isScalar */.jn)(pair.key) ? String(pair.key.value) : String(pair.key);
            const child = path ? `${path}.${key}` : key;
            if ((0,dist/* isScalar */.jn)(pair.key) && pair.key.range)
                out[child] = lines.linePos(pair.key.range[0]).line;
            collectLines(pair.value, child, out, lines);
        }
    }
    else if ((0,dist/* isSeq */.oP)(node)) {
        node.items.forEach((item, i) => collectLines(item, `${path}[${i}]`, out, lines));
    }
}

// EXTERNAL MODULE: ./core/io/read-input-file.ts
var read_input_file = __webpack_require__(92623);
;// CONCATENATED MODULE: ./core/io/read-catalog-dir.ts








/** Largest control file read: a control is a page of YAML, not megabytes. */
const MAX_CONTROL_BYTES = 256 * 1024;
/** Loads a catalog folder (`*.yml` / `*.yaml`, one control each) and validates it like the shipped one. */
async function readCatalogDir(dir) {
    let names;
    try {
        names = (await (0,promises_.readdir)(dir)).filter((n) => n.endsWith('.yml') || n.endsWith('.yaml')).sort();
    }
    catch (cause) {
        throw new errors/* MaestroError */.Gq('FILE_NOT_FOUND', `catalog folder ${dir} cannot be read`, { file: dir, remedy: 'pass a folder of control files (*.yml), such as the controls/ folder of this package.', cause });
    }
    if (names.length === 0)
        throw new errors/* MaestroError */.Gq('CATALOG_INVALID', `catalog folder ${dir} holds no control files (*.yml)`, { file: dir, remedy: 'pass a folder of control files, one control per file.' });
    const problems = [];
    const entries = [];
    for (const name of names) {
        const path = (0,external_node_path_.join)(dir, name);
        const parsed = parseYaml((await (0,read_input_file/* readInputFile */.jH)(path, 'control file', MAX_CONTROL_BYTES)).toString('utf8'));
        if (parsed.ok)
            entries.push({ source: path, value: parsed.value });
        else
            problems.push(`${path}${parsed.line ? ` line ${parsed.line}` : ''}: not valid YAML: ${parsed.message}`);
    }
    if (problems.length > 0) {
        throw new errors/* MaestroError */.Gq('CATALOG_INVALID', `the controls catalog is invalid:\n  - ${problems.join('\n  - ')}`, { file: dir, remedy: 'fix the YAML syntax at the given lines.' });
    }
    return buildCatalog(entries, (value) => (validateControl(value) ? [] : (0,schema_issues/* toSchemaIssues */.hv)(validateControl.errors ?? [], value)));
}


/***/ })

};
