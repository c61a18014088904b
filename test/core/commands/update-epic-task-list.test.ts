import { describe, expect, it } from '@jest/globals';
import { readEpicTaskList, TASK_LIST_END, TASK_LIST_START, updateEpicTaskList } from '../../../core/commands/update-epic-task-list.js';

const epic = '### 1) One\na\n### 2) Two\nb\n';

describe('updateEpicTaskList', () => {
  it('appends the list the first time, in the order of the work orders', () => {
    const updated = updateEpicTaskList(epic, [{ workOrderId: '2', number: 41 }, { workOrderId: '1', number: 40 }]);
    expect(updated).toEqual({ ok: true, changed: true, body: `${epic.trimEnd()}\n\n${TASK_LIST_START}\n### Tasks\n\n- [ ] #40 <!-- wo=1 -->\n- [ ] #41 <!-- wo=2 -->\n${TASK_LIST_END}\n` });
  });

  it('replaces the list in place, keeping the text around it and lines no link names', () => {
    const body = `Intro\r\n${TASK_LIST_START}\n- [x] #40 <!-- wo=1 -->\n- [ ] #77\nstray text\n${TASK_LIST_END}\n### 1) One\nafter\n`;
    const updated = updateEpicTaskList(body, [{ workOrderId: '01', number: 40 }, { workOrderId: '9', number: 50 }]);
    expect(updated.ok && updated.body).toBe(`Intro\r\n${TASK_LIST_START}\n### Tasks\n\n- [x] #40 <!-- wo=1 -->\n- [ ] #50 <!-- wo=9 -->\n- [ ] #77\n${TASK_LIST_END}\n### 1) One\nafter\n`);
  });

  it('changes nothing when run again with the same links', () => {
    const first = updateEpicTaskList(epic, [{ workOrderId: '1', number: 40 }]);
    const second = first.ok ? updateEpicTaskList(first.body, [{ workOrderId: '1', number: 40 }]) : first;
    expect(second.ok && [second.changed, second.body]).toEqual([false, first.ok && first.body]);
  });

  it('keeps a list that ends the body without a line break unchanged', () => {
    const body = `${epic}${TASK_LIST_START}\n### Tasks\n\n- [ ] #40 <!-- wo=1 -->\n${TASK_LIST_END}`;
    expect(updateEpicTaskList(body, [{ workOrderId: '1', number: 40 }])).toEqual({ ok: true, changed: false, body });
  });

  it('unchecks a reopened child and lets a link replace a stale number', () => {
    const body = `${TASK_LIST_START}\n- [x] #40 <!-- wo=1 -->\n- [ ] #41 <!-- wo=2 -->\n${TASK_LIST_END}\n`;
    const updated = updateEpicTaskList(body, [{ workOrderId: '1', number: 40, closed: false }, { workOrderId: '2', number: 45 }]);
    expect(updated.ok && updated.body.split('\n').filter((l) => l.startsWith('- '))).toEqual(['- [ ] #40 <!-- wo=1 -->', '- [ ] #45 <!-- wo=2 -->']);
  });

  it('refuses a start line without its end line, and a body over the limit', () => {
    expect(updateEpicTaskList(`${TASK_LIST_START}\n- [ ] #1\n`, [])).toMatchObject({ ok: false, message: expect.stringContaining('no end line') });
    expect(updateEpicTaskList('x'.repeat(65_500), [{ workOrderId: '1', number: 1 }])).toMatchObject({ ok: false, message: expect.stringContaining('GitHub allows 65536') });
  });
});

describe('readEpicTaskList', () => {
  it('reads only a start line at the start of a line', () => {
    const read = readEpicTaskList(`text ${TASK_LIST_START}\n`);
    expect(read.ok && read.list.present).toBe(false);
  });

  it('skips entries that are not task lines', () => {
    const read = readEpicTaskList(`${TASK_LIST_START}\n- [ ] #0\n- [ ] #abc\n- [?] #3\n* [ ] #4\n- [X] #5 <!-- wo=gap-7 -->\n${TASK_LIST_END}`);
    expect(read.ok && read.list.entries).toEqual([{ workOrderId: '7', number: 5, checked: true }]);
  });
});
