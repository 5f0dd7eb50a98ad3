import type { MigrationInterface, QueryRunner } from 'typeorm';
import { foldForSearch, searchDocument } from '@app/vietnamese';

type OrgRow = { id: string; name: string; short_name: string | null; code: string | null; formed_from: string[] };
type AccountRow = { id: string; full_name: string; username: string };

/**
 * Accounts an administrator manages: `must_change_password` (set by a password reset, cleared when the
 * account changes it) and `last_sign_in_at` (the accounts list sorts by it; filled from the sessions).
 *
 * Search text of organizations and accounts recomputed with searchDocument: abbreviations written out
 * ("UBND" also as "uy ban nhan dan") and, for a province, the pre-2025 units it was formed from, so
 * "Hòa Bình" finds Phú Thọ. The same formulas as organizations.service and accounts.service; a later
 * change there is a new migration. `down` restores the plain folds of before.
 */
export class AccountAdmin1765600000000 implements MigrationInterface {
  name = 'AccountAdmin1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts ADD COLUMN must_change_password boolean NOT NULL DEFAULT false, ADD COLUMN last_sign_in_at timestamptz`);
    await q.query(`UPDATE accounts a SET last_sign_in_at = s.last FROM (SELECT account_id, max(created_at) AS last FROM sessions GROUP BY account_id) s WHERE s.account_id = a.id`);
    await q.query(`CREATE INDEX accounts_last_sign_in_idx ON accounts (last_sign_in_at DESC NULLS LAST)`);
    const orgs: OrgRow[] = await q.query(`SELECT id, name, short_name, code, formed_from FROM organizations`);
    for (const o of orgs) {
      await q.query(`UPDATE organizations SET search_text = $2 WHERE id = $1`, [o.id, searchDocument(o.short_name, o.name, o.code, ...(o.formed_from ?? []))]);
    }
    const accounts: AccountRow[] = await q.query(`SELECT id, full_name, username FROM accounts`);
    for (const a of accounts) await q.query(`UPDATE accounts SET search_text = $2 WHERE id = $1`, [a.id, searchDocument(a.full_name, a.username)]);
  }

  async down(q: QueryRunner): Promise<void> {
    const orgs: OrgRow[] = await q.query(`SELECT id, name, short_name, code, formed_from FROM organizations`);
    for (const o of orgs) {
      await q.query(`UPDATE organizations SET search_text = $2 WHERE id = $1`, [o.id, foldForSearch([o.short_name, o.name, o.code].filter(Boolean).join(' '))]);
    }
    const accounts: AccountRow[] = await q.query(`SELECT id, full_name, username FROM accounts`);
    for (const a of accounts) await q.query(`UPDATE accounts SET search_text = $2 WHERE id = $1`, [a.id, foldForSearch(`${a.full_name} ${a.username}`)]);
    await q.query(`DROP INDEX accounts_last_sign_in_idx`);
    await q.query(`ALTER TABLE accounts DROP COLUMN must_change_password, DROP COLUMN last_sign_in_at`);
  }
}
