import { gzipSync } from 'node:zlib';
import type { AgendaItem, ApiError, Agenda, MeetingWriteResult, MinutesState, Organization, Page, Meeting } from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { orgByCode } from '../support/factories';
import { http, UserSession } from '../support/session';
import { day } from '../support/time';

/**
 * Each input that answered 500 before (issue 15), one request each: now a 4xx with a code,
 * and reading back shows that nothing changed.
 */
describe('bad input answers 4xx with a code and changes nothing', () => {
  let t: TestApp;
  let admin: UserSession;
  let bng: Organization;

  const raw = (path: string, body: Buffer | string, headers: Record<string, string>) =>
    fetch(`${t.baseUrl}${path}`, { method: 'POST', headers, body }).then(async (res) => ({ status: res.status, body: (await res.json()) as ApiError }));
  const organizationsNamed = async (q: string) => (await admin.get<Page<Organization>>(`/api/organizations?q=${encodeURIComponent(q)}&limit=50`)).body.items;
  const newMeeting = async (title: string, secretaryIds: string[] = []) =>
    (
      await admin.post<MeetingWriteResult>('/api/meetings', {
        kind: 'plenary',
        title,
        hostOrganizationId: bng.id,
        secretaryIds,
        scheduledStart: day(5, '08:00'),
        scheduledEnd: day(5, '11:00'),
      })
    ).body.meeting;
  const withAgenda = async (meetingId: string): Promise<AgendaItem> => {
    const agenda = await admin.request<Agenda>('PUT', `/api/meetings/${meetingId}/agenda`, {
      version: 0,
      sessions: [{ title: 'Phiên toàn thể', items: [{ title: 'Báo cáo tình hình', durationMinutes: 30 }] }],
    });
    expect(agenda.status).toBe(200);
    return agenda.body.sessions[0].items[0];
  };

  beforeAll(async () => {
    t = await startTestApp({ redis: false });
    admin = await UserSession.signIn(t.baseUrl, 'admin');
    bng = await orgByCode(admin, 'BNG');
  });
  afterAll(() => t.close());

  describe('text', () => {
    it('refuses a NUL byte in the login username before sign-in, and the account still signs in', async () => {
      const res = await http<ApiError>(t.baseUrl, 'POST', '/api/auth/login', { username: 'ad\u0000min', password: 'whatever-it-is' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation_failed', fields: [{ field: 'username', code: 'custom', params: { rule: 'text_characters' } }] });
      await expect(UserSession.signIn(t.baseUrl, 'admin')).resolves.toBeInstanceOf(UserSession);
    });

    it('refuses a NUL byte in a text field and in a search, storing nothing', async () => {
      const res = await admin.post<ApiError>('/api/organizations', { kind: 'department', name: 'Sở Nội vụ\u0000 thử' });
      expect(res.status).toBe(400);
      expect(res.body.fields).toEqual([expect.objectContaining({ field: 'name', params: { rule: 'text_characters' } })]);
      const search = await admin.get<ApiError>('/api/meetings?q=%00');
      expect(search.status).toBe(400);
      expect(search.body.fields).toEqual([expect.objectContaining({ field: 'q', params: { rule: 'text_characters' } })]);
      expect(await organizationsNamed('Sở Nội vụ')).toEqual([]);
    });

    it('refuses a lone surrogate (U+D800) in a text field, storing nothing', async () => {
      // JSON.stringify writes a lone surrogate as the escape \ud800, which JSON.parse gives back as such
      const res = await admin.post<ApiError>('/api/organizations', { kind: 'department', name: 'Sở Tư pháp \ud800' });
      expect(res.status).toBe(400);
      expect(res.body.fields).toEqual([expect.objectContaining({ field: 'name', params: { rule: 'text_characters' } })]);
      expect(await organizationsNamed('Sở Tư pháp')).toEqual([]);
      // a pair that makes one character (an emoji) is fine
      const ok = await admin.post<Organization>('/api/organizations', { kind: 'department', name: 'Sở Tư pháp \ud83c\udf89' });
      expect(ok.status).toBe(201);
      expect(ok.body.name).toBe('Sở Tư pháp 🎉');
    });
  });

  describe('dates', () => {
    it('refuses impossible days in a body (2026-02-30, 2026-13-45, year 0000), storing no meeting', async () => {
      for (const start of ['2026-02-30T08:00', '2026-13-45T08:00', '0000-06-01T08:00', '2027-02-30T08:00', '2027-03-01T24:00', '2027-03-01T08:00+25:00']) {
        const res = await admin.post<ApiError>('/api/meetings', { kind: 'plenary', title: `Họp ngày ${start}`, hostOrganizationId: bng.id, scheduledStart: start, scheduledEnd: '2027-03-02T11:00' });
        expect([start, res.status, res.body.fields]).toEqual([start, 400, [expect.objectContaining({ field: 'scheduledStart', code: 'custom', params: { rule: expect.stringMatching(/^(real_date|date_time_format)$/) } })]]);
      }
      const stored = (await admin.get<Page<Meeting>>(`/api/meetings?q=${encodeURIComponent('Họp ngày')}`)).body;
      expect(stored.total).toBe(0);
    });

    it('no longer shifts a start date: 2027-02-30 is refused, not stored as 2027-03-02', async () => {
      const res = await admin.post<ApiError>('/api/meetings', { kind: 'plenary', title: 'Hội nghị tháng Hai', hostOrganizationId: bng.id, scheduledStart: '2027-02-30T08:00', scheduledEnd: '2027-03-02T11:00' });
      expect(res.status).toBe(400);
      expect(res.body.fields).toEqual([expect.objectContaining({ field: 'scheduledStart', params: { rule: 'real_date' } })]);
      expect((await admin.get<Page<Meeting>>('/api/meetings?from=2027-03-02&to=2027-03-02')).body.items).toEqual([]);
    });

    it('refuses impossible days in a query', async () => {
      for (const path of ['/api/meetings?from=2026-02-30', '/api/meetings?to=2026-13-45', '/api/meetings?from=0000-01-01', '/api/tasks?dueFrom=2026-02-30', '/api/tasks?dueTo=0000-12-31']) {
        const res = await admin.get<ApiError>(path);
        expect([path, res.status, res.body.code, res.body.fields?.[0]?.params]).toEqual([path, 400, 'validation_failed', { rule: 'real_date' }]);
      }
      // a real leap day is a day
      expect((await admin.get('/api/meetings?from=2028-02-29')).status).toBe(200);
    });
  });

  describe('body parser', () => {
    const login = JSON.stringify({ username: 'admin', password: 'x' });

    it('answers an unsupported charset 415 on a public and a signed-in route', async () => {
      for (const [path, headers] of [
        ['/api/auth/login', {}],
        ['/api/meetings', { authorization: `Bearer ${admin.token}` }],
      ] as const) {
        const res = await raw(path, login, { ...headers, 'content-type': 'application/json; charset=klingon-8' });
        expect([path, res.status, res.body.code]).toEqual([path, 415, 'unsupported_charset']);
        expect(res.body.params).toEqual({ charset: 'klingon-8' });
      }
    });

    it('answers an unknown content-encoding 415 and a broken one 400, before sign-in', async () => {
      const unknown = await raw('/api/auth/login', login, { 'content-type': 'application/json', 'content-encoding': 'x-klingon' });
      expect(unknown).toMatchObject({ status: 415, body: { code: 'unsupported_content_encoding', params: { encoding: 'x-klingon' } } });
      const broken = await raw('/api/auth/login', Buffer.from('this is not gzip'), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      expect(broken).toMatchObject({ status: 400, body: { code: 'unreadable_body' } });
      const cut = await raw('/api/organizations', gzipSync(JSON.stringify({ kind: 'department', name: 'Sở Cắt ngang' })).subarray(0, 12), {
        authorization: `Bearer ${admin.token}`,
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      });
      expect(cut).toMatchObject({ status: 400, body: { code: 'unreadable_body' } });
      expect(await organizationsNamed('Sở Cắt ngang')).toEqual([]);
      // a well-formed gzip body is read as usual
      const zipped = await raw('/api/auth/login', gzipSync(JSON.stringify({ username: 'admin', password: 'Mật-khẩu-quản-trị-2026' })), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      expect(zipped.status).toBe(200);
    });
  });

  describe('minutes entries and agenda items', () => {
    let meetingId: string;
    let otherItem: AgendaItem;
    let secretary: UserSession;
    const entries = async () => (await secretary.get<MinutesState>(`/api/meetings/${meetingId}/minutes`)).body.entries;

    beforeAll(async () => {
      secretary = await UserSession.signIn(t.baseUrl, 'secretary');
      const meeting = await newMeeting('Phiên họp về biên bản', [secretary.account.id]);
      meetingId = meeting.id;
      await withAgenda(meetingId);
      otherItem = await withAgenda((await newMeeting('Một cuộc họp khác')).id);
    });

    it('refuses an agenda item that does not exist (was a foreign-key 500)', async () => {
      const res = await secretary.post<ApiError>(`/api/meetings/${meetingId}/minutes/entries`, { kind: 'note', text: 'Ghi chú', agendaItemId: '00000000-0000-4000-8000-000000000000' });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'unknown_agenda_item', fields: [{ field: 'agendaItemId', code: 'not_found' }] });
      expect(await entries()).toEqual([]);
    });

    it('refuses an agenda item of another meeting (was accepted), on add and on edit', async () => {
      const res = await secretary.post<ApiError>(`/api/meetings/${meetingId}/minutes/entries`, { kind: 'note', text: 'Ghi chú', agendaItemId: otherItem.id });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('unknown_agenda_item');
      expect(await entries()).toEqual([]);
      const entry = await secretary.post<{ id: string; version: number }>(`/api/meetings/${meetingId}/minutes/entries`, { kind: 'note', text: 'Ghi chú đúng' });
      expect(entry.status).toBe(201);
      const edit = await secretary.patch<ApiError>(`/api/meetings/${meetingId}/minutes/entries/${entry.body.id}`, { version: entry.body.version, agendaItemId: otherItem.id });
      expect(edit.status).toBe(422);
      expect(edit.body.code).toBe('unknown_agenda_item');
      expect(await entries()).toEqual([expect.objectContaining({ id: entry.body.id, agendaItemId: null, version: entry.body.version })]);
    });
  });
});
