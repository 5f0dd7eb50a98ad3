import { DataSource } from 'typeorm';
import { ALL_MIGRATIONS, createDataSource } from '@app/database';
import { foldForSearch, personSortKey, searchDocument, vietnameseSortKey } from '@app/vietnamese';
import { API_ENTITIES } from '../../apps/api/src/database/entities';
import { revertLastMigration, runMigrations } from '../../apps/api/src/bootstrap/migrate';
import { NormalizeNames1764800000000 } from '../../libs/database/src/migrations/1764800000000-normalize-names';
import { createTestDatabase, type TestDatabase } from '../support/database';

/** How search text was folded before Ð and bidi controls were handled: Ð stayed as "ð", the controls stayed. */
const oldFold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();

/** The search text every later migration leaves: the account-admin one recomputes it with searchDocument (former units and abbreviations written out). */
const dirtyOrgSearch = searchDocument(null, 'Tỉnh Đồng Nai', null, 'Đồng Nai', 'Bình Phước');

/**
 * The migration that normalizes names stored before the schemas did, on the
 * real PostgreSQL server and on PGlite: up fixes the names, their search text
 * and sort keys (and only the rows that need it); down restores every byte.
 */
describe.each(['postgres', 'pglite'] as const)('normalizing stored names on %s', (driver) => {
  let db: TestDatabase | undefined;
  let ds: DataSource;
  // this migration and any that came after it
  const ours = ALL_MIGRATIONS.length - ALL_MIGRATIONS.indexOf(NormalizeNames1764800000000);
  const revertOurs = async () => {
    for (let i = 0; i < ours; i++) await revertLastMigration(ds);
  };
  const org = (name: string) => ds.query(`SELECT name, short_name, formed_from, search_text, sort_key FROM organizations WHERE id = $1`, [ids[name]]).then((r) => r[0]);
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = driver === 'postgres' ? await createTestDatabase() : undefined;
    ds = createDataSource({ url: db?.url, entities: API_ENTITIES });
    await ds.initialize();
    await runMigrations(ds);
    await revertOurs();
    const insertOrg = async (key: string, name: string, shortName: string | null, formedFrom: string[]) => {
      const [row] = await ds.query(
        `INSERT INTO organizations (kind, name, short_name, formed_from, search_text, sort_key) VALUES ('province', $1, $2, $3::jsonb, $4, '~old') RETURNING id`,
        [name, shortName, JSON.stringify(formedFrom), oldFold([shortName, name].filter(Boolean).join(' '))],
      );
      ids[key] = row.id;
    };
    await insertOrg('dirty', 'Tỉnh \u00D0ồng Nai\u202E', null, ['\u00D0ồng Nai', 'Bình Phước']);
    await insertOrg('clean', 'Tỉnh Lạng Sơn', null, []);
    await insertOrg('twinClean', 'Thành phố Đà Nẵng', null, []);
    await insertOrg('twinDirty', 'Thành phố \u00D0à Nẵng', null, []);
    const [account] = await ds.query(
      `INSERT INTO accounts (username, password_hash, full_name, position, organization_id, search_text, sort_key) VALUES ('dang.a', 'x', $1, $2, $3, $4, '~old') RETURNING id`,
      ['\u00D0ặng Văn A', 'Chuyên viên\u2067', ids.clean, oldFold('\u00D0ặng Văn A dang.a')],
    );
    ids.account = account.id;
    await runMigrations(ds);
  });
  afterAll(async () => {
    await ds.destroy();
    await db?.drop();
  });

  it('normalizes names, re-folds their search text and recomputes their sort keys', async () => {
    expect(await org('dirty')).toEqual({
      name: 'Tỉnh Đồng Nai',
      short_name: null,
      formed_from: ['Đồng Nai', 'Bình Phước'],
      search_text: dirtyOrgSearch,
      sort_key: vietnameseSortKey('Tỉnh Đồng Nai'),
    });
    const [account] = await ds.query(`SELECT full_name, position, search_text, sort_key FROM accounts WHERE id = $1`, [ids.account]);
    expect(account).toEqual({ full_name: 'Đặng Văn A', position: 'Chuyên viên', search_text: searchDocument('Đặng Văn A', 'dang.a'), sort_key: personSortKey('Đặng Văn A') });
    const found = await ds.query(`SELECT full_name FROM accounts WHERE search_text LIKE $1 AND search_text LIKE $2`, [`%${foldForSearch('Đặng')}%`, `%${foldForSearch('dang')}%`]);
    expect(found).toEqual([{ full_name: 'Đặng Văn A' }]);
  });

  it('leaves clean rows untouched and keeps a name that would duplicate a sibling’s (its keys still fixed)', async () => {
    expect(await org('clean')).toMatchObject({ name: 'Tỉnh Lạng Sơn', sort_key: '~old' });
    expect(await org('twinClean')).toMatchObject({ name: 'Thành phố Đà Nẵng', sort_key: '~old' });
    expect(await org('twinDirty')).toMatchObject({ name: 'Thành phố \u00D0à Nẵng', search_text: searchDocument('Thành phố Đà Nẵng'), sort_key: vietnameseSortKey('Thành phố Đà Nẵng') });
    const [{ count }] = await ds.query(`SELECT count(*)::int AS count FROM name_normalization_backup`);
    expect(count).toBe(3);
  });

  it('goes down to the exact stored bytes, and up again to the same result', async () => {
    await revertOurs();
    expect(await org('dirty')).toEqual({
      name: 'Tỉnh \u00D0ồng Nai\u202E',
      short_name: null,
      formed_from: ['\u00D0ồng Nai', 'Bình Phước'],
      search_text: oldFold('Tỉnh \u00D0ồng Nai\u202E'),
      sort_key: '~old',
    });
    const [account] = await ds.query(`SELECT full_name, position, sort_key FROM accounts WHERE id = $1`, [ids.account]);
    expect(account).toEqual({ full_name: '\u00D0ặng Văn A', position: 'Chuyên viên\u2067', sort_key: '~old' });
    expect(await ds.query(`SELECT 1 FROM pg_tables WHERE tablename = 'name_normalization_backup'`)).toEqual([]);
    await runMigrations(ds);
    expect(await org('dirty')).toMatchObject({ name: 'Tỉnh Đồng Nai', search_text: dirtyOrgSearch });
  });
});
