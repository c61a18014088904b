import { checkCycloneDxProperties } from './check-cyclonedx-properties.js';
import type { CycloneDxPass } from './cyclonedx-pass.js';
import { ACKNOWLEDGEMENTS, spdxLicenseIds } from './cyclonedx-vocabulary.js';
import { isObject, licenseExpressionError, MAX_SBOM_TEXT, pointerToken, type Json } from './sbom-problems.js';

/**
 * The license choice of the current owner (a component, a service or the metadata): entries of a
 * license with an SPDX id or a name, or of an SPDX expression (only one, from 1.5). Returns the
 * licenses the diff reads: one, several or none.
 */
export function checkCycloneDxLicenses(pass: CycloneDxPass, value: unknown): string | string[] | undefined {
  const p = pass.problems;
  if (!Array.isArray(value)) {
    p.add(pass.here('/licenses'), 'must be an array of {license} or {expression} objects', 'fix the SBOM; licenses is a JSON array.');
    return undefined;
  }
  let out: string | string[] | undefined;
  let expressions = 0;
  for (let j = 0; j < value.length; j++) {
    const entry: unknown = value[j];
    if (!isObject(entry)) {
      p.add(pass.here(`/licenses/${j}`), 'must be a JSON object', 'fix the SBOM; each entry is {"license": {...}} or {"expression": "..."}.');
      continue;
    }
    const text = entry.expression !== undefined ? expressionEntry(pass, entry, j) : licenseEntry(pass, entry, j);
    if (entry.expression !== undefined) expressions++;
    if (text === undefined) continue;
    out = out === undefined ? text : typeof out === 'string' ? [out, text] : (out.push(text), out);
  }
  if (expressions > 0 && value.length > 1 && pass.version !== '1.4') p.add(pass.here('/licenses'), `holds an SPDX expression and ${value.length - 1} other entries; CycloneDX ${pass.version} allows either licenses or exactly one expression`, 'join the licenses into the one expression (e.g. "MIT AND Apache-2.0").');
  return out;
}

function atLicense(pass: CycloneDxPass, j: number, rest: string): string {
  return pass.here(`/licenses/${j}${rest}`);
}

/** An entry of an SPDX expression; returns the expression when it parses. */
function expressionEntry(pass: CycloneDxPass, entry: Json, j: number): string | undefined {
  for (const k in entry) {
    const allowed = k === 'expression' || (pass.version !== '1.4' && k === 'bom-ref') || (pass.version === '1.6' && k === 'acknowledgement');
    if (!allowed) pass.problems.add(atLicense(pass, j, `/${pointerToken(k)}`), k === 'license' ? 'cannot stand beside expression: an entry is a license or an expression' : `is not a property of a CycloneDX ${pass.version} license expression`);
  }
  if (entry['bom-ref'] !== undefined) pass.bomRef(entry['bom-ref'], `/licenses/${j}/bom-ref`);
  if (entry.acknowledgement !== undefined && !ACKNOWLEDGEMENTS.has(entry.acknowledgement)) pass.problems.add(atLicense(pass, j, '/acknowledgement'), 'must be declared or concluded');
  const expression = entry.expression;
  if (typeof expression !== 'string' || expression.length === 0 || expression.length > MAX_SBOM_TEXT) {
    pass.badText(expression, atLicense(pass, j, '/expression'), true);
    return undefined;
  }
  const error = licenseExpressionError(expression);
  if (error) pass.problems.add(atLicense(pass, j, '/expression'), `${JSON.stringify(expression.slice(0, 100))} is not an SPDX license expression: it ${error}`, 'write an SPDX expression such as "MIT OR Apache-2.0", or a named license as {"license": {"name": ...}}.');
  return error ? undefined : expression;
}

/** An entry of a license; returns its SPDX id or its name when valid. */
function licenseEntry(pass: CycloneDxPass, entry: Json, j: number): string | undefined {
  const p = pass.problems;
  for (const k in entry) if (k !== 'license') p.add(atLicense(pass, j, `/${pointerToken(k)}`), `is not a property of a license entry (${pass.version === '1.4' ? 'license or expression' : 'license'})`);
  const license = entry.license;
  if (!isObject(license)) {
    p.add(atLicense(pass, j, '/license'), 'must be a JSON object with an id or a name', 'fix the SBOM; a license is {"id": "MIT"} or {"name": "..."}.');
    return undefined;
  }
  for (const k in license) if (!pass.words.license.has(k)) p.add(atLicense(pass, j, `/license/${pointerToken(k)}`), `is not a property of a CycloneDX ${pass.version} license`);
  const { id, name } = license;
  if ((id === undefined) === (name === undefined)) {
    p.add(atLicense(pass, j, '/license'), 'must hold exactly one of id and name', 'use id for an SPDX license id and name for any other license, not both.');
    return undefined;
  }
  if (license.text !== undefined && !(isObject(license.text) && typeof license.text.content === 'string')) p.add(atLicense(pass, j, '/license/text'), 'must be an attachment object with a content string');
  if (license.url !== undefined && typeof license.url !== 'string') p.add(atLicense(pass, j, '/license/url'), 'must be a string');
  if (license.acknowledgement !== undefined && !ACKNOWLEDGEMENTS.has(license.acknowledgement)) p.add(atLicense(pass, j, '/license/acknowledgement'), 'must be declared or concluded');
  if (license['bom-ref'] !== undefined) pass.bomRef(license['bom-ref'], `/licenses/${j}/license/bom-ref`);
  if (license.properties !== undefined) checkCycloneDxProperties(pass, license.properties, `/licenses/${j}/license`);
  if (id !== undefined) {
    if (spdxLicenseIds().has(id)) return id;
    p.add(atLicense(pass, j, '/license/id'), `${JSON.stringify(typeof id === 'string' ? id.slice(0, 100) : id)} is not an SPDX license id`, 'use the exact SPDX id (case matters, e.g. "Apache-2.0"), or put the text in license.name, or use an expression.');
    return undefined;
  }
  if (typeof name === 'string' && name.length > 0 && name.length <= MAX_SBOM_TEXT) return name;
  pass.badText(name, atLicense(pass, j, '/license/name'), true);
  return undefined;
}
