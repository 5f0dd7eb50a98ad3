import { In, IsNull, type EntityManager } from 'typeorm';
import type { MinutesCorrection, MinutesEntry, MinutesState, SpeakerTurn, SpeechRecordFacts } from '@app/contracts';
import { AccountEntity } from '../accounts/account.entity';
import { AttendeeEntity } from '../attendance/attendance.entities';
import { MeetingEndpointEntity, type MeetingEntity } from '../meetings/meeting.entities';
import { OrganizationEntity } from '../organizations/organization.entity';
import { MinutesCorrectionEntity, MinutesEntryEntity, MinutesEntryHistoryEntity } from './minutes.entities';

/** Names already read (before a command's lock, say), so that building the view reads only the others. */
export interface KnownNames {
  accounts?: Map<string, string>;
  organizations?: Map<string, string>;
}

export async function entryViews(m: EntityManager, rows: MinutesEntryEntity[], known: KnownNames = {}): Promise<MinutesEntry[]> {
  const names = new Map(known.accounts);
  const ids = [...new Set(rows.map((r) => r.updatedBy).filter((x): x is string => !!x && !names.has(x)))];
  for (const a of ids.length ? await m.getRepository(AccountEntity).findBy({ id: In(ids) }) : []) names.set(a.id, a.fullName);
  // a task names its organizations: "Chủ trì: Bộ Ngoại giao; Phối hợp: Bộ Công an, UBND tỉnh Lạng Sơn", never their ids
  const orgs = new Map(known.organizations);
  const orgIds = [...new Set(rows.flatMap((r) => (r.kind === 'task' ? [r.leadOrganizationId, ...(r.coOrganizationIds ?? [])] : [])).filter((x): x is string => !!x && !orgs.has(x)))];
  for (const o of orgIds.length ? await m.getRepository(OrganizationEntity).findBy({ id: In(orgIds) }) : []) orgs.set(o.id, o.name);
  return rows.map((r) => ({
    id: r.id,
    meetingId: r.meetingId,
    position: r.position,
    kind: r.kind,
    agendaItemId: r.agendaItemId,
    text: r.text,
    speech: r.speech,
    leadOrganizationId: r.leadOrganizationId,
    coOrganizationIds: r.coOrganizationIds ?? [],
    leadOrganizationName: r.leadOrganizationId ? (orgs.get(r.leadOrganizationId) ?? null) : null,
    coOrganizations: (r.coOrganizationIds ?? []).map((id) => ({ id, name: orgs.get(id) ?? '' })),
    deadline: r.deadline,
    version: r.version,
    updatedBy: r.updatedBy,
    updatedByName: r.updatedBy ? (names.get(r.updatedBy) ?? null) : null,
    updatedAt: r.updatedAt.toISOString(),
  }));
}

export async function minutesState(m: EntityManager, meeting: MeetingEntity): Promise<MinutesState> {
  const rows = await m.getRepository(MinutesEntryEntity).find({ where: { meetingId: meeting.id }, order: { position: 'ASC' } });
  return { status: meeting.minutesStatus, revision: meeting.minutesRevision, entries: await entryViews(m, rows), correction: await openCorrection(m, meeting.id) };
}

export async function correctionViews(m: EntityManager, rows: MinutesCorrectionEntity[]): Promise<MinutesCorrection[]> {
  const ids = [...new Set(rows.map((r) => r.startedBy).filter((x): x is string => !!x))];
  const names = new Map((ids.length ? await m.getRepository(AccountEntity).findBy({ id: In(ids) }) : []).map((a) => [a.id, a.fullName]));
  return rows.map((r) => ({ revision: r.revision, reason: r.reason, startedByName: names.get(r.startedBy ?? '') ?? '', startedAt: r.startedAt.toISOString() }));
}

/** the correction under way, if one is */
export async function openCorrection(m: EntityManager, meetingId: string): Promise<MinutesCorrection | null> {
  const row = await m.getRepository(MinutesCorrectionEntity).findOne({ where: { meetingId, publishedRevision: IsNull() } });
  return row ? (await correctionViews(m, [row]))[0] : null;
}

/** Who spoke, as the minutes record it: name, position and site from the roster, topic from the turn (its request's). */
export async function speechFacts(m: EntityManager, turn: SpeakerTurn): Promise<SpeechRecordFacts> {
  const attendee = await m.getRepository(AttendeeEntity).findOneBy({ id: turn.attendeeId });
  const endpoint = await m.getRepository(MeetingEndpointEntity).findOneBy({ id: turn.endpointId });
  const org = endpoint ? await m.getRepository(OrganizationEntity).findOneBy({ id: endpoint.organizationId }) : null;
  return {
    turnId: turn.id,
    speakerName: attendee?.fullName ?? '',
    speakerPosition: attendee?.position ?? null,
    endpointName: org?.shortName ?? org?.name ?? '',
    topic: turn.topic,
    startedAt: turn.startedAt,
    endedAt: turn.endedAt,
    durationSeconds: turn.durationSeconds,
  };
}

export async function recordHistory(m: EntityManager, entry: MinutesEntry, action: 'created' | 'updated' | 'removed', actorId: string | null) {
  await m.getRepository(MinutesEntryHistoryEntity).insert(historyRow(entry, action, actorId));
}

/** The history row of one change of an entry (its id is the table's own sequence). */
export function historyRow(entry: MinutesEntry, action: 'created' | 'updated' | 'removed', actorId: string | null): MinutesEntryHistoryEntity {
  return Object.assign(new MinutesEntryHistoryEntity(), { meetingId: entry.meetingId, entryId: entry.id, version: entry.version, action, actorId, at: new Date(), content: entry });
}
