import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  startOfLocalDay,
  type Meeting,
  type MeetingStatus,
  type MeetingSnapshot,
  type MeetingWriteResult,
  type MyMeetings,
  type Page,
  type SchedulingConflict,
  createMeetingRequestSchema,
  listMeetingsQuerySchema,
  meetingTransitionRequestSchema,
  updateMeetingRequestSchema,
  fieldError,
} from '@app/contracts';
import { escapeLike, foldForSearch } from '@app/vietnamese';
import type { AuthUser } from '../common/auth-user';
import { CommonException } from '../common/domain.exception';
import { AccountEntity } from '../accounts/account.entity';
import { OrganizationEntity } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { MeetingPolicy } from '../policy/meeting-policy';
import { findConflicts } from './conflicts';
import { MeetingEventsService, type MeetingTx } from './meeting-events.service';
import { EDITABLE_STATUSES, nextStatus } from './meeting-lifecycle';
import { agendaView, endpointViews, meetingViews } from './meeting-views';
import { AgendaItemEntity, MeetingEndpointEntity, MeetingEntity, MeetingSecretaryEntity } from './meeting.entities';
import { MeetingErrorCode, MeetingException } from './meeting.exception';

type CreateInput = z.output<typeof createMeetingRequestSchema>;
type UpdateInput = z.output<typeof updateMeetingRequestSchema>;
type TransitionInput = z.output<typeof meetingTransitionRequestSchema>;
type ListInput = z.output<typeof listMeetingsQuerySchema>;

const NIL = '00000000-0000-0000-0000-000000000000';

@Injectable()
export class MeetingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: MeetingEventsService,
    private readonly organizations: OrganizationsService,
    private readonly policy: MeetingPolicy,
  ) {}

  // ---------- access ----------

  /** Organizations whose meetings this account sees: its own and its roles' organizations, with every body below them; 'all' for root roles. */
  async visibleOrganizationIds(user: AuthUser, m: EntityManager = this.db.manager): Promise<string[] | 'all'> {
    if (await this.organizations.holdsRoleOver(user, ['admin', 'organizer'], null, m)) return 'all';
    const account = await m.getRepository(AccountEntity).findOneBy({ id: user.id });
    const roots = new Set([...(account ? [account.organizationId] : []), ...user.roles.map((r) => r.organizationId)]);
    const ids = new Set<string>();
    for (const id of roots) (await this.organizations.subtreeIds(id, m)).forEach((x) => ids.add(x));
    return [...ids];
  }

  /** Loads a meeting the caller may see (404 otherwise, so existence is not revealed). */
  async requireVisible(user: AuthUser, meetingId: string, m: EntityManager = this.db.manager): Promise<MeetingEntity> {
    return this.policy.visibleMeeting(user, meetingId, m);
  }

  /**
   * The meeting's newest seq (null for no such meeting), for callers that reuse what they read
   * at a seq. Every answer comes from a read that started after the call (a follower that just
   * joined the room relies on it), but callers of one turn of the event loop share that read:
   * a storm of subscribes to one meeting costs one query per turn, not one each.
   */
  seqOf(meetingId: string): Promise<number | null> {
    let next = this.nextSeqRead.get(meetingId);
    if (!next) {
      next = new Promise<number | null>((resolve, reject) =>
        setImmediate(() => {
          this.nextSeqRead.delete(meetingId); // started: later callers wait for the next read
          this.db.query('SELECT seq FROM meetings WHERE id = $1', [meetingId]).then((rows: { seq: string | number }[]) => resolve(rows[0] ? Number(rows[0].seq) : null), reject);
        }),
      );
      this.nextSeqRead.set(meetingId, next);
    }
    return next;
  }
  private readonly nextSeqRead = new Map<string, Promise<number | null>>();

  /** The meeting row locked for a change by an organizer of its host organization. */
  async lockForOrganizer(user: AuthUser, meetingId: string, tx: MeetingTx, capability: 'meeting.edit' | 'agenda.edit' | 'endpoints.manage' = 'meeting.edit'): Promise<MeetingEntity> {
    await this.policy.require(user, meetingId, capability, undefined, tx.manager);
    return tx.lockMeeting(meetingId);
  }

  assertEditable(row: MeetingEntity) {
    if (!EDITABLE_STATUSES.includes(row.status)) {
      throw new MeetingException(MeetingErrorCode.NotEditable, `A ${row.status} meeting can no longer be changed this way`, { status: row.status });
    }
  }

  // ---------- reads ----------

  async get(user: AuthUser, id: string): Promise<Meeting> {
    const row = await this.requireVisible(user, id);
    return (await meetingViews(this.db.manager, [row]))[0];
  }

  async list(user: AuthUser, q: ListInput): Promise<Page<Meeting>> {
    const filter = await this.policy.visibilityFilter(user, this.db.manager);
    const qb = this.db.getRepository(MeetingEntity).createQueryBuilder('m').where(filter.sql, filter.params);
    if (q.q?.trim()) qb.andWhere(`m.search_text LIKE :q ESCAPE '\\'`, { q: `%${escapeLike(foldForSearch(q.q))}%` });
    if (q.status?.length) qb.andWhere('m.status IN (:...statuses)', { statuses: q.status });
    if (q.organizationId) {
      qb.andWhere(
        '(m.host_organization_id = :org OR EXISTS (SELECT 1 FROM meeting_endpoints e2 WHERE e2.meeting_id = m.id AND e2.organization_id = :org))',
        { org: q.organizationId },
      );
    }
    // Days are days in Asia/Ho_Chi_Minh: a meeting belongs to every local day it touches.
    if (q.from) qb.andWhere('m.scheduled_end > :from', { from: startOfLocalDay(q.from) });
    if (q.to) qb.andWhere('m.scheduled_start < :to', { to: new Date(startOfLocalDay(q.to).getTime() + 86_400_000) });
    const [rows, total] = await qb.orderBy('m.scheduled_start', 'ASC').addOrderBy('m.id').skip(q.offset).take(q.limit).getManyAndCount();
    return { items: await meetingViews(this.db.manager, rows), total, limit: q.limit, offset: q.offset };
  }

  /** The caller's meetings by the part it plays, upcoming and current first (ended ones of the last 30 days too). */
  async mine(user: AuthUser): Promise<MyMeetings> {
    const since = new Date(Date.now() - 30 * 86_400_000);
    const base = () =>
      this.db
        .getRepository(MeetingEntity)
        .createQueryBuilder('m')
        .where('m.scheduled_end > :since', { since })
        .andWhere(`m.status <> 'cancelled'`)
        .orderBy('m.scheduled_start', 'ASC')
        .take(100);
    const organizerOrgs = user.roles.filter((r) => r.role === 'organizer' || r.role === 'admin').map((r) => r.organizationId);
    const organizing: MeetingEntity[] = [];
    if (organizerOrgs.length) {
      const scope = await this.visibleOrganizationIds({ ...user, roles: user.roles.filter((r) => r.role === 'organizer' || r.role === 'admin') });
      organizing.push(...(await (scope === 'all' ? base() : base().andWhere('m.host_organization_id IN (:...scope)', { scope: scope.length ? scope : [NIL] })).getMany()));
    }
    const filter = await this.policy.visibilityFilter(user, this.db.manager);
    const [chairing, secretary, operating, attending] = await Promise.all([
      base().andWhere('m.chair_id = :me', { me: user.id }).getMany(),
      base().andWhere('EXISTS (SELECT 1 FROM meeting_secretaries s WHERE s.meeting_id = m.id AND s.account_id = :me)', { me: user.id }).getMany(),
      base()
        .andWhere('EXISTS (SELECT 1 FROM meeting_endpoints e JOIN meeting_endpoint_operators o ON o.endpoint_id = e.id WHERE e.meeting_id = m.id AND o.account_id = :me)', { me: user.id })
        .getMany(),
      base().andWhere(filter.sql, filter.params).getMany(),
    ]);
    const v = (rows: MeetingEntity[]) => meetingViews(this.db.manager, rows);
    return { chairing: await v(chairing), secretary: await v(secretary), organizing: await v(organizing), operating: await v(operating), attending: await v(attending) };
  }

  /**
   * The meeting's own part of a snapshot, read in `m` (the snapshot's transaction): the meeting,
   * its agenda, its endpoints (`endpoints`, from endpointRows()) and the tech check.
   */
  async snapshotPart(m: EntityManager, row: MeetingEntity, endpoints: MeetingEndpointEntity[]): Promise<Pick<MeetingSnapshot, 'meeting' | 'agenda' | 'endpoints' | 'techCheck'>> {
    return {
      meeting: (await meetingViews(m, [row]))[0],
      agenda: await agendaView(m, row),
      endpoints: await endpointViews(m, endpoints),
      techCheck: { open: row.techCheckOpen, openedAt: row.techCheckOpenedAt?.toISOString() ?? null },
    };
  }

  endpointRows(m: EntityManager, meetingId: string): Promise<MeetingEndpointEntity[]> {
    return m.getRepository(MeetingEndpointEntity).findBy({ meetingId });
  }

  // ---------- writes ----------

  async create(user: AuthUser, input: CreateInput): Promise<MeetingWriteResult> {
    return this.events.transact(async (tx) => {
      const m = tx.manager;
      await this.requireOrganization(m, input.hostOrganizationId, 'hostOrganizationId');
      if (!(await this.organizations.holdsRoleOver(user, ['organizer', 'admin'], input.hostOrganizationId, m))) {
        throw CommonException.forbidden('Only an organizer of the host organization (or a body above it) may schedule its meetings');
      }
      await this.requireAccounts(m, [input.chairId, ...input.secretaryIds]);
      const start = new Date(input.scheduledStart);
      const end = new Date(input.scheduledEnd);
      const conflicts = await this.checkConflicts(m, { meetingId: null, start, end, chairId: input.chairId, secretaryIds: input.secretaryIds, organizationIds: [] }, input.overrideConflicts);
      const host = await m.getRepository(OrganizationEntity).findOneByOrFail({ id: input.hostOrganizationId });
      const row = await m.getRepository(MeetingEntity).save(
        m.getRepository(MeetingEntity).create({
          kind: input.kind,
          title: input.title,
          description: input.description ?? null,
          hostOrganizationId: input.hostOrganizationId,
          chairId: input.chairId,
          status: 'draft',
          visibility: input.visibility,
          scheduledStart: start,
          scheduledEnd: end,
          icalSequence: 0,
          seq: 0,
          agendaVersion: 0,
          version: 1,
          searchText: foldForSearch(`${input.title} ${host.shortName ?? ''} ${host.name}`),
          createdBy: user.id,
        }),
      );
      if (input.secretaryIds.length) await m.getRepository(MeetingSecretaryEntity).insert([...new Set(input.secretaryIds)].map((accountId) => ({ meetingId: row.id, accountId })));
      const meeting = (await meetingViews(m, [row]))[0];
      const event = await tx.append(row.id, 'meeting.created', { meeting }, user.id);
      return { meeting: { ...meeting, seq: event.seq }, conflicts };
    });
  }

  async update(user: AuthUser, id: string, input: UpdateInput): Promise<MeetingWriteResult> {
    return this.events.command(id, async (tx) => {
      const m = tx.manager;
      const row = await this.lockForOrganizer(user, id, tx);
      if (row.version !== input.version) {
        throw new MeetingException(MeetingErrorCode.Stale, 'The meeting was changed by someone else; reload it', { currentVersion: row.version, meeting: (await meetingViews(m, [row]))[0] });
      }
      this.assertEditable(row);
      if (input.chairId !== undefined || input.secretaryIds) await this.requireAccounts(m, [input.chairId ?? null, ...(input.secretaryIds ?? [])]);
      const start = input.scheduledStart ? new Date(input.scheduledStart) : row.scheduledStart;
      const end = input.scheduledEnd ? new Date(input.scheduledEnd) : row.scheduledEnd;
      if (end <= start) throw new MeetingException(MeetingErrorCode.InvalidAgenda, 'The end must be after the start', {}, [{ field: 'scheduledEnd', code: 'custom', params: { rule: 'end_after_start' }, reason: 'must be after scheduledStart' }]);
      const secretaryIds = input.secretaryIds ?? (await m.getRepository(MeetingSecretaryEntity).findBy({ meetingId: id })).map((s) => s.accountId);
      const chairId = input.chairId !== undefined ? input.chairId : row.chairId;
      const endpoints = await m.getRepository(MeetingEndpointEntity).findBy({ meetingId: id });
      const timeChanged = start.getTime() !== row.scheduledStart.getTime() || end.getTime() !== row.scheduledEnd.getTime();
      // Only what this edit books anew is checked: a new time slot books everyone again; otherwise only a
      // new chair or newly added secretaries. Editing the title alone books nothing, so it cannot conflict
      // with a booking someone else made (or one overridden earlier).
      const formerSecretaries = new Set(input.secretaryIds ? (await m.getRepository(MeetingSecretaryEntity).findBy({ meetingId: id })).map((s) => s.accountId) : secretaryIds);
      const booking = timeChanged
        ? { chairId, secretaryIds, organizationIds: endpoints.map((e) => e.organizationId) }
        : { chairId: chairId !== row.chairId ? chairId : null, secretaryIds: secretaryIds.filter((s) => !formerSecretaries.has(s)), organizationIds: [] };
      const conflicts = booking.chairId || booking.secretaryIds.length || booking.organizationIds.length ? await this.checkConflicts(m, { meetingId: id, start, end, ...booking }, input.overrideConflicts) : [];
      const host = await m.getRepository(OrganizationEntity).findOneByOrFail({ id: row.hostOrganizationId });
      Object.assign(row, {
        ...(input.kind ? { kind: input.kind } : {}),
        ...(input.title ? { title: input.title } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.visibility ? { visibility: input.visibility } : {}),
        chairId,
        scheduledStart: start,
        scheduledEnd: end,
        icalSequence: row.icalSequence + (timeChanged ? 1 : 0),
        version: row.version + 1,
      });
      row.searchText = foldForSearch(`${row.title} ${host.shortName ?? ''} ${host.name}`);
      await m.getRepository(MeetingEntity).save(row);
      if (input.secretaryIds) {
        await m.getRepository(MeetingSecretaryEntity).delete({ meetingId: id });
        if (secretaryIds.length) await m.getRepository(MeetingSecretaryEntity).insert([...new Set(secretaryIds)].map((accountId) => ({ meetingId: id, accountId })));
      }
      return this.emitMeeting(tx, row, 'meeting.updated', user, conflicts);
    });
  }

  async transition(user: AuthUser, id: string, input: TransitionInput): Promise<MeetingWriteResult> {
    const result = await this.events.command(id, async (tx) => {
      const m = tx.manager;
      // the chair starts and ends the meeting and closes it with its minutes; the rest is the organizer's
      const running = input.action === 'start' || input.action === 'end' || input.action === 'publish_minutes';
      await this.policy.require(user, id, running ? 'meeting.run' : 'meeting.schedule', undefined, m);
      const locked = await tx.lockMeeting(id);
      const from = locked.status;
      const to = nextStatus(from, input.action);
      if (!to) {
        throw new MeetingException(MeetingErrorCode.IllegalTransition, `Cannot ${input.action.replace('_', ' ')} a meeting that is ${from}`, {
          status: from,
          action: input.action,
        });
      }
      let conflicts: SchedulingConflict[] = [];
      let reason: string | null = null;
      const now = new Date();
      switch (input.action) {
        case 'schedule':
        case 'postpone': {
          const start = input.action === 'postpone' ? new Date(input.scheduledStart) : locked.scheduledStart;
          const end = input.action === 'postpone' ? new Date(input.scheduledEnd) : locked.scheduledEnd;
          if (start < now) throw new MeetingException(MeetingErrorCode.StartInPast, 'A meeting cannot be scheduled to start in the past', { scheduledStart: start.toISOString() }, [fieldError('scheduledStart', 'in_past', 'is in the past')]);
          const secretaries = (await m.getRepository(MeetingSecretaryEntity).findBy({ meetingId: id })).map((s) => s.accountId);
          const orgs = (await m.getRepository(MeetingEndpointEntity).findBy({ meetingId: id })).map((e) => e.organizationId);
          conflicts = await this.checkConflicts(m, { meetingId: id, start, end, chairId: locked.chairId, secretaryIds: secretaries, organizationIds: orgs }, input.overrideConflicts);
          if (input.action === 'postpone') {
            locked.scheduledStart = start;
            locked.scheduledEnd = end;
            locked.postponedReason = input.reason;
            locked.icalSequence += 1;
            reason = input.reason;
          }
          break;
        }
        case 'start':
          locked.actualStart = now;
          break;
        case 'end':
          locked.actualEnd = now;
          break;
        case 'cancel':
          locked.cancelledReason = input.reason;
          locked.icalSequence += 1;
          reason = input.reason;
          break;
        case 'publish_minutes':
          break;
      }
      locked.status = to;
      locked.version += 1;
      await m.getRepository(MeetingEntity).save(locked);
      const meeting = (await meetingViews(m, [locked]))[0];
      const event = await tx.append(id, 'meeting.status_changed', { meeting, from, to, reason }, user.id);
      return { meeting: { ...meeting, seq: event.seq }, conflicts };
    });
    if (input.action === 'end') this.events.crashPoint('meeting.end');
    return result;
  }

  // ---------- helpers shared with agenda and endpoints ----------

  async emitMeeting(tx: MeetingTx, row: MeetingEntity, type: 'meeting.updated', user: AuthUser, conflicts: SchedulingConflict[]): Promise<MeetingWriteResult> {
    const meeting = (await meetingViews(tx.manager, [row]))[0];
    const event = await tx.append(row.id, type, { meeting }, user.id);
    return { meeting: { ...meeting, seq: event.seq }, conflicts };
  }

  /** Conflicts are a 409 listing them, unless the caller overrides explicitly; then they come back as warnings. */
  async checkConflicts(m: EntityManager, req: Parameters<typeof findConflicts>[1], override: boolean): Promise<SchedulingConflict[]> {
    const conflicts = await findConflicts(m, req);
    if (conflicts.length && !override) {
      throw new MeetingException(
        MeetingErrorCode.Conflict,
        `Booked elsewhere at the same time: ${conflicts
          .slice(0, 3)
          .map((c) => `${c.subjectName} (${c.meetingTitle})`)
          .join('; ')}. Send overrideConflicts: true to go ahead.`,
        { conflicts },
      );
    }
    return conflicts;
  }

  /** Whether an agenda item is one of this meeting's (an item of another meeting is as unknown as none). */
  hasAgendaItem(m: EntityManager, meetingId: string, itemId: string): Promise<boolean> {
    return m.getRepository(AgendaItemEntity).existsBy({ id: itemId, meetingId });
  }

  async requireOrganization(m: EntityManager, id: string, field: string) {
    if (!(await m.getRepository(OrganizationEntity).existsBy({ id }))) {
      throw new MeetingException(MeetingErrorCode.UnknownOrganization, 'The organization does not exist', { organizationId: id }, [fieldError(field, 'not_found', 'does not exist')]);
    }
  }

  async requireAccounts(m: EntityManager, ids: (string | null)[]) {
    const wanted = [...new Set(ids.filter((x): x is string => !!x))];
    if (!wanted.length) return;
    const found = await m.getRepository(AccountEntity).findBy({ id: In(wanted), disabled: false });
    const missing = wanted.filter((id) => !found.some((a) => a.id === id));
    if (missing.length) {
      throw new MeetingException(MeetingErrorCode.UnknownAccount, 'A person named in the request has no active account', { accountIds: missing }, [
        fieldError('chairId/secretaryIds', 'not_found', `unknown account ${missing.join(', ')}`),
      ]);
    }
  }

  statusOf(row: MeetingEntity): MeetingStatus {
    return row.status;
  }
}
