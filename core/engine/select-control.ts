import type { MaestroConfig } from '../config/types.js';
import type { AppliesRule, Control } from '../controls/types.js';

/** A control as this repo's config shapes it, or the reason config turned it off. */
export type SelectedControl =
  | { enabled: true; control: Control; rule: AppliesRule; blocking: boolean }
  | { enabled: false; control: Control; reason: string; key: 'controls.exclude' | 'controls.priorities' | 'controls.tags' };

/**
 * Applies the repo config's priority, tag, exclude and customize settings to one control. What
 * they change from the catalog is listed, and shown, by `configChanges`.
 */
export function selectControl(control: Control, config: MaestroConfig): SelectedControl {
  const { priorities, tags, exclude, customize } = config.controls;
  if (exclude.includes(control.id)) return { enabled: false, control, reason: 'it is excluded by the repo config (controls.exclude)', key: 'controls.exclude' };
  if (!priorities.includes(control.priority)) {
    return { enabled: false, control, reason: `the repo config evaluates only ${priorities.join(', ')} controls (controls.priorities)`, key: 'controls.priorities' };
  }
  if (tags.length > 0 && !control.tags.some((t) => tags.includes(t))) {
    return { enabled: false, control, reason: `the repo config evaluates only controls tagged ${tags.join(', ')} (controls.tags)`, key: 'controls.tags' };
  }
  const custom = customize[control.id];
  if (!custom) return { enabled: true, control, rule: control.applies, blocking: control.blocking };
  const rule: AppliesRule = { ...control.applies };
  if (custom.always !== undefined) rule.always = custom.always;
  if (custom.labels) rule.labels = custom.labels;
  if (custom.paths) rule.paths = custom.paths;
  const blocking = custom.blocking ?? control.blocking;
  return { enabled: true, control, rule, blocking };
}
