import { z } from 'zod';
import { localDateSchema } from './time';
import { text as boundedText } from './common';
import type { AssignedTask, TaskStatus } from './minutes';
import { assignedTaskSchema, TASK_STATUSES } from './minutes';

/**
 * Task follow-up (issue 20): what happens to a task after the minutes that assigned it are published.
 *
 *   assigned -> in_progress -> reported_done -> accepted
 *                    ^  (returned) |
 *   extended: an extension was granted (a new deadline); the work goes on from there
 *   withdrawn: the assigning side took the task back (or a later revision dropped it)
 *   overdue: not a stored status but a fact of the day, `isTaskOverdue()`: past its deadline and not reported done
 *
 * Who may act is the policy's (`taskCapabilities`), when is this machine's (`nextTaskState`): a refusal by the
 * machine is a 409 with the status, not a 403.
 */

export const TASK_ACTIONS = [
  /** lead: a progress report (text); a task not started yet moves to in_progress */
  'report_progress',
  /** lead: the work is done, for the assigning side to accept */
  'report_done',
  /** co-operating agency: its contribution (text), no change of status */
  'contribute',
  /** lead: asks for a later deadline, with its reason */
  'request_extension',
  /** assigning side: grants the pending extension (the deadline moves) */
  'grant_extension',
  /** assigning side: refuses the pending extension (the deadline stays) */
  'refuse_extension',
  /** assigning side: accepts the reported completion */
  'accept',
  /** assigning side: the completion is not accepted, the work goes on */
  'return',
  /** assigning side: takes the task back */
  'withdraw',
] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/** What the caller is to a task: the policy's facts. */
export interface TaskFacts {
  /** a member of the lead agency (or of a body below it) */
  lead: boolean;
  /** a member of a co-operating agency */
  coOperating: boolean;
  /** the assigning side: the meeting's chair or secretaries, or an organizer over its host organization */
  assigning: boolean;
}

export const TASK_CAPABILITIES = ['task.view', 'task.report', 'task.contribute', 'task.decide'] as const;
export type TaskCapability = (typeof TASK_CAPABILITIES)[number];

/** The caller's capabilities on one task: a pure function of its facts. */
export function taskCapabilities(f: TaskFacts): TaskCapability[] {
  const held = new Set<TaskCapability>();
  if (f.lead || f.coOperating || f.assigning) held.add('task.view');
  if (f.lead) held.add('task.report');
  if (f.coOperating) held.add('task.contribute');
  if (f.assigning) held.add('task.decide');
  return TASK_CAPABILITIES.filter((c) => held.has(c));
}

/** The capability each action needs. */
export const TASK_ACTION_CAPABILITY: Record<TaskAction, TaskCapability> = {
  report_progress: 'task.report',
  report_done: 'task.report',
  request_extension: 'task.report',
  contribute: 'task.contribute',
  grant_extension: 'task.decide',
  refuse_extension: 'task.decide',
  accept: 'task.decide',
  return: 'task.decide',
  withdraw: 'task.decide',
};

/** The part of a task the machine reads and changes. */
export interface TaskState {
  status: TaskStatus;
  deadline: string | null;
  /** the deadline asked for by a pending extension request */
  extensionRequested: string | null;
  /** bumped each time the deadline moves (reminders of an older version are stale) */
  deadlineVersion: number;
}

export type TaskCommand =
  | { action: 'report_progress' | 'report_done' | 'contribute' | 'accept' | 'return' | 'withdraw' | 'refuse_extension'; text?: string }
  | { action: 'request_extension'; deadline: string; text: string }
  | { action: 'grant_extension'; text?: string };

export type TaskRefusal =
  | { code: 'task_illegal_action'; status: TaskStatus; action: TaskAction }
  | { code: 'deadline_in_the_past'; deadline: string }
  | { code: 'task_no_extension_pending' }
  | { code: 'task_extension_pending'; deadline: string };

const WORKING: readonly TaskStatus[] = ['assigned', 'in_progress', 'extended'];
const FROM: Record<TaskAction, readonly TaskStatus[]> = {
  report_progress: WORKING,
  report_done: WORKING,
  contribute: [...WORKING, 'reported_done'],
  request_extension: WORKING,
  grant_extension: WORKING,
  refuse_extension: WORKING,
  accept: ['reported_done'],
  return: ['reported_done'],
  withdraw: [...WORKING, 'reported_done'],
};

/**
 * The next state of a task after a command on `today` (a local date in Asia/Ho_Chi_Minh), or why it is refused.
 * Pure: the service applies the result in one transaction, with the history row beside it.
 */
export function nextTaskState(s: TaskState, cmd: TaskCommand, today: string): { ok: true; state: TaskState } | { ok: false; refusal: TaskRefusal } {
  const refuse = (refusal: TaskRefusal) => ({ ok: false as const, refusal });
  if (!FROM[cmd.action].includes(s.status)) return refuse({ code: 'task_illegal_action', status: s.status, action: cmd.action });
  switch (cmd.action) {
    case 'report_progress':
      return { ok: true, state: { ...s, status: 'in_progress' } };
    case 'report_done':
      return { ok: true, state: { ...s, status: 'reported_done', extensionRequested: null } };
    case 'contribute':
      return { ok: true, state: s };
    case 'request_extension':
      if (s.extensionRequested) return refuse({ code: 'task_extension_pending', deadline: s.extensionRequested });
      // a new deadline must lie ahead of today and of the current one
      if (cmd.deadline <= today || (s.deadline && cmd.deadline <= s.deadline)) return refuse({ code: 'deadline_in_the_past', deadline: cmd.deadline });
      return { ok: true, state: { ...s, extensionRequested: cmd.deadline } };
    case 'grant_extension':
      if (!s.extensionRequested) return refuse({ code: 'task_no_extension_pending' });
      return { ok: true, state: { status: 'extended', deadline: s.extensionRequested, extensionRequested: null, deadlineVersion: s.deadlineVersion + 1 } };
    case 'refuse_extension':
      if (!s.extensionRequested) return refuse({ code: 'task_no_extension_pending' });
      return { ok: true, state: { ...s, extensionRequested: null } };
    case 'accept':
      return { ok: true, state: { ...s, status: 'accepted' } };
    case 'return':
      return { ok: true, state: { ...s, status: 'in_progress' } };
    case 'withdraw':
      return { ok: true, state: { ...s, status: 'withdrawn', extensionRequested: null } };
  }
}

/** Past its deadline (a local date, due at the end of that day) and still being worked on. */
export const isTaskOverdue = (s: Pick<TaskState, 'status' | 'deadline'>, today: string): boolean => !!s.deadline && s.deadline < today && WORKING.includes(s.status);

/** Whether a task still waits for work (reminders go to such tasks only). */
export const isTaskOpen = (status: TaskStatus): boolean => WORKING.includes(status);

/** The actions the caller may take now: the policy and the machine together (the web shows these controls). */
export function availableTaskActions(caps: readonly TaskCapability[], s: TaskState): TaskAction[] {
  return TASK_ACTIONS.filter((a) => caps.includes(TASK_ACTION_CAPABILITY[a]) && FROM[a].includes(s.status)).filter((a) =>
    a === 'grant_extension' || a === 'refuse_extension' ? !!s.extensionRequested : a === 'request_extension' ? !s.extensionRequested : true,
  );
}

// ---- wire ----

const MAX_TASK_TEXT = 10_000;
const text = boundedText(MAX_TASK_TEXT);

export const taskActionRequestSchema = z.discriminatedUnion('action', [
  z.object({ action: z.enum(['report_progress', 'contribute']), text }).strict(),
  z.object({ action: z.enum(['report_done', 'accept', 'return', 'withdraw', 'refuse_extension', 'grant_extension']), text: text.optional() }).strict(),
  z.object({ action: z.literal('request_extension'), deadline: localDateSchema, text }).strict(),
]);
export type TaskActionRequest = z.output<typeof taskActionRequestSchema>;

/** One kept change of a task: who, when, what. */
export interface TaskHistoryItem {
  id: string;
  action: TaskAction | 'assigned' | 'revised';
  actorName: string | null;
  organizationName: string | null;
  text: string | null;
  fromStatus: TaskStatus | null;
  toStatus: TaskStatus;
  deadlineBefore: string | null;
  deadlineAfter: string | null;
  at: string;
}

export interface TaskDetail {
  task: AssignedTask;
  history: TaskHistoryItem[];
  /** what the caller may do now */
  actions: TaskAction[];
}

/** Per agency (lead): how its tasks stand. */
export interface TaskDashboardRow {
  organizationId: string;
  organizationName: string;
  total: number;
  open: number;
  overdue: number;
  reportedDone: number;
  doneOnTime: number;
  doneLate: number;
}
export interface TaskDashboard {
  rows: TaskDashboardRow[];
  totals: Omit<TaskDashboardRow, 'organizationId' | 'organizationName'>;
}

const iso = z.string();
export const taskHistoryItemSchema = z.object({
  id: z.string(),
  action: z.enum([...TASK_ACTIONS, 'assigned', 'revised']),
  actorName: z.string().nullable(),
  organizationName: z.string().nullable(),
  text: z.string().nullable(),
  fromStatus: z.enum(TASK_STATUSES).nullable(),
  toStatus: z.enum(TASK_STATUSES),
  deadlineBefore: z.string().nullable(),
  deadlineAfter: z.string().nullable(),
  at: iso,
});
export const taskDetailSchema = z.object({ task: assignedTaskSchema, history: z.array(taskHistoryItemSchema), actions: z.array(z.enum(TASK_ACTIONS)) });
const counts = { total: z.number().int(), open: z.number().int(), overdue: z.number().int(), reportedDone: z.number().int(), doneOnTime: z.number().int(), doneLate: z.number().int() };
export const taskDashboardSchema = z.object({ rows: z.array(z.object({ organizationId: z.string(), organizationName: z.string(), ...counts })), totals: z.object(counts) });
export const taskParamsSchema = z.object({ taskId: z.uuid() });
