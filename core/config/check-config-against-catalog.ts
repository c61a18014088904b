import type { Catalog, ParamValue } from '../controls/types.js';
import type { ConfigIssue, MaestroConfig } from './types.js';

/**
 * The config rules that depend on the catalog: excluded and customized ids must exist, and every
 * threshold must be a parameter that some requirement of that kind declares, of the same type.
 */
export function checkConfigAgainstCatalog(config: MaestroConfig, catalog: Catalog, keyLines: Record<string, number> = {}): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const ids = new Set(catalog.controls.map((c) => c.id));
  const issue = (key: string, message: string): void => {
    const line = keyLines[key];
    issues.push(line === undefined ? { key, message } : { key, message, line });
  };
  config.controls.exclude.forEach((id, i) => {
    if (!ids.has(id)) issue(`controls.exclude[${i}]`, `${id} is not a control of the catalog; run maestro controls list to see the ids`);
  });
  for (const id of Object.keys(config.controls.customize)) {
    if (!ids.has(id)) issue(`controls.customize.${id}`, `${id} is not a control of the catalog; run maestro controls list to see the ids`);
  }
  const declared = new Map<string, Map<string, ParamValue>>();
  for (const control of catalog.controls) {
    for (const req of control.evidence) {
      const params = declared.get(req.kind) ?? new Map<string, ParamValue>();
      for (const [name, value] of Object.entries(req.params ?? {})) params.set(name, value);
      declared.set(req.kind, params);
    }
  }
  for (const [kind, overrides] of Object.entries(config.thresholds)) {
    const known = declared.get(kind) ?? new Map<string, ParamValue>();
    for (const [name, value] of Object.entries(overrides)) {
      const key = `thresholds.${kind}.${name}`;
      if (!known.has(name)) {
        const list = [...known.keys()].sort();
        issue(key, `${name} is not a parameter of any ${kind} requirement in the catalog; ${list.length > 0 ? `known parameters: ${list.join(', ')}` : `no ${kind} requirement has parameters`}`);
      } else if (typeof known.get(name) !== typeof value) {
        issue(key, `must be a ${typeof known.get(name)}, like the catalog's default ${JSON.stringify(known.get(name))}; found ${JSON.stringify(value)}`);
      }
    }
  }
  return issues;
}
