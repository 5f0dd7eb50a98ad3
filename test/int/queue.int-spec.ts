import { randomBytes } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import { BullMqDriver, redisConnection, type JobHandlerMap } from '@app/queue';
import { TEST_REDIS_URL } from '../support/database';

/** these tests run maintenance jobs only */
const unused = async (): Promise<never> => {
  throw new Error('not used here');
};

/** The BullMQ path on the real Redis: each test run under its own key prefix. */
describe('BullMqDriver on Redis', () => {
  const prefix = `htt-test-${randomBytes(4).toString('hex')}`;
  const connection = redisConnection(TEST_REDIS_URL);
  let driver: BullMqDriver;
  let events: QueueEvents;

  beforeEach(async () => {
    driver = new BullMqDriver(connection, prefix);
    events = new QueueEvents('maintenance', { connection, prefix });
    await events.waitUntilReady();
  });
  afterEach(async () => {
    await events.close();
    await driver.close();
  });
  afterAll(async () => {
    const q = new Queue('maintenance', { connection, prefix });
    await q.obliterate({ force: true });
    await q.close();
  });

  const completed = (jobId: string) =>
    new Promise<{ returnvalue: unknown }>((resolve, reject) => {
      events.on('completed', (e) => e.jobId === jobId && resolve({ returnvalue: e.returnvalue }));
      events.on('failed', (e) => e.jobId === jobId && e.failedReason.includes('final') && reject(new Error(e.failedReason)));
    });

  it('runs a job once when the same id is enqueued twice', async () => {
    let runs = 0;
    const handlers: JobHandlerMap = { 'sessions.purge-expired': async ({ retentionDays }) => (runs++, { deleted: retentionDays }), 'summary.generate': unused, 'task.remind': unused, 'notification.deliver': unused, 'document.convert': unused, 'notice.generate': unused };
    const a = await driver.enqueue('sessions.purge-expired', { retentionDays: 3 }, { jobId: 'purge-once' });
    const b = await driver.enqueue('sessions.purge-expired', { retentionDays: 4 }, { jobId: 'purge-once' });
    expect(a.id).toBe(b.id);
    const done = completed('purge-once');
    await driver.consume(handlers, 1);
    expect((await done).returnvalue).toEqual({ deleted: 3 });
    const counts = await driver.queue('maintenance').getJobCounts('completed', 'waiting', 'delayed', 'failed');
    expect(counts).toMatchObject({ completed: 1, waiting: 0, delayed: 0, failed: 0 });
    expect(runs).toBe(1);
  });

  it('retries with backoff after failures and completes once', async () => {
    const attempts: number[] = [];
    await driver.consume(
      {
        'summary.generate': unused,
        'task.remind': unused,
        'notification.deliver': unused,
        'document.convert': unused,
        'notice.generate': unused,
        'sessions.purge-expired': async (_, ctx) => {
          attempts.push(ctx.attempt);
          if (ctx.attempt < 3) throw new Error('database unavailable');
          return { deleted: 7 };
        },
      },
      1,
    );
    const done = completed('retry-me');
    await driver.enqueue('sessions.purge-expired', { retentionDays: 1 }, { jobId: 'retry-me' });
    expect((await done).returnvalue).toEqual({ deleted: 7 });
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('keeps one schedule per scheduler id however often it is set', async () => {
    await driver.schedule('purge', 'sessions.purge-expired', { retentionDays: 30 }, 3_600_000);
    await driver.schedule('purge', 'sessions.purge-expired', { retentionDays: 30 }, 3_600_000);
    expect(await driver.queue('maintenance').getJobSchedulersCount()).toBe(1);
  });
});
