import { readCycloneDx } from './read-cyclonedx.js';
import { readSpdx } from './read-spdx.js';
import { isObject, SbomProblems } from './sbom-problems.js';
import type { ParsedSbom } from './types.js';

export { MAX_SBOM_COMPONENTS } from './collect-sbom-components.js';

/**
 * Reads and validates a CycloneDX 1.4-1.6 or SPDX 2.3 JSON SBOM into components keyed by package
 * URL. Validation follows the official schemas for everything the diff reads and the constraints
 * that make an SBOM trustworthy (required fields, types, enums, allowed keys, bom-ref and SPDXID
 * uniqueness, dependency and relationship targets, purl form, license ids and expressions), in one
 * pass that is linear in the document's size: CycloneDX's `uniqueItems` is checked with hashes,
 * never pairwise. Every problem found (up to 20) is reported in one SBOM_INVALID error, each with
 * its JSON pointer.
 */
export function parseSbom(document: unknown, file: string): ParsedSbom {
  const problems = new SbomProblems(file);
  if (!isObject(document)) return problems.fail('', 'must be a JSON object', 'pass a CycloneDX 1.4-1.6 or SPDX 2.3 SBOM in JSON, as cyclonedx-npm or npm sbom write them.');
  const doc = document;
  if (doc.bomFormat === 'CycloneDX') {
    const spec = doc.specVersion;
    if (spec === '1.4' || spec === '1.5' || spec === '1.6') return readCycloneDx(doc, spec, problems);
    return problems.fail('/specVersion', `is CycloneDX ${JSON.stringify(spec)}; this gate reads 1.4, 1.5 and 1.6`, 'generate the SBOM with --spec-version 1.6 (or 1.4, 1.5).');
  }
  if (typeof doc.spdxVersion === 'string') {
    if (doc.spdxVersion === 'SPDX-2.3') return readSpdx(doc, problems);
    return problems.fail('/spdxVersion', `is ${JSON.stringify(doc.spdxVersion)}; this gate reads SPDX-2.3`, 'generate the SBOM as SPDX 2.3 JSON (npm sbom --sbom-format spdx).');
  }
  return problems.fail('', 'is neither a CycloneDX SBOM (bomFormat "CycloneDX") nor an SPDX document (spdxVersion)', 'pass a CycloneDX 1.4-1.6 or SPDX 2.3 SBOM in JSON, as cyclonedx-npm or npm sbom write them.');
}
