import { checkCycloneDxExternalReferences, checkCycloneDxHashes } from './check-cyclonedx-external-references.js';
import { checkCycloneDxLicenses } from './check-cyclonedx-licenses.js';
import { checkCycloneDxProperties } from './check-cyclonedx-properties.js';
import type { CycloneDxPass, PendingComponents } from './cyclonedx-pass.js';
import { SCOPES } from './cyclonedx-vocabulary.js';
import { isObject, isPurl, MAX_SBOM_TEXT, type Json } from './sbom-problems.js';

/** Walks the component lists of `pass.pending` with an explicit stack: deep nesting cannot overflow the call stack. */
export function walkCycloneDxComponents(pass: CycloneDxPass): void {
  let next: PendingComponents | undefined;
  while ((next = pass.pending.pop()) !== undefined) {
    const { list, pointer, collect, parent } = next;
    if (!Array.isArray(list)) {
      pass.problems.add(pointer, 'must be an array of components', 'fix the SBOM; components is a JSON array.');
      continue;
    }
    for (let i = 0; i < list.length; i++) checkCycloneDxComponent(pass, list[i], pointer, i, collect, parent);
  }
}

/**
 * The component at `at`/`key`: its fields, bom-ref, licenses, hashes, references and properties.
 * Its nested components are queued on `pass.pending`; with `collect`, a valid component goes to
 * the collector. `parent` names the array it is in, for `uniqueItems`.
 */
export function checkCycloneDxComponent(pass: CycloneDxPass, c: unknown, at: string, key: string | number, collect: boolean, parent: number): void {
  if (!isObject(c)) return pass.problems.add(`${at}/${key}`, 'must be a JSON object');
  const ordinal = pass.ordinal++;
  const p = pass.problems;
  pass.own(at, key);
  pass.keys(c, pass.words.component, `a CycloneDX ${pass.version} component`);
  checkFields(pass, c);
  const { type, name, version, purl } = c;
  const bomRef = c['bom-ref'];
  if (!pass.words.types.has(type)) p.add(`${at}/${key}/type`, `must be one of the component types of CycloneDX ${pass.version} (${pass.words.types.list()}), not ${JSON.stringify(type)?.slice(0, 60)}`);
  const okName = typeof name === 'string' && name.length > 0 && name.length <= MAX_SBOM_TEXT;
  if (!okName) pass.badText(name, `${at}/${key}/name`, true);
  const okVersion = version === undefined || (typeof version === 'string' && version.length <= MAX_SBOM_TEXT);
  if (!okVersion) pass.badText(version, `${at}/${key}/version`, false);
  let okPurl = purl === undefined;
  if (typeof purl === 'string') {
    okPurl = purl.length <= MAX_SBOM_TEXT * 2 && isPurl(purl);
    if (!okPurl) p.add(`${at}/${key}/purl`, `holds ${JSON.stringify(purl.slice(0, 100))}, which is not a package URL (pkg:type/namespace/name@version?qualifiers#subpath)`, 'fix the purl (percent-encode "@" in scopes as %40, and spaces), or remove it.');
  } else if (purl !== undefined) p.add(`${at}/${key}/purl`, 'must be a string (a package URL)');
  if (bomRef !== undefined) pass.bomRef(bomRef, '/bom-ref');
  else pass.anonymous.push({ component: c, list: at, index: typeof key === 'number' ? key : -1, parent });
  if (c.scope !== undefined && !SCOPES.has(c.scope)) p.add(`${at}/${key}/scope`, 'must be required, optional or excluded');
  if (c.hashes !== undefined) checkCycloneDxHashes(pass, c.hashes, '');
  if (c.externalReferences !== undefined) checkCycloneDxExternalReferences(pass, c.externalReferences);
  if (c.properties !== undefined) checkCycloneDxProperties(pass, c.properties, '');
  const licenses = c.licenses === undefined ? undefined : checkCycloneDxLicenses(pass, c.licenses);
  if (c.components !== undefined) pass.pending.push({ list: c.components, pointer: `${at}/${key}/components`, collect, parent: ordinal });
  if (collect && okName && okVersion && okPurl) pass.collector.add(purl as string | undefined, name, version as string | undefined, licenses, at, key as number);
}

/**
 * Type checks of the optional fields nobody reads here. Direct property loads: on components of
 * one shape they cost a nanosecond each, far less than dispatching on every key.
 */
function checkFields(pass: CycloneDxPass, c: Json): void {
  const p = pass.problems;
  if (c['mime-type'] !== undefined && typeof c['mime-type'] !== 'string') p.add(pass.here('/mime-type'), 'must be a string');
  if (c.author !== undefined && typeof c.author !== 'string') p.add(pass.here('/author'), 'must be a string');
  if (c.publisher !== undefined && typeof c.publisher !== 'string') p.add(pass.here('/publisher'), 'must be a string');
  if (c.group !== undefined && typeof c.group !== 'string') p.add(pass.here('/group'), 'must be a string');
  if (c.description !== undefined && typeof c.description !== 'string') p.add(pass.here('/description'), 'must be a string');
  if (c.copyright !== undefined && typeof c.copyright !== 'string') p.add(pass.here('/copyright'), 'must be a string');
  if (c.cpe !== undefined && typeof c.cpe !== 'string') p.add(pass.here('/cpe'), 'must be a string');
  if (c.modified !== undefined && typeof c.modified !== 'boolean') p.add(pass.here('/modified'), 'must be true or false');
  if (c.supplier !== undefined && !isObject(c.supplier)) p.add(pass.here('/supplier'), 'must be a JSON object');
  if (c.manufacturer !== undefined && !isObject(c.manufacturer)) p.add(pass.here('/manufacturer'), 'must be a JSON object');
  if (c.swid !== undefined && !isObject(c.swid)) p.add(pass.here('/swid'), 'must be a JSON object');
  if (c.pedigree !== undefined && !isObject(c.pedigree)) p.add(pass.here('/pedigree'), 'must be a JSON object');
  if (c.evidence !== undefined && !isObject(c.evidence)) p.add(pass.here('/evidence'), 'must be a JSON object');
  if (c.releaseNotes !== undefined && !isObject(c.releaseNotes)) p.add(pass.here('/releaseNotes'), 'must be a JSON object');
  if (c.modelCard !== undefined && !isObject(c.modelCard)) p.add(pass.here('/modelCard'), 'must be a JSON object');
  if (c.cryptoProperties !== undefined && !isObject(c.cryptoProperties)) p.add(pass.here('/cryptoProperties'), 'must be a JSON object');
  if (c.signature !== undefined && !isObject(c.signature)) p.add(pass.here('/signature'), 'must be a JSON object');
  if (c.authors !== undefined && !Array.isArray(c.authors)) p.add(pass.here('/authors'), 'must be an array');
  if (c.data !== undefined && !Array.isArray(c.data)) p.add(pass.here('/data'), 'must be an array');
  if (c.tags !== undefined && !Array.isArray(c.tags)) p.add(pass.here('/tags'), 'must be an array');
  if (c.omniborId !== undefined && !Array.isArray(c.omniborId)) p.add(pass.here('/omniborId'), 'must be an array');
  if (c.swhid !== undefined && !Array.isArray(c.swhid)) p.add(pass.here('/swhid'), 'must be an array');
}
