import type { DataSource } from 'typeorm';
import { ALL_MIGRATIONS } from './migrations';

/**
 * The migrations this code knows that the database has not applied yet, oldest
 * first. Read-only: unlike TypeORM's MigrationExecutor it never creates the
 * migrations table, so a process that only reads (the worker) does not race the
 * api's migration run for it.
 */
export async function pendingMigrations(ds: DataSource): Promise<string[]> {
  const known = ALL_MIGRATIONS.map((M) => new M().name ?? M.name); // TypeORM records the instance's name
  const [{ table }] = (await ds.query(`SELECT to_regclass('schema_migrations') IS NOT NULL AS table`)) as { table: boolean }[];
  if (!table) return known;
  const applied = new Set(((await ds.query(`SELECT name FROM schema_migrations`)) as { name: string }[]).map((r) => r.name));
  return known.filter((name) => !applied.has(name));
}
