import { JwtService } from '@nestjs/jwt';
import { io } from 'socket.io-client';
import type { Ack, AccessTokenClaims, AccountView, ApiError, AuthRefreshResult, ClockSyncResult, SessionEndReason } from '@app/contracts';
import { SessionRegistry } from '../../apps/api/src/auth/session-registry';
import { startTestApp, type TestApp } from '../support/app';
import { newAccount, newOrganization } from '../support/factories';
import { http, UserSession, type TestSocket } from '../support/session';

/**
 * The session is the authority, on every api process: a logout, a revocation (refresh-token
 * reuse), a disabled account or a removed role takes effect on the very next REST request on
 * both processes, and closes the session's sockets on both, each told why, within 2 s (a
 * bound on the measured time, not a wait: every step awaits the event). A socket whose access
 * token runs out is warned and either presents a fresh token over the socket or is closed
 * with the reason.
 */
describe('sessions across two api processes', () => {
  let a: TestApp;
  let b: TestApp;
  let admin: UserSession;
  let orgId: string;
  const open: TestSocket[] = [];

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ sameDataAs: a });
    admin = await UserSession.signIn(a.baseUrl, 'admin');
    orgId = (await newOrganization(admin, { kind: 'ministry' })).id;
  });
  afterAll(async () => {
    open.forEach((s) => s.close());
    await b?.close();
    await a?.close();
  });

  /** A socket with its listeners set before it connects, so no notice can slip past. */
  function connect(baseUrl: string, token: string) {
    const socket: TestSocket = io(baseUrl, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    open.push(socket);
    const ended = new Promise<{ reason: SessionEndReason; disconnect: string; at: number }>((resolve) => {
      let reason: SessionEndReason | undefined;
      socket.on('session:ended', (p) => (reason = p.reason));
      socket.once('disconnect', (disconnect) => resolve({ reason: reason ?? ('none' as SessionEndReason), disconnect, at: Date.now() }));
    });
    const expiring = new Promise<{ expiresAt: number }>((resolve) => socket.once('session:expiring', resolve));
    const ready = new Promise<void>((resolve, reject) => {
      socket.once('session:ready', () => resolve());
      socket.once('connect_error', reject);
    });
    return { socket, ended, expiring, ready };
  }

  /** The same sign-in used on both processes (as a load balancer would spread it), each with a socket. */
  async function onBoth(s: UserSession) {
    const onB = new UserSession(b.baseUrl, s.login, s.refreshCookie);
    const sockets = [connect(a.baseUrl, s.token), connect(b.baseUrl, s.token)];
    await Promise.all(sockets.map((x) => x.ready));
    // Warm both processes' caches: what follows proves invalidation, not a cache miss.
    expect((await s.get('/api/me')).status).toBe(200);
    expect((await onB.get('/api/me')).status).toBe(200);
    return { onA: s, onB, sockets };
  }

  /** Both sockets closed with `reason`, each within 2 s of `since`. */
  async function expectClosed(sockets: ReturnType<typeof connect>[], since: number, reason: SessionEndReason) {
    const ends = await Promise.all(sockets.map((x) => x.ended));
    for (const end of ends) {
      expect(end).toMatchObject({ reason, disconnect: 'io server disconnect' });
      expect(end.at - since).toBeLessThan(2000);
    }
  }

  const sidOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as AccessTokenClaims).sid;

  it('logout: REST answers 401 on both processes and the sockets on both close', async () => {
    const { onA, onB, sockets } = await onBoth(await UserSession.signIn(a.baseUrl, 'organizer'));
    const since = Date.now();
    expect((await onA.post('/api/auth/logout')).status).toBe(204);
    await expectClosed(sockets, since, 'logout');
    for (const s of [onA, onB]) expect((await s.get<ApiError>('/api/me')).body).toMatchObject({ statusCode: 401, code: 'session_revoked' });
  });

  it('revocation by refresh-token reuse on the other process: 401 everywhere, sockets closed on both', async () => {
    const { onA, onB, sockets } = await onBoth(await UserSession.signIn(a.baseUrl, 'chair'));
    const rotated = await http(b.baseUrl, 'POST', '/api/auth/refresh', undefined, { cookie: onA.refreshCookie! });
    expect(rotated.status).toBe(200);
    // Past the grace window a replay of the old refresh token means it was copied.
    const { DataSource } = await import('typeorm');
    await a.app.get(DataSource).query(`UPDATE sessions SET rotated_at = now() - interval '1 minute' WHERE id = $1`, [sidOf(onA.token)]);
    const since = Date.now();
    const theft = await http<ApiError>(b.baseUrl, 'POST', '/api/auth/refresh', undefined, { cookie: onA.refreshCookie! });
    expect(theft.body.code).toBe('session_revoked');
    await expectClosed(sockets, since, 'revoked');
    for (const s of [onA, onB]) expect((await s.get<ApiError>('/api/me')).body).toMatchObject({ statusCode: 401, code: 'session_revoked' });
  });

  it('disabling an account: 401 account_disabled on both processes, its sockets closed on both', async () => {
    const made = await newAccount(admin, 'viewer', orgId);
    const { onA, onB, sockets } = await onBoth(await made.session());
    const since = Date.now();
    const res = await http<AccountView>(b.baseUrl, 'PATCH', `/api/accounts/${made.account.id}`, { disabled: true }, { authorization: `Bearer ${admin.token}` });
    expect(res.status).toBe(200);
    await expectClosed(sockets, since, 'disabled');
    for (const s of [onA, onB]) expect((await s.get<ApiError>('/api/me')).body).toMatchObject({ statusCode: 401, code: 'account_disabled' });
  });

  it('removing a role: 403 at once on both processes though the token still names it, sockets closed on both', async () => {
    const made = await newAccount(admin, 'admin', orgId);
    const { onA, onB, sockets } = await onBoth(await made.session());
    for (const s of [onA, onB]) expect((await s.get('/api/accounts')).status).toBe(200);
    const since = Date.now();
    const res = await admin.patch<AccountView>(`/api/accounts/${made.account.id}`, { roles: [{ role: 'viewer', organizationId: orgId }] });
    expect(res.status).toBe(200);
    await expectClosed(sockets, since, 'roles_changed');
    for (const s of [onA, onB]) {
      expect((await s.get<ApiError>('/api/accounts')).body).toMatchObject({ statusCode: 403, code: 'forbidden' });
      // The session itself lives on: the account signs in as what it is now.
      expect((await s.get<AccountView>('/api/me')).body.roles).toEqual([{ role: 'viewer', organizationId: orgId }]);
    }
    // A socket opened again with the same (older) token acts with the current roles only.
    const again = connect(b.baseUrl, onA.token);
    await again.ready;
    const sync = (await again.socket.emitWithAck('clock:sync', { clientTime: 1 })) as Ack<ClockSyncResult>;
    expect(sync.ok).toBe(true);
  });

  it('an expiring socket token: warned, refreshed over the socket, or closed with the reason', async () => {
    const s = await UserSession.signIn(a.baseUrl, 'secretary');
    // Tokens of the same session that run out in about two seconds (minted, like the server does, with its key).
    const short = a.app.get(JwtService).sign({ sub: s.account.id, sid: sidOf(s.token), roles: [] } satisfies AccessTokenClaims, { expiresIn: 2 });
    const refreshed = connect(a.baseUrl, short);
    const witness = connect(b.baseUrl, short);
    await Promise.all([refreshed.ready, witness.ready]);

    const { expiresAt } = await refreshed.expiring;
    expect(expiresAt).toBeGreaterThan(Date.now() - 1000);
    const other = await UserSession.signIn(a.baseUrl, 'secretary');
    // A token of another session, a missing one: refused, and the socket's expiry is unchanged.
    const foreign = (await refreshed.socket.emitWithAck('auth:refresh', { token: other.token })) as Ack<AuthRefreshResult>;
    expect(foreign).toMatchObject({ ok: false, error: { statusCode: 401, code: 'unauthenticated' } });
    const empty = (await refreshed.socket.emitWithAck('auth:refresh', { token: '' })) as Ack<AuthRefreshResult>;
    expect(empty).toMatchObject({ ok: false, error: { statusCode: 400, code: 'validation_failed' } });
    const ok = (await refreshed.socket.emitWithAck('auth:refresh', { token: s.token })) as Ack<AuthRefreshResult>;
    expect(ok.ok && ok.data.expiresAt).toBeGreaterThan(Date.now() + 60_000);

    // The witness did not answer: it is warned too, then closed at expiry with the reason.
    await witness.expiring;
    const end = await witness.ended;
    expect(end).toMatchObject({ reason: 'token_expired', disconnect: 'io server disconnect' });
    expect(end.at).toBeGreaterThanOrEqual(expiresAt - 50);
    // Past the old expiry, the refreshed socket still works.
    const sync = (await refreshed.socket.emitWithAck('clock:sync', { clientTime: 1 })) as Ack<ClockSyncResult>;
    expect(sync.ok).toBe(true);
    expect(refreshed.socket.connected).toBe(true);
  });

  it('a socket command after the session ended elsewhere is refused with the reason, never run', async () => {
    const s = await UserSession.signIn(a.baseUrl, 'langson');
    const socket = connect(b.baseUrl, s.token);
    await socket.ready;
    // Revoked straight in the database, no message sent (as if it were lost), and b's cache
    // dropped as its age bound or a Redis reconnect would: the packet check finds it on its own.
    const { DataSource } = await import('typeorm');
    await b.app.get(DataSource).query(`UPDATE sessions SET revoked_at = now() WHERE id = $1`, [sidOf(s.token)]);
    b.app.get(SessionRegistry).clear();
    const answer = (await socket.socket.emitWithAck('clock:sync', { clientTime: 1 })) as Ack<ClockSyncResult>;
    expect(answer).toMatchObject({ ok: false, error: { statusCode: 401, code: 'session_revoked' } });
    expect((await socket.ended).reason).toBe('revoked');
  });
});
