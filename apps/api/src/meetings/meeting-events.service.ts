import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ENV, type Env } from '@app/config';
import type { JobName, JobPayloads, MeetingEvent, MeetingEventOf, MeetingEventPayloads, MeetingEventType } from '@app/contracts';
import { OutboxRelay } from '../outbox/outbox.relay';
import { writeOutbox, type OutboxOptions } from '../outbox/outbox.store';
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
  /**
   * A job this change decides (a report, a reminder), written to the outbox in this transaction and
   * relayed to the queue after the commit: it exists exactly when the change does, whatever crashes.
   * False when the same job id is already pending.
   */
  outbox<N extends JobName>(job: N, payload: JobPayloads[N], options?: OutboxOptions): Promise<boolean>;
}

/** Runs inside the transaction right after an event of its type is appended; what it writes (and appends) commits or rolls back with it. */
export type AppendHandler<T extends MeetingEventType> = (tx: MeetingTx, event: MeetingEventOf<T>) => Promise<void>;

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
  private readonly appendHandlers = new Map<MeetingEventType, AppendHandler<never>[]>();
  private readonly order = new PublishOrder<MeetingEvent>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly hub: RealtimeHub,
    private readonly relay: OutboxRelay,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async transact<T>(fn: (tx: MeetingTx) => Promise<T>): Promise<T> {
    const taken: MeetingEvent[] = [];
    let wroteOutbox = false;
    let result: T;
    try {
      result = await this.db.transaction(async (manager) => {
        const tx: MeetingTx = {
          manager,
          lockMeeting: async (meetingId, mode = 'update') => {
            const meeting = await manager.getRepository(MeetingEntity).findOne({ where: { id: meetingId }, lock: { mode: mode === 'update' ? 'pessimistic_write' : 'for_key_share' } });
            if (!meeting) throw new MeetingException(MeetingErrorCode.NotFound, 'Meeting not found', { meetingId });
            return meeting;
          },
          outbox: async (job, payload, options) => {
            wroteOutbox = true;
            return writeOutbox(manager, job, payload, options);
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
            for (const handler of this.appendHandlers.get(type) ?? []) await (handler as AppendHandler<typeof type>)(tx, event);
            return event;
          },
        };
        return fn(tx);
      });
    } catch (err) {
      this.release(this.order.drop(taken, taken));
      throw err;
    }
    this.release(this.order.commit(taken, taken));
    if (wroteOutbox) this.relay.poke();
    return result;
  }

  /**
   * Runs `handler` inside the transaction after each append of an event of `type`, so a domain
   * reacts to another's change in the same commit without the other calling it (the minutes
   * record a speech when a turn ends). Registered once, at start-up; handlers run in order.
   */
  onAppend<T extends MeetingEventType>(type: T, handler: AppendHandler<T>) {
    this.appendHandlers.set(type, [...(this.appendHandlers.get(type) ?? []), handler as AppendHandler<never>]);
  }

  /**
   * Fault injection for the outbox's crash test, honoured only when NODE_ENV=test: the process
   * dies at once, as a machine would, right after the commit of `point` (TEST_CRASH_AFTER_COMMIT).
   */
  crashPoint(point: NonNullable<Env['TEST_CRASH_AFTER_COMMIT']>) {
    if (this.env.NODE_ENV === 'test' && this.env.TEST_CRASH_AFTER_COMMIT === point) process.kill(process.pid, 'SIGKILL');
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
  async replay(meetingId: string, afterSeq: number, limit = MAX_REPLAY): Promise<{ seq: number; events: MeetingEvent[] | null } | undefined> {
    const rows: { current: string; seq: string | null; type: string; payload: unknown; actor_id: string | null; at: Date }[] = await this.db.query(
      `SELECT m.seq AS current, e.seq, e.type, e.payload, e.actor_id, e.at
         FROM meetings m
         LEFT JOIN LATERAL (
           SELECT * FROM meeting_events e WHERE e.meeting_id = m.id AND e.seq > $2 AND m.seq - $2 <= $3 ORDER BY e.seq LIMIT $4
         ) e ON true
        WHERE m.id = $1
        ORDER BY e.seq`,
      [meetingId, afterSeq, MAX_REPLAY, Math.min(limit, MAX_REPLAY)],
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
