import { Client } from 'pg';
import { io } from 'socket.io-client';
import type { Ack, ApiError, DisplayPairing, DisplayStatusResult, DisplayView, MeetingEvent, MeetingSyncResult, Organization } from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { newAccount } from '../support/factories';
import { http, nextEvent, UserSession, type TestSocket } from '../support/session';
import { newPoll, newVotingMeeting, type VotingMeeting } from '../support/voting';

/*
 * Hall displays over real HTTP and a real socket.io-client: pairing by the code on the screen,
 * the display's read-only socket, and revocation closing it on another api process.
 */
describe('hall displays', () => {
  let t: TestApp;
  let other: TestApp;
  let v: VotingMeeting;
  let second: VotingMeeting;
  let admin: UserSession;
  let operatorB: UserSession;
  let operatorC: UserSession;
  const sockets: TestSocket[] = [];

  const start = async (base = t.baseUrl) => {
    const res = await http<DisplayPairing>(base, 'POST', '/api/displays/pairings');
    expect(res.status).toBe(201);
    return res.body;
  };
  const status = async (secret: string, base = t.baseUrl) => (await http<DisplayStatusResult>(base, 'POST', '/api/displays/pairings/status', { secret })).body;
  const pair = (as: UserSession, body: object, meeting = v) => as.post<DisplayView & ApiError>(`${meeting.base}/displays`, body);
  const list = async (as: UserSession, meeting = v) => (await as.get<DisplayView[]>(`${meeting.base}/displays`)).body;
  const displaySocket = async (token: string, base = t.baseUrl): Promise<TestSocket> => {
    const socket: TestSocket = io(base, { auth: { displayToken: token }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  };
  const subscribe = (socket: TestSocket, meetingId: string) => socket.emitWithAck('meeting:subscribe', { meetingId }) as Promise<Ack<MeetingSyncResult>>;
  /** A display paired by the organizer (host hall, or `endpointId`), with its live socket. */
  const pairedDisplay = async (name: string, endpointId?: string, base = t.baseUrl) => {
    const p = await start();
    const res = await pair(v.organizer, { code: p.code, name, ...(endpointId ? { endpointId } : {}) });
    expect(res.status).toBe(201);
    return { pairing: p, display: res.body, socket: await displaySocket(p.secret, base) };
  };

  beforeAll(async () => {
    t = await startTestApp();
    other = await startTestApp({ sameDataAs: t });
    v = await newVotingMeeting(t.baseUrl, { sites: 3, delegates: 1 });
    second = await newVotingMeeting(t.baseUrl, { sites: 1, delegates: 1 });
    admin = await UserSession.signIn(t.baseUrl, 'admin');
    const [, b, c] = v.endpoints;
    const orgB = (await admin.get<Organization>(`/api/organizations/${b.organizationId}`)).body;
    const opB = await newAccount(admin, 'endpoint_operator', orgB.id);
    const opC = await newAccount(admin, 'endpoint_operator', c.organizationId);
    expect((await v.organizer.patch(`${v.base}/endpoints/${b.id}`, { operatorIds: [opB.account.id] })).status).toBe(200);
    expect((await v.organizer.patch(`${v.base}/endpoints/${c.id}`, { operatorIds: [opC.account.id] })).status).toBe(200);
    operatorB = await opB.session();
    operatorC = await opC.session();
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await other?.close();
    await t?.close();
  });

  it('pairs: the display shows a code, the organizer enters it with a name, the display learns it is paired and follows the meeting', async () => {
    const p = await start();
    expect(p.code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
    expect(p.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(p.expiresAt) - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(await status(p.secret)).toEqual({ status: 'pending', code: p.code, expiresAt: p.expiresAt, display: null });

    // typed as people type it: lower case, with a dash
    const typed = `${p.code.slice(0, 3).toLowerCase()}-${p.code.slice(3)}`;
    const res = await pair(v.organizer, { code: typed, name: 'Màn hình hội trường tầng 3' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ meetingId: v.meetingId, name: 'Màn hình hội trường tầng 3', kind: 'host', endpointId: null, pairedBy: { id: v.organizer.account.id, fullName: v.organizer.account.fullName }, revokedAt: null });
    expect(await list(v.organizer)).toContainEqual(res.body);

    const paired = await status(p.secret);
    expect(paired).toEqual({ status: 'paired', code: null, expiresAt: null, display: { id: res.body.id, meetingId: v.meetingId, name: 'Màn hình hội trường tầng 3', kind: 'host', endpointId: null } });

    // the secret it already holds is its token; nothing secret is stored
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    const stored = await db.query(`SELECT token_hash FROM displays WHERE id = $1`, [res.body.id]);
    await db.end();
    expect(Buffer.from(stored.rows[0].token_hash as Buffer).toString('utf8')).not.toContain(p.secret);

    const socket = await displaySocket(p.secret);
    const sync = await subscribe(socket, v.meetingId);
    expect(sync.ok).toBe(true);
    if (!sync.ok) return;
    expect(sync.data.snapshot!.meeting.id).toBe(v.meetingId);
    expect(sync.data.viewer).toEqual({ accountId: res.body.id, visible: true, organizerOfHost: false });
    // a committed event reaches it: the chair opens a poll
    const event = nextEvent<MeetingEvent>(socket, 'meeting:event');
    const poll = await newPoll(v, { question: 'Thông qua chương trình kỳ họp?' });
    const got = await event;
    expect(got).toMatchObject({ meetingId: v.meetingId, type: 'poll.upserted' });
    expect(poll.status).toBe('open');
    const clock = (await socket.emitWithAck('clock:sync', { clientTime: 1 })) as Ack<{ serverTime: number }>;
    expect(clock.ok).toBe(true);
  });

  it('refuses a wrong, malformed or expired code with a clear 4xx and pairs nothing', async () => {
    const before = await list(v.organizer);
    const wrong = await pair(v.organizer, { code: 'ZZZZZZ', name: 'Màn hình sai mã' });
    expect([wrong.status, wrong.body.code]).toEqual([422, 'display_code_invalid']);
    const malformed = await pair(v.organizer, { code: 'AB0OI1', name: 'Màn hình sai mã' });
    expect([malformed.status, malformed.body.code]).toEqual([400, 'validation_failed']);
    const noName = await pair(v.organizer, { code: 'ABCDEF', name: '   ' });
    expect([noName.status, noName.body.code]).toEqual([400, 'validation_failed']);

    const p = await start();
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    await db.query(`UPDATE display_pairings SET expires_at = now() - interval '1 second' WHERE code = $1`, [p.code]);
    await db.end();
    expect((await status(p.secret)).status).toBe('expired');
    const expired = await pair(v.organizer, { code: p.code, name: 'Màn hình hết hạn' });
    expect([expired.status, expired.body.code]).toEqual([422, 'display_code_expired']);
    expect(await list(v.organizer)).toEqual(before);
    // a code can be used once
    const once = await start();
    expect((await pair(v.organizer, { code: once.code, name: 'Màn hình một lần' })).status).toBe(201);
    const again = await pair(v.organizer, { code: once.code, name: 'Màn hình lần hai' });
    expect([again.status, again.body.code]).toEqual([422, 'display_code_invalid']);
    expect((await status('x'.repeat(43))).status).toBe('unknown');
    expect((await http<ApiError>(t.baseUrl, 'POST', '/api/displays/pairings/status', { secret: 'short' })).status).toBe(400);
  });

  it('lets an operator pair a display for its own endpoint only; organizers alone pair the host hall', async () => {
    const [, b, c] = v.endpoints;
    const p = await start();
    const mine = await pair(operatorB, { code: p.code, name: 'Màn hình Sở', endpointId: b.id });
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({ kind: 'endpoint', endpointId: b.id, pairedBy: { id: operatorB.account.id } });
    const q = await start();
    const foreign = await pair(operatorB, { code: q.code, name: 'Màn hình nơi khác', endpointId: c.id });
    expect(foreign.status).toBe(403);
    const host = await pair(operatorB, { code: q.code, name: 'Màn hình hội trường', endpointId: undefined });
    expect(host.status).toBe(403);
    const viewer = await pair(v.viewer, { code: q.code, name: 'Màn hình người xem', endpointId: b.id });
    expect(viewer.status).toBe(403);
    // the code was not used up by the refusals
    expect((await status(q.secret)).status).toBe('pending');
    // each lists what it may manage
    expect((await list(operatorB)).map((d) => d.id)).toEqual([mine.body.id]);
    expect(await list(operatorC)).toEqual([]);
    expect((await list(v.organizer)).map((d) => d.id)).toContain(mine.body.id);
  });

  it('keeps a display to its one meeting, read-only: another meeting, any command, any REST call with its token are refused', async () => {
    const { pairing, socket } = await pairedDisplay('Màn hình chỉ xem');
    const foreign = await subscribe(socket, second.meetingId);
    expect(foreign.ok).toBe(false);
    if (!foreign.ok) expect([foreign.error.statusCode, foreign.error.code]).toEqual([403, 'forbidden']);
    const emit = socket.emitWithAck as (event: string, payload: unknown) => Promise<Ack<unknown>>;
    for (const [event, payload] of [
      ['endpoint:join', { meetingId: v.meetingId, endpointId: v.endpoints[0].id, device: 'màn hình' }],
      ['minutes:editing', { meetingId: v.meetingId, entryId: null }],
      ['media:capabilities', { meetingId: v.meetingId }],
      ['auth:refresh', { token: pairing.secret }],
      ['no:such', {}],
    ] as const) {
      const answer = await emit.call(socket, event, payload);
      expect([event, answer.ok ? 'ok' : answer.error.code, answer.ok ? 200 : answer.error.statusCode]).toEqual([event, 'forbidden', 403]);
    }
    // without an ack the refusal comes as socket:error
    const refused = nextEvent<ApiError>(socket, 'socket:error');
    socket.emit('endpoint:leave', { endpointId: v.endpoints[0].id }, undefined as never);
    expect(await refused).toMatchObject({ statusCode: 403, code: 'forbidden' });
    // the token is no access token
    for (const path of [`/api/me`, `${v.base}/events`, `${v.base}/displays`, `${v.base}/polls`]) {
      const res = await http<ApiError>(t.baseUrl, 'GET', path, undefined, { authorization: `Bearer ${pairing.secret}` });
      expect([path, res.status]).toEqual([path, 401]);
    }
    const cmd = await http<ApiError>(t.baseUrl, 'POST', `${v.base}/polls`, { question: 'Bằng mã màn hình?' }, { authorization: `Bearer ${pairing.secret}` });
    expect(cmd.status).toBe(401);
    // nor a user's socket
    const asUser = io(t.baseUrl, { auth: { token: pairing.secret }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(asUser);
    const error = await new Promise<Error & { data?: ApiError }>((resolve) => asUser.once('connect_error', resolve));
    expect(error.data).toMatchObject({ statusCode: 401 });
    // still following its own meeting
    expect((await subscribe(socket, v.meetingId)).ok).toBe(true);
  });

  it('refuses a display socket with a token that is not a display’s', async () => {
    const bad = io(t.baseUrl, { auth: { displayToken: 'y'.repeat(43) }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(bad);
    const error = await new Promise<Error & { data?: ApiError }>((resolve) => bad.once('connect_error', resolve));
    expect(error.data).toMatchObject({ statusCode: 401, code: 'unauthenticated' });
  });

  it('refuses a revocation by someone not allowed (403) and the display stays live', async () => {
    const [, b] = v.endpoints;
    const { display, socket } = await pairedDisplay('Màn hình Sở B', b.id);
    expect((await v.viewer.post<ApiError>(`${v.base}/displays/${display.id}/revoke`)).status).toBe(403);
    expect((await operatorC.post<ApiError>(`${v.base}/displays/${display.id}/revoke`)).status).toBe(403);
    const hostDisplay = await pairedDisplay('Màn hình hội trường chính');
    expect((await operatorB.post<ApiError>(`${v.base}/displays/${hostDisplay.display.id}/revoke`)).status).toBe(403);
    const stranger = await UserSession.signIn(t.baseUrl, 'langson');
    expect([403, 404]).toContain((await stranger.post<ApiError>(`${v.base}/displays/${display.id}/revoke`)).status);
    const unknown = await v.organizer.post<ApiError>(`${v.base}/displays/00000000-0000-4000-8000-000000000000/revoke`);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'display_not_found']);
    // another meeting's display is not found through this meeting
    expect((await second.organizer.post<ApiError>(`${second.base}/displays/${display.id}/revoke`)).status).toBe(404);
    expect(socket.connected).toBe(true);
    expect((await subscribe(socket, v.meetingId)).ok).toBe(true);
    expect((await list(v.organizer)).find((d) => d.id === display.id)?.revokedAt).toBeNull();
  });

  it('revoking closes the live socket at once, on another api process too, and the token stops working', async () => {
    const [, b] = v.endpoints;
    // connected to the OTHER api process; revoked through the first
    const { pairing, display, socket } = await pairedDisplay('Màn hình phòng họp Sở', b.id, other.baseUrl);
    expect((await subscribe(socket, v.meetingId)).ok).toBe(true);
    const ended = nextEvent<{ reason: string }>(socket, 'session:ended');
    const closed = nextEvent<string>(socket, 'disconnect');
    const res = await operatorB.post<DisplayView>(`${v.base}/displays/${display.id}/revoke`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: display.id, revokedBy: { id: operatorB.account.id } });
    expect(res.body.revokedAt).not.toBeNull();
    expect(await ended).toEqual({ reason: 'revoked' });
    expect(await closed).toBe('io server disconnect');
    expect(await status(pairing.secret)).toMatchObject({ status: 'revoked', display: { id: display.id } });
    const again = io(t.baseUrl, { auth: { displayToken: pairing.secret }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(again);
    const error = await new Promise<Error & { data?: ApiError }>((resolve) => again.once('connect_error', resolve));
    expect(error.data).toMatchObject({ statusCode: 401 });
    const twice = await v.organizer.post<ApiError>(`${v.base}/displays/${display.id}/revoke`);
    expect([twice.status, twice.body.code]).toEqual([409, 'display_already_revoked']);
    // listed with who revoked it
    expect((await list(v.organizer)).find((d) => d.id === display.id)).toMatchObject({ revokedBy: { id: operatorB.account.id, fullName: operatorB.account.fullName } });
  });

  it('limits code entry per account: wrong codes stop after 10 in the window (429), so codes cannot be guessed', async () => {
    const [, , c] = v.endpoints;
    const answers: number[] = [];
    for (let i = 0; i < 11; i++) answers.push((await pair(operatorC, { code: 'QQQQQQ', name: 'Đoán mã', endpointId: c.id })).status);
    expect(answers.slice(0, 10)).toEqual(Array(10).fill(422));
    const last = await pair(operatorC, { code: 'QQQQQQ', name: 'Đoán mã', endpointId: c.id });
    expect([last.status, last.body.code]).toEqual([429, 'rate_limited']);
    // another account is not held by it
    expect((await pair(operatorB, { code: 'QQQQQQ', name: 'Đoán mã', endpointId: v.endpoints[1].id })).status).toBe(422);
  });

  it('limits pairings started from one address (429)', async () => {
    let status429: ApiError | null = null;
    for (let i = 0; i < 80 && !status429; i++) {
      const res = await http<ApiError>(t.baseUrl, 'POST', '/api/displays/pairings');
      if (res.status === 429) status429 = res.body;
      else expect(res.status).toBe(201);
    }
    expect(status429).toMatchObject({ statusCode: 429, code: 'rate_limited' });
  });
});
