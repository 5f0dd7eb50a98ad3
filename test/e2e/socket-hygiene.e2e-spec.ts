import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { SOCKET_COMMANDS, type Ack, type ApiError, type MeetingSyncResult, type MeetingWriteResult, type MinutesPresence } from '@app/contracts';
import { RealtimeGateway } from '../../apps/api/src/realtime/realtime.gateway';
import { startTestApp, type TestApp } from '../support/app';
import { orgByCode } from '../support/factories';
import { nextEvent, UserSession, type TestSocket } from '../support/session';
import { day } from '../support/time';

/*
 * Socket hygiene with a real socket.io-client: a budget of commands per socket, an answer
 * for every event (a command or not), payloads nested absurdly deep refused as a 400, and a
 * reason before a connection is closed for a message over the size limit.
 */

const LIMIT = 10;
// large enough for a payload 10,000 levels deep (50 kB as JSON)
const MAX_BYTES = 100_000;

/** An emit of anything (an unknown event, a malformed payload): what a buggy or hostile client sends. */
const emitRaw = (socket: TestSocket, event: string, ...args: unknown[]) =>
  (socket.timeout(5000).emitWithAck as (ev: string, ...a: unknown[]) => Promise<Ack<unknown>>)(event, ...args);
const errorOf = (answer: Ack<unknown>): ApiError => {
  if (answer.ok) throw new Error(`expected a refusal, got ${JSON.stringify(answer.data)}`);
  return answer.error;
};
/**
 * A command written straight onto the transport, answered through Socket.IO's ack: what a
 * client other than socket.io-client sends (that one overflows its own stack encoding a
 * payload 10,000 levels deep, in its recursive binary check).
 */
let rawId = 900_000;
const emitWire = (socket: TestSocket, event: string, payloadJson: string) => {
  const id = ++rawId;
  return new Promise<Ack<unknown>>((resolve) => {
    const onPacket = (packet: { type: number; id?: number; data?: unknown[] }) => {
      if (packet.type !== 3 || packet.id !== id) return;
      socket.io.off('packet', onPacket);
      resolve(packet.data![0] as Ack<unknown>);
    };
    socket.io.on('packet', onPacket);
    // Socket.IO packet 2 (EVENT) with ack id, on the default namespace
    socket.io.engine.write(`2${id}[${JSON.stringify(event)},${payloadJson}]`);
  });
};
/** `{"v":{"v":...}}` n levels deep, as JSON (built as text: no recursion anywhere). */
const nestedJson = (n: number) => `${'{"v":'.repeat(n)}"leaf"${'}'.repeat(n)}`;
/** `{ v: { v: ... } }` n levels deep. */
const nested = (n: number): unknown => {
  let v: unknown = 'leaf';
  for (let i = 0; i < n; i++) v = { v };
  return v;
};

describe('socket hygiene', () => {
  let t: TestApp;
  let secretary: UserSession;
  let viewer: UserSession;
  let admin: UserSession;
  let meetingId: string;
  let follower: TestSocket;
  const open: TestSocket[] = [];
  const socketOf = async (s: UserSession) => {
    const socket = await s.socket();
    open.push(socket);
    return socket;
  };
  const editing = (socket: TestSocket, entryId: string) => socket.timeout(5000).emitWithAck('minutes:editing', { meetingId, entryId }) as Promise<Ack<{ ok: true }>>;
  /** Everything the meeting's followers can see, to compare before and after. */
  const meetingState = async () => (await viewer.call('meetings.events', { params: { id: meetingId }, query: {} })) as MeetingSyncResult;

  /**
   * Presence announcements the follower received up to (not including) `marker`, which a
   * secretary's socket sends now: when its announcement arrives every earlier one has.
   */
  const presenceUntilMarker = async (seen: string[]) => {
    const marker = randomUUID();
    const socket = await socketOf(secretary);
    const arrived = new Promise<void>((resolve) => follower.on('minutes:presence', (p: MinutesPresence) => p.entryId === marker && resolve()));
    expect((await editing(socket, marker)).ok).toBe(true);
    await arrived;
    return seen.slice(0, seen.indexOf(marker));
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { SOCKET_COMMAND_LIMIT: String(LIMIT), SOCKET_COMMAND_WINDOW_SECONDS: '1', SOCKET_MAX_MESSAGE_BYTES: String(MAX_BYTES) } });
    admin = await UserSession.signIn(t.baseUrl, 'admin');
    const organizer = await UserSession.signIn(t.baseUrl, 'organizer');
    const chair = await UserSession.signIn(t.baseUrl, 'chair');
    secretary = await UserSession.signIn(t.baseUrl, 'secretary');
    viewer = await UserSession.signIn(t.baseUrl, 'viewer');
    const host = await orgByCode(admin, 'BNG');
    meetingId = (
      await organizer.post<MeetingWriteResult>('/api/meetings', {
        kind: 'plenary',
        title: 'Hội nghị trực tuyến toàn quốc về chuyển đổi số',
        hostOrganizationId: host.id,
        chairId: chair.account.id,
        secretaryIds: [secretary.account.id],
        scheduledStart: day(1, '08:00'),
        scheduledEnd: day(1, '11:00'),
      })
    ).body.meeting.id;
    follower = await socketOf(viewer);
    expect(((await follower.emitWithAck('meeting:subscribe', { meetingId })) as Ack<unknown>).ok).toBe(true);
  });
  afterAll(async () => {
    open.forEach((s) => s.close());
    await t.close();
  });

  it('answers a burst beyond the limit with rate_limited and a retry-after, runs none of those, and serves the socket again after the window', async () => {
    const seen: string[] = [];
    follower.on('minutes:presence', (p: MinutesPresence) => void seen.push(p.entryId!));
    const socket = await socketOf(secretary);
    const ids = Array.from({ length: LIMIT + 5 }, () => randomUUID());
    const answers = await Promise.all(ids.map((id) => editing(socket, id)));

    // Packets keep their order through the budget: the first LIMIT ran, the rest were refused.
    expect(answers.map((a) => a.ok)).toEqual(ids.map((_, i) => i < LIMIT));
    const refused = answers.slice(LIMIT).map(errorOf);
    for (const e of refused) {
      expect(e).toMatchObject({ statusCode: 429, code: 'rate_limited' });
      expect(e.code === 'rate_limited' && e.params.retryAfterSeconds).toBe(1);
    }
    // Only the accepted ones reached the room.
    expect((await presenceUntilMarker(seen)).sort()).toEqual(ids.slice(0, LIMIT).sort());

    // After the retry-after the server gave, the same socket is served again.
    const wait = refused[0].code === 'rate_limited' ? refused[0].params.retryAfterSeconds! : 1;
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    const again = randomUUID();
    const arrived = new Promise<void>((resolve) => follower.on('minutes:presence', (p: MinutesPresence) => p.entryId === again && resolve()));
    expect(await editing(socket, again)).toEqual({ ok: true, data: { ok: true } });
    await arrived;
  });

  it('answers an unknown event with a 404 unknown_command in its ack, and the socket goes on', async () => {
    const socket = await socketOf(secretary);
    expect(errorOf(await emitRaw(socket, 'meeting:explode', { meetingId }))).toMatchObject({ statusCode: 404, code: 'unknown_command', params: { event: 'meeting:explode' } });
    expect(errorOf(await emitRaw(socket, 'minutes:edit'))).toMatchObject({ statusCode: 404, code: 'unknown_command' });
    expect(errorOf(await emitRaw(socket, 'x'.repeat(500), 1, 2, 3))).toMatchObject({ code: 'unknown_command', params: { event: 'x'.repeat(100) } });
    expect((await editing(socket, randomUUID())).ok).toBe(true);
  });

  it('answers every command of the contract, sent a malformed payload, with a 400 naming the fields, and changes nothing', async () => {
    const before = await meetingState();
    const seen: string[] = [];
    const media: unknown[] = [];
    follower.on('minutes:presence', (p: MinutesPresence) => void seen.push(p.entryId!));
    follower.on('media:state', (s) => void media.push(s));
    const malformed: unknown[][] = [
      [], // no payload at all, only the ack
      ['not an object'],
      [null],
      [[meetingId]],
      [{ meetingId: 'not-a-uuid', surplus: true }],
      [{ meetingId }, 'a second argument'],
    ];
    // The admin may do nearly anything in the meeting: only the payload stands in the way.
    for (const command of SOCKET_COMMANDS) {
      // A socket per command keeps each under the test's small budget.
      const socket = await socketOf(admin);
      for (const args of malformed) {
        const e = errorOf(await emitRaw(socket, command, ...args));
        expect([command, args, e.statusCode, e.code]).toEqual([command, args, 400, 'validation_failed']);
        expect(e.fields?.length).toBeGreaterThan(0);
      }
      socket.close();
    }
    expect(await presenceUntilMarker(seen)).toEqual([]);
    expect(media).toEqual([]);
    const after = await meetingState();
    expect(after.seq).toBe(before.seq);
    expect(after.snapshot).toEqual(before.snapshot);
  });

  it('refuses a payload nested 10,000 levels deep with a 400 payload_too_deep, not as a media failure', async () => {
    const socket = await socketOf(admin);
    const produce = { meetingId, transportId: randomUUID(), endpointId: randomUUID(), kind: 'audio' };
    const deep = `${JSON.stringify(produce).slice(0, -1)},"rtpParameters":${nestedJson(10_000)}}`;
    expect(errorOf(await emitWire(socket, 'media:produce', deep))).toMatchObject({ statusCode: 400, code: 'payload_too_deep', params: { maxDepth: 32 } });
    expect(errorOf(await emitRaw(socket, 'media:transport:connect', { meetingId, transportId: randomUUID(), dtlsParameters: nested(40) }))).toMatchObject({ code: 'payload_too_deep' });
    // A real mediasoup structure is nowhere near: it gets as far as the media service (off in this test).
    const shallow = { ...produce, rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, rtcpFeedback: [{ type: 'transport-cc' }] }] } };
    expect(errorOf(await emitRaw(socket, 'media:produce', shallow)).code).toMatch(/^media_/);
  });

  it('tells the client why before it closes the connection for a message over the size limit', async () => {
    const socket = await socketOf(secretary);
    // Just under the limit: answered like any other command, the connection stays.
    expect(errorOf(await emitRaw(socket, 'minutes:editing', { meetingId, entryId: null, note: 'ý'.repeat(MAX_BYTES / 2 - 100) })).code).toBe('validation_failed');
    expect(socket.connected).toBe(true);

    const happened: string[] = [];
    const reason = nextEvent<ApiError>(socket, 'socket:error').then((e) => (happened.push('socket:error'), e));
    const closed = nextEvent<string>(socket, 'disconnect').then((r) => (happened.push('disconnect'), r));
    socket.emit('minutes:editing', { meetingId, entryId: null, note: 'ý'.repeat(MAX_BYTES) } as never, () => happened.push('ack'));
    expect(await reason).toMatchObject({ statusCode: 413, code: 'payload_too_large' });
    // A transport close, not "io server disconnect": a client reconnects by itself.
    expect(await closed).toBe('transport close');
    expect(happened).toEqual(['socket:error', 'disconnect']);

    // The account is not shut out: a new connection works.
    expect((await editing(await socketOf(secretary), randomUUID())).ok).toBe(true);
  });

  it('still cuts a message over the transport ceiling (four times the limit), with WebSocket close code 1009 as the reason', async () => {
    const socket = io(t.baseUrl, { auth: { token: secretary.token }, transports: ['websocket'], reconnection: false, forceNew: true });
    await nextEvent(socket, 'session:ready');
    const closed = new Promise<{ reason: string; code?: number }>((resolve) =>
      socket.once('disconnect', (reason, details) => resolve({ reason, code: (details as { context?: { code?: number } } | undefined)?.context?.code })),
    );
    socket.emit('minutes:editing', { meetingId, entryId: null, note: 'a'.repeat(MAX_BYTES * 5) } as never);
    expect(await closed).toEqual({ reason: 'transport close', code: 1009 });
    socket.close();
  });

  it('gives every socket the same listener for a command, bound once per gateway (not a closure per socket)', async () => {
    const [a, b] = [await socketOf(viewer), await socketOf(secretary)];
    const server = t.app.get(RealtimeGateway).server;
    const [sa, sb] = [a, b].map((c) => server.of('/').sockets.get(c.id!)!);
    for (const command of ['meeting:subscribe', 'minutes:editing', ...SOCKET_COMMANDS.slice(0, 3)]) {
      expect(sa.listeners(command as never)).toHaveLength(1);
      expect(sa.listeners(command as never)[0]).toBe(sb.listeners(command as never)[0]);
    }
    // and the shared listener answers each socket as itself
    const [answerA, answerB] = await Promise.all([a, b].map((s) => editing(s, randomUUID())));
    expect([answerA.ok, answerB.ok]).toEqual([false, true]); // the viewer may not edit the minutes, the secretary may
  });
});
