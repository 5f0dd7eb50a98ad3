import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import { listTasksQuerySchema, type AssignedTask, type MinutesEntry, type Page, type TaskStatus } from '@app/contracts';
import type { AuthUser } from '../common/auth-user';
import { CommonException } from '../common/domain.exception';
import { AccountEntity } from '../accounts/account.entity';
import { MeetingEntity } from '../meetings/meeting.entities';
import { MeetingsService } from '../meetings/meetings.service';
import { OrganizationEntity } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { AssignedTaskEntity } from './task.entities';
import { TaskErrorCode, TaskException } from './task.exception';

/**
 * Tasks assigned in published minutes ("giao Bộ Ngoại giao chủ trì ..."): made
 * from each published revision's task entries, then moved along by the lead
 * organization's people.
 */
@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly meetings: MeetingsService,
    private readonly organizations: OrganizationsService,
  ) {}

  /**
   * Tasks an account's organizations lead or co-operate on (all of them for root roles), and those of the
   * meetings the account writes the minutes for: the secretary follows what her meetings assigned.
   */
  async list(user: AuthUser, q: z.output<typeof listTasksQuerySchema>): Promise<Page<AssignedTask>> {
    const scope = await this.meetings.visibleOrganizationIds(user);
    const qb = this.db.getRepository(AssignedTaskEntity).createQueryBuilder('t');
    // the meeting role the policy reads (meeting_secretaries), asked as the policy asks it
    const ownMeetings = `EXISTS (SELECT 1 FROM meeting_secretaries s WHERE s.meeting_id = t.meeting_id AND s.account_id = :me)`;
    const writes =
      scope !== 'all' &&
      (await this.db.query(`SELECT EXISTS (SELECT 1 FROM meeting_secretaries WHERE account_id = $1) AS yes`, [user.id]))[0].yes === true;
    if (scope !== 'all') {
      qb.andWhere(`(t.lead_organization_id IN (:...scope) OR t.co_organization_ids ?| ARRAY[:...scopeText]::text[] OR ${ownMeetings})`, {
        scope: scope.length ? scope : ['00000000-0000-0000-0000-000000000000'],
        scopeText: scope.length ? scope : ['none'],
        me: user.id,
      });
    }
    // another organization's register is refused, not answered with an empty page that reads as "no tasks"
    // (a secretary may ask: she sees that organization's tasks from her own meetings)
    if (q.organizationId && scope !== 'all' && !scope.includes(q.organizationId) && !writes) throw CommonException.forbidden('Not an organization whose tasks you may see');
    if (q.organizationId && scope !== 'all' && !scope.includes(q.organizationId)) qb.andWhere(`(${ownMeetings})`, { me: user.id });
    if (q.organizationId) qb.andWhere(`(t.lead_organization_id = :org OR t.co_organization_ids ? :orgText)`, { org: q.organizationId, orgText: q.organizationId });
    if (q.status) qb.andWhere('t.status = :status', { status: q.status });
    if (q.dueFrom) qb.andWhere('t.deadline >= :dueFrom', { dueFrom: q.dueFrom });
    if (q.dueTo) qb.andWhere('t.deadline <= :dueTo', { dueTo: q.dueTo });
    const [rows, total] = await qb.orderBy('t.deadline', 'ASC', 'NULLS LAST').addOrderBy('t.id').skip(q.offset).take(q.limit).getManyAndCount();
    return { items: await this.views(rows), total, limit: q.limit, offset: q.offset };
  }

  /** The lead organization's people (and organizers above it) move a task along. */
  async update(user: AuthUser, taskId: string, status: Exclude<TaskStatus, 'withdrawn'>): Promise<AssignedTask> {
    const row = await this.db.getRepository(AssignedTaskEntity).findOneBy({ id: taskId });
    if (!row || row.status === 'withdrawn') throw new TaskException(TaskErrorCode.NotFound, 'Task not found', { taskId });
    const account = await this.db.getRepository(AccountEntity).findOneBy({ id: user.id });
    const member = account && (await this.organizations.ancestorIds(account.organizationId)).includes(row.leadOrganizationId);
    if (!member && !(await this.organizations.holdsRoleOver(user, ['organizer', 'admin'], row.leadOrganizationId))) {
      throw CommonException.forbidden('Only the lead organization updates its task');
    }
    row.status = status;
    row.updatedAt = new Date();
    await this.db.getRepository(AssignedTaskEntity).save(row);
    return (await this.views([row]))[0];
  }

  /**
   * The tasks of a newly published revision, in the publishing transaction (`m`): each task entry
   * with a lead organization is its task (kept, with its status, across revisions); a task whose
   * entry is gone from this revision is withdrawn.
   */
  async assignFromRevision(m: EntityManager, meetingId: string, revision: number, entries: MinutesEntry[]): Promise<void> {
    const tasks = entries.filter((e) => e.kind === 'task' && e.leadOrganizationId);
    for (const e of tasks) {
      await m
        .createQueryBuilder()
        .insert()
        .into(AssignedTaskEntity)
        .values({ meetingId, entryId: e.id, revision, description: e.text, leadOrganizationId: e.leadOrganizationId!, coOrganizationIds: e.coOrganizationIds, deadline: e.deadline, status: 'open', updatedAt: new Date() })
        .orUpdate(['revision', 'description', 'lead_organization_id', 'co_organization_ids', 'deadline', 'updated_at'], ['entry_id'])
        .execute();
    }
    await m
      .createQueryBuilder()
      .update(AssignedTaskEntity)
      .set({ status: 'withdrawn', updatedAt: new Date() })
      .where('meeting_id = :id', { id: meetingId })
      .andWhere(tasks.length ? 'entry_id NOT IN (:...kept)' : 'TRUE', { kept: tasks.map((t) => t.id) })
      .execute();
  }

  private async views(rows: AssignedTaskEntity[]): Promise<AssignedTask[]> {
    const orgIds = [...new Set(rows.flatMap((r) => [r.leadOrganizationId, ...r.coOrganizationIds]))];
    const orgs = new Map((orgIds.length ? await this.db.getRepository(OrganizationEntity).findBy({ id: In(orgIds) }) : []).map((o) => [o.id, o.name]));
    const meetings = new Map(
      (rows.length ? await this.db.getRepository(MeetingEntity).findBy({ id: In([...new Set(rows.map((r) => r.meetingId))]) }) : []).map((x) => [x.id, x.title]),
    );
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
    }));
  }
}
