import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { JobName, JobPayloads } from '@app/contracts';
import type { QueueDriver } from '@app/queue';
import { pgErrorCode } from '@app/database';
import { claimOutbox, markOutboxDone, markOutboxFailed, purgeOutbox } from './outbox.store';

export interface OutboxRelayOptions {
  /** how often to look for due rows besides the pokes after this process's own commits */
  pollMs: number;
  retentionDays: number;
  /** rows claimed per transaction */
  batchSize?: number;
  /** a failed relay is tried again after base, 2 x base, 4 x base ... up to max */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** an enqueue that takes longer counts as failed (BullMQ waits for ever while Redis is away; the row must not hold its lock meanwhile) */
  enqueueTimeoutMs?: number;
}

const PURGE_EVERY_MS = 3600_000;
const PG_UNDEFINED_TABLE = '42P01';

/**
 * Relays outbox rows to the queue driver. Poked in this process after each
 * commit that wrote rows, and polling for the rest (rows of a process that
 * died after its commit, rows whose relay failed and backed off). Each batch
 * is one transaction: the rows are claimed FOR UPDATE SKIP LOCKED (another
 * api process takes other rows meanwhile), enqueued with their own job ids,
 * and marked done when the transaction commits. A relay that dies in the
 * middle commits nothing, so its rows are sent again, and the queue's job id
 * dedupe makes that one job.
 */
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly batchSize: number;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private lastPurge = 0;

  constructor(
    private readonly db: DataSource,
    private readonly queue: QueueDriver,
    private readonly options: OutboxRelayOptions,
  ) {
    this.batchSize = options.batchSize ?? 100;
  }

  onApplicationBootstrap() {
    this.start();
  }

  /** before the queue and the database close (they close on application shutdown) */
  async beforeApplicationShutdown() {
    await this.stop();
  }

  /** polls until stop() (and relays at once) */
  start() {
    if (this.timer || this.stopped) return;
    const tick = () => {
      this.timer = setTimeout(() => {
        this.poke();
        tick();
      }, this.options.pollMs);
      this.timer.unref();
    };
    tick();
    this.poke();
  }

  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Relays now; when a relay is already running it goes round once more, so no commit waits for the poll. */
  poke(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => (this.running = undefined));
  }

  /** Resolves when no relay is running (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain() {
    do {
      this.again = false;
      try {
        while (!this.stopped && (await this.relayBatch()).claimed === this.batchSize);
        if (!this.stopped && Date.now() - this.lastPurge > PURGE_EVERY_MS) {
          this.lastPurge = Date.now();
          const purged = await purgeOutbox(this.db.manager, this.options.retentionDays);
          if (purged) this.logger.log({ purged }, 'purged relayed outbox rows');
        }
      } catch (err) {
        // The database is away (or, on a first start, not migrated yet: migrations run on bootstrap too): the next poll tries again.
        if (this.stopped) return;
        if (pgErrorCode(err) === PG_UNDEFINED_TABLE) this.logger.debug('no outbox table yet');
        else this.logger.warn({ err: (err as Error).message }, 'outbox relay failed');
      }
    } while (this.again && !this.stopped);
  }

  /** One batch: claims due rows, enqueues each with its job id, marks the sent ones done and the failed ones for a later try. */
  async relayBatch(): Promise<{ claimed: number; relayed: number; failed: number }> {
    return this.db.transaction(async (m) => {
      const rows = await claimOutbox(m, this.batchSize);
      const done: string[] = [];
      let failed = 0;
      for (const row of rows) {
        try {
          await this.enqueue(row.job, row.payload as JobPayloads[JobName], row.jobId);
          done.push(row.id);
        } catch (err) {
          failed++;
          const retryIn = Math.min((this.options.backoffBaseMs ?? 1000) * 2 ** row.attempts, this.options.backoffMaxMs ?? 300_000);
          this.logger.warn({ job: row.job, jobId: row.jobId, attempt: row.attempts + 1, retryInMs: retryIn, err: (err as Error).message }, 'could not relay an outbox row');
          await markOutboxFailed(m, row.id, (err as Error).message ?? String(err), retryIn);
        }
      }
      await markOutboxDone(m, done);
      return { claimed: rows.length, relayed: done.length, failed };
    });
  }

  private async enqueue(job: JobName, payload: JobPayloads[JobName], jobId: string) {
    const timeoutMs = this.options.enqueueTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the queue did not take the job within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.queue.enqueue(job, payload as never, { jobId }), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
