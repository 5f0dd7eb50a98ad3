/**
 * Queues and jobs: names with their payload types. Producers (api) and
 * processors (worker) both import this map; a job name that is not here
 * cannot be enqueued or handled.
 */
export const QUEUE_NAMES = ['maintenance', 'summaries'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface JobPayloads {
  /** delete refresh-token sessions that expired or were revoked long ago */
  'sessions.purge-expired': { retentionDays: number };
  /** builds the post-meeting report (JSON, DOCX, PDF) of one minutes revision; id from summaryJobId() */
  'summary.generate': { meetingId: string; revision: number };
}
export type JobName = keyof JobPayloads;

export const JOB_QUEUE: { [K in JobName]: QueueName } = {
  'sessions.purge-expired': 'maintenance',
  'summary.generate': 'summaries',
};

export interface JobResults {
  'sessions.purge-expired': { deleted: number };
  'summary.generate': { meetingId: string; revision: number; reused: boolean };
}
