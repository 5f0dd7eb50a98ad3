import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { ENV, type Env } from '@app/config';
import { REDIS } from '../redis/redis.module';
import { AuthErrorCode, AuthException } from './auth.exception';

/**
 * Failed logins are counted per account name and source address, and all
 * attempts per source address; shared through Redis across api processes.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly perAccount: RateLimiterAbstract;
  private readonly perAddress: RateLimiterAbstract;

  constructor(@Inject(ENV) env: Env, @Inject(REDIS) redis: Redis | null) {
    const make = (keyPrefix: string, points: number) =>
      redis
        ? new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration: env.LOGIN_RATE_WINDOW_SECONDS })
        : new RateLimiterMemory({ keyPrefix, points, duration: env.LOGIN_RATE_WINDOW_SECONDS });
    this.perAccount = make(`${env.REDIS_PREFIX}:login:fail`, env.LOGIN_RATE_LIMIT);
    this.perAddress = make(`${env.REDIS_PREFIX}:login:ip`, env.LOGIN_RATE_LIMIT * 10);
  }

  private accountKey = (username: string, ip: string) => `${username}|${ip}`;

  /** Throws 429 when this source may not try again yet; counts the attempt against the address. */
  async beforeAttempt(username: string, ip: string): Promise<void> {
    const blocked = await this.perAccount.get(this.accountKey(username, ip));
    if (blocked && blocked.remainingPoints <= 0) throw this.tooMany(blocked);
    try {
      await this.perAddress.consume(ip);
    } catch (res) {
      if (res instanceof RateLimiterRes) throw this.tooMany(res);
      throw res;
    }
  }

  async failed(username: string, ip: string): Promise<void> {
    await this.perAccount.penalty(this.accountKey(username, ip), 1);
  }

  async succeeded(username: string, ip: string): Promise<void> {
    await this.perAccount.delete(this.accountKey(username, ip));
  }

  private tooMany(res: RateLimiterRes) {
    const retryAfterSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    return new AuthException(AuthErrorCode.TooManyAttempts, `Too many sign-in attempts; try again in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    });
  }
}
