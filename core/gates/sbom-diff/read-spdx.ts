import { isDateTime } from '../../util/is-date-time.js';
import { SbomComponentCollector } from './collect-sbom-components.js';
import { isObject, isPurl, licenseExpressionError, MAX_SBOM_TEXT, pointerToken, StringEnum, type Json, type SbomProblems } from './sbom-problems.js';
import * as V from './sbom-vocabulary.js';
import type { ParsedSbom } from './types.js';

const SPDX_ID = /^SPDXRef-[A-Za-z0-9.-]+$/;
const DOCUMENT_REF = /^DocumentRef-[A-Za-z0-9.-]+$/;
const EXTERNAL_ELEMENT = /^(DocumentRef-[A-Za-z0-9.-]+):SPDXRef-[A-Za-z0-9.-]+$/;
const NAMESPACE = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s#]+$/;
const CREATOR = /^(Person|Organization|Tool): \S/;
const HEX = /^[0-9a-f]+$/;
const TOP = new Set(V.SPDX_TOP_KEYS);
const PACKAGE = new Set(V.SPDX_PACKAGE_KEYS);
const CHECKSUMS = new StringEnum(V.SPDX_CHECKSUM_ALGORITHMS);
const CATEGORIES = new StringEnum(V.SPDX_REFERENCE_CATEGORIES);
const PURPOSES = new StringEnum(V.SPDX_PACKAGE_PURPOSES);
const RELATIONSHIPS = new StringEnum(V.SPDX_RELATIONSHIP_TYPES);
const UNIQUE_IDS = 'give every package, file and snippet its own SPDXID (SPDXRef- followed by letters, digits, "." or "-").';
const KNOWN_TARGET = 'regenerate the SBOM; relationships and documentDescribes must name SPDXIDs of this document, or DocumentRef-x:SPDXRef-y of a declared external document.';

/**
 * Validates an SPDX 2.3 JSON document and collects its packages in one linear pass: the required
 * document fields (SPDXID, dataLicense CC0-1.0, name, namespace URI, creationInfo with RFC 3339
 * `created` and typed creators), package fields, checksums, external references (purl form for
 * purl refs), license expressions, SPDXID form and uniqueness across packages, files and snippets,
 * and relationship and documentDescribes targets that name a known element.
 */
export function readSpdx(doc: Json, problems: SbomProblems): ParsedSbom {
  const collector = new SbomComponentCollector('spdx-2.3', problems.file);
  const ids = new Set<string>(['SPDXRef-DOCUMENT']);
  const p = problems;
  for (const key in doc) if (!TOP.has(key)) p.add(`/${pointerToken(key)}`, 'is not a property of an SPDX 2.3 document', 'remove it; SPDX 2.3 documents allow no other top-level fields.');
  if (doc.SPDXID !== 'SPDXRef-DOCUMENT') p.add('/SPDXID', 'must be "SPDXRef-DOCUMENT"');
  if (doc.dataLicense !== 'CC0-1.0') p.add('/dataLicense', 'must be "CC0-1.0" (SPDX 2.3 clause 6.2)');
  if (typeof doc.name !== 'string' || doc.name.length === 0) p.add('/name', 'must be a non-empty string');
  if (!(typeof doc.documentNamespace === 'string' && NAMESPACE.test(doc.documentNamespace))) p.add('/documentNamespace', 'must be an absolute URI without "#" (SPDX 2.3 clause 6.5)', 'generate the document with its tool, which sets a unique namespace.');
  creationInfo(doc.creationInfo, p);
  const externalDocuments = documentRefs(doc.externalDocumentRefs, p);
  const hasFiles: { list: unknown[]; at: number }[] = [];
  const packages = doc.packages ?? [];
  if (!Array.isArray(packages)) p.add('/packages', 'must be an array', 'fix the SBOM; packages is a JSON array.');
  else for (let i = 0; i < packages.length; i++) readPackage(packages[i], i, p, ids, collector, hasFiles);
  elements(doc.files, 'files', ['fileName', 'checksums'], p, ids);
  elements(doc.snippets, 'snippets', ['snippetFromFile', 'ranges'], p, ids);
  const known = (id: unknown, orNone: boolean): boolean => typeof id === 'string' && (ids.has(id) || (orNone && (id === 'NONE' || id === 'NOASSERTION')) || externalDocuments.has(EXTERNAL_ELEMENT.exec(id)?.[1] ?? ''));
  for (const { list, at } of hasFiles) for (let j = 0; j < list.length; j++) if (!known(list[j], false)) p.add(`/packages/${at}/hasFiles/${j}`, `names ${JSON.stringify(list[j])}, which is the SPDXID of no element of this document`, KNOWN_TARGET);
  if (doc.documentDescribes !== undefined) {
    if (!Array.isArray(doc.documentDescribes)) p.add('/documentDescribes', 'must be an array of SPDXIDs');
    else for (let j = 0; j < doc.documentDescribes.length; j++) if (!known(doc.documentDescribes[j], false)) p.add(`/documentDescribes/${j}`, `names ${JSON.stringify(doc.documentDescribes[j])}, which is the SPDXID of no element of this document`, KNOWN_TARGET);
  }
  relationships(doc.relationships, p, known);
  for (const key of ['annotations', 'hasExtractedLicensingInfos', 'revieweds'] as const) if (doc[key] !== undefined && !Array.isArray(doc[key])) p.add(`/${key}`, 'must be an array');
  problems.throwIfAny();
  return collector.sbom;
}

function creationInfo(info: unknown, p: SbomProblems): void {
  if (!isObject(info)) return p.add('/creationInfo', 'must be a JSON object with created and creators');
  for (const key in info) if (key !== 'created' && key !== 'creators' && key !== 'comment' && key !== 'licenseListVersion') p.add(`/creationInfo/${pointerToken(key)}`, 'is not a property of creationInfo');
  if (!(typeof info.created === 'string' && isDateTime(info.created))) p.add('/creationInfo/created', 'must be an RFC 3339 date-time (e.g. 2026-11-20T12:00:00Z)');
  const creators = info.creators;
  if (!Array.isArray(creators) || creators.length === 0) return p.add('/creationInfo/creators', 'must be a non-empty array');
  for (let j = 0; j < creators.length; j++) if (!(typeof creators[j] === 'string' && CREATOR.test(creators[j] as string))) p.add(`/creationInfo/creators/${j}`, 'must be "Person: ...", "Organization: ..." or "Tool: ..."');
}

function documentRefs(refs: unknown, p: SbomProblems): Set<string> {
  const out = new Set<string>();
  if (refs === undefined) return out;
  if (!Array.isArray(refs)) {
    p.add('/externalDocumentRefs', 'must be an array');
    return out;
  }
  for (let i = 0; i < refs.length; i++) {
    const r: unknown = refs[i];
    if (!isObject(r) || typeof r.externalDocumentId !== 'string' || !DOCUMENT_REF.test(r.externalDocumentId) || typeof r.spdxDocument !== 'string' || !isObject(r.checksum)) {
      p.add(`/externalDocumentRefs/${i}`, 'must be an object with externalDocumentId (DocumentRef-...), spdxDocument and checksum');
      continue;
    }
    if (out.has(r.externalDocumentId)) p.add(`/externalDocumentRefs/${i}/externalDocumentId`, `repeats ${r.externalDocumentId}`);
    out.add(r.externalDocumentId);
  }
  return out;
}

function spdxId(id: unknown, list: string, i: number, p: SbomProblems, ids: Set<string>): void {
  if (typeof id !== 'string' || !SPDX_ID.test(id)) return p.add(`/${list}/${i}/SPDXID`, `must be an SPDXID (SPDXRef- followed by letters, digits, "." or "-"), not ${JSON.stringify(id)?.slice(0, 100)}`, UNIQUE_IDS);
  if (ids.has(id)) return p.add(`/${list}/${i}/SPDXID`, `repeats the SPDXID ${id} of an earlier element; SPDXIDs are unique in a document`, UNIQUE_IDS);
  ids.add(id);
}

function readPackage(item: unknown, i: number, p: SbomProblems, ids: Set<string>, collector: SbomComponentCollector, hasFiles: { list: unknown[]; at: number }[]): void {
  if (!isObject(item)) return p.add(`/packages/${i}`, 'must be a JSON object');
  for (const key in item) if (!PACKAGE.has(key)) p.add(`/packages/${i}/${pointerToken(key)}`, 'is not a property of an SPDX 2.3 package', 'remove it; SPDX 2.3 packages allow no other fields.');
  const { SPDXID, name, versionInfo, downloadLocation, licenseDeclared, licenseConcluded } = item;
  spdxId(SPDXID, 'packages', i, p, ids);
  const okName = typeof name === 'string' && name.length > 0 && name.length <= MAX_SBOM_TEXT;
  if (!okName) p.add(`/packages/${i}/name`, typeof name === 'string' && name.length > MAX_SBOM_TEXT ? `is longer than ${MAX_SBOM_TEXT} characters` : 'must be a non-empty string');
  const okVersion = versionInfo === undefined || (typeof versionInfo === 'string' && versionInfo.length <= MAX_SBOM_TEXT);
  if (!okVersion) p.add(`/packages/${i}/versionInfo`, `must be a string of at most ${MAX_SBOM_TEXT} characters`);
  if (typeof downloadLocation !== 'string' || downloadLocation.length === 0) p.add(`/packages/${i}/downloadLocation`, 'must be a URL, NONE or NOASSERTION');
  if (item.filesAnalyzed !== undefined && typeof item.filesAnalyzed !== 'boolean') p.add(`/packages/${i}/filesAnalyzed`, 'must be true or false');
  if (item.primaryPackagePurpose !== undefined && !PURPOSES.has(item.primaryPackagePurpose)) p.add(`/packages/${i}/primaryPackagePurpose`, `must be one of ${V.SPDX_PACKAGE_PURPOSES.join(', ')}`);
  if (licenseConcluded !== undefined) licenseField(licenseConcluded, i, 'licenseConcluded', p);
  const declared = licenseDeclared === undefined ? undefined : licenseField(licenseDeclared, i, 'licenseDeclared', p);
  if (item.checksums !== undefined) checksums(item.checksums, i, p);
  if (item.hasFiles !== undefined) {
    if (Array.isArray(item.hasFiles)) hasFiles.push({ list: item.hasFiles, at: i });
    else p.add(`/packages/${i}/hasFiles`, 'must be an array of SPDXIDs');
  }
  const purl = item.externalRefs === undefined ? undefined : externalRefs(item.externalRefs, i, p);
  if (okName && okVersion && purl !== null) collector.add(purl, name, versionInfo as string | undefined, declared, '/packages', i);
}

/** A license field: an SPDX expression, NONE or NOASSERTION; returns the expression the diff reads. */
function licenseField(value: unknown, i: number, key: string, p: SbomProblems): string | undefined {
  if (value === 'NOASSERTION' || value === 'NONE') return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_SBOM_TEXT) {
    p.add(`/packages/${i}/${key}`, `must be an SPDX license expression, NONE or NOASSERTION of at most ${MAX_SBOM_TEXT} characters`);
    return undefined;
  }
  const error = licenseExpressionError(value);
  if (error === undefined) return value;
  p.add(`/packages/${i}/${key}`, `${JSON.stringify(value.slice(0, 100))} is not an SPDX license expression: it ${error}`, 'write an SPDX expression (e.g. "MIT OR Apache-2.0"), a LicenseRef- declared in hasExtractedLicensingInfos, or NOASSERTION.');
  return undefined;
}

function checksums(value: unknown, i: number, p: SbomProblems): void {
  if (!Array.isArray(value)) return p.add(`/packages/${i}/checksums`, 'must be an array');
  for (let j = 0; j < value.length; j++) {
    const c: unknown = value[j];
    if (!isObject(c) || !CHECKSUMS.has(c.algorithm) || typeof c.checksumValue !== 'string' || !HEX.test(c.checksumValue)) p.add(`/packages/${i}/checksums/${j}`, `must be {algorithm, checksumValue}: one of ${V.SPDX_CHECKSUM_ALGORITHMS.join(', ')} and a lower-case hex digest`);
  }
}

/** The package's external references; returns its purl, undefined without one, or null when a ref is broken. */
function externalRefs(value: unknown, i: number, p: SbomProblems): string | undefined | null {
  if (!Array.isArray(value)) {
    p.add(`/packages/${i}/externalRefs`, 'must be an array');
    return null;
  }
  let purl: string | undefined | null;
  for (let j = 0; j < value.length; j++) {
    const r: unknown = value[j];
    if (!isObject(r) || typeof r.referenceType !== 'string' || typeof r.referenceLocator !== 'string' || !CATEGORIES.has(r.referenceCategory)) {
      p.add(`/packages/${i}/externalRefs/${j}`, `must be {referenceCategory, referenceType, referenceLocator} with a category of ${V.SPDX_REFERENCE_CATEGORIES.slice(0, 4).join(', ')}`);
      purl = null;
      continue;
    }
    for (const key in r) if (key !== 'referenceCategory' && key !== 'referenceType' && key !== 'referenceLocator' && key !== 'comment') p.add(`/packages/${i}/externalRefs/${j}/${pointerToken(key)}`, 'is not a property of an external reference');
    if (r.referenceType !== 'purl') continue;
    if (!isPurl(r.referenceLocator) || r.referenceLocator.length > MAX_SBOM_TEXT * 2) {
      p.add(`/packages/${i}/externalRefs/${j}/referenceLocator`, `holds ${JSON.stringify(r.referenceLocator.slice(0, 100))}, which is not a package URL (pkg:type/namespace/name@version?qualifiers#subpath)`, 'fix the purl, or remove the reference.');
      purl = null;
    } else if (purl === undefined) purl = r.referenceLocator;
  }
  return purl;
}

/** Files and snippets: objects with their required fields, whose SPDXIDs join the document's. */
function elements(value: unknown, key: 'files' | 'snippets', required: string[], p: SbomProblems, ids: Set<string>): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) return p.add(`/${key}`, 'must be an array');
  for (let i = 0; i < value.length; i++) {
    const e: unknown = value[i];
    if (!isObject(e)) {
      p.add(`/${key}/${i}`, 'must be a JSON object');
      continue;
    }
    spdxId(e.SPDXID, key, i, p, ids);
    for (const field of required) if (e[field] === undefined) p.add(`/${key}/${i}/${field}`, 'is required');
  }
}

function relationships(value: unknown, p: SbomProblems, known: (id: unknown, orNone: boolean) => boolean): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) return p.add('/relationships', 'must be an array');
  for (let i = 0; i < value.length; i++) {
    const r: unknown = value[i];
    if (!isObject(r)) {
      p.add(`/relationships/${i}`, 'must be a JSON object');
      continue;
    }
    for (const key in r) if (key !== 'spdxElementId' && key !== 'relatedSpdxElement' && key !== 'relationshipType' && key !== 'comment') p.add(`/relationships/${i}/${pointerToken(key)}`, 'is not a property of a relationship');
    if (!RELATIONSHIPS.has(r.relationshipType)) p.add(`/relationships/${i}/relationshipType`, `must be an SPDX 2.3 relationship type (DEPENDS_ON, DEPENDENCY_OF, CONTAINS, DESCRIBES, ...), not ${JSON.stringify(r.relationshipType)?.slice(0, 60)}`);
    if (!known(r.spdxElementId, false)) p.add(`/relationships/${i}/spdxElementId`, `names ${JSON.stringify(r.spdxElementId)?.slice(0, 200)}, which is the SPDXID of no element of this document`, KNOWN_TARGET);
    if (!known(r.relatedSpdxElement, true)) p.add(`/relationships/${i}/relatedSpdxElement`, `names ${JSON.stringify(r.relatedSpdxElement)?.slice(0, 200)}, which is the SPDXID of no element of this document (nor NONE or NOASSERTION)`, KNOWN_TARGET);
  }
}
