import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { planEpicBody, planTasks, type ChildIssue, type EpicIssue, type TaskDraft } from '../../../core/commands/plan-tasks.js';
import { readTaskMarker } from '../../../core/commands/read-task-marker.js';
import type { TaskLink } from '../../../core/commands/update-epic-task-list.js';
import { seeds } from '../../helpers/shared-dir.js';

const gaPlan = !seeds.dir ? '' : readFileSync(seeds.path(readdirSync(seeds.path()).find((f) => f.startsWith('000_'))!), 'utf8');
const epic = (body: string | null): EpicIssue => ({ number: 12, title: 'Close all GA gaps', url: 'https://github.com/acme/platform/issues/12', body });

/**
 * What the app does with a plan: creates the drafts (numbered from `next`), then rewrites the
 * epic's body. Returns the new epic and the children that now exist.
 */
function runCreateTask(current: EpicIssue, target: string, children: ChildIssue[], next: number) {
  const planned = planTasks({ epic: current, target, children });
  if (!planned.ok) throw new Error(planned.error.message);
  const created: Array<TaskLink & { draft: TaskDraft }> = planned.plan.create.map((draft, i) => ({ workOrderId: draft.workOrderId, number: next + i, draft }));
  const body = planEpicBody(current.body, [...planned.plan.existing, ...created]);
  if (!body.ok) throw new Error(body.error.message);
  const newChildren = [...children, ...created.map((c) => ({ number: c.number, body: c.draft.body, state: 'open' as const }))];
  return { plan: planned.plan, created, epic: { ...current, body: body.body }, changed: body.changed, children: newChildren };
}

seeds.describe('planTasks', () => {
  describe('for one work order of the GA-gaps plan', () => {
    const planned = planTasks({ epic: epic(gaPlan), target: '8', children: [] });

    it('drafts one child with the section text, priority label, owner hint, link back and marker', () => {
      expect(planned.ok).toBe(true);
      if (!planned.ok) return;
      expect(planned.plan.existing).toEqual([]);
      expect(planned.plan.create).toHaveLength(1);
      const [draft] = planned.plan.create;
      expect(draft).toMatchObject({ workOrderId: '8', title: '8) Evidence Panel (Supply Chain)', labels: ['P0'] });
      expect(readTaskMarker(draft!.body)).toEqual({ epic: 12, workOrderId: '8' });
      expect(draft!.body).toContain('Part of #12: work order 8 of [Close all GA gaps](https://github.com/acme/platform/issues/12)');
      expect(draft!.body).toContain('**Priority:** P0 · **Owner (hint):** Security \\+ Platform'.replace('\\+', '+'));
      expect(draft!.body).toContain('**Do** Gate PRs on Cosign/SLSA attestations');
      expect(draft!.body).not.toContain('### 9)');
    });

    it('accepts the id as WO-8, GAP-08 or #8', () => {
      for (const target of ['WO-8', 'GAP-08', '#8']) {
        const other = planTasks({ epic: epic(gaPlan), target, children: [] });
        expect(other.ok && other.plan.create.map((d) => d.workOrderId)).toEqual(['8']);
      }
    });
  });

  describe('for all work orders', () => {
    it('creates each once, and nothing when run again', () => {
      const first = runCreateTask(epic(gaPlan), 'all', [], 100);
      expect(first.created).toHaveLength(30);
      expect(first.changed).toBe(true);
      expect(first.epic.body.startsWith(gaPlan.trimEnd())).toBe(true);
      const listLines = first.epic.body.split('\n').filter((l) => l.startsWith('- [ ] #'));
      expect(listLines).toHaveLength(30);
      expect(listLines[0]).toBe('- [ ] #100 <!-- wo=1 -->');
      expect(listLines[29]).toBe('- [ ] #129 <!-- wo=30 -->');

      const second = runCreateTask(first.epic, 'all', first.children, 200);
      expect(second.created).toEqual([]);
      expect(second.plan.existing).toHaveLength(30);
      expect(second.changed).toBe(false);
      expect(second.epic.body).toBe(first.epic.body);
    });

    it('finds earlier children from the task list alone, and from their markers alone', () => {
      const first = runCreateTask(epic(gaPlan), 'all', [], 100);
      const fromList = planTasks({ epic: first.epic, target: 'all', children: [] });
      expect(fromList.ok && fromList.plan.create).toEqual([]);
      // The app created the children but stopped before writing the epic's list.
      const fromMarkers = planTasks({ epic: epic(gaPlan), target: 'all', children: first.children });
      expect(fromMarkers.ok && fromMarkers.plan.create).toEqual([]);
      expect(fromMarkers.ok && fromMarkers.plan.existing.map((l) => l.number)).toEqual(Array.from({ length: 30 }, (_, i) => 100 + i));
    });

    it('adds later work orders to the same list, in the epic order, without duplicating it', () => {
      const first = runCreateTask(epic(gaPlan), '8', [], 100);
      const second = runCreateTask(first.epic, '3', first.children, 101);
      expect(second.epic.body.match(/maestro-tasks:start/g)).toHaveLength(1);
      expect(second.epic.body.split('\n').filter((l) => l.startsWith('- [ ] #'))).toEqual(['- [ ] #101 <!-- wo=3 -->', '- [ ] #100 <!-- wo=8 -->']);
    });

    it('checks the box of a closed child and keeps it checked', () => {
      const first = runCreateTask(epic(gaPlan), '8', [], 100);
      const closed = first.children.map((c) => ({ ...c, state: 'closed' as const }));
      const second = runCreateTask(first.epic, '8', closed, 200);
      expect(second.epic.body).toContain('- [x] #100 <!-- wo=8 -->');
      const third = runCreateTask(second.epic, '8', [], 300);
      expect(third.changed).toBe(false);
    });

    it('ignores markers of other epics', () => {
      const other = { number: 7, body: '<!-- maestro-task epic=#99 wo=8 -->\ntext' };
      const planned = planTasks({ epic: epic(gaPlan), target: '8', children: [other] });
      expect(planned.ok && planned.plan.create).toHaveLength(1);
    });

    it('creates at most maxCreate per run and defers the rest', () => {
      const planned = planTasks({ epic: epic(gaPlan), target: 'all', children: [] }, { maxCreate: 25, labels: ['task', 'P0'] });
      expect(planned.ok && [planned.plan.create.length, planned.plan.deferred]).toEqual([25, ['26', '27', '28', '29', '30']]);
      expect(planned.ok && planned.plan.create[0]!.labels).toEqual(['P0', 'task']);
    });
  });

  describe('when the command cannot be carried out', () => {
    it.each([
      ['an issue without work orders', 'Just a bug report.\n\n## Steps\n1. click', '8', 'this issue lists no work orders'],
      ['an empty body', null, 'all', 'this issue lists no work orders'],
      ['an unknown id', gaPlan, '31', 'this epic has no work order 31; its work orders are 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30'],
      ['a duplicate id', '### 1) A\nx\n### 1) B\ny', 'all', 'two sections have the id 1 (lines 1 and 3)'],
      ['a task list without its end line', `${gaPlan}\n<!-- maestro-tasks:start -->\n- [ ] #5 <!-- wo=1 -->\n`, '1', 'has a start line but no end line'],
      ['an epic too long for its task list', `### 1) A\n${'x'.repeat(65_400)}`, 'all', "too long to hold its task list within GitHub's 65536 characters"],
    ])('%s is refused with the syntax and nothing is created', (_what, body, target, message) => {
      const planned = planTasks({ epic: epic(body), target, children: [] });
      expect(planned.ok).toBe(false);
      if (planned.ok) return;
      expect(planned.error.message).toContain(message);
      expect(planned.error.usage).toBe('/create-task <work-order-id>|all');
    });
  });

  it('cuts a section too long for a child issue and says where the rest is', () => {
    const body = `### 1) Huge — Owner: ${'o'.repeat(190)}\n${'y'.repeat(65_000)}\n`;
    const planned = planTasks({ epic: { ...epic(body), title: 't'.repeat(300) }, target: '1', children: [] });
    expect(planned.ok).toBe(true);
    if (!planned.ok) return;
    const draft = planned.plan.create[0]!;
    expect(draft.body.length).toBeLessThanOrEqual(65_536);
    expect(draft.body).toContain("Cut to fit GitHub's size limit: the full text is in #12.");
  });

  it('escapes the epic title and owner it writes into the child', () => {
    const hostile = { ...epic('### 1) A — Owner: <img src=x onerror=alert(1)> @everyone\nbody'), title: '](javascript:alert(1)) <b>' };
    const planned = planTasks({ epic: hostile, target: '1', children: [] });
    const draft = planned.ok ? planned.plan.create[0]! : undefined;
    expect(draft?.body).not.toMatch(/(^|[^\\])<(img|b)/);
    expect(draft?.body).toContain('[\\](javascript:alert(1)) \\<b\\>](https://github.com/acme/platform/issues/12)');
    expect(draft?.body).toContain('\\<img src=x onerror=alert(1)\\> @\u200beveryone');
  });
});
