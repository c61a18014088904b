import { assertionKey } from '../controls/build-catalog.js';
import type { Catalog } from '../controls/types.js';
import type { Validator } from '../evidence/validator.js';
import type { AssertionRegistry } from './check-assertion.js';

/**
 * Returns a registry holding a validator for every assertion of the catalog: the precompiled ones,
 * plus any the catalog adds, compiled now (the compiler is loaded only in that case).
 */
export async function prepareAssertions(catalog: Catalog, precompiled: Record<string, Validator>): Promise<AssertionRegistry> {
  const missing = new Set<string>();
  for (const control of catalog.controls) {
    for (const req of control.evidence) {
      if (req.assert && !(assertionKey(req.assert) in precompiled)) missing.add(assertionKey(req.assert));
    }
  }
  if (missing.size === 0) return (key) => precompiled[key];
  const { compileAssertions } = await import('./compile-assertions.js');
  const compiled = compileAssertions(catalog.controls, missing);
  return (key) => precompiled[key] ?? compiled.get(key);
}
