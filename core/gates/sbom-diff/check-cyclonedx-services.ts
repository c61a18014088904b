import { checkCycloneDxExternalReferences } from './check-cyclonedx-external-references.js';
import { checkCycloneDxLicenses } from './check-cyclonedx-licenses.js';
import { checkCycloneDxProperties } from './check-cyclonedx-properties.js';
import type { CycloneDxPass } from './cyclonedx-pass.js';
import { canonicalJson, isObject } from './sbom-problems.js';

/** Services and their nested services, walked with a stack; their bom-refs count for uniqueness and dependency refs. */
export function checkCycloneDxServices(pass: CycloneDxPass, value: unknown, pointer: string): void {
  const stack: { list: unknown; pointer: string }[] = [{ list: value, pointer }];
  let next: { list: unknown; pointer: string } | undefined;
  while ((next = stack.pop()) !== undefined) {
    if (!Array.isArray(next.list)) {
      pass.problems.add(next.pointer, 'must be an array of services');
      continue;
    }
    const seen = new Set<string>();
    for (let i = 0; i < next.list.length; i++) {
      const s: unknown = next.list[i];
      const at = `${next.pointer}/${i}`;
      if (!isObject(s)) {
        pass.problems.add(at, 'must be a JSON object');
        continue;
      }
      pass.own(at, '');
      pass.keys(s, pass.words.service, `a CycloneDX ${pass.version} service`);
      if (typeof s.name !== 'string' || s.name.length === 0) pass.problems.add(`${at}/name`, 'must be a non-empty string');
      if (s['bom-ref'] !== undefined) pass.bomRef(s['bom-ref'], '/bom-ref');
      else {
        const key = canonicalJson(s);
        if (seen.has(key)) pass.problems.add(at, 'is the same service as an earlier one of this array; items are unique', 'remove the duplicate, or give each service its own bom-ref.');
        seen.add(key);
      }
      if (s.licenses !== undefined) checkCycloneDxLicenses(pass, s.licenses);
      if (s.externalReferences !== undefined) checkCycloneDxExternalReferences(pass, s.externalReferences);
      if (s.properties !== undefined) checkCycloneDxProperties(pass, s.properties, '');
      if (s.services !== undefined) stack.push({ list: s.services, pointer: `${at}/services` });
    }
  }
}
