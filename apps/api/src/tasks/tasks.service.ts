import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { z } from 'zod';
import {
  availableTaskActions,
  exportTasksQuerySchema,
  isTaskOverdue,
  listTasksQuerySchema,
  localDateOf,
  nextTaskState,
  parseReminderOffsets,
  taskReminderSchedule,
  TASK_ACTION_CAPABILITY,
  type AssignedTask,
  type MinutesEntry,
  type Page,
  type TaskActionRequest,
  type TaskDashboard,
  type TaskDetail,
  type TaskHistoryItem,
  type TaskRefusal,
  type ReminderOffset,
  type TaskState,
} from '@app/contracts';
import { ENV, type Env } from '@app/config';
import { writeOutbox } from '../outbox/outbox.store';
import type { AuthUser } from '../common/auth-user';
import { CommonException } from '../common/domain.exception';
import { AccountEntity } from '../accounts/account.entity';
import { MeetingEntity } from '../meetings/meeting.entities';
import { MeetingsService } from '../meetings/meetings.service';
import { OrganizationEntity } from '../organizations/organization.entity';
import { TaskPolicy } from '../policy/task-policy';
import { NotificationsService } from '../notifications/notifications.service';
import { AssignedTaskEntity, TaskHistoryEntity } from './task.entities';
import { TaskErrorCode, TaskException } from './task.exception';

type TaskFilter = z.output<typeof exportTasksQuerySchema>;
const NIL = '00000000-0000-0000-0000-000000000000';
const WORKING = `t.status IN ('assigned','in_progress','extended')`;
/** the most rows one export writes (a year of a whole government's tasks fits) */
const EXPORT_LIMIT = 20_000;

/** Monday and Sunday of the week of a local date. */
function weekOf(today: string): [string, string] {
  const d = new Date(`${today}T00:00:00Z`);
  const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000);
  return [monday.toISOString().slice(0, 10), new Date(monday.getTime() + 6 * 86_400_000).toISOString().slice(0, 10)];
}

function refusalException(r: TaskRefusal): TaskException {
  switch (r.code) {
    case 'task_illegal_action':
      return new TaskException(TaskErrorCode.IllegalAction, `A task ${r.status} cannot take ${r.action}`, { status: r.status, action: r.action });
    case 'deadline_in_the_past':
      return new TaskException(TaskErrorCode.DeadlinePast, 'The new deadline must lie after today and after the current deadline', { deadline: r.deadline }, [
        { field: 'deadline', code: 'in_past', params: {}, reason: 'must lie ahead' },
      ]);
    case 'task_no_extension_pending':
      return new TaskException(TaskErrorCode.NoExtensionPending, 'No extension request is pending');
    case 'task_extension_pending':
      return new TaskException(TaskErrorCode.ExtensionPending, 'An extension request is already pending', { deadline: r.deadline });
  }
}

/**
 * Tasks assigned in published minutes ("giao Bộ Ngoại giao chủ trì ..."): made from each published
 * revision's task entries, then followed up (progress, contributions, extensions, acceptance) by the
 * agencies and the assigning side, every change kept in task_history.
 */
@Injectable()
export class TasksService {
  private readonly offsets: ReminderOffset[];
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly meetings: MeetingsService,
    private readonly policy: TaskPolicy,
    private readonly notifications: NotificationsService,
    @Inject(ENV) env: Env,
  ) {
    this.offsets = parseReminderOffsets(env.TASK_REMINDER_OFFSETS);
  }

  /**
   * Tasks an account's organizations lead or co-operate on (all of them for root roles), and those of the
   * meetings the account writes the minutes for: the secretary follows what her meetings assigned.
   */
  async list(user: AuthUser, q: z.output<typeof listTasksQuerySchema>): Promise<Page<AssignedTask>> {
    const qb = await this.register(user, q);
    const [rows, total] = await qb.skip(q.offset).take(q.limit).getManyAndCount();
    return { items: await this.views(rows), total, limit: q.limit, offset: q.offset };
  }

  /** The filtered register, whole (up to EXPORT_LIMIT rows), for the XLSX export. */
  async exportRows(user: AuthUser, q: TaskFilter): Promise<AssignedTask[]> {
    return this.views(await (await this.register(user, q)).take(EXPORT_LIMIT).getMany());
  }

  /** Per lead agency in the caller's scope: assigned, open, overdue, awaiting acceptance, done on time and late. */
  async dashboard(user: AuthUser): Promise<TaskDashboard> {
    const qb = await this.register(user, {});
    const today = localDateOf(new Date());
    const onTime = `(t.reported_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= t.deadline OR t.deadline IS NULL`;
    const raw: { id: string; total: string; open: string; overdue: string; reported: string; on_time: string; late: string }[] = await qb
      .select('t.lead_organization_id', 'id')
      .addSelect(`COUNT(*) FILTER (WHERE t.status <> 'withdrawn')`, 'total')
      .addSelect(`COUNT(*) FILTER (WHERE ${WORKING})`, 'open')
      .addSelect(`COUNT(*) FILTER (WHERE ${WORKING} AND t.deadline < :today)`, 'overdue')
      .addSelect(`COUNT(*) FILTER (WHERE t.status = 'reported_done')`, 'reported')
      .addSelect(`COUNT(*) FILTER (WHERE t.status = 'accepted' AND (${onTime}))`, 'on_time')
      .addSelect(`COUNT(*) FILTER (WHERE t.status = 'accepted' AND NOT (${onTime}))`, 'late')
      .setParameter('today', today)
      .orderBy()
      .groupBy('t.lead_organization_id')
      .getRawMany();
    const names = await this.orgNames(raw.map((r) => r.id));
    const rows = raw
      .map((r) => ({
        organizationId: r.id,
        organizationName: names.get(r.id) ?? '',
        total: Number(r.total),
        open: Number(r.open),
        overdue: Number(r.overdue),
        reportedDone: Number(r.reported),
        doneOnTime: Number(r.on_time),
        doneLate: Number(r.late),
      }))
      .sort((a, b) => a.organizationName.localeCompare(b.organizationName, 'vi'));
    const sum = (k: 'total' | 'open' | 'overdue' | 'reportedDone' | 'doneOnTime' | 'doneLate') => rows.reduce((n, r) => n + r[k], 0);
    return { rows, totals: { total: sum('total'), open: sum('open'), overdue: sum('overdue'), reportedDone: sum('reportedDone'), doneOnTime: sum('doneOnTime'), doneLate: sum('doneLate') } };
  }

  async get(user: AuthUser, taskId: string): Promise<TaskDetail> {
    const row = await this.db.getRepository(AssignedTaskEntity).findOneBy({ id: taskId });
    if (!row) throw new TaskException(TaskErrorCode.NotFound, 'Task not found', { taskId });
    const caps = await this.policy.capabilities(user, row);
    // a task is not revealed to who has nothing to do with it
    if (!caps.includes('task.view')) throw new TaskException(TaskErrorCode.NotFound, 'Task not found', { taskId });
    return this.detail(row, caps);
  }

  /**
   * One follow-up action, in one transaction on the locked task: the policy decides who (403), the lifecycle
   * when (409/422), and the change is kept with who and when; nothing changes when either refuses.
   */
  async act(user: AuthUser, taskId: string, body: TaskActionRequest): Promise<TaskDetail> {
    const { row, caps } = await this.db.transaction(async (m) => {
      const row = await m.getRepository(AssignedTaskEntity).createQueryBuilder('t').setLock('pessimistic_write').where('t.id = :taskId', { taskId }).getOne();
      if (!row) throw new TaskException(TaskErrorCode.NotFound, 'Task not found', { taskId });
      const caps = await this.policy.capabilities(user, row, m);
      if (!caps.includes('task.view')) throw new TaskException(TaskErrorCode.NotFound, 'Task not found', { taskId });
      if (!caps.includes(TASK_ACTION_CAPABILITY[body.action])) {
        throw new TaskException(TaskErrorCode.NotParticipant, 'Only the lead agency reports, the co-operating agencies contribute, and the assigning side decides', { taskId });
      }
      const before: TaskState = { status: row.status, deadline: row.deadline, extensionRequested: row.extensionRequested, deadlineVersion: row.deadlineVersion };
      const next = nextTaskState(before, body, localDateOf(new Date()));
      if (!next.ok) throw refusalException(next.refusal);
      const account = await m.getRepository(AccountEntity).findOneBy({ id: user.id });
      const now = new Date();
      Object.assign(row, next.state, { updatedAt: now });
      if (body.action === 'report_done') row.reportedAt = now;
      await m.getRepository(AssignedTaskEntity).save(row);
      await this.record(m, row.id, {
        action: body.action,
        actorId: user.id,
        organizationId: account?.organizationId ?? null,
        text: body.text ?? null,
        fromStatus: before.status,
        toStatus: row.status,
        deadlineBefore: before.deadline,
        deadlineAfter: body.action === 'request_extension' ? body.deadline : row.deadline,
      });
      await this.reschedule(m, row, now);
      return { row, caps };
    });
    return this.detail(row, caps);
  }

  /**
   * The tasks of a newly published revision, in the publishing transaction (`m`): each task entry
   * with a lead organization is its task (kept, with its status, across revisions; a moved deadline is a
   * new deadline version); a task whose entry is gone from this revision is withdrawn. Each change is kept.
   */
  async assignFromRevision(m: EntityManager, meetingId: string, revision: number, entries: MinutesEntry[]): Promise<void> {
    const meeting = await m.getRepository(MeetingEntity).findOneByOrFail({ id: meetingId });
    const tasks = entries.filter((e) => e.kind === 'task' && e.leadOrganizationId);
    const repo = m.getRepository(AssignedTaskEntity);
    const now = new Date();
    for (const e of tasks) {
      const row = await repo.findOneBy({ entryId: e.id });
      if (!row) {
        const created = await repo.save(
          repo.create({ meetingId, entryId: e.id, revision, description: e.text, leadOrganizationId: e.leadOrganizationId!, coOrganizationIds: e.coOrganizationIds, assigningOrganizationId: meeting.hostOrganizationId, deadline: e.deadline, status: 'assigned', extensionRequested: null, deadlineVersion: 0, reportedAt: null, updatedAt: now }),
        );
        await this.record(m, created.id, { action: 'assigned', toStatus: 'assigned', deadlineAfter: e.deadline, text: e.text });
        await this.reschedule(m, created, now);
        // the agencies hear of it: the lead's people and the co-operating agencies' people
        const deadline = e.deadline ? `, thời hạn ${e.deadline.split('-').reverse().join('/')}` : '';
        await this.notifications.notify(m, await this.notifications.accountsOf(m, [created.leadOrganizationId, ...created.coOrganizationIds]), {
          kind: 'task_assigned',
          title: `Nhiệm vụ mới: ${e.text.length > 120 ? `${e.text.slice(0, 119)}…` : e.text}`,
          body: `${meeting.title}: ${e.text}${deadline}.`,
          link: `/tasks/${created.id}`,
        });
        continue;
      }
      const moved = row.deadline !== e.deadline;
      const changed = moved || row.description !== e.text || row.leadOrganizationId !== e.leadOrganizationId || JSON.stringify(row.coOrganizationIds) !== JSON.stringify(e.coOrganizationIds);
      const deadlineBefore = row.deadline;
      Object.assign(row, { revision, description: e.text, leadOrganizationId: e.leadOrganizationId!, coOrganizationIds: e.coOrganizationIds, deadline: e.deadline, updatedAt: now });
      if (moved) row.deadlineVersion += 1;
      await repo.save(row);
      if (changed) await this.record(m, row.id, { action: 'revised', fromStatus: row.status, toStatus: row.status, deadlineBefore, deadlineAfter: row.deadline, text: e.text });
      if (moved) await this.reschedule(m, row, now);
    }
    const gone = await repo
      .createQueryBuilder('t')
      .where('t.meeting_id = :id', { id: meetingId })
      .andWhere(`t.status <> 'withdrawn'`)
      .andWhere(tasks.length ? 't.entry_id NOT IN (:...kept)' : 'TRUE', { kept: tasks.map((t) => t.id) })
      .getMany();
    for (const row of gone) {
      const from = row.status;
      Object.assign(row, { status: 'withdrawn', extensionRequested: null, updatedAt: now });
      await repo.save(row);
      await this.record(m, row.id, { action: 'withdraw', fromStatus: from, toStatus: 'withdrawn', deadlineBefore: row.deadline, deadlineAfter: row.deadline, text: null });
      await this.reschedule(m, row, now);
    }
  }

  // ---------- reminders ----------

  /**
   * The task's reminders as it now stands, in the caller's transaction: pending outbox rows of another deadline
   * version (or of a task no longer worked on) are removed, and the ones still ahead are written with their
   * deterministic job ids (already pending: kept as they are). A reminder already relayed to the queue for an
   * older version is stale by the job's own version check when it runs.
   */
  private async reschedule(m: EntityManager, row: AssignedTaskEntity, now: Date): Promise<void> {
    const plan = taskReminderSchedule(row, this.offsets, now);
    const prefix = `task-remind.${row.id}.`;
    const keep = plan.map((p) => p.jobId);
    await m.query(`DELETE FROM outbox WHERE done_at IS NULL AND job_id LIKE $1 AND NOT (job_id = ANY($2::text[]))`, [`${prefix}%`, keep]);
    for (const p of plan) {
      await writeOutbox(m, 'task.remind', { taskId: row.id, deadlineVersion: row.deadlineVersion, offset: p.offset }, { jobId: p.jobId, availableAt: p.at });
    }
  }

  // ---------- the register ----------

  /** The tasks the caller may see, filtered, by deadline. */
  private async register(user: AuthUser, q: Partial<TaskFilter>): Promise<SelectQueryBuilder<AssignedTaskEntity>> {
    const scope = await this.meetings.visibleOrganizationIds(user);
    const qb = this.db.getRepository(AssignedTaskEntity).createQueryBuilder('t');
    // the meeting role the policy reads (meeting_secretaries), asked as the policy asks it
    const ownMeetings = `EXISTS (SELECT 1 FROM meeting_secretaries s WHERE s.meeting_id = t.meeting_id AND s.account_id = :me)`;
    const writes =
      scope !== 'all' &&
      (await this.db.query(`SELECT EXISTS (SELECT 1 FROM meeting_secretaries WHERE account_id = $1) AS yes`, [user.id]))[0].yes === true;
    if (scope !== 'all') {
      qb.andWhere(`(t.lead_organization_id IN (:...scope) OR t.co_organization_ids ?| ARRAY[:...scopeText]::text[] OR ${ownMeetings})`, {
        scope: scope.length ? scope : [NIL],
        scopeText: scope.length ? scope : ['none'],
        me: user.id,
      });
    }
    // another organization's register is refused, not answered with an empty page that reads as "no tasks"
    // (a secretary may ask: she sees that organization's tasks from her own meetings)
    for (const org of [q.organizationId, q.leadOrganizationId, q.coOrganizationId]) {
      if (org && scope !== 'all' && !scope.includes(org) && !writes) throw CommonException.forbidden('Not an organization whose tasks you may see');
      if (org && scope !== 'all' && !scope.includes(org)) qb.andWhere(`(${ownMeetings})`, { me: user.id });
    }
    if (q.organizationId) qb.andWhere(`(t.lead_organization_id = :org OR t.co_organization_ids ? :orgText)`, { org: q.organizationId, orgText: q.organizationId });
    if (q.leadOrganizationId) qb.andWhere('t.lead_organization_id = :lead', { lead: q.leadOrganizationId });
    if (q.coOrganizationId) qb.andWhere('t.co_organization_ids @> :co::jsonb', { co: JSON.stringify([q.coOrganizationId]) });
    if (q.meetingId) qb.andWhere('t.meeting_id = :meetingId', { meetingId: q.meetingId });
    if (q.assigningOrganizationId) qb.andWhere('t.assigning_organization_id = :assigning', { assigning: q.assigningOrganizationId });
    if (q.status) qb.andWhere('t.status = :status', { status: q.status });
    if (q.dueFrom) qb.andWhere('t.deadline >= :dueFrom', { dueFrom: q.dueFrom });
    if (q.dueTo) qb.andWhere('t.deadline <= :dueTo', { dueTo: q.dueTo });
    const today = localDateOf(new Date());
    if (q.overdue === true) qb.andWhere(`${WORKING} AND t.deadline < :today`, { today });
    if (q.overdue === false) qb.andWhere(`NOT (${WORKING} AND t.deadline IS NOT NULL AND t.deadline < :today)`, { today });
    if (q.dueThisWeek) {
      const [monday, sunday] = weekOf(today);
      qb.andWhere(`${WORKING} AND t.deadline BETWEEN :monday AND :sunday`, { monday, sunday });
    }
    return qb.orderBy('t.deadline', 'ASC', 'NULLS LAST').addOrderBy('t.id');
  }

  // ---------- views ----------

  private async record(m: EntityManager, taskId: string, h: Partial<TaskHistoryEntity> & Pick<TaskHistoryEntity, 'action' | 'toStatus'>): Promise<void> {
    await m.getRepository(TaskHistoryEntity).insert({ taskId, actorId: null, organizationId: null, text: null, fromStatus: null, deadlineBefore: null, deadlineAfter: null, at: new Date(), ...h });
  }

  private async detail(row: AssignedTaskEntity, caps: Awaited<ReturnType<TaskPolicy['capabilities']>>): Promise<TaskDetail> {
    const history = await this.db.getRepository(TaskHistoryEntity).find({ where: { taskId: row.id }, order: { id: 'ASC' } });
    const accounts = new Map(
      (await this.db.getRepository(AccountEntity).findBy({ id: In([...new Set(history.map((h) => h.actorId).filter((x): x is string => !!x))].concat(NIL)) })).map((a) => [a.id, a.fullName]),
    );
    const orgs = await this.orgNames(history.map((h) => h.organizationId).filter((x): x is string => !!x));
    const items: TaskHistoryItem[] = history.map((h) => ({
      id: h.id,
      action: h.action as TaskHistoryItem['action'],
      actorName: h.actorId ? (accounts.get(h.actorId) ?? null) : null,
      organizationName: h.organizationId ? (orgs.get(h.organizationId) ?? null) : null,
      text: h.text,
      fromStatus: h.fromStatus,
      toStatus: h.toStatus,
      deadlineBefore: h.deadlineBefore,
      deadlineAfter: h.deadlineAfter,
      at: h.at.toISOString(),
    }));
    return { task: (await this.views([row]))[0], history: items, actions: availableTaskActions(caps, row) };
  }

  private async orgNames(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    return new Map((unique.length ? await this.db.getRepository(OrganizationEntity).findBy({ id: In(unique) }) : []).map((o) => [o.id, o.name]));
  }

  private async views(rows: AssignedTaskEntity[]): Promise<AssignedTask[]> {
    const orgs = await this.orgNames(rows.flatMap((r) => [r.leadOrganizationId, r.assigningOrganizationId, ...r.coOrganizationIds]));
    const meetings = new Map(
      (rows.length ? await this.db.getRepository(MeetingEntity).findBy({ id: In([...new Set(rows.map((r) => r.meetingId))]) }) : []).map((x) => [x.id, x.title]),
    );
    const today = localDateOf(new Date());
    return rows.map((r) => ({
      id: r.id,
      meetingId: r.meetingId,
      meetingTitle: meetings.get(r.meetingId) ?? '',
      revision: r.revision,
      description: r.description,
      leadOrganizationId: r.leadOrganizationId,
      leadOrganizationName: orgs.get(r.leadOrganizationId) ?? '',
      coOrganizations: r.coOrganizationIds.map((id) => ({ id, name: orgs.get(id) ?? '' })),
      deadline: r.deadline,
      status: r.status,
      updatedAt: r.updatedAt.toISOString(),
      assigningOrganizationId: r.assigningOrganizationId,
      assigningOrganizationName: orgs.get(r.assigningOrganizationId) ?? '',
      overdue: isTaskOverdue(r, today),
      extensionRequested: r.extensionRequested,
      deadlineVersion: r.deadlineVersion,
    }));
  }
}
