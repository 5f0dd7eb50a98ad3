import type { Ack, ApiError, Attendee, BulkInviteResult, MeetingEndpoint, MeetingEvent, MeetingSyncResult, MeetingWriteResult, Organization, SpeakerTurn, SpeakersState, SpeechRequest } from '@app/contracts';
import { orderQueue } from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { newAccount, orgByCode } from '../support/factories';
import { UserSession } from '../support/session';
import { day } from '../support/time';


describe('speaker queue and floor control', () => {
  let t: TestApp;
  let organizer: UserSession;
  let chair: UserSession;
  let viewer: UserSession;
  let meetingId: string;
  let endpoints: MeetingEndpoint[];
  const ops = new Map<string, UserSession>();
  const speakers = new Map<string, Attendee>();
  const base = () => `/api/meetings/${meetingId}`;
  const state = async () => (await chair.get<SpeakersState>(`${base()}/speakers`)).body;
  const ep = (shortName: string) => endpoints.find((e) => e.organizationShortName === shortName)!;
  const ask = (e: MeetingEndpoint, body: Record<string, unknown> = {}) =>
    ops.get(e.id)!.post<SpeechRequest>(`${base()}/speech-requests`, { endpointId: e.id, attendeeId: speakers.get(e.id)!.id, kind: 'contribution', ...body });

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await UserSession.signIn(t.baseUrl, 'admin');
    organizer = await UserSession.signIn(t.baseUrl, 'organizer');
    chair = await UserSession.signIn(t.baseUrl, 'chair');
    viewer = await UserSession.signIn(t.baseUrl, 'viewer');
    const provinces = (await admin.get<{ items: Organization[] }>('/api/organizations?kind=province&limit=100')).body.items;
    const signIns = new Map<string, () => Promise<UserSession>>();
    for (const p of provinces) {
      if (p.code === 'LANG_SON') continue;
      signIns.set(p.id, (await newAccount(admin, 'endpoint_operator', p.id)).session);
    }
    const bng = await orgByCode(admin, 'BNG');
    meetingId = (
      await organizer.post<MeetingWriteResult>('/api/meetings', { kind: 'plenary', title: 'Hội nghị toàn quốc', hostOrganizationId: bng.id, chairId: chair.account.id, scheduledStart: day(1, '08:00'), scheduledEnd: day(1, '11:00') })
    ).body.meeting.id;
    endpoints = (await organizer.post<BulkInviteResult>(`${base()}/endpoints/bulk`, { mode: 'all_provinces' })).body.added;
    await Promise.all(
      endpoints.map(async (e) => {
        const op = e.organizationShortName === 'Lạng Sơn' ? await UserSession.signIn(t.baseUrl, 'langson') : await signIns.get(e.organizationId)!();
        ops.set(e.id, op);
        const roster = `${base()}/endpoints/${e.id}/attendees`;
        const a = (await op.post<Attendee>(roster, { fullName: `Đại biểu ${e.organizationShortName}`, position: 'Phó Chủ tịch UBND', walkIn: true })).body;
        speakers.set(e.id, a);
      }),
    );
  });
  afterAll(() => t.close());

  it('registers a prepared contribution before the meeting; others wait until it is live', async () => {
    const langSon = ep('Lạng Sơn');
    const prepared = await ask(langSon, { kind: 'prepared', topic: 'Hội nhập quốc tế với nước láng giềng; bài học thời gian qua', abstract: 'Hợp tác toàn diện giữa Lạng Sơn và Quảng Tây' });
    expect(prepared.status).toBe(201);
    expect(prepared.body).toMatchObject({ status: 'pending', kind: 'prepared', attendeeName: 'Đại biểu Lạng Sơn' });
    const early = await ask(langSon);
    expect(early.status).toBe(409);
    expect((early.body as unknown as ApiError).code).toBe('meeting_not_live');
    // The secretariat approves it in advance.
    const secretary = await UserSession.signIn(t.baseUrl, 'secretary');
    await organizer.patch(`${base()}`, { version: (await organizer.get<{ version: number }>(base())).body.version, secretaryIds: [secretary.account.id] });
    expect((await secretary.post<SpeechRequest>(`${base()}/speech-requests/${prepared.body.id}/approve`)).body.status).toBe('queued');
    await organizer.post(`${base()}/transitions`, { action: 'schedule', overrideConflicts: true });
    await chair.post(`${base()}/transitions`, { action: 'start' });
  });

  it('gives 34 endpoints asking in the same second distinct, stable positions, and every console sees them all in order', async () => {
    const others = endpoints.filter((e) => e.organizationShortName !== 'Lạng Sơn');
    // Every endpoint console and the chair follow the meeting over Socket.IO.
    const consoles = await Promise.all([chair, ...endpoints.map((e) => ops.get(e.id)!)].map((s) => s.socket()));
    const start = await Promise.all(consoles.map((c) => c.emitWithAck('meeting:subscribe', { meetingId }) as Promise<Ack<MeetingSyncResult>>));
    const fromSeq = start[0].ok ? start[0].data.seq : -1;
    const received = consoles.map((c) => {
      const seen: MeetingEvent[] = [];
      const all = new Promise<MeetingEvent[]>((resolve) =>
        c.on('meeting:event', (e: MeetingEvent) => {
          if (e.type === 'speech_requests.upserted') seen.push(e);
          if (seen.length === 33) resolve(seen);
        }),
      );
      return all;
    });
    const answers = await Promise.all(others.map((e) => ask(e)));
    expect(answers.map((a) => a.status)).toEqual(Array(33).fill(201));
    const positions = answers.map((a) => a.body.position);
    expect(new Set(positions).size).toBe(33);
    const s = await state();
    expect(s.requests.filter((r) => r.status === 'pending')).toHaveLength(33);
    const byId = new Map(s.requests.map((r) => [r.id, r.position]));
    expect(answers.map((a) => byId.get(a.body.id))).toEqual(positions); // stable: what was answered is what is stored
    const everyone = await Promise.all(received);
    for (const seen of everyone) {
      expect(seen.map((e) => e.seq)).toEqual(Array.from({ length: 33 }, (_, i) => fromSeq + 1 + i));
      expect(new Set(seen.flatMap((e) => (e.payload as { requests: SpeechRequest[] }).requests.map((r) => r.id))).size).toBe(33);
    }
    consoles.forEach((c) => c.close());
  });

  it('orders points of order first and interjections after the current speech', async () => {
    for (const r of (await state()).requests.filter((x) => x.status === 'pending')) await chair.post(`${base()}/speech-requests/${r.id}/approve`);
    const haNoi = ep('Hà Nội');
    const hue = ep('Huế');
    const question = (await ask(hue, { kind: 'interposed_question' })).body;
    const point = (await ask(haNoi, { kind: 'point_of_order', categoryRank: 2 })).body;
    await chair.post(`${base()}/speech-requests/${question.id}/approve`);
    await chair.post(`${base()}/speech-requests/${point.id}/approve`);
    const s = await state();
    const order = orderQueue(s.requests, s.turns, s.settings);
    expect(order.slice(0, 3).map((r) => r.kind)).toEqual(['point_of_order', 'interposed_question', 'prepared']);
    expect(order).toHaveLength(36);
  });

  it('gives the floor in order with server times, extends, ends and records the turn', async () => {
    const first = (await chair.post<SpeakerTurn>(`${base()}/floor`, {})).body;
    expect(first).toMatchObject({ kind: 'point_of_order', endedAt: null, allottedSeconds: 300 });
    expect(Math.abs(Date.parse(first.startedAt) - Date.now())).toBeLessThan(5_000);
    const second = (await chair.post<SpeakerTurn>(`${base()}/floor`, {})).body; // next ends the current one
    expect(second.kind).toBe('interposed_question');
    const extended = (await chair.post<SpeakerTurn>(`${base()}/floor/extend`, { seconds: 60 })).body;
    expect(extended.allottedSeconds).toBe(360);
    const ended = (await chair.post<SpeakerTurn>(`${base()}/floor/end`)).body;
    expect(ended.durationSeconds).toBeGreaterThanOrEqual(0);
    const s = await state();
    expect(s.turns.filter((x) => x.endedAt === null)).toHaveLength(0);
    expect(s.turns).toHaveLength(2);
    expect((await chair.post<ApiError>(`${base()}/floor/end`)).body.code).toBe('no_current_speaker');
  });

  it('lets the chair reorder, skip and recall, and choose a speaker', async () => {
    const s0 = await state();
    const ordinary = orderQueue(s0.requests, s0.turns, s0.settings);
    const last = ordinary[ordinary.length - 1];
    await chair.post(`${base()}/speech-requests/${last.id}/move`, { position: 0 });
    let s = await state();
    expect(orderQueue(s.requests, s.turns, s.settings)[0].id).toBe(last.id);
    await chair.post(`${base()}/speech-requests/${last.id}/skip`);
    s = await state();
    expect(orderQueue(s.requests, s.turns, s.settings).map((r) => r.id)).not.toContain(last.id);
    await chair.post(`${base()}/speech-requests/${last.id}/recall`);
    const chosen = orderQueue((await state()).requests, [], { unheardFirst: false })[5];
    const turn = (await chair.post<SpeakerTurn>(`${base()}/floor`, { requestId: chosen.id, minutes: 3 })).body;
    expect(turn).toMatchObject({ requestId: chosen.id, allottedSeconds: 180 });
    await chair.post(`${base()}/floor/end`);
  });

  it('keeps exactly one speaker when two chair tabs press "next" at once', async () => {
    const [a, b] = await Promise.all([chair.post<SpeakerTurn>(`${base()}/floor`, {}), chair.post<SpeakerTurn>(`${base()}/floor`, {})]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.id).not.toBe(b.body.id);
    const s = await state();
    expect(s.turns.filter((x) => x.endedAt === null)).toHaveLength(1);
    expect(s.requests.filter((r) => r.status === 'speaking')).toHaveLength(1);
    await chair.post(`${base()}/floor/end`);
  });

  it('settles "give floor" racing "withdraw" with one outcome', async () => {
    // Any endpoint still waiting (which ones have spoken depends on the order of the burst above).
    const req = (await state()).requests.find((r) => r.kind === 'contribution' && r.status === 'queued')!;
    const [floor, withdraw] = await Promise.all([
      chair.post<SpeakerTurn | ApiError>(`${base()}/floor`, { requestId: req.id }),
      ops.get(req.endpointId)!.post<SpeechRequest | ApiError>(`${base()}/speech-requests/${req.id}/withdraw`),
    ]);
    const statuses = [floor.status, withdraw.status].sort();
    expect(statuses).toEqual([200, 409]);
    const after = (await state()).requests.find((r) => r.id === req.id)!;
    expect(after.status).toBe(floor.status === 200 ? 'speaking' : 'withdrawn');
    const current = (await state()).turns.filter((x) => x.endedAt === null);
    expect(current).toHaveLength(floor.status === 200 ? 1 : 0);
    if (floor.status === 200) await chair.post(`${base()}/floor/end`);
  });

  describe('authorization and bad input: a clear 4xx and nothing changed', () => {
    it('an operator cannot ask for another endpoint’s attendee, nor approve, nor give the floor', async () => {
      const langSon = ep('Lạng Sơn');
      const caoBang = ep('Cao Bằng');
      const before = (await state()).requests.length;
      const foreign = await ops.get(langSon.id)!.post<ApiError>(`${base()}/speech-requests`, { endpointId: caoBang.id, attendeeId: speakers.get(caoBang.id)!.id, kind: 'contribution' });
      expect(foreign.status).toBe(403);
      const crossed = await ops.get(langSon.id)!.post<ApiError>(`${base()}/speech-requests`, { endpointId: langSon.id, attendeeId: speakers.get(caoBang.id)!.id, kind: 'contribution' });
      expect(crossed.status).toBe(422);
      expect(crossed.body.code).toBe('unknown_attendee');
      const pending = (await ask(langSon)).body;
      expect((await ops.get(langSon.id)!.post<ApiError>(`${base()}/speech-requests/${pending.id}/approve`)).status).toBe(403);
      expect((await ops.get(langSon.id)!.post<ApiError>(`${base()}/floor`, {})).status).toBe(403);
      expect((await viewer.post<ApiError>(`${base()}/floor`, {})).status).toBe(403);
      expect((await state()).requests.length).toBe(before + 1);
    });

    it('the floor goes only to someone checked in', async () => {
      const caoBang = ep('Cao Bằng');
      const op = ops.get(caoBang.id)!;
      const absent = (await op.post<Attendee>(`${base()}/endpoints/${caoBang.id}/attendees`, { fullName: 'Người chưa đến' })).body;
      const req = (await op.post<SpeechRequest>(`${base()}/speech-requests`, { endpointId: caoBang.id, attendeeId: absent.id, kind: 'for' })).body;
      await chair.post(`${base()}/speech-requests/${req.id}/approve`);
      const res = await chair.post<ApiError>(`${base()}/floor`, { requestId: req.id });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('speaker_not_checked_in');
      expect((await state()).requests.find((r) => r.id === req.id)!.status).toBe('queued');
    });

    it('a closed list, an unknown attendee, malformed requests, illegal changes', async () => {
      const hue = ep('Huế');
      const op = ops.get(hue.id)!;
      expect((await op.post<ApiError>(`${base()}/speech-requests`, { endpointId: hue.id, attendeeId: '00000000-0000-4000-8000-000000000009', kind: 'contribution' })).status).toBe(422);
      const malformed = await op.post<ApiError>(`${base()}/speech-requests`, { endpointId: hue.id, attendeeId: speakers.get(hue.id)!.id, kind: 'point_of_order' });
      expect(malformed.status).toBe(400);
      expect(malformed.body.fields?.[0].field).toBe('categoryRank');
      expect((await op.post<ApiError>(`${base()}/speech-requests`, { endpointId: hue.id, attendeeId: speakers.get(hue.id)!.id, kind: 'prepared' })).body.fields?.[0].field).toBe('topic');
      await chair.patch(`${base()}/speakers/settings`, { open: false });
      const closed = await op.post<ApiError>(`${base()}/speech-requests`, { endpointId: hue.id, attendeeId: speakers.get(hue.id)!.id, kind: 'contribution' });
      expect(closed.status).toBe(409);
      expect(closed.body.code).toBe('speaker_list_closed');
      await chair.patch(`${base()}/speakers/settings`, { open: true });
      const done = (await state()).requests.find((r) => r.status === 'done')!;
      const illegal = await chair.post<ApiError>(`${base()}/speech-requests/${done.id}/approve`);
      expect(illegal.status).toBe(409);
      expect(illegal.body).toMatchObject({ code: 'illegal_speech_request_change', details: { status: 'done' } });
      expect((await chair.post<ApiError>(`${base()}/speech-requests/${done.id}/reject`, { reason: '' })).status).toBe(400);
    });

    it('the per-endpoint limit of open requests', async () => {
      await chair.patch(`${base()}/speakers/settings`, { maxOpenRequestsPerEndpoint: 1 });
      const waiting = (await state()).requests.find((r) => r.kind === 'contribution' && r.status === 'queued')!;
      const before = (await state()).requests.length;
      const res = await ask(endpoints.find((e) => e.id === waiting.endpointId)!, { kind: 'against' });
      expect(res.status).toBe(409);
      expect((res.body as unknown as ApiError).code).toBe('too_many_open_requests');
      expect((await state()).requests.length).toBe(before);
      await chair.patch(`${base()}/speakers/settings`, { maxOpenRequestsPerEndpoint: 3 });
    });
  });
});
