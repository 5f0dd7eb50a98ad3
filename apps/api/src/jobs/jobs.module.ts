import { Global, Inject, Injectable, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ENV, type Env } from '@app/config';
import { BullMqDriver, InProcessDriver, QueueDriver, buildJobHandlers, createMailer, redisConnection, SESSION_PURGE_SCHEDULE, type Mailer } from '@app/queue';
import { OfficeConverter } from '@app/reports';

/** Starts in-process consumption on the embedded default; with Redis the worker consumes. */
@Injectable()
class QueueLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly office = new OfficeConverter();
  private mailer: Mailer | null = null;
  constructor(
    private readonly queue: QueueDriver,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async onApplicationBootstrap() {
    if (this.queue.kind === 'in-process') {
      // email of notifications is sent by whoever runs the jobs: here on the embedded default, else the worker
      this.mailer = createMailer(this.env);
      // the office starts with the first report, not with the api
      await this.queue.consume(buildJobHandlers({ db: this.db, office: this.office, reportPlace: this.env.REPORT_PLACE, mailer: this.mailer }));
      await this.queue.schedule(SESSION_PURGE_SCHEDULE.id, 'sessions.purge-expired', { retentionDays: SESSION_PURGE_SCHEDULE.retentionDays }, SESSION_PURGE_SCHEDULE.everyMs);
      this.logger.log('jobs run in this process (no REDIS_URL)');
    }
  }

  async onApplicationShutdown() {
    await this.queue.close();
    await this.office.close();
    this.mailer?.close();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: QueueDriver,
      inject: [ENV],
      useFactory: (env: Env): QueueDriver => (env.REDIS_URL ? new BullMqDriver(redisConnection(env.REDIS_URL), env.REDIS_PREFIX, env.JOB_LOCK_MS) : new InProcessDriver()),
    },
    QueueLifecycle,
  ],
  exports: [QueueDriver],
})
export class JobsModule {
  constructor(@Inject(ENV) readonly env: Env) {}
}
