import { Client } from 'pg';
import type { ApiError, SpeakersState, SpeechRequest } from '@app/contracts';
import { MeetingEventsService } from '../../apps/api/src/meetings/meeting-events.service';
import { startTestApp, type TestApp } from '../support/app';
import type { HttpResult } from '../support/session';
import { newVotingMeeting, type VotingMeeting } from '../support/voting';

/**
 * Commands of one meeting wait in the api process, not on a pooled connection
 * (issue 17). The test holds meeting A's row lock itself, from its own
 * database session, so A's commands stop exactly where a burst makes them
 * wait: the first inside PostgreSQL, the others in the process's queue.
 * Nothing is timed: while A is held, meeting B must still be answered.
 */
// Twice in full parallel runs (of 7) the first test waited for ever, its cause not found: retried once,
// with the first attempt's errors printed, and every wait bounded so that a failure names what hung.
jest.retryTimes(1, { logErrorsBeforeRetry: true });

describe('the per-meeting command queue', () => {
  let t: TestApp;
  let a: VotingMeeting;
  let b: VotingMeeting;
  let pg: Client;
  const QUEUE_LIMIT = 6;
  const IN_DATABASE = 2;

  const ask = (v: VotingMeeting, i: number) => {
    const e = v.endpoints[i % v.endpoints.length];
    return v.organizer.post<SpeechRequest>(`${v.base}/speech-requests`, { endpointId: e.id, attendeeId: v.delegates.get(e.id)![0].id, kind: 'contribution', topic: `Ý kiến số ${i + 1} về ngân sách địa phương` });
  };
  const requestsOf = async (v: VotingMeeting) => (await v.chair.get<SpeakersState>(`${v.base}/speakers`)).body.requests;
  /** Holds the meeting's row as a command would, until `release` is called. */
  const holdMeeting = async (meetingId: string) => {
    await pg.query('BEGIN');
    await pg.query('SELECT id FROM meetings WHERE id = $1 FOR UPDATE', [meetingId]);
    return () => pg.query('COMMIT');
  };
  /**
   * Resolves once `n` of meeting A's commands are in this api's queue for it: IN_DATABASE running (they
   * cannot finish while the test holds the row) and the rest waiting. Read from the service itself
   * (the app runs in this process), checked once per turn of the event loop.
   */
  const queued = (n: number) =>
    new Promise<void>((resolve) => {
      const look = () => {
        const depth = t.app.get(MeetingEventsService).queueDepth(a.meetingId);
        if (depth.running === Math.min(n, IN_DATABASE) && depth.running + depth.waiting === n) resolve();
        else setImmediate(look);
      };
      look();
    });
  /** `promise`, or a clear failure after `ms` (so that a hang fails the test instead of the suite). */
  const within = <T,>(promise: Promise<T>, ms: number, what: string) => {
    let timer: NodeJS.Timeout | undefined;
    const guard = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)));
    return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
  };

  beforeAll(async () => {
    // four pooled connections, two of them for meeting A's commands in the database: were waiting commands
    // holding one each, the burst would take all four and starve the process
    t = await startTestApp({ env: { DATABASE_POOL_SIZE: '4', DATABASE_POOL_ACQUIRE_MS: '20000', MEETING_QUEUE_LIMIT: String(QUEUE_LIMIT), MEETING_COMMAND_CONCURRENCY: String(IN_DATABASE) } });
    a = await newVotingMeeting(t.baseUrl, { sites: 2, delegates: 1 });
    b = await newVotingMeeting(t.baseUrl, { sites: 1, delegates: 1, meeting: { title: 'Hội nghị B cùng giờ' } });
    for (const v of [a, b]) expect((await v.chair.patch(`${v.base}/speakers/settings`, { maxOpenRequestsPerEndpoint: 50 })).status).toBe(200);
    pg = new Client({ connectionString: t.databaseUrl });
    await pg.connect();
  });
  afterAll(async () => {
    await pg?.end();
    await t?.close();
  });

  it('answers a read and a command on meeting B while a burst on meeting A waits, and A loses nothing', async () => {
    const before = new Set((await requestsOf(a)).map((r) => r.id)); // an earlier attempt's, if retried
    const release = await holdMeeting(a.meetingId);
    const order: string[] = [];
    let burst: Promise<HttpResult<SpeechRequest>>[] = [];
    try {
      burst = Array.from({ length: QUEUE_LIMIT + IN_DATABASE }, (_, i) =>
        ask(a, i).then((r) => {
          order.push('A');
          return r;
        }),
      );
      await within(queued(QUEUE_LIMIT + IN_DATABASE), 60_000, "A's burst queued");
      const read = await within(b.chair.get<SpeakersState>(`${b.base}/speakers`), 60_000, "B's read");
      order.push('B read');
      const command = await within(ask(b, 0), 60_000, "B's command");
      order.push('B command');
      expect(read.status).toBe(200);
      expect(command.status).toBe(201);
      expect(order).toEqual(['B read', 'B command']); // none of A's answers came before B's
    } finally {
      await release(); // whatever happened above, A's commands are let go
    }
    const answers = await Promise.all(burst);
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 201));
    const stored = await requestsOf(a);
    expect(stored.filter((r) => !before.has(r.id)).map((r) => r.id).sort()).toEqual(answers.map((r) => r.body.id).sort());
    expect(new Set(stored.map((r) => r.position)).size).toBe(stored.length);
  });

  it('answers 503 server_busy past the queue limit, stores nothing of the refused and every accepted command', async () => {
    const before = await requestsOf(a);
    const release = await holdMeeting(a.meetingId);
    const refused: HttpResult<SpeechRequest>[] = [];
    const extra = 3;
    let allRefused!: () => void;
    const refusedInTime = new Promise<void>((resolve) => (allRefused = resolve));
    const offered = Array.from({ length: QUEUE_LIMIT + IN_DATABASE + extra }, (_, i) =>
      ask(a, 100 + i).then((r) => {
        if (r.status === 503 && refused.push(r) === extra) allRefused();
        return r;
      }),
    );
    try {
      // the refused are answered while A is still held: IN_DATABASE waiting inside PostgreSQL, QUEUE_LIMIT in the process
      await within(refusedInTime, 60_000, 'the refusals');
    } finally {
      await release();
    }
    const answers = await Promise.all(offered);
    const accepted = answers.filter((r) => r.status === 201);
    expect(accepted).toHaveLength(QUEUE_LIMIT + IN_DATABASE);
    expect(refused).toHaveLength(extra);
    for (const r of refused) {
      expect((r.body as unknown as ApiError).code).toBe('server_busy');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    const stored = await requestsOf(a);
    expect(stored).toHaveLength(before.length + accepted.length);
    expect(stored.filter((r) => !before.some((x) => x.id === r.id)).map((r) => r.id).sort()).toEqual(accepted.map((r) => r.body.id).sort());
    expect(new Set(stored.map((r) => r.position)).size).toBe(stored.length);
  });

  it('refuses a request past the endpoint’s open maximum in the write itself, and writes nothing of it', async () => {
    const e = b.endpoints[0];
    expect((await b.chair.patch(`${b.base}/speakers/settings`, { maxOpenRequestsPerEndpoint: 2 })).status).toBe(200);
    const open = (await requestsOf(b)).filter((r) => r.endpointId === e.id && ['pending', 'queued', 'skipped'].includes(r.status)).length;
    const answers = await Promise.all(Array.from({ length: 4 }, () => ask(b, 0)));
    const created = answers.filter((r) => r.status === 201);
    expect(created).toHaveLength(Math.max(0, 2 - open));
    for (const r of answers.filter((x) => x.status !== 201)) {
      expect(r.status).toBe(409);
      expect((r.body as unknown as ApiError).code).toBe('too_many_open_requests');
    }
    const after = (await requestsOf(b)).filter((r) => r.endpointId === e.id && ['pending', 'queued', 'skipped'].includes(r.status));
    expect(after).toHaveLength(2);
    // the refused left no event and no gap: the meeting's history is still contiguous
    const { rows } = await pg.query(`SELECT m.seq::int AS seq, count(e.*)::int AS events FROM meetings m LEFT JOIN meeting_events e ON e.meeting_id = m.id WHERE m.id = $1 GROUP BY m.seq`, [b.meetingId]);
    expect(rows[0].events).toBe(rows[0].seq);
  });
});
