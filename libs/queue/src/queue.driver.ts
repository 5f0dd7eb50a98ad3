import type { JobName, JobPayloads } from '@app/contracts';
import type { EnqueueOptions, EnqueuedJob, JobEventListener, JobHandlerMap } from './queue.types';

/** The queue interface producers use; BullMQ behind it when Redis is configured. */
export abstract class QueueDriver {
  abstract readonly kind: 'bullmq' | 'in-process';
  abstract enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options?: EnqueueOptions): Promise<EnqueuedJob>;
  /** a job that repeats every `everyMs`, one schedule per scheduler id however many processes call this */
  abstract schedule<N extends JobName>(schedulerId: string, name: N, payload: JobPayloads[N], everyMs: number): Promise<void>;
  /** starts processing jobs with these handlers (only the worker, or the api on the embedded default) */
  abstract consume(handlers: JobHandlerMap, concurrency?: number): Promise<void>;
  /** runs a failed job again from its first attempt; false when there is no failed job with that id */
  abstract retry(name: JobName, jobId: string): Promise<boolean>;
  /** follows the jobs of the queue that carries `name`, whichever process runs them */
  abstract onJobEvent(name: JobName, listener: JobEventListener): Promise<void>;
  abstract close(): Promise<void>;
}

export const DEFAULT_ATTEMPTS = 5;
/** 1 s, 2 s, 4 s, 8 s ... between attempts */
export const BACKOFF_BASE_MS = 1000;

export function assertHandlers(handlers: Partial<JobHandlerMap>, names: readonly JobName[]): asserts handlers is JobHandlerMap {
  const missing = names.filter((n) => typeof handlers[n] !== 'function');
  const extra = Object.keys(handlers).filter((n) => !names.includes(n as JobName));
  if (missing.length || extra.length) {
    throw new Error(`Job handlers do not match the job list: missing [${missing.join(', ')}], unknown [${extra.join(', ')}]`);
  }
}
