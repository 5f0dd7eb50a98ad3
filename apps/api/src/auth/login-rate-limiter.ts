import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract, type RateLimiterRes } from 'rate-limiter-flexible';
import { ENV, type Env } from '@app/config';
import { REDIS } from '../redis/redis.module';
import { AuthErrorCode, AuthException } from './auth.exception';

/**
 * Failed sign-ins are counted per account name and source address, and per
 * source address alone (with a higher ceiling, since a ministry's whole
 * building may share one address); shared through Redis across api processes.
 * Successful sign-ins are never counted.
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

  /** Throws 429 when this account name or address has failed too often in the window. */
  async beforeAttempt(username: string, ip: string): Promise<void> {
    for (const [limiter, key] of [
      [this.perAccount, this.accountKey(username, ip)],
      [this.perAddress, ip],
    ] as const) {
      const state = await limiter.get(key);
      if (state && state.remainingPoints <= 0) throw this.tooMany(state);
    }
  }

  async failed(username: string, ip: string): Promise<void> {
    await Promise.all([this.perAccount.penalty(this.accountKey(username, ip), 1), this.perAddress.penalty(ip, 1)]);
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
