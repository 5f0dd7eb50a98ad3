import ExcelJS from 'exceljs';
import {
  MeetingStateFollower,
  type Ack,
  type ApiError,
  type Attendee,
  type AttendanceSummary,
  type BulkInviteResult,
  type RosterImportResult,
  type EndpointWall,
  type MeetingEndpoint,
  type MeetingEvent,
  type MeetingSnapshot,
  type MeetingSyncResult,
  type MeetingWriteResult,
  type Organization,
  type RollCall,
} from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { newAccount, orgByCode } from '../support/factories';
import { UserSession, type TestSocket } from '../support/session';
import { day } from '../support/time';


/** Waits until `predicate` holds for the events a socket receives (no sleeps). */
function waitForEvents(socket: TestSocket, predicate: (events: MeetingEvent[]) => boolean, timeoutMs = 60_000): { done: Promise<MeetingEvent[]>; events: MeetingEvent[] } {
  const events: MeetingEvent[] = [];
  const done = new Promise<MeetingEvent[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`condition not met after ${events.length} events`)), timeoutMs);
    const onEvent = (e: MeetingEvent) => {
      events.push(e);
      if (predicate(events)) {
        clearTimeout(timer);
        socket.off('meeting:event', onEvent);
        resolve(events);
      }
    };
    socket.on('meeting:event', onEvent);
  });
  return { done, events };
}

const presenceOf = (events: MeetingEvent[]) => events.filter((e) => e.type === 'presence.changed').map((e) => e.payload as { presence: { endpointId: string; state: string } });

describe('attendance: presence, rosters, technical check and roll call', () => {
  let t: TestApp;
  let admin: UserSession;
  let organizer: UserSession;
  let chair: UserSession;
  let meetingId: string;
  let endpoints: MeetingEndpoint[];
  const operators = new Map<string, UserSession>();
  const signIns = new Map<string, () => Promise<UserSession>>();
  const sockets: TestSocket[] = [];
  const open = async (s: UserSession) => {
    const socket = await s.socket();
    sockets.push(socket);
    return socket;
  };
  const join = async (socket: TestSocket, endpointId: string, device = 'Máy chủ') =>
    (await socket.emitWithAck('endpoint:join', { meetingId, endpointId, device })) as Ack<{ endpointId: string }>;
  const subscribe = async (socket: TestSocket, afterSeq?: number) => {
    const r = (await socket.emitWithAck('meeting:subscribe', { meetingId, afterSeq })) as Ack<MeetingSyncResult>;
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.data;
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { PRESENCE_DEBOUNCE_MS: '300', PRESENCE_OFFLINE_MS: '900', PRESENCE_HEARTBEAT_MS: '500' } });
    admin = await UserSession.signIn(t.baseUrl, 'admin');
    organizer = await UserSession.signIn(t.baseUrl, 'organizer');
    chair = await UserSession.signIn(t.baseUrl, 'chair');
    const bng = await orgByCode(admin, 'BNG');
    const provinces = (await admin.get<{ items: Organization[] }>('/api/organizations?kind=province&limit=100')).body.items;
    // One operator account per province (Lạng Sơn already has "langson").
    for (const p of provinces) {
      if (p.code === 'LANG_SON') continue;
      const created = await newAccount(admin, 'endpoint_operator', p.id, { fullName: `Cán bộ kỹ thuật ${p.shortName}` });
      signIns.set(p.id, created.session);
    }
    const created = await organizer.post<MeetingWriteResult>('/api/meetings', {
      kind: 'plenary',
      title: 'Phiên họp trực tuyến với 34 tỉnh, thành phố',
      hostOrganizationId: bng.id,
      chairId: chair.account.id,
      visibility: 'restricted',
      scheduledStart: day(3, '08:00'),
      scheduledEnd: day(3, '11:30'),
    });
    meetingId = created.body.meeting.id;
    await organizer.post(`/api/meetings/${meetingId}/endpoints`, { organizationId: bng.id, isHost: true });
    endpoints = (await organizer.post<BulkInviteResult>(`/api/meetings/${meetingId}/endpoints/bulk`, { mode: 'all_provinces' })).body.added;
    for (const e of endpoints) if (!e.operators.length) throw new Error(`no operator for ${e.organizationShortName}`);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
  });

  const operatorSession = async (endpoint: MeetingEndpoint) => {
    let session = operators.get(endpoint.id);
    if (!session) {
      session = endpoint.organizationShortName === 'Lạng Sơn' ? await UserSession.signIn(t.baseUrl, 'langson') : await signIns.get(endpoint.organizationId)!();
      operators.set(endpoint.id, session);
    }
    return session;
  };

  it('shows 34/34 on the chair wall when every provincial console joins, and names the ones that drop', async () => {
    const chairSocket = await open(chair);
    await subscribe(chairSocket);
    const allConnected = waitForEvents(chairSocket, (ev) => new Set(presenceOf(ev).filter((p) => p.presence.state === 'connected').map((p) => p.presence.endpointId)).size === 34);
    const consoles = await Promise.all(endpoints.map(async (e) => ({ endpoint: e, socket: await open(await operatorSession(e)) })));
    const acks = await Promise.all(consoles.map((c) => join(c.socket, c.endpoint.id)));
    expect(acks.every((a) => a.ok)).toBe(true);
    await allConnected.done;
    let wall = (await chair.get<EndpointWall>(`/api/meetings/${meetingId}/wall`)).body;
    expect(wall.total).toBe(35);
    expect(wall.connected).toBe(34);
    expect(wall.missing.map((m) => m.name)).toEqual(['BNG']); // the host site has not opened its console

    const dropped = consoles.filter((c) => ['Lạng Sơn', 'Cao Bằng', 'Đắk Lắk'].includes(c.endpoint.organizationShortName!));
    const offline = waitForEvents(chairSocket, (ev) => presenceOf(ev).filter((p) => p.presence.state === 'offline').length === 3);
    dropped.forEach((c) => c.socket.disconnect());
    const seen = await offline.done;
    // Each went reconnecting, then offline: two events per endpoint, no more.
    expect(presenceOf(seen).map((p) => p.presence.state).sort()).toEqual(['offline', 'offline', 'offline', 'reconnecting', 'reconnecting', 'reconnecting']);
    wall = (await chair.get<EndpointWall>(`/api/meetings/${meetingId}/wall`)).body;
    expect(wall.connected).toBe(31);
    expect(wall.missing.map((m) => m.name)).toEqual(['BNG', 'Cao Bằng', 'Đắk Lắk', 'Lạng Sơn']);

    // They come back; the log keeps join, leave and reconnect for good.
    const back = waitForEvents(chairSocket, (ev) => presenceOf(ev).filter((p) => p.presence.state === 'connected').length === 3);
    for (const c of dropped) {
      c.socket = await open(await operatorSession(c.endpoint));
      expect((await join(c.socket, c.endpoint.id, 'Máy dự phòng')).ok).toBe(true);
    }
    await back.done;
    const langSon = dropped.find((c) => c.endpoint.organizationShortName === 'Lạng Sơn')!;
    const log = (await chair.call('attendance.connectionLog', { params: { id: meetingId }, query: { endpointId: langSon.endpoint.id } })).items;
    expect(log.map((l) => l.event)).toEqual(['join', 'leave', 'reconnect']);
    expect(log[0]).toMatchObject({ device: 'Máy chủ', accountName: 'Hoàng Văn Đức' });
    expect(log[1].reason).toMatch(/disconnect/);
    expect(log[2].device).toBe('Máy dự phòng');
  });

  it('does not flood the wall when a link flaps faster than the debounce', async () => {
    const chairSocket = await open(chair);
    await subscribe(chairSocket);
    const caoBang = endpoints.find((e) => e.organizationShortName === 'Cao Bằng')!;
    const session = await operatorSession(caoBang);
    const recorder = waitForEvents(chairSocket, (ev) => ev.some((e) => e.type === 'tech_check.changed'));
    for (let i = 0; i < 5; i++) {
      const s = await open(session);
      await join(s, caoBang.id, `lần ${i}`);
      s.disconnect();
    }
    const final = await open(session);
    await join(final, caoBang.id, 'ổn định');
    await organizer.post(`/api/meetings/${meetingId}/tech-check`, { open: true }); // a sentinel event after the flaps
    const events = await recorder.done;
    expect(presenceOf(events).filter((p) => p.presence.endpointId === caoBang.id)).toEqual([]);
  });

  it('keeps each roster to its own operators, imports CSV all-or-nothing, and checks people in', async () => {
    const langSon = endpoints.find((e) => e.organizationShortName === 'Lạng Sơn')!;
    const caoBang = endpoints.find((e) => e.organizationShortName === 'Cao Bằng')!;
    const op = await operatorSession(langSon);
    const roster = `/api/meetings/${meetingId}/endpoints/${langSon.id}/attendees`;

    const bad = await op.post<ApiError>(`${roster}/import`, { csv: 'Họ và tên,Chức vụ,Vai trò\nĐoàn Thu Hà,Phó Chủ tịch UBND tỉnh,Đại biểu\n,Giám đốc Sở,Đại biểu\nLê Văn Sơn,Chánh Văn phòng,Lãnh đạo\n' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid_roster');
    expect(bad.body.details?.rows).toEqual([expect.objectContaining({ line: 3, field: 'fullName' }), expect.objectContaining({ line: 4, field: 'role' })]);
    expect((await op.get<Attendee[]>(`/api/meetings/${meetingId}/attendees?endpointId=${langSon.id}`)).body).toEqual([]);

    const good = await op.post<RosterImportResult>(`${roster}/import`, {
      csv: 'Họ và tên;Chức vụ;Đơn vị;Vai trò\nĐoàn Thu Hà;Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh;UBND tỉnh Lạng Sơn;Đại biểu\nNguyễn Văn Thắng;Giám đốc Sở Ngoại vụ;Sở Ngoại vụ;Đại biểu\nHà Thị Lan;Chuyên viên;Sở Ngoại vụ;Kỹ thuật\n',
    });
    expect(good.status).toBe(201);
    expect(good.body.created.map((a) => a.fullName)).toEqual(['Đoàn Thu Hà', 'Nguyễn Văn Thắng', 'Hà Thị Lan']);

    const other = await operatorSession(caoBang);
    const before = (await chair.get<Attendee[]>(`/api/meetings/${meetingId}/attendees?endpointId=${langSon.id}`)).body;
    const foreign = await other.post<ApiError>(roster, { fullName: 'Người lạ' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('not_endpoint_operator');
    const foreignCheckIn = await other.post<ApiError>(`${roster}/${before[0].id}/attendance`, { action: 'check_in' });
    expect(foreignCheckIn.status).toBe(403);
    expect((await chair.get<Attendee[]>(`/api/meetings/${meetingId}/attendees?endpointId=${langSon.id}`)).body).toEqual(before);

    const ha = good.body.created[0];
    const checkedIn = await op.post<Attendee>(`${roster}/${ha.id}/attendance`, { action: 'check_in' });
    expect(checkedIn.body).toMatchObject({ status: 'present', checkedInAt: expect.any(String) });
    const twice = await op.post<ApiError>(`${roster}/${ha.id}/attendance`, { action: 'check_in' });
    expect(twice.status).toBe(409);
    const walkIn = await op.post<Attendee>(roster, { fullName: 'Vi Văn Khánh', position: 'Phó Chỉ huy trưởng', unit: 'Bộ Chỉ huy BĐBP tỉnh', walkIn: true });
    expect(walkIn.body.status).toBe('present');
    const stale = await op.patch<ApiError>(`${roster}/${ha.id}`, { version: 1, position: 'Phó Chủ tịch' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('attendee_stale');
  });

  it('runs the technical check and a roll call with who confirmed and who is missing', async () => {
    const langSon = endpoints.find((e) => e.organizationShortName === 'Lạng Sơn')!;
    const op = await operatorSession(langSon);
    const ready = await op.post(`/api/meetings/${meetingId}/endpoints/${langSon.id}/ready`, { ready: true, mediaTested: true });
    expect(ready.status).toBe(200);
    const wall = (await chair.get<EndpointWall>(`/api/meetings/${meetingId}/wall`)).body;
    expect(wall.techCheck).toMatchObject({ open: true, ready: 1 });
    expect(wall.techCheck.unready + wall.techCheck.silent).toBe(34);

    expect((await chair.post<ApiError>(`/api/meetings/${meetingId}/roll-calls`)).status).toBe(409); // not live yet
    await organizer.post(`/api/meetings/${meetingId}/transitions`, { action: 'schedule', overrideConflicts: true });
    await chair.post(`/api/meetings/${meetingId}/transitions`, { action: 'start' });
    const started = await chair.post<RollCall>(`/api/meetings/${meetingId}/roll-calls`);
    expect(started.status).toBe(201);
    expect(started.body.missing).toHaveLength(35);
    expect((await op.post<ApiError>(`/api/meetings/${meetingId}/roll-calls`)).status).toBe(403);
    const answered = await op.post<RollCall>(`/api/meetings/${meetingId}/roll-calls/current/responses`, { endpointId: langSon.id, presentCount: 12 });
    expect(answered.body.responses).toEqual([expect.objectContaining({ endpointId: langSon.id, presentCount: 12, confirmedByName: 'Hoàng Văn Đức' })]);
    const closed = await chair.post<RollCall>(`/api/meetings/${meetingId}/roll-calls/current/close`);
    expect(closed.body.closedAt).not.toBeNull();
    expect(closed.body.missing).toHaveLength(34);
  });

  it('counts late arrivals, summarizes attendance and exports the roster as CSV and XLSX', async () => {
    const caoBang = endpoints.find((e) => e.organizationShortName === 'Cao Bằng')!;
    const op = await operatorSession(caoBang);
    const roster = `/api/meetings/${meetingId}/endpoints/${caoBang.id}/attendees`;
    const a = (await op.post<Attendee>(roster, { fullName: 'Nông Thị Hoa', position: 'Phó Chủ tịch UBND tỉnh' })).body;
    const { DataSource } = await import('typeorm');
    // The meeting started 20 minutes ago by the server's record.
    await t.app.get(DataSource).query(`UPDATE meetings SET actual_start = now() - interval '20 minutes' WHERE id = $1`, [meetingId]);
    const late = await op.post<Attendee>(`${roster}/${a.id}/attendance`, { action: 'check_in' });
    expect(late.body.status).toBe('late');
    const summary = (await chair.get<AttendanceSummary>(`/api/meetings/${meetingId}/attendance`)).body;
    expect(summary.totals).toMatchObject({ present: 2, late: 1, expected: 2, total: 5 });
    expect(summary.lateArrivals.map((l) => l.fullName)).toEqual(['Nông Thị Hoa']);
    expect(summary.byOrganizationKind).toEqual([expect.objectContaining({ organizationKind: 'province', total: 5 })]);

    const csv = await chair.get<string>(`/api/meetings/${meetingId}/attendance/export.csv`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const raw = new Uint8Array(await (await fetch(`${t.baseUrl}/api/meetings/${meetingId}/attendance/export.csv`, { headers: { authorization: `Bearer ${chair.token}` } })).arrayBuffer());
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark, for Excel
    expect(csv.body).toContain('Đoàn Thu Hà');
    expect(csv.body).toContain('"Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh"');
    expect(csv.body).toContain('Đến muộn');
    const res = await fetch(`${t.baseUrl}/api/meetings/${meetingId}/attendance/export.xlsx`, { headers: { authorization: `Bearer ${chair.token}` } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const values = wb.worksheets[0].getSheetValues().flat().filter((v) => typeof v === 'string');
    expect(values).toEqual(expect.arrayContaining(['Đoàn Thu Hà', 'Nông Thị Hoa', 'Cao Bằng', 'Lạng Sơn']));
  });

  it('brings a console that missed 50 events to exactly the server state', async () => {
    const langSon = endpoints.find((e) => e.organizationShortName === 'Lạng Sơn')!;
    const op = await operatorSession(langSon);
    const consoleSocket = await open(op);
    const first = await subscribe(consoleSocket);
    const follower = new MeetingStateFollower(first.snapshot as MeetingSnapshot);
    consoleSocket.disconnect();
    const roster = `/api/meetings/${meetingId}/endpoints/${langSon.id}/attendees`;
    for (let i = 0; i < 25; i++) {
      const a = await op.post<Attendee>(roster, { fullName: `Đại biểu số ${i + 1}` });
      await op.post(`${roster}/${a.body.id}/attendance`, { action: 'check_in' });
    }
    const again = await open(op);
    const sync = await subscribe(again, follower.seq);
    expect(sync.events).toHaveLength(50);
    for (const e of sync.events!) follower.receive(e);
    const truth = (await op.get<MeetingSyncResult>(`/api/meetings/${meetingId}/events`)).body.snapshot!;
    const norm = (s: MeetingSnapshot) => ({
      seq: s.meeting.seq,
      attendees: [...s.attendees].sort((a, b) => a.id.localeCompare(b.id)),
      presence: [...s.presence].sort((a, b) => a.endpointId.localeCompare(b.endpointId)).map((p) => ({ ...p, devices: 0, lastSeenAt: null })),
      rollCall: s.rollCall,
      techCheck: s.techCheck,
    });
    expect(norm(follower.state)).toEqual(norm(truth));
  });
});

