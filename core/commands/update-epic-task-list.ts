import { normalizeWorkOrderId, parseWorkOrders } from './parse-work-orders.js';

/** The lines that open and close the task list Maestro keeps in an epic; what lies between is rewritten. */
export const TASK_LIST_START = '<!-- maestro-tasks:start (kept by Maestro: /create-task rewrites this list) -->';
export const TASK_LIST_END = '<!-- maestro-tasks:end -->';
const START_PREFIX = '<!-- maestro-tasks:start';

/** GitHub's limit on an issue body, in characters. */
export const MAX_ISSUE_BODY_LENGTH = 65536;

/** A child issue of an epic and the work order it carries out. */
export interface TaskLink {
  workOrderId: string;
  number: number;
  /** The child is closed (checked in the list); unknown keeps the box as it was. */
  closed?: boolean;
}

/** The epic's body split around its task list, and the list's entries. */
export interface EpicTaskList {
  /** The body before the list (the whole body when there is none). */
  before: string;
  /** The body after the list's end line, from the line break that ends it. */
  after: string;
  /** False when the body has no list yet. */
  present: boolean;
  entries: Array<{ workOrderId?: string; number: number; checked: boolean }>;
}

/**
 * Finds the task list in an epic's body. A start line without its end line is refused: rewriting
 * up to the end of the body could delete the author's text.
 */
export function readEpicTaskList(body: string): { ok: true; list: EpicTaskList } | { ok: false; message: string } {
  const start = lineStartingWith(body, START_PREFIX, 0);
  if (start < 0) return { ok: true, list: { before: body, after: '', present: false, entries: [] } };
  const end = lineStartingWith(body, TASK_LIST_END, start);
  if (end < 0) return { ok: false, message: `the epic's task list has a start line but no end line ${TASK_LIST_END}: add it after the list, or delete the start line` };
  const afterEnd = body.indexOf('\n', end);
  const entries = body.slice(start, end).split('\n').map(readEntry).filter((e) => e !== undefined);
  return { ok: true, list: { before: body.slice(0, start), after: afterEnd < 0 ? '' : body.slice(afterEnd), present: true, entries } };
}

/**
 * The epic's body with its task list holding every child: one `- [ ] #<n>` line per work order, in
 * the epic's order, in the marked section that is replaced (appended the first time), never
 * duplicated. A link replaces the line of its work order; lines no link names stay; `changed` is
 * false when nothing differs.
 */
export function updateEpicTaskList(body: string, links: readonly TaskLink[]): { ok: true; body: string; changed: boolean } | { ok: false; message: string } {
  const read = readEpicTaskList(body);
  if (!read.ok) return read;
  const { list } = read;
  const byWorkOrder = new Map<string, { number: number; checked: boolean }>();
  const loose: Array<{ number: number; checked: boolean }> = [];
  for (const entry of list.entries) {
    if (entry.workOrderId === undefined) loose.push(entry);
    else if (!byWorkOrder.has(entry.workOrderId)) byWorkOrder.set(entry.workOrderId, entry);
  }
  for (const link of links) {
    const id = normalizeWorkOrderId(link.workOrderId);
    const listed = byWorkOrder.get(id);
    byWorkOrder.set(id, { number: link.number, checked: link.closed ?? (listed?.number === link.number && listed.checked) });
  }
  const order = parseWorkOrders(list.before + list.after).map((w) => w.id);
  const ids = [...order.filter((id) => byWorkOrder.has(id)), ...[...byWorkOrder.keys()].filter((id) => !order.includes(id))];
  const lines = ids.map((id) => {
    const entry = byWorkOrder.get(id)!;
    return `- [${entry.checked ? 'x' : ' '}] #${entry.number} <!-- wo=${id} -->`;
  });
  for (const entry of loose) lines.push(`- [${entry.checked ? 'x' : ' '}] #${entry.number}`);
  const section = [TASK_LIST_START, '### Tasks', '', ...lines, TASK_LIST_END].join('\n');
  const next = list.present ? `${list.before}${section}${list.after}` : `${list.before.trimEnd()}${list.before.trim() ? '\n\n' : ''}${section}\n`;
  if (next.length > MAX_ISSUE_BODY_LENGTH) return { ok: false, message: `the epic's body would be ${next.length} characters with its task list; GitHub allows ${MAX_ISSUE_BODY_LENGTH}: shorten the epic` };
  return { ok: true, body: next, changed: next !== body };
}

/** `- [ ] #45 <!-- wo=8 -->` or `- [x] #45`, as the list writes its lines. */
function readEntry(line: string): { workOrderId?: string; number: number; checked: boolean } | undefined {
  const text = line.trim();
  if (!text.startsWith('- [') || !' xX'.includes(text[3] ?? '?') || text[4] !== ']' || text[5] !== ' ' || text[6] !== '#') return undefined;
  let i = 7;
  while (i < text.length && i < 17 && text[i]! >= '0' && text[i]! <= '9') i++;
  const number = Number(text.slice(7, i));
  if (i === 7 || !Number.isSafeInteger(number) || number <= 0) return undefined;
  const rest = text.slice(i).trim();
  const wo = rest.startsWith('<!-- wo=') && rest.endsWith('-->') ? rest.slice(8, -3).trim() : undefined;
  return { ...(wo ? { workOrderId: normalizeWorkOrderId(wo) } : {}), number, checked: text[3] === 'x' || text[3] === 'X' };
}

/** Index of the first line (at or after `from`) that starts with `prefix`, or -1. */
function lineStartingWith(body: string, prefix: string, from: number): number {
  for (let i = body.indexOf(prefix, from); i >= 0; i = body.indexOf(prefix, i + 1)) {
    if (i === 0 || body[i - 1] === '\n') return i;
  }
  return -1;
}
