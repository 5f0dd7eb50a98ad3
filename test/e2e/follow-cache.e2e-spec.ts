import type { Ack, MeetingEndpoint, MeetingSyncResult, MeetingWriteResult, SessionEndReason } from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { day } from '../support/time';
import { newAccount, orgByCode } from '../support/factories';
import { UserSession, type TestSocket } from '../support/session';

/**
 * Subscribing reuses what this process decided and built moments ago (snapshot/follow-cache.ts):
 * the caller's visibility decision while the meeting is at the same seq, and the snapshot at
 * that seq. Here the reuse must never outlive what it was decided on: an invitation withdrawn
 * refuses the next subscribe at once, and a session logged out still closes a socket that
 * subscribed through the cache.
 */
describe('following a meeting through the subscribe cache', () => {
  let t: TestApp;
  let organizer: UserSession;
  let meetingId: string;
  let langSon: MeetingEndpoint;
  let viewer: () => Promise<UserSession>;
  const open: TestSocket[] = [];

  const subscribe = async (s: UserSession) => {
    const socket = await s.socket();
    open.push(socket);
    const ack = (await socket.emitWithAck('meeting:subscribe', { meetingId })) as Ack<MeetingSyncResult>;
    return { socket, ack };
  };

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await UserSession.signIn(t.baseUrl, 'admin');
    organizer = await UserSession.signIn(t.baseUrl, 'organizer');
    const chair = await UserSession.signIn(t.baseUrl, 'chair');
    const [bng, ls] = await Promise.all([orgByCode(admin, 'BNG'), orgByCode(admin, 'LANG_SON')]);
    // A viewer of Lạng Sơn sees this restricted meeting only because Lạng Sơn is invited.
    viewer = (await newAccount(admin, 'viewer', ls.id)).session;
    const created = await organizer.post<MeetingWriteResult>('/api/meetings', {
      kind: 'plenary',
      title: 'Phiên họp hạn chế theo dõi qua bộ nhớ đệm',
      hostOrganizationId: bng.id,
      chairId: chair.account.id,
      visibility: 'restricted',
      scheduledStart: day(5, '08:00'),
      scheduledEnd: day(5, '11:00'),
    });
    meetingId = created.body.meeting.id;
    langSon = (await organizer.post<MeetingEndpoint>(`/api/meetings/${meetingId}/endpoints`, { organizationId: ls.id })).body;
  });
  afterAll(async () => {
    open.forEach((s) => s.close());
    await t.close();
  });

  it('hands the same snapshot to sessions that subscribe at one seq, and refuses the next subscribe once the invitation is withdrawn', async () => {
    const [one, two] = [await viewer(), await viewer()];
    const first = await subscribe(one);
    const second = await subscribe(two); // the decision and the snapshot of the first, reused
    expect(first.ack.ok && second.ack.ok).toBe(true);
    if (!first.ack.ok || !second.ack.ok) return;
    expect(second.ack.data.seq).toBe(first.ack.data.seq);
    expect(second.ack.data.snapshot?.endpoints.map((e) => e.id)).toEqual(first.ack.data.snapshot?.endpoints.map((e) => e.id));

    // Withdrawing Lạng Sơn is a committed event: the seq moves, so the cached decision no longer holds.
    const removed = new Promise((resolve) => first.socket.on('meeting:event', (e) => e.type === 'endpoint.removed' && resolve(e)));
    expect((await organizer.delete(`/api/meetings/${meetingId}/endpoints/${langSon.id}`)).status).toBe(204);
    await removed;
    const third = await subscribe(two);
    expect(third.ack.ok).toBe(false);
    if (!third.ack.ok) expect(third.ack.error).toMatchObject({ statusCode: 404, code: 'meeting_not_found' });

    // ...and the snapshot handed out now is the one after the change.
    const chair = await UserSession.signIn(t.baseUrl, 'chair');
    const chairs = await subscribe(chair);
    expect(chairs.ack.ok).toBe(true);
    if (chairs.ack.ok) {
      expect(chairs.ack.data.seq).toBeGreaterThan(first.ack.data.seq);
      expect(chairs.ack.data.snapshot?.endpoints.map((e) => e.id)).not.toContain(langSon.id);
    }
  });

  it('still closes a socket that subscribed through the cache when its session is logged out', async () => {
    const chair = await UserSession.signIn(t.baseUrl, 'chair');
    const warm = await subscribe(chair);
    expect(warm.ack.ok).toBe(true);
    const other = await UserSession.signIn(t.baseUrl, 'chair');
    const cached = await subscribe(other);
    expect(cached.ack.ok).toBe(true);
    const ended = new Promise<SessionEndReason>((resolve) => cached.socket.once('session:ended', (p) => resolve(p.reason)));
    const closed = new Promise((resolve) => cached.socket.once('disconnect', resolve));
    expect((await other.post('/api/auth/logout')).status).toBe(204);
    expect(await ended).toBe('logout');
    await closed;
    expect(warm.socket.connected).toBe(true); // the other session of the account is not touched
  });
});
