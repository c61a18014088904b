import type { MaestroConfig } from '../config/types.js';
import { compareParam } from '../controls/param-bounds.js';
import type { Control } from '../controls/types.js';
import type { SelectedControl } from './select-control.js';
import type { ConfigChange, ConfigChangeValue } from './types.js';

/** Where the repo config came from, and the lines of its keys when the text is known. */
export interface ConfigOrigin {
  source: string;
  keyLines: Record<string, number>;
}

/**
 * Every rule or threshold of one control that the repo config changes from the catalog: its
 * exclusion (by `controls.exclude`, `priorities` or `tags`), or else each `controls.customize`
 * setting that differs from the catalog and each threshold of its requirements that differs from
 * the default, loosened or tightened. Settings equal to the catalog's are no change.
 */
export function configChanges(control: Control, selected: SelectedControl, config: MaestroConfig, origin: ConfigOrigin): ConfigChange[] {
  const change = (key: string, effect: ConfigChange['effect'], catalog: ConfigChangeValue, value: ConfigChangeValue, extra: Partial<ConfigChange> = {}): ConfigChange => {
    const line = origin.keyLines[key];
    return { key, effect, catalog, config: value, source: origin.source, ...extra, ...(line !== undefined ? { line } : {}) };
  };
  if (!selected.enabled) {
    if (selected.key === 'controls.exclude') return [change('controls.exclude', 'excluded', 'evaluated', 'excluded')];
    if (selected.key === 'controls.priorities') return [change('controls.priorities', 'excluded', control.priority, config.controls.priorities)];
    return [change('controls.tags', 'excluded', control.tags, config.controls.tags)];
  }
  const changes: ConfigChange[] = [];
  const custom = config.controls.customize[control.id];
  const prefix = `controls.customize.${control.id}`;
  if (custom?.always !== undefined && custom.always !== (control.applies.always ?? false)) changes.push(change(`${prefix}.always`, 'rescoped', control.applies.always ?? false, custom.always));
  for (const name of ['labels', 'paths'] as const) {
    const value = custom?.[name];
    if (value && JSON.stringify(value) !== JSON.stringify(control.applies[name] ?? [])) changes.push(change(`${prefix}.${name}`, 'rescoped', control.applies[name] ?? [], value));
  }
  if (custom?.blocking !== undefined && custom.blocking !== control.blocking) changes.push(change(`${prefix}.blocking`, custom.blocking ? 'made-blocking' : 'report-only', control.blocking, custom.blocking));
  for (const req of control.evidence) {
    for (const [name, value] of Object.entries(config.thresholds[req.kind] ?? {})) {
      const catalog = req.params?.[name];
      if (catalog === undefined) continue;
      const compared = compareParam(req, name, value);
      if (compared.effect === 'same') continue;
      const bound = compared.bound.fields.join(', ');
      changes.push(change(`thresholds.${req.kind}.${name}`, compared.effect, catalog, value, { ...(bound ? { bound } : {}), ...(compared.effect === 'loosened' && compared.loosest !== undefined ? { loosest: compared.loosest } : {}) }));
    }
  }
  return changes;
}

/** A change as it reads next to its control: `bound loosened by .github/maestro.yml (thresholds.a11y.maxMinor): counts.minor ≤ 10, catalog: 4`. */
export function describeChange(change: ConfigChange): string {
  const by = `by ${change.source} (${change.key}`;
  switch (change.effect) {
    case 'loosened':
    case 'tightened':
    case 'changed': {
      const what = change.effect === 'changed' ? 'parameter changed' : `bound ${change.effect}`;
      const bound = change.bound ? `${change.bound} ${text(change.config)}` : text(change.config);
      const { loosest, catalog } = change;
      const limit = typeof loosest === 'number' && typeof catalog === 'number' && loosest !== catalog ? ` (the catalog allows ${loosest > catalog ? 'up' : 'down'} to ${loosest})` : '';
      return `${what} ${by}): ${bound}, catalog: ${text(change.catalog)}${limit}`;
    }
    case 'report-only':
      return `made report-only ${by}: false; catalog: blocking)`;
    case 'made-blocking':
      return `made blocking ${by}: true; catalog: report-only)`;
    case 'excluded':
      return `not evaluated ${by}: ${text(change.config)}; catalog: ${text(change.catalog)})`;
    case 'rescoped': {
      const name = change.key.slice(change.key.lastIndexOf('.') + 1);
      return `${name === 'always' ? 'every-PR rule' : name} set ${by}): ${text(change.config)}; catalog: ${text(change.catalog)}`;
    }
  }
}

/** A value in a sentence: lists as their first items, `none` when empty. */
function text(value: ConfigChangeValue): string {
  if (!Array.isArray(value)) return String(value);
  if (value.length === 0) return 'none';
  const shown = value.slice(0, 3).join(', ');
  return value.length > 3 ? `${shown} and ${value.length - 3} more` : shown;
}
