import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { JOB_QUEUE, type JobName, type JobPayloads } from '@app/contracts';
import { QueueDriver, DEFAULT_ATTEMPTS, BACKOFF_BASE_MS, assertHandlers } from './queue.driver';
import type { EnqueueOptions, EnqueuedJob, JobHandlerMap } from './queue.types';

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

  private async run<N extends JobName>(name: N, payload: JobPayloads[N], id: string, attempt: number, attempts: number) {
    if (this.closed || !this.handlers) return;
    try {
      await (this.handlers[name] as (p: JobPayloads[N], c: unknown) => Promise<unknown>)(payload, {
        jobId: id,
        attempt,
        updateProgress: async () => undefined,
      });
    } catch (err) {
      this.logger.warn({ job: name, jobId: id, attempt, err: (err as Error).message }, 'job failed');
      if (attempt < attempts) {
        this.later(this.backoffBaseMs * 2 ** (attempt - 1), () => void this.run(name, payload, id, attempt + 1, attempts));
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
