import type { ApiError } from '@app/contracts';
import { DataSource } from 'typeorm';
import { startTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../support/app';
import { http } from '../support/session';

/**
 * The sign-in limiter (apps/api/src/auth/login-rate-limiter.ts) under a storm: attempts are spent
 * atomically before the password is evaluated, and the address ceiling does not lock a building out.
 * Addresses come from X-Forwarded-For (TRUST_PROXY, as behind infra/nginx).
 */
describe('sign-in limits', () => {
  const N = 10;
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_LIMIT: String(N), TRUST_PROXY: 'true' } });
  });
  afterAll(() => t.close());

  const signIn = (username: string, password: string, ip: string) =>
    http<ApiError>(t.baseUrl, 'POST', '/api/auth/login', { username, password }, { 'x-forwarded-for': ip });
  const sessionsOf = async (username: string): Promise<number> => {
    const [{ n }] = await t.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE a.username = $1`, [username]);
    return n;
  };
  const statuses = (results: { status: number }[]) =>
    results.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});

  it(`evaluates exactly ${N} of 60 parallel wrong attempts and refuses the rest with 429`, async () => {
    const before = await sessionsOf('chair');
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => signIn('chair', `sai ${i}`, '198.51.100.1')));
    expect(statuses(results)).toEqual({ 401: N, 429: 60 - N });
    const refused = results.find((r) => r.status === 429)!;
    expect(refused.body.code).toBe('too_many_attempts');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // the right password from that address is refused too now, and nothing was created
    expect((await signIn('chair', TEST_ADMIN_PASSWORD, '198.51.100.1')).status).toBe(429);
    expect(await sessionsOf('chair')).toBe(before);
    // the same account from another address is not held
    expect((await signIn('chair', TEST_ADMIN_PASSWORD, '198.51.100.2')).status).toBe(200);
  });

  it('holds one account behind a NAT without locking out the others there', async () => {
    const nat = '203.0.113.7';
    const storm = await Promise.all(Array.from({ length: 60 }, (_, i) => signIn('secretary', `sai ${i}`, nat)));
    expect(statuses(storm)).toEqual({ 401: N, 429: 60 - N });
    // the storm spent N of the address's 10 x N: everyone else in the building signs in, including accounts never seen there
    for (const user of ['organizer', 'langson', 'viewer', 'admin']) expect((await signIn(user, TEST_ADMIN_PASSWORD, nat)).status).toBe(200);
    expect((await signIn('secretary', TEST_ADMIN_PASSWORD, nat)).status).toBe(429);
  });

  it('stops password spraying from one address at 10 x N, except for accounts that signed in from there before', async () => {
    const nat = '203.0.113.50';
    expect((await signIn('langson', TEST_ADMIN_PASSWORD, nat)).status).toBe(200); // staff who work there
    // one wrong attempt on each of 10 x N names (real or not: an unknown name is evaluated like a real one)
    const spray = await Promise.all(Array.from({ length: 10 * N }, (_, i) => signIn(`nguoi-dung-${i}`, 'Mat-khau-2026', nat)));
    expect(statuses(spray)).toEqual({ 401: 10 * N });
    expect((await signIn('nguoi-dung-x', 'Mat-khau-2026', nat)).status).toBe(429);
    const before = await sessionsOf('viewer');
    const stranger = await signIn('viewer', TEST_ADMIN_PASSWORD, nat);
    expect([stranger.status, stranger.body.code]).toEqual([429, 'too_many_attempts']);
    expect(await sessionsOf('viewer')).toBe(before);
    // known there: still in; and the address ceiling holds nobody elsewhere
    expect((await signIn('langson', TEST_ADMIN_PASSWORD, nat)).status).toBe(200);
    expect((await signIn('viewer', TEST_ADMIN_PASSWORD, '203.0.113.51')).status).toBe(200);
  });

  it('upgrades a hash made with older argon2 settings at the next successful sign-in', async () => {
    const argon2 = await import('argon2');
    const db = t.app.get(DataSource);
    const old = await argon2.hash(TEST_ADMIN_PASSWORD, { type: argon2.argon2id, memoryCost: 65_536, timeCost: 3, parallelism: 4 });
    await db.query(`UPDATE accounts SET password_hash = $1 WHERE username = 'organizer'`, [old]);
    expect((await signIn('organizer', TEST_ADMIN_PASSWORD, '192.0.2.9')).status).toBe(200);
    const [{ password_hash: now }] = await db.query(`SELECT password_hash FROM accounts WHERE username = 'organizer'`);
    expect(now).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect((await signIn('organizer', TEST_ADMIN_PASSWORD, '192.0.2.9')).status).toBe(200);
  });
});
