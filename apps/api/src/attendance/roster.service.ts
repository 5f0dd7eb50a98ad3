import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  attendanceActionRequestSchema,
  bulkAttendanceRequestSchema,
  createAttendeeRequestSchema,
  updateAttendeeRequestSchema,
  type AttendanceSummary,
  type BulkAttendanceResult,
  type Attendee,
  type RosterImportResult,
  type AttendeeStatus,
  fieldError,
} from '@app/contracts';
import { compareVietnamese, foldForSearch, personSortKey } from '@app/vietnamese';
import type { AuthUser } from '../common/auth-user';
import { OrganizationEntity } from '../organizations/organization.entity';
import { MeetingEventsService, type MeetingTx } from '../meetings/meeting-events.service';
import { MeetingEndpointEntity, type MeetingEntity } from '../meetings/meeting.entities';
import { MeetingsService } from '../meetings/meetings.service';
import { AttendeeEntity } from './attendance.entities';
import { AttendanceErrorCode, AttendanceException } from './attendance.exception';
import { attendeeView, attendeesOf, emptyCounts, tally, votingMemberOf } from './attendance-views';
import { EndpointAccessService } from './endpoint-access.service';
import { parseCsvTable, parseXlsxTable, validateRosterTable, type RosterRow } from './roster-import';

/** Arriving later than this after the meeting started counts as late. */
export const LATE_AFTER_MS = 10 * 60_000;

export const personKeys = (fullName: string, position: string | null, unit: string | null) => ({
  searchText: foldForSearch([fullName, position, unit].filter(Boolean).join(' ')),
  sortKey: personSortKey(fullName),
});

/** What an attendance action does to a status; null when it makes no sense from there. */
function applyAttendance(
  status: AttendeeStatus,
  action: z.output<typeof attendanceActionRequestSchema>['action'],
  meeting: Pick<MeetingEntity, 'status' | 'actualStart' | 'scheduledStart'>,
  now: Date,
): { status: AttendeeStatus; checkedIn?: Date | null; checkedOut?: Date | null } | null {
  switch (action) {
    case 'check_in': {
      if (status === 'present' || status === 'late') return null;
      const started = meeting.actualStart ?? (meeting.status === 'live' ? meeting.scheduledStart : null);
      const late = started !== null && now.getTime() - started.getTime() > LATE_AFTER_MS;
      return { status: late ? 'late' : 'present', checkedIn: now, checkedOut: null };
    }
    case 'check_out':
      return status === 'present' || status === 'late' ? { status: 'left', checkedOut: now } : null;
    case 'excuse':
      return status === 'expected' || status === 'absent' ? { status: 'excused' } : null;
    case 'mark_absent':
      return status === 'expected' || status === 'excused' ? { status: 'absent' } : null;
    case 'reset':
      return { status: 'expected', checkedIn: null, checkedOut: null };
  }
}

/**
 * The same person on a roster: same name, position and unit once case and spacing are set aside
 * (diacritics count: "Hà" and "Hạ" are different people). Names are NFC already (the schemas normalize).
 */
export const personIdentity = (fullName: string, position: string | null, unit: string | null) =>
  [fullName, position ?? '', unit ?? ''].map((x) => x.toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim()).join('\u0000');

const OPEN_STATUSES = ['draft', 'scheduled', 'live', 'ended'];

@Injectable()
export class RosterService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: MeetingEventsService,
    private readonly meetings: MeetingsService,
    private readonly access: EndpointAccessService,
  ) {}

  /** Everyone on the meeting's rosters, read in `m` (the snapshot's transaction). */
  attendeesIn(m: EntityManager, meetingId: string): Promise<Attendee[]> {
    return attendeesOf(m, meetingId);
  }

  async list(user: AuthUser, meetingId: string, endpointId?: string): Promise<Attendee[]> {
    await this.meetings.requireVisible(user, meetingId);
    return attendeesOf(this.db.manager, meetingId, endpointId);
  }

  async create(user: AuthUser, meetingId: string, endpointId: string, input: z.output<typeof createAttendeeRequestSchema>): Promise<Attendee> {
    return this.events.command(meetingId, async (tx) => {
      const { meeting } = await this.openRoster(tx.manager, user, meetingId, endpointId);
      const now = new Date();
      const checkIn = input.walkIn ? applyAttendance('expected', 'check_in', meeting, now) : null;
      const row = await tx.manager.getRepository(AttendeeEntity).save(
        tx.manager.getRepository(AttendeeEntity).create({
          meetingId,
          endpointId,
          fullName: input.fullName,
          position: input.position ?? null,
          unit: input.unit ?? null,
          role: input.role,
          votingMember: votingMemberOf(input.role, input.votingMember),
          note: input.note ?? null,
          walkIn: input.walkIn,
          status: checkIn?.status ?? 'expected',
          arrivedLate: checkIn?.status === 'late',
          checkedInAt: checkIn?.checkedIn ?? null,
          checkedOutAt: null,
          version: 1,
          createdBy: user.id,
          ...personKeys(input.fullName, input.position ?? null, input.unit ?? null),
        }),
      );
      return (await this.emit(tx, meetingId, [row], user))[0];
    }, { shared: true });
  }

  /** Pre-registers a whole roster from CSV text or an .xlsx file: every row valid, or nothing saved. */
  async importRoster(user: AuthUser, meetingId: string, endpointId: string, source: { csv?: string; xlsx?: Buffer }): Promise<RosterImportResult> {
    const table = source.xlsx ? await parseXlsxTable(source.xlsx).catch(() => null) : parseCsvTable(source.csv ?? '');
    if (!table) throw new AttendanceException(AttendanceErrorCode.InvalidRoster, 'The file is not a readable .xlsx spreadsheet', {}, [fieldError('file', 'invalid_file', 'is not an .xlsx file')]);
    const { rows, errors } = validateRosterTable(table);
    if (errors.length) {
      throw new AttendanceException(
        AttendanceErrorCode.InvalidRoster,
        `The roster has ${errors.length} error(s); nothing was saved. First: line ${errors[0].line}, ${errors[0].field}: ${errors[0].reason}`,
        { rows: errors },
        errors.map(({ line, ...e }) => ({ ...e, field: `line ${line}: ${e.field}` })),
      );
    }
    return this.events.command(meetingId, async (tx) => {
      await this.openRoster(tx.manager, user, meetingId, endpointId);
      const repo = tx.manager.getRepository(AttendeeEntity);
      // A re-imported list (or a list naming someone twice) adds each person once: the rest are counted as merged.
      const known = new Set((await repo.find({ where: { endpointId }, select: { fullName: true, position: true, unit: true } })).map((a) => personIdentity(a.fullName, a.position, a.unit)));
      const fresh = rows.filter((r) => {
        const key = personIdentity(r.fullName, r.position, r.unit);
        if (known.has(key)) return false;
        known.add(key);
        return true;
      });
      const merged = rows.length - fresh.length;
      if (!fresh.length) return { created: [], merged };
      const saved = await repo.save(
        fresh.map((r: RosterRow) =>
          repo.create({
            meetingId,
            endpointId,
            fullName: r.fullName,
            position: r.position,
            unit: r.unit,
            role: r.role,
            votingMember: votingMemberOf(r.role, undefined),
            note: r.note,
            walkIn: false,
            status: 'expected',
            arrivedLate: false,
            checkedInAt: null,
            checkedOutAt: null,
            version: 1,
            createdBy: user.id,
            ...personKeys(r.fullName, r.position, r.unit),
          }),
        ),
        { chunk: 200 },
      );
      return { created: await this.emit(tx, meetingId, saved, user), merged };
    }, { shared: true });
  }

  async update(user: AuthUser, meetingId: string, endpointId: string, attendeeId: string, input: z.output<typeof updateAttendeeRequestSchema>): Promise<Attendee> {
    return this.events.command(meetingId, async (tx) => {
      await this.openRoster(tx.manager, user, meetingId, endpointId);
      const row = await this.lockAttendee(tx.manager, endpointId, attendeeId, input.version);
      const { version: _v, votingMember, ...fields } = input;
      const before = { role: row.role, votingMember: row.votingMember };
      Object.assign(row, Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
      row.votingMember = votingMemberOf(row.role, votingMember, before);
      Object.assign(row, personKeys(row.fullName, row.position, row.unit), { version: row.version + 1 });
      await tx.manager.getRepository(AttendeeEntity).save(row);
      return (await this.emit(tx, meetingId, [row], user))[0];
    }, { shared: true });
  }

  /** Check-in, check-out, excused, absent: one action, times from the server's clock. */
  async act(user: AuthUser, meetingId: string, endpointId: string, attendeeId: string, input: z.output<typeof attendanceActionRequestSchema>): Promise<Attendee> {
    return this.events.command(meetingId, async (tx) => {
      const { meeting } = await this.openRoster(tx.manager, user, meetingId, endpointId);
      const row = await this.lockAttendee(tx.manager, endpointId, attendeeId, input.version);
      const next = applyAttendance(row.status, input.action, meeting, new Date());
      if (!next) {
        throw new AttendanceException(AttendanceErrorCode.IllegalAttendanceChange, `Cannot ${input.action.replace('_', ' ')} someone who is ${row.status}`, {
          status: row.status,
          action: input.action,
          attendee: attendeeView(row),
        });
      }
      row.status = next.status;
      if (next.checkedIn !== undefined) row.checkedInAt = next.checkedIn;
      if (input.action === 'check_in' || input.action === 'reset') row.arrivedLate = next.status === 'late';
      if (next.checkedOut !== undefined) row.checkedOutAt = next.checkedOut;
      row.version += 1;
      await tx.manager.getRepository(AttendeeEntity).save(row);
      return (await this.emit(tx, meetingId, [row], user))[0];
    }, { shared: true });
  }

  /**
   * One action for several attendees of the endpoint (the operator selects several, or all): every id must be on
   * this endpoint's roster, or nothing changes (404); those the action makes no sense for are left as they are
   * and named in `unchanged`; when it makes sense for none of them, 409 and nothing changes.
   */
  async bulkAct(user: AuthUser, meetingId: string, endpointId: string, input: z.output<typeof bulkAttendanceRequestSchema>): Promise<BulkAttendanceResult> {
    return this.events.command(meetingId, async (tx) => {
      const { meeting } = await this.openRoster(tx.manager, user, meetingId, endpointId);
      const rows = await tx.manager.getRepository(AttendeeEntity).find({ where: { id: In(input.attendeeIds), endpointId }, order: { sortKey: 'ASC' }, lock: { mode: 'pessimistic_write' } });
      const found = new Set(rows.map((r) => r.id));
      const missing = input.attendeeIds.find((x) => !found.has(x));
      if (missing) throw new AttendanceException(AttendanceErrorCode.AttendeeNotFound, `Attendee ${missing} is not on this endpoint's roster; nothing was changed`, { attendeeId: missing });
      const now = new Date();
      const changed: AttendeeEntity[] = [];
      const unchanged: string[] = [];
      for (const row of rows) {
        const next = applyAttendance(row.status, input.action, meeting, now);
        if (!next) {
          unchanged.push(row.id);
          continue;
        }
        row.status = next.status;
        if (next.checkedIn !== undefined) row.checkedInAt = next.checkedIn;
        if (input.action === 'check_in' || input.action === 'reset') row.arrivedLate = next.status === 'late';
        if (next.checkedOut !== undefined) row.checkedOutAt = next.checkedOut;
        row.version += 1;
        changed.push(row);
      }
      if (!changed.length) {
        const first = rows[0];
        throw new AttendanceException(AttendanceErrorCode.IllegalAttendanceChange, `Cannot ${input.action.replace('_', ' ')} any of them (the first is ${first.status})`, {
          status: first.status,
          action: input.action,
          attendee: attendeeView(first),
        });
      }
      await tx.manager.getRepository(AttendeeEntity).save(changed, { chunk: 200 });
      return { changed: await this.emit(tx, meetingId, changed, user), unchanged };
    }, { shared: true });
  }

  async remove(user: AuthUser, meetingId: string, endpointId: string, attendeeId: string): Promise<void> {
    await this.events.command(meetingId, async (tx) => {
      await this.openRoster(tx.manager, user, meetingId, endpointId);
      await this.lockAttendee(tx.manager, endpointId, attendeeId);
      await tx.manager.getRepository(AttendeeEntity).delete({ id: attendeeId });
      await tx.append(meetingId, 'attendee.removed', { attendeeId, endpointId }, user.id);
    }, { shared: true });
  }

  async summary(user: AuthUser, meetingId: string): Promise<AttendanceSummary> {
    await this.meetings.requireVisible(user, meetingId);
    const m = this.db.manager;
    const endpoints = await m.getRepository(MeetingEndpointEntity).findBy({ meetingId });
    const orgs = new Map((endpoints.length ? await m.getRepository(OrganizationEntity).findBy({ id: In(endpoints.map((e) => e.organizationId)) }) : []).map((o) => [o.id, o]));
    const attendees = await m.getRepository(AttendeeEntity).findBy({ meetingId });
    const totals = emptyCounts();
    const byEndpoint = new Map(endpoints.map((e) => [e.id, { endpointId: e.id, name: orgs.get(e.organizationId)?.shortName ?? orgs.get(e.organizationId)?.name ?? '', organizationKind: orgs.get(e.organizationId)?.kind ?? 'other', ...emptyCounts() }]));
    const byKind = new Map<string, ReturnType<typeof emptyCounts> & { organizationKind: string }>();
    for (const a of attendees) {
      tally(totals, a.status);
      const ep = byEndpoint.get(a.endpointId);
      if (!ep) continue;
      tally(ep, a.status);
      const kind = byKind.get(ep.organizationKind) ?? { organizationKind: ep.organizationKind, ...emptyCounts() };
      tally(kind, a.status);
      byKind.set(ep.organizationKind, kind);
    }
    return {
      meetingId,
      totals,
      byEndpoint: [...byEndpoint.values()].sort((a, b) => compareVietnamese(a.name, b.name)),
      byOrganizationKind: [...byKind.values()].sort((a, b) => a.organizationKind.localeCompare(b.organizationKind)),
      // Late is about arrival: someone who came late and has since left still arrived late.
      lateArrivals: attendees
        .filter((a) => a.arrivedLate && a.checkedInAt)
        .sort((a, b) => (a.checkedInAt?.getTime() ?? 0) - (b.checkedInAt?.getTime() ?? 0))
        .map((a) => ({ attendeeId: a.id, fullName: a.fullName, endpointName: byEndpoint.get(a.endpointId)?.name ?? '', checkedInAt: a.checkedInAt!.toISOString() })),
    };
  }

  /** Every attendee of the meeting with their endpoint, for the CSV and XLSX exports. */
  async exportRows(user: AuthUser, meetingId: string) {
    const meeting = await this.meetings.requireVisible(user, meetingId);
    const m = this.db.manager;
    const endpoints = await m.getRepository(MeetingEndpointEntity).findBy({ meetingId });
    const orgs = new Map((endpoints.length ? await m.getRepository(OrganizationEntity).findBy({ id: In(endpoints.map((e) => e.organizationId)) }) : []).map((o) => [o.id, o]));
    const endpointName = new Map(endpoints.map((e) => [e.id, orgs.get(e.organizationId)?.shortName ?? orgs.get(e.organizationId)?.name ?? '']));
    const attendees = await m.getRepository(AttendeeEntity).find({ where: { meetingId }, order: { sortKey: 'ASC' } });
    attendees.sort((a, b) => compareVietnamese(endpointName.get(a.endpointId) ?? '', endpointName.get(b.endpointId) ?? ''));
    return { meeting, rows: attendees.map((a) => ({ endpoint: endpointName.get(a.endpointId) ?? '', attendee: attendeeView(a) })) };
  }

  private async openRoster(m: EntityManager, user: AuthUser, meetingId: string, endpointId: string) {
    const found = await this.access.requireActor(user, meetingId, endpointId, m, 'roster.edit');
    if (!OPEN_STATUSES.includes(found.meeting.status)) {
      throw new AttendanceException(AttendanceErrorCode.RosterClosed, `The roster of a ${found.meeting.status.replace('_', ' ')} meeting is closed`, {
        status: found.meeting.status,
      });
    }
    return found;
  }

  private async lockAttendee(m: EntityManager, endpointId: string, attendeeId: string, version?: number): Promise<AttendeeEntity> {
    const row = await m.getRepository(AttendeeEntity).findOne({ where: { id: attendeeId, endpointId }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw new AttendanceException(AttendanceErrorCode.AttendeeNotFound, 'Attendee not found at this endpoint', { attendeeId });
    if (version !== undefined && row.version !== version) {
      throw new AttendanceException(AttendanceErrorCode.Stale, 'Someone else changed this attendee; here is the current entry', { attendee: attendeeView(row) });
    }
    return row;
  }

  private async emit(tx: MeetingTx, meetingId: string, rows: AttendeeEntity[], user: AuthUser): Promise<Attendee[]> {
    const views = rows.map(attendeeView);
    await tx.append(meetingId, 'attendees.upserted', { attendees: views }, user.id);
    return views;
  }
}
