import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConfigModule, ENV, logFormatOptions, resolveLogFormat, type Env } from '@app/config';
import { AccountsModule } from './accounts/accounts.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BootstrapService } from './bootstrap/bootstrap.service';
import { AllExceptionsFilter } from './common/exception.filter';
import { DatabaseRetryInterceptor } from './common/database-retry.interceptor';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { MeetingsModule } from './meetings/meetings.module';
import { AttendanceModule } from './attendance/attendance.module';
import { SpeakersModule } from './speakers/speakers.module';
import { DocumentsModule } from './documents/documents.module';
import { VotingModule } from './voting/voting.module';
import { MinutesModule } from './minutes/minutes.module';
import { TasksModule } from './tasks/tasks.module';
import { NotificationsModule } from './notifications/notifications.module';
import { NoticesModule } from './notices/notices.module';
import { SnapshotModule } from './snapshot/snapshot.module';
import { ReportsModule } from './reports/reports.module';
import { QueueDashboardModule } from './jobs/queue-dashboard';
import { RealtimeModule } from './realtime/realtime.module';
import { RedisModule } from './redis/redis.module';
import { SessionRegistryModule } from './auth/session-registry';
import { MediaModule } from './media/media.module';
import { SitesModule } from './sites/sites.module';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

@Module({})
export class AppModule {
  /** The whole api for one environment (tests start several in one process). */
  static forRoot(env?: Env): DynamicModule {
    return { module: AppModule, imports: [ConfigModule.forRoot(env), ...FEATURES], providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }, { provide: APP_INTERCEPTOR, useClass: DatabaseRetryInterceptor }, BootstrapService] };
  }
}

const FEATURES = [
    LoggerModule.forRootAsync({
      inject: [ENV],
      useFactory: (env: Env) => ({
        // Express 5's path-to-regexp 8 wants a named wildcard: nestjs-pino's default '*' made Nest warn
        // twice at every start (LegacyRouteConverter, "Unsupported route path: /api/*") and convert it.
        forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: env.LOG_LEVEL,
          ...logFormatOptions(resolveLogFormat(env.LOG_FORMAT)),
          // A caller's x-request-id is kept (when sane) so logs join across services; otherwise a fresh one.
          genReqId: (req: IncomingMessage, res: ServerResponse) => {
            const given = req.headers['x-request-id'];
            const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
            res.setHeader('x-request-id', id);
            return id;
          },
          redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
          autoLogging: { ignore: (req: IncomingMessage) => req.url === '/api/health' },
        },
      }),
    }),
    DatabaseModule,
    RedisModule,
    SessionRegistryModule,
    JobsModule,
    AuditModule,
    OrganizationsModule,
    AccountsModule,
    AuthModule,
    RealtimeModule,
    MeetingsModule,
    AttendanceModule,
    SpeakersModule,
    VotingModule,
    MinutesModule,
    TasksModule,
    NotificationsModule,
    NoticesModule,
    SnapshotModule,
    ReportsModule,
    QueueDashboardModule,
    HealthModule,
    MediaModule,
    SitesModule,
    DocumentsModule,
];
