import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Speech requests, speaker turns with server times, and per-endpoint speaking-time additions. */
export class Speakers1764100000000 implements MigrationInterface {
  name = 'Speakers1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meetings ADD COLUMN speaker_settings jsonb NOT NULL DEFAULT '{}'::jsonb, ADD COLUMN request_counter integer NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE TABLE speech_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        endpoint_id uuid NOT NULL REFERENCES meeting_endpoints(id) ON DELETE CASCADE,
        attendee_id uuid NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,
        agenda_item_id uuid REFERENCES agenda_items(id) ON DELETE SET NULL,
        kind text NOT NULL CHECK (kind IN ('prepared','contribution','for','against','intervention','interposed_question','point_of_order')),
        category_rank integer,
        answers_request_id uuid REFERENCES speech_requests(id) ON DELETE SET NULL,
        topic text,
        abstract text,
        document_url text,
        requested_minutes integer NOT NULL CHECK (requested_minutes BETWEEN 1 AND 60),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','queued','speaking','done','rejected','withdrawn','skipped')),
        reject_reason text,
        position integer NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        requested_by uuid REFERENCES accounts(id) ON DELETE SET NULL,
        approved_at timestamptz,
        approved_by uuid REFERENCES accounts(id) ON DELETE SET NULL,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT speech_requests_position_key UNIQUE (meeting_id, position) DEFERRABLE INITIALLY DEFERRED
      )`);
    await q.query(`CREATE INDEX speech_requests_meeting_idx ON speech_requests (meeting_id, status)`);
    await q.query(`CREATE UNIQUE INDEX speech_requests_one_speaking ON speech_requests (meeting_id) WHERE status = 'speaking'`);
    await q.query(`
      CREATE TABLE speaker_turns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        request_id uuid NOT NULL REFERENCES speech_requests(id) ON DELETE CASCADE,
        endpoint_id uuid NOT NULL REFERENCES meeting_endpoints(id) ON DELETE CASCADE,
        attendee_id uuid NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,
        agenda_item_id uuid REFERENCES agenda_items(id) ON DELETE SET NULL,
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        allotted_seconds integer NOT NULL,
        duration_seconds integer,
        started_by uuid REFERENCES accounts(id) ON DELETE SET NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX speaker_turns_one_current ON speaker_turns (meeting_id) WHERE ended_at IS NULL`);
    await q.query(`CREATE INDEX speaker_turns_meeting_idx ON speaker_turns (meeting_id, started_at)`);
    await q.query(`
      CREATE TABLE endpoint_time_additions (
        id bigserial PRIMARY KEY,
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        endpoint_id uuid NOT NULL REFERENCES meeting_endpoints(id) ON DELETE CASCADE,
        seconds integer NOT NULL,
        added_by uuid REFERENCES accounts(id) ON DELETE SET NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE endpoint_time_additions`);
    await q.query(`DROP TABLE speaker_turns`);
    await q.query(`DROP TABLE speech_requests`);
    await q.query(`ALTER TABLE meetings DROP COLUMN speaker_settings, DROP COLUMN request_counter`);
  }
}
