import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Post-meeting reports: one per meeting and minutes revision, written whole when done. */
export class Reports1764300000000 implements MigrationInterface {
  name = 'Reports1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meeting_reports (
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        revision integer NOT NULL CHECK (revision >= 0),
        status text NOT NULL CHECK (status IN ('queued','running','retrying','done','failed')),
        progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        phase text,
        attempts integer NOT NULL DEFAULT 0,
        error text,
        summary jsonb,
        docx bytea,
        pdf bytea,
        format_notes jsonb NOT NULL DEFAULT '{}'::jsonb,
        queued_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        completed_at timestamptz,
        PRIMARY KEY (meeting_id, revision),
        CHECK (status <> 'done' OR (summary IS NOT NULL AND docx IS NOT NULL AND completed_at IS NOT NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_reports`);
  }
}
