import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hall displays (issue 16). A display asks for a pairing: a short code people read off the
 * screen, and a 256-bit secret only the display holds; the database keeps the secret's
 * SHA-256, never the secret. Pairing moves that hash to `displays.token_hash`, so the
 * secret the display already holds becomes its token: nothing secret is ever sent to it
 * twice, or stored. An unclaimed code is unique while unclaimed (expired rows are swept
 * when a new pairing is made).
 */
export class Displays1765300000000 implements MigrationInterface {
  name = 'Displays1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE display_pairings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        secret_hash bytea NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE displays (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        endpoint_id uuid REFERENCES meeting_endpoints(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('host', 'endpoint')),
        name text NOT NULL,
        token_hash bytea NOT NULL UNIQUE,
        paired_by uuid NOT NULL REFERENCES accounts(id),
        paired_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_by uuid REFERENCES accounts(id),
        CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
      )`);
    await q.query(`CREATE INDEX displays_meeting ON displays (meeting_id, paired_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE displays`);
    await q.query(`DROP TABLE display_pairings`);
  }
}
