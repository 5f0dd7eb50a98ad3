import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ENV, type Env } from '@app/config';
import { QueueDriver } from '@app/queue';
import { OutboxRelay } from './outbox.relay';

/** The relay of the outbox to the queue, started with the api and stopped before the queue closes. */
@Module({
  providers: [
    {
      provide: OutboxRelay,
      inject: [getDataSourceToken(), QueueDriver, ENV],
      useFactory: (db: DataSource, queue: QueueDriver, env: Env) => new OutboxRelay(db, queue, { pollMs: env.OUTBOX_POLL_MS, retentionDays: env.OUTBOX_RETENTION_DAYS }),
    },
  ],
  exports: [OutboxRelay],
})
export class OutboxModule {}
