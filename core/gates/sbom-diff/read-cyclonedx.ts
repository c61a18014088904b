import { isDateTime } from '../../util/is-date-time.js';
import { SbomComponentCollector } from './collect-sbom-components.js';
import { canonicalJson, isObject, isPurl, licenseExpressionError, pointerToken, StringEnum, type Json, type SbomProblems } from './sbom-problems.js';
import * as V from './sbom-vocabulary.js';
import type { ParsedSbom } from './types.js';

/** Longest name, version or license text accepted: real ones are short, and reports quote them. */
export const MAX_SBOM_TEXT = 1000;
const SERIAL = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HEX = /^[a-fA-F0-9]+$/;
/** The schema's hash-content pattern, 32|40|64|96|128 hex digits, as a length check and one scan: the pattern's alternation rescans each digest five times. */
const isHashContent = (content: string): boolean => (content.length === 64 || content.length === 128 || content.length === 40 || content.length === 96 || content.length === 32) && HEX.test(content);
const REGENERATE = 'regenerate the SBOM with its tool; every dependency and reference must name a bom-ref of the same BOM.';
/** Arrays up to this length are checked for duplicates pairwise (no allocation); longer ones with a Set. */
const PAIRWISE = 8;

interface Vocabulary {
  top: Set<string>;
  component: Set<string>;
  types: StringEnum;
  metadata: Set<string>;
  service: Set<string>;
  license: Set<string>;
  referenceTypes: StringEnum;
}
const vocabularies = new Map<V.CycloneDxVersion, Vocabulary>();
const HASH_ALGORITHMS = new StringEnum(V.CDX_HASH_ALGORITHMS);
const SCOPES = new StringEnum(V.CDX_SCOPES);
const ACKNOWLEDGEMENTS = new StringEnum(V.CDX_LICENSE_ACKNOWLEDGEMENTS);
let spdxIds: StringEnum | undefined;

function vocabulary(version: V.CycloneDxVersion): Vocabulary {
  let v = vocabularies.get(version);
  if (!v) {
    const set = (lists: Record<V.CycloneDxVersion, readonly string[]>) => new Set(lists[version]);
    v = { top: set(V.CDX_TOP_KEYS), component: set(V.CDX_COMPONENT_KEYS), types: new StringEnum(V.CDX_COMPONENT_TYPES[version]), metadata: set(V.CDX_METADATA_KEYS), service: set(V.CDX_SERVICE_KEYS), license: set(V.CDX_LICENSE_KEYS), referenceTypes: new StringEnum(V.CDX_EXTERNAL_REFERENCE_TYPES[version]) };
    vocabularies.set(version, v);
  }
  return v;
}

/** A component without a bom-ref, kept to check `uniqueItems` once the walk is over. */
interface Anonymous {
  component: Json;
  list: string;
  index: number;
  /** Which array it is in: the ordinal of the parent component, or a negative id for a top-level array. */
  parent: number;
}

interface PendingList {
  list: unknown;
  pointer: string;
  collect: boolean;
  parent: number;
}

/**
 * Validates a CycloneDX 1.4-1.6 JSON BOM and collects its components (top-level and nested, not the
 * metadata component or tools) in one linear pass: required fields, types, enums and allowed keys
 * of the official schema for the BOM, metadata, components, licenses, hashes, external references,
 * services and dependencies; bom-ref uniqueness across the BOM; dependency refs that name a known
 * bom-ref; package URL form; SPDX license ids and expressions. `uniqueItems` is checked with hashes
 * (bom-refs, then canonical JSON for the rare items without one), never pairwise.
 */
export function readCycloneDx(doc: Json, version: V.CycloneDxVersion, problems: SbomProblems): ParsedSbom {
  const reader = new CycloneDxReader(version, problems, new SbomComponentCollector(`cyclonedx-${version}`, problems.file));
  reader.read(doc);
  problems.throwIfAny();
  return reader.collector.sbom;
}

class CycloneDxReader {
  private readonly words: Vocabulary;
  /** Every bom-ref, with the index of its dependency entry (-1 before one): one table serves uniqueness, ref lookups and duplicate entries. */
  private readonly bomRefs = new Map<string, number>();
  private readonly anonymous: Anonymous[] = [];
  private readonly pending: PendingList[] = [];
  private ordinal = 0;
  /** The element whose fields are being checked, as pointer parts: joined only for a problem, as this changes for every component. */
  private ownerAt = '';
  private ownerKey: string | number = '';

  constructor(
    private readonly version: V.CycloneDxVersion,
    private readonly problems: SbomProblems,
    readonly collector: SbomComponentCollector,
  ) {
    this.words = vocabulary(version);
  }

  read(doc: Json): void {
    this.own('', '');
    this.keys(doc, this.words.top, 'a CycloneDX BOM');
    if (doc.serialNumber !== undefined && !(typeof doc.serialNumber === 'string' && SERIAL.test(doc.serialNumber))) this.problems.add('/serialNumber', 'must be a urn:uuid: URN (RFC 4122, lower case)');
    if (doc.version !== undefined && !(Number.isInteger(doc.version) && (doc.version as number) >= (this.version === '1.4' ? 0 : 1))) this.problems.add('/version', 'must be an integer of at least 1');
    for (const key of ['compositions', 'vulnerabilities', 'annotations', 'formulation', 'properties'] as const) if (doc[key] !== undefined && !Array.isArray(doc[key])) this.problems.add(`/${key}`, 'must be an array');
    for (const key of ['signature', 'declarations', 'definitions'] as const) if (doc[key] !== undefined && !isObject(doc[key])) this.problems.add(`/${key}`, 'must be a JSON object');
    if (doc.metadata !== undefined) this.metadata(doc.metadata);
    if (doc.components !== undefined) this.pending.push({ list: doc.components, pointer: '/components', collect: true, parent: -1 });
    this.walkComponents();
    if (doc.services !== undefined) this.services(doc.services, '/services');
    this.own('', '');
    if (doc.externalReferences !== undefined) this.externalReferences(doc.externalReferences);
    if (doc.dependencies !== undefined) this.dependencies(doc.dependencies);
    this.checkAnonymousUnique();
  }

  private metadata(metadata: unknown): void {
    if (!isObject(metadata)) return this.problems.add('/metadata', 'must be a JSON object');
    this.own('/metadata', '');
    this.keys(metadata, this.words.metadata, 'CycloneDX metadata');
    if (metadata.timestamp !== undefined && !(typeof metadata.timestamp === 'string' && isDateTime(metadata.timestamp))) this.problems.add('/metadata/timestamp', 'must be an RFC 3339 date-time');
    const tools = metadata.tools;
    if (Array.isArray(tools)) {
      for (let i = 0; i < tools.length; i++) if (!isObject(tools[i])) this.problems.add(`/metadata/tools/${i}`, 'must be a JSON object');
    } else if (isObject(tools) && this.version !== '1.4') {
      for (const key in tools) if (key !== 'components' && key !== 'services') this.problems.add(`/metadata/tools/${pointerToken(key)}`, 'is not a property of tools (components, services)');
      if (tools.components !== undefined) this.pending.push({ list: tools.components, pointer: '/metadata/tools/components', collect: false, parent: -2 });
      if (tools.services !== undefined) this.services(tools.services, '/metadata/tools/services');
    } else if (tools !== undefined) {
      this.problems.add('/metadata/tools', this.version === '1.4' ? 'must be an array of tools' : 'must be an array of tools or an object of components and services');
    }
    if (metadata.component !== undefined) this.component(metadata.component, '/metadata', 'component', false, -3);
    this.own('/metadata', '');
    if (metadata.licenses !== undefined) this.licenses(metadata.licenses);
    if (metadata.properties !== undefined) this.properties(metadata.properties, '');
    for (const key of ['lifecycles', 'authors'] as const) if (metadata[key] !== undefined && !Array.isArray(metadata[key])) this.problems.add(`/metadata/${key}`, 'must be an array');
    for (const key of ['manufacture', 'manufacturer', 'supplier'] as const) if (metadata[key] !== undefined && !isObject(metadata[key])) this.problems.add(`/metadata/${key}`, 'must be a JSON object');
  }

  /** Walks the component tree with an explicit stack: deep nesting cannot overflow the call stack. */
  private walkComponents(): void {
    let next: PendingList | undefined;
    while ((next = this.pending.pop()) !== undefined) {
      const { list, pointer, collect, parent } = next;
      if (!Array.isArray(list)) {
        this.problems.add(pointer, 'must be an array of components', 'fix the SBOM; components is a JSON array.');
        continue;
      }
      for (let i = 0; i < list.length; i++) this.component(list[i], pointer, i, collect, parent);
    }
  }

  private component(c: unknown, at: string, key: string | number, collect: boolean, parent: number): void {
    if (!isObject(c)) return this.problems.add(`${at}/${key}`, 'must be a JSON object');
    const ordinal = this.ordinal++;
    const p = this.problems;
    this.own(at, key);
    this.keys(c, this.words.component, `a CycloneDX ${this.version} component`);
    this.componentFields(c);
    const { type, name, version, purl } = c;
    const bomRef = c['bom-ref'];
    if (!this.words.types.has(type)) p.add(`${at}/${key}/type`, `must be one of the component types of CycloneDX ${this.version} (${this.words.types.list()}), not ${JSON.stringify(type)?.slice(0, 60)}`);
    const okName = typeof name === 'string' && name.length > 0 && name.length <= MAX_SBOM_TEXT;
    if (!okName) this.badText(name, `${at}/${key}/name`, true);
    const okVersion = version === undefined || (typeof version === 'string' && version.length <= MAX_SBOM_TEXT);
    if (!okVersion) this.badText(version, `${at}/${key}/version`, false);
    let okPurl = purl === undefined;
    if (typeof purl === 'string') {
      okPurl = purl.length <= MAX_SBOM_TEXT * 2 && isPurl(purl);
      if (!okPurl) p.add(`${at}/${key}/purl`, `holds ${JSON.stringify(purl.slice(0, 100))}, which is not a package URL (pkg:type/namespace/name@version?qualifiers#subpath)`, 'fix the purl (percent-encode "@" in scopes as %40, and spaces), or remove it.');
    } else if (purl !== undefined) p.add(`${at}/${key}/purl`, 'must be a string (a package URL)');
    if (bomRef !== undefined) this.bomRef(bomRef, '/bom-ref');
    else this.anonymous.push({ component: c, list: at, index: typeof key === 'number' ? key : -1, parent });
    if (c.scope !== undefined && !SCOPES.has(c.scope)) p.add(`${at}/${key}/scope`, 'must be required, optional or excluded');
    if (c.hashes !== undefined) this.hashes(c.hashes, '');
    if (c.externalReferences !== undefined) this.externalReferences(c.externalReferences);
    if (c.properties !== undefined) this.properties(c.properties, '');
    const licenses = c.licenses === undefined ? undefined : this.licenses(c.licenses);
    if (c.components !== undefined) this.pending.push({ list: c.components, pointer: `${at}/${key}/components`, collect, parent: ordinal });
    if (collect && okName && okVersion && okPurl) this.collector.add(purl as string | undefined, name, version as string | undefined, licenses, at, key as number);
  }

  /**
   * Type checks of the optional fields nobody reads here. Direct property loads: on components of
   * one shape they cost a nanosecond each, far less than dispatching on every key.
   */
  private componentFields(c: Json): void {
    const p = this.problems;
    if (c['mime-type'] !== undefined && typeof c['mime-type'] !== 'string') p.add(this.here('/mime-type'), 'must be a string');
    if (c.author !== undefined && typeof c.author !== 'string') p.add(this.here('/author'), 'must be a string');
    if (c.publisher !== undefined && typeof c.publisher !== 'string') p.add(this.here('/publisher'), 'must be a string');
    if (c.group !== undefined && typeof c.group !== 'string') p.add(this.here('/group'), 'must be a string');
    if (c.description !== undefined && typeof c.description !== 'string') p.add(this.here('/description'), 'must be a string');
    if (c.copyright !== undefined && typeof c.copyright !== 'string') p.add(this.here('/copyright'), 'must be a string');
    if (c.cpe !== undefined && typeof c.cpe !== 'string') p.add(this.here('/cpe'), 'must be a string');
    if (c.modified !== undefined && typeof c.modified !== 'boolean') p.add(this.here('/modified'), 'must be true or false');
    if (c.supplier !== undefined && !isObject(c.supplier)) p.add(this.here('/supplier'), 'must be a JSON object');
    if (c.manufacturer !== undefined && !isObject(c.manufacturer)) p.add(this.here('/manufacturer'), 'must be a JSON object');
    if (c.swid !== undefined && !isObject(c.swid)) p.add(this.here('/swid'), 'must be a JSON object');
    if (c.pedigree !== undefined && !isObject(c.pedigree)) p.add(this.here('/pedigree'), 'must be a JSON object');
    if (c.evidence !== undefined && !isObject(c.evidence)) p.add(this.here('/evidence'), 'must be a JSON object');
    if (c.releaseNotes !== undefined && !isObject(c.releaseNotes)) p.add(this.here('/releaseNotes'), 'must be a JSON object');
    if (c.modelCard !== undefined && !isObject(c.modelCard)) p.add(this.here('/modelCard'), 'must be a JSON object');
    if (c.cryptoProperties !== undefined && !isObject(c.cryptoProperties)) p.add(this.here('/cryptoProperties'), 'must be a JSON object');
    if (c.signature !== undefined && !isObject(c.signature)) p.add(this.here('/signature'), 'must be a JSON object');
    if (c.authors !== undefined && !Array.isArray(c.authors)) p.add(this.here('/authors'), 'must be an array');
    if (c.data !== undefined && !Array.isArray(c.data)) p.add(this.here('/data'), 'must be an array');
    if (c.tags !== undefined && !Array.isArray(c.tags)) p.add(this.here('/tags'), 'must be an array');
    if (c.omniborId !== undefined && !Array.isArray(c.omniborId)) p.add(this.here('/omniborId'), 'must be an array');
    if (c.swhid !== undefined && !Array.isArray(c.swhid)) p.add(this.here('/swhid'), 'must be an array');
  }

  /** Keys outside the schema's properties (it allows no others). */
  private keys(object: Json, allowed: Set<string>, what: string): void {
    for (const key in object) if (!allowed.has(key)) this.problems.add(this.here(`/${pointerToken(key)}`), `is not a property of ${what}`, 'remove it (a tool-specific value goes into properties as a name/value pair), or declare the specVersion that defines it.');
  }

  private own(at: string, key: string | number): void {
    this.ownerAt = at;
    this.ownerKey = key;
  }

  /** The pointer of `rest` inside the current owner. */
  private here(rest: string): string {
    return `${this.ownerKey === '' ? this.ownerAt : `${this.ownerAt}/${this.ownerKey}`}${rest}`;
  }

  private badText(value: unknown, pointer: string, required: boolean): void {
    if (typeof value === 'string' && value.length > MAX_SBOM_TEXT) this.problems.add(pointer, `is ${value.length} characters long, more than ${MAX_SBOM_TEXT}`, 'fix the SBOM; names, versions and licenses are short.');
    else this.problems.add(pointer, required ? 'must be a non-empty string' : 'must be a string');
  }

  /** Registers the bom-ref at `rest` inside the current owner. */
  private bomRef(ref: unknown, rest: string): void {
    if (typeof ref !== 'string' || (ref.length === 0 && this.version !== '1.4')) return this.problems.add(this.here(rest), 'must be a non-empty string');
    // One hash-table operation, not has() then add(): the size tells whether the ref was new.
    const size = this.bomRefs.size;
    if (this.bomRefs.set(ref, -1).size === size) this.problems.add(this.here(rest), `repeats the bom-ref ${JSON.stringify(ref.slice(0, 200))} of an earlier element; bom-refs are unique in a BOM`, 'give each component, service and license its own bom-ref (regenerate the SBOM, or fix the tool that merged two BOMs).');
  }

  /** A license choice; returns the licenses the diff reads: one, several or none. */
  private licenses(value: unknown): string | string[] | undefined {
    const p = this.problems;
    if (!Array.isArray(value)) {
      p.add(this.here('/licenses'), 'must be an array of {license} or {expression} objects', 'fix the SBOM; licenses is a JSON array.');
      return undefined;
    }
    let out: string | string[] | undefined;
    let expressions = 0;
    for (let j = 0; j < value.length; j++) {
      const entry: unknown = value[j];
      if (!isObject(entry)) {
        p.add(this.here(`/licenses/${j}`), 'must be a JSON object', 'fix the SBOM; each entry is {"license": {...}} or {"expression": "..."}.');
        continue;
      }
      const text = entry.expression !== undefined ? this.expression(entry, j) : this.license(entry, j);
      if (entry.expression !== undefined) expressions++;
      if (text === undefined) continue;
      out = out === undefined ? text : typeof out === 'string' ? [out, text] : (out.push(text), out);
    }
    if (expressions > 0 && value.length > 1 && this.version !== '1.4') p.add(this.here('/licenses'), `holds an SPDX expression and ${value.length - 1} other entries; CycloneDX ${this.version} allows either licenses or exactly one expression`, 'join the licenses into the one expression (e.g. "MIT AND Apache-2.0").');
    return out;
  }

  private atLicense(j: number, rest: string): string {
    return this.here(`/licenses/${j}${rest}`);
  }

  private expression(entry: Json, j: number): string | undefined {
    for (const k in entry) {
      const allowed = k === 'expression' || (this.version !== '1.4' && k === 'bom-ref') || (this.version === '1.6' && k === 'acknowledgement');
      if (!allowed) this.problems.add(this.atLicense(j, `/${pointerToken(k)}`), k === 'license' ? 'cannot stand beside expression: an entry is a license or an expression' : `is not a property of a CycloneDX ${this.version} license expression`);
    }
    if (entry['bom-ref'] !== undefined) this.bomRef(entry['bom-ref'], `/licenses/${j}/bom-ref`);
    if (entry.acknowledgement !== undefined && !ACKNOWLEDGEMENTS.has(entry.acknowledgement)) this.problems.add(this.atLicense(j, '/acknowledgement'), 'must be declared or concluded');
    const expression = entry.expression;
    if (typeof expression !== 'string' || expression.length === 0 || expression.length > MAX_SBOM_TEXT) {
      this.badText(expression, this.atLicense(j, '/expression'), true);
      return undefined;
    }
    const error = licenseExpressionError(expression);
    if (error) this.problems.add(this.atLicense(j, '/expression'), `${JSON.stringify(expression.slice(0, 100))} is not an SPDX license expression: it ${error}`, 'write an SPDX expression such as "MIT OR Apache-2.0", or a named license as {"license": {"name": ...}}.');
    return error ? undefined : expression;
  }

  private license(entry: Json, j: number): string | undefined {
    const p = this.problems;
    for (const k in entry) if (k !== 'license') p.add(this.atLicense(j, `/${pointerToken(k)}`), `is not a property of a license entry (${this.version === '1.4' ? 'license or expression' : 'license'})`);
    const license = entry.license;
    if (!isObject(license)) {
      p.add(this.atLicense(j, '/license'), 'must be a JSON object with an id or a name', 'fix the SBOM; a license is {"id": "MIT"} or {"name": "..."}.');
      return undefined;
    }
    for (const k in license) if (!this.words.license.has(k)) p.add(this.atLicense(j, `/license/${pointerToken(k)}`), `is not a property of a CycloneDX ${this.version} license`);
    const { id, name } = license;
    if ((id === undefined) === (name === undefined)) {
      p.add(this.atLicense(j, '/license'), 'must hold exactly one of id and name', 'use id for an SPDX license id and name for any other license, not both.');
      return undefined;
    }
    if (license.text !== undefined && !(isObject(license.text) && typeof license.text.content === 'string')) p.add(this.atLicense(j, '/license/text'), 'must be an attachment object with a content string');
    if (license.url !== undefined && typeof license.url !== 'string') p.add(this.atLicense(j, '/license/url'), 'must be a string');
    if (license.acknowledgement !== undefined && !ACKNOWLEDGEMENTS.has(license.acknowledgement)) p.add(this.atLicense(j, '/license/acknowledgement'), 'must be declared or concluded');
    if (license['bom-ref'] !== undefined) this.bomRef(license['bom-ref'], `/licenses/${j}/license/bom-ref`);
    if (license.properties !== undefined) this.properties(license.properties, `/licenses/${j}/license`);
    if (id !== undefined) {
      spdxIds ??= new StringEnum(V.SPDX_LICENSE_IDS);
      if (spdxIds.has(id)) return id;
      p.add(this.atLicense(j, '/license/id'), `${JSON.stringify(typeof id === 'string' ? id.slice(0, 100) : id)} is not an SPDX license id`, 'use the exact SPDX id (case matters, e.g. "Apache-2.0"), or put the text in license.name, or use an expression.');
      return undefined;
    }
    if (typeof name === 'string' && name.length > 0 && name.length <= MAX_SBOM_TEXT) return name;
    this.badText(name, this.atLicense(j, '/license/name'), true);
    return undefined;
  }

  /** Hashes at `prefix`/hashes inside the current owner. */
  private hashes(value: unknown, prefix: string): void {
    if (!Array.isArray(value)) return this.problems.add(this.here(`${prefix}/hashes`), 'must be an array');
    for (let j = 0; j < value.length; j++) {
      const h: unknown = value[j];
      if (!isObject(h)) {
        this.problems.add(this.here(`${prefix}/hashes/${j}`), 'must be a JSON object');
        continue;
      }
      for (const k in h) if (k !== 'alg' && k !== 'content') this.problems.add(this.here(`${prefix}/hashes/${j}/${pointerToken(k)}`), 'is not a property of a hash (alg, content)');
      if (!HASH_ALGORITHMS.has(h.alg)) this.problems.add(this.here(`${prefix}/hashes/${j}/alg`), `must be one of ${V.CDX_HASH_ALGORITHMS.join(', ')}`);
      if (typeof h.content !== 'string' || !isHashContent(h.content)) this.problems.add(this.here(`${prefix}/hashes/${j}/content`), 'must be a hex digest of 32, 40, 64, 96 or 128 digits');
    }
  }

  private externalReferences(value: unknown): void {
    if (!Array.isArray(value)) return this.problems.add(this.here('/externalReferences'), 'must be an array');
    for (let j = 0; j < value.length; j++) {
      const r: unknown = value[j];
      if (!isObject(r)) {
        this.problems.add(this.here(`/externalReferences/${j}`), 'must be a JSON object');
        continue;
      }
      for (const k in r) if (k !== 'url' && k !== 'type' && k !== 'comment' && k !== 'hashes') this.problems.add(this.here(`/externalReferences/${j}/${pointerToken(k)}`), 'is not a property of an external reference (url, type, comment, hashes)');
      if (typeof r.url !== 'string') this.problems.add(this.here(`/externalReferences/${j}/url`), 'must be a string (a URL or a BOM-Link)');
      if (!this.words.referenceTypes.has(r.type)) this.problems.add(this.here(`/externalReferences/${j}/type`), `must be an external reference type of CycloneDX ${this.version}, not ${JSON.stringify(r.type)?.slice(0, 60)}`, 'use one of the types the specification lists, or "other".');
      if (r.comment !== undefined && typeof r.comment !== 'string') this.problems.add(this.here(`/externalReferences/${j}/comment`), 'must be a string');
      if (r.hashes !== undefined) this.hashes(r.hashes, `/externalReferences/${j}`);
    }
  }

  /** Properties at `prefix`/properties inside the current owner. */
  private properties(value: unknown, prefix: string): void {
    if (!Array.isArray(value)) return this.problems.add(this.here(`${prefix}/properties`), 'must be an array of name/value objects');
    for (let j = 0; j < value.length; j++) {
      const prop: unknown = value[j];
      if (!isObject(prop) || (prop.name === undefined ? this.version === '1.6' : typeof prop.name !== 'string') || (prop.value !== undefined && typeof prop.value !== 'string')) this.problems.add(this.here(`${prefix}/properties/${j}`), 'must be an object with a string name and a string value');
    }
  }

  /** Services and their nested services, walked with a stack; their bom-refs count for uniqueness and dependency refs. */
  private services(value: unknown, pointer: string): void {
    const stack: { list: unknown; pointer: string }[] = [{ list: value, pointer }];
    let next: { list: unknown; pointer: string } | undefined;
    while ((next = stack.pop()) !== undefined) {
      if (!Array.isArray(next.list)) {
        this.problems.add(next.pointer, 'must be an array of services');
        continue;
      }
      const seen = new Set<string>();
      for (let i = 0; i < next.list.length; i++) {
        const s: unknown = next.list[i];
        const at = `${next.pointer}/${i}`;
        if (!isObject(s)) {
          this.problems.add(at, 'must be a JSON object');
          continue;
        }
        this.own(at, '');
        this.keys(s, this.words.service, `a CycloneDX ${this.version} service`);
        if (typeof s.name !== 'string' || s.name.length === 0) this.problems.add(`${at}/name`, 'must be a non-empty string');
        if (s['bom-ref'] !== undefined) this.bomRef(s['bom-ref'], '/bom-ref');
        else {
          const key = canonicalJson(s);
          if (seen.has(key)) this.problems.add(at, 'is the same service as an earlier one of this array; items are unique', 'remove the duplicate, or give each service its own bom-ref.');
          seen.add(key);
        }
        if (s.licenses !== undefined) this.licenses(s.licenses);
        if (s.externalReferences !== undefined) this.externalReferences(s.externalReferences);
        if (s.properties !== undefined) this.properties(s.properties, '');
        if (s.services !== undefined) stack.push({ list: s.services, pointer: `${at}/services` });
      }
    }
  }

  private dependencies(value: unknown): void {
    if (!Array.isArray(value)) return this.problems.add('/dependencies', 'must be an array');
    let keys: Set<string> | undefined;
    const keyed = new Set<number>();
    for (let i = 0; i < value.length; i++) {
      const d: unknown = value[i];
      if (!isObject(d)) {
        this.problems.add(`/dependencies/${i}`, 'must be a JSON object');
        continue;
      }
      // Two or three allowed keys: compared directly, cheaper than a set lookup on every entry.
      for (const k in d) if (k !== 'ref' && k !== 'dependsOn' && !(k === 'provides' && this.version === '1.6')) this.problems.add(`/dependencies/${i}/${pointerToken(k)}`, `is not a property of a CycloneDX ${this.version} dependency`);
      const ref = d.ref;
      if (typeof ref !== 'string' || ref.length === 0) {
        this.problems.add(`/dependencies/${i}/ref`, 'must be a non-empty string (the bom-ref of a component or service)');
        continue;
      }
      if (d.dependsOn !== undefined) this.refList(d.dependsOn, i, 'dependsOn');
      if (d.provides !== undefined) this.refList(d.provides, i, 'provides');
      const first = this.bomRefs.get(ref);
      if (first === undefined) {
        this.problems.add(`/dependencies/${i}/ref`, `names ${JSON.stringify(ref.slice(0, 200))}, which is the bom-ref of no component or service of this BOM`, REGENERATE);
        continue;
      }
      if (first === -1) {
        this.bomRefs.set(ref, i);
        continue;
      }
      // uniqueItems: entries can only be equal when their refs are, so only those are compared, by canonical JSON.
      keys ??= new Set();
      if (!keyed.has(first)) {
        keys.add(canonicalJson(value[first]));
        keyed.add(first);
      }
      const key = canonicalJson(d);
      if (keys.has(key)) this.problems.add(`/dependencies/${i}`, `repeats an earlier dependency entry of ${JSON.stringify(ref.slice(0, 200))}; items are unique`, 'remove the duplicate entry.');
      keys.add(key);
    }
  }

  /** A list of bom-refs (dependsOn, provides): strings, each a known bom-ref, no repeats. */
  private refList(value: unknown, i: number, field: string): void {
    if (!Array.isArray(value)) return this.problems.add(`/dependencies/${i}/${field}`, 'must be an array of bom-refs');
    const seen = value.length > PAIRWISE ? new Set<unknown>() : undefined;
    for (let j = 0; j < value.length; j++) {
      const ref: unknown = value[j];
      if (typeof ref !== 'string' || ref.length === 0) {
        this.problems.add(`/dependencies/${i}/${field}/${j}`, 'must be a non-empty string (a bom-ref)');
        continue;
      }
      if (!this.bomRefs.has(ref)) this.problems.add(`/dependencies/${i}/${field}/${j}`, `names ${JSON.stringify(ref.slice(0, 200))}, which is the bom-ref of no component or service of this BOM`, REGENERATE);
      let repeated = false;
      if (seen) {
        repeated = seen.has(ref);
        seen.add(ref);
      } else {
        for (let k = 0; k < j && !repeated; k++) repeated = value[k] === ref;
      }
      if (repeated) this.problems.add(`/dependencies/${i}/${field}/${j}`, `repeats ${JSON.stringify(ref.slice(0, 200))}; items are unique`, 'remove the duplicate ref.');
    }
  }

  /**
   * `uniqueItems` for components without a bom-ref (components with distinct bom-refs differ, and
   * equal bom-refs are already an error). Each gets a class id by hash-consing, children first (a
   * child always comes later in walk order): equal ids mean deep-equal components, and each
   * component is serialized once, so nesting stays linear.
   */
  private checkAnonymousUnique(): void {
    if (this.anonymous.length === 0) return;
    const classOf = new Map<object, number>();
    const interned = new Map<string, number>();
    for (let k = this.anonymous.length - 1; k >= 0; k--) {
      const { component } = this.anonymous[k]!;
      let key = canonicalJson(component, 'components');
      if (Array.isArray(component.components)) {
        for (const child of component.components as unknown[]) key += isObject(child) && child['bom-ref'] !== undefined ? `|r${JSON.stringify(child['bom-ref'])}` : `|c${isObject(child) ? (classOf.get(child) ?? -1) : JSON.stringify(child)}`;
      }
      let id = interned.get(key);
      if (id === undefined) {
        id = interned.size;
        interned.set(key, id);
      }
      classOf.set(component, id);
    }
    const seen = new Set<string>();
    for (const { component, list, index, parent } of this.anonymous) {
      if (index < 0) continue;
      const key = `${parent}:${classOf.get(component)}`;
      if (seen.has(key)) this.problems.add(`${list}/${index}`, 'is the same component as an earlier one of this array; items are unique', 'remove the duplicate, or give each component its own bom-ref.');
      seen.add(key);
    }
  }
}
