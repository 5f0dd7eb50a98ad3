import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Rosters, endpoint presence with its durable connection log, the technical check and roll calls. */
export class Attendance1764000000000 implements MigrationInterface {
  name = 'Attendance1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meeting_endpoints
      ADD COLUMN presence_state text NOT NULL DEFAULT 'not_joined' CHECK (presence_state IN ('not_joined','connected','reconnecting','offline')),
      ADD COLUMN presence_changed_at timestamptz,
      ADD COLUMN last_seen_at timestamptz,
      ADD COLUMN ready_at timestamptz,
      ADD COLUMN ready_by uuid REFERENCES accounts(id) ON DELETE SET NULL,
      ADD COLUMN media_tested boolean,
      ADD COLUMN ready_note text`);
    await q.query(`ALTER TABLE meetings ADD COLUMN tech_check_opened_at timestamptz, ADD COLUMN tech_check_open boolean NOT NULL DEFAULT false`);

    await q.query(`
      CREATE TABLE attendees (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        endpoint_id uuid NOT NULL REFERENCES meeting_endpoints(id) ON DELETE CASCADE,
        full_name text NOT NULL,
        position text,
        unit text,
        role text NOT NULL DEFAULT 'delegate' CHECK (role IN ('delegate','guest','observer','technical')),
        status text NOT NULL DEFAULT 'expected' CHECK (status IN ('expected','present','late','left','excused','absent')),
        checked_in_at timestamptz,
        checked_out_at timestamptz,
        arrived_late boolean NOT NULL DEFAULT false,
        walk_in boolean NOT NULL DEFAULT false,
        note text,
        search_text text NOT NULL,
        sort_key text COLLATE "C" NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES accounts(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX attendees_endpoint_idx ON attendees (endpoint_id, sort_key)`);
    await q.query(`CREATE INDEX attendees_meeting_idx ON attendees (meeting_id, status)`);

    await q.query(`
      CREATE TABLE endpoint_connections (
        socket_id text PRIMARY KEY,
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        endpoint_id uuid NOT NULL REFERENCES meeting_endpoints(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        instance_id text NOT NULL,
        device text NOT NULL,
        connected_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX endpoint_connections_endpoint_idx ON endpoint_connections (endpoint_id)`);
    await q.query(`CREATE INDEX endpoint_connections_seen_idx ON endpoint_connections (instance_id, last_seen_at)`);

    await q.query(`
      CREATE TABLE endpoint_connection_log (
        id bigserial PRIMARY KEY,
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        endpoint_id uuid NOT NULL REFERENCES meeting_endpoints(id) ON DELETE CASCADE,
        account_id uuid REFERENCES accounts(id) ON DELETE SET NULL,
        event text NOT NULL CHECK (event IN ('join','leave','reconnect','timeout')),
        device text,
        reason text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX endpoint_connection_log_endpoint_idx ON endpoint_connection_log (endpoint_id, at)`);

    await q.query(`
      CREATE TABLE roll_calls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        started_by uuid REFERENCES accounts(id) ON DELETE SET NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX roll_calls_one_open ON roll_calls (meeting_id) WHERE closed_at IS NULL`);
    await q.query(`
      CREATE TABLE roll_call_responses (
        roll_call_id uuid NOT NULL REFERENCES roll_calls(id) ON DELETE CASCADE,
        endpoint_id uuid NOT NULL REFERENCES meeting_endpoints(id) ON DELETE CASCADE,
        present_count integer NOT NULL CHECK (present_count >= 0),
        confirmed_by uuid REFERENCES accounts(id) ON DELETE SET NULL,
        confirmed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (roll_call_id, endpoint_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['roll_call_responses', 'roll_calls', 'endpoint_connection_log', 'endpoint_connections', 'attendees']) await q.query(`DROP TABLE ${t}`);
    await q.query(`ALTER TABLE meetings DROP COLUMN tech_check_opened_at, DROP COLUMN tech_check_open`);
    await q.query(`ALTER TABLE meeting_endpoints DROP COLUMN presence_state, DROP COLUMN presence_changed_at, DROP COLUMN last_seen_at,
      DROP COLUMN ready_at, DROP COLUMN ready_by, DROP COLUMN media_tested, DROP COLUMN ready_note`);
  }
}
