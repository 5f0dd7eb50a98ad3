import { QUEUE_NAMES, type ApiError } from '@app/contracts';
import { startTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../support/app';
import { http, UserSession } from '../support/session';

/** bull-board at /admin/queues: administrators only, through a cookie the web app asks for. */
describe('job queue dashboard', () => {
  let t: TestApp;
  let embedded: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { TRUST_PROXY: 'true' } });
  });
  afterAll(async () => {
    await embedded?.close();
    await t.close();
  });

  const page = (path: string, cookie?: string) => fetch(`${t.baseUrl}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });

  it('shows the queues to an administrator and to nobody else', async () => {
    expect((await page('/admin/queues')).status).toBe(401);
    expect((await page('/admin/queues/api/queues')).status).toBe(401);
    expect((await page('/admin/queues', 'htt_queues=forged.token.value')).status).toBe(401);

    const organizer = await UserSession.signIn(t.baseUrl, 'organizer');
    const refused = await organizer.post<ApiError>('/api/admin/queues/session');
    expect([refused.status, refused.body.code]).toEqual([403, 'forbidden']);
    // an access token as the cookie does not open it, not even an administrator's
    expect((await page('/admin/queues', `htt_queues=${organizer.token}`)).status).toBe(401);

    const admin = await UserSession.signIn(t.baseUrl, 'admin');
    const granted = await admin.post<{ url: string }>('/api/admin/queues/session');
    expect(granted.status).toBe(200);
    expect(granted.body.url).toBe('/admin/queues');
    const cookie = granted.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^htt_queues=[^;]+; Max-Age=900; Path=\/admin\/queues; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
    const html = await page('/admin/queues', cookie.split(';')[0]);
    expect(html.status).toBe(200);
    expect(await html.text()).toContain('<div id="root">');
    const queues = (await (await page('/admin/queues/api/queues', cookie.split(';')[0])).json()) as { queues: { name: string }[] };
    expect(queues.queues.map((q) => q.name).sort()).toEqual([...QUEUE_NAMES].sort()); // every queue of the contracts, none other
    expect((await page('/admin/queues', `htt_queues=${admin.token}`)).status).toBe(401);
  });

  it('gives a dashboard-only credential: no bearer token for /api, and gone with the session', async () => {
    const admin = await UserSession.signIn(t.baseUrl, 'admin');
    const granted = await admin.post('/api/admin/queues/session');
    const credential = granted.headers.get('set-cookie')!.split(';')[0].slice('htt_queues='.length);
    const asBearer = await http<ApiError>(t.baseUrl, 'GET', '/api/me', undefined, { authorization: `Bearer ${credential}` });
    expect([asBearer.status, asBearer.body.code]).toEqual([401, 'unauthenticated']);
    expect((await page('/admin/queues', `htt_queues=${credential}`)).status).toBe(200);
    expect((await admin.post('/api/auth/logout')).status).toBe(204);
    expect((await page('/admin/queues', `htt_queues=${credential}`)).status).toBe(401);
  });

  it('marks the cookie Secure when the request came over TLS, like the refresh cookie', async () => {
    const admin = await UserSession.signIn(t.baseUrl, 'admin');
    const overTls = await admin.request('POST', '/api/admin/queues/session', undefined, { 'x-forwarded-proto': 'https' });
    expect(overTls.headers.get('set-cookie')).toMatch(/^htt_queues=[^;]+; Max-Age=900; Path=\/admin\/queues; Expires=[^;]+; HttpOnly; Secure; SameSite=Strict$/);
    const login = await http(t.baseUrl, 'POST', '/api/auth/login', { username: 'admin', password: TEST_ADMIN_PASSWORD }, { 'x-forwarded-proto': 'https' });
    expect(login.headers.get('set-cookie')).toMatch(/; Secure; SameSite=Strict$/);
  });

  it('explains that there is no queue when jobs run inside the api', async () => {
    embedded = await startTestApp({ redis: false });
    const admin = await UserSession.signIn(embedded.baseUrl, 'admin');
    const res = await admin.post<ApiError>('/api/admin/queues/session');
    expect([res.status, res.body.code]).toEqual([409, 'queue_dashboard_unavailable']);
  });
});
