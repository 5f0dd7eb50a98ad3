import type { Ack, EndpointWall, MeetingEvent, MeetingWriteResult, Organization, BulkInviteResult } from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { newAccount, orgByCode } from '../support/factories';
import { UserSession, type TestSocket } from '../support/session';
import { day } from '../support/time';


/** 100 endpoint consoles joining, 20 dropping, all rejoining: the wall ends at the true state. */
describe('presence of 100 endpoints', () => {
  let t: TestApp;
  const sockets: TestSocket[] = [];
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t?.close();
  });

  it('converges through joins, drops and rejoins', async () => {
    t = await startTestApp({ env: { PRESENCE_DEBOUNCE_MS: '200', PRESENCE_OFFLINE_MS: '600' } });
    const admin = await UserSession.signIn(t.baseUrl, 'admin');
    const bng = await orgByCode(admin, 'BNG');
    const net = (await admin.post<Organization>('/api/organizations', { kind: 'other', name: 'Mạng điểm cầu thử tải', parentId: bng.id })).body;
    const sessions = new Map<string, UserSession>();
    await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const org = (await admin.post<Organization>('/api/organizations', { kind: 'department', name: `Điểm cầu số ${i + 1}`, parentId: net.id })).body;
        sessions.set(org.id, await (await newAccount(admin, 'endpoint_operator', org.id)).session());
      }),
    );
    const meeting = (
      await admin.post<MeetingWriteResult>('/api/meetings', { kind: 'conference', title: 'Hội nghị 100 điểm cầu', hostOrganizationId: bng.id, scheduledStart: day(2, '08:00'), scheduledEnd: day(2, '10:00') })
    ).body.meeting;
    const endpoints = (await admin.post<BulkInviteResult>(`/api/meetings/${meeting.id}/endpoints/bulk`, { mode: 'children_of', parentId: net.id })).body.added;
    expect(endpoints).toHaveLength(100);

    const watcher = await admin.socket();
    sockets.push(watcher);
    await watcher.emitWithAck('meeting:subscribe', { meetingId: meeting.id });
    const states = new Map<string, string>();
    let resolveWhen: (() => void) | null = null;
    let condition: () => boolean = () => false;
    watcher.on('meeting:event', (e: MeetingEvent) => {
      if (e.type !== 'presence.changed') return;
      const p = (e.payload as { presence: { endpointId: string; state: string } }).presence;
      states.set(p.endpointId, p.state);
      if (resolveWhen && condition()) resolveWhen();
    });
    const until = (c: () => boolean) => new Promise<void>((resolve) => ((condition = c), (resolveWhen = resolve), c() && resolve()));
    const count = (state: string) => [...states.values()].filter((s) => s === state).length;

    const consoles = await Promise.all(
      endpoints.map(async (e) => {
        const s = await sessions.get(e.organizationId)!.socket();
        sockets.push(s);
        return { e, s };
      }),
    );
    const joined = until(() => count('connected') === 100);
    const acks = (await Promise.all(consoles.map(({ e, s }) => s.emitWithAck('endpoint:join', { meetingId: meeting.id, endpointId: e.id, device: 'console' })))) as Ack<unknown>[];
    expect(acks.filter((a) => a.ok)).toHaveLength(100);
    await joined;

    const dropped = consoles.slice(0, 20);
    const gone = until(() => count('offline') === 20);
    dropped.forEach(({ s }) => s.disconnect());
    await gone;
    let wall = (await admin.get<EndpointWall>(`/api/meetings/${meeting.id}/wall`)).body;
    expect(wall.connected).toBe(80);
    expect(wall.missing.map((m) => m.endpointId).sort()).toEqual(dropped.map(({ e }) => e.id).sort());

    const back = until(() => count('connected') === 100);
    await Promise.all(
      dropped.map(async ({ e }) => {
        const s = await sessions.get(e.organizationId)!.socket();
        sockets.push(s);
        await s.emitWithAck('endpoint:join', { meetingId: meeting.id, endpointId: e.id, device: 'console' });
      }),
    );
    await back;
    wall = (await admin.get<EndpointWall>(`/api/meetings/${meeting.id}/wall`)).body;
    expect(wall.connected).toBe(100);
    expect(wall.missing).toEqual([]);
    expect(wall.endpoints.every((x) => x.devices === 1)).toBe(true);
  });
});
