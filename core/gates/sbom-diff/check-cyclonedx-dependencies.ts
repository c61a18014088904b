import type { CycloneDxPass } from './cyclonedx-pass.js';
import { canonicalJson, isObject, pointerToken } from './sbom-problems.js';

const REGENERATE = 'regenerate the SBOM with its tool; every dependency and reference must name a bom-ref of the same BOM.';
/** Arrays up to this length are checked for duplicates pairwise (no allocation); longer ones with a Set. */
const PAIRWISE = 8;

/**
 * The dependency graph, read after every component and service: each entry's ref and the refs it
 * lists name a known bom-ref, and no entry repeats another. Marks each bom-ref with the index of
 * its entry in `pass.bomRefs`.
 */
export function checkCycloneDxDependencies(pass: CycloneDxPass, value: unknown): void {
  if (!Array.isArray(value)) return pass.problems.add('/dependencies', 'must be an array');
  let keys: Set<string> | undefined;
  const keyed = new Set<number>();
  for (let i = 0; i < value.length; i++) {
    const d: unknown = value[i];
    if (!isObject(d)) {
      pass.problems.add(`/dependencies/${i}`, 'must be a JSON object');
      continue;
    }
    // Two or three allowed keys: compared directly, cheaper than a set lookup on every entry.
    for (const k in d) if (k !== 'ref' && k !== 'dependsOn' && !(k === 'provides' && pass.version === '1.6')) pass.problems.add(`/dependencies/${i}/${pointerToken(k)}`, `is not a property of a CycloneDX ${pass.version} dependency`);
    const ref = d.ref;
    if (typeof ref !== 'string' || ref.length === 0) {
      pass.problems.add(`/dependencies/${i}/ref`, 'must be a non-empty string (the bom-ref of a component or service)');
      continue;
    }
    if (d.dependsOn !== undefined) checkRefList(pass, d.dependsOn, i, 'dependsOn');
    if (d.provides !== undefined) checkRefList(pass, d.provides, i, 'provides');
    const first = pass.bomRefs.get(ref);
    if (first === undefined) {
      pass.problems.add(`/dependencies/${i}/ref`, `names ${JSON.stringify(ref.slice(0, 200))}, which is the bom-ref of no component or service of this BOM`, REGENERATE);
      continue;
    }
    if (first === -1) {
      pass.bomRefs.set(ref, i);
      continue;
    }
    // uniqueItems: entries can only be equal when their refs are, so only those are compared, by canonical JSON.
    keys ??= new Set();
    if (!keyed.has(first)) {
      keys.add(canonicalJson(value[first]));
      keyed.add(first);
    }
    const key = canonicalJson(d);
    if (keys.has(key)) pass.problems.add(`/dependencies/${i}`, `repeats an earlier dependency entry of ${JSON.stringify(ref.slice(0, 200))}; items are unique`, 'remove the duplicate entry.');
    keys.add(key);
  }
}

/** A list of bom-refs (dependsOn, provides): strings, each a known bom-ref, no repeats. */
function checkRefList(pass: CycloneDxPass, value: unknown, i: number, field: string): void {
  if (!Array.isArray(value)) return pass.problems.add(`/dependencies/${i}/${field}`, 'must be an array of bom-refs');
  const seen = value.length > PAIRWISE ? new Set<unknown>() : undefined;
  for (let j = 0; j < value.length; j++) {
    const ref: unknown = value[j];
    if (typeof ref !== 'string' || ref.length === 0) {
      pass.problems.add(`/dependencies/${i}/${field}/${j}`, 'must be a non-empty string (a bom-ref)');
      continue;
    }
    if (!pass.bomRefs.has(ref)) pass.problems.add(`/dependencies/${i}/${field}/${j}`, `names ${JSON.stringify(ref.slice(0, 200))}, which is the bom-ref of no component or service of this BOM`, REGENERATE);
    let repeated = false;
    if (seen) {
      repeated = seen.has(ref);
      seen.add(ref);
    } else {
      for (let k = 0; k < j && !repeated; k++) repeated = value[k] === ref;
    }
    if (repeated) pass.problems.add(`/dependencies/${i}/${field}/${j}`, `repeats ${JSON.stringify(ref.slice(0, 200))}; items are unique`, 'remove the duplicate ref.');
  }
}
