import { MigrationExecutor, type DataSource } from 'typeorm';

const MIGRATION_LOCK = 727_070_001;

/**
 * Runs pending migrations, one api process at a time: the others wait on the
 * advisory lock, then find nothing to do. The lock and the migrations share
 * one connection (PGlite has only one).
 */
export async function runMigrations(ds: DataSource): Promise<string[]> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const executor = new MigrationExecutor(ds, runner);
    executor.transaction = 'each';
    const done = await executor.executePendingMigrations();
    return done.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

/** Undoes the newest migration. */
export async function revertLastMigration(ds: DataSource): Promise<void> {
  const runner = ds.createQueryRunner();
  try {
    const executor = new MigrationExecutor(ds, runner);
    executor.transaction = 'each';
    await executor.undoLastMigration();
  } finally {
    await runner.release();
  }
}

/** Empties every table but the migration history (for db:reset and tests). */
export async function truncateAll(ds: DataSource): Promise<void> {
  const tables: { tablename: string }[] = await ds.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'`,
  );
  if (tables.length) await ds.query(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);
}
