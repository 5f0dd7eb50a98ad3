import {
  MeetingStateFollower,
  remainingSeconds,
  speakingMs,
  type Ack,
  type ApiError,
  type Attendee,
  type MeetingEndpoint,
  type MeetingEvent,
  type MeetingSyncResult,
  type MeetingWriteResult,
  type MinutesState,
  type SpeakerTurn,
  type SpeakersState,
  type SpeechRequest,
} from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { orgByCode } from '../support/factories';
import { UserSession, type TestSocket } from '../support/session';
import { day } from '../support/time';

/**
 * The chair pauses and resumes the running speech's countdown. The pause is a committed,
 * sequenced change of the turn (turns.upserted): every console that follows the meeting over
 * Socket.IO folds it with the shared reducer and sees the same frozen time left.
 */
describe('pausing the countdown of a speech', () => {
  let t: TestApp;
  let chair: UserSession;
  let operator: UserSession;
  let viewer: UserSession;
  let meetingId: string;
  let endpoint: MeetingEndpoint;
  const base = () => `/api/meetings/${meetingId}`;
  const speakers = async () => (await chair.get<SpeakersState>(`${base()}/speakers`)).body;
  const current = async () => (await speakers()).turns.find((x) => x.endedAt === null) ?? null;

  /** A socket that follows the meeting with the shared reducer; `until` resolves once the followed state satisfies `test`. */
  async function follow(session: UserSession) {
    const socket: TestSocket = await session.socket();
    const ack = (await socket.emitWithAck('meeting:subscribe', { meetingId })) as Ack<MeetingSyncResult>;
    if (!ack.ok || !ack.data.snapshot) throw new Error(`subscribe refused: ${JSON.stringify(ack)}`);
    const follower = new MeetingStateFollower(ack.data.snapshot);
    const waiters: { test: (f: MeetingStateFollower) => boolean; resolve: () => void }[] = [];
    socket.on('meeting:event', (e: MeetingEvent) => {
      follower.receive(e);
      for (const w of [...waiters]) if (w.test(follower)) (waiters.splice(waiters.indexOf(w), 1), w.resolve());
    });
    const until = (test: (f: MeetingStateFollower) => boolean) =>
      new Promise<void>((resolve, reject) => {
        if (test(follower)) return resolve();
        const timer = setTimeout(() => reject(new Error('the followed state never got there')), 5000);
        waiters.push({ test, resolve: () => (clearTimeout(timer), resolve()) });
      });
    const turn = () => follower.state.speakers.turns.find((x) => x.endedAt === null) ?? null;
    return { socket, follower, until, turn };
  }

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await UserSession.signIn(t.baseUrl, 'admin');
    const organizer = await UserSession.signIn(t.baseUrl, 'organizer');
    chair = await UserSession.signIn(t.baseUrl, 'chair');
    operator = await UserSession.signIn(t.baseUrl, 'langson');
    viewer = await UserSession.signIn(t.baseUrl, 'viewer');
    const bng = await orgByCode(admin, 'BNG');
    const langSon = await orgByCode(admin, 'LANG_SON');
    meetingId = (
      await organizer.post<MeetingWriteResult>('/api/meetings', { kind: 'plenary', title: 'Phiên họp Chính phủ thường kỳ', hostOrganizationId: bng.id, chairId: chair.account.id, scheduledStart: day(1, '08:00'), scheduledEnd: day(1, '11:00') })
    ).body.meeting.id;
    endpoint = (await organizer.post<MeetingEndpoint>(`${base()}/endpoints`, { organizationId: langSon.id })).body;
    await organizer.post(`${base()}/transitions`, { action: 'schedule', overrideConflicts: true });
    await chair.post(`${base()}/transitions`, { action: 'start' });
    const speaker = (await operator.post<Attendee>(`${base()}/endpoints/${endpoint.id}/attendees`, { fullName: 'Đoàn Thu Hà', position: 'Phó Chủ tịch UBND tỉnh', walkIn: true })).body;
    const asked = await operator.post<SpeechRequest>(`${base()}/speech-requests`, { endpointId: endpoint.id, attendeeId: speaker.id, kind: 'contribution', topic: 'Cửa khẩu thông minh Hữu Nghị', requestedMinutes: 5 });
    expect(asked.status).toBe(201);
    expect((await chair.post(`${base()}/speech-requests/${asked.body.id}/approve`)).status).toBe(200);
  });
  afterAll(() => t.close());

  it('refuses a pause or a resume while nobody has the floor, and changes nothing', async () => {
    const before = await speakers();
    for (const action of ['pause', 'resume']) {
      const res = await chair.post<ApiError>(`${base()}/floor/${action}`);
      expect([action, res.status, res.body.code]).toEqual([action, 409, 'no_current_speaker']);
    }
    expect(await speakers()).toEqual(before);
  });

  it('pauses for every console at once, keeps the time left exactly, and resumes from it', async () => {
    const chairView = await follow(chair);
    const siteView = await follow(operator);
    const given = await chair.post<SpeakerTurn>(`${base()}/floor`, {});
    expect(given.status).toBe(200);
    expect(given.body).toMatchObject({ attendeeName: 'Đoàn Thu Hà', pausedAt: null, pausedMs: 0, allottedSeconds: 300 });

    const paused = await chair.post<SpeakerTurn>(`${base()}/floor/pause`);
    expect(paused.status).toBe(200);
    expect(paused.body.pausedAt).not.toBeNull();
    expect(Date.parse(paused.body.pausedAt!)).toBeGreaterThanOrEqual(Date.parse(paused.body.startedAt));
    // both consoles fold the sequenced event with the shared reducer and agree with the server
    await Promise.all([chairView, siteView].map((v) => v.until((f) => f.state.speakers.turns.some((x) => x.id === paused.body.id && x.pausedAt !== null))));
    for (const v of [chairView, siteView]) expect(v.turn()).toEqual(paused.body);
    // the countdown stands still: the same time left now and a minute later, on any clock
    const left = remainingSeconds(paused.body, Date.now());
    expect(remainingSeconds(siteView.turn()!, Date.now() + 60_000)).toBe(left);
    expect(left).toBeGreaterThan(290);

    const again = await chair.post<ApiError>(`${base()}/floor/pause`);
    expect([again.status, again.body.code]).toEqual([409, 'speech_already_paused']);
    expect(await current()).toEqual(paused.body);

    const resumedAt = Date.now();
    const resumed = await chair.post<SpeakerTurn>(`${base()}/floor/resume`);
    expect(resumed.status).toBe(200);
    expect(resumed.body.pausedAt).toBeNull();
    // the pause joined pausedMs to the millisecond: at the server's resume instant, the speech had spoken exactly what it had when paused
    const resumeInstant = Date.parse(paused.body.pausedAt!) + resumed.body.pausedMs;
    expect(speakingMs(resumed.body, resumeInstant)).toBe(speakingMs(paused.body, Date.now()));
    expect(remainingSeconds(resumed.body, resumeInstant)).toBe(left);
    expect(resumeInstant).toBeLessThanOrEqual(Date.now() + 1000);
    expect(resumeInstant).toBeGreaterThanOrEqual(resumedAt - 1000);
    await Promise.all([chairView, siteView].map((v) => v.until((f) => f.state.speakers.turns.some((x) => x.id === resumed.body.id && x.pausedAt === null && x.pausedMs === resumed.body.pausedMs))));
    for (const v of [chairView, siteView]) expect(v.turn()).toEqual(resumed.body);

    const notPaused = await chair.post<ApiError>(`${base()}/floor/resume`);
    expect([notPaused.status, notPaused.body.code]).toEqual([409, 'speech_not_paused']);
    expect(await current()).toEqual(resumed.body);
    chairView.socket.close();
    siteView.socket.close();
  });

  it('lets only the chair pause or resume: the site operator and a viewer are refused and nothing changes', async () => {
    const before = await current();
    expect(before?.pausedAt).toBeNull();
    for (const who of [operator, viewer]) {
      const res = await who.post<ApiError>(`${base()}/floor/pause`);
      expect([403, 404]).toContain(res.status);
      expect(res.body.code).toMatch(/forbidden|meeting_not_found/);
    }
    expect(await current()).toEqual(before);
    expect((await chair.post(`${base()}/floor/pause`)).status).toBe(200);
    const pausedTurn = await current();
    for (const who of [operator, viewer]) expect([403, 404]).toContain((await who.post(`${base()}/floor/resume`)).status);
    expect(await current()).toEqual(pausedTurn);
  });

  it('ends a paused speech with the pause left out of its speaking time', async () => {
    const pausedTurn = (await current())!;
    expect(pausedTurn.pausedAt).not.toBeNull();
    const ended = await chair.post<SpeakerTurn>(`${base()}/floor/end`);
    expect(ended.status).toBe(200);
    expect(ended.body.pausedAt).toBeNull();
    const wall = Date.parse(ended.body.endedAt!) - Date.parse(ended.body.startedAt);
    expect(ended.body.pausedMs).toBeGreaterThanOrEqual(Date.parse(ended.body.endedAt!) - Date.parse(pausedTurn.pausedAt!));
    expect(ended.body.durationSeconds).toBe(Math.max(0, Math.round((wall - ended.body.pausedMs) / 1000)));
    expect(speakingMs(ended.body, Date.now() + 60_000)).toBe(wall - ended.body.pausedMs);
    // the speech record in the minutes names the kind of speech (a contribution, not "trình bày tham luận")
    const minutes = (await chair.get<MinutesState>(`${base()}/minutes`)).body;
    const record = minutes.entries.find((e) => e.speech?.turnId === ended.body.id);
    expect(record?.text).toBe('Đoàn Thu Hà phát biểu với chủ đề: “Cửa khẩu thông minh Hữu Nghị”.');
  });
});
