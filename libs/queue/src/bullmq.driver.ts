import { Logger } from '@nestjs/common';
import { Queue, Worker, type Job, type ConnectionOptions } from 'bullmq';
import { JOB_QUEUE, QUEUE_NAMES, type JobName, type JobPayloads, type QueueName } from '@app/contracts';
import { QueueDriver, DEFAULT_ATTEMPTS, BACKOFF_BASE_MS, assertHandlers } from './queue.driver';
import type { EnqueueOptions, EnqueuedJob, JobHandlerMap } from './queue.types';

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

export class BullMqDriver extends QueueDriver {
  readonly kind = 'bullmq' as const;
  private readonly logger = new Logger(BullMqDriver.name);
  private readonly queues = new Map<QueueName, Queue>();
  private readonly workers: Worker[] = [];

  constructor(
    private readonly connection: ConnectionOptions,
    private readonly prefix = 'htt',
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
          return handler(job.data, {
            jobId: job.id ?? '',
            attempt: job.attemptsMade + 1,
            updateProgress: (p: number) => job.updateProgress(p),
          });
        },
        { connection: this.connection, prefix: this.prefix, concurrency },
      );
      worker.on('failed', (job, err) =>
        this.logger.warn({ job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, 'job failed'),
      );
      worker.on('error', (err) => this.logger.error({ err: err.message }, 'worker error'));
      await worker.waitUntilReady();
      this.workers.push(worker);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
