import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { Agenda, Headcount, Meeting, MeetingEndpoint, PersonRef } from '@app/contracts';
import { compareVietnamese } from '@app/vietnamese';
import { AccountEntity } from '../accounts/account.entity';
import { OrganizationEntity } from '../organizations/organization.entity';
import { computeAgendaTimes } from './agenda-times';
import {
  AgendaItemEntity,
  AgendaSessionEntity,
  MeetingEndpointEntity,
  MeetingEndpointOperatorEntity,
  MeetingEntity,
  MeetingSecretaryEntity,
} from './meeting.entities';

const person = (a: AccountEntity): PersonRef => ({ id: a.id, fullName: a.fullName, position: a.position });

/** Meeting rows as the API shows them, loaded in a fixed number of queries however many there are. */
export async function meetingViews(m: EntityManager, rows: MeetingEntity[]): Promise<Meeting[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const secretaries = await m.getRepository(MeetingSecretaryEntity).findBy({ meetingId: In(ids) });
  const accountIds = [...new Set([...rows.map((r) => r.chairId).filter((x): x is string => !!x), ...secretaries.map((s) => s.accountId)])];
  const accounts = new Map((accountIds.length ? await m.getRepository(AccountEntity).findBy({ id: In(accountIds) }) : []).map((a) => [a.id, a]));
  const orgs = new Map(
    (await m.getRepository(OrganizationEntity).findBy({ id: In([...new Set(rows.map((r) => r.hostOrganizationId))]) })).map((o) => [o.id, o]),
  );
  const counts: { meeting_id: string; n: number }[] = await m.query(
    `SELECT meeting_id, count(*)::int AS n FROM meeting_endpoints WHERE meeting_id = ANY($1) GROUP BY meeting_id`,
    [ids],
  );
  const countOf = new Map(counts.map((c) => [c.meeting_id, c.n]));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    description: r.description,
    hostOrganizationId: r.hostOrganizationId,
    hostOrganizationName: orgs.get(r.hostOrganizationId)?.name ?? '',
    chair: r.chairId && accounts.get(r.chairId) ? person(accounts.get(r.chairId)!) : null,
    secretaries: secretaries
      .filter((s) => s.meetingId === r.id)
      .map((s) => accounts.get(s.accountId))
      .filter((a): a is AccountEntity => !!a)
      .map(person)
      .sort((a, b) => compareVietnamese(a.fullName, b.fullName)),
    status: r.status,
    visibility: r.visibility,
    scheduledStart: r.scheduledStart.toISOString(),
    scheduledEnd: r.scheduledEnd.toISOString(),
    actualStart: r.actualStart?.toISOString() ?? null,
    actualEnd: r.actualEnd?.toISOString() ?? null,
    postponedReason: r.postponedReason,
    cancelledReason: r.cancelledReason,
    endpointCount: countOf.get(r.id) ?? 0,
    seq: r.seq,
    agendaVersion: r.agendaVersion,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

export async function agendaView(m: EntityManager, meeting: MeetingEntity): Promise<Agenda> {
  const sessions = await m.getRepository(AgendaSessionEntity).find({ where: { meetingId: meeting.id }, order: { position: 'ASC' } });
  const items = await m.getRepository(AgendaItemEntity).find({ where: { meetingId: meeting.id }, order: { position: 'ASC' } });
  return {
    meetingId: meeting.id,
    version: meeting.agendaVersion,
    sessions: computeAgendaTimes(
      meeting.scheduledStart,
      sessions.map((s) => ({
        id: s.id,
        title: s.title,
        fixedStart: s.fixedStart,
        items: items
          .filter((i) => i.sessionId === s.id)
          .map((i) => ({ id: i.id, title: i.title, durationMinutes: i.durationMinutes, presenter: i.presenter, responsibleOrganizationId: i.responsibleOrganizationId })),
      })),
    ),
  };
}

/** Endpoints with their organizations and operators: the host first, then in Vietnamese order. */
export async function endpointViews(m: EntityManager, rows: MeetingEndpointEntity[]): Promise<MeetingEndpoint[]> {
  if (!rows.length) return [];
  const orgs = new Map((await m.getRepository(OrganizationEntity).findBy({ id: In(rows.map((r) => r.organizationId)) })).map((o) => [o.id, o]));
  const ops = await m.getRepository(MeetingEndpointOperatorEntity).findBy({ endpointId: In(rows.map((r) => r.id)) });
  const accounts = new Map(
    (ops.length ? await m.getRepository(AccountEntity).findBy({ id: In([...new Set(ops.map((o) => o.accountId))]) }) : []).map((a) => [a.id, a]),
  );
  return rows
    .map((r) => {
      const org = orgs.get(r.organizationId);
      return {
        id: r.id,
        meetingId: r.meetingId,
        organizationId: r.organizationId,
        organizationName: org?.name ?? '',
        organizationShortName: org?.shortName ?? null,
        isHost: r.isHost,
        locationName: r.locationName,
        contactName: r.contactName,
        contactPhone: r.contactPhone,
        joinCode: r.joinCode,
        operators: ops
          .filter((o) => o.endpointId === r.id)
          .map((o) => accounts.get(o.accountId))
          .filter((a): a is AccountEntity => !!a)
          .map(person),
        createdAt: r.createdAt.toISOString(),
        parentEndpointId: r.parentEndpointId,
        attendanceMode: r.attendanceMode,
        capacity: r.capacity,
        headcount: headcountView(r),
        sortKey: org?.sortKey ?? '',
      };
    })
    .sort((a, b) => Number(b.isHost) - Number(a.isHost) || (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
    .map(({ sortKey: _sortKey, ...e }) => e);
}

/** A site's headcount as reported, null until it reports. */
export function headcountView(r: MeetingEndpointEntity): Headcount | null {
  if (r.headcountLeaders === null || r.headcountOfficials === null || r.headcountMembers === null || !r.headcountAt) return null;
  return {
    leaders: r.headcountLeaders,
    officials: r.headcountOfficials,
    members: r.headcountMembers,
    total: r.headcountLeaders + r.headcountOfficials + r.headcountMembers,
    source: r.headcountSource ?? 'console',
    reportedAt: r.headcountAt.toISOString(),
    reportedBy: r.headcountBy,
  };
}
