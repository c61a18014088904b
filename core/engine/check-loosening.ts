import type { ConfigIssue, MaestroConfig } from '../config/types.js';
import { compareParam, type ParamComparison } from '../controls/param-bounds.js';
import type { Catalog, Control, ParamValue } from '../controls/types.js';
import { selectControl } from './select-control.js';

/**
 * The thresholds of the repo config that loosen a catalog bound further than the catalog allows
 * (its `loosest`), one issue per key, naming the controls, the bound and the limit. Only controls
 * the config evaluates count: a threshold of an excluded control changes nothing. Tightening is
 * always allowed. Names and types are checked by `checkConfigAgainstCatalog`, and skipped here.
 */
export function checkLoosening(config: MaestroConfig, catalog: Catalog, keyLines: Record<string, number> = {}): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const enabled = catalog.controls.filter((c) => selectControl(c, config).enabled);
  for (const [kind, overrides] of Object.entries(config.thresholds)) {
    for (const [name, value] of Object.entries(overrides)) {
      const refused: Refusal[] = [];
      for (const control of enabled) {
        for (const req of control.evidence) {
          const catalogValue = req.kind === kind ? req.params?.[name] : undefined;
          if (catalogValue === undefined || typeof catalogValue !== typeof value) continue;
          const compared = compareParam(req, name, value);
          if (!compared.allowed) refused.push({ control, catalogValue, compared });
        }
      }
      if (refused.length === 0) continue;
      const key = `thresholds.${kind}.${name}`;
      const line = keyLines[key];
      issues.push({ key, message: refusalMessage(name, value, refused), ...(line !== undefined ? { line } : {}) });
    }
  }
  return issues;
}

interface Refusal {
  control: Control;
  catalogValue: ParamValue;
  compared: ParamComparison;
}

/**
 * `1000000 would raise the bound of GA-25 (counts.critical ≤ 0), which the catalog does not let a
 * repo loosen: maxCritical may not be raised above 0 (controls/ga-25-accessibility.yml says why); a
 * lower value is always allowed`. Controls with the same bound and limit share one sentence.
 */
function refusalMessage(name: string, value: ParamValue, refused: Refusal[]): string {
  const groups = new Map<string, Refusal[]>();
  for (const r of refused) {
    const group = JSON.stringify([r.compared.effect, r.compared.bound.direction, r.catalogValue, r.compared.loosest, r.compared.bound.fields]);
    groups.set(group, [...(groups.get(group) ?? []), r]);
  }
  const sentences = [...groups.values()].map((list) => {
    const { compared, catalogValue } = list[0]!;
    const ids = list.map((r) => r.control.id).join(', ');
    const files = [...new Set(list.map((r) => r.control.source))];
    const sources = `${files.join(', ')} ${files.length === 1 ? 'says' : 'say'} why`;
    const bound = compared.bound.fields.map((f) => `${f} ${String(catalogValue)}`).join(', ');
    if (compared.effect === 'changed' || !compared.bound.direction || typeof value !== 'number' || !Number.isFinite(value)) {
      return typeof value === 'number' && !Number.isFinite(value)
        ? `${String(value)} is not a finite number, so it bounds nothing (${ids}: ${bound || `${name} = ${String(catalogValue)}`})`
        : `${JSON.stringify(value)} would change ${name} of ${ids} (catalog: ${JSON.stringify(catalogValue)}), which the assertion does not use only as an upper or a lower bound, so whether that loosens it cannot be told: a repo config may not change it`;
    }
    const upper = compared.bound.direction === 'upper';
    const [raise, raised, above, stricter] = upper ? ['raise', 'raised', 'above', 'lower'] : ['lower', 'lowered', 'below', 'higher'];
    const limit = compared.loosest === catalogValue
      ? `which the catalog does not let a repo loosen: ${name} may not be ${raised} ${above} ${String(catalogValue)}`
      : `past the catalog's limit: a repo may set ${name} to ${upper ? 'at most' : 'at least'} ${String(compared.loosest)}`;
    return `${String(value)} would ${raise} the bound of ${ids} (${bound}), ${limit} (${sources}); a ${stricter} value is always allowed`;
  });
  return sentences.join('; and ');
}
