import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notification centre (issue 20): one row per account and notification, read or not, emailed or not,
 * grouped by the batch written together; each account's email address and the kinds it wants by email.
 * On PostgreSQL an insert tells every api process on commit (NOTIFY), which pushes it to the account's room:
 * nothing is pushed that was not committed, whichever process (api or worker) wrote it.
 */
export class Notifications1766100000002 implements MigrationInterface {
  name = 'Notifications1766100000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL DEFAULT '',
        link text,
        batch uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        emailed_at timestamptz
      )`);
    await q.query(`CREATE INDEX notifications_account_idx ON notifications (account_id, created_at DESC, id)`);
    await q.query(`CREATE INDEX notifications_unread_idx ON notifications (account_id) WHERE read_at IS NULL`);
    await q.query(`CREATE INDEX notifications_batch_idx ON notifications (batch)`);
    await q.query(`
      CREATE TABLE notification_preferences (
        account_id uuid PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        email text,
        email_kinds jsonb NOT NULL DEFAULT '[]'::jsonb
      )`);
    await q.query(`
      CREATE FUNCTION notifications_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('notifications', NEW.id::text);
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER notifications_notify AFTER INSERT ON notifications FOR EACH ROW EXECUTE FUNCTION notifications_notify()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_preferences`);
    await q.query(`DROP TABLE notifications`);
    await q.query(`DROP FUNCTION notifications_notify()`);
  }
}
