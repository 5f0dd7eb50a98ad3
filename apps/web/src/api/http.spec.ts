import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { LoginResponse } from '@app/contracts';
import { logout, session } from './http';

/**
 * The sign-in survives anything but the server's word: a refresh that cannot reach the server
 * keeps it; a refused refresh ends it, with the reason the sign-in page shows.
 */
const signedIn = (token = 'a1'): LoginResponse =>
  ({
    accessToken: token,
    expiresIn: 60,
    account: { id: '7d0f3a52-1c1e-4a8e-9a51-0a4f5b1c2d3e', username: 'langson', fullName: 'Đoàn Thu Hà', position: null, organizationId: '1b2c3d4e-5f60-4a1b-8c2d-3e4f5a6b7c8d', locale: 'vi', disabled: false, mustChangePassword: false, roles: [] },
  }) as LoginResponse;
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const refused = (status: number, code: string) => json(status, { statusCode: status, code, message: 'x', params: {}, correlationId: 'c' });

describe('the web session', () => {
  const realFetch = globalThis.fetch;
  let answers: Array<() => Promise<Response>>;
  beforeEach(() => {
    jest.useFakeTimers();
    answers = [];
    globalThis.fetch = (async () => (answers.shift() ?? (() => Promise.reject(new TypeError('Failed to fetch'))))()) as typeof fetch;
    session.set(signedIn());
  });
  afterEach(() => {
    session.set(null);
    globalThis.fetch = realFetch;
    jest.useRealTimers();
  });

  it('keeps the sign-in when the server cannot be reached, or answers 503 / 429, and tries again', async () => {
    answers.push(() => Promise.reject(new TypeError('Failed to fetch')));
    expect((await session.refresh())?.accessToken).toBe('a1');
    expect(session.value?.accessToken).toBe('a1');
    expect(session.unreachable).toBe(true);
    answers.push(async () => refused(503, 'database_unavailable'), async () => refused(429, 'rate_limited'));
    expect((await session.refresh())?.accessToken).toBe('a1');
    expect((await session.refresh())?.accessToken).toBe('a1');
    // the retry it scheduled gets through once the server answers
    answers.push(async () => json(200, signedIn('a2')));
    await jest.advanceTimersByTimeAsync(16_000);
    expect(session.value?.accessToken).toBe('a2');
    expect(session.unreachable).toBe(false);
  });

  it('ends on a refused refresh, saying why', async () => {
    answers.push(async () => refused(401, 'session_revoked'));
    expect(await session.refresh()).toBeNull();
    expect(session.value).toBeNull();
    expect(session.endedBecause).toBe('revoked');
    session.set(signedIn());
    expect(session.endedBecause).toBeNull();
    answers.push(async () => refused(401, 'session_expired'));
    await session.refresh();
    expect(session.endedBecause).toBe('expired');
    session.set(signedIn());
    answers.push(async () => refused(403, 'account_disabled'));
    await session.refresh();
    expect(session.endedBecause).toBe('disabled');
  });

  it('says what the socket was told (password changed elsewhere) rather than the refresh’s own code', async () => {
    answers.push(async () => refused(401, 'session_revoked'));
    await session.refresh('password_changed');
    expect(session.endedBecause).toBe('password_changed');
  });

  it('an explicit sign-out says so, whatever else closes the session meanwhile', async () => {
    answers.push(async () => new Response(null, { status: 204 }));
    await logout();
    expect(session.value).toBeNull();
    expect(session.endedBecause).toBe('logout');
  });

  it('refreshes ahead of expiry: at three quarters of a 60 s token', async () => {
    answers.push(async () => json(200, signedIn('a3')));
    await jest.advanceTimersByTimeAsync(44_000);
    expect(session.value?.accessToken).toBe('a1');
    await jest.advanceTimersByTimeAsync(2_000);
    expect(session.value?.accessToken).toBe('a3');
  });
});
