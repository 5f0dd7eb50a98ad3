import { nextTaskState, type TaskState } from './tasks';
import { parseReminderOffsets, taskDueAt, taskReminderJobId, taskReminderSchedule } from './task-reminders';

const offsets = parseReminderOffsets('7d,1d');
const task = { id: 't1', deadline: '2026-12-20', deadlineVersion: 0, status: 'assigned' as const };
const at = (iso: string) => new Date(iso);
const plan = (t: Parameters<typeof taskReminderSchedule>[0], now: Date, o = offsets) => taskReminderSchedule(t, o, now).map((p) => [p.offset, p.at.toISOString(), p.jobId]);

describe('task reminder schedule', () => {
  it('reminds at 08:00 Hà Nội time 7 and 1 days before, and escalates when the deadline day ends at local midnight', () => {
    expect(plan(task, at('2026-12-01T00:00:00Z'))).toEqual([
      ['7d', '2026-12-13T01:00:00.000Z', 'task-remind.t1.v0.7d'],
      ['1d', '2026-12-19T01:00:00.000Z', 'task-remind.t1.v0.1d'],
      ['overdue', '2026-12-20T17:00:00.000Z', 'task-remind.t1.v0.overdue'],
    ]);
  });

  it('puts the end of the deadline day at 00:00 +07:00, which is 17:00 UTC the day before midnight UTC', () => {
    expect(taskDueAt('2026-12-31').toISOString()).toBe('2026-12-31T17:00:00.000Z');
    // one second before local midnight the task is not overdue yet; the overdue reminder is still ahead
    expect(plan(task, at('2026-12-20T16:59:59Z'))).toEqual([['overdue', '2026-12-20T17:00:00.000Z', 'task-remind.t1.v0.overdue']]);
    expect(plan(task, at('2026-12-20T17:00:00Z'))).toEqual([]);
  });

  it('leaves out the reminders already past, and hours count back from the end of the deadline day', () => {
    expect(plan(task, at('2026-12-15T00:00:00Z'), parseReminderOffsets('12h,7d,1d')).map((p) => [p[0], p[1]])).toEqual([
      ['1d', '2026-12-19T01:00:00.000Z'],
      ['12h', '2026-12-20T05:00:00.000Z'],
      ['overdue', '2026-12-20T17:00:00.000Z'],
    ]);
  });

  it('moves with an extension: a new deadline version, new job ids, the new times', () => {
    const before: TaskState = { status: 'in_progress', deadline: '2026-12-20', extensionRequested: null, deadlineVersion: 0 };
    const asked = nextTaskState(before, { action: 'request_extension', deadline: '2027-01-10', text: 'Chờ số liệu' }, '2026-12-05');
    const granted = asked.ok ? nextTaskState(asked.state, { action: 'grant_extension' }, '2026-12-05') : asked;
    if (!granted.ok) throw new Error('not granted');
    const moved = { id: 't1', ...granted.state };
    const now = at('2026-12-05T00:00:00Z');
    const old = plan({ ...task, status: 'in_progress' }, now).map((p) => p[2]);
    const fresh = plan(moved, now);
    expect(fresh.map((p) => p[2])).toEqual(['task-remind.t1.v1.7d', 'task-remind.t1.v1.1d', 'task-remind.t1.v1.overdue']);
    expect(fresh.map((p) => p[1])).toEqual(['2027-01-03T01:00:00.000Z', '2027-01-09T01:00:00.000Z', '2027-01-10T17:00:00.000Z']);
    expect(fresh.some((p) => old.includes(p[2]))).toBe(false);
  });

  it('plans nothing for a task reported done, accepted or withdrawn, or without a deadline', () => {
    for (const status of ['reported_done', 'accepted', 'withdrawn'] as const) expect(plan({ ...task, status }, at('2026-12-01T00:00:00Z'))).toEqual([]);
    expect(plan({ ...task, deadline: null }, at('2026-12-01T00:00:00Z'))).toEqual([]);
  });

  it('gives one job id per task, deadline version and offset, and no colon (BullMQ refuses one)', () => {
    expect(taskReminderJobId('t1', 2, '1d')).toBe(taskReminderJobId('t1', 2, '1d'));
    expect(new Set([taskReminderJobId('t1', 1, '1d'), taskReminderJobId('t1', 2, '1d'), taskReminderJobId('t1', 2, '7d')]).size).toBe(3);
    expect(taskReminderJobId('t1', 2, 'overdue')).not.toContain(':');
  });

  it('reads the offsets once each, largest first, and ignores what is not an offset', () => {
    expect(parseReminderOffsets('1d,7d,1d,12h,x').map((o) => o.label)).toEqual(['7d', '1d', '12h']);
  });
});
