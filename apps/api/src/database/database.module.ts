import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ENV, type Env } from '@app/config';
import { dataSourceOptions } from '@app/database';
import { API_ENTITIES } from './entities';

export const databaseSettings = (env: Env) => ({
  url: env.DATABASE_URL,
  dataDir: env.DATABASE_URL ? undefined : env.DATA_DIR,
  entities: API_ENTITIES,
  poolSize: env.DATABASE_POOL_SIZE,
  acquireTimeoutMs: env.DATABASE_POOL_ACQUIRE_MS,
  idleInTransactionMs: env.DATABASE_IDLE_IN_TRANSACTION_MS,
});

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ENV],
      useFactory: (env: Env) => dataSourceOptions(databaseSettings(env)),
    }),
  ],
})
export class DatabaseModule {}
