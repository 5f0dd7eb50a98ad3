import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { QueueEvents } from 'bullmq';
import { DataSource } from 'typeorm';
import { summaryJobId, type MeetingWriteResult } from '@app/contracts';
import { BullMqDriver, buildJobHandlers, redisConnection } from '@app/queue';
import { composeSummary, loadSummaryFacts, OfficeConverter, ReportStore } from '@app/reports';
import { startTestApp, type TestApp } from '../support/app';
import { TEST_REDIS_URL } from '../support/database';
import { orgByCode } from '../support/factories';
import { UserSession } from '../support/session';
import { day } from '../support/time';

const ROOT = resolve(__dirname, '../..');
const WORKER = join(ROOT, 'dist/apps/worker/apps/worker/src/main.js');

/** A LibreOffice that converts nothing: fails the first `failures` times, then does the real work. */
class FlakyOffice extends OfficeConverter {
  calls = 0;
  constructor(private readonly failures: number) {
    super();
  }
  override async convert(docx: Buffer): Promise<Buffer> {
    if (++this.calls <= this.failures) throw new Error(`LibreOffice crashed (${this.calls})`);
    return super.convert(docx);
  }
}

/** a report made (not reused) says how long each stage took */
const MADE_STAGES = expect.objectContaining({ facts: expect.any(Number), compose: expect.any(Number), docx: expect.any(Number), pdf: expect.any(Number), save: expect.any(Number), progress: expect.any(Number) });

/**
 * Report jobs on the real Redis (BullMQ) and PostgreSQL: duplicates collapse,
 * failures retry to one report, and a worker killed in the middle of a job
 * leaves nothing half-written and the job completes once on another worker.
 */
describe('report jobs', () => {
  let t: TestApp;
  let db: DataSource;
  let store: ReportStore;
  let organizer: UserSession;
  let chair: UserSession;
  const closers: (() => Promise<unknown>)[] = [];

  /** a meeting that has ended, through the API */
  const endedMeeting = async (title: string) => {
    const bng = await orgByCode(organizer, 'BNG');
    const id = (await organizer.post<MeetingWriteResult>('/api/meetings', { kind: 'working', title, hostOrganizationId: bng.id, chairId: chair.account.id, scheduledStart: day(1, '14:00'), scheduledEnd: day(1, '16:00') })).body.meeting.id;
    await organizer.post(`/api/meetings/${id}/endpoints`, { organizationId: (await orgByCode(organizer, 'LANG_SON')).id });
    for (const [who, action] of [[organizer, 'schedule'], [chair, 'start'], [chair, 'end']] as const) {
      const res = await who.post(`/api/meetings/${id}/transitions`, { action });
      if (res.status !== 200) throw new Error(`${action}: ${res.status}`);
    }
    return id;
  };

  /** a BullMQ namespace of its own, so the api's own report jobs stay out of the way */
  const namespace = async () => {
    const prefix = `htt-r-${randomBytes(4).toString('hex')}`;
    const driver = new BullMqDriver(redisConnection(TEST_REDIS_URL), prefix, 2000);
    const events = new QueueEvents('summaries', { connection: redisConnection(TEST_REDIS_URL), prefix });
    await events.waitUntilReady();
    closers.push(() => events.close(), () => driver.close());
    const completed = (jobId: string) => new Promise<unknown>((res) => events.on('completed', (e) => e.jobId === jobId && res(e.returnvalue)));
    const progressed = (jobId: string, percent: number) => new Promise<void>((res) => events.on('progress', (e) => e.jobId === jobId && e.data === percent && res()));
    const activeAgain = (jobId: string) => new Promise<void>((res) => events.on('active', (e) => e.jobId === jobId && e.prev === 'waiting' && res()));
    return { prefix, driver, completed, progressed, activeAgain };
  };

  const rows = (meetingId: string) => db.query(`SELECT revision, status, attempts, summary IS NOT NULL AS has_summary, docx IS NOT NULL AS has_docx, pdf IS NOT NULL AS has_pdf, summary FROM meeting_reports WHERE meeting_id = $1`, [meetingId]);

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    store = new ReportStore(db);
    organizer = await UserSession.signIn(t.baseUrl, 'organizer');
    chair = await UserSession.signIn(t.baseUrl, 'chair');
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    await t.close();
  });

  it('makes one report when the same report is enqueued twice', async () => {
    const meetingId = await endedMeeting('Họp giao ban tháng Mười hai');
    await db.query(`DELETE FROM meeting_reports WHERE meeting_id = $1`, [meetingId]); // the api's own request, left unconsumed
    const { driver, completed } = await namespace();
    const office = new OfficeConverter();
    closers.push(() => office.close());
    const jobId = summaryJobId(meetingId, 0);
    await store.request(meetingId, 0);
    const a = await driver.enqueue('summary.generate', { meetingId, revision: 0 }, { jobId });
    const b = await driver.enqueue('summary.generate', { meetingId, revision: 0 }, { jobId });
    expect(b.id).toBe(a.id);
    const done = completed(jobId);
    await driver.consume(buildJobHandlers({ db, office }), 2);
    expect(await done).toEqual({ meetingId, revision: 0, reused: false, stagesMs: MADE_STAGES });
    expect(await driver.queue('summaries').getJobCounts('completed', 'waiting', 'active', 'delayed', 'failed')).toEqual({ completed: 1, waiting: 0, active: 0, delayed: 0, failed: 0 });
    const [row, ...others] = await rows(meetingId);
    expect(others).toEqual([]);
    expect(row).toMatchObject({ revision: 0, status: 'done', attempts: 1, has_summary: true, has_docx: true, has_pdf: true });
    expect(row.summary.meeting.title).toBe('Họp giao ban tháng Mười hai');
  });

  it('retries a failing report with backoff and saves it once', async () => {
    const meetingId = await endedMeeting('Họp chuyên đề về chuyển đổi số');
    await db.query(`DELETE FROM meeting_reports WHERE meeting_id = $1`, [meetingId]);
    const { driver, completed } = await namespace();
    const office = new FlakyOffice(2);
    closers.push(() => office.close());
    const jobId = summaryJobId(meetingId, 0);
    await store.request(meetingId, 0);
    const done = completed(jobId);
    await driver.consume(buildJobHandlers({ db, office }), 1);
    await driver.enqueue('summary.generate', { meetingId, revision: 0 }, { jobId });
    expect(await done).toEqual({ meetingId, revision: 0, reused: false, stagesMs: MADE_STAGES });
    expect(office.calls).toBe(3);
    const all = await rows(meetingId);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ status: 'done', attempts: 3, has_pdf: true });
    expect((await store.state(meetingId, 0))?.error).toBeNull();
    // Running the job again (a late duplicate) finds the report done and leaves it as it was.
    const before = (await rows(meetingId))[0].summary;
    const again = await buildJobHandlers({ db, office })['summary.generate']({ meetingId, revision: 0 }, { jobId, attempt: 1, attempts: 1, updateProgress: async () => undefined });
    expect(again).toEqual({ meetingId, revision: 0, reused: true });
    expect((await rows(meetingId))[0].summary).toEqual(before);
  });

  it('survives a worker killed in the middle of a job: nothing half-written, then exactly one correct report', async () => {
    if (!existsSync(WORKER)) throw new Error('build the worker first: npx nest build worker');
    const meetingId = await endedMeeting('Hội nghị sơ kết 6 tháng đầu năm');
    await db.query(`DELETE FROM meeting_reports WHERE meeting_id = $1`, [meetingId]);
    const { prefix, driver, completed, progressed, activeAgain } = await namespace();
    const jobId = summaryJobId(meetingId, 0);
    // The first worker's office hangs, so the job is certainly in the middle (converting to PDF) when it dies.
    const dir = mkdtempSync(join(tmpdir(), 'htt-hung-office-'));
    closers.push(async () => rmSync(dir, { recursive: true, force: true }));
    // (it watches the worker that started it, and goes when the worker has gone)
    writeFileSync(join(dir, 'soffice'), '#!/bin/sh\nP=$PPID\nwhile kill -0 $P 2>/dev/null; do sleep 0.2; done\n');
    chmodSync(join(dir, 'soffice'), 0o755);
    const JOB_LOCK_MS = 2000;
    const startWorker = (env: Record<string, string>): ChildProcess => {
      const child = spawn(process.execPath, [WORKER], {
        detached: true, // its own process group: killing the group takes its office along, like a crashed machine
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATABASE_URL: t.databaseUrl!, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, LOG_LEVEL: 'info', JOB_LOCK_MS: String(JOB_LOCK_MS), ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      child.stdout!.resume();
      return child;
    };
    const consuming = (child: ChildProcess) =>
      new Promise<void>((res) => {
        let out = '';
        child.stdout!.on('data', (d) => {
          out += String(d);
          if (out.includes('worker consuming queues')) res();
        });
      });
    const killGroup = (child: ChildProcess) => {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid!, 'SIGKILL');
      return exited;
    };

    await store.request(meetingId, 0);
    const inPdf = progressed(jobId, 50);
    await driver.enqueue('summary.generate', { meetingId, revision: 0 }, { jobId });
    const first = startWorker({ OFFICE_BIN: join(dir, 'soffice') });
    closers.push(() => killGroup(first));
    await inPdf;
    // The other worker is already running when the first dies, as in production.
    const second = startWorker({});
    closers.push(() => killGroup(second));
    await consuming(second);
    const takenOver = activeAgain(jobId);
    const done = completed(jobId);
    const killedAt = performance.now();
    await killGroup(first);
    expect(await rows(meetingId)).toEqual([expect.objectContaining({ status: 'running', has_summary: false, has_docx: false, has_pdf: false })]);

    // The job's lock expires at most JOB_LOCK_MS after the death, and the survivor's stalled check runs every
    // JOB_LOCK_MS/6 (stalledJobSettings in libs/queue/src/bullmq.driver.ts): about JOB_LOCK_MS, not the 2x it was.
    await takenOver;
    const takeoverMs = performance.now() - killedAt;
    process.stdout.write(`job of the killed worker taken over after ${Math.round(takeoverMs)} ms (JOB_LOCK_MS=${JOB_LOCK_MS})\n`);
    expect(takeoverMs).toBeLessThan(JOB_LOCK_MS * 1.5);
    expect(await done).toEqual({ meetingId, revision: 0, reused: false, stagesMs: MADE_STAGES });
    expect(await driver.queue('summaries').getJobCounts('completed', 'failed', 'active', 'waiting')).toEqual({ completed: 1, failed: 0, active: 0, waiting: 0 });
    const all = await rows(meetingId);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ status: 'done', has_summary: true, has_docx: true, has_pdf: true });
    const expected = composeSummary(await loadSummaryFacts(db, meetingId, 0), new Date(all[0].summary.generatedAt));
    expect(all[0].summary).toEqual(JSON.parse(JSON.stringify(expected)));
  });
});
