import type { MigrationInterface, QueryRunner } from 'typeorm';
import { foldForSearch, normalizeName, personSortKey, vietnameseSortKey } from '@app/vietnamese';

/** Ð/ð (U+00D0/U+00F0) and the bidi controls: what normalizeName changes in a name that is already NFC (every write was NFC). */
const SUSPECT = '[\u00D0\u00F0\u202A-\u202E\u2066-\u2069]';

type Row = Record<string, unknown> & { id: string };

interface NameTable {
  table: string;
  /** text columns holding names */
  names: string[];
  /** jsonb arrays of names */
  nameArrays?: string[];
  /** the sort key from the normalized row, as the owning service computes it */
  sortKey?: (row: Row) => string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);

// The same formulas as organizations.service (short name, else name) and accounts/roster
// (personSortKey); a later change there is a new migration, not an edit of this one.
const TABLES: NameTable[] = [
  { table: 'organizations', names: ['name', 'short_name'], nameArrays: ['formed_from'], sortKey: (r) => vietnameseSortKey(str(r.short_name) ?? str(r.name) ?? '') },
  { table: 'accounts', names: ['full_name', 'position'], sortKey: (r) => personSortKey(str(r.full_name) ?? '') },
  { table: 'attendees', names: ['full_name', 'position', 'unit'], sortKey: (r) => personSortKey(str(r.full_name) ?? '') },
  { table: 'meetings', names: ['title'] },
  { table: 'meeting_endpoints', names: ['location_name', 'contact_name'] },
  { table: 'agenda_sessions', names: ['title'] },
  { table: 'agenda_items', names: ['title', 'presenter'] },
];
const HAS_SEARCH_TEXT = new Set(['organizations', 'accounts', 'attendees', 'meetings']);

/**
 * Names stored before the schemas normalized them (nameText): NFC, Ð/ð as Đ/đ,
 * no bidi controls; their folded search text and sort key recomputed, so
 * "Ðặng Văn A" is found by "Đặng" and "dang" and sorts with the Đ names. Only
 * rows that need it are touched, and each one's original values are kept in
 * name_normalization_backup so `down` puts them back exactly.
 *
 * search_text is re-folded from itself: foldForSearch(old fold) equals the fold
 * of the normalized names (the old fold kept Ð as "ð" and the bidi controls,
 * which the new fold maps to "d" and drops), and that holds for meetings too,
 * whose search text also carries the host organization's names.
 */
export class NormalizeNames1764800000000 implements MigrationInterface {
  name = 'NormalizeNames1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE name_normalization_backup (
        table_name text NOT NULL,
        row_id uuid NOT NULL,
        original jsonb NOT NULL,
        PRIMARY KEY (table_name, row_id)
      )`);
    for (const t of TABLES) {
      const search = HAS_SEARCH_TEXT.has(t.table);
      const columns = [...t.names, ...(t.nameArrays ?? []), ...(search ? ['search_text'] : []), ...(t.sortKey ? ['sort_key'] : [])];
      const where = [...t.names.map((c) => `${c} ~ $1`), ...(t.nameArrays ?? []).map((c) => `${c}::text ~ $1`), ...(search ? ['search_text ~ $1'] : [])].join(' OR ');
      const rows: Row[] = await q.query(`SELECT id, ${[...columns, ...(t.table === 'organizations' ? ['parent_id'] : [])].join(', ')} FROM ${t.table} WHERE ${where}`, [SUSPECT]);
      for (const row of rows) {
        const next: Row = { ...row };
        for (const c of t.names) if (typeof row[c] === 'string') next[c] = normalizeName(row[c]).trim();
        for (const c of t.nameArrays ?? []) if (Array.isArray(row[c])) next[c] = (row[c] as unknown[]).map((v) => (typeof v === 'string' ? normalizeName(v).trim() : v));
        // an organization whose normalized name is a sibling's keeps its name (the unique index would refuse it); an admin merges the two
        if (t.table === 'organizations' && next.name !== row.name) {
          const [taken] = await q.query(`SELECT 1 FROM organizations WHERE id <> $1 AND parent_id IS NOT DISTINCT FROM $2 AND lower(name) = lower($3)`, [row.id, row.parent_id, next.name]);
          if (taken) next.name = row.name;
        }
        if (search) next.search_text = foldForSearch(str(row.search_text) ?? '');
        if (t.sortKey) next.sort_key = t.sortKey(next);
        const changed = columns.filter((c) => JSON.stringify(next[c]) !== JSON.stringify(row[c]));
        if (!changed.length) continue;
        await q.query(`INSERT INTO name_normalization_backup (table_name, row_id, original) VALUES ($1, $2, $3::jsonb)`, [t.table, row.id, JSON.stringify(Object.fromEntries(changed.map((c) => [c, row[c]])))]);
        await q.query(`UPDATE ${t.table} SET ${changed.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`, [row.id, ...changed.map((c) => (t.nameArrays?.includes(c) ? JSON.stringify(next[c]) : next[c]))]);
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const backups: { table_name: string; row_id: string; original: Record<string, unknown> }[] = await q.query(`SELECT table_name, row_id, original FROM name_normalization_backup`);
    for (const b of backups) {
      const t = TABLES.find((x) => x.table === b.table_name);
      if (!t) continue;
      const columns = Object.keys(b.original);
      await q.query(`UPDATE ${t.table} SET ${columns.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`, [b.row_id, ...columns.map((c) => (t.nameArrays?.includes(c) ? JSON.stringify(b.original[c]) : b.original[c]))]);
    }
    await q.query(`DROP TABLE name_normalization_backup`);
  }
}
