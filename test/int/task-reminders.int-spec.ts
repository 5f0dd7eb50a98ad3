import { getDataSourceToken } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { AssignedTask, Organization, Page, TaskDetail } from '@app/contracts';
import { localDateOf, taskDueAt, taskReminderJobId } from '@app/contracts';
import { redisConnection } from '@app/queue';
import { startTestApp, type TestApp } from '../support/app';
import { TEST_REDIS_URL } from '../support/database';
import { newAccount, newPublishedMeeting, orgByCode } from '../support/factories';
import { UserSession } from '../support/session';
import { day } from '../support/time';
import { startWorker } from '../support/worker';

const inDays = (n: number) => localDateOf(new Date(Date.now() + n * 86_400_000));
const OFFSETS = ['7d', '1d', 'overdue'];

/** Resolves when `check` holds, looking again after each answer (no fixed sleeps); fails with `what` after `ms`. */
async function until<T>(what: string, check: () => Promise<T | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

/**
 * Task reminders on the real PostgreSQL and Redis, the built worker as its own process (issue 20): reminders are
 * outbox rows delayed to their time, relayed to BullMQ with job ids per (task, deadline version, offset), and
 * recorded once by the job itself.
 */
describe('task reminders on PostgreSQL, Redis and the worker', () => {
  let app: TestApp;
  let db: DataSource;
  let reminders: Queue;
  let secretary: UserSession;
  let lead: UserSession;
  let tasks: AssignedTask[];
  let bng: Organization;

  const pending = (taskId: string): Promise<{ job_id: string; available_at: Date }[]> =>
    db.query(`SELECT job_id, available_at FROM outbox WHERE done_at IS NULL AND job_id LIKE $1 ORDER BY available_at`, [`task-remind.${taskId}.%`]);
  const sent = (taskId?: string): Promise<{ job_id: string; recipient_ids: string[]; escalated: boolean }[]> =>
    db.query(`SELECT job_id, recipient_ids, escalated FROM task_reminders ${taskId ? 'WHERE task_id = $1' : ''} ORDER BY job_id`, taskId ? [taskId] : []);
  const drained = async () => {
    const c = await reminders.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(c).every((n) => n === 0);
  };

  beforeAll(async () => {
    app = await startTestApp({ env: { TASK_REMINDER_OFFSETS: '7d,1d', OUTBOX_POLL_MS: '100' } });
    db = app.app.get<DataSource>(getDataSourceToken());
    reminders = new Queue('reminders', { connection: redisConnection(TEST_REDIS_URL), prefix: app.redisPrefix });
    const admin = await UserSession.signIn(app.baseUrl, 'admin');
    const chair = await UserSession.signIn(app.baseUrl, 'chair');
    const vpcp = await orgByCode(admin, 'VPCP');
    bng = await orgByCode(admin, 'BNG');
    const bca = await orgByCode(admin, 'BCA');
    secretary = await (await newAccount(admin, 'secretary', vpcp.id, { fullName: 'Trần Thị Thư' })).session();
    lead = await (await newAccount(admin, 'viewer', bng.id, { fullName: 'Phạm Thu Hằng' })).session();
    const meetingId = await newPublishedMeeting(
      { organizer: admin, chair, secretary },
      {
        title: 'Phiên họp Chính phủ thường kỳ',
        hostOrganizationId: vpcp.id,
        start: day(1, '08:00'),
        end: day(1, '11:00'),
        tasks: [
          { text: 'Giao Bộ Ngoại giao xây dựng báo cáo', leadOrganizationId: bng.id, deadline: inDays(20) },
          { text: 'Giao Bộ Công an rà soát', leadOrganizationId: bca.id, deadline: inDays(25) },
          { text: 'Giao Bộ Ngoại giao chuẩn bị đề án', leadOrganizationId: bng.id, deadline: inDays(30) },
        ],
      },
    );
    tasks = (await secretary.get<Page<AssignedTask>>(`/api/tasks?meetingId=${meetingId}`)).body.items;
  });
  afterAll(async () => {
    await reminders?.close();
    await app?.close();
  });

  it('plans each task’s reminders as delayed outbox rows at their times: 7 and 1 days before at 08:00, overdue at local midnight', async () => {
    for (const t of tasks) {
      const rows = await pending(t.id);
      expect(rows.map((r) => r.job_id)).toEqual(OFFSETS.map((o) => taskReminderJobId(t.id, 0, o)));
      const due = taskDueAt(t.deadline!).getTime();
      expect(rows.map((r) => r.available_at.getTime())).toEqual([due - 7 * 86_400_000 - 16 * 3600_000, due - 86_400_000 - 16 * 3600_000, due]);
    }
  });

  it('sends each reminder once when the worker is killed while they are due, and after its restart, with the relay retried', async () => {
    const [a, b] = tasks.filter((t) => t.leadOrganizationId !== bng.id).concat(tasks.filter((t) => t.leadOrganizationId === bng.id)).slice(0, 2);
    const ids = [a, b].flatMap((t) => OFFSETS.map((o) => taskReminderJobId(t.id, 0, o)));
    let worker = startWorker(app, { JOB_LOCK_MS: '1000' });
    // time passes: the six reminders of two tasks are due now
    await db.query(`UPDATE outbox SET available_at = now() WHERE job_id = ANY($1::text[])`, [ids]);
    await until('the first reminder sent', async () => (await sent()).length > 0);
    await worker.kill();
    // the relay runs again over the same reminders (a relay that died before marking its rows done)
    await db.query(`UPDATE outbox SET done_at = NULL, available_at = now() WHERE job_id = ANY($1::text[])`, [ids]);
    await until('the outbox relayed again', async () => (await db.query(`SELECT count(*)::int AS n FROM outbox WHERE done_at IS NULL AND job_id = ANY($1::text[])`, [ids]))[0].n === 0);
    worker = startWorker(app, { JOB_LOCK_MS: '1000' });
    await until('all six sent', async () => (await sent()).length === 6);
    await until('the queue drained', async () => (await drained()) || false);
    await worker.stop();
    const rows = await sent();
    expect(rows.map((r) => r.job_id)).toEqual([...ids].sort());
    // the overdue ones went to the assigning secretariat too
    expect(rows.filter((r) => r.escalated).map((r) => r.recipient_ids.includes(secretary.account.id))).toEqual([true, true]);
    expect(rows.filter((r) => !r.escalated).every((r) => !r.recipient_ids.includes(secretary.account.id))).toBe(true);
    // each reminder is in its recipients' notification centre once
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM notifications WHERE kind IN ('task_reminder', 'task_overdue')`);
    expect(n).toBe(rows.reduce((sum, r) => sum + r.recipient_ids.length, 0));
    expect(n).toBeGreaterThan(0);
  });

  it('sends one reminder at the new time after the deadline moved twice; the older versions’ jobs are stale', async () => {
    const third = tasks.filter((x) => x.leadOrganizationId === bng.id).pop()!;
    for (const [n, deadline] of [[1, inDays(40)], [2, inDays(50)]] as const) {
      expect((await lead.post<TaskDetail>(`/api/tasks/${third.id}/actions`, { action: 'request_extension', deadline, text: `Xin gia hạn lần ${n}` })).status).toBe(200);
      expect((await secretary.post<TaskDetail>(`/api/tasks/${third.id}/actions`, { action: 'grant_extension' })).body.task.deadlineVersion).toBe(n);
    }
    const rows = await pending(third.id);
    expect(rows.map((r) => r.job_id)).toEqual(OFFSETS.map((o) => taskReminderJobId(third.id, 2, o)));
    expect(rows[1].available_at.getTime()).toBe(taskDueAt(inDays(50)).getTime() - 86_400_000 - 16 * 3600_000);
    // jobs of the older versions already in the queue (relayed before the deadline moved), and the new one due now
    for (const v of [0, 1]) await reminders.add('task.remind', { taskId: third.id, deadlineVersion: v, offset: '1d' }, { jobId: taskReminderJobId(third.id, v, '1d') });
    await db.query(`UPDATE outbox SET available_at = now() WHERE job_id = $1`, [taskReminderJobId(third.id, 2, '1d')]);
    const worker = startWorker(app);
    await until('the new reminder sent', async () => (await sent(third.id)).length === 1);
    await until('the queue drained', async () => (await drained()) || false);
    await worker.stop();
    expect((await sent(third.id)).map((r) => r.job_id)).toEqual([taskReminderJobId(third.id, 2, '1d')]);
    for (const v of [0, 1]) expect((await reminders.getJob(taskReminderJobId(third.id, v, '1d')))?.returnvalue).toEqual({ sent: false, reason: 'stale_deadline' });
  });

  it('cancels the pending reminders of a task accepted before they are due, and a reminder of a closed task sends nothing', async () => {
    const bca = tasks.find((x) => x.leadOrganizationId !== bng.id)!;
    const admin = await UserSession.signIn(app.baseUrl, 'admin');
    // the Bộ Công an task: its lead (the admin acts for any agency) reports it done, the secretariat accepts it
    await admin.post(`/api/tasks/${bca.id}/actions`, { action: 'report_done' });
    await secretary.post(`/api/tasks/${bca.id}/actions`, { action: 'accept' });
    expect(await pending(bca.id)).toEqual([]);
    // a reminder already in the queue for it (planned before it closed) runs and sends nothing
    const jobId = taskReminderJobId(bca.id, 0, '12h');
    await reminders.add('task.remind', { taskId: bca.id, deadlineVersion: 0, offset: '12h' }, { jobId });
    const before = (await sent(bca.id)).length;
    const worker = startWorker(app);
    await until('the queue drained', async () => (await drained()) || false);
    await worker.stop();
    expect((await reminders.getJob(jobId))?.returnvalue).toEqual({ sent: false, reason: 'task_closed' });
    expect((await sent(bca.id)).length).toBe(before);
  });
});
