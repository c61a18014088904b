import type { CycloneDxPass } from './cyclonedx-pass.js';
import { canonicalJson, isObject } from './sbom-problems.js';

/**
 * `uniqueItems` for components without a bom-ref (components with distinct bom-refs differ, and
 * equal bom-refs are already an error), once the walk is over. Each gets a class id by
 * hash-consing, children first (a child always comes later in walk order): equal ids mean
 * deep-equal components, and each component is serialized once, so nesting stays linear.
 */
export function checkUniqueComponents(pass: CycloneDxPass): void {
  const { anonymous } = pass;
  if (anonymous.length === 0) return;
  const classOf = new Map<object, number>();
  const interned = new Map<string, number>();
  for (let k = anonymous.length - 1; k >= 0; k--) {
    const { component } = anonymous[k]!;
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
  for (const { component, list, index, parent } of anonymous) {
    if (index < 0) continue;
    const key = `${parent}:${classOf.get(component)}`;
    if (seen.has(key)) pass.problems.add(`${list}/${index}`, 'is the same component as an earlier one of this array; items are unique', 'remove the duplicate, or give each component its own bom-ref.');
    seen.add(key);
  }
}
