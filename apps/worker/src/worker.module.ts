import { Inject, Injectable, Logger as NestLogger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule, InjectDataSource } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { DataSource } from 'typeorm';
import { ConfigModule, ENV, logFormatOptions, resolveLogFormat, type Env } from '@app/config';
import { dataSourceOptions } from '@app/database';
import { BullMqDriver, QueueDriver, SESSION_PURGE_SCHEDULE, buildJobHandlers, redisConnection } from '@app/queue';
import { OfficeConverter } from '@app/reports';

/** Consumes every queue on BullMQ and keeps the repeating schedules in place. */
@Injectable()
class WorkerRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new NestLogger('Worker');
  private readonly office = new OfficeConverter();
  constructor(
    private readonly queue: QueueDriver,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async onApplicationBootstrap() {
    await this.queue.schedule(SESSION_PURGE_SCHEDULE.id, 'sessions.purge-expired', { retentionDays: SESSION_PURGE_SCHEDULE.retentionDays }, SESSION_PURGE_SCHEDULE.everyMs);
    const pdf = this.office.unavailableReason();
    if (pdf) this.logger.warn(`reports will have no PDF: ${pdf}`);
    else this.office.warmUp();
    await this.queue.consume(buildJobHandlers({ db: this.db, office: this.office, reportPlace: this.env.REPORT_PLACE }), this.env.WORKER_CONCURRENCY);
    this.logger.log(`worker consuming queues on ${new URL(this.env.REDIS_URL!).host}`);
  }

  async onApplicationShutdown() {
    await this.queue.close();
    await this.office.close();
  }
}

@Module({
  imports: [
    ConfigModule.forRoot(),
    LoggerModule.forRootAsync({ inject: [ENV], useFactory: (env: Env) => ({ pinoHttp: { level: env.LOG_LEVEL, ...logFormatOptions(resolveLogFormat(env.LOG_FORMAT)) } }) }),
    TypeOrmModule.forRootAsync({
      inject: [ENV],
      useFactory: (env: Env) => dataSourceOptions({ url: env.DATABASE_URL, entities: [], poolSize: 5 }),
    }),
  ],
  providers: [
    { provide: QueueDriver, inject: [ENV], useFactory: (env: Env) => new BullMqDriver(redisConnection(env.REDIS_URL!), env.REDIS_PREFIX, env.JOB_LOCK_MS) },
    WorkerRunner,
  ],
})
export class WorkerModule {}
