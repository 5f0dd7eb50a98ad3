import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Voting (issue 18). Secret ballots are secret in the database: who voted
 * (poll_voters) and what was chosen (poll_secret_choices) share no key, no
 * time and no order. A choice row has a random id, no attendee, no timestamp;
 * its ballot_key is an HMAC keyed by the delegate's link token, which is never
 * stored (voting_tokens keeps only its SHA-256), so only the holder of the
 * link can find their choice to change it. At close the choices are rewritten
 * in random order in the closing transaction (new ids, no key), so neither
 * the rows' transaction ids nor their physical order link them to the voters
 * afterwards. Named ballots are append-only with their time: the newest row
 * of an attendee is the vote.
 */
export class Voting1764900000000 implements MigrationInterface {
  name = 'Voting1764900000000';

  async up(q: QueryRunner): Promise<void> {
    // Delegates vote for their delegation; guests, observers and technical staff never do.
    await q.query(`ALTER TABLE attendees ADD COLUMN voting_member boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE attendees SET voting_member = true WHERE role = 'delegate'`);
    await q.query(`
      CREATE TABLE polls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        agenda_item_id uuid,
        question text NOT NULL,
        choice_kind text NOT NULL CHECK (choice_kind IN ('standard', 'custom', 'election')),
        options jsonb NOT NULL,
        max_choices integer NOT NULL,
        secret boolean NOT NULL,
        mode text NOT NULL CHECK (mode IN ('delegate', 'site', 'mixed')),
        site_endpoint_ids uuid[] NOT NULL DEFAULT '{}',
        rule jsonb NOT NULL,
        quorum jsonb,
        status text NOT NULL CHECK (status IN ('draft', 'open', 'closed', 'published', 'cancelled')),
        countdown_seconds integer,
        opened_at timestamptz,
        closes_at timestamptz,
        closed_at timestamptz,
        published_at timestamptz,
        cancelled_reason text,
        members integer,
        present integer,
        result jsonb,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX polls_meeting ON polls (meeting_id, created_at)`);
    // Each site's voting members and those checked in, fixed when the poll opens: the quorum and the cap on a site's counts.
    await q.query(`
      CREATE TABLE poll_sites (
        poll_id uuid NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
        endpoint_id uuid NOT NULL,
        members integer NOT NULL,
        present integer NOT NULL,
        counts_hands boolean NOT NULL,
        PRIMARY KEY (poll_id, endpoint_id)
      )`);
    await q.query(`
      CREATE TABLE poll_site_counts (
        poll_id uuid NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
        endpoint_id uuid NOT NULL,
        counts jsonb NOT NULL,
        entered_by uuid,
        entered_at timestamptz NOT NULL,
        PRIMARY KEY (poll_id, endpoint_id)
      )`);
    await q.query(`
      CREATE TABLE poll_named_ballots (
        id bigserial PRIMARY KEY,
        poll_id uuid NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
        attendee_id uuid NOT NULL,
        endpoint_id uuid NOT NULL,
        option_ids jsonb NOT NULL,
        via text NOT NULL CHECK (via IN ('link', 'console')),
        recorded_by uuid,
        cast_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX poll_named_ballots_latest ON poll_named_ballots (poll_id, attendee_id, id DESC)`);
    // Has voted: no time, no order, nothing of the choice.
    await q.query(`
      CREATE TABLE poll_voters (
        poll_id uuid NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
        attendee_id uuid NOT NULL,
        endpoint_id uuid NOT NULL,
        PRIMARY KEY (poll_id, attendee_id)
      )`);
    await q.query(`
      CREATE TABLE poll_secret_choices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        poll_id uuid NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
        ballot_key bytea,
        option_ids jsonb NOT NULL,
        UNIQUE (poll_id, ballot_key)
      )`);
    await q.query(`
      CREATE TABLE voting_tokens (
        token_hash bytea PRIMARY KEY,
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        attendee_id uuid NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,
        issued_by uuid,
        issued_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX voting_tokens_live ON voting_tokens (attendee_id) WHERE revoked_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE voting_tokens`);
    await q.query(`DROP TABLE poll_secret_choices`);
    await q.query(`DROP TABLE poll_voters`);
    await q.query(`DROP TABLE poll_named_ballots`);
    await q.query(`DROP TABLE poll_site_counts`);
    await q.query(`DROP TABLE poll_sites`);
    await q.query(`DROP TABLE polls`);
    await q.query(`ALTER TABLE attendees DROP COLUMN voting_member`);
  }
}
