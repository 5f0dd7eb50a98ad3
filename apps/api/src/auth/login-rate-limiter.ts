import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { ENV, type Env } from '@app/config';
import { REDIS } from '../redis/redis.module';
import { AuthErrorCode, AuthException } from './auth.exception';

/** An account that signed in from an address stays "known" there this long. */
const KNOWN_FOR_SECONDS = 30 * 86_400;
/** The address ceiling is this many times the per-account limit: a ministry's building shares one address. */
const ADDRESS_FACTOR = 10;

/** What one admitted attempt holds; settled once the password has been checked. */
export interface LoginAttempt {
  succeeded(): Promise<void>;
}

/**
 * The sign-in rule, with N = LOGIN_RATE_LIMIT and W = LOGIN_RATE_WINDOW_SECONDS:
 *
 * 1. An account may be tried N times per W from one address. Attempt N + 1 is refused (429) without
 *    its password being looked at. A success clears the account's count for that address.
 * 2. One address may make 10 x N attempts per W on accounts that have NOT signed in successfully from
 *    it in the last 30 days. Past that, such accounts are refused from that address; accounts that have
 *    signed in from there before are not held by this ceiling (rule 1 still holds for each of them).
 *
 * So behind one NAT: a wrong-password storm on one account blocks only that account from that address,
 * after N attempts, and spends at most N of the address's 10 x N; a password-spraying attacker in the
 * building blocks only accounts that have never signed in from it, never the staff who work there.
 * Nothing is counted per account alone, so nobody can lock an account out from outside.
 *
 * Attempts are spent atomically (an increment in Redis, shared by every api process) right before
 * the password is evaluated, not checked and recorded afterwards: 60 parallel wrong attempts with
 * N = 10 get exactly 10 evaluations. Spending happens once the attempt holds an argon2 slot, so
 * attempts waiting in line hold no points and a building's staff arriving together are not counted
 * against the address ceiling while they wait; `precheck` refuses an attempt that is already over a
 * limit before it queues.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly perAccount: RateLimiterAbstract;
  private readonly perAddress: RateLimiterAbstract;
  private readonly known: RateLimiterAbstract;

  constructor(@Inject(ENV) env: Env, @Inject(REDIS) redis: Redis | null) {
    const make = (keyPrefix: string, points: number, duration: number) =>
      redis ? new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration }) : new RateLimiterMemory({ keyPrefix, points, duration });
    this.perAccount = make(`${env.REDIS_PREFIX}:login:fail`, env.LOGIN_RATE_LIMIT, env.LOGIN_RATE_WINDOW_SECONDS);
    this.perAddress = make(`${env.REDIS_PREFIX}:login:ip`, env.LOGIN_RATE_LIMIT * ADDRESS_FACTOR, env.LOGIN_RATE_WINDOW_SECONDS);
    this.known = make(`${env.REDIS_PREFIX}:login:known`, 1, KNOWN_FOR_SECONDS);
  }

  private pairKey = (username: string, ip: string) => `${username}|${ip}`;

  /** Refuses (429) an attempt that is already over a limit, before it waits for an argon2 slot. */
  async precheck(username: string, ip: string): Promise<void> {
    const pair = await this.perAccount.get(this.pairKey(username, ip));
    if (pair && pair.remainingPoints <= 0) throw this.tooMany(pair);
    const address = await this.perAddress.get(ip);
    if (address && address.remainingPoints <= 0 && !(await this.isKnown(username, ip))) throw this.tooMany(address);
  }

  /** Spends one attempt (atomically, across processes) or throws 429 having spent nothing that counts. */
  async admit(username: string, ip: string): Promise<LoginAttempt> {
    const pairKey = this.pairKey(username, ip);
    await this.spend(this.perAccount, pairKey);
    const onAddress = !(await this.isKnown(username, ip));
    if (onAddress) {
      try {
        await this.spend(this.perAddress, ip);
      } catch (err) {
        await this.perAccount.reward(pairKey, 1);
        throw err;
      }
    }
    return {
      succeeded: async () => {
        await Promise.all([
          this.perAccount.delete(pairKey),
          onAddress ? this.perAddress.reward(ip, 1) : undefined,
          this.known.set(pairKey, 1, KNOWN_FOR_SECONDS),
        ]);
      },
    };
  }

  private async isKnown(username: string, ip: string): Promise<boolean> {
    return (await this.known.get(this.pairKey(username, ip))) !== null;
  }

  private async spend(limiter: RateLimiterAbstract, key: string): Promise<void> {
    try {
      await limiter.consume(key, 1);
    } catch (err) {
      // rate-limiter-flexible rejects with a RateLimiterRes when over the limit, with an Error when the store fails
      if (err instanceof RateLimiterRes) throw this.tooMany(err);
      throw err;
    }
  }

  private tooMany(res: RateLimiterRes) {
    const retryAfterSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    return new AuthException(AuthErrorCode.TooManyAttempts, `Too many sign-in attempts; try again in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    });
  }
}
