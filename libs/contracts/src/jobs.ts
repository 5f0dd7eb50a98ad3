/**
 * Queues and jobs: names with their payload types. Producers (api) and
 * processors (worker) both import this map; a job name that is not here
 * cannot be enqueued or handled.
 */
export const QUEUE_NAMES = ['maintenance'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface JobPayloads {
  /** delete refresh-token sessions that expired or were revoked long ago */
  'sessions.purge-expired': { retentionDays: number };
}
export type JobName = keyof JobPayloads;

export const JOB_QUEUE: { [K in JobName]: QueueName } = {
  'sessions.purge-expired': 'maintenance',
};

export interface JobResults {
  'sessions.purge-expired': { deleted: number };
}
