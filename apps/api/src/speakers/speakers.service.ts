import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Not, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  createSpeechRequestSchema,
  isOrdinary,
  orderQueue,
  speakerSettingsSchema,
  type SpeakerSettings,
  type SpeakerTurn,
  type SpeakersState,
  type SpeechRequest,
  type SpeechRequestAction,
  fieldError,
} from '@app/contracts';
import type { AuthUser } from '../common/auth-user';
import { AttendeeEntity } from '../attendance/attendance.entities';
import { EndpointAccessService } from '../attendance/endpoint-access.service';
import { MeetingPolicy } from '../policy/meeting-policy';
import { MeetingEventsService, type MeetingTx } from '../meetings/meeting-events.service';
import { MeetingEndpointEntity, MeetingEntity } from '../meetings/meeting.entities';
import { MeetingsService } from '../meetings/meetings.service';
import { insertSelect, updateById } from '../meetings/write-sql';
import { EndpointTimeAdditionEntity, SpeakerTurnEntity, SpeechRequestEntity } from './speaker.entities';
import { SpeakerErrorCode, SpeakerException } from './speaker.exception';
import { addedSecondsOf, requestViews, settingsOf, speakersState, turnViews } from './speaker-views';

/** A running pause ended at `at`: its length joins pausedMs (the rule of resumeTurn in the contracts, on the entity's Dates). */
function closePause(turn: SpeakerTurnEntity, at: Date): Pick<SpeakerTurnEntity, 'pausedAt' | 'pausedMs'> {
  if (!turn.pausedAt) return { pausedAt: null, pausedMs: turn.pausedMs };
  return { pausedAt: null, pausedMs: turn.pausedMs + Math.max(0, at.getTime() - turn.pausedAt.getTime()) };
}

const OPEN: SpeechRequestEntity['status'][] = ['pending', 'queued', 'skipped'];

/**
 * The speaker list and the floor. Every command locks the meeting row first,
 * so requests arriving in the same second get distinct positions in the order
 * they commit, and "give the floor" racing "withdraw" ends in one outcome:
 * whichever locks first wins, the other sees the new state and is refused.
 */
@Injectable()
export class SpeakersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: MeetingEventsService,
    private readonly meetings: MeetingsService,
    private readonly access: EndpointAccessService,
    private readonly policy: MeetingPolicy,
  ) {}

  async state(user: AuthUser, meetingId: string): Promise<SpeakersState> {
    const meeting = await this.meetings.requireVisible(user, meetingId);
    return speakersState(this.db.manager, meeting);
  }

  /** The speaker list and turns, read in `m` (the snapshot's transaction). */
  stateOf(m: EntityManager, meeting: MeetingEntity): Promise<SpeakersState> {
    return speakersState(m, meeting);
  }

  /** A finished turn of the meeting (the one named, else the last to end), for the minutes' speech records. */
  async finishedTurn(m: EntityManager, meetingId: string, turnId?: string): Promise<SpeakerTurn | null> {
    const turn = turnId
      ? await m.getRepository(SpeakerTurnEntity).findOneBy({ id: turnId, meetingId, endedAt: Not(IsNull()) })
      : await m.getRepository(SpeakerTurnEntity).findOne({ where: { meetingId, endedAt: Not(IsNull()) }, order: { endedAt: 'DESC' } });
    return turn ? (await turnViews(m, [turn]))[0] : null;
  }

  // ---------- endpoint side ----------

  async request(user: AuthUser, meetingId: string, input: z.output<typeof createSpeechRequestSchema>): Promise<SpeechRequest> {
    // Who may ask, for whom, and of which item do not depend on the queue: checked before the meeting's turn.
    const m0 = this.db.manager;
    await this.access.requireActor(user, meetingId, input.endpointId, m0, 'queue.request');
    const attendee = await m0.getRepository(AttendeeEntity).findOneBy({ id: input.attendeeId, endpointId: input.endpointId });
    if (!attendee) {
      throw new SpeakerException(SpeakerErrorCode.UnknownAttendee, 'The speaker is not on this endpoint’s roster', {}, [fieldError('attendeeId', 'not_found', 'is not an attendee of this endpoint')]);
    }
    if (input.agendaItemId && !(await this.meetings.hasAgendaItem(m0, meetingId, input.agendaItemId))) {
      throw new SpeakerException(SpeakerErrorCode.UnknownAgendaItem, 'The agenda item is not part of this meeting', {}, [fieldError('agendaItemId', 'not_found', 'is not an item of this meeting')]);
    }
    // Under the lock, two statements: the lock takes the next position; the insert, conditional on the
    // endpoint's open requests as they are now, goes out with the event and the COMMIT.
    return this.events.command(meetingId, async (tx) => {
      const meeting = await tx.lockMeeting(meetingId, 'update', { requestCounter: 1 });
      const settings = settingsOf(meeting);
      if (!settings.open) throw new SpeakerException(SpeakerErrorCode.ListClosed, 'The list of speakers is closed');
      const before = input.kind === 'prepared' ? ['draft', 'scheduled', 'live'] : ['live'];
      if (!before.includes(meeting.status)) {
        throw new SpeakerException(SpeakerErrorCode.NotLive, input.kind === 'prepared' ? `No more contributions for a ${meeting.status} meeting` : 'Requests to speak are made while the meeting is live; prepared contributions can be registered before', { status: meeting.status });
      }
      const m = tx.manager;
      const row = m.getRepository(SpeechRequestEntity).create({
        id: randomUUID(),
        meetingId,
        endpointId: input.endpointId,
        attendeeId: input.attendeeId,
        agendaItemId: input.agendaItemId,
        kind: input.kind,
        categoryRank: input.kind === 'point_of_order' ? input.categoryRank : null,
        answersRequestId: input.kind === 'intervention' ? input.answersRequestId : null,
        topic: input.topic ?? null,
        abstract: input.abstract ?? null,
        documentUrl: input.documentUrl,
        requestedMinutes: input.requestedMinutes ?? settings.defaultMinutes,
        status: 'pending',
        rejectReason: null,
        position: meeting.requestCounter,
        requestedAt: new Date(),
        requestedBy: user.id,
        approvedAt: null,
        approvedBy: null,
        version: 1,
      });
      const insert = insertSelect(m, SpeechRequestEntity, row);
      const n = insert.params.length;
      const max = settings.maxOpenRequestsPerEndpoint;
      tx.defer(
        `${insert.sql} WHERE (SELECT count(*) FROM speech_requests WHERE meeting_id = $${n + 1} AND endpoint_id = $${n + 2} AND status = ANY($${n + 3}::text[])) < $${n + 4}`,
        [...insert.params, meetingId, input.endpointId, OPEN, max],
        () => new SpeakerException(SpeakerErrorCode.TooManyOpen, `An endpoint may have at most ${max} open requests`, { open: max, max }),
      );
      return (await this.emitRequests(tx, meetingId, [row], user, [attendee]))[0];
    });
  }

  async withdraw(user: AuthUser, meetingId: string, requestId: string): Promise<SpeechRequest> {
    const { endpointId } = await this.requireRequest(this.db.manager, meetingId, requestId);
    await this.access.requireActor(user, meetingId, endpointId, this.db.manager, 'queue.request');
    return this.events.command(meetingId, async (tx) => {
      const [, row] = await this.lockWithRequest(tx, meetingId, requestId);
      if (!OPEN.includes(row.status)) this.illegal(row, 'withdraw');
      row.status = 'withdrawn';
      return (await this.save(tx, row, user))[0];
    });
  }

  // ---------- chair side ----------

  async approve(user: AuthUser, meetingId: string, requestId: string): Promise<SpeechRequest> {
    await this.requireModerator(user, meetingId, requestId);
    return this.events.command(meetingId, async (tx) => {
      const m = tx.manager;
      const [meeting, row] = await this.lockWithRequest(tx, meetingId, requestId);
      if (row.status !== 'pending') this.illegal(row, 'approve');
      const cap = settingsOf(meeting).maxTurnsPerEndpointPerItem;
      if (cap !== null && isOrdinary(row.kind)) {
        const used =
          (await m.getRepository(SpeakerTurnEntity).countBy({ meetingId, endpointId: row.endpointId, agendaItemId: row.agendaItemId ?? IsNull() })) +
          (await m.getRepository(SpeechRequestEntity).countBy({ meetingId, endpointId: row.endpointId, agendaItemId: row.agendaItemId ?? IsNull(), status: 'queued' }));
        if (used >= cap) throw new SpeakerException(SpeakerErrorCode.TurnCap, `This endpoint already has ${used} of its ${cap} turns on this item`, { used, cap });
      }
      Object.assign(row, { status: 'queued', approvedAt: new Date(), approvedBy: user.id });
      return (await this.save(tx, row, user))[0];
    });
  }

  async reject(user: AuthUser, meetingId: string, requestId: string, reason: string): Promise<SpeechRequest> {
    await this.requireModerator(user, meetingId, requestId);
    return this.events.command(meetingId, async (tx) => {
      const [, row] = await this.lockWithRequest(tx, meetingId, requestId);
      if (!OPEN.includes(row.status)) this.illegal(row, 'reject');
      Object.assign(row, { status: 'rejected', rejectReason: reason });
      return (await this.save(tx, row, user))[0];
    });
  }

  /** Moves an ordinary request to `position` (0 = first) among the ordinary queued requests. */
  async move(user: AuthUser, meetingId: string, requestId: string, position: number): Promise<SpeechRequest[]> {
    await this.requireModeration(user, meetingId);
    return this.events.command(meetingId, async (tx) => {
      const m = tx.manager;
      const meeting = await tx.lockMeeting(meetingId);
      const row = await this.requireRequest(m, meetingId, requestId);
      if (row.status !== 'queued') this.illegal(row, 'move');
      if (!isOrdinary(row.kind)) throw new SpeakerException(SpeakerErrorCode.NotOrdinary, 'Points of order and interjections keep their place by rule');
      const queued = await m.getRepository(SpeechRequestEntity).find({ where: { meetingId, status: 'queued' }, order: { position: 'ASC' } });
      const ordinary = queued.filter((r) => isOrdinary(r.kind) && r.id !== requestId);
      ordinary.splice(Math.min(position, ordinary.length), 0, row);
      // Fresh positions from the counter keep every position unique without shuffling the others' numbers in place.
      for (const r of ordinary) {
        meeting.requestCounter += 1;
        r.position = meeting.requestCounter;
        r.version += 1;
      }
      await m.getRepository(MeetingEntity).update({ id: meetingId }, { requestCounter: meeting.requestCounter });
      await m.query(
        `UPDATE speech_requests AS r SET position = v.position, version = v.version
           FROM unnest($1::uuid[], $2::int[], $3::int[]) AS v(id, position, version) WHERE r.id = v.id`,
        [ordinary.map((r) => r.id), ordinary.map((r) => r.position), ordinary.map((r) => r.version)],
      );
      return this.emitRequests(tx, meetingId, ordinary, user);
    });
  }

  async changeAgendaItem(user: AuthUser, meetingId: string, requestId: string, agendaItemId: string | null): Promise<SpeechRequest> {
    await this.requireModeration(user, meetingId);
    return this.events.command(meetingId, async (tx) => {
      const m = tx.manager;
      const meeting = await tx.lockMeeting(meetingId);
      const row = await this.requireRequest(m, meetingId, requestId);
      if (!OPEN.includes(row.status)) this.illegal(row, 'change_item');
      if (agendaItemId && !(await this.meetings.hasAgendaItem(m, meetingId, agendaItemId))) {
        throw new SpeakerException(SpeakerErrorCode.UnknownAgendaItem, 'The agenda item is not part of this meeting', {}, [fieldError('agendaItemId', 'not_found', 'is not an item of this meeting')]);
      }
      row.agendaItemId = agendaItemId;
      return (await this.save(tx, row, user))[0];
    });
  }

  async skip(user: AuthUser, meetingId: string, requestId: string): Promise<SpeechRequest> {
    return this.setStatus(user, meetingId, requestId, 'queued', 'skipped', 'skip');
  }

  async recall(user: AuthUser, meetingId: string, requestId: string): Promise<SpeechRequest> {
    return this.setStatus(user, meetingId, requestId, 'skipped', 'queued', 'recall');
  }

  /** Gives the floor to the next speaker in order, or to the one named; a running speech ends first. */
  async giveFloor(user: AuthUser, meetingId: string, requestId?: string, minutes?: number) {
    await this.requireModeration(user, meetingId);
    return this.events.command(meetingId, async (tx) => {
      const m = tx.manager;
      const meeting = await tx.lockMeeting(meetingId);
      if (meeting.status !== 'live') throw new SpeakerException(SpeakerErrorCode.NotLive, 'The floor is given while the meeting is live', { status: meeting.status });
      let target: SpeechRequestEntity | null;
      if (requestId) {
        target = await this.requireRequest(m, meetingId, requestId);
        if (target.status !== 'queued') this.illegal(target, 'give_floor');
      } else {
        const all = await m.getRepository(SpeechRequestEntity).findBy({ meetingId, status: 'queued' });
        const turns = await m.getRepository(SpeakerTurnEntity).findBy({ meetingId });
        const views = await requestViews(m, all);
        const first = orderQueue(views, turns, settingsOf(meeting))[0];
        if (!first) throw new SpeakerException(SpeakerErrorCode.QueueEmpty, 'Nobody is waiting to speak');
        target = all.find((r) => r.id === first.id)!;
      }
      const attendee = await m.getRepository(AttendeeEntity).findOneByOrFail({ id: target.attendeeId });
      if (attendee.status !== 'present' && attendee.status !== 'late') {
        throw new SpeakerException(SpeakerErrorCode.NotCheckedIn, `${attendee.fullName} is not checked in at the endpoint`, { attendeeId: attendee.id, fullName: attendee.fullName, status: attendee.status });
      }
      const ended = await this.endCurrent(m, meeting);
      const now = new Date();
      const turn = await m.getRepository(SpeakerTurnEntity).save(
        m.getRepository(SpeakerTurnEntity).create({
          meetingId,
          requestId: target.id,
          endpointId: target.endpointId,
          attendeeId: target.attendeeId,
          agendaItemId: target.agendaItemId,
          startedAt: now,
          endedAt: null,
          allottedSeconds: (minutes ?? target.requestedMinutes) * 60,
          durationSeconds: null,
          pausedAt: null,
          pausedMs: 0,
          startedBy: user.id,
        }),
      );
      target.status = 'speaking';
      target.version += 1;
      await this.store(m, target);
      const requests = [...(ended ? [ended.request] : []), target];
      await this.emitRequests(tx, meetingId, requests, user);
      // An ended turn in this event is recorded in the draft minutes by the minutes domain, in this transaction (MinutesService).
      const turns = await this.emitTurns(tx, meetingId, [...(ended ? [ended.turn] : []), turn], user);
      return turns[turns.length - 1];
    });
  }

  async extend(user: AuthUser, meetingId: string, seconds: number) {
    await this.requireModeration(user, meetingId);
    return this.events.command(meetingId, async (tx) => {
      const m = tx.manager;
      const meeting = await tx.lockMeeting(meetingId);
      const turn = await m.getRepository(SpeakerTurnEntity).findOneBy({ meetingId, endedAt: IsNull() });
      if (!turn) throw new SpeakerException(SpeakerErrorCode.NoSpeaker, 'Nobody has the floor');
      turn.allottedSeconds += seconds;
      await m.getRepository(SpeakerTurnEntity).update({ id: turn.id }, { allottedSeconds: turn.allottedSeconds });
      return (await this.emitTurns(tx, meetingId, [turn], user))[0];
    });
  }

  /**
   * Stops the running speech's countdown where it stands (the chair calls the room to order, a
   * line drops). The server's time is the pause's start, so every screen stops at the same second.
   */
  async pause(user: AuthUser, meetingId: string) {
    await this.requireModeration(user, meetingId);
    return this.events.command(meetingId, async (tx) => {
      const m = tx.manager;
      await tx.lockMeeting(meetingId);
      const turn = await m.getRepository(SpeakerTurnEntity).findOneBy({ meetingId, endedAt: IsNull() });
      if (!turn) throw new SpeakerException(SpeakerErrorCode.NoSpeaker, 'Nobody has the floor');
      if (turn.pausedAt) throw new SpeakerException(SpeakerErrorCode.AlreadyPaused, 'The countdown is already paused');
      turn.pausedAt = new Date();
      await m.getRepository(SpeakerTurnEntity).update({ id: turn.id }, { pausedAt: turn.pausedAt });
      return (await this.emitTurns(tx, meetingId, [turn], user))[0];
    });
  }

  /** Restarts the paused countdown: the pause joins pausedMs, so the time left is exactly what it was when paused. */
  async resume(user: AuthUser, meetingId: string) {
    await this.requireModeration(user, meetingId);
    return this.events.command(meetingId, async (tx) => {
      const m = tx.manager;
      await tx.lockMeeting(meetingId);
      const turn = await m.getRepository(SpeakerTurnEntity).findOneBy({ meetingId, endedAt: IsNull() });
      if (!turn) throw new SpeakerException(SpeakerErrorCode.NoSpeaker, 'Nobody has the floor');
      if (!turn.pausedAt) throw new SpeakerException(SpeakerErrorCode.NotPaused, 'The countdown is not paused');
      Object.assign(turn, closePause(turn, new Date()));
      await m.getRepository(SpeakerTurnEntity).update({ id: turn.id }, { pausedAt: null, pausedMs: turn.pausedMs });
      return (await this.emitTurns(tx, meetingId, [turn], user))[0];
    });
  }

  async endSpeech(user: AuthUser, meetingId: string) {
    await this.requireModeration(user, meetingId);
    return this.events.command(meetingId, async (tx) => {
      const m = tx.manager;
      const meeting = await tx.lockMeeting(meetingId);
      const ended = await this.endCurrent(m, meeting);
      if (!ended) throw new SpeakerException(SpeakerErrorCode.NoSpeaker, 'Nobody has the floor');
      await this.emitRequests(tx, meetingId, [ended.request], user);
      const [turn] = await this.emitTurns(tx, meetingId, [ended.turn], user);
      return turn;
    });
  }

  async updateSettings(user: AuthUser, meetingId: string, patch: z.output<typeof speakerSettingsSchema>): Promise<SpeakerSettings> {
    await this.requireModeration(user, meetingId);
    return this.events.command(meetingId, async (tx) => {
      const m = tx.manager;
      const meeting = await tx.lockMeeting(meetingId);
      const next = { ...meeting.speakerSettings, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
      await m.getRepository(MeetingEntity).update({ id: meetingId }, { speakerSettings: next });
      const settings = settingsOf({ speakerSettings: next });
      await tx.append(meetingId, 'speaker_settings.changed', { settings }, user.id);
      return settings;
    });
  }

  /** Adds (or takes back) speaking time to an endpoint's budget. */
  async addTime(user: AuthUser, meetingId: string, endpointId: string, seconds: number): Promise<{ endpointId: string; addedSeconds: number }> {
    await this.requireModeration(user, meetingId);
    return this.events.command(meetingId, async (tx) => {
      const m = tx.manager;
      const meeting = await tx.lockMeeting(meetingId);
      if (!(await m.getRepository(MeetingEndpointEntity).existsBy({ id: endpointId, meetingId }))) {
        throw new SpeakerException(SpeakerErrorCode.RequestNotFound, 'Endpoint not found in this meeting', { endpointId });
      }
      await m.getRepository(EndpointTimeAdditionEntity).insert({ meetingId, endpointId, seconds, addedBy: user.id, at: new Date() });
      const addedSeconds = (await addedSecondsOf(m, meetingId))[endpointId] ?? 0;
      await tx.append(meetingId, 'endpoint_time.changed', { endpointId, addedSeconds }, user.id);
      return { endpointId, addedSeconds };
    });
  }

  // ---------- helpers ----------

  /**
   * Queue commands are the chair's or an organizer's: who may moderate does not depend on the
   * queue, so it is checked before the meeting's turn, which then holds the lock only for the
   * change itself (found by the burst and fan-out benchmarks).
   */
  private requireModeration(user: AuthUser, meetingId: string) {
    return this.policy.require(user, meetingId, 'queue.moderate', undefined, this.db.manager);
  }

  private async requireRequest(m: EntityManager, meetingId: string, requestId: string) {
    const row = await m.getRepository(SpeechRequestEntity).findOneBy({ id: requestId, meetingId });
    if (!row) throw new SpeakerException(SpeakerErrorCode.RequestNotFound, 'Request to speak not found', { requestId });
    return row;
  }

  private illegal(row: SpeechRequestEntity, action: SpeechRequestAction): never {
    throw new SpeakerException(SpeakerErrorCode.IllegalChange, `Cannot ${action.replace('_', ' ')} a request that is ${row.status}`, { status: row.status, action, requestId: row.id });
  }

  private async setStatus(user: AuthUser, meetingId: string, requestId: string, from: SpeechRequestEntity['status'], to: SpeechRequestEntity['status'], action: SpeechRequestAction) {
    await this.policy.require(user, meetingId, 'queue.moderate', undefined, this.db.manager);
    return this.events.command(meetingId, async (tx) => {
      const [, row] = await this.lockWithRequest(tx, meetingId, requestId);
      if (row.status !== from) this.illegal(row, action);
      row.status = to;
      return (await this.save(tx, row, user))[0];
    });
  }

  /**
   * Who moderates the request (the chair or an organizer; a prepared contribution the secretaries too),
   * checked before the meeting's turn: it does not depend on the queue. 404 for a request not of the meeting.
   */
  private async requireModerator(user: AuthUser, meetingId: string, requestId: string) {
    const { kind } = await this.requireRequest(this.db.manager, meetingId, requestId);
    await this.policy.require(user, meetingId, kind === 'prepared' ? 'queue.approve_prepared' : 'queue.moderate', undefined, this.db.manager);
  }

  /** The meeting locked and the request as the last lock holder left it, in one statement. */
  private async lockWithRequest(tx: MeetingTx, meetingId: string, requestId: string): Promise<[MeetingEntity, SpeechRequestEntity]> {
    const [meeting, row] = await tx.lockMeetingWith(meetingId, SpeechRequestEntity, requestId);
    if (!row) throw new SpeakerException(SpeakerErrorCode.RequestNotFound, 'Request to speak not found', { requestId });
    return [meeting, row];
  }

  private async endCurrent(m: EntityManager, meeting: MeetingEntity) {
    const meetingId = meeting.id;
    const turn = await m.getRepository(SpeakerTurnEntity).findOneBy({ meetingId, endedAt: IsNull() });
    if (!turn) return null;
    const now = new Date();
    // a speech ended while paused: the pause ends with it and does not count as speaking time
    Object.assign(turn, closePause(turn, now));
    turn.endedAt = now;
    turn.durationSeconds = Math.max(0, Math.round((now.getTime() - turn.startedAt.getTime() - turn.pausedMs) / 1000));
    await m.getRepository(SpeakerTurnEntity).update({ id: turn.id }, { endedAt: turn.endedAt, durationSeconds: turn.durationSeconds, pausedAt: null, pausedMs: turn.pausedMs });
    const request = await m.getRepository(SpeechRequestEntity).findOneByOrFail({ id: turn.requestId });
    request.status = 'done';
    request.version += 1;
    await this.store(m, request);
    return { turn, request };
  }

  /** A request's change, written with its event in the command's last statement. */
  private async save(tx: MeetingTx, row: SpeechRequestEntity, user: AuthUser) {
    row.version += 1;
    const { status, rejectReason, agendaItemId, position, approvedAt, approvedBy, version } = row;
    const update = updateById(tx.manager, SpeechRequestEntity, row.id, { status, rejectReason, agendaItemId, position, approvedAt, approvedBy, version });
    tx.defer(update.sql, update.params);
    return this.emitRequests(tx, row.meetingId, [row], user);
  }

  /** Writes what commands change on a request in one UPDATE (Repository.save would read the row first). */
  private async store(m: EntityManager, row: SpeechRequestEntity) {
    const { status, rejectReason, agendaItemId, position, approvedAt, approvedBy, version } = row;
    await m.getRepository(SpeechRequestEntity).update({ id: row.id }, { status, rejectReason, agendaItemId, position, approvedAt, approvedBy, version });
  }

  private async emitRequests(tx: MeetingTx, meetingId: string, rows: SpeechRequestEntity[], user: AuthUser, people?: AttendeeEntity[]) {
    const requests = await requestViews(tx.manager, rows, people);
    await tx.append(meetingId, 'speech_requests.upserted', { requests }, user.id);
    return requests;
  }

  private async emitTurns(tx: MeetingTx, meetingId: string, rows: SpeakerTurnEntity[], user: AuthUser) {
    const turns = await turnViews(tx.manager, rows);
    await tx.append(meetingId, 'turns.upserted', { turns }, user.id);
    return turns;
  }
}
