import type { MaestroConfig } from '../config/types.js';
import type { AppliesRule, Control } from '../controls/types.js';

/** A control as this repo's config shapes it, or the reason config turned it off. */
export type SelectedControl =
  | { enabled: true; control: Control; rule: AppliesRule; blocking: boolean; notes: string[] }
  | { enabled: false; control: Control; reason: string };

/** Applies the repo config's priority, tag, exclude and customize settings to one control. */
export function selectControl(control: Control, config: MaestroConfig): SelectedControl {
  const { priorities, tags, exclude, customize } = config.controls;
  if (exclude.includes(control.id)) return { enabled: false, control, reason: 'it is excluded by the repo config (controls.exclude)' };
  if (!priorities.includes(control.priority)) {
    return { enabled: false, control, reason: `the repo config evaluates only ${priorities.join(', ')} controls (controls.priorities)` };
  }
  if (tags.length > 0 && !control.tags.some((t) => tags.includes(t))) {
    return { enabled: false, control, reason: `the repo config evaluates only controls tagged ${tags.join(', ')} (controls.tags)` };
  }
  const custom = customize[control.id];
  if (!custom) return { enabled: true, control, rule: control.applies, blocking: control.blocking, notes: [] };
  const notes: string[] = [];
  const rule: AppliesRule = { ...control.applies };
  if (custom.always !== undefined) rule.always = custom.always;
  if (custom.labels) rule.labels = custom.labels;
  if (custom.paths) rule.paths = custom.paths;
  if (custom.always !== undefined || custom.labels || custom.paths) notes.push(`when it applies is set by the repo config (controls.customize.${control.id})`);
  const blocking = custom.blocking ?? control.blocking;
  if (blocking !== control.blocking) notes.push(blocking ? `made blocking by the repo config (controls.customize.${control.id}.blocking)` : `made report-only by the repo config (controls.customize.${control.id}.blocking)`);
  return { enabled: true, control, rule, blocking, notes };
}
