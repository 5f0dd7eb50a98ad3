/**
 * Queues and jobs: names with their payload types. Producers (api) and
 * processors (worker) both import this map; a job name that is not here
 * cannot be enqueued or handled.
 */
export const QUEUE_NAMES = ['maintenance', 'summaries', 'documents'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface JobPayloads {
  /** delete refresh-token sessions that expired or were revoked long ago */
  'sessions.purge-expired': { retentionDays: number };
  /** builds the post-meeting report (JSON, DOCX, PDF) of one minutes revision; id from summaryJobId() */
  'summary.generate': { meetingId: string; revision: number };
  /** makes the PDF of a document version (LibreOffice for office files), counts its pages and extracts its text for search; id documentConvertJobId() */
  'document.convert': { documentId: string; version: number };
}
export type JobName = keyof JobPayloads;

export const JOB_QUEUE: { [K in JobName]: QueueName } = {
  'sessions.purge-expired': 'maintenance',
  'summary.generate': 'summaries',
  'document.convert': 'documents',
};

/** One conversion per document version, however often it is asked for. */
export const documentConvertJobId = (documentId: string, version: number) => `document.convert:${documentId}:${version}`;

/** the stages a summary job times (JobResults['summary.generate'].stagesMs) */
export type SummaryStage = 'facts' | 'compose' | 'docx' | 'pdf' | 'save' | 'progress';

export interface JobResults {
  'sessions.purge-expired': { deleted: number };
  /** stagesMs: wall time of each stage of the run, in ms (facts, compose, docx, pdf, save, progress writes), for logs and the bench */
  'summary.generate': { meetingId: string; revision: number; reused: boolean; stagesMs?: Partial<Record<SummaryStage, number>> };
  'document.convert': { documentId: string; version: number; conversion: 'done' | 'failed' | 'none'; pageCount: number | null; ms: number };
}
