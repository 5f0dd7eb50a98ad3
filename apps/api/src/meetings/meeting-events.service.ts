import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, type EntityTarget, type ObjectLiteral, type QueryRunner } from 'typeorm';
import { ENV, type Env } from '@app/config';
import type { JobName, JobPayloads, MeetingEvent, MeetingEventOf, MeetingEventPayloads, MeetingEventType } from '@app/contracts';
import { OutboxRelay } from '../outbox/outbox.relay';
import type { OutboxOptions } from '../outbox/outbox.store';
import { RealtimeHub } from '../realtime/realtime-hub';
import { CommandQueue } from './command-queue';
import { MeetingEntity } from './meeting.entities';
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

/** Counters of the meeting row a command bumps in the statement that locks it (update mode). */
export interface MeetingCounterBump {
  requestCounter?: number;
  minutesCounter?: number;
}

/** A transaction that may lock meetings and append events to their histories. */
export interface MeetingTx {
  manager: EntityManager;
  /**
   * Locks the meeting's row until the transaction ends, and returns it; 404 meeting_not_found when there is none.
   * With `bump` (update mode only) the same statement adds to the counters and returns them added.
   */
  lockMeeting(meetingId: string, mode?: MeetingLockMode, bump?: MeetingCounterBump): Promise<MeetingEntity>;
  /**
   * Locks the meeting FOR UPDATE and, in the same statement, one row of the meeting's own (FOR UPDATE
   * too, so it is read as the last lock holder left it, not as the statement's snapshot saw it):
   * [meeting, row], row null when the meeting has no such row. 404 meeting_not_found without the meeting.
   */
  lockMeetingWith<E extends ObjectLiteral>(meetingId: string, target: EntityTarget<E>, id: string, mode?: MeetingLockMode): Promise<[MeetingEntity, E | null]>;
  /**
   * Appends an event. Under the meeting's update lock its seq is the locked row's next, known
   * at once; the event row and the meeting's new seq are written at commit, in one statement
   * with the deferred writes and the outbox rows. Under KEY SHARE, when nothing reacts to the
   * type in this transaction (onAppend), that last statement bumps the seq and inserts the event
   * itself, and the event's seq (0 until then) is set when it answers; otherwise the seq is
   * bumped now, which orders this meeting's writers from here to the commit.
   */
  append<T extends MeetingEventType>(meetingId: string, type: T, payload: MeetingEventPayloads[T], actorId: string | null): Promise<MeetingEventOf<T>>;
  /**
   * A job this change decides (a report, a reminder), written to the outbox in this transaction's
   * last statement and relayed to the queue after the commit: it exists exactly when the change
   * does, whatever crashes. The same job id already pending is not written twice.
   */
  outbox<N extends JobName>(job: N, payload: JobPayloads[N], options?: OutboxOptions): void;
  /**
   * A write nothing later in this transaction reads (an INSERT, UPDATE or DELETE with $1.. parameters,
   * no RETURNING), sent at commit in one statement with the events and the outbox rows: the
   * command's change costs no round trip of its own while the meeting is locked. Not for the
   * meetings row (its counters go through lockMeeting's bump). With `refusal` the write carries its own
   * condition (INSERT ... SELECT ... WHERE, UPDATE ... WHERE): when it changes no row, the statement fails,
   * nothing of the transaction is written, and the command is answered with `refusal()`.
   */
  defer(sql: string, params: readonly unknown[], refusal?: () => Error): void;
}

/** How a command holds its meeting in this process's queue (see CommandQueue): alone, or beside other shared ones. */
export interface CommandOptions {
  shared?: boolean;
}

/** Runs inside the transaction right after an event of its type is appended; what it writes (and appends) commits or rolls back with it. */
export type AppendHandler<T extends MeetingEventType> = (tx: MeetingTx, event: MeetingEventOf<T>) => Promise<void>;

/** Beyond this many missed events a client is sent a snapshot instead. */
export const MAX_REPLAY = 500;

interface Deferred {
  sql: string;
  params: readonly unknown[];
  refusal?: () => Error;
}

/** The error htt_refuse (migration RefusalGuard) raises for the deferred write numbered `index`. */
const REFUSED = /^htt_refused:(\d+)$/;

/** What one transaction has to write at its end. */
class PendingWrites {
  /** meetings locked FOR UPDATE here: their seq as this transaction has taken it */
  readonly locked = new Map<string, { seq: number; from: number }>();
  readonly events: MeetingEvent[] = [];
  readonly outbox = new Map<string, { job: string; payload: unknown; job_id: string; delay: number }>();
  readonly deferred: Deferred[] = [];
  /** meetings held FOR KEY SHARE here */
  readonly keyShared = new Set<string>();
  /**
   * Events of meetings held FOR KEY SHARE, whose seqs the last statement takes (it bumps the
   * meeting's seq and inserts them in one go): the seq orders writers only from that statement
   * to the COMMIT sent with it, not from the append on. Their seq is set when it is answered.
   */
  readonly late = new Map<string, MeetingEvent[]>();

  get empty() {
    return !this.events.length && !this.late.size && !this.outbox.size && !this.deferred.length && ![...this.locked.values()].some((l) => l.seq !== l.from);
  }

  /** Gives the late events their seqs from the last statement's answer, and notes each (`take`). */
  assignLate(row: Record<string, unknown> | undefined, take: (meetingId: string, seq: number) => void) {
    [...this.late].forEach(([meetingId, events], i) => {
      const last = Number(row?.[`late${i}`]);
      events.forEach((e, k) => {
        (e as { seq: number }).seq = last - events.length + 1 + k;
        take(meetingId, e.seq);
      });
    });
  }

  /** The transaction's last statement: every deferred write, the events, the meetings' new seqs and the outbox rows. */
  statement(): Deferred {
    const parts: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, ps: readonly unknown[]) => {
      const offset = params.length;
      params.push(...ps);
      parts.push(`w${parts.length} AS (${sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)})`);
    };
    const guards: string[] = [];
    this.deferred.forEach((d, i) => {
      if (d.refusal) guards.push(`WHEN NOT EXISTS (SELECT FROM w${parts.length}) THEN htt_refuse('${i}')`);
      add(d.refusal ? `${d.sql} RETURNING 1` : d.sql, d.params);
    });
    if (this.events.length) {
      add(
        `INSERT INTO meeting_events (meeting_id, seq, type, payload, actor_id, at)
         SELECT meeting_id, seq, type, payload, actor_id, at FROM jsonb_to_recordset($1::jsonb)
           AS e(meeting_id uuid, seq bigint, type text, payload jsonb, actor_id uuid, at timestamptz)`,
        [JSON.stringify(this.events.map((e) => ({ meeting_id: e.meetingId, seq: e.seq, type: e.type, payload: e.payload, actor_id: e.actorId, at: e.at })))],
      );
    }
    const lateSeqs: string[] = [];
    for (const [meetingId, events] of this.late) {
      const i = lateSeqs.length;
      const offset = params.length;
      params.push(meetingId, events.length, JSON.stringify(events.map((e, k) => ({ ord: k + 1, type: e.type, payload: e.payload, actor_id: e.actorId, at: e.at }))));
      const [m, k, list] = [`$${offset + 1}`, `$${offset + 2}`, `$${offset + 3}`];
      parts.push(`late${i} AS (UPDATE meetings SET seq = seq + ${k}::integer, updated_at = now() WHERE id = ${m}::uuid RETURNING seq)`);
      parts.push(`late${i}_events AS (INSERT INTO meeting_events (meeting_id, seq, type, payload, actor_id, at)
         SELECT ${m}::uuid, late${i}.seq - ${k}::integer + e.ord, e.type, e.payload, e.actor_id, e.at FROM late${i},
           jsonb_to_recordset(${list}::jsonb) AS e(ord integer, type text, payload jsonb, actor_id uuid, at timestamptz))`);
      lateSeqs.push(`(SELECT seq FROM late${i}) AS late${i}`);
    }
    const seqs = [...this.locked].filter(([, l]) => l.seq !== l.from);
    if (seqs.length) {
      add(
        `UPDATE meetings m SET seq = s.seq, updated_at = now() FROM jsonb_to_recordset($1::jsonb) AS s(id uuid, seq bigint) WHERE m.id = s.id`,
        [JSON.stringify(seqs.map(([id, l]) => ({ id, seq: l.seq })))],
      );
    }
    if (this.outbox.size) {
      add(
        `INSERT INTO outbox (job, payload, job_id, available_at)
         SELECT job, payload, job_id, now() + make_interval(secs => delay) FROM jsonb_to_recordset($1::jsonb)
           AS o(job text, payload jsonb, job_id text, delay double precision)
         ON CONFLICT (job_id) WHERE done_at IS NULL DO NOTHING`,
        [JSON.stringify([...this.outbox.values()])],
      );
    }
    const answer = [guards.length ? `CASE ${guards.join(' ')} END AS refused` : '1 AS refused', ...lateSeqs];
    return { sql: `WITH ${parts.join(',\n')} SELECT ${answer.join(', ')}`, params };
  }

  /** The refusal a failed last statement stands for, if a guarded write found its condition false. */
  refusalOf(err: unknown): Error | undefined {
    const match = REFUSED.exec((err as { driverError?: { message?: string } })?.driverError?.message ?? (err as Error)?.message ?? '');
    return match ? this.deferred[Number(match[1])]?.refusal?.() : undefined;
  }
}

/**
 * One ordered history per meeting. An event takes the meeting's next seq in
 * the transaction that makes the change (the meeting row lock orders writers),
 * and is broadcast only after that transaction commits, in seq order per
 * meeting within this process (see PublishOrder).
 *
 * A command's time under the lock is its round trips while the lock is held,
 * each waiting for this process's event loop too: the lock statement (which
 * also bumps the counters the command needs and returns the row), the
 * command's own reads of state that the lock orders, and one last statement
 * with every write, event and outbox row, sent together with the COMMIT.
 * Checks that do not depend on that state (who may, whether the attendee
 * exists) belong before `command`, where they hold neither the lock nor the
 * meeting's turn in this process.
 */
@Injectable()
export class MeetingEventsService {
  private readonly committedListeners: ((event: MeetingEvent) => void)[] = [];
  private readonly appendHandlers = new Map<MeetingEventType, AppendHandler<never>[]>();
  private readonly order = new PublishOrder<MeetingEvent>();
  private readonly queue: CommandQueue;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly hub: RealtimeHub,
    private readonly relay: OutboxRelay,
    @Inject(ENV) private readonly env: Env,
  ) {
    this.queue = new CommandQueue(env.MEETING_QUEUE_LIMIT, { exclusive: env.MEETING_COMMAND_CONCURRENCY, shared: env.MEETING_SHARED_CONCURRENCY });
  }

  /**
   * A command on one meeting: waits for the meeting's turn in this process (CommandQueue: no
   * pooled connection is held while waiting, 503 server_busy when too many wait), then runs
   * `fn` in a transaction (see transact).
   */
  command<T>(meetingId: string, fn: (tx: MeetingTx) => Promise<T>, options: CommandOptions = {}): Promise<T> {
    return this.queue.run(meetingId, options.shared ? 'shared' : 'exclusive', () => this.transact(fn));
  }

  /** Commands of a meeting running and waiting in this process. */
  queueDepth(meetingId: string) {
    return this.queue.depth(meetingId);
  }

  /**
   * Runs `fn` in a transaction whose events are published after the commit. Prefer `command`
   * for a change to one existing meeting; this is for changes that make a meeting or span several.
   */
  async transact<T>(fn: (tx: MeetingTx) => Promise<T>): Promise<T> {
    const taken: MeetingEvent[] = [];
    const pending = new PendingWrites();
    const qr = this.db.createQueryRunner();
    let result: T;
    try {
      await qr.connect();
      await qr.startTransaction();
      try {
        result = await fn(this.tx(qr.manager, pending, taken));
      } catch (err) {
        await qr.rollbackTransaction().catch(() => undefined);
        throw err;
      }
      await this.finish(qr, pending, taken);
    } catch (err) {
      this.release(this.order.drop(taken, [...taken, ...[...pending.late.values()].flat().filter((e) => e.seq > 0)]));
      throw err;
    } finally {
      await qr.release();
    }
    const committed = [...taken, ...[...pending.late.values()].flat()];
    this.release(this.order.commit(taken, committed));
    if (pending.outbox.size) this.relay.poke();
    return result;
  }

  /**
   * The last statement and the COMMIT go out together: pg sends the COMMIT the moment the
   * statement is answered, without waiting for this process's event loop. A failed statement
   * aborts the transaction and PostgreSQL answers the COMMIT with a rollback.
   */
  private async finish(qr: QueryRunner, pending: PendingWrites, taken: MeetingEvent[]) {
    if (pending.empty) return qr.commitTransaction();
    const { sql, params } = pending.statement();
    // the late events' seqs are noted as soon as the statement answers, before the COMMIT's answer is handled
    const write = qr.query(sql, [...params]).then((rows: Record<string, unknown>[]) => pending.assignLate(rows[0], (meetingId, seq) => this.order.take(taken, meetingId, seq)));
    const [written, committed] = await Promise.allSettled([write, qr.commitTransaction()]);
    if (written.status === 'rejected') throw pending.refusalOf(written.reason) ?? written.reason;
    if (committed.status === 'rejected') throw committed.reason;
  }

  private tx(manager: EntityManager, pending: PendingWrites, taken: MeetingEvent[]): MeetingTx {
    const tx: MeetingTx = {
      manager,
      lockMeeting: async (meetingId, mode = 'update', bump) => {
        const meeting = mode === 'update' ? await lockForUpdate(manager, meetingId, bump) : await manager.getRepository(MeetingEntity).findOne({ where: { id: meetingId }, lock: { mode: 'for_key_share' } });
        if (!meeting) throw new MeetingException(MeetingErrorCode.NotFound, 'Meeting not found', { meetingId });
        if (mode === 'update' && !pending.locked.has(meetingId)) pending.locked.set(meetingId, { seq: meeting.seq, from: meeting.seq });
        if (mode === 'key_share') pending.keyShared.add(meetingId);
        return meeting;
      },
      lockMeetingWith: async (meetingId, target, id, mode = 'update') => {
        const [meeting, row] = await lockWithRow(manager, meetingId, target, id, mode);
        if (!meeting) throw new MeetingException(MeetingErrorCode.NotFound, 'Meeting not found', { meetingId });
        if (mode === 'update' && !pending.locked.has(meetingId)) pending.locked.set(meetingId, { seq: meeting.seq, from: meeting.seq });
        if (mode === 'key_share') pending.keyShared.add(meetingId);
        return [meeting, row];
      },
      outbox: (job, payload, options = {}) => {
        const jobId = options.jobId ?? randomUUID();
        if (!pending.outbox.has(jobId)) pending.outbox.set(jobId, { job, payload, job_id: jobId, delay: (options.delayMs ?? 0) / 1000 });
      },
      defer: (sql, params, refusal) => {
        pending.deferred.push({ sql, params, refusal });
      },
      append: async (meetingId, type, payload, actorId) => {
        const locked = pending.locked.get(meetingId);
        const handlers = this.appendHandlers.get(type) ?? [];
        if (!locked && pending.keyShared.has(meetingId) && !handlers.length) {
          // held FOR KEY SHARE, nothing reacts to it here: the last statement takes its seq (see PendingWrites.late)
          const event = toMeetingEvent({ meetingId, seq: 0, type, payload, actorId, at: new Date().toISOString() });
          pending.late.set(meetingId, [...(pending.late.get(meetingId) ?? []), event]);
          return event as MeetingEventOf<typeof type>;
        }
        let seq: number;
        if (locked) {
          seq = locked.seq += 1;
        } else {
          // not held FOR UPDATE here (a new meeting, or a KEY SHARE holder): the row's seq is bumped now, which orders writers from here to the commit
          const bumped = returned<{ seq: string }>(await manager.query(`UPDATE meetings SET seq = seq + 1, updated_at = now() WHERE id = $1 RETURNING seq`, [meetingId]));
          if (!bumped.length) throw new MeetingException(MeetingErrorCode.NotFound, 'Meeting not found', { meetingId });
          seq = Number(bumped[0].seq);
        }
        this.order.take(taken, meetingId, seq);
        const event = { meetingId, seq, type, payload, actorId, at: new Date().toISOString() };
        taken.push(toMeetingEvent(event));
        pending.events.push(toMeetingEvent(event));
        for (const handler of handlers) await (handler as AppendHandler<typeof type>)(tx, event);
        return event;
      },
    };
    return tx;
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
  replay(meetingId: string, afterSeq: number, limit = MAX_REPLAY): Promise<{ seq: number; events: MeetingEvent[] | null } | undefined> {
    // Callers of one event-loop turn asking the same (the clients of a failed api process all resync
    // from the last seq they had) share one read, started after every one of them asked.
    const key = `${meetingId}:${afterSeq}:${limit}`;
    let next = this.nextReplay.get(key);
    if (!next) {
      next = new Promise((resolve, reject) =>
        setImmediate(() => {
          this.nextReplay.delete(key); // started: later callers wait for the next read
          this.replayNow(meetingId, afterSeq, limit).then(resolve, reject);
        }),
      );
      this.nextReplay.set(key, next);
    }
    return next;
  }
  private readonly nextReplay = new Map<string, Promise<{ seq: number; events: MeetingEvent[] | null } | undefined>>();

  private async replayNow(meetingId: string, afterSeq: number, limit: number): Promise<{ seq: number; events: MeetingEvent[] | null } | undefined> {
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

/**
 * The lock statement of update mode: FOR UPDATE, or with `bump` an UPDATE of the counters
 * RETURNING the row (one round trip either way; the row returned is the newest version, as
 * PostgreSQL re-reads a row it waited for).
 */
async function lockForUpdate(manager: EntityManager, meetingId: string, bump?: MeetingCounterBump): Promise<MeetingEntity | null> {
  const sets = Object.entries(bump ?? {}).filter(([, by]) => by);
  if (!sets.length) return manager.getRepository(MeetingEntity).findOne({ where: { id: meetingId }, lock: { mode: 'pessimistic_write' } });
  const meta = manager.connection.getMetadata(MeetingEntity);
  const assignments = sets.map(([property, by], i) => {
    const column = meta.findColumnWithPropertyName(property)!.databaseName;
    return `${column} = ${column} + $${i + 2}::integer`;
  });
  const rows = returned<Record<string, unknown>>(await manager.query(`UPDATE meetings SET ${assignments.join(', ')}, updated_at = now() WHERE id = $1 RETURNING *`, [meetingId, ...sets.map(([, by]) => by)]));
  return rows.length ? hydrate(manager, MeetingEntity, rows[0]) : null;
}

/** An entity from a row of its table's columns (a RETURNING *, a to_jsonb of the row). */
function hydrate<E extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<E>, raw: Record<string, unknown>): E {
  const meta = manager.connection.getMetadata(target);
  const entity = manager.getRepository(target).create();
  for (const column of meta.columns) {
    let value = raw[column.databaseName];
    // to_jsonb gives timestamps as text
    if (typeof value === 'string' && (column.type === 'timestamptz' || column.type === Date)) value = new Date(value);
    column.setEntityValue(entity, manager.connection.driver.prepareHydratedValue(value, column));
  }
  return entity;
}

/**
 * The meeting (FOR UPDATE, or FOR KEY SHARE) and one of its rows (FOR UPDATE), in one round trip. The meeting is
 * read first (LEFT JOIN LATERAL cannot be locked, so the row comes from a second locking
 * subquery that runs after the meeting's lock is held and sees the newest committed row).
 */
async function lockWithRow<E extends ObjectLiteral>(manager: EntityManager, meetingId: string, target: EntityTarget<E>, id: string, mode: MeetingLockMode): Promise<[MeetingEntity | null, E | null]> {
  const meta = manager.connection.getMetadata(target);
  const rows: { meeting: Record<string, unknown>; row: Record<string, unknown> | null }[] = await manager.query(
    `WITH m AS (SELECT * FROM meetings WHERE id = $1 ${mode === 'update' ? 'FOR UPDATE' : 'FOR KEY SHARE'})
     SELECT to_jsonb(m) AS meeting,
            (SELECT to_jsonb(r) FROM (SELECT * FROM ${meta.tablePath} WHERE id = $2 AND meeting_id = m.id FOR UPDATE) r) AS row
       FROM m`,
    [meetingId, id],
  );
  if (!rows.length) return [null, null];
  return [hydrate(manager, MeetingEntity, rows[0].meeting), rows[0].row ? hydrate(manager, target, rows[0].row) : null];
}

/** The rows of an UPDATE ... RETURNING through EntityManager.query, which answers [rows, affected] for an UPDATE on PostgreSQL. */
function returned<R>(result: unknown): R[] {
  const r = result as unknown[];
  return (Array.isArray(r[0]) ? r[0] : r) as R[];
}
