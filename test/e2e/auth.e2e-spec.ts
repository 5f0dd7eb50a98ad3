import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { POSITION_MAX, type AccountView, type ApiError, type LoginResponse, type Page } from '@app/contracts';
import { startTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../support/app';
import { http, nextEvent, UserSession } from '../support/session';

describe('auth over HTTP', () => {
  let t: TestApp;
  let admin: UserSession;

  const countSessions = async (): Promise<number> => {
    const { DataSource } = await import('typeorm');
    const [{ n }] = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM sessions`);
    return n;
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await UserSession.signIn(t.baseUrl, 'admin');
  });
  afterAll(() => t.close());

  it('signs in with the right password and answers /me', async () => {
    expect(admin.account).toMatchObject({ username: 'admin', fullName: 'Quản trị hệ thống' });
    expect(admin.refreshCookie).toMatch(/^htt_refresh=/);
    const me = await admin.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'admin', roles: expect.arrayContaining([expect.objectContaining({ role: 'admin' })]) });
  });

  it('sets the refresh cookie httpOnly, SameSite=Strict, on /api/auth only', async () => {
    const res = await fetch(`${t.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'chair', password: TEST_ADMIN_PASSWORD }),
    });
    const cookie = res.headers.getSetCookie()[0];
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/api\/auth/);
    expect(await res.json()).not.toHaveProperty('refreshToken');
  });

  it('refuses a wrong password with 401 and creates no session', async () => {
    const before = await countSessions();
    const res = await http<ApiError>(t.baseUrl, 'POST', '/api/auth/login', { username: 'secretary', password: 'sai mật khẩu' });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'invalid_credentials', message: 'Wrong username or password', correlationId: expect.any(String) });
    const unknown = await http<ApiError>(t.baseUrl, 'POST', '/api/auth/login', { username: 'không-có', password: 'x' });
    expect(unknown.body.code).toBe('invalid_credentials');
    expect(await countSessions()).toBe(before);
  });

  it.each([
    ['malformed JSON', '{"username": "admin", ', 'invalid_json'],
    ['unknown fields', { username: 'admin', password: 'x', remember: true }, 'validation_failed'],
    ['overlong strings', { username: 'a'.repeat(65), password: 'x' }, 'validation_failed'],
    ['wrong types', { username: 42, password: ['x'] }, 'validation_failed'],
    ['missing fields', {}, 'validation_failed'],
  ])('answers %s with a clear 400 and creates no session', async (_, body, code) => {
    const before = await countSessions();
    const res = await http<ApiError>(t.baseUrl, 'POST', '/api/auth/login', body, typeof body === 'string' ? { 'content-type': 'application/json' } : {});
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(code);
    if (code === 'validation_failed') expect(res.body.fields?.length).toBeGreaterThan(0);
    expect(await countSessions()).toBe(before);
  });

  it('rejects requests without or with a forged token', async () => {
    expect((await http(t.baseUrl, 'GET', '/api/me')).status).toBe(401);
    const forged = admin.token.slice(0, -4) + 'AAAA';
    expect((await http(t.baseUrl, 'GET', '/api/me', undefined, { authorization: `Bearer ${forged}` })).status).toBe(401);
  });

  it('rotates the refresh token, and revokes the session when an old one is replayed later', async () => {
    const s = await UserSession.signIn(t.baseUrl, 'viewer');
    const first = await http<LoginResponse>(t.baseUrl, 'POST', '/api/auth/refresh', undefined, { cookie: s.refreshCookie! });
    expect(first.status).toBe(200);
    const rotated = first.headers.getSetCookie()[0].split(';')[0];
    expect(rotated).not.toBe(s.refreshCookie);
    // Replaying the old token right away is a parallel tab: tolerated, no new cookie.
    const parallel = await http(t.baseUrl, 'POST', '/api/auth/refresh', undefined, { cookie: s.refreshCookie! });
    expect(parallel.status).toBe(200);
    expect(parallel.headers.getSetCookie()).toEqual([]);
    // Past the grace window the same replay means the token was copied: the session ends.
    const { DataSource } = await import('typeorm');
    await t.app.get(DataSource).query(`UPDATE sessions SET rotated_at = now() - interval '1 minute' WHERE id = $1`, [first.body.accessToken && JSON.parse(Buffer.from(first.body.accessToken.split('.')[1], 'base64url').toString()).sid]);
    const theft = await http<ApiError>(t.baseUrl, 'POST', '/api/auth/refresh', undefined, { cookie: s.refreshCookie! });
    expect(theft.status).toBe(401);
    expect(theft.body.code).toBe('session_revoked');
    const legit = await http<ApiError>(t.baseUrl, 'POST', '/api/auth/refresh', undefined, { cookie: rotated });
    expect(legit.status).toBe(401);
  });

  it('logs out: the refresh token stops working and open sockets are closed', async () => {
    const s = await UserSession.signIn(t.baseUrl, 'organizer');
    const socket = await s.socket();
    const closed = nextEvent(socket, 'disconnect');
    expect((await s.post('/api/auth/logout')).status).toBe(204);
    expect(await closed).toBe('io server disconnect');
    expect((await http(t.baseUrl, 'POST', '/api/auth/refresh', undefined, { cookie: s.refreshCookie! })).status).toBe(401);
  });

  it('changes a password, refusing a wrong current one, and ends the other sessions', async () => {
    const a = await UserSession.signIn(t.baseUrl, 'langson');
    const b = await UserSession.signIn(t.baseUrl, 'langson');
    const wrong = await a.post<ApiError>('/api/auth/password', { currentPassword: 'không đúng', newPassword: 'Mật khẩu mới 2026' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.fields).toEqual([{ field: 'currentPassword', code: 'incorrect', params: {}, reason: 'is wrong' }]);
    const short = await a.post<ApiError>('/api/auth/password', { currentPassword: TEST_ADMIN_PASSWORD, newPassword: 'ngắn' });
    expect(short.status).toBe(400);
    expect(short.body.fields?.[0].field).toBe('newPassword');
    expect((await a.post('/api/auth/password', { currentPassword: TEST_ADMIN_PASSWORD, newPassword: 'Mật khẩu mới 2026' })).status).toBe(204);
    expect((await http(t.baseUrl, 'POST', '/api/auth/refresh', undefined, { cookie: b.refreshCookie! })).status).toBe(401);
    expect((await http(t.baseUrl, 'POST', '/api/auth/refresh', undefined, { cookie: a.refreshCookie! })).status).toBe(200);
    await expect(UserSession.signIn(t.baseUrl, 'langson')).rejects.toThrow(/401/);
    await UserSession.signIn(t.baseUrl, 'langson', 'Mật khẩu mới 2026');
  });

  it('rate limits repeated failed sign-ins (shared through Redis) with 429 and Retry-After', async () => {
    const attempt = (password: string) => http<ApiError>(t.baseUrl, 'POST', '/api/auth/login', { username: 'chair', password });
    for (let i = 0; i < 5; i++) expect((await attempt(`sai ${i}`)).status).toBe(401);
    const blocked = await attempt(TEST_ADMIN_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too_many_attempts');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('keeps a sane caller x-request-id and replaces an unsafe one', async () => {
    const kept = await http(t.baseUrl, 'GET', '/api/health', undefined, { 'x-request-id': 'abc-123' });
    expect(kept.headers.get('x-request-id')).toBe('abc-123');
    const replaced = await http(t.baseUrl, 'GET', '/api/health', undefined, { 'x-request-id': 'a b;<script>' });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('takes an account position as long as an attendee’s, and refuses a longer one changing nothing', async () => {
    const org = admin.account.organizationId;
    const position = 'Phó Chủ tịch Thường trực '.repeat(20).slice(0, POSITION_MAX).trimEnd().padEnd(POSITION_MAX, '.');
    const created = await admin.post<AccountView>('/api/accounts', { username: 'pho.chu.tich', fullName: 'Trần Văn Bình', position, password: 'Mật khẩu dài đủ 2026', organizationId: org });
    expect([created.status, created.body.position]).toEqual([201, position]);
    const count = async () => (await admin.call('accounts.list', { query: { limit: 1 } })).total;
    const before = await count();
    const tooLong = await admin.post<ApiError>('/api/accounts', { username: 'qua.dai', fullName: 'Lê Văn Cường', position: `${position}x`, password: 'Mật khẩu dài đủ 2026', organizationId: org });
    expect([tooLong.status, tooLong.body.code, tooLong.body.fields?.[0]?.field]).toEqual([400, 'validation_failed', 'position']);
    expect(await count()).toBe(before);
    const edited = await admin.patch<ApiError>(`/api/accounts/${created.body.id}`, { position: `${position}x` });
    expect(edited.status).toBe(400);
    expect((await admin.call('accounts.list', { query: { q: 'Trần Văn Bình' } })).items[0].position).toBe(position);
  });
});

describe('first accounts with ADMIN_PASSWORD chosen', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { DEMO_PASSWORD: '' } }); // as on a fresh machine: only ADMIN_PASSWORD set
  });
  afterAll(() => t.close());

  it('gives the demo accounts their own generated password and keeps every one in initial-credentials.txt', async () => {
    const file = join(t.dataDir, 'initial-credentials.txt');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const lines = readFileSync(file, 'utf8').split('\n').map((l) => l.trim().split(/\s+/)).filter((w) => w.length === 3);
    const passwords = new Map(lines.map(([, username, password]) => [username, password]));
    expect([...passwords.keys()]).toEqual(['admin', 'organizer', 'chair', 'secretary', 'langson', 'viewer']);
    expect(passwords.get('admin')).toBe(TEST_ADMIN_PASSWORD);
    const demo = passwords.get('chair')!;
    expect(demo).not.toBe(TEST_ADMIN_PASSWORD);
    // the admin's chosen password no longer opens a demo account; the written one does
    const refused = await http(t.baseUrl, 'POST', '/api/auth/login', { username: 'chair', password: TEST_ADMIN_PASSWORD });
    expect(refused.status).toBe(401);
    expect((await UserSession.signIn(t.baseUrl, 'chair', demo)).account.username).toBe('chair');
    expect((await UserSession.signIn(t.baseUrl, 'admin')).account.username).toBe('admin');
  });
});
