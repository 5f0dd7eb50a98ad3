import { parseEnv } from '@app/config';
import { AuthException } from './auth.exception';
import { LoginRateLimiter } from './login-rate-limiter';

/** The rule without Redis (one process, the memory store); test/e2e/signin-limits.e2e-spec.ts runs it over HTTP on Redis. */
describe('LoginRateLimiter', () => {
  const N = 4;
  const limiter = () => new LoginRateLimiter(parseEnv({ LOGIN_RATE_LIMIT: String(N), REDIS_PREFIX: `t${Math.random().toString(36).slice(2, 8)}` }), null);
  const settle = (ps: Promise<unknown>[]) => Promise.allSettled(ps);
  const refused = (r: PromiseSettledResult<unknown>) => r.status === 'rejected' && r.reason instanceof AuthException && r.reason.status === 429;

  it('admits exactly N of many parallel attempts on one account and address', async () => {
    const l = limiter();
    const results = await settle(Array.from({ length: 30 }, () => l.admit('chair', '10.0.0.1')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(N);
    expect(results.filter(refused)).toHaveLength(30 - N);
    await expect(l.precheck('chair', '10.0.0.1')).rejects.toMatchObject({ code: 'too_many_attempts' });
    await expect(l.precheck('chair', '10.0.0.2')).resolves.toBeUndefined();
  });

  it('clears an account’s count on success and gives the address its attempt back', async () => {
    const l = limiter();
    for (let i = 0; i < N - 1; i++) await l.admit('chair', '10.0.0.1');
    await (await l.admit('chair', '10.0.0.1')).succeeded();
    for (let i = 0; i < N; i++) await l.admit('chair', '10.0.0.1');
    await expect(l.admit('chair', '10.0.0.1')).rejects.toBeInstanceOf(AuthException);
  });

  it('holds the address at 10 x N for accounts never seen there, not for those that signed in from it', async () => {
    const l = limiter();
    await (await l.admit('langson', '10.0.0.9')).succeeded();
    const spray = await settle(Array.from({ length: 10 * N + 5 }, (_, i) => l.admit(`ten-${i}`, '10.0.0.9')));
    expect(spray.filter((r) => r.status === 'fulfilled')).toHaveLength(10 * N);
    await expect(l.precheck('viewer', '10.0.0.9')).rejects.toMatchObject({ code: 'too_many_attempts' });
    await expect(l.admit('viewer', '10.0.0.9')).rejects.toMatchObject({ code: 'too_many_attempts' });
    await expect(l.precheck('langson', '10.0.0.9')).resolves.toBeUndefined();
    await expect(l.admit('langson', '10.0.0.9')).resolves.toBeDefined();
    // the ceiling is the address's: the same stranger from another address is not held
    await expect(l.admit('viewer', '10.0.0.10')).resolves.toBeDefined();
  });
});
