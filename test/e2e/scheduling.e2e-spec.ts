import type { Ack, ApiError, BulkInviteResult, EndpointWall, JoinByCodeResult, MeetingEndpoint, MeetingWriteResult, Organization } from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { newAccount, orgByCode } from '../support/factories';
import { http, UserSession, type TestSocket } from '../support/session';
import { day } from '../support/time';

/** The server side of scheduling: conflicts a person can read, host operators, join codes. */
describe('scheduling: conflicts, host operators and join codes', () => {
  let t: TestApp;
  let admin: UserSession;
  let organizer: UserSession;
  let langson: UserSession;
  let bng: Organization;
  let langSon: Organization;
  const sockets: TestSocket[] = [];

  const newMeeting = async (title: string, dayOffset: number, extra: Record<string, unknown> = {}) => {
    const res = await organizer.post<MeetingWriteResult>('/api/meetings', {
      kind: 'conference',
      title,
      hostOrganizationId: bng.id,
      scheduledStart: day(dayOffset, '14:00'),
      scheduledEnd: day(dayOffset, '16:00'),
      ...extra,
    });
    if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body.meeting;
  };
  const endpointsOf = async (meetingId: string) => (await organizer.get<MeetingEndpoint[]>(`/api/meetings/${meetingId}/endpoints`)).body;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await UserSession.signIn(t.baseUrl, 'admin');
    organizer = await UserSession.signIn(t.baseUrl, 'organizer');
    langson = await UserSession.signIn(t.baseUrl, 'langson');
    bng = await orgByCode(organizer, 'BNG');
    langSon = await orgByCode(organizer, 'LANG_SON');
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
  });

  it('a clash on inviting all 34 provinces is a 409 naming each site by its short name, and adds nothing until overridden', async () => {
    const first = await newMeeting('Hội nghị triển khai nhiệm vụ năm 2027', 12);
    await organizer.post(`/api/meetings/${first.id}/endpoints`, { organizationId: langSon.id });
    const second = await newMeeting('Hội nghị trực tuyến toàn quốc về chuyển đổi số', 12, { scheduledStart: day(12, '15:00'), scheduledEnd: day(12, '17:00') });

    const clash = await organizer.post<ApiError>(`/api/meetings/${second.id}/endpoints/bulk`, { mode: 'all_provinces' });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('scheduling_conflict');
    const conflicts = (clash.body.params as { conflicts: unknown[] }).conflicts;
    expect(conflicts).toEqual([
      expect.objectContaining({ kind: 'endpoint', subjectId: langSon.id, subjectName: 'Ủy ban nhân dân tỉnh Lạng Sơn', subjectShortName: 'Lạng Sơn', meetingId: first.id, meetingTitle: 'Hội nghị triển khai nhiệm vụ năm 2027' }),
    ]);
    expect(await endpointsOf(second.id)).toEqual([]);

    const forced = await organizer.post<BulkInviteResult>(`/api/meetings/${second.id}/endpoints/bulk`, { mode: 'all_provinces', overrideConflicts: true });
    expect(forced.status).toBe(201);
    expect(forced.body.added).toHaveLength(34);
    expect(forced.body.conflicts).toEqual([expect.objectContaining({ subjectShortName: 'Lạng Sơn' })]);
  });

  it('the host endpoint gets operators like any other and connects once they are assigned', async () => {
    const hostOperator = await newAccount(admin, 'viewer', bng.id, { fullName: 'Trần Quốc Đạt', position: 'Kỹ thuật viên hội trường' });
    const op = await hostOperator.session();
    const meeting = await newMeeting('Phiên họp toàn thể có điểm cầu chủ trì', 14);
    const host = (await organizer.post<MeetingEndpoint>(`/api/meetings/${meeting.id}/endpoints`, { organizationId: bng.id, isHost: true, operatorIds: [] })).body;
    expect(host).toMatchObject({ isHost: true, operators: [] });

    const socket = await op.socket();
    sockets.push(socket);
    const refused = (await socket.emitWithAck('endpoint:join', { meetingId: meeting.id, endpointId: host.id, device: 'Máy hội trường' })) as Ack<unknown>;
    expect(refused.ok).toBe(false);

    // an unknown account: 422, and the host keeps its (empty) operators
    const bad = await organizer.patch<ApiError>(`/api/meetings/${meeting.id}/endpoints/${host.id}`, { operatorIds: ['00000000-0000-4000-8000-000000000099'] });
    expect([bad.status, bad.body.code]).toEqual([422, 'unknown_account']);
    expect((await endpointsOf(meeting.id)).find((e) => e.id === host.id)?.operators).toEqual([]);
    // not the organizer: refused, nothing changed
    const notHers = await langson.patch<ApiError>(`/api/meetings/${meeting.id}/endpoints/${host.id}`, { operatorIds: [langson.account.id] });
    expect(notHers.status).toBeGreaterThanOrEqual(403);
    expect((await endpointsOf(meeting.id)).find((e) => e.id === host.id)?.operators).toEqual([]);

    const assigned = await organizer.patch<MeetingEndpoint>(`/api/meetings/${meeting.id}/endpoints/${host.id}`, { operatorIds: [hostOperator.account.id] });
    expect(assigned.status).toBe(200);
    expect(assigned.body.operators).toEqual([expect.objectContaining({ fullName: 'Trần Quốc Đạt' })]);
    const joined = (await socket.emitWithAck('endpoint:join', { meetingId: meeting.id, endpointId: host.id, device: 'Máy hội trường' })) as Ack<{ endpointId: string }>;
    expect(joined.ok).toBe(true);
    const wall = await organizer.get<EndpointWall>(`/api/meetings/${meeting.id}/wall`);
    expect(wall.body).toMatchObject({ connected: 1, total: 1, missing: [] });
  });

  it('a join code leads the operator of its endpoint to it; a wrong code, another site’s code or a malformed one is refused and changes nothing', async () => {
    const meeting = await newMeeting('Hội nghị giao ban trực tuyến', 16);
    const ls = (await organizer.post<MeetingEndpoint>(`/api/meetings/${meeting.id}/endpoints`, { organizationId: langSon.id })).body;
    const host = (await organizer.post<MeetingEndpoint>(`/api/meetings/${meeting.id}/endpoints`, { organizationId: bng.id, isHost: true, operatorIds: [] })).body;
    expect(ls.operators.map((o) => o.fullName)).toEqual(['Hoàng Văn Đức']);

    // typed as read out over the phone: lower case, in two groups
    const typed = `${ls.joinCode.slice(0, 4).toLowerCase()} ${ls.joinCode.slice(4)}`;
    const ok = await langson.post<JoinByCodeResult>('/api/join-codes', { code: typed });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ meetingId: meeting.id, meetingTitle: 'Hội nghị giao ban trực tuyến', endpointId: ls.id, endpointName: ls.locationName });

    const others = await langson.post<ApiError>('/api/join-codes', { code: host.joinCode });
    expect([others.status, others.body.code]).toEqual([404, 'join_code_not_found']);
    const wrong = await langson.post<ApiError>('/api/join-codes', { code: ls.joinCode === 'ZZZZZZZZ' ? 'YYYYYYYY' : 'ZZZZZZZZ' });
    expect([wrong.status, wrong.body.code]).toEqual([404, 'join_code_not_found']);
    const malformed = await langson.post<ApiError>('/api/join-codes', { code: 'ABC' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 'validation_failed', fields: [expect.objectContaining({ field: 'code', params: { rule: 'join_code_format' } })] });
    const extra = await langson.post<ApiError>('/api/join-codes', { code: ls.joinCode, meetingId: meeting.id });
    expect(extra.status).toBe(400);
    const anonymous = await http<ApiError>(t.baseUrl, 'POST', '/api/join-codes', { code: ls.joinCode });
    expect(anonymous.status).toBe(401);

    // the meeting's organizer reaches any of its consoles; a cancelled meeting's codes lead nowhere
    expect((await organizer.post<JoinByCodeResult>('/api/join-codes', { code: host.joinCode })).body.endpointId).toBe(host.id);
    await organizer.post(`/api/meetings/${meeting.id}/transitions`, { action: 'cancel', reason: 'Đổi sang họp trực tiếp' });
    const cancelled = await langson.post<ApiError>('/api/join-codes', { code: ls.joinCode });
    expect([cancelled.status, cancelled.body.code]).toEqual([404, 'join_code_not_found']);
    // nothing about the endpoints changed along the way
    expect((await endpointsOf(meeting.id)).map((e) => [e.id, e.joinCode]).sort()).toEqual([[ls.id, ls.joinCode], [host.id, host.joinCode]].sort());
  });
});
