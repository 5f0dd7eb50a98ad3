import type { JobHandlerMap } from './queue.types';
import { InProcessDriver } from './in-process.driver';

/** these tests run maintenance jobs only */
const unused = async (): Promise<never> => {
  throw new Error('not used here');
};

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

describe('InProcessDriver', () => {
  let driver: InProcessDriver;
  afterEach(() => driver.close());

  it('runs a job once however often the same id is enqueued', async () => {
    driver = new InProcessDriver(1);
    const done = deferred<number>();
    let runs = 0;
    await driver.consume({
      'summary.generate': unused,
      'task.remind': unused,
      'notification.deliver': unused,
      'document.convert': unused,
      'notice.generate': unused,
      'sessions.purge-expired': async ({ retentionDays }) => {
        runs++;
        done.resolve(retentionDays);
        return { deleted: 0 };
      },
    } satisfies JobHandlerMap);
    await driver.enqueue('sessions.purge-expired', { retentionDays: 7 }, { jobId: 'same' });
    await driver.enqueue('sessions.purge-expired', { retentionDays: 8 }, { jobId: 'same' });
    expect(await done.promise).toBe(7);
    const second = deferred<void>();
    await driver.enqueue('sessions.purge-expired', { retentionDays: 9 }, { jobId: 'other' });
    driver['handlers']!['sessions.purge-expired'] = async () => (second.resolve(), { deleted: 0 });
    await second.promise;
    expect(runs).toBe(1);
  });

  it('retries a failing job until it succeeds', async () => {
    driver = new InProcessDriver(1);
    const done = deferred<number>();
    let attempts = 0;
    await driver.consume({
      'summary.generate': unused,
      'task.remind': unused,
      'notification.deliver': unused,
      'document.convert': unused,
      'notice.generate': unused,
      'sessions.purge-expired': async (_, ctx) => {
        attempts++;
        if (ctx.attempt < 3) throw new Error('database away');
        done.resolve(ctx.attempt);
        return { deleted: 1 };
      },
    });
    await driver.enqueue('sessions.purge-expired', { retentionDays: 1 });
    expect(await done.promise).toBe(3);
    expect(attempts).toBe(3);
  });

  it('refuses a handler map that misses a job', async () => {
    driver = new InProcessDriver(1);
    await expect(driver.consume({} as JobHandlerMap)).rejects.toThrow(/missing \[sessions.purge-expired, summary.generate, task.remind, notification.deliver, document.convert, notice.generate\]/);
  });
});
