import { isMap as isYamlMap, isSeq, YAMLSeq, type Document, type Node, type YAMLMap } from 'yaml';
import { sameEntry, scheduleEntries, type ScheduleNarrowing } from './compare-schedule.js';
import { keyOf, replaceEventValue, toJs } from './yaml-nodes.js';

/**
 * Appends the template's missing `on.schedule` entries (their nodes, with comments) to the
 * repository's list, after its own crons, which stay. A schedule that is not a list becomes the template's.
 */
export function restoreSchedule(doc: Document, on: YAMLMap, tDoc: Document, narrowing: ScheduleNarrowing): void {
  const pair = on.items.find((p) => keyOf(p) === 'schedule')!;
  const tSchedule = tDoc.getIn(['on', 'schedule'], true);
  const tItems = isSeq(tSchedule) ? tSchedule.items : [];
  const missing = tItems.filter((item) => {
    const [entry] = scheduleEntries({ schedule: [toJs(item)] });
    return entry !== undefined && narrowing.missing.some((m) => sameEntry(m, entry));
  });
  if (!isSeq(pair.value)) {
    const seq = isSeq(tSchedule) ? (tSchedule.clone() as YAMLSeq) : new YAMLSeq();
    seq.items = missing.map((item) => (item as Node).clone());
    replaceEventValue(doc, on, pair, seq);
    return;
  }
  const seq = pair.value;
  // A flow list `[{ cron: '...' }]` takes the entries in flow style too.
  for (const item of missing) {
    const copy = (item as Node).clone();
    if (seq.flow && isYamlMap(copy)) copy.flow = true;
    seq.items.push(copy);
  }
}
