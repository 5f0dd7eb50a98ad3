import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan, type EntityManager } from 'typeorm';
import type { MeetingEvent, MeetingEventPayloads, MeetingEventType } from '@app/contracts';
import { RealtimeHub } from '../realtime/realtime-hub';
import { MeetingEntity, MeetingEventEntity } from './meeting.entities';
import { PublishOrder } from './publish-order';

/** A transaction that may append events to meetings' histories. */
export interface MeetingTx {
  manager: EntityManager;
  append<T extends MeetingEventType>(meetingId: string, type: T, payload: MeetingEventPayloads[T], actorId: string | null): Promise<MeetingEvent<T, MeetingEventPayloads[T]>>;
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
            taken.push(event);
            await manager.insert(MeetingEventEntity, { meetingId, seq, type, payload: payload as object, actorId, at });
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
   * The events after `afterSeq`, oldest first; null when more than MAX_REPLAY are missing.
   * Inside a transaction pass its manager: a second connection taken while one is held
   * deadlocks the pool when many clients resync at once (found by the failover benchmark).
   */
  async since(meetingId: string, afterSeq: number, currentSeq: number, m: EntityManager = this.db.manager): Promise<MeetingEvent[] | null> {
    if (currentSeq - afterSeq > MAX_REPLAY) return null;
    const rows = await m.getRepository(MeetingEventEntity).find({
      where: { meetingId, seq: MoreThan(afterSeq) },
      order: { seq: 'ASC' },
      take: MAX_REPLAY,
    });
    return rows.map((r) => ({ meetingId: r.meetingId, seq: r.seq, type: r.type, payload: r.payload, actorId: r.actorId, at: r.at.toISOString() }));
  }
}
