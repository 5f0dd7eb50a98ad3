import { Logger } from '@nestjs/common';
import { Queue, QueueEvents, UnrecoverableError, Worker, type Job, type ConnectionOptions } from 'bullmq';
import { JOB_QUEUE, QUEUE_NAMES, type JobName, type JobPayloads, type QueueName } from '@app/contracts';
import { QueueDriver, DEFAULT_ATTEMPTS, BACKOFF_BASE_MS, assertHandlers } from './queue.driver';
import { isPermanentJobError, type EnqueueOptions, type EnqueuedJob, type JobEvent, type JobEventListener, type JobHandlerMap } from './queue.types';

export function redisConnection(url: string): ConnectionOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

/**
 * How a job whose worker died (kill -9, lost machine) gets picked up again. BullMQ's
 * workers renew their lock on a running job every lockDuration/2; a live worker's
 * stalled check, every stalledInterval, moves back to waiting a job it saw active
 * at its previous check whose lock has since expired. So a dead worker's job
 * waits for its lock to expire (at most lockDuration after the death) and then
 * for the next check (at most stalledInterval): lockDuration + stalledInterval.
 * With both at 30 s that was up to 60 s (65 s measured; 4.0 s with JOB_LOCK_MS=2000);
 * checking six times per lock (5 s at the default) brings it to about JOB_LOCK_MS:
 * 2.0 s measured with JOB_LOCK_MS=2000 (test/int/reports.int-spec.ts). The check is one short Lua
 * script per queue. maxStalledCount stays at BullMQ's 1: a job that stalls a
 * second time (it keeps killing its worker) fails instead of looping.
 */
export const stalledJobSettings = (lockDurationMs: number) => ({
  lockDuration: lockDurationMs,
  stalledInterval: Math.max(200, Math.round(lockDurationMs / 6)),
  maxStalledCount: 1,
});

export class BullMqDriver extends QueueDriver {
  readonly kind = 'bullmq' as const;
  private readonly logger = new Logger(BullMqDriver.name);
  private readonly queues = new Map<QueueName, Queue>();
  private readonly workers: Worker[] = [];
  private readonly events = new Map<QueueName, QueueEvents>();
  private readonly listeners = new Map<QueueName, JobEventListener[]>();

  constructor(
    private readonly connection: ConnectionOptions,
    private readonly prefix = 'htt',
    /** how long a worker's lock on a running job lasts before another worker may take the job over as stalled */
    private readonly lockDurationMs = 30_000,
  ) {
    super();
  }

  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.connection, prefix: this.prefix });
      this.queues.set(name, q);
    }
    return q;
  }

  allQueues(): Queue[] {
    return QUEUE_NAMES.map((n) => this.queue(n));
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<EnqueuedJob> {
    const job = await this.queue(JOB_QUEUE[name]).add(name, payload, {
      jobId: options.jobId,
      delay: options.delayMs,
      attempts: options.attempts ?? DEFAULT_ATTEMPTS,
      backoff: { type: 'exponential', delay: BACKOFF_BASE_MS },
      removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
      removeOnFail: { age: 30 * 24 * 3600 },
    });
    return { id: job.id ?? options.jobId ?? '', name };
  }

  async schedule<N extends JobName>(schedulerId: string, name: N, payload: JobPayloads[N], everyMs: number): Promise<void> {
    await this.queue(JOB_QUEUE[name]).upsertJobScheduler(
      schedulerId,
      { every: everyMs },
      { name, data: payload, opts: { attempts: DEFAULT_ATTEMPTS, backoff: { type: 'exponential', delay: BACKOFF_BASE_MS } } },
    );
  }

  async consume(handlers: JobHandlerMap, concurrency = 4): Promise<void> {
    assertHandlers(handlers, Object.keys(JOB_QUEUE) as JobName[]);
    for (const queueName of QUEUE_NAMES) {
      const worker = new Worker(
        queueName,
        async (job: Job) => {
          const handler = handlers[job.name as JobName] as (p: unknown, c: unknown) => Promise<unknown>;
          if (!handler) throw new Error(`No handler for job ${job.name}`);
          try {
            return await handler(job.data, {
              jobId: job.id ?? '',
              attempt: job.attemptsMade + 1,
              attempts: job.opts.attempts ?? 1,
              updateProgress: (p: number) => job.updateProgress(p),
            });
          } catch (err) {
            throw isPermanentJobError(err) ? new UnrecoverableError((err as Error).message) : err;
          }
        },
        { connection: this.connection, prefix: this.prefix, concurrency, ...stalledJobSettings(this.lockDurationMs) },
      );
      worker.on('failed', (job, err) =>
        this.logger.warn({ job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, 'job failed'),
      );
      worker.on('error', (err) => this.logger.error({ err: err.message }, 'worker error'));
      await worker.waitUntilReady();
      this.workers.push(worker);
    }
  }

  async retry(name: JobName, jobId: string): Promise<boolean> {
    const job = await this.queue(JOB_QUEUE[name]).getJob(jobId);
    if (!job) return false;
    // a completed job runs again too (a report made without its PDF), under the same id
    const state = await job.getState();
    if (state !== 'failed' && state !== 'completed') return false;
    await job.retry(state, { resetAttemptsMade: true, resetAttemptsStarted: true });
    return true;
  }

  async onJobEvent(name: JobName, listener: JobEventListener): Promise<void> {
    const queueName = JOB_QUEUE[name];
    this.listeners.set(queueName, [...(this.listeners.get(queueName) ?? []), listener]);
    if (this.events.has(queueName)) return;
    const events = new QueueEvents(queueName, { connection: this.connection, prefix: this.prefix });
    this.events.set(queueName, events);
    const relay = (kind: JobEvent['kind']) => (e: { jobId: string }) => this.listeners.get(queueName)?.forEach((l) => l({ jobId: e.jobId, kind }));
    for (const kind of ['waiting', 'active', 'progress', 'completed', 'failed', 'delayed'] as const) events.on(kind, relay(kind));
    events.on('error', (err) => this.logger.warn({ err: err.message }, 'queue events error'));
    await events.waitUntilReady();
  }

  async close(): Promise<void> {
    await Promise.all([...this.events.values()].map((e) => e.close()));
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
