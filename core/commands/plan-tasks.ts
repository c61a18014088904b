import { escapeMarkdown, markdownLink, truncate } from '../util/escape-markdown.js';
import { COMMAND_USAGE } from './command-usage.js';
import { normalizeWorkOrderId, parseWorkOrders, type WorkOrder } from './parse-work-orders.js';
import { readTaskMarker, renderTaskMarker } from './read-task-marker.js';
import type { CommandError } from './types.js';
import { MAX_ISSUE_BODY_LENGTH, readEpicTaskList, updateEpicTaskList, type TaskLink } from './update-epic-task-list.js';

/** The epic issue `/create-task` was typed in. */
export interface EpicIssue {
  number: number;
  title: string;
  /** The epic's `html_url`. */
  url: string;
  body: string | null;
}

/** An issue that may be a child of the epic: its body is searched for the task marker. */
export interface ChildIssue {
  number: number;
  body?: string | null;
  state?: 'open' | 'closed';
}

/** An issue to create for one work order. */
export interface TaskDraft {
  workOrderId: string;
  title: string;
  body: string;
  labels: string[];
}

/** What `/create-task` does: issues to create, and the targeted work orders that already have one. */
export interface TaskPlan {
  create: TaskDraft[];
  existing: TaskLink[];
  /** Targeted work orders left for the next run because this one reached `maxCreate`. */
  deferred: string[];
}

/** Limits and additions of `planTasks`. */
export interface PlanTasksOptions {
  /** Issues created by one command; the rest wait for the next `/create-task`. Default 50. */
  maxCreate?: number;
  /** Labels every child gets besides its priority (such as `task`). */
  labels?: readonly string[];
}

const MAX_TITLE_LENGTH = 256;
/** Room a task list line takes in the epic (`- [ ] #123456 <!-- wo=ABCDEFGH -->`). */
const TASK_LINE_BUDGET = 48;

/**
 * Plans `/create-task <id>|all` in an epic: one child issue per targeted work order that has none
 * yet. A work order has a child when an issue in `children` carries its marker for this epic, or
 * the epic's task list names one, so running the command twice creates nothing new. Refuses,
 * creating nothing, when the epic lists no work orders, the id is unknown (the reply lists the
 * known ones), two sections share the id, or the epic's task list would not fit.
 */
export function planTasks(input: { epic: EpicIssue; target: string; children: readonly ChildIssue[] }, options: PlanTasksOptions = {}): { ok: true; plan: TaskPlan } | { ok: false; error: CommandError } {
  const fail = (message: string) => ({ ok: false as const, error: { name: 'create-task', message, usage: COMMAND_USAGE['create-task'].usage } });
  const body = input.epic.body ?? '';
  const read = readEpicTaskList(body);
  if (!read.ok) return fail(read.message);
  const orders = parseWorkOrders(read.list.before + read.list.after);
  if (orders.length === 0) return fail('this issue lists no work orders: give each one a heading that starts with its id, such as ### 8) Evidence Panel');
  const all = input.target.toLowerCase() === 'all';
  const targetId = normalizeWorkOrderId(input.target);
  const targeted = all ? orders : orders.filter((o) => o.id === targetId);
  if (targeted.length === 0) return fail(`this epic has no work order ${truncate(input.target, 40)}; its work orders are ${listIds(orders)}`);
  const duplicate = targeted.find((o, i) => targeted.findIndex((p) => p.id === o.id) !== i);
  if (duplicate) return fail(`two sections have the id ${duplicate.id} (lines ${orders.filter((o) => o.id === duplicate.id).map((o) => o.line).join(' and ')}); give each work order its own id`);

  const known = knownChildren(input.epic.number, input.children, read.list.entries);
  const maxCreate = options.maxCreate ?? 50;
  const plan: TaskPlan = { create: [], existing: [], deferred: [] };
  for (const order of targeted) {
    const child = known.get(order.id);
    if (child) plan.existing.push(child);
    else if (plan.create.length < maxCreate) plan.create.push(draftTask(order, input.epic, options.labels ?? []));
    else plan.deferred.push(order.id);
  }
  const budget = body.length + (known.size + plan.create.length) * TASK_LINE_BUDGET + 200;
  if (budget > MAX_ISSUE_BODY_LENGTH) return fail(`the epic's body is too long to hold its task list within GitHub's ${MAX_ISSUE_BODY_LENGTH} characters: shorten the epic`);
  return { ok: true, plan };
}

/**
 * The epic's new body once the drafts are created: `links` are the plan's `existing` and the
 * created issues. Same as `updateEpicTaskList`, refusals as a `CommandError`.
 */
export function planEpicBody(epicBody: string | null, links: readonly TaskLink[]): { ok: true; body: string; changed: boolean } | { ok: false; error: CommandError } {
  const updated = updateEpicTaskList(epicBody ?? '', links);
  return updated.ok ? updated : { ok: false, error: { name: 'create-task', message: updated.message, usage: COMMAND_USAGE['create-task'].usage } };
}

/** Children by work order: markers in their bodies first, then the epic's task list. */
function knownChildren(epic: number, children: readonly ChildIssue[], listed: ReadonlyArray<{ workOrderId?: string; number: number }>): Map<string, TaskLink> {
  const known = new Map<string, TaskLink>();
  for (const child of [...children].sort((a, b) => a.number - b.number)) {
    const marker = readTaskMarker(child.body);
    if (marker?.epic === epic && !known.has(marker.workOrderId)) known.set(marker.workOrderId, { workOrderId: marker.workOrderId, number: child.number, ...(child.state ? { closed: child.state === 'closed' } : {}) });
  }
  for (const entry of listed) {
    if (entry.workOrderId !== undefined && !known.has(entry.workOrderId)) known.set(entry.workOrderId, { workOrderId: entry.workOrderId, number: entry.number });
  }
  return known;
}

function draftTask(order: WorkOrder, epic: EpicIssue, extraLabels: readonly string[]): TaskDraft {
  const prefix = order.label.endsWith(')') || order.label.endsWith('.') ? order.label : `${order.label}:`;
  const facts = [order.priority ? `**Priority:** ${order.priority}` : '', order.owner ? `**Owner (hint):** ${escapeMarkdown(order.owner, 200)}` : ''].filter(Boolean).join(' · ');
  const head = [
    renderTaskMarker({ epic: epic.number, workOrderId: order.id }),
    `Part of #${epic.number}: work order ${order.id} of ${markdownLink(epic.title, epic.url)}, created by \`/create-task\`; the epic's task list tracks it.`,
    ...(facts ? ['', facts] : []),
    '',
    '---',
    '',
    '',
  ].join('\n');
  const room = MAX_ISSUE_BODY_LENGTH - head.length - 200;
  const section = order.body.length <= room ? order.body : `${truncate(order.body, room)}\n\n*(Cut to fit GitHub's size limit: the full text is in #${epic.number}.)*`;
  const labels = [...(order.priority ? [order.priority] : []), ...extraLabels.filter((l) => l !== order.priority)];
  return { workOrderId: order.id, title: truncate(`${prefix} ${order.title}`, MAX_TITLE_LENGTH), body: `${head}${section}\n`, labels };
}

function listIds(orders: readonly WorkOrder[]): string {
  const ids = [...new Set(orders.map((o) => o.id))];
  return ids.length > 50 ? `${ids.slice(0, 50).join(', ')} and ${ids.length - 50} more` : ids.join(', ');
}
