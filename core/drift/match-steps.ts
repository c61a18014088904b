import { parseActionRef } from './parse-action-ref.js';
import { isMap } from './parse-workflow.js';

/** A step as plain data. */
export type Step = Record<string, unknown>;

/** Ways to recognise a template step in a repository job, most specific first. */
const CRITERIA: Array<(step: Step) => string | undefined> = [
  (s) => scalar(s.id),
  (s) => scalar(s.name),
  (s) => (typeof s.uses === 'string' ? parseActionRef(s.uses).name : undefined),
  (s) => scalar(s.run)?.trim(),
];

/** A scalar as GitHub reads it in these fields (`run: true` runs the string "true"). */
function scalar(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/**
 * Pairs each template step with a repository step: by id, else by name, else by the action it
 * uses, else by its script, each repository step used once, in order. Renamed steps that still
 * run the same action are recognised; `undefined` means the step was removed.
 */
export function matchSteps(template: unknown, repo: unknown): Array<number | undefined> {
  const tSteps = asSteps(template);
  const rSteps = asSteps(repo);
  const used = new Set<number>();
  return tSteps.map((t) => {
    for (const key of CRITERIA) {
      const wanted = key(t);
      if (wanted === undefined) continue;
      const index = rSteps.findIndex((r, i) => !used.has(i) && key(r) === wanted);
      if (index !== -1) {
        used.add(index);
        return index;
      }
    }
    return undefined;
  });
}

/** A step's label for reports: its id, name, action or the first line of its script. */
export function stepLabel(step: Step): string {
  const uses = typeof step.uses === 'string' ? parseActionRef(step.uses).name : undefined;
  const label = scalar(step.id) ?? scalar(step.name) ?? uses ?? scalar(step.run)?.trim().split('\n')[0];
  return String(label ?? 'unnamed step').slice(0, 200);
}

/** The steps of a job, or an empty list. */
export function asSteps(steps: unknown): Step[] {
  return Array.isArray(steps) ? steps.map((s) => (isMap(s) ? s : {})) : [];
}
