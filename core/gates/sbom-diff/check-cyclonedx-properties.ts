import type { CycloneDxPass } from './cyclonedx-pass.js';
import { isObject } from './sbom-problems.js';

/** Properties at `prefix`/properties inside the current owner: name/value string pairs (the name required in 1.6). */
export function checkCycloneDxProperties(pass: CycloneDxPass, value: unknown, prefix: string): void {
  if (!Array.isArray(value)) return pass.problems.add(pass.here(`${prefix}/properties`), 'must be an array of name/value objects');
  for (let j = 0; j < value.length; j++) {
    const prop: unknown = value[j];
    if (!isObject(prop) || (prop.name === undefined ? pass.version === '1.6' : typeof prop.name !== 'string') || (prop.value !== undefined && typeof prop.value !== 'string')) pass.problems.add(pass.here(`${prefix}/properties/${j}`), 'must be an object with a string name and a string value');
  }
}
