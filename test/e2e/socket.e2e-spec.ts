import { io } from 'socket.io-client';
import type { Ack, ClockSyncResult } from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { UserSession, type TestSocket } from '../support/session';

describe('Socket.IO handshake and commands', () => {
  let t: TestApp;
  let admin: UserSession;
  const open: TestSocket[] = [];

  const refused = (options: Parameters<typeof io>[1]) =>
    new Promise<Error & { data?: { code?: string } }>((resolve, reject) => {
      const s = io(t.baseUrl, { transports: ['websocket'], reconnection: false, forceNew: true, ...options });
      s.on('connect', () => reject(new Error('connected without being allowed to')));
      s.on('connect_error', (err) => {
        s.close();
        resolve(err as Error & { data?: { code?: string } });
      });
    });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await UserSession.signIn(t.baseUrl, 'admin');
  });
  afterAll(async () => {
    open.forEach((s) => s.close());
    await t.close();
  });

  it('refuses a connection without a token', async () => {
    const err = await refused({});
    expect(err.message).toMatch(/access token/i);
    expect(err.data?.code).toBe('unauthenticated');
  });

  it('refuses a forged or expired token', async () => {
    expect((await refused({ auth: { token: admin.token.slice(0, -3) + 'abc' } })).data?.code).toBe('unauthenticated');
  });

  it('refuses a foreign browser Origin even with a valid token', async () => {
    const err = await refused({ auth: { token: admin.token }, transports: ['polling'], extraHeaders: { origin: 'https://evil.example' } });
    expect(err).toBeDefined();
  });

  it('refuses the token of a session that was logged out', async () => {
    const s = await UserSession.signIn(t.baseUrl, 'viewer');
    await s.post('/api/auth/logout');
    expect((await refused({ auth: { token: s.token } })).data?.code).toBe('unauthenticated');
  });

  it('accepts a valid token from an allowed Origin and syncs the clock', async () => {
    const socket = await admin.socket({ extraHeaders: { origin: 'http://localhost:3000' } });
    open.push(socket);
    const before = Date.now();
    const answer = (await socket.emitWithAck('clock:sync', { clientTime: before })) as Ack<ClockSyncResult>;
    expect(answer.ok).toBe(true);
    if (answer.ok) {
      expect(answer.data.clientTime).toBe(before);
      expect(answer.data.serverTime).toBeGreaterThanOrEqual(before - 1000);
    }
  });

  it('answers a malformed command with a 400 in the ack', async () => {
    const socket = await admin.socket();
    open.push(socket);
    const answer = (await socket.emitWithAck('clock:sync', { clientTime: 'now', extra: true } as never)) as Ack<ClockSyncResult>;
    expect(answer.ok).toBe(false);
    if (!answer.ok) {
      expect(answer.error.statusCode).toBe(400);
      expect(answer.error.fields?.map((f) => f.field).sort()).toEqual(['clientTime', 'extra']);
    }
  });
});
