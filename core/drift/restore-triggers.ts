import { isMap as isYamlMap, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type Document, type Node } from 'yaml';
import { changedDispatchInputs } from './compare-dispatch-inputs.js';
import { narrowedSchedule } from './compare-schedule.js';
import { narrowedTriggers } from './compare-triggers.js';
import { restoreDispatchInputs } from './restore-dispatch-inputs.js';
import { restoreSchedule } from './restore-schedule.js';
import { keyOf, replaceEventValue, toJs } from './yaml-nodes.js';

/**
 * Puts back what the repository took from the template's triggers: removed events (with the
 * template's filters), narrowed filters (types, branches, tags and paths the template has, -ignore
 * patterns it does not have), the template's crons and its `workflow_dispatch` inputs. The
 * repository's own events, filter entries, crons and inputs are kept.
 */
export function restoreTriggers(doc: Document, tDoc: Document): boolean {
  const template = eventNodes(tDoc.get('on', true));
  const repo = eventNodes(doc.get('on', true));
  const missing = [...template.keys()].filter((e) => !repo.has(e));
  const [tOn, rOn] = [toJs(tDoc.get('on', true)), toJs(doc.get('on', true))];
  const narrowed = narrowedTriggers(tOn, rOn);
  const schedule = narrowedSchedule(tOn, rOn);
  const inputs = changedDispatchInputs(tOn, rOn);
  if (missing.length === 0 && narrowed.length === 0 && !schedule && inputs.length === 0) return false;
  const on = asMap(doc);
  for (const event of missing) on.items.push(new Pair(new Scalar(event), (template.get(event) as Node | null)?.clone() ?? emptyEvent(undefined)));
  if (schedule) restoreSchedule(doc, on, tDoc, schedule);
  if (inputs.length > 0) restoreDispatchInputs(doc, on, tDoc, inputs);
  for (const n of narrowed) {
    const pair = on.items.find((p) => keyOf(p) === n.event)!;
    if (!isYamlMap(pair.value)) replaceEventValue(doc, on, pair, new YAMLMap());
    const filters = pair.value as YAMLMap;
    if (n.fix === null) {
      filters.delete(n.filter);
    } else {
      const node = filters.get(n.filter, true);
      if (isSeq(node)) {
        node.items = node.items.filter((i) => isScalar(i) && n.fix!.includes(String(i.value)));
        const have = node.items.map((i) => String((i as Scalar).value));
        for (const v of n.fix) if (!have.includes(v)) node.items.push(new Scalar(v));
      } else {
        const seq = new YAMLSeq();
        seq.items = n.fix.map((v) => new Scalar(v));
        const tNode = tDoc.getIn(['on', n.event, n.filter], true);
        seq.flow = isSeq(tNode) ? Boolean(tNode.flow) : true;
        filters.set(n.filter, seq);
      }
    }
    // An event left with no filter reads as the template writes it (`pull_request:`); a bare null would print as `? pull_request`.
    if (filters.items.length === 0) pair.value = emptyEvent(tDoc.getIn(['on', n.event], true));
  }
  return true;
}

/** The value of an event without filters: the template's own (empty) node, or an empty plain scalar. */
function emptyEvent(templateNode: unknown): Node {
  if (isScalar(templateNode)) return templateNode.clone() as Scalar;
  const empty = new Scalar(null);
  empty.source = '';
  return empty;
}

/** The `on:` node as a map: `on: push` and `on: [push]` cannot hold filters, so they become a map with the same events. */
function asMap(doc: Document): YAMLMap {
  const node = doc.get('on', true);
  if (isYamlMap(node)) return node;
  const map = new YAMLMap();
  for (const [event, value] of eventNodes(node)) map.items.push(new Pair(new Scalar(event), value ?? emptyEvent(undefined)));
  doc.set('on', map);
  return map;
}

/** The events of an `on:` node with their filter nodes (null for none). */
function eventNodes(node: unknown): Map<string, unknown> {
  if (isScalar(node)) return new Map([[String(node.value), null]]);
  if (isSeq(node)) return new Map(node.items.filter(isScalar).map((i) => [String(i.value), null]));
  if (isYamlMap(node)) return new Map(node.items.map((p) => [keyOf(p), p.value ?? null]));
  return new Map();
}
