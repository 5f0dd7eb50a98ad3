import type { ApiError, Attendee, BulkAttendanceResult, MeetingEndpoint, MeetingEvent, MeetingSyncResult, MeetingWriteResult, RosterImportResult, Ack } from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { newAccount, orgByCode } from '../support/factories';
import { UserSession, type TestSocket } from '../support/session';
import { day } from '../support/time';

/**
 * Keeping a roster: re-importing a list merges the people already on it, several attendees are checked in
 * with one action (one transaction, one event), and every bad request answers 4xx and changes nothing.
 */
describe('keeping an endpoint roster', () => {
  let t: TestApp;
  let organizer: UserSession;
  let op: UserSession;
  let other: UserSession;
  let meetingId: string;
  let langSon: MeetingEndpoint;
  let caoBang: MeetingEndpoint;
  const sockets: TestSocket[] = [];
  const roster = () => `/api/meetings/${meetingId}/endpoints/${langSon.id}/attendees`;
  const list = async () => (await organizer.get<Attendee[]>(`/api/meetings/${meetingId}/attendees?endpointId=${langSon.id}`)).body;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await UserSession.signIn(t.baseUrl, 'admin');
    organizer = await UserSession.signIn(t.baseUrl, 'organizer');
    const chair = await UserSession.signIn(t.baseUrl, 'chair');
    op = await UserSession.signIn(t.baseUrl, 'langson');
    const bng = await orgByCode(admin, 'BNG');
    // a second site's operator (an account of the province before it is invited, so the invitation makes it the operator)
    const caoBangOrg = await orgByCode(admin, 'CAO_BANG');
    other = await (await newAccount(admin, 'endpoint_operator', caoBangOrg.id, { fullName: 'Nông Thị Hoa' })).session();
    const created = await organizer.post<MeetingWriteResult>('/api/meetings', {
      kind: 'plenary',
      title: 'Hội nghị trực tuyến triển khai nhiệm vụ năm 2027',
      hostOrganizationId: bng.id,
      chairId: chair.account.id,
      scheduledStart: day(2, '08:00'),
      scheduledEnd: day(2, '11:00'),
    });
    meetingId = created.body.meeting.id;
    const added = (await organizer.post<{ added: MeetingEndpoint[] }>(`/api/meetings/${meetingId}/endpoints/bulk`, { mode: 'all_provinces' })).body.added;
    langSon = added.find((e) => e.organizationShortName === 'Lạng Sơn')!;
    caoBang = added.find((e) => e.organizationShortName === 'Cao Bằng')!;
    expect(caoBang.operators.map((o) => o.id)).toContain(other.account.id);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
  });

  it('adds each person once when a list is imported again, and says how many it merged', async () => {
    const csv = 'Họ và tên,Chức vụ,Đơn vị\nĐoàn Thu Hà,Phó Chủ tịch UBND tỉnh,UBND tỉnh Lạng Sơn\nNguyễn Văn Thắng,Giám đốc Sở Ngoại vụ,Sở Ngoại vụ\n';
    const first = await op.post<RosterImportResult>(`${roster()}/import`, { csv });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ merged: 0 });
    expect(first.body.created.map((a) => a.fullName)).toEqual(['Đoàn Thu Hà', 'Nguyễn Văn Thắng']);

    // the same two (case and spacing aside), one new person, and the new person twice
    const again = await op.post<RosterImportResult>(`${roster()}/import`, {
      csv: 'Họ và tên,Chức vụ,Đơn vị\nđoàn  thu hà,Phó Chủ tịch UBND tỉnh,UBND tỉnh Lạng Sơn\nNguyễn Văn Thắng,Giám đốc Sở Ngoại vụ,Sở Ngoại vụ\nHoàng Văn Đức,Chánh Văn phòng,Văn phòng UBND tỉnh\nHoàng Văn Đức,Chánh Văn phòng,Văn phòng UBND tỉnh\n',
    });
    expect(again.status).toBe(201);
    expect(again.body.merged).toBe(3);
    expect(again.body.created.map((a) => a.fullName)).toEqual(['Hoàng Văn Đức']);
    // a different position is a different entry; a different diacritic is a different person
    const near = await op.post<RosterImportResult>(`${roster()}/import`, { csv: 'Họ và tên,Chức vụ,Đơn vị\nĐoàn Thu Hạ,Phó Chủ tịch UBND tỉnh,UBND tỉnh Lạng Sơn\n' });
    expect(near.body).toMatchObject({ merged: 0, created: [expect.objectContaining({ fullName: 'Đoàn Thu Hạ' })] });

    const names = (await list()).map((a) => a.fullName).sort();
    expect(names).toEqual(['Đoàn Thu Hà', 'Đoàn Thu Hạ', 'Hoàng Văn Đức', 'Nguyễn Văn Thắng'].sort());

    // a list that is all duplicates creates nothing and is not an error
    const all = await op.post<RosterImportResult>(`${roster()}/import`, { csv });
    expect(all.status).toBe(201);
    expect(all.body).toEqual({ created: [], merged: 2 });
    expect((await list()).length).toBe(4);
  });

  it('checks several attendees in with one action, in one event, leaving those already in', async () => {
    const people = await list();
    const [a, b, c] = people;
    expect((await op.post<Attendee>(`${roster()}/${a.id}/attendance`, { action: 'check_in' })).status).toBe(200);

    const socket = await organizer.socket();
    sockets.push(socket);
    const sub = (await socket.emitWithAck('meeting:subscribe', { meetingId })) as Ack<MeetingSyncResult>;
    expect(sub.ok).toBe(true);
    const upserted = new Promise<MeetingEvent>((resolve) => {
      socket.on('meeting:event', (e: MeetingEvent) => {
        if (e.type === 'attendees.upserted') resolve(e);
      });
    });
    const res = await op.post<BulkAttendanceResult>(`${roster()}/attendance`, { action: 'check_in', attendeeIds: [a.id, b.id, c.id] });
    expect(res.status).toBe(200);
    expect(res.body.changed.map((x) => x.id).sort()).toEqual([b.id, c.id].sort());
    expect(res.body.changed.every((x) => x.status === 'present' && x.checkedInAt)).toBe(true);
    expect(res.body.unchanged).toEqual([a.id]);
    const event = await upserted;
    expect((event.payload as { attendees: Attendee[] }).attendees.map((x) => x.id).sort()).toEqual([b.id, c.id].sort());
    const after = await list();
    expect(after.filter((x) => x.status === 'present').length).toBe(3);
  });

  it('refuses bad bulk requests with a 4xx and changes nothing', async () => {
    const before = await list();
    const d = before.find((x) => x.status === 'expected')!;
    const present = before.filter((x) => x.status === 'present');
    const cases: Array<{ who: UserSession; path?: string; body: unknown; status: number; code: string }> = [
      { who: op, body: { action: 'check_in', attendeeIds: [] }, status: 400, code: 'validation_failed' },
      { who: op, body: { action: 'check_in', attendeeIds: [d.id, d.id] }, status: 400, code: 'validation_failed' },
      { who: op, body: { action: 'teleport', attendeeIds: [d.id] }, status: 400, code: 'validation_failed' },
      { who: op, body: { action: 'check_in', attendeeIds: ['not-a-uuid'] }, status: 400, code: 'validation_failed' },
      { who: op, body: { action: 'check_in', attendeeIds: [d.id], extra: 1 }, status: 400, code: 'validation_failed' },
      // one unknown id: nothing is checked in, not even the good one
      { who: op, body: { action: 'check_in', attendeeIds: [d.id, '00000000-0000-4000-8000-000000000000'] }, status: 404, code: 'attendee_not_found' },
      // all already in: nothing to do
      { who: op, body: { action: 'check_in', attendeeIds: present.map((x) => x.id) }, status: 409, code: 'illegal_attendance_change' },
      // another site's operator
      { who: other, body: { action: 'check_in', attendeeIds: [d.id] }, status: 403, code: 'not_endpoint_operator' },
      // the right operator, but the attendee is on another site's roster
      { who: other, path: `/api/meetings/${meetingId}/endpoints/${caoBang.id}/attendees/attendance`, body: { action: 'check_in', attendeeIds: [d.id] }, status: 404, code: 'attendee_not_found' },
    ];
    for (const c of cases) {
      const res = await c.who.post<ApiError>(c.path ?? `${roster()}/attendance`, c.body);
      expect({ body: c.body, status: res.status, code: res.body.code }).toEqual({ body: c.body, status: c.status, code: c.code });
    }
    expect(await list()).toEqual(before);
  });

  it('edits and removes an attendee, refusing a stale edit and another site', async () => {
    const before = await list();
    const target = before.find((x) => x.fullName === 'Đoàn Thu Hạ')!;
    const edited = await op.patch<Attendee>(`${roster()}/${target.id}`, { version: target.version, fullName: 'Đoàn Thị Thu Hạ', position: 'Phó Giám đốc Sở Tư pháp' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ fullName: 'Đoàn Thị Thu Hạ', position: 'Phó Giám đốc Sở Tư pháp', version: target.version + 1 });
    const mid = await list();
    expect((await op.patch<ApiError>(`${roster()}/${target.id}`, { version: target.version, fullName: 'Cũ' })).body.code).toBe('attendee_stale');
    expect((await op.patch<ApiError>(`${roster()}/${target.id}`, { version: edited.body.version, fullName: '' })).status).toBe(400);
    expect((await other.delete<ApiError>(`${roster()}/${target.id}`)).status).toBe(403);
    expect(await list()).toEqual(mid);
    expect((await op.delete(`${roster()}/${target.id}`)).status).toBe(204);
    expect((await list()).map((x) => x.id)).not.toContain(target.id);
    expect((await op.delete<ApiError>(`${roster()}/${target.id}`)).status).toBe(404);
  });
});
