import { Inject, Injectable, Logger as NestLogger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule, InjectDataSource } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { DataSource } from 'typeorm';
import { ConfigModule, ENV, logFormatOptions, resolveLogFormat, type Env } from '@app/config';
import { dataSourceOptions, pendingMigrations } from '@app/database';
import { BullMqDriver, QueueDriver, SESSION_PURGE_SCHEDULE, buildJobHandlers, createMailer, redisConnection, type Mailer } from '@app/queue';
import { OfficeConverter } from '@app/reports';

/** How often a worker started before the api migrated looks again. */
const MIGRATION_POLL_MS = 1000;

/** Consumes every queue on BullMQ and keeps the repeating schedules in place. */
@Injectable()
export class WorkerRunner implements OnApplicationShutdown {
  private readonly logger = new NestLogger('Worker');
  private readonly office = new OfficeConverter();
  private stopping = false;
  private mailer: Mailer | null = null;
  constructor(
    private readonly queue: QueueDriver,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /**
   * Called by main once the logger is in place (Nest runs the init hooks inside createApplicationContext, where
   * logs are still buffered: a worker waiting there would wait in silence).
   */
  async run() {
    if (!(await this.migrated())) return;
    await this.queue.schedule(SESSION_PURGE_SCHEDULE.id, 'sessions.purge-expired', { retentionDays: SESSION_PURGE_SCHEDULE.retentionDays }, SESSION_PURGE_SCHEDULE.everyMs);
    // looked for again by every report job: a LibreOffice installed later makes PDFs without a restart
    if (this.office.unavailableReason()) this.logger.warn('LibreOffice (soffice) not found for now: reports get no PDF until it is installed (looked for again per job)');
    else this.office.warmUp();
    this.mailer = createMailer(this.env);
    await this.queue.consume(buildJobHandlers({ db: this.db, office: this.office, reportPlace: this.env.REPORT_PLACE, mailer: this.mailer }), this.env.WORKER_CONCURRENCY);
    this.logger.log(`worker consuming queues on ${new URL(this.env.REDIS_URL!).host}`);
  }

  /**
   * The api migrates the database (RUN_MIGRATIONS); a worker started first (compose starts both at once) would
   * fail every job on missing tables and retry them into failure, so it waits until the schema is the one it knows.
   */
  private async migrated(): Promise<boolean> {
    let told = '';
    for (;;) {
      const pending = await pendingMigrations(this.db);
      if (!pending.length || this.stopping) return !this.stopping;
      const state = pending.join(', ');
      if (state !== told) this.logger.log(`waiting for the api to migrate the database: ${pending.length} migration(s) pending (${state}); checking every ${MIGRATION_POLL_MS / 1000} s`);
      told = state;
      await new Promise((r) => setTimeout(r, MIGRATION_POLL_MS));
    }
  }

  async onApplicationShutdown() {
    this.stopping = true;
    await this.queue.close();
    await this.office.close();
    this.mailer?.close();
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
