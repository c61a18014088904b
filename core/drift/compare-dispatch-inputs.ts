import { isMap } from './parse-workflow.js';

/** What of a `workflow_dispatch` input decides which dispatches GitHub accepts and how the value reads. */
export interface DispatchInput {
  /** `string` when the input names none, as GitHub reads it. */
  type: string;
  required: boolean;
  /** The choices of a `choice` input. */
  options: string[];
}

/** A template input the repository removed (`actual` undefined) or declares differently. */
export interface DispatchInputChange {
  name: string;
  expected: DispatchInput;
  actual?: DispatchInput;
  /** The template's options the repository left out. */
  missingOptions: string[];
}

/** The inputs of `on.workflow_dispatch`, by name. */
export function dispatchInputs(on: unknown): Map<string, DispatchInput> {
  const dispatch = isMap(on) ? on.workflow_dispatch : undefined;
  const inputs = isMap(dispatch) && isMap(dispatch.inputs) ? dispatch.inputs : {};
  return new Map(
    Object.entries(inputs).map(([name, v]) => {
      const input = isMap(v) ? v : {};
      return [name, { type: typeof input.type === 'string' ? input.type : 'string', required: input.required === true, options: Array.isArray(input.options) ? input.options.map((o) => String(o)) : [] }];
    }),
  );
}

/**
 * The template's `workflow_dispatch` inputs that a repository with that trigger removed (GitHub then
 * refuses a dispatch that passes them) or declares with another type, another `required`, or without
 * some of the template's options. Descriptions, defaults, extra inputs and extra options are the
 * repository's business. `on: [workflow_dispatch]` and `workflow_dispatch:` declare no inputs.
 */
export function changedDispatchInputs(templateOn: unknown, repoOn: unknown): DispatchInputChange[] {
  const repoHas = Array.isArray(repoOn) ? repoOn.includes('workflow_dispatch') : repoOn === 'workflow_dispatch' || (isMap(repoOn) && 'workflow_dispatch' in repoOn);
  if (!repoHas) return [];
  const actual = dispatchInputs(repoOn);
  const changes: DispatchInputChange[] = [];
  for (const [name, expected] of dispatchInputs(templateOn)) {
    const input = actual.get(name);
    const missingOptions = input ? expected.options.filter((o) => !input.options.includes(o)) : expected.options;
    if (input && input.type === expected.type && input.required === expected.required && missingOptions.length === 0) continue;
    changes.push({ name, expected, ...(input ? { actual: input } : {}), missingOptions });
  }
  return changes;
}

/** An input as the report quotes it: `choice [plan, apply], required` or `(none)`. */
export function describeInput(input: DispatchInput | undefined): string {
  if (!input) return '(none)';
  return `${input.type}${input.options.length > 0 ? ` [${input.options.join(', ')}]` : ''}, ${input.required ? 'required' : 'optional'}`;
}
