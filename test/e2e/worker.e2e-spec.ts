import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { QueueEvents } from 'bullmq';
import { DataSource } from 'typeorm';
import { ENV, type Env } from '@app/config';
import { BullMqDriver, redisConnection } from '@app/queue';
import { startTestApp, type TestApp } from '../support/app';
import { TEST_REDIS_URL } from '../support/database';
import { UserSession } from '../support/session';

const ROOT = resolve(__dirname, '../..');
const WORKER = join(ROOT, 'dist/apps/worker/apps/worker/src/main.js');

/** The worker as its own process, without HTTP, consuming BullMQ on the real Redis against the real PostgreSQL. */
describe('the worker process', () => {
  let t: TestApp;
  let worker: ChildProcess | undefined;
  let events: QueueEvents | undefined;
  let driver: BullMqDriver | undefined;

  beforeAll(async () => {
    if (!existsSync(WORKER)) throw new Error('build the worker first: npx nest build worker');
    t = await startTestApp();
  });
  afterAll(async () => {
    await events?.close();
    await driver?.close();
    if (worker && worker.exitCode === null) worker.kill('SIGKILL');
    await t.close();
  });

  it('refuses to start without PostgreSQL and Redis, naming both', async () => {
    const child = spawn(process.execPath, [WORKER], { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += String(d)));
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(1);
    expect(stderr).toMatch(/DATABASE_URL: is required by the worker/);
    expect(stderr).toMatch(/REDIS_URL: is required by the worker/);
  });

  it('boots without HTTP, runs its schedule and jobs from the queue, and stops cleanly', async () => {
    const env = t.app.get<Env>(ENV);
    const db = t.app.get(DataSource);
    const sidOf = (s: UserSession) => JSON.parse(Buffer.from(s.token.split('.')[1], 'base64url').toString()).sid as string;
    const expire = (sid: string) => db.query(`UPDATE sessions SET expires_at = now() - interval '40 days' WHERE id = $1`, [sid]);
    const first = sidOf(await UserSession.signIn(t.baseUrl, 'viewer'));
    const second = sidOf(await UserSession.signIn(t.baseUrl, 'chair'));
    await expire(first);

    const connection = redisConnection(TEST_REDIS_URL);
    events = new QueueEvents('maintenance', { connection, prefix: env.REDIS_PREFIX });
    await events.waitUntilReady();
    const completed = (match: (jobId: string) => boolean) =>
      new Promise<unknown>((resolve) => events!.on('completed', (e) => match(e.jobId) && resolve(e.returnvalue)));
    const scheduled = completed((id) => id.startsWith('repeat:'));

    worker = spawn(process.execPath, [WORKER], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: env.DATABASE_URL!, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: env.REDIS_PREFIX, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    // The repeating purge runs once as soon as the worker has registered it.
    expect(await scheduled).toEqual({ deleted: 1 });

    await expire(second);
    driver = new BullMqDriver(connection, env.REDIS_PREFIX);
    const onDemand = completed((id) => id === 'purge-now');
    await driver.enqueue('sessions.purge-expired', { retentionDays: 30 }, { jobId: 'purge-now' });
    expect(await onDemand).toEqual({ deleted: 1 });
    expect(await db.query(`SELECT id FROM sessions WHERE id = ANY($1)`, [[first, second]])).toEqual([]);

    // Nest closes the queues on SIGTERM, then re-raises the signal to end the process.
    const exited = new Promise<[number | null, string | null]>((r) => worker!.on('exit', (code, signal) => r([code, signal])));
    worker.kill('SIGTERM');
    expect([[0, null], [null, 'SIGTERM']]).toContainEqual(await exited);
  });
});
