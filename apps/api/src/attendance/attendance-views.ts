import { In, IsNull, type EntityManager } from 'typeorm';
import type { Attendee, AttendeeRole, AttendanceCounts, AttendeeStatus, EndpointPresence, RollCall } from '@app/contracts';
import { AccountEntity } from '../accounts/account.entity';
import type { MeetingEndpointEntity } from '../meetings/meeting.entities';
import { AttendeeEntity, RollCallEntity, RollCallResponseEntity } from './attendance.entities';

export const attendeeView = (a: AttendeeEntity): Attendee => ({
  id: a.id,
  meetingId: a.meetingId,
  endpointId: a.endpointId,
  fullName: a.fullName,
  position: a.position,
  unit: a.unit,
  role: a.role,
  votingMember: a.votingMember,
  status: a.status,
  checkedInAt: a.checkedInAt?.toISOString() ?? null,
  checkedOutAt: a.checkedOutAt?.toISOString() ?? null,
  walkIn: a.walkIn,
  note: a.note,
  version: a.version,
  updatedAt: a.updatedAt.toISOString(),
});

/** Only a delegate votes for the delegation; a delegate is a voting member unless marked otherwise. */
export const votingMemberOf = (role: AttendeeRole, asked: boolean | undefined, before?: { role: AttendeeRole; votingMember: boolean }): boolean =>
  role === 'delegate' && (asked ?? (before && before.role === 'delegate' ? before.votingMember : true));

export const presenceView = (e: MeetingEndpointEntity, devices: number): EndpointPresence => ({
  endpointId: e.id,
  state: e.presenceState,
  devices,
  lastSeenAt: e.lastSeenAt?.toISOString() ?? null,
  changedAt: e.presenceChangedAt?.toISOString() ?? null,
  readyAt: e.readyAt?.toISOString() ?? null,
  mediaTested: e.mediaTested,
});

export async function deviceCounts(m: EntityManager, endpointIds: string[]): Promise<Map<string, number>> {
  if (!endpointIds.length) return new Map();
  const rows: { endpoint_id: string; n: number }[] = await m.query(
    `SELECT endpoint_id, count(*)::int AS n FROM endpoint_connections WHERE endpoint_id = ANY($1) GROUP BY endpoint_id`,
    [endpointIds],
  );
  return new Map(rows.map((r) => [r.endpoint_id, r.n]));
}

export async function presenceViews(m: EntityManager, endpoints: MeetingEndpointEntity[]): Promise<EndpointPresence[]> {
  const counts = await deviceCounts(m, endpoints.map((e) => e.id));
  return endpoints.map((e) => presenceView(e, counts.get(e.id) ?? 0));
}

export async function attendeesOf(m: EntityManager, meetingId: string, endpointId?: string): Promise<Attendee[]> {
  const rows = await m.getRepository(AttendeeEntity).find({
    where: endpointId ? { meetingId, endpointId } : { meetingId },
    order: { sortKey: 'ASC', id: 'ASC' },
  });
  return rows.map(attendeeView);
}

/** The newest roll call of a meeting, open or closed, with who answered and who did not. */
export async function latestRollCall(m: EntityManager, meetingId: string, endpointIds: string[]): Promise<RollCall | null> {
  const call = (await m.getRepository(RollCallEntity).findOne({ where: { meetingId, closedAt: IsNull() } })) ??
    (await m.getRepository(RollCallEntity).findOne({ where: { meetingId }, order: { startedAt: 'DESC' } }));
  if (!call) return null;
  const responses = await m.getRepository(RollCallResponseEntity).find({ where: { rollCallId: call.id }, order: { confirmedAt: 'ASC' } });
  const people = responses.length
    ? new Map((await m.getRepository(AccountEntity).findBy({ id: In(responses.map((r) => r.confirmedBy).filter((x): x is string => !!x)) })).map((a) => [a.id, a.fullName]))
    : new Map<string, string>();
  const answered = new Set(responses.map((r) => r.endpointId));
  return {
    id: call.id,
    meetingId,
    startedAt: call.startedAt.toISOString(),
    closedAt: call.closedAt?.toISOString() ?? null,
    responses: responses.map((r) => ({
      endpointId: r.endpointId,
      presentCount: r.presentCount,
      confirmedBy: r.confirmedBy ?? '',
      confirmedByName: (r.confirmedBy && people.get(r.confirmedBy)) || '',
      confirmedAt: r.confirmedAt.toISOString(),
    })),
    missing: endpointIds.filter((id) => !answered.has(id)),
  };
}

export const emptyCounts = (): AttendanceCounts => ({ expected: 0, present: 0, late: 0, left: 0, excused: 0, absent: 0, total: 0 });

/** Adds one attendee to a tally. "present" counts everyone in the room now: on time or late. */
export function tally(counts: AttendanceCounts, status: AttendeeStatus): AttendanceCounts {
  counts[status] += 1;
  counts.total += 1;
  return counts;
}

/** People in the room: checked in and not gone. */
export const inRoom = (status: AttendeeStatus) => status === 'present' || status === 'late';
