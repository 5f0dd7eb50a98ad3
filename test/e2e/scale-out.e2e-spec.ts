import type { Ack, Attendee, MeetingEndpoint, MeetingEvent, MeetingSnapshot, MeetingSyncResult, MeetingWriteResult } from '@app/contracts';
import { MeetingStateFollower } from '@app/contracts';
import { BROWSER_ADMIN_PASSWORD, startApiProcess, type RunningApi } from '../support/browser';
import { orgByCode } from '../support/factories';
import { UserSession, type TestSocket } from '../support/session';
import { day } from '../support/time';

/**
 * Two api processes (the built api, each its own OS process) on one
 * PostgreSQL and one Redis, as behind the proxy of infra/: commands sent to
 * one reach the clients of the other, every client sees the meeting's
 * sequence without a gap, and all of them end in the same state.
 */
describe('scale-out across api processes', () => {
  let a: RunningApi;
  let b: RunningApi;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    a = await startApiProcess();
    b = await startApiProcess({ DATABASE_POOL_SIZE: '4' }, { sameDataAs: a });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await b?.stop();
    await a?.stop();
  });

  const signIn = (api: RunningApi, username: string) => UserSession.signIn(api.baseUrl, username, BROWSER_ADMIN_PASSWORD);

  /** a viewer that follows the meeting on `api`, applying events in seq order, resolving when it reaches a seq */
  async function follower(api: RunningApi, meetingId: string) {
    const viewer = await signIn(api, 'viewer');
    const socket = await viewer.socket();
    sockets.push(socket);
    const arrived: number[] = [];
    let state!: MeetingStateFollower;
    const waiters: { seq: number; resolve: () => void }[] = [];
    socket.on('meeting:event', (e: MeetingEvent) => {
      arrived.push(e.seq);
      const gap = state.receive(e);
      if (gap) return;
      for (const w of waiters.filter((x) => state.seq >= x.seq)) w.resolve();
    });
    const sync = (await socket.emitWithAck('meeting:subscribe', { meetingId })) as Ack<MeetingSyncResult>;
    if (!sync.ok) throw new Error(JSON.stringify(sync.error));
    state = new MeetingStateFollower(sync.data.snapshot as MeetingSnapshot);
    return {
      arrived,
      get state() {
        return state.state;
      },
      reached: (seq: number) => (state.seq >= seq ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ seq, resolve }))),
    };
  }

  it('carries commands on one process to the clients of the other, in order and without gaps', async () => {
    const organizerA = await signIn(a, 'organizer');
    const organizerB = await signIn(b, 'organizer');
    const chairA = await signIn(a, 'chair');
    const chairB = await signIn(b, 'chair');
    const bng = await orgByCode(organizerA, 'BNG');
    const meetingId = (
      await organizerA.post<MeetingWriteResult>('/api/meetings', { kind: 'plenary', title: 'Phiên họp mở rộng các tỉnh biên giới', hostOrganizationId: bng.id, chairId: chairA.account.id, visibility: 'public', scheduledStart: day(1, '08:00'), scheduledEnd: day(1, '11:00') })
    ).body.meeting.id;
    const api = (path: string) => `/api/meetings/${meetingId}${path}`;
    const sites: { endpoint: MeetingEndpoint; speaker: Attendee }[] = [];
    for (const [i, code] of ['LANG_SON', 'CAO_BANG', 'DIEN_BIEN', 'LAI_CHAU', 'QUANG_TRI', 'DAK_LAK'].entries()) {
      const who = i % 2 ? organizerB : organizerA;
      const endpoint = (await who.post<MeetingEndpoint>(api('/endpoints'), { organizationId: (await orgByCode(who, code)).id })).body;
      const speaker = (await who.post<Attendee>(api(`/endpoints/${endpoint.id}/attendees`), { fullName: `Đại biểu ${code.replace('_', ' ')} Nguyễn Thị Hoà`, position: 'Phó Chủ tịch UBND tỉnh', walkIn: true })).body;
      sites.push({ endpoint, speaker });
    }
    expect((await organizerB.post(api('/transitions'), { action: 'schedule' })).status).toBe(200);
    expect((await chairB.post(api('/transitions'), { action: 'start' })).status).toBe(200);

    const followers = await Promise.all([...Array(10)].map((_, i) => follower(i % 2 ? b : a, meetingId)));
    const startSeq = Math.max(...followers.map((f) => f.state.meeting.seq));

    // One after another, alternating processes: each command's event reaches everybody in order.
    const requests: string[] = [];
    for (const [i, site] of sites.entries()) {
      const who = i % 2 ? organizerB : organizerA;
      const res = await who.post<{ id: string }>(api('/speech-requests'), { endpointId: site.endpoint.id, attendeeId: site.speaker.id, kind: 'contribution', topic: `Ý kiến số ${i + 1} về kinh tế cửa khẩu` });
      expect(res.status).toBe(201);
      requests.push(res.body.id);
    }
    for (const [i, id] of requests.entries()) expect((await (i % 2 ? chairA : chairB).post(api(`/speech-requests/${id}/approve`))).status).toBe(200);
    // Then a burst from both processes at once: the database orders them, the followers put them in order.
    const burst = await Promise.all([
      chairA.post(api('/floor'), { requestId: requests[0] }),
      chairB.post(api(`/speech-requests/${requests[5]}/move`), { position: 1 }),
      chairA.post(api(`/speech-requests/${requests[4]}/move`), { position: 2 }),
    ]);
    expect(burst.map((r) => r.status)).toEqual([200, 200, 200]);
    const last = (await organizerA.get<{ seq: number }>(api(''))).body.seq;
    expect(last).toBeGreaterThan(startSeq);
    await Promise.all(followers.map((f) => f.reached(last)));

    for (const f of followers) {
      // Every event arrived exactly once; the sequential part arrived strictly in order.
      expect([...f.arrived].sort((x, y) => x - y)).toEqual([...Array(last - startSeq)].map((_, i) => startSeq + 1 + i));
      expect(f.arrived.slice(0, 12)).toEqual([...Array(12)].map((_, i) => startSeq + 1 + i));
      expect(f.state.meeting.seq).toBe(last);
      expect(f.state.speakers.turns.find((t) => !t.endedAt)?.requestId).toBe(requests[0]);
    }
    const queues = followers.map((f) => JSON.stringify(f.state.speakers.requests.map((r) => [r.id, r.status, r.position])));
    expect(new Set(queues).size).toBe(1);

    // Many commands at once on one process: its own followers get them strictly in seq order, since a
    // process publishes a commit only after the earlier ones it made (the order across processes is the
    // followers' job, above).
    const before = last;
    const moves = await Promise.all([...Array(12)].map((_, i) => chairA.post(api(`/speech-requests/${requests[1 + (i % 5)]}/move`), { position: i % 3 })));
    expect(moves.map((r) => r.status)).toEqual(Array(12).fill(200));
    const after = (await organizerA.get<{ seq: number }>(api(''))).body.seq;
    expect(after).toBe(before + 12);
    await Promise.all(followers.map((f) => f.reached(after)));
    followers.forEach((f, i) => {
      const burstSeqs = f.arrived.filter((seq) => seq > before);
      if (i % 2 === 0) expect(burstSeqs).toEqual([...Array(12)].map((_, k) => before + 1 + k));
      else expect([...burstSeqs].sort((x, y) => x - y)).toEqual([...Array(12)].map((_, k) => before + 1 + k));
    });
    meetingOfTest = { meetingId, seq: after, startSeq };
  });

  let meetingOfTest: { meetingId: string; seq: number; startSeq: number } | undefined;

  it('answers a storm of resubscribes with a pool smaller than the storm (process b has four connections)', async () => {
    const { meetingId, seq, startSeq } = meetingOfTest!;
    const viewer = await signIn(b, 'viewer');
    const storm = await Promise.all([...Array(40)].map(() => viewer.socket()));
    sockets.push(...storm);
    // Half ask for what they missed, half for a snapshot, all at once, as after a failover.
    const answers = (await Promise.all(
      storm.map((socket, i) => socket.emitWithAck('meeting:subscribe', i % 2 ? { meetingId } : { meetingId, afterSeq: startSeq })),
    )) as Ack<MeetingSyncResult>[];
    expect(answers.filter((a) => !a.ok)).toEqual([]);
    const results = answers.map((a) => (a as { ok: true; data: MeetingSyncResult }).data);
    for (const [i, r] of results.entries()) {
      expect(r.seq).toBe(seq);
      if (i % 2) expect(r.snapshot?.meeting.seq).toBe(seq);
      else expect(r.events?.map((e) => e.seq)).toEqual([...Array(seq - startSeq)].map((_, k) => startSeq + 1 + k));
    }
    // Every snapshot at one seq is the same state (those built while another was being built are shared).
    expect(new Set(results.filter((_, i) => i % 2).map((r) => JSON.stringify(r.snapshot))).size).toBe(1);
    // And the process still answers afterwards.
    expect((await viewer.get(`/api/meetings/${meetingId}`)).status).toBe(200);
  });
});
