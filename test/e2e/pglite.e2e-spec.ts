import type { AssignedTask, Attendee, BulkInviteResult, HealthReport, MeetingWriteResult, MinutesState, Organization, Page } from '@app/contracts';
import { day } from '../support/time';
import { startTestApp, type TestApp } from '../support/app';
import { http, UserSession } from '../support/session';

/** The embedded default: no DATABASE_URL, no REDIS_URL. */
describe('the platform on embedded PGlite with in-process jobs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database: 'pglite', redis: false });
  });
  afterAll(() => t.close());

  it('reports its components', async () => {
    const res = await http<HealthReport>(t.baseUrl, 'GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { status: 'up', driver: 'pglite' }, redis: { status: 'disabled' }, queue: { driver: 'in-process' } });
  });

  it('signs in, searches and writes like the server path', async () => {
    const admin = await UserSession.signIn(t.baseUrl, 'admin');
    const found = await admin.get<Page<Organization>>('/api/organizations?q=dak%20lak');
    expect(found.body.items.map((o) => o.shortName)).toEqual(['Đắk Lắk']);
    const names = (await admin.get<Page<Organization>>('/api/organizations?kind=province&limit=100')).body.items.map((o) => o.shortName!);
    expect(names).toEqual([...names].sort(new Intl.Collator('vi').compare));
    const results = await Promise.all(
      ['Sở Y tế', 'Sở Xây dựng', 'Sở Tư pháp', 'Sở Nội vụ'].map((name) => admin.post<Organization>('/api/organizations', { kind: 'department', name, parentId: found.body.items[0].id })),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
  });
});

describe('a whole meeting on the embedded default', () => {
  it('plans, attends, gives the floor, writes and publishes the minutes on PGlite with in-process jobs', async () => {
    const t = await startTestApp({ database: 'pglite', redis: false });
    try {
      const organizer = await UserSession.signIn(t.baseUrl, 'organizer');
      const chair = await UserSession.signIn(t.baseUrl, 'chair');
      const secretary = await UserSession.signIn(t.baseUrl, 'secretary');
      const op = await UserSession.signIn(t.baseUrl, 'langson');
      const bng = (await organizer.get<Page<Organization>>('/api/organizations?q=BNG')).body.items.find((o) => o.code === 'BNG')!;
      const created = await organizer.post<MeetingWriteResult>('/api/meetings', {
        kind: 'seminar', title: 'Tọa đàm trên PGlite', hostOrganizationId: bng.id, chairId: chair.account.id, secretaryIds: [secretary.account.id],
        scheduledStart: day(2, '14:00'), scheduledEnd: day(2, '16:00'),
      });
      expect(created.status).toBe(201);
      const id = created.body.meeting.id;
      const invited = await organizer.post<BulkInviteResult>(`/api/meetings/${id}/endpoints/bulk`, { mode: 'all_provinces' });
      expect(invited.body.added).toHaveLength(34);
      const ls = invited.body.added.find((e) => e.organizationShortName === 'Lạng Sơn')!;
      const att = (await op.post<Attendee>(`/api/meetings/${id}/endpoints/${ls.id}/attendees`, { fullName: 'Đoàn Thu Hà', walkIn: true })).body;
      await organizer.post(`/api/meetings/${id}/transitions`, { action: 'schedule' });
      await chair.post(`/api/meetings/${id}/transitions`, { action: 'start' });
      const req = (await op.post<{ id: string }>(`/api/meetings/${id}/speech-requests`, { endpointId: ls.id, attendeeId: att.id, kind: 'contribution' })).body;
      await chair.post(`/api/meetings/${id}/speech-requests/${req.id}/approve`);
      expect((await chair.post(`/api/meetings/${id}/floor`, {})).status).toBe(200);
      expect((await chair.post(`/api/meetings/${id}/floor/end`)).status).toBe(200);
      await secretary.post(`/api/meetings/${id}/minutes/entries`, { kind: 'task', text: 'Giao Bộ Ngoại giao tổng hợp ý kiến', leadOrganizationId: bng.id });
      await chair.post(`/api/meetings/${id}/transitions`, { action: 'end' });
      await secretary.post(`/api/meetings/${id}/minutes/transitions`, { action: 'submit' });
      await chair.post(`/api/meetings/${id}/minutes/transitions`, { action: 'approve' });
      const published = await secretary.post<MinutesState>(`/api/meetings/${id}/minutes/transitions`, { action: 'publish' });
      expect(published.body).toMatchObject({ status: 'published', revision: 1 });
      expect(published.body.entries.map((e) => e.kind)).toEqual(['speech', 'task']);
      expect((await chair.get<Page<AssignedTask>>('/api/tasks')).body.items.map((x) => x.description)).toEqual(['Giao Bộ Ngoại giao tổng hợp ý kiến']);
    } finally {
      await t.close();
    }
  });
});

describe('health on the server path', () => {
  it('reports PostgreSQL and Redis up', async () => {
    const t = await startTestApp();
    try {
      const res = await http<HealthReport>(t.baseUrl, 'GET', '/api/health');
      expect(res.body).toMatchObject({ status: 'ok', database: { status: 'up', driver: 'postgres' }, redis: { status: 'up' }, queue: { driver: 'bullmq' } });
    } finally {
      await t.close();
    }
  });
});
