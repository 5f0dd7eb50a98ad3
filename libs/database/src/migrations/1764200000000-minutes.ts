import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Minutes entries with their history, frozen published revisions, and the tasks assigned to organizations. */
export class Minutes1764200000000 implements MigrationInterface {
  name = 'Minutes1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meetings
      ADD COLUMN minutes_status text NOT NULL DEFAULT 'draft' CHECK (minutes_status IN ('draft','in_review','approved','published')),
      ADD COLUMN minutes_revision integer NOT NULL DEFAULT 0,
      ADD COLUMN minutes_counter integer NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE TABLE minutes_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        position double precision NOT NULL,
        kind text NOT NULL CHECK (kind IN ('heading','note','speech','conclusion','task')),
        agenda_item_id uuid REFERENCES agenda_items(id) ON DELETE SET NULL,
        text text NOT NULL DEFAULT '',
        speech jsonb,
        turn_id uuid REFERENCES speaker_turns(id) ON DELETE SET NULL,
        lead_organization_id uuid REFERENCES organizations(id) ON DELETE RESTRICT,
        co_organization_ids jsonb NOT NULL DEFAULT '[]'::jsonb,
        deadline date,
        version integer NOT NULL DEFAULT 1,
        updated_by uuid REFERENCES accounts(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX minutes_entries_meeting_idx ON minutes_entries (meeting_id, position)`);
    await q.query(`CREATE UNIQUE INDEX minutes_entries_turn_key ON minutes_entries (turn_id) WHERE turn_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE minutes_entry_history (
        id bigserial PRIMARY KEY,
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        entry_id uuid NOT NULL,
        version integer NOT NULL,
        action text NOT NULL CHECK (action IN ('created','updated','removed')),
        actor_id uuid REFERENCES accounts(id) ON DELETE SET NULL,
        at timestamptz NOT NULL DEFAULT now(),
        content jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX minutes_entry_history_entry_idx ON minutes_entry_history (entry_id, id)`);
    await q.query(`
      CREATE TABLE minutes_revisions (
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        number integer NOT NULL,
        content jsonb NOT NULL,
        content_hash text NOT NULL,
        published_by uuid REFERENCES accounts(id) ON DELETE SET NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (meeting_id, number)
      )`);
    await q.query(`
      CREATE TABLE assigned_tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        entry_id uuid NOT NULL UNIQUE,
        revision integer NOT NULL,
        description text NOT NULL,
        lead_organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE RESTRICT,
        co_organization_ids jsonb NOT NULL DEFAULT '[]'::jsonb,
        deadline date,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','in_progress','done','withdrawn')),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX assigned_tasks_lead_idx ON assigned_tasks (lead_organization_id, status, deadline)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['assigned_tasks', 'minutes_revisions', 'minutes_entry_history', 'minutes_entries']) await q.query(`DROP TABLE ${t}`);
    await q.query(`ALTER TABLE meetings DROP COLUMN minutes_status, DROP COLUMN minutes_revision, DROP COLUMN minutes_counter`);
  }
}
