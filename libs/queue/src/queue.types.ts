import type { JobName, JobPayloads, JobResults } from '@app/contracts';

export interface JobContext {
  jobId: string;
  /** 1 on the first run, 2 on the first retry ... */
  attempt: number;
  /** how many attempts the job has in all */
  attempts: number;
  updateProgress(percent: number): Promise<void>;
}

/** An error that retrying cannot cure (the job's subject is gone): the drivers fail the job at once. */
export const isPermanentJobError = (err: unknown) => (err as { permanent?: unknown } | null)?.permanent === true;

/** What happened to a job, as producers may follow it (the api relays report jobs to the web app). */
export interface JobEvent {
  jobId: string;
  kind: 'waiting' | 'active' | 'progress' | 'completed' | 'failed' | 'delayed';
}
export type JobEventListener = (event: JobEvent) => void;

export type JobHandler<N extends JobName> = (payload: JobPayloads[N], ctx: JobContext) => Promise<JobResults[N]>;

/** Exactly one handler per job name: the type makes a missing or extra one a compile error. */
export type JobHandlerMap = { [N in JobName]: JobHandler<N> };

export interface EnqueueOptions {
  /** deterministic id: a second enqueue with the same id is a no-op while the first is kept */
  jobId?: string;
  delayMs?: number;
  attempts?: number;
}

export interface EnqueuedJob {
  id: string;
  name: JobName;
}

export const JOB_HANDLERS = Symbol('JOB_HANDLERS');
