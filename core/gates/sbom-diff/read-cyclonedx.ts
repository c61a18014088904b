import { walkCycloneDxComponents } from './check-cyclonedx-components.js';
import { checkCycloneDxDependencies } from './check-cyclonedx-dependencies.js';
import { checkCycloneDxExternalReferences } from './check-cyclonedx-external-references.js';
import { checkCycloneDxMetadata } from './check-cyclonedx-metadata.js';
import { checkCycloneDxServices } from './check-cyclonedx-services.js';
import { checkUniqueComponents } from './check-unique-components.js';
import { SbomComponentCollector } from './collect-sbom-components.js';
import { CycloneDxPass } from './cyclonedx-pass.js';
import { isObject, type Json, type SbomProblems } from './sbom-problems.js';
import type { CycloneDxVersion } from './sbom-vocabulary.js';
import type { ParsedSbom } from './types.js';

const SERIAL = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Validates a CycloneDX 1.4-1.6 JSON BOM and collects its components (top-level and nested, not the
 * metadata component or tools) in one linear pass: required fields, types, enums and allowed keys
 * of the official schema for the BOM, metadata, components, licenses, hashes, external references,
 * services and dependencies; bom-ref uniqueness across the BOM; dependency refs that name a known
 * bom-ref; package URL form; SPDX license ids and expressions. `uniqueItems` is checked with hashes
 * (bom-refs, then canonical JSON for the rare items without one), never pairwise.
 */
export function readCycloneDx(doc: Json, version: CycloneDxVersion, problems: SbomProblems): ParsedSbom {
  const pass = new CycloneDxPass(version, problems, new SbomComponentCollector(`cyclonedx-${version}`, problems.file));
  checkBom(pass, doc);
  problems.throwIfAny();
  return pass.collector.sbom;
}

/** The BOM, part by part in document order, then dependencies once every bom-ref is known. */
function checkBom(pass: CycloneDxPass, doc: Json): void {
  pass.own('', '');
  pass.keys(doc, pass.words.top, 'a CycloneDX BOM');
  if (doc.serialNumber !== undefined && !(typeof doc.serialNumber === 'string' && SERIAL.test(doc.serialNumber))) pass.problems.add('/serialNumber', 'must be a urn:uuid: URN (RFC 4122, lower case)');
  if (doc.version !== undefined && !(Number.isInteger(doc.version) && (doc.version as number) >= (pass.version === '1.4' ? 0 : 1))) pass.problems.add('/version', 'must be an integer of at least 1');
  for (const key of ['compositions', 'vulnerabilities', 'annotations', 'formulation', 'properties'] as const) if (doc[key] !== undefined && !Array.isArray(doc[key])) pass.problems.add(`/${key}`, 'must be an array');
  for (const key of ['signature', 'declarations', 'definitions'] as const) if (doc[key] !== undefined && !isObject(doc[key])) pass.problems.add(`/${key}`, 'must be a JSON object');
  if (doc.metadata !== undefined) checkCycloneDxMetadata(pass, doc.metadata);
  if (doc.components !== undefined) pass.pending.push({ list: doc.components, pointer: '/components', collect: true, parent: -1 });
  walkCycloneDxComponents(pass);
  if (doc.services !== undefined) checkCycloneDxServices(pass, doc.services, '/services');
  pass.own('', '');
  if (doc.externalReferences !== undefined) checkCycloneDxExternalReferences(pass, doc.externalReferences);
  if (doc.dependencies !== undefined) checkCycloneDxDependencies(pass, doc.dependencies);
  checkUniqueComponents(pass);
}
