import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { JobName, JobPayloads } from '@app/contracts';
import { createDataSource } from '@app/database';
import { BullMqDriver, InProcessDriver, QueueDriver, redisConnection, type EnqueueOptions, type EnqueuedJob } from '@app/queue';
import { runMigrations } from '../../apps/api/src/bootstrap/migrate';
import { OutboxRelay, type OutboxRelayOptions } from '../../apps/api/src/outbox/outbox.relay';
import { writeOutbox } from '../../apps/api/src/outbox/outbox.store';
import { createTestDatabase, TEST_REDIS_URL, type TestDatabase } from '../support/database';

const deferred = <T = void>() => {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

/** A queue that records what it is given, and does what the test says with each enqueue. */
class RecordingQueue extends InProcessDriver {
  readonly enqueued: { name: JobName; payload: unknown; jobId?: string }[] = [];
  private calls = 0;
  constructor(private readonly behave: (call: number, name: JobName, options: EnqueueOptions) => Promise<void> = async () => undefined) {
    super();
  }
  override async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<EnqueuedJob> {
    await this.behave(++this.calls, name, options);
    this.enqueued.push({ name, payload, jobId: options.jobId });
    return { id: options.jobId ?? '', name };
  }
}

const SETTINGS: OutboxRelayOptions = { pollMs: 60_000, retentionDays: 7, backoffBaseMs: 200 };

/**
 * The outbox relay on the real PostgreSQL (and its basics on embedded PGlite):
 * rows written in a transaction reach the queue with their own job ids; two
 * relays never send the same row; a failing enqueue backs off and is tried
 * again; a row relayed twice is one BullMQ job.
 */
describe.each(['postgres', 'pglite'] as const)('outbox relay on %s', (driver) => {
  let db: TestDatabase | undefined;
  let ds: DataSource;
  const relays: OutboxRelay[] = [];
  const relay = (queue: QueueDriver, options: Partial<OutboxRelayOptions> = {}) => {
    const r = new OutboxRelay(ds, queue, { ...SETTINGS, ...options });
    relays.push(r);
    return r;
  };
  const write = (jobId: string, retentionDays = 30, delayMs?: number) =>
    ds.transaction((m) => writeOutbox(m, 'sessions.purge-expired', { retentionDays }, { jobId, delayMs }));
  const rows = (): Promise<{ job_id: string; attempts: number; last_error: string | null; done: boolean; due_in_ms: number }[]> =>
    ds.query(`SELECT job_id, attempts, last_error, done_at IS NOT NULL AS done, (extract(epoch FROM available_at - now()) * 1000)::float AS due_in_ms FROM outbox ORDER BY id`);

  beforeAll(async () => {
    db = driver === 'postgres' ? await createTestDatabase() : undefined;
    ds = createDataSource({ url: db?.url, entities: [] });
    await ds.initialize();
    await runMigrations(ds);
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    await ds.query(`DELETE FROM outbox`);
  });
  afterAll(async () => {
    await ds.destroy();
    await db?.drop();
  });

  it('writes a pending job once, relays it with its job id, and marks it done', async () => {
    expect(await write('purge.a', 3)).toBe(true);
    expect(await write('purge.a', 4)).toBe(false);
    const queue = new RecordingQueue();
    expect(await relay(queue).relayBatch()).toEqual({ claimed: 1, relayed: 1, failed: 0 });
    expect(queue.enqueued).toEqual([{ name: 'sessions.purge-expired', payload: { retentionDays: 3 }, jobId: 'purge.a' }]);
    expect(await rows()).toEqual([expect.objectContaining({ job_id: 'purge.a', attempts: 0, done: true })]);
    expect(await relay(queue).relayBatch()).toMatchObject({ claimed: 0 });
    // relayed, the same job id may be written again (a later decision); the queue's dedupe is the guard from here on
    expect(await write('purge.a', 5)).toBe(true);
  });

  it('keeps a delayed job until it is due', async () => {
    await write('later', 30, 60_000);
    const queue = new RecordingQueue();
    expect(await relay(queue).relayBatch()).toMatchObject({ claimed: 0 });
    await ds.query(`UPDATE outbox SET available_at = now()`);
    expect(await relay(queue).relayBatch()).toMatchObject({ claimed: 1, relayed: 1 });
  });

  it('backs off after a failed enqueue, keeps the error, and relays on a later poll', async () => {
    await write('flaky');
    const sent = deferred<number>();
    const queue = new RecordingQueue(async (call) => {
      if (call <= 2) throw new Error(`redis away (${call})`);
      sent.resolve(call);
    });
    const r = relay(queue, { backoffBaseMs: 300 });
    expect(await r.relayBatch()).toEqual({ claimed: 1, relayed: 0, failed: 1 });
    const [first] = await rows();
    expect(first).toMatchObject({ attempts: 1, last_error: 'redis away (1)', done: false });
    expect(first.due_in_ms).toBeGreaterThan(100);
    expect(first.due_in_ms).toBeLessThanOrEqual(300);
    // not due yet: another batch leaves it alone
    expect(await r.relayBatch()).toMatchObject({ claimed: 0 });
    await ds.query(`UPDATE outbox SET available_at = now()`);
    expect(await r.relayBatch()).toMatchObject({ failed: 1 });
    const [second] = await rows();
    expect(second).toMatchObject({ attempts: 2, last_error: 'redis away (2)' });
    expect(second.due_in_ms).toBeGreaterThan(400); // twice the base
    // the polling relay sends it once it is due
    await ds.query(`UPDATE outbox SET available_at = now()`);
    relay(queue, { pollMs: 50 }).start();
    expect(await sent.promise).toBe(3);
    await Promise.all(relays.map((x) => x.idle()));
    expect(await rows()).toEqual([expect.objectContaining({ attempts: 2, last_error: null, done: true })]);
  });

  it('runs a relayed job on the in-process driver (the embedded default)', async () => {
    const queue = new InProcessDriver();
    const ran = deferred<number>();
    await queue.consume({
      'sessions.purge-expired': async ({ retentionDays }) => (ran.resolve(retentionDays), { deleted: 0 }),
      'summary.generate': async () => {
        throw new Error('not used here');
      },
      'task.remind': async () => {
        throw new Error('not used here');
      },
      'notification.deliver': async () => {
        throw new Error('not used here');
      },
      'document.convert': async () => {
        throw new Error('not used here');
      },
      'notice.generate': async () => {
        throw new Error('not used here');
      },
    });
    await write('in-process', 11);
    relay(queue).poke();
    expect(await ran.promise).toBe(11);
    await queue.close();
  });

  it('purges rows relayed longer ago than the retention, and only those', async () => {
    await write('old');
    await write('recent');
    await write('pending');
    await ds.query(`UPDATE outbox SET done_at = now() - interval '8 days' WHERE job_id = 'old'`);
    await ds.query(`UPDATE outbox SET done_at = now() - interval '6 days' WHERE job_id = 'recent'`);
    const r = relay(new RecordingQueue(async () => new Promise(() => undefined)), { enqueueTimeoutMs: 100 });
    r.poke(); // purges on its first round (the pending row's enqueue times out and backs off)
    await r.idle();
    expect((await rows()).map((x) => [x.job_id, x.done, x.attempts])).toEqual([
      ['recent', true, 0],
      ['pending', false, 1],
    ]);
    expect((await rows())[1].last_error).toMatch(/did not take the job within 100 ms/);
  });

  if (driver === 'postgres') {
    it('lets two relays share the table: a row one of them holds is skipped, never sent twice', async () => {
      await write('one');
      await write('two');
      const holding = deferred();
      const release = deferred();
      const slow = new RecordingQueue(async () => {
        holding.resolve();
        await release.promise;
      });
      const fast = new RecordingQueue();
      const a = relay(slow, { batchSize: 1 });
      const b = relay(fast, { batchSize: 10 });
      const first = a.relayBatch();
      await holding.promise; // a holds 'one' (locked, not yet done)
      expect(await b.relayBatch()).toEqual({ claimed: 1, relayed: 1, failed: 0 });
      expect(fast.enqueued.map((j) => j.jobId)).toEqual(['two']);
      release.resolve();
      expect(await first).toEqual({ claimed: 1, relayed: 1, failed: 0 });
      expect(slow.enqueued.map((j) => j.jobId)).toEqual(['one']);
      expect(await b.relayBatch()).toMatchObject({ claimed: 0 });
      expect((await rows()).every((x) => x.done)).toBe(true);
    });

    it('makes one BullMQ job of a row relayed twice (a relay that died before marking it done)', async () => {
      const prefix = `htt-outbox-${randomBytes(4).toString('hex')}`;
      const connection = redisConnection(TEST_REDIS_URL);
      const queue = new BullMqDriver(connection, prefix);
      const maintenance = new Queue('maintenance', { connection, prefix });
      try {
        await write('purge.once', 9);
        expect(await relay(queue).relayBatch()).toMatchObject({ relayed: 1 });
        await ds.query(`UPDATE outbox SET done_at = NULL`);
        expect(await relay(queue).relayBatch()).toMatchObject({ relayed: 1 });
        expect(await maintenance.getJobCounts('waiting', 'delayed', 'active', 'completed', 'failed')).toEqual({ waiting: 1, delayed: 0, active: 0, completed: 0, failed: 0 });
        expect((await maintenance.getJob('purge.once'))?.data).toEqual({ retentionDays: 9 });
      } finally {
        await maintenance.obliterate({ force: true });
        await maintenance.close();
        await queue.close();
      }
    });
  }
});
