import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Meetings with their secretaries, agenda, invited endpoints and the per-meeting event history. */
export class Meetings1763900000000 implements MigrationInterface {
  name = 'Meetings1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meetings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('plenary','conference','seminar','working')),
        title text NOT NULL,
        description text,
        host_organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE RESTRICT,
        chair_id uuid REFERENCES accounts(id) ON DELETE RESTRICT,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','scheduled','live','ended','minutes_published','cancelled')),
        visibility text NOT NULL DEFAULT 'restricted' CHECK (visibility IN ('public','restricted')),
        scheduled_start timestamptz NOT NULL,
        scheduled_end timestamptz NOT NULL,
        actual_start timestamptz,
        actual_end timestamptz,
        postponed_reason text,
        cancelled_reason text,
        ical_sequence integer NOT NULL DEFAULT 0,
        seq bigint NOT NULL DEFAULT 0,
        agenda_version integer NOT NULL DEFAULT 0,
        version integer NOT NULL DEFAULT 1,
        search_text text NOT NULL,
        created_by uuid REFERENCES accounts(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT meetings_end_after_start CHECK (scheduled_end > scheduled_start)
      )`);
    await q.query(`CREATE INDEX meetings_start_idx ON meetings (scheduled_start)`);
    await q.query(`CREATE INDEX meetings_host_idx ON meetings (host_organization_id, scheduled_start)`);
    await q.query(`CREATE INDEX meetings_chair_idx ON meetings (chair_id, scheduled_start)`);

    await q.query(`
      CREATE TABLE meeting_secretaries (
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE RESTRICT,
        PRIMARY KEY (meeting_id, account_id)
      )`);
    await q.query(`CREATE INDEX meeting_secretaries_account_idx ON meeting_secretaries (account_id)`);

    await q.query(`
      CREATE TABLE agenda_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        position integer NOT NULL,
        title text NOT NULL,
        fixed_start timestamptz,
        UNIQUE (meeting_id, position) DEFERRABLE INITIALLY DEFERRED
      )`);
    await q.query(`
      CREATE TABLE agenda_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        session_id uuid NOT NULL REFERENCES agenda_sessions(id) ON DELETE CASCADE,
        position integer NOT NULL,
        title text NOT NULL,
        duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 1 AND 600),
        presenter text,
        responsible_organization_id uuid REFERENCES organizations(id) ON DELETE RESTRICT,
        UNIQUE (session_id, position) DEFERRABLE INITIALLY DEFERRED
      )`);
    await q.query(`CREATE INDEX agenda_items_meeting_idx ON agenda_items (meeting_id)`);

    await q.query(`
      CREATE TABLE meeting_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE RESTRICT,
        is_host boolean NOT NULL DEFAULT false,
        location_name text NOT NULL,
        contact_name text,
        contact_phone text,
        join_code text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT meeting_endpoints_org_key UNIQUE (meeting_id, organization_id)
      )`);
    await q.query(`CREATE UNIQUE INDEX meeting_endpoints_join_code_key ON meeting_endpoints (join_code)`);
    await q.query(`CREATE UNIQUE INDEX meeting_endpoints_one_host ON meeting_endpoints (meeting_id) WHERE is_host`);
    await q.query(`CREATE INDEX meeting_endpoints_org_idx ON meeting_endpoints (organization_id)`);
    await q.query(`
      CREATE TABLE meeting_endpoint_operators (
        endpoint_id uuid NOT NULL REFERENCES meeting_endpoints(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE RESTRICT,
        PRIMARY KEY (endpoint_id, account_id)
      )`);
    await q.query(`CREATE INDEX meeting_endpoint_operators_account_idx ON meeting_endpoint_operators (account_id)`);

    await q.query(`
      CREATE TABLE meeting_events (
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        seq bigint NOT NULL,
        type text NOT NULL,
        payload jsonb NOT NULL,
        actor_id uuid REFERENCES accounts(id) ON DELETE SET NULL,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (meeting_id, seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['meeting_events', 'meeting_endpoint_operators', 'meeting_endpoints', 'agenda_items', 'agenda_sessions', 'meeting_secretaries', 'meetings']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
