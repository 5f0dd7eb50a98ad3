import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Corrections of published minutes (issue 16). Editing published minutes used
 * to turn them silently back into a draft; now a secretary starts a correction
 * on purpose, with a reason, and who and when are kept. A correction is open
 * from its start until the revision it becomes is published
 * (published_revision); at most one is open per meeting.
 */
export class MinutesCorrections1765500000000 implements MigrationInterface {
  name = 'MinutesCorrections1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE minutes_corrections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        revision integer NOT NULL,
        reason text NOT NULL,
        started_by uuid REFERENCES accounts(id) ON DELETE SET NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        published_revision integer
      )`);
    await q.query(`CREATE UNIQUE INDEX minutes_corrections_open ON minutes_corrections (meeting_id) WHERE published_revision IS NULL`);
    await q.query(`CREATE UNIQUE INDEX minutes_corrections_published ON minutes_corrections (meeting_id, published_revision) WHERE published_revision IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE minutes_corrections`);
  }
}
