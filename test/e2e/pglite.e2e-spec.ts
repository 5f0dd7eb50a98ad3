import type { HealthReport, Organization, Page } from '@app/contracts';
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
