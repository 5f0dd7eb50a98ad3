import { isTaskOpen } from './tasks';
import type { TaskStatus } from './minutes';

/**
 * When a task's reminders go out (issue 20). A deadline is a local date in Asia/Ho_Chi_Minh: the task is due by
 * the end of that day, so it is overdue from 00:00 (+07:00) of the next day, whatever the server's TZ.
 *   "Nd": at 08:00 (+07:00), N days before the deadline day (the start of an office day)
 *   "Nh": N hours before the deadline day ends
 *   "overdue": when the deadline day ends; goes to the assigning secretariat too (the escalation)
 * Each reminder is one job id per (task, deadline version, offset): a restart, a relay retried, a schedule
 * written twice is still one reminder; a moved deadline is a new version, and the old version's reminders are
 * stale by the version check at run time.
 */

export const OVERDUE_OFFSET = 'overdue';
const LOCAL_OFFSET_MS = 7 * 3600_000;
const OFFICE_HOUR = 8;

export interface ReminderOffset {
  label: string;
  unit: 'd' | 'h';
  amount: number;
}

/** "7d,1d" -> the offsets, largest first, each once. */
export function parseReminderOffsets(spec: string): ReminderOffset[] {
  const seen = new Set<string>();
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^\d{1,3}[dh]$/.test(s) && !seen.has(s) && seen.add(s))
    .map((label) => ({ label, unit: label.endsWith('d') ? ('d' as const) : ('h' as const), amount: Number(label.slice(0, -1)) }))
    .sort((a, b) => (b.unit === 'd' ? b.amount * 24 : b.amount) - (a.unit === 'd' ? a.amount * 24 : a.amount));
}

/** The instant a local date's day begins in Asia/Ho_Chi_Minh (no daylight saving there: always +07:00). */
const localMidnight = (date: string, plusDays = 0) => new Date(Date.parse(`${date}T00:00:00Z`) + plusDays * 86_400_000 - LOCAL_OFFSET_MS);

/** The end of the deadline day: from this instant the task is overdue. */
export const taskDueAt = (deadline: string): Date => localMidnight(deadline, 1);

export const taskReminderJobId = (taskId: string, deadlineVersion: number, offset: string) => `task-remind.${taskId}.v${deadlineVersion}.${offset}`;

export interface PlannedReminder {
  jobId: string;
  offset: string;
  at: Date;
}

/** The reminders still ahead of `now` for a task as it stands: none for a task without deadline or not being worked on. */
export function taskReminderSchedule(task: { id: string; deadline: string | null; deadlineVersion: number; status: TaskStatus }, offsets: readonly ReminderOffset[], now: Date): PlannedReminder[] {
  if (!task.deadline || !isTaskOpen(task.status)) return [];
  const due = taskDueAt(task.deadline);
  const planned = offsets.map((o) => ({
    offset: o.label,
    at: o.unit === 'd' ? new Date(localMidnight(task.deadline!, -o.amount).getTime() + OFFICE_HOUR * 3600_000) : new Date(due.getTime() - o.amount * 3600_000),
  }));
  planned.push({ offset: OVERDUE_OFFSET, at: due });
  return planned.filter((p) => p.at.getTime() > now.getTime()).map((p) => ({ ...p, jobId: taskReminderJobId(task.id, task.deadlineVersion, p.offset) }));
}
