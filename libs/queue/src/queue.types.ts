import type { JobName, JobPayloads, JobResults } from '@app/contracts';

export interface JobContext {
  jobId: string;
  /** 1 on the first run, 2 on the first retry ... */
  attempt: number;
  updateProgress(percent: number): Promise<void>;
}

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
