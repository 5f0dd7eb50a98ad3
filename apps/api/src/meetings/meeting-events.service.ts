import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { MeetingEvent, MeetingEventOf, MeetingEventPayloads, MeetingEventType } from '@app/contracts';
import { RealtimeHub } from '../realtime/realtime-hub';
import { MeetingEntity, MeetingEventEntity } from './meeting.entities';
import { MeetingErrorCode, MeetingException } from './meeting.exception';
import { PublishOrder } from './publish-order';

/**
 * How a transaction holds the meeting row. `update` (FOR UPDATE), the default:
 * the change reads or writes the meeting's own columns and counters, and
 * writers of the meeting queue behind one another. `key_share` (FOR KEY
 * SHARE): keeps out `update` holders (review, publish) while letting other
 * `key_share` holders run together; minutes edits of different entries use it.
 */
export type MeetingLockMode = 'update' | 'key_share';

/** A transaction that may lock meetings and append events to their histories. */
export interface MeetingTx {
  manager: EntityManager;
  /** Locks the meeting's row until the transaction ends, and returns it; 404 meeting_not_found when there is none. */
  lockMeeting(meetingId: string, mode?: MeetingLockMode): Promise<MeetingEntity>;
  append<T extends MeetingEventType>(meetingId: string, type: T, payload: MeetingEventPayloads[T], actorId: string | null): Promise<MeetingEventOf<T>>;
}

/** Beyond this many missed events a client is sent a snapshot instead. */
export const MAX_REPLAY = 500;

/**
 * One ordered history per meeting. An event takes the meeting's next seq in
 * the transaction that makes the change (the meeting row lock orders writers),
 * and is broadcast only after that transaction commits, in seq order per
 * meeting within this process (see PublishOrder).
 */
@Injectable()
export class MeetingEventsService {
  private readonly committedListeners: ((event: MeetingEvent) => void)[] = [];
  private readonly order = new PublishOrder<MeetingEvent>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly hub: RealtimeHub,
  ) {}

  async transact<T>(fn: (tx: MeetingTx) => Promise<T>): Promise<T> {
    const taken: MeetingEvent[] = [];
    let result: T;
    try {
      result = await this.db.transaction(async (manager) => {
        return fn({
          manager,
          lockMeeting: async (meetingId, mode = 'update') => {
            const meeting = await manager.getRepository(MeetingEntity).findOne({ where: { id: meetingId }, lock: { mode: mode === 'update' ? 'pessimistic_write' : 'for_key_share' } });
            if (!meeting) throw new MeetingException(MeetingErrorCode.NotFound, 'Meeting not found', { meetingId });
            return meeting;
          },
          append: async (meetingId, type, payload, actorId) => {
            const bumped = await manager
              .createQueryBuilder()
              .update(MeetingEntity)
              .set({ seq: () => 'seq + 1' })
              .where('id = :meetingId', { meetingId })
              .returning('seq')
              .execute();
            const seq = Number((bumped.raw as { seq: string }[])[0].seq);
            this.order.take(taken, meetingId, seq);
            const at = new Date();
            const event = { meetingId, seq, type, payload, actorId, at: at.toISOString() };
            taken.push(toMeetingEvent(event));
            await manager.insert(MeetingEventEntity, { meetingId, seq, type, payload, actorId, at });
            return event;
          },
        });
      });
    } catch (err) {
      this.release(this.order.drop(taken, taken));
      throw err;
    }
    this.release(this.order.commit(taken, taken));
    return result;
  }

  /** Publishes committed events, already in seq order per meeting. */
  private release(events: MeetingEvent[]) {
    for (const e of events) {
      this.hub.publishMeetingEvent(e);
      for (const listener of this.committedListeners) listener(e);
    }
  }

  /** Runs `listener` after each committed event, in the process that committed it. */
  onCommitted(listener: (event: MeetingEvent) => void) {
    this.committedListeners.push(listener);
  }

  /**
   * The meeting's current seq and the events after `afterSeq`, in one statement (so one
   * consistent snapshot, without a transaction's extra round trips: a reconnect storm
   * after a failover is made of these). `events` is null when more than MAX_REPLAY are
   * missing or `afterSeq` is ahead of the meeting; undefined when there is no such meeting.
   */
  async replay(meetingId: string, afterSeq: number): Promise<{ seq: number; events: MeetingEvent[] | null } | undefined> {
    const rows: { current: string; seq: string | null; type: string; payload: unknown; actor_id: string | null; at: Date }[] = await this.db.query(
      `SELECT m.seq AS current, e.seq, e.type, e.payload, e.actor_id, e.at
         FROM meetings m
         LEFT JOIN LATERAL (
           SELECT * FROM meeting_events e WHERE e.meeting_id = m.id AND e.seq > $2 AND m.seq - $2 <= $3 ORDER BY e.seq LIMIT $3
         ) e ON true
        WHERE m.id = $1
        ORDER BY e.seq`,
      [meetingId, afterSeq, MAX_REPLAY],
    );
    if (!rows.length) return undefined;
    const seq = Number(rows[0].current);
    if (afterSeq > seq || seq - afterSeq > MAX_REPLAY) return { seq, events: null };
    const events = rows
      .filter((r) => r.seq !== null)
      .map((r) => toMeetingEvent({ meetingId, seq: Number(r.seq), type: r.type, payload: r.payload, actorId: r.actor_id, at: r.at.toISOString() }));
    return { seq, events };
  }
}

/**
 * The one place a type and a payload join the event union unchecked: the rows
 * of meeting_events, which only append() writes, from a type and a payload its
 * signature typed together (jsonb gives the payload back as written); and the
 * event append() builds, which is one member of the union though TypeScript
 * cannot see it for a generic type (microsoft/TypeScript#30581).
 */
function toMeetingEvent(e: { meetingId: string; seq: number; type: string; payload: unknown; actorId: string | null; at: string }): MeetingEvent {
  return e as MeetingEvent;
}
