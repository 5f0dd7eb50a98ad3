import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The conclusion notice (issue 20): one row per meeting and published minutes revision, like meeting_reports.
 * `version` counts the wording: 1 is what the job composed, each edit by the secretariat (kept in `wording`)
 * makes the next, and a job renders only the version it was asked for, so a slow run of an older wording never
 * overwrites a newer one. Issued (issued_at) it is frozen.
 */
export class ConclusionNotices1766150000000 implements MigrationInterface {
  name = 'ConclusionNotices1766150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE conclusion_notices (
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        revision int NOT NULL CHECK (revision >= 1),
        version int NOT NULL DEFAULT 1,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'retrying', 'done', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        error text,
        content jsonb,
        wording jsonb,
        docx bytea,
        pdf bytea,
        format_notes jsonb NOT NULL DEFAULT '{}',
        queued_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        edited_at timestamptz,
        edited_by uuid REFERENCES accounts(id),
        issued_at timestamptz,
        issued_by uuid REFERENCES accounts(id),
        notified_accounts int,
        PRIMARY KEY (meeting_id, revision)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE conclusion_notices`);
  }
}
