import { Controller, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { ENV, type Env } from '@app/config';
import type { HealthReport } from '@app/contracts';
import { QueueDriver } from '@app/queue';
import { ApiRoute } from '../common/api-route';
import { REDIS } from '../redis/redis.module';

const timed = async (fn: () => Promise<unknown>) => {
  const start = performance.now();
  await fn();
  return Math.round((performance.now() - start) * 10) / 10;
};

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref())]);

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis | null,
    @Inject(ENV) private readonly env: Env,
    private readonly queue: QueueDriver,
  ) {}

  /** 200 when every configured component answers, 503 otherwise. */
  @ApiRoute('health.check')
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const report: HealthReport = {
      status: 'ok',
      database: { status: 'up', driver: this.env.DATABASE_URL ? 'postgres' : 'pglite' },
      redis: { status: this.redis ? 'up' : 'disabled' },
      queue: { driver: this.queue.kind },
      version: process.env.npm_package_version ?? '0.1.0',
      uptimeSeconds: Math.round(process.uptime()),
    };
    try {
      report.database.latencyMs = await timed(() => withTimeout(this.db.query('SELECT 1'), 2000));
    } catch (err) {
      report.database = { ...report.database, status: 'down', error: (err as Error).message };
    }
    if (this.redis) {
      try {
        report.redis.latencyMs = await timed(() => withTimeout(this.redis!.ping(), 2000));
      } catch (err) {
        report.redis = { status: 'down', error: (err as Error).message };
      }
    }
    if (report.database.status === 'down' || report.redis.status === 'down') {
      report.status = 'degraded';
      res.status(503);
    }
    return report;
  }
}
