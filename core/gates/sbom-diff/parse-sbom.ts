import { MaestroError } from '../../errors.js';
import type { ParsedSbom, SbomComponent, SbomFormat } from './types.js';

/** Bounds a hostile SBOM: large monorepos have tens of thousands of components. */
export const MAX_SBOM_COMPONENTS = 1_000_000;
const PURL = /^pkg:[A-Za-z][A-Za-z0-9.+-]{0,49}\//;
const MAX_TEXT = 500;

type Json = Record<string, unknown>;

/**
 * Reads a CycloneDX 1.4-1.6 or SPDX 2.3 JSON SBOM into components keyed by package URL. The check
 * is structural and linear in the document's size: every field the diff reads is type-checked and a
 * bad one is reported with its JSON pointer, but nothing is compared pairwise (CycloneDX's
 * `uniqueItems` makes schema validation quadratic); duplicate purls are merged.
 */
export function parseSbom(document: unknown, file: string): ParsedSbom {
  const doc = asObject(document, file, '');
  if (doc.bomFormat === 'CycloneDX') return parseCycloneDx(doc, file);
  if (typeof doc.spdxVersion === 'string') return parseSpdx(doc, file);
  throw invalid(file, '', 'is neither a CycloneDX SBOM (bomFormat "CycloneDX") nor an SPDX document (spdxVersion)', 'pass a CycloneDX 1.4-1.6 or SPDX 2.3 SBOM in JSON, as cyclonedx-npm or npm sbom write them.');
}

function parseCycloneDx(doc: Json, file: string): ParsedSbom {
  const spec = doc.specVersion;
  if (spec !== '1.4' && spec !== '1.5' && spec !== '1.6') throw invalid(file, '/specVersion', `is CycloneDX ${JSON.stringify(spec)}; this gate reads 1.4, 1.5 and 1.6`, 'generate the SBOM with --spec-version 1.6 (or 1.4, 1.5).');
  const sbom: ParsedSbom = { format: `cyclonedx-${spec}` as SbomFormat, file, components: new Map(), withoutPurl: 0 };
  // Nested components (assemblies) are walked with an explicit stack: deep nesting cannot overflow the call stack.
  const stack: { list: unknown; pointer: string }[] = [{ list: doc.components ?? [], pointer: '/components' }];
  while (stack.length > 0) {
    const { list, pointer } = stack.pop()!;
    if (!Array.isArray(list)) throw invalid(file, pointer, 'must be an array of components', 'fix the SBOM; components is a JSON array.');
    list.forEach((item, i) => {
      const at = `${pointer}/${i}`;
      const c = asObject(item, file, at);
      const name = text(c.name, file, at, 'name', true)!;
      const version = text(c.version, file, at, 'version', false);
      const purl = text(c.purl, file, at, 'purl', false);
      if (c.components !== undefined) stack.push({ list: c.components, pointer: `${at}/components` });
      add(sbom, purl, { name, version, licenses: cycloneDxLicenses(c.licenses, file, at) }, at);
    });
  }
  return sbom;
}

function cycloneDxLicenses(value: unknown, file: string, at: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalid(file, `${at}/licenses`, 'must be an array', 'fix the SBOM; licenses is a JSON array of {license} or {expression} objects.');
  const out: string[] = [];
  for (let i = 0; i < value.length; i++) {
    const e = value[i] as Json;
    if (!isObject(e)) throw invalid(file, `${at}/licenses/${i}`, 'must be a JSON object', 'fix the SBOM so that it matches its format.');
    if (typeof e.expression === 'string') {
      out.push(e.expression);
      continue;
    }
    const license = e.license as Json;
    if (!isObject(license)) throw invalid(file, `${at}/licenses/${i}/license`, 'must be a JSON object', 'fix the SBOM so that it matches its format.');
    const id = license.id !== undefined ? text(license.id, file, `${at}/licenses/${i}`, 'license/id', true) : text(license.name, file, `${at}/licenses/${i}`, 'license/name', false);
    if (id) out.push(id);
  }
  return out;
}

function parseSpdx(doc: Json, file: string): ParsedSbom {
  if (doc.spdxVersion !== 'SPDX-2.3') throw invalid(file, '/spdxVersion', `is ${JSON.stringify(doc.spdxVersion)}; this gate reads SPDX-2.3`, 'generate the SBOM as SPDX 2.3 JSON (npm sbom --sbom-format spdx).');
  const sbom: ParsedSbom = { format: 'spdx-2.3', file, components: new Map(), withoutPurl: 0 };
  const packages = doc.packages ?? [];
  if (!Array.isArray(packages)) throw invalid(file, '/packages', 'must be an array', 'fix the SBOM; packages is a JSON array.');
  packages.forEach((item, i) => {
    const at = `/packages/${i}`;
    const p = asObject(item, file, at);
    const name = text(p.name, file, at, 'name', true)!;
    const version = text(p.versionInfo, file, at, 'versionInfo', false);
    const refs = p.externalRefs ?? [];
    if (!Array.isArray(refs)) throw invalid(file, `${at}/externalRefs`, 'must be an array', 'fix the SBOM.');
    const purlRef = refs.map((r, j) => asObject(r, file, `${at}/externalRefs/${j}`)).find((r) => r.referenceType === 'purl');
    const purl = purlRef ? text(purlRef.referenceLocator, file, at, 'externalRefs/referenceLocator', true) : undefined;
    const declared = text(p.licenseDeclared, file, at, 'licenseDeclared', false);
    const licenses = declared && declared !== 'NOASSERTION' && declared !== 'NONE' ? [declared] : [];
    add(sbom, purl, { name, version, licenses }, at);
  });
  return sbom;
}

function add(sbom: ParsedSbom, purl: string | undefined, fields: Omit<SbomComponent, 'purl'>, pointer: string): void {
  if (sbom.components.size + sbom.withoutPurl >= MAX_SBOM_COMPONENTS) {
    throw invalid(sbom.file, pointer, `has more than ${MAX_SBOM_COMPONENTS} components`, 'pass the SBOM of one product; this limit protects the gate from runaway or hostile input.');
  }
  if (!purl) {
    sbom.withoutPurl++;
    return;
  }
  if (!PURL.test(purl)) throw invalid(sbom.file, `${pointer}/purl`, `holds ${JSON.stringify(purl.slice(0, 100))}, which is not a package URL (pkg:type/...)`, 'fix the purl, or remove it.');
  const known = sbom.components.get(purl);
  const own = fields.licenses.length > 1 ? [...new Set(fields.licenses)].sort() : fields.licenses;
  const licenses = known ? [...new Set([...known.licenses, ...fields.licenses])].sort() : own;
  const component: SbomComponent = { purl, name: fields.name, licenses };
  if (fields.version !== undefined) component.version = fields.version;
  sbom.components.set(purl, component);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asObject(value: unknown, file: string, pointer: string): Json {
  if (!isObject(value)) throw invalid(file, pointer, 'must be a JSON object', 'fix the SBOM so that it matches its format.');
  return value as Json;
}

/** A string field; the pointer (`at` + `/field`) is only built for an error, as this runs for every field of every component. */
function text(value: unknown, file: string, at: string, field: string, required: boolean): string | undefined {
  if (typeof value === 'string' && value.length > 0 && value.length <= MAX_TEXT * 2) return value;
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value.length === 0) throw invalid(file, `${at}/${field}`, required ? 'must be a non-empty string' : 'must be a string', 'fix the SBOM so that it matches its format.');
  throw invalid(file, `${at}/${field}`, `is ${value.length} characters long, more than ${MAX_TEXT * 2}`, 'fix the SBOM; names, versions and licenses are short.');
}

function invalid(file: string, pointer: string, what: string, remedy: string): MaestroError {
  return new MaestroError('SBOM_INVALID', `SBOM ${file}${pointer ? ` at ${pointer}` : ''} ${what}`, { file, pointer, remedy });
}
