import * as ical from 'node-ical';
import type {
  Agenda,
  ApiError,
  BulkInviteResult,
  Meeting,
  MeetingEndpoint,
  MeetingEvent,
  MeetingSyncResult,
  MeetingWriteResult,
  MyMeetings,
  Organization,
  Page,
  Ack,
} from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { orgByCode, newAccount } from '../support/factories';
import { http, UserSession, type TestSocket } from '../support/session';
import { day } from '../support/time';


describe('scheduling meetings over HTTP and Socket.IO', () => {
  let t: TestApp;
  let organizer: UserSession;
  let chairSession: UserSession;
  let viewer: UserSession;
  let bng: Organization;
  let langSon: Organization;
  const sockets: TestSocket[] = [];

  const newMeeting = async (overrides: Record<string, unknown> = {}) => {
    const res = await organizer.post<MeetingWriteResult>('/api/meetings', {
      kind: 'seminar',
      title: 'Tọa đàm 10 năm hội nhập quốc tế của các địa phương',
      hostOrganizationId: bng.id,
      scheduledStart: day(10, '14:00'),
      scheduledEnd: day(10, '17:00'),
      ...overrides,
    });
    if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body.meeting;
  };
  const meetingCount = async () => (await organizer.get<Page<Meeting>>('/api/meetings?limit=1')).body.total;

  beforeAll(async () => {
    t = await startTestApp();
    organizer = await UserSession.signIn(t.baseUrl, 'organizer');
    chairSession = await UserSession.signIn(t.baseUrl, 'chair');
    viewer = await UserSession.signIn(t.baseUrl, 'viewer');
    bng = await orgByCode(organizer, 'BNG');
    langSon = await orgByCode(organizer, 'LANG_SON');
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
  });

  it('plans a seminar: meeting, agenda of two sessions, host and 34 provincial endpoints', async () => {
    const meeting = await newMeeting({ chairId: chairSession.account.id, secretaryIds: [(await UserSession.signIn(t.baseUrl, 'secretary')).account.id] });
    expect(meeting).toMatchObject({ status: 'draft', hostOrganizationName: 'Bộ Ngoại giao', chair: { fullName: 'Nguyễn Minh Vũ' }, agendaVersion: 0 });
    expect(new Date(meeting.scheduledStart).getUTCHours()).toBe(7); // 14:00 in Hà Nội is 07:00 UTC

    const agenda = await organizer.request<Agenda>('PUT', `/api/meetings/${meeting.id}/agenda`, {
      version: 0,
      sessions: [
        { title: 'Phiên 1: Những vấn đề đặt ra trong tiến trình hội nhập quốc tế 10 năm qua', items: [{ title: 'Khai mạc', durationMinutes: 15 }, { title: 'Tham luận của tỉnh Lạng Sơn', durationMinutes: 20, responsibleOrganizationId: langSon.id }] },
        { title: 'Phiên 2: Phương hướng nâng cao hiệu quả hội nhập quốc tế', items: [{ title: 'Thảo luận', durationMinutes: 60 }] },
      ],
    });
    expect(agenda.status).toBe(200);
    expect(agenda.body.version).toBe(1);
    expect(agenda.body.sessions[1].plannedStart).toBe(new Date(new Date(meeting.scheduledStart).getTime() + 35 * 60_000).toISOString());

    const host = await organizer.post<MeetingEndpoint>(`/api/meetings/${meeting.id}/endpoints`, { organizationId: bng.id, isHost: true, locationName: 'Trụ sở Bộ Ngoại giao, 1 Tôn Thất Đàm' });
    expect(host.status).toBe(201);
    const started = Date.now();
    const bulk = await organizer.post<BulkInviteResult>(`/api/meetings/${meeting.id}/endpoints/bulk`, { mode: 'all_provinces' });
    const tookMs = Date.now() - started;
    expect(bulk.status).toBe(201);
    expect(bulk.body.added).toHaveLength(34);
    expect(tookMs).toBeLessThan(10_000);
    const langSonEndpoint = bulk.body.added.find((e) => e.organizationShortName === 'Lạng Sơn')!;
    expect(langSonEndpoint).toMatchObject({ locationName: 'Điểm cầu Lạng Sơn', joinCode: expect.stringMatching(/^[A-Z2-9]{8}$/) });
    expect(langSonEndpoint.operators.map((o) => o.fullName)).toEqual(['Hoàng Văn Đức']);
    const again = await organizer.post<BulkInviteResult>(`/api/meetings/${meeting.id}/endpoints/bulk`, { mode: 'all_provinces' });
    expect(again.body.added).toHaveLength(0);
    expect(again.body.alreadyInvited).toHaveLength(34);

    const endpoints = await organizer.get<MeetingEndpoint[]>(`/api/meetings/${meeting.id}/endpoints`);
    expect(endpoints.body).toHaveLength(35);
    expect(endpoints.body[0].isHost).toBe(true);
    const provinceNames = endpoints.body.slice(1).map((e) => e.organizationShortName!);
    expect(provinceNames).toEqual([...provinceNames].sort(new Intl.Collator('vi').compare));
    expect(new Set(endpoints.body.map((e) => e.joinCode)).size).toBe(35);

    const scheduled = await organizer.post<MeetingWriteResult>(`/api/meetings/${meeting.id}/transitions`, { action: 'schedule' });
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.meeting).toMatchObject({ status: 'scheduled', endpointCount: 35 });
  });

  it('invites 100 endpoints in one call', async () => {
    const meeting = await newMeeting({ title: 'Hội nghị trực tuyến toàn quốc', scheduledStart: day(40, '08:00'), scheduledEnd: day(40, '11:30') });
    const parent = await organizer.post<Organization>('/api/organizations', { kind: 'other', name: `Mạng lưới thử nghiệm ${meeting.id.slice(0, 6)}`, parentId: bng.id });
    const admin = await UserSession.signIn(t.baseUrl, 'admin');
    expect(parent.status).toBe(403); // organizers do not manage organizations
    const net = await admin.post<Organization>('/api/organizations', { kind: 'other', name: `Mạng lưới ${meeting.id.slice(0, 6)}`, parentId: bng.id });
    for (let i = 0; i < 100; i++) await admin.post('/api/organizations', { kind: 'department', name: `Điểm cầu số ${i + 1}`, parentId: net.body.id });
    const started = Date.now();
    const bulk = await organizer.post<BulkInviteResult>(`/api/meetings/${meeting.id}/endpoints/bulk`, { mode: 'children_of', parentId: net.body.id });
    expect(bulk.body.added).toHaveLength(100);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('reports clashes of chair and endpoints, and lets the organizer override them', async () => {
    const first = await newMeeting({ title: 'Phiên họp Ban Chỉ đạo lần thứ nhất', chairId: chairSession.account.id, scheduledStart: day(20, '08:00'), scheduledEnd: day(20, '11:00') });
    await organizer.post(`/api/meetings/${first.id}/endpoints`, { organizationId: langSon.id });
    const before = await meetingCount();
    const clash = await organizer.post<ApiError>('/api/meetings', {
      kind: 'working',
      title: 'Họp làm việc trùng giờ',
      hostOrganizationId: bng.id,
      chairId: chairSession.account.id,
      scheduledStart: day(20, '10:00'),
      scheduledEnd: day(20, '12:00'),
    });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('scheduling_conflict');
    expect(clash.body.details?.conflicts).toEqual([expect.objectContaining({ kind: 'chair', meetingId: first.id, subjectName: 'Nguyễn Minh Vũ' })]);
    expect(await meetingCount()).toBe(before);

    const second = await organizer.post<MeetingWriteResult>('/api/meetings', {
      kind: 'working',
      title: 'Họp làm việc trùng giờ',
      hostOrganizationId: bng.id,
      chairId: chairSession.account.id,
      scheduledStart: day(20, '10:00'),
      scheduledEnd: day(20, '12:00'),
      overrideConflicts: true,
    });
    expect(second.status).toBe(201);
    expect(second.body.conflicts).toHaveLength(1);

    const endpointClash = await organizer.post<ApiError>(`/api/meetings/${second.body.meeting.id}/endpoints`, { organizationId: langSon.id });
    expect(endpointClash.status).toBe(409);
    expect(endpointClash.body.details?.conflicts).toEqual([expect.objectContaining({ kind: 'endpoint', subjectName: 'Ủy ban nhân dân tỉnh Lạng Sơn' })]);
  });

  it('edits only the title of a meeting booked over a clash without a new 409, but a new time is checked again', async () => {
    const first = await newMeeting({ title: 'Phiên họp thường kỳ tháng', chairId: chairSession.account.id, scheduledStart: day(22, '08:00'), scheduledEnd: day(22, '11:00') });
    const second = await organizer.post<MeetingWriteResult>('/api/meetings', {
      kind: 'working',
      title: 'Họp chuyên đề trùng giờ đã chấp nhận',
      hostOrganizationId: bng.id,
      chairId: chairSession.account.id,
      scheduledStart: day(22, '10:00'),
      scheduledEnd: day(22, '12:00'),
      overrideConflicts: true,
    });
    expect(second.body.conflicts).toEqual([expect.objectContaining({ meetingId: first.id })]);
    const { meeting } = second.body;

    // the title books nobody anew: no conflict with the booking accepted at creation
    const renamed = await organizer.patch<MeetingWriteResult>(`/api/meetings/${meeting.id}`, { version: meeting.version, title: 'Họp chuyên đề (đổi tên)' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.conflicts).toEqual([]);
    expect(renamed.body.meeting).toMatchObject({ title: 'Họp chuyên đề (đổi tên)', version: meeting.version + 1 });

    // a new time slot books the chair again: still a clash, and nothing changes
    const moved = await organizer.patch<ApiError>(`/api/meetings/${meeting.id}`, { version: meeting.version + 1, scheduledStart: day(22, '10:30'), title: 'Không được lưu' });
    expect(moved.status).toBe(409);
    expect(moved.body.code).toBe('scheduling_conflict');
    const after = await organizer.get<Meeting>(`/api/meetings/${meeting.id}`);
    expect(after.body).toMatchObject({ title: 'Họp chuyên đề (đổi tên)', version: meeting.version + 1, scheduledStart: meeting.scheduledStart });
  });

  it('postpones with a reason and cancels, keeping one calendar UID with a rising SEQUENCE', async () => {
    const meeting = await newMeeting({ title: 'Hội nghị sơ kết', scheduledStart: day(30, '08:00'), scheduledEnd: day(30, '10:00') });
    const parse = async (path: string) => {
      const res = await organizer.get<string>(path);
      expect(res.headers.get('content-type')).toMatch(/text\/calendar/);
      const events = Object.values(ical.sync.parseICS(res.body)).filter((c) => c?.type === "VEVENT") as ical.VEvent[];
      expect(events).toHaveLength(1);
      return events[0];
    };
    const v0 = await parse(`/api/meetings/${meeting.id}/calendar.ics`);
    expect(v0.uid).toBe(`meeting-${meeting.id}@hop-truc-tuyen`);
    expect(v0.summary).toBe('Hội nghị sơ kết');
    expect(Number(v0.sequence)).toBe(0);
    expect(new Date(v0.start).toISOString()).toBe(meeting.scheduledStart);

    await organizer.post(`/api/meetings/${meeting.id}/transitions`, { action: 'schedule' });
    const postponed = await organizer.post<MeetingWriteResult>(`/api/meetings/${meeting.id}/transitions`, {
      action: 'postpone',
      reason: 'Lùi lịch theo chỉ đạo của Lãnh đạo Bộ',
      scheduledStart: day(31, '08:00'),
      scheduledEnd: day(31, '10:00'),
    });
    expect(postponed.status).toBe(200);
    expect(postponed.body.meeting).toMatchObject({ status: 'scheduled', postponedReason: 'Lùi lịch theo chỉ đạo của Lãnh đạo Bộ' });
    const v1 = await parse(`/api/meetings/${meeting.id}/calendar.ics`);
    expect(v1.uid).toBe(v0.uid);
    expect(Number(v1.sequence)).toBe(1);
    expect(new Date(v1.start).toISOString()).toBe(postponed.body.meeting.scheduledStart);

    const endpoint = await organizer.post<MeetingEndpoint>(`/api/meetings/${meeting.id}/endpoints`, { organizationId: (await orgByCode(organizer, 'CAO_BANG')).id });
    const ev = await parse(`/api/meetings/${meeting.id}/endpoints/${endpoint.body.id}/calendar.ics`);
    expect(ev.location).toBe('Điểm cầu Cao Bằng');
    expect(ev.description).toContain(endpoint.body.joinCode);

    const cancelled = await organizer.post<MeetingWriteResult>(`/api/meetings/${meeting.id}/transitions`, { action: 'cancel', reason: 'Trùng lịch làm việc của Chính phủ' });
    expect(cancelled.body.meeting.status).toBe('cancelled');
    const v2 = await parse(`/api/meetings/${meeting.id}/calendar.ics`);
    expect(v2.uid).toBe(v0.uid);
    expect(v2.status).toBe('CANCELLED');
    expect(Number(v2.sequence)).toBe(2);

    const illegal = await organizer.post<ApiError>(`/api/meetings/${meeting.id}/transitions`, { action: 'start' });
    expect(illegal.status).toBe(409);
    expect(illegal.body).toMatchObject({ code: 'meeting_illegal_transition', details: { status: 'cancelled' } });
    expect(illegal.body).toMatchObject({ code: 'meeting_illegal_transition', params: { status: 'cancelled', action: 'start' } });
  });

  it('serves a subscribable feed per organization, only with its token', async () => {
    const caoBang = await orgByCode(organizer, 'CAO_BANG');
    const { body } = await organizer.get<{ url: string }>(`/api/organizations/${bng.id}/calendar-feed`);
    const path = new URL(body.url).pathname + new URL(body.url).search;
    const feed = await http<string>(t.baseUrl, 'GET', path);
    expect(feed.status).toBe(200);
    const events = Object.values(ical.sync.parseICS(feed.body)).filter((c) => c?.type === "VEVENT");
    expect(events.length).toBeGreaterThan(3);
    expect((await http(t.baseUrl, 'GET', path.replace(/token=.*/, 'token=sai'))).status).toBe(401);
    expect((await http(t.baseUrl, 'GET', `/api/calendar/organizations/${caoBang.id}.ics?${new URL(body.url).search.slice(1)}`)).status).toBe(401);
    expect((await viewer.get(`/api/organizations/${caoBang.id}/calendar-feed`)).status).toBe(403);
  });

  it('lists by date range (days in Vietnam time), status, organization and accent-free text', async () => {
    const late = await newMeeting({ title: 'Họp khuya về Đắk Lắk', scheduledStart: day(50, '23:30'), scheduledEnd: day(51, '00:30') });
    const on = (from: string, to: string) => organizer.get<Page<Meeting>>(`/api/meetings?from=${from}&to=${to}`);
    const d50 = day(50, '').slice(0, 10);
    const d51 = day(51, '').slice(0, 10);
    const d52 = day(52, '').slice(0, 10);
    expect((await on(d50, d50)).body.items.map((m) => m.id)).toContain(late.id);
    expect((await on(d51, d51)).body.items.map((m) => m.id)).toContain(late.id);
    expect((await on(d52, d52)).body.items.map((m) => m.id)).not.toContain(late.id);
    const found = await organizer.get<Page<Meeting>>('/api/meetings?q=dak%20lak');
    expect(found.body.items.map((m) => m.title)).toEqual(['Họp khuya về Đắk Lắk']);
    const drafts = await organizer.get<Page<Meeting>>('/api/meetings?status=draft&limit=2');
    expect(drafts.body.items.every((m) => m.status === 'draft')).toBe(true);
    expect(drafts.body.limit).toBe(2);
    const withLangSon = await organizer.get<Page<Meeting>>(`/api/meetings?organizationId=${langSon.id}`);
    expect(withLangSon.body.total).toBeGreaterThanOrEqual(2);
  });

  it('shows each role its meetings and hides restricted ones from outsiders', async () => {
    const mineChair = await chairSession.get<MyMeetings>('/api/meetings/mine');
    expect(mineChair.body.chairing.length).toBeGreaterThanOrEqual(2);
    const operator = await UserSession.signIn(t.baseUrl, 'langson');
    const mineOp = await operator.get<MyMeetings>('/api/meetings/mine');
    expect(mineOp.body.operating.length).toBeGreaterThanOrEqual(1);
    const outsider = await (await newAccount(await UserSession.signIn(t.baseUrl, 'admin'), 'viewer', (await orgByCode(organizer, 'BYT')).id)).session();
    const restricted = await newMeeting({ title: 'Họp nội bộ Bộ Ngoại giao', scheduledStart: day(60, '08:00'), scheduledEnd: day(60, '09:00') });
    const hidden = await outsider.get<ApiError>(`/api/meetings/${restricted.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toMatchObject({ code: 'meeting_not_found', params: { meetingId: restricted.id } });
    const pub = await newMeeting({ title: 'Hội nghị công khai', visibility: 'public', scheduledStart: day(61, '08:00'), scheduledEnd: day(61, '09:00') });
    expect((await outsider.get(`/api/meetings/${pub.id}`)).status).toBe(200);
  });

  describe('bad input: a clear 4xx and nothing changed', () => {
    it.each([
      ['end before start', { scheduledStart: day(5, '10:00'), scheduledEnd: day(5, '09:00') }, 400, 'scheduledEnd', 'custom', { rule: 'end_after_start' }],
      ['a malformed time', { scheduledStart: '01/12/2026', scheduledEnd: day(5, '09:00') }, 400, 'scheduledStart', 'custom', { rule: 'date_time_format' }],
      ['an unknown kind', { kind: 'party' }, 400, 'kind', 'invalid_value', { values: expect.arrayContaining(['seminar', 'plenary']) }],
      ['an unknown field', { room: 'A1' }, 400, 'room', 'unknown_field', {}],
      ['an overlong title', { title: 'T'.repeat(501) }, 400, 'title', 'too_big', { origin: 'string', maximum: 500, inclusive: true }],
      ['a blank title', { title: '   ' }, 400, 'title', 'required', {}],
    ])('%s', async (_, overrides, status, field, code, params) => {
      const before = await meetingCount();
      const res = await organizer.post<ApiError>('/api/meetings', {
        kind: 'seminar',
        title: 'Họp thử',
        hostOrganizationId: bng.id,
        scheduledStart: day(5, '08:00'),
        scheduledEnd: day(5, '09:00'),
        ...overrides,
      });
      expect(res.status).toBe(status);
      expect(res.body.fields?.map((f) => f.field)).toContain(field);
      // the code and params the web translates, beside the developer's reason
      expect(res.body).toMatchObject({ code: 'validation_failed', params: {} });
      expect(res.body.fields?.find((f) => f.field === field)).toEqual({ field, code, params, reason: expect.any(String) });
      expect(await meetingCount()).toBe(before);
    });

    it('an unknown host organization or chair', async () => {
      const before = await meetingCount();
      const noOrg = await organizer.post<ApiError>('/api/meetings', { kind: 'seminar', title: 'X', hostOrganizationId: '00000000-0000-4000-8000-000000000001', scheduledStart: day(5, '08:00'), scheduledEnd: day(5, '09:00') });
      expect(noOrg.status).toBe(422);
      expect(noOrg.body.code).toBe('unknown_organization');
      const noChair = await organizer.post<ApiError>('/api/meetings', { kind: 'seminar', title: 'X', hostOrganizationId: bng.id, chairId: '00000000-0000-4000-8000-000000000002', scheduledStart: day(5, '08:00'), scheduledEnd: day(5, '09:00') });
      expect(noChair.status).toBe(422);
      expect(await meetingCount()).toBe(before);
    });

    it('a duplicate endpoint, single or in a list', async () => {
      const meeting = await newMeeting({ scheduledStart: day(70, '08:00'), scheduledEnd: day(70, '09:00') });
      await organizer.post(`/api/meetings/${meeting.id}/endpoints`, { organizationId: langSon.id });
      const dup = await organizer.post<ApiError>(`/api/meetings/${meeting.id}/endpoints`, { organizationId: langSon.id });
      expect(dup.status).toBe(409);
      expect(dup.body.code).toBe('duplicate_endpoint');
      const listDup = await organizer.post<ApiError>(`/api/meetings/${meeting.id}/endpoints/bulk`, { mode: 'organizations', organizationIds: [bng.id, bng.id] });
      expect(listDup.status).toBe(400);
      const unknown = await organizer.post<ApiError>(`/api/meetings/${meeting.id}/endpoints/bulk`, { mode: 'organizations', organizationIds: [bng.id, '00000000-0000-4000-8000-000000000003'] });
      expect(unknown.status).toBe(422);
      expect((await organizer.get<MeetingEndpoint[]>(`/api/meetings/${meeting.id}/endpoints`)).body).toHaveLength(1);
    });

    it('a stale agenda version, answered with the current agenda', async () => {
      const meeting = await newMeeting({ scheduledStart: day(71, '08:00'), scheduledEnd: day(71, '09:00') });
      const first = await organizer.request<Agenda>('PUT', `/api/meetings/${meeting.id}/agenda`, { version: 0, sessions: [{ title: 'Phiên sáng', items: [{ title: 'Khai mạc', durationMinutes: 10 }] }] });
      expect(first.body.version).toBe(1);
      const stale = await organizer.request<ApiError>('PUT', `/api/meetings/${meeting.id}/agenda`, { version: 0, sessions: [] });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'agenda_stale', details: { currentVersion: 1 } });
      const current = await organizer.get<Agenda>(`/api/meetings/${meeting.id}/agenda`);
      expect(current.body.sessions.map((s) => s.title)).toEqual(['Phiên sáng']);
      // Reorder, insert and remove in one edit, keeping ids.
      const [s] = current.body.sessions;
      const reordered = await organizer.request<Agenda>('PUT', `/api/meetings/${meeting.id}/agenda`, {
        version: 1,
        sessions: [{ title: 'Phiên chiều', items: [] }, { id: s.id, title: s.title, items: [{ title: 'Tham luận', durationMinutes: 20 }, { id: s.items[0].id, title: 'Khai mạc', durationMinutes: 10 }] }],
      });
      expect(reordered.status).toBe(200);
      expect(reordered.body.sessions.map((x) => x.title)).toEqual(['Phiên chiều', 'Phiên sáng']);
      expect(reordered.body.sessions[1].id).toBe(s.id);
      expect(reordered.body.sessions[1].items.map((i) => i.title)).toEqual(['Tham luận', 'Khai mạc']);
    });

    it("another organizer's meeting", async () => {
      const meeting = await newMeeting({ visibility: 'public', scheduledStart: day(72, '08:00'), scheduledEnd: day(72, '09:00') });
      const admin = await UserSession.signIn(t.baseUrl, 'admin');
      const other = await (await newAccount(admin, 'organizer', (await orgByCode(admin, 'BYT')).id)).session();
      const res = await other.patch<ApiError>(`/api/meetings/${meeting.id}`, { version: meeting.version, title: 'Đổi tên' });
      expect(res.status).toBe(403);
      const cancel = await other.post<ApiError>(`/api/meetings/${meeting.id}/transitions`, { action: 'cancel', reason: 'x' });
      expect(cancel.status).toBe(403);
      const hostElsewhere = await other.post<ApiError>('/api/meetings', { kind: 'seminar', title: 'X', hostOrganizationId: bng.id, scheduledStart: day(5, '08:00'), scheduledEnd: day(5, '09:00') });
      expect(hostElsewhere.status).toBe(403);
      expect((await organizer.get<Meeting>(`/api/meetings/${meeting.id}`)).body).toMatchObject({ title: meeting.title, status: 'draft' });
      expect((await viewer.post<ApiError>('/api/meetings', {})).status).toBe(403);
    });

    it('a stale meeting version', async () => {
      const meeting = await newMeeting({ scheduledStart: day(73, '08:00'), scheduledEnd: day(73, '09:00') });
      expect((await organizer.patch<MeetingWriteResult>(`/api/meetings/${meeting.id}`, { version: meeting.version, title: 'Tên mới' })).status).toBe(200);
      const stale = await organizer.patch<ApiError>(`/api/meetings/${meeting.id}`, { version: meeting.version, title: 'Tên cũ' });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('meeting_stale');
      expect((await organizer.get<Meeting>(`/api/meetings/${meeting.id}`)).body.title).toBe('Tên mới');
    });
  });

  describe('the meeting history over Socket.IO', () => {
    it('sends every change, numbered, to subscribers; a late client catches up from its last seq', async () => {
      const meeting = await newMeeting({ visibility: 'public', scheduledStart: day(80, '08:00'), scheduledEnd: day(80, '09:00') });
      const live = await viewer.socket();
      sockets.push(live);
      const sub = (await live.emitWithAck('meeting:subscribe', { meetingId: meeting.id })) as Ack<MeetingSyncResult>;
      expect(sub.ok && sub.data.snapshot?.meeting.title).toBe(meeting.title);
      const startSeq = sub.ok ? sub.data.seq : -1;
      const received: MeetingEvent[] = [];
      const five = new Promise<void>((resolve) =>
        live.on('meeting:event', (e) => {
          received.push(e);
          if (received.length === 5) resolve();
        }),
      );
      await organizer.request('PUT', `/api/meetings/${meeting.id}/agenda`, { version: 0, sessions: [{ title: 'Phiên 1', items: [] }] });
      await organizer.post(`/api/meetings/${meeting.id}/endpoints`, { organizationId: langSon.id });
      let version = (await organizer.get<Meeting>(`/api/meetings/${meeting.id}`)).body.version;
      for (const title of ['Tên 2', 'Tên 3']) {
        const r = await organizer.patch<MeetingWriteResult>(`/api/meetings/${meeting.id}`, { version, title });
        version = r.body.meeting.version;
      }
      await organizer.post(`/api/meetings/${meeting.id}/transitions`, { action: 'schedule' });
      await five;
      expect(received.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5].map((i) => startSeq + i));
      expect(received.map((e) => e.type)).toEqual(['agenda.replaced', 'endpoints.added', 'meeting.updated', 'meeting.updated', 'meeting.status_changed']);

      const late = await viewer.socket();
      sockets.push(late);
      const caughtUp = (await late.emitWithAck('meeting:subscribe', { meetingId: meeting.id, afterSeq: startSeq + 2 })) as Ack<MeetingSyncResult>;
      expect(caughtUp.ok).toBe(true);
      if (caughtUp.ok) {
        expect(caughtUp.data.snapshot).toBeNull();
        expect(caughtUp.data.events!.map((e) => e.seq)).toEqual([startSeq + 3, startSeq + 4, startSeq + 5]);
      }
      const rest = await viewer.get<MeetingSyncResult>(`/api/meetings/${meeting.id}/events?after=${startSeq + 4}`);
      expect(rest.body.events!.map((e) => e.type)).toEqual(['meeting.status_changed']);
      // Up to date: nothing to replay. Ahead of the meeting (a client of a restored database): a snapshot.
      const upToDate = (await viewer.get<MeetingSyncResult>(`/api/meetings/${meeting.id}/events?after=${startSeq + 5}`)).body;
      expect(upToDate).toMatchObject({ seq: startSeq + 5, events: [], snapshot: null });
      const ahead = (await late.emitWithAck('meeting:subscribe', { meetingId: meeting.id, afterSeq: startSeq + 99 })) as Ack<MeetingSyncResult>;
      expect(ahead.ok && ahead.data.events === null && ahead.data.snapshot?.meeting.seq).toBe(startSeq + 5);
      const unknown = (await late.emitWithAck('meeting:subscribe', { meetingId: '00000000-0000-4000-8000-00000000abcd', afterSeq: 1 })) as Ack<MeetingSyncResult>;
      expect(unknown.ok ? 200 : unknown.error.statusCode).toBe(404);
    });

    it('numbers concurrent changes without gaps or repeats (the database orders them)', async () => {
      const meeting = await newMeeting({ visibility: 'public', scheduledStart: day(82, '08:00'), scheduledEnd: day(82, '09:00') });
      const provinces = (await organizer.get<Page<Organization>>('/api/organizations?kind=province&limit=100')).body.items;
      const results = await Promise.all(provinces.slice(0, 30).map((p) => organizer.post(`/api/meetings/${meeting.id}/endpoints`, { organizationId: p.id })));
      expect(results.map((r) => r.status)).toEqual(Array(30).fill(201));
      const history = (await organizer.get<MeetingSyncResult>(`/api/meetings/${meeting.id}/events?after=0`)).body.events!;
      expect(history.map((e) => e.seq)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1)); // meeting.created + 30
      const invited = history.flatMap((e) => (e.type === 'endpoints.added' ? (e.payload as { endpoints: MeetingEndpoint[] }).endpoints.map((x) => x.organizationId) : []));
      expect(new Set(invited).size).toBe(30);
    });

    it('refuses to subscribe an outsider to a restricted meeting', async () => {
      const meeting = await newMeeting({ scheduledStart: day(81, '08:00'), scheduledEnd: day(81, '09:00') });
      const admin = await UserSession.signIn(t.baseUrl, 'admin');
      const outsider = await (await newAccount(admin, 'viewer', (await orgByCode(admin, 'BYT')).id)).session();
      const outsiderSocket = await outsider.socket();
      sockets.push(outsiderSocket);
      const res = (await outsiderSocket.emitWithAck('meeting:subscribe', { meetingId: meeting.id })) as Ack<MeetingSyncResult>;
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.statusCode).toBe(404);
    });
  });
});
