import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { Client } from 'pg';
import { summaryJobId, type MeetingWriteResult } from '@app/contracts';
import { redisConnection } from '@app/queue';
import { BROWSER_ADMIN_PASSWORD, startApiProcess, type RunningApi } from '../support/browser';
import { TEST_REDIS_URL } from '../support/database';
import { orgByCode } from '../support/factories';
import { UserSession } from '../support/session';
import { day } from '../support/time';

const ROOT = resolve(__dirname, '../..');
const WORKER = join(ROOT, 'dist/apps/worker/apps/worker/src/main.js');

/**
 * The outbox against a real crash: the built api, on PostgreSQL and Redis,
 * kills itself (SIGKILL, TEST_CRASH_AFTER_COMMIT) right after committing a
 * meeting's end, before anything after the commit has run. The end and the
 * report's job are both in the database; the next api process relays the job,
 * and the worker makes exactly one report.
 */
describe('a crash right after a commit', () => {
  let crashed: RunningApi | undefined;
  let restarted: RunningApi | undefined;
  let worker: ChildProcess | undefined;
  let pg: Client | undefined;
  let summaries: Queue | undefined;
  let events: QueueEvents | undefined;

  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((r) => worker!.once('exit', r));
      worker.kill('SIGTERM');
      await exited;
    }
    await events?.close();
    await summaries?.obliterate({ force: true });
    await summaries?.close();
    await pg?.end();
    await restarted?.stop();
    await crashed?.stop(); // owns the database: dropped last
  });

  it('loses no report: the row left in the outbox is relayed after a restart, once', async () => {
    if (!existsSync(WORKER)) throw new Error('build the worker first: npx nest build worker');
    crashed = await startApiProcess({ TEST_CRASH_AFTER_COMMIT: 'meeting.end' }, { web: false });
    const api = crashed;
    const died = new Promise<NodeJS.Signals | null>((r) => api.child.once('exit', (_code, signal) => r(signal)));
    const organizer = await UserSession.signIn(api.baseUrl, 'organizer', BROWSER_ADMIN_PASSWORD);
    const chair = await UserSession.signIn(api.baseUrl, 'chair', BROWSER_ADMIN_PASSWORD);
    const bng = await orgByCode(organizer, 'BNG');
    const meetingId = (
      await organizer.post<MeetingWriteResult>('/api/meetings', { kind: 'working', title: 'Họp rà soát sau sự cố máy chủ', hostOrganizationId: bng.id, chairId: chair.account.id, scheduledStart: day(1, '14:00'), scheduledEnd: day(1, '16:00') })
    ).body.meeting.id;
    const api_ = (path: string) => `/api/meetings/${meetingId}${path}`;
    expect((await organizer.post(api_('/transitions'), { action: 'schedule' })).status).toBe(200);
    expect((await chair.post(api_('/transitions'), { action: 'start' })).status).toBe(200);

    // The end commits, and the process dies before it answers.
    await expect(chair.post(api_('/transitions'), { action: 'end' })).rejects.toThrow();
    expect(await died).toBe('SIGKILL');

    pg = new Client({ connectionString: api.databaseUrl });
    await pg.connect();
    const connection = redisConnection(TEST_REDIS_URL);
    summaries = new Queue('summaries', { connection, prefix: api.redisPrefix });
    const jobId = summaryJobId(meetingId, 0);
    expect((await pg.query(`SELECT status, actual_end IS NOT NULL AS ended FROM meetings WHERE id = $1`, [meetingId])).rows).toEqual([{ status: 'ended', ended: true }]);
    const outbox = () => pg!.query(`SELECT job, payload, job_id, done_at IS NOT NULL AS done FROM outbox ORDER BY id`).then((r) => r.rows);
    expect(await outbox()).toEqual([{ job: 'summary.generate', payload: { meetingId, revision: 0 }, job_id: jobId, done: false }]);
    expect((await pg.query(`SELECT revision, status FROM meeting_reports WHERE meeting_id = $1`, [meetingId])).rows).toEqual([{ revision: 0, status: 'queued' }]);
    expect(await summaries.getJob(jobId)).toBeUndefined(); // nothing reached the queue

    // Restarted without the fault, next to a worker: the relay sends the job left behind.
    events = new QueueEvents('summaries', { connection, prefix: api.redisPrefix });
    await events.waitUntilReady();
    const completed = new Promise<unknown>((r) => events!.on('completed', (e) => e.jobId === jobId && r(e.returnvalue)));
    worker = spawn(process.execPath, [WORKER], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATABASE_URL: api.databaseUrl, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: api.redisPrefix, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    restarted = await startApiProcess({}, { sameDataAs: api, web: false });
    expect(await completed).toEqual({ meetingId, revision: 0, reused: false, stagesMs: expect.objectContaining({ facts: expect.any(Number), save: expect.any(Number) }) });

    expect(await outbox()).toEqual([expect.objectContaining({ job_id: jobId, done: true })]);
    expect(await summaries.getJobCounts('completed', 'waiting', 'active', 'delayed', 'failed')).toEqual({ completed: 1, waiting: 0, active: 0, delayed: 0, failed: 0 });
    expect((await pg.query(`SELECT revision, status FROM meeting_reports WHERE meeting_id = $1`, [meetingId])).rows).toEqual([{ revision: 0, status: 'done' }]);
    const viewer = await UserSession.signIn(restarted.baseUrl, 'organizer', BROWSER_ADMIN_PASSWORD);
    expect((await viewer.get<{ revision: number; status: string }[]>(api_('/reports'))).body).toEqual([expect.objectContaining({ revision: 0, status: 'done' })]);
  });
});
