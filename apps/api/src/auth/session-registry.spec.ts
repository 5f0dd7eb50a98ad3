import type { DataSource } from 'typeorm';
import type { Env } from '@app/config';
import { AuthErrorCode } from './auth.exception';
import { SessionRegistry, userFrom, type SessionEnd, type SessionState } from './session-registry';

const ACCOUNT = '11111111-1111-4111-8111-111111111111';
const SESSION = '22222222-2222-4222-8222-222222222222';
const OTHER = '33333333-3333-4333-8333-333333333333';
const ORG = '44444444-4444-4444-8444-444444444444';

/** A database that answers the registry's one query (the sessions asked for) from a mutable row, counting the reads. */
function fakeDb() {
  const row = { account_id: ACCOUNT, revoked: false, expires_at: new Date(Date.now() + 3_600_000), disabled: false, must_change_password: false, roles: [{ role: 'chair', organizationId: ORG }] };
  const db = { reads: 0, row, gate: null as Promise<void> | null };
  const dataSource = {
    query: async (_sql: string, [ids]: [string[]]) => {
      db.reads++;
      const answer = ids.map((id) => ({ id, ...db.row }));
      if (db.gate) await db.gate;
      return answer;
    },
  } as unknown as DataSource;
  return { db, registry: new SessionRegistry(dataSource, null, { REDIS_PREFIX: 'unit' } as Env) };
}

const state = (over: Partial<SessionState> = {}): SessionState => ({ accountId: ACCOUNT, live: true, disabled: false, mustChangePassword: false, roles: [], expiresAt: Date.now() + 60_000, ...over });
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return 'none';
};

describe('userFrom', () => {
  it('gives the current roles of a live session', () => {
    expect(userFrom(ACCOUNT, SESSION, state({ roles: [{ role: 'viewer', organizationId: ORG }] }))).toEqual({ id: ACCOUNT, sessionId: SESSION, roles: [{ role: 'viewer', organizationId: ORG }] });
  });
  it.each([
    ['unknown', undefined, AuthErrorCode.SessionRevoked],
    ['revoked', state({ live: false }), AuthErrorCode.SessionRevoked],
    ['of another account', state({ accountId: OTHER }), AuthErrorCode.SessionRevoked],
    ['past its refresh expiry', state({ expiresAt: Date.now() - 1 }), AuthErrorCode.SessionExpired],
    ['of a disabled account (even though disabling also revoked it)', state({ live: false, disabled: true }), AuthErrorCode.AccountDisabled],
  ])('refuses a session %s', (_, s, code) => {
    expect(codeOf(() => userFrom(ACCOUNT, SESSION, s))).toBe(code);
  });
});

describe('SessionRegistry', () => {
  it('reads the sessions asked for in one turn in one query, and an id that is no uuid as no session', async () => {
    const { db, registry } = fakeDb();
    const [a, b, odd] = await Promise.all([registry.state(SESSION), registry.state(OTHER), registry.state('not-a-uuid')]);
    expect(db.reads).toBe(1);
    expect(a?.accountId).toBe(ACCOUNT);
    expect(b?.accountId).toBe(ACCOUNT);
    expect(odd).toBeNull();
  });

  it('reads a session once, then answers from its map', async () => {
    const { db, registry } = fakeDb();
    await Promise.all([registry.user(ACCOUNT, SESSION), registry.user(ACCOUNT, SESSION)]);
    expect((await registry.user(ACCOUNT, SESSION)).roles).toEqual([{ role: 'chair', organizationId: ORG }]);
    expect(db.reads).toBe(1);
  });

  it('forgets a session that ended, tells the listeners, and reads the new state', async () => {
    const { db, registry } = fakeDb();
    const heard: SessionEnd[] = [];
    registry.onEnd((e) => heard.push(e));
    await registry.user(ACCOUNT, SESSION);
    db.row.revoked = true;
    await registry.end({ sessionId: SESSION, reason: 'logout' });
    expect(heard).toEqual([{ sessionId: SESSION, reason: 'logout' }]);
    await expect(registry.user(ACCOUNT, SESSION)).rejects.toMatchObject({ code: AuthErrorCode.SessionRevoked });
  });

  it('forgets every session of an account whose roles changed', async () => {
    const { db, registry } = fakeDb();
    await registry.user(ACCOUNT, SESSION);
    await registry.user(ACCOUNT, OTHER);
    db.row.roles = [];
    await registry.end({ accountId: ACCOUNT, reason: 'roles_changed' });
    expect(registry.peek(SESSION)).toBeUndefined();
    expect(registry.peek(OTHER)).toBeUndefined();
    expect((await registry.user(ACCOUNT, OTHER)).roles).toEqual([]);
  });

  it('does not cache a read that was under way when the session ended (it may hold the old row)', async () => {
    const { db, registry } = fakeDb();
    let open!: () => void;
    db.gate = new Promise((resolve) => (open = resolve));
    const inFlight = registry.state(SESSION);
    await new Promise((resolve) => setImmediate(resolve)); // the turn's loads have started their query
    expect(db.reads).toBe(1);
    await registry.end({ sessionId: SESSION, reason: 'revoked' });
    open();
    await inFlight;
    db.gate = null;
    expect(registry.peek(SESSION)).toBeUndefined();
  });

  it('reads again an entry older than its age bound (a lost message cannot keep a session alive)', async () => {
    const { db, registry } = fakeDb();
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
    try {
      await registry.user(ACCOUNT, SESSION);
      db.row.revoked = true;
      clock.mockReturnValue(now + 61_000);
      await expect(registry.user(ACCOUNT, SESSION)).rejects.toMatchObject({ code: AuthErrorCode.SessionRevoked });
      expect(db.reads).toBe(2);
    } finally {
      clock.mockRestore();
    }
  });
});
