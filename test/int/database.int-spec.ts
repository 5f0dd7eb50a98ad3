import { DataSource } from 'typeorm';
import { ALL_MIGRATIONS, createDataSource } from '@app/database';
import { foldForSearch, vietnameseSortKey } from '@app/vietnamese';
import { API_ENTITIES } from '../../apps/api/src/database/entities';
import { revertLastMigration, runMigrations } from '../../apps/api/src/bootstrap/migrate';
import { OrganizationEntity } from '../../apps/api/src/organizations/organization.entity';
import provinces from '../../apps/api/src/organizations/seed/provinces-vn-63.json';
import { createTestDatabase, type TestDatabase } from '../support/database';

const tables = async (ds: DataSource) =>
  ((await ds.query(`SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1`)) as { tablename: string }[]).map((t) => t.tablename);

/** The same checks on the real PostgreSQL server and on embedded PGlite. */
describe.each(['postgres', 'pglite'] as const)('database on %s', (driver) => {
  let db: TestDatabase | undefined;
  let ds: DataSource;

  beforeAll(async () => {
    db = driver === 'postgres' ? await createTestDatabase() : undefined;
    ds = createDataSource({ url: db?.url, entities: API_ENTITIES });
    await ds.initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db?.drop();
  });

  it('migrates an empty database up, all the way down, and up again', async () => {
    expect(await runMigrations(ds)).toEqual(ALL_MIGRATIONS.map((m) => m.name));
    expect(await tables(ds)).toEqual(expect.arrayContaining(['accounts', 'audit_log', 'organizations', 'role_assignments', 'sessions']));
    for (let i = 0; i < ALL_MIGRATIONS.length; i++) await revertLastMigration(ds);
    expect(await tables(ds)).toEqual(['schema_migrations']);
    expect(await runMigrations(ds)).toHaveLength(ALL_MIGRATIONS.length);
    expect(await runMigrations(ds)).toEqual([]);
  });

  it('keeps Vietnamese text byte for byte and sorts it in Vietnamese order', async () => {
    const repo = ds.getRepository(OrganizationEntity);
    const names = provinces.units.map((u) => u.name);
    await repo.insert(
      names.map((name) => ({ kind: 'province' as const, name, shortName: null, code: null, provinceType: null, formedFrom: [], searchText: foldForSearch(name), sortKey: vietnameseSortKey(name) })),
    );
    const sorted = await repo.find({ order: { sortKey: 'ASC' } });
    expect(sorted.map((o) => o.name)).toEqual([...names].sort(new Intl.Collator('vi').compare));
    expect(sorted.map((o) => o.name)).toContain('Đắk Lắk');
    const found = await repo.createQueryBuilder('o').where('o.search_text LIKE :q', { q: `%${foldForSearch('lang son')}%` }).getMany();
    expect(found.map((o) => o.name)).toEqual(['Lạng Sơn']);
  });

  it('serializes concurrent writers with advisory locks and row versions', async () => {
    const repo = ds.getRepository(OrganizationEntity);
    const org = await repo.save(repo.create({ kind: 'ministry', name: 'Bộ Ngoại giao', shortName: 'BNG', code: 'BNG', provinceType: null, formedFrom: [], searchText: 'bo ngoai giao', sortKey: vietnameseSortKey('Bộ Ngoại giao') }));
    await Promise.all(
      Array.from({ length: 5 }, () =>
        ds.transaction(async (m) => {
          await m.query('SELECT pg_advisory_xact_lock(42)');
          const current = await m.getRepository(OrganizationEntity).findOneByOrFail({ id: org.id });
          await m.getRepository(OrganizationEntity).save({ ...current, shortName: `${current.shortName}+` });
        }),
      ),
    );
    const final = await repo.findOneByOrFail({ id: org.id });
    expect(final.shortName).toBe('BNG+++++');
    expect(final.version).toBe(6);
  });
});
