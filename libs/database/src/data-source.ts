import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import { exclusivePgliteDriver } from './pglite-exclusive.driver';
import { SnakeNamingStrategy } from './naming.strategy';
import { ALL_MIGRATIONS } from './migrations';

export type DatabaseDriver = 'postgres' | 'pglite';

export interface DatabaseSettings {
  /** PostgreSQL connection string; embedded PGlite when absent */
  url?: string;
  /** folder for the embedded database; in memory when absent */
  dataDir?: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  poolSize?: number;
  /** how long a query waits for a free pooled connection before failing */
  acquireTimeoutMs?: number;
  /** PostgreSQL ends a session idle inside a transaction this long */
  idleInTransactionMs?: number;
  logging?: boolean;
}

export function databaseDriver(settings: Pick<DatabaseSettings, 'url'>): DatabaseDriver {
  return settings.url ? 'postgres' : 'pglite';
}

/**
 * One place that turns settings into TypeORM options, for the api, the worker,
 * the migration CLI and the tests. Schema changes only ever come from migrations.
 */
export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: settings.entities,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    logging: settings.logging ?? false,
  };
  if (settings.url) {
    return {
      ...common,
      url: settings.url,
      extra: {
        max: settings.poolSize ?? 20,
        application_name: 'hop-truc-tuyen',
        // An exhausted pool fails a request (503) instead of queueing it for ever, and a
        // transaction left open by a stuck request is ended by the server, freeing its
        // locks and its connection (a resync storm once froze an api for good: see
        // docs/benchmarks.md).
        connectionTimeoutMillis: settings.acquireTimeoutMs ?? 30_000,
        idle_in_transaction_session_timeout: settings.idleInTransactionMs ?? 60_000,
      },
    };
  }
  let dataDir: string | undefined;
  if (settings.dataDir) {
    dataDir = pgliteDir(settings.dataDir);
    mkdirSync(dataDir, { recursive: true });
  }
  return { ...common, driver: exclusivePgliteDriver(dataDir ? { dataDir } : {}, settings.dataDir) };
}

/** Where the embedded database lives inside DATA_DIR (the rest of DATA_DIR: the generated JWT secret, first credentials, the lock). */
export const pgliteDir = (dataDirSetting: string) => resolve(join(dataDirSetting, 'pglite'));

export function createDataSource(settings: DatabaseSettings): DataSource {
  return new DataSource(dataSourceOptions(settings));
}
