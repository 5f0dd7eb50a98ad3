import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { JOB_QUEUE, type JobName, type JobPayloads } from '@app/contracts';
import { QueueDriver, DEFAULT_ATTEMPTS, BACKOFF_BASE_MS, assertHandlers } from './queue.driver';
import { isPermanentJobError, type EnqueueOptions, type EnqueuedJob, type JobEvent, type JobEventListener, type JobHandlerMap } from './queue.types';

/**
 * Runs jobs in this process, for the embedded default with no Redis. Same
 * contract as BullMQ: ids dedupe, failures retry with exponential backoff.
 * Jobs do not survive a restart, which the embedded single-process mode accepts.
 */
export class InProcessDriver extends QueueDriver {
  readonly kind = 'in-process' as const;
  private readonly logger = new Logger(InProcessDriver.name);
  private handlers?: JobHandlerMap;
  private readonly known = new Set<string>();
  private readonly pending: (() => void)[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly listeners: JobEventListener[] = [];
  /** jobs whose last attempt failed or that completed, to run again on retry() (as BullMQ retries both) */
  private readonly failed = new Map<string, () => void>();
  private closed = false;

  constructor(private readonly backoffBaseMs = BACKOFF_BASE_MS) {
    super();
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<EnqueuedJob> {
    const id = options.jobId ?? randomUUID();
    if (this.known.has(id)) return { id, name };
    this.known.add(id);
    const run = () => this.later(options.delayMs ?? 0, () => void this.run(name, payload, id, 1, options.attempts ?? DEFAULT_ATTEMPTS));
    if (this.handlers) run();
    else this.pending.push(run);
    this.emit(id, 'waiting');
    return { id, name };
  }

  async schedule<N extends JobName>(schedulerId: string, name: N, payload: JobPayloads[N], everyMs: number): Promise<void> {
    if (this.known.has(`scheduler:${schedulerId}`)) return;
    this.known.add(`scheduler:${schedulerId}`);
    const tick = () =>
      this.later(everyMs, () => {
        void this.enqueue(name, payload, { jobId: `${schedulerId}:${Date.now()}` });
        tick();
      });
    tick();
  }

  async consume(handlers: JobHandlerMap): Promise<void> {
    assertHandlers(handlers, Object.keys(JOB_QUEUE) as JobName[]);
    this.handlers = handlers;
    this.pending.splice(0).forEach((run) => run());
  }

  async retry(_name: JobName, jobId: string): Promise<boolean> {
    const again = this.failed.get(jobId);
    if (!again) return false;
    this.failed.delete(jobId);
    this.emit(jobId, 'waiting');
    again();
    return true;
  }

  async onJobEvent(_name: JobName, listener: JobEventListener): Promise<void> {
    this.listeners.push(listener);
  }

  private emit(jobId: string, kind: JobEvent['kind']) {
    for (const l of this.listeners) l({ jobId, kind });
  }

  private async run<N extends JobName>(name: N, payload: JobPayloads[N], id: string, attempt: number, attempts: number) {
    if (this.closed || !this.handlers) return;
    this.emit(id, 'active');
    try {
      await (this.handlers[name] as (p: JobPayloads[N], c: unknown) => Promise<unknown>)(payload, {
        jobId: id,
        attempt,
        attempts,
        updateProgress: async () => this.emit(id, 'progress'),
      });
      this.failed.set(id, () => this.later(0, () => void this.run(name, payload, id, 1, attempts)));
      // like BullMQ's removeOnComplete count: the oldest are forgotten
      if (this.failed.size > 1000) this.failed.delete(this.failed.keys().next().value!);
      this.emit(id, 'completed');
    } catch (err) {
      this.logger.warn({ job: name, jobId: id, attempt, err: (err as Error).message }, 'job failed');
      if (attempt < attempts && !isPermanentJobError(err)) {
        this.emit(id, 'delayed');
        this.later(this.backoffBaseMs * 2 ** (attempt - 1), () => void this.run(name, payload, id, attempt + 1, attempts));
      } else {
        this.failed.set(id, () => this.later(0, () => void this.run(name, payload, id, 1, attempts)));
        this.emit(id, 'failed');
      }
    }
  }

  private later(ms: number, fn: () => void) {
    if (this.closed) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
  }
}
