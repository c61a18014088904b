import { isMap as isYamlMap, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type Document, type Node } from 'yaml';
import type { DispatchInputChange } from './compare-dispatch-inputs.js';
import { keyOf, replaceEventValue } from './yaml-nodes.js';

/**
 * Restores the template's `workflow_dispatch` inputs: a removed one comes back as the template has
 * it, after the template input before it; one whose type changed becomes the template's; otherwise
 * `required` is set as the template sets it and the template's missing options are appended. The
 * repository's own inputs, options, descriptions and defaults stay.
 */
export function restoreDispatchInputs(doc: Document, on: YAMLMap, tDoc: Document, changes: DispatchInputChange[]): void {
  const pair = on.items.find((p) => keyOf(p) === 'workflow_dispatch')!;
  if (!isYamlMap(pair.value)) replaceEventValue(doc, on, pair, new YAMLMap());
  const dispatch = pair.value as YAMLMap;
  if (!isYamlMap(dispatch.get('inputs', true))) dispatch.set('inputs', new YAMLMap());
  const inputs = dispatch.get('inputs', true) as unknown as YAMLMap;
  const tInputs = tDoc.getIn(['on', 'workflow_dispatch', 'inputs'], true) as YAMLMap;
  for (const change of changes) {
    const tInput = tInputs.get(change.name, true) as Node;
    if (!change.actual) {
      inputs.items.splice(insertAt(inputs, tInputs, change.name), 0, new Pair(new Scalar(change.name), tInput.clone()));
    } else if (change.actual.type !== change.expected.type || !isYamlMap(inputs.get(change.name, true))) {
      inputs.set(change.name, tInput.clone());
    } else {
      patchInput(inputs.get(change.name, true) as unknown as YAMLMap, tInput as YAMLMap, change);
    }
  }
}

/** Sets `required` to the template's (absent when the template has none) and appends its missing options. */
function patchInput(input: YAMLMap, tInput: YAMLMap, change: DispatchInputChange): void {
  if (change.actual!.required !== change.expected.required) {
    const required = tInput.get('required', true) as Node | undefined;
    if (required) input.set('required', required.clone());
    else input.delete('required');
  }
  if (change.missingOptions.length === 0) return;
  const options = input.get('options', true);
  if (isSeq(options)) {
    for (const o of change.missingOptions) options.items.push(new Scalar(o));
  } else {
    input.set('options', (tInput.get('options', true) as unknown as YAMLSeq).clone());
  }
}

/** Where a removed input goes: after the nearest template input before it that the repository has, else first. */
function insertAt(inputs: YAMLMap, tInputs: YAMLMap, name: string): number {
  const order = tInputs.items.map(keyOf);
  for (let i = order.indexOf(name) - 1; i >= 0; i--) {
    const at = inputs.items.findIndex((p) => keyOf(p) === order[i]);
    if (at !== -1) return at + 1;
  }
  return 0;
}
