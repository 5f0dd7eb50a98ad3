import { In, type EntityManager } from 'typeorm';
import { DEFAULT_SPEAKER_SETTINGS, type SpeakerSettings, type SpeakerTurn, type SpeakersState, type SpeechRequest } from '@app/contracts';
import { AttendeeEntity } from '../attendance/attendance.entities';
import type { MeetingEntity } from '../meetings/meeting.entities';
import { EndpointTimeAdditionEntity, SpeakerTurnEntity, SpeechRequestEntity } from './speaker.entities';

export const settingsOf = (meeting: Pick<MeetingEntity, 'speakerSettings'>): SpeakerSettings => ({ ...DEFAULT_SPEAKER_SETTINGS, ...(meeting.speakerSettings ?? {}) });

async function attendeeMap(m: EntityManager, ids: string[]) {
  const unique = [...new Set(ids)];
  return new Map((unique.length ? await m.getRepository(AttendeeEntity).findBy({ id: In(unique) }) : []).map((a) => [a.id, a]));
}

/** `known`: attendees already loaded by the caller, saving the query. */
export async function requestViews(m: EntityManager, rows: SpeechRequestEntity[], known?: AttendeeEntity[]): Promise<SpeechRequest[]> {
  const people =
    known && rows.every((r) => known.some((a) => a.id === r.attendeeId))
      ? new Map(known.map((a) => [a.id, a]))
      : await attendeeMap(m, rows.map((r) => r.attendeeId));
  return rows.map((r) => ({
    id: r.id,
    meetingId: r.meetingId,
    endpointId: r.endpointId,
    attendeeId: r.attendeeId,
    attendeeName: people.get(r.attendeeId)?.fullName ?? '',
    attendeePosition: people.get(r.attendeeId)?.position ?? null,
    agendaItemId: r.agendaItemId,
    kind: r.kind,
    categoryRank: r.categoryRank,
    answersRequestId: r.answersRequestId,
    topic: r.topic,
    abstract: r.abstract,
    documentUrl: r.documentUrl,
    documentId: r.documentId ?? null,
    requestedMinutes: r.requestedMinutes,
    status: r.status,
    rejectReason: r.rejectReason,
    position: r.position,
    requestedAt: r.requestedAt.toISOString(),
    approvedAt: r.approvedAt?.toISOString() ?? null,
    version: r.version,
  }));
}

export async function turnViews(m: EntityManager, rows: SpeakerTurnEntity[]): Promise<SpeakerTurn[]> {
  const people = await attendeeMap(m, rows.map((r) => r.attendeeId));
  const requests = new Map(
    (rows.length ? await m.getRepository(SpeechRequestEntity).findBy({ id: In(rows.map((r) => r.requestId)) }) : []).map((r) => [r.id, r]),
  );
  return rows.map((t) => ({
    id: t.id,
    meetingId: t.meetingId,
    requestId: t.requestId,
    endpointId: t.endpointId,
    attendeeId: t.attendeeId,
    attendeeName: people.get(t.attendeeId)?.fullName ?? '',
    agendaItemId: t.agendaItemId,
    kind: requests.get(t.requestId)?.kind ?? 'contribution',
    topic: requests.get(t.requestId)?.topic ?? null,
    startedAt: t.startedAt.toISOString(),
    endedAt: t.endedAt?.toISOString() ?? null,
    allottedSeconds: t.allottedSeconds,
    durationSeconds: t.durationSeconds,
    pausedAt: t.pausedAt?.toISOString() ?? null,
    pausedMs: t.pausedMs,
  }));
}

export async function addedSecondsOf(m: EntityManager, meetingId: string): Promise<Record<string, number>> {
  const rows: { endpoint_id: string; s: number }[] = await m
    .getRepository(EndpointTimeAdditionEntity)
    .createQueryBuilder('t')
    .select('t.endpoint_id', 'endpoint_id')
    .addSelect('sum(t.seconds)::int', 's')
    .where('t.meeting_id = :meetingId', { meetingId })
    .groupBy('t.endpoint_id')
    .getRawMany();
  return Object.fromEntries(rows.map((r) => [r.endpoint_id, r.s]));
}

export async function speakersState(m: EntityManager, meeting: MeetingEntity): Promise<SpeakersState> {
  const requests = await m.getRepository(SpeechRequestEntity).find({ where: { meetingId: meeting.id }, order: { requestedAt: 'ASC' } });
  const turns = await m.getRepository(SpeakerTurnEntity).find({ where: { meetingId: meeting.id }, order: { startedAt: 'ASC' } });
  return { settings: settingsOf(meeting), requests: await requestViews(m, requests), turns: await turnViews(m, turns), addedSeconds: await addedSecondsOf(m, meeting.id) };
}
