/**
 * Queues and jobs: names with their payload types. Producers (api) and
 * processors (worker) both import this map; a job name that is not here
 * cannot be enqueued or handled.
 */
export const QUEUE_NAMES = ['maintenance', 'summaries', 'reminders', 'documents'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface JobPayloads {
  /** delete refresh-token sessions that expired or were revoked long ago */
  'sessions.purge-expired': { retentionDays: number };
  /** builds the post-meeting report (JSON, DOCX, PDF) of one minutes revision; id from summaryJobId() */
  'summary.generate': { meetingId: string; revision: number };
  /** reminds a task's lead agency (and, overdue, the assigning secretariat) of a deadline; id from taskReminderJobId() */
  'task.remind': { taskId: string; deadlineVersion: number; offset: string };
  /** emails the notifications of one batch to the accounts that want their kind by email (id notify.<batch>) */
  'notification.deliver': { batch: string };
  /** makes the PDF of a document version (LibreOffice for office files), counts its pages and extracts its text for search; id documentConvertJobId() */
  'document.convert': { documentId: string; version: number };
  /** composes and renders the conclusion notice of one minutes revision at one version of its wording; id from noticeJobId() */
  'notice.generate': { meetingId: string; revision: number; version: number };
}
export type JobName = keyof JobPayloads;

export const JOB_QUEUE: { [K in JobName]: QueueName } = {
  'sessions.purge-expired': 'maintenance',
  'summary.generate': 'summaries',
  'task.remind': 'reminders',
  'notification.deliver': 'reminders',
  'document.convert': 'documents',
  'notice.generate': 'summaries',
};

/** One conversion per document version, however often it is asked for. */
export const documentConvertJobId = (documentId: string, version: number) => `document.convert:${documentId}:${version}`;

/** the stages a summary job times (JobResults['summary.generate'].stagesMs) */
export type SummaryStage = 'facts' | 'compose' | 'docx' | 'pdf' | 'save' | 'progress';

export interface JobResults {
  'sessions.purge-expired': { deleted: number };
  /** stagesMs: wall time of each stage of the run, in ms (facts, compose, docx, pdf, save, progress writes), for logs and the bench */
  'summary.generate': { meetingId: string; revision: number; reused: boolean; stagesMs?: Partial<Record<SummaryStage, number>> };
  /** sent: this run recorded the reminder; otherwise why not (already sent by an earlier run, a moved deadline, a closed task) */
  'task.remind': { sent: boolean; reason?: 'already_sent' | 'stale_deadline' | 'task_closed' | 'task_gone'; recipients?: number };
  'notification.deliver': { emailed: number; skipped: number };
  'document.convert': { documentId: string; version: number; conversion: 'done' | 'failed' | 'none'; pageCount: number | null; ms: number };
  /** reused: that version was already rendered, or superseded by an edit, or the notice issued */
  'notice.generate': { meetingId: string; revision: number; version: number; reused: boolean };
}
