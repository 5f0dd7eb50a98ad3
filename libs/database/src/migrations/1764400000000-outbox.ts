import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox: a job decided by a commit is a row written in that
 * commit, relayed to the queue afterwards (apps/api/src/outbox). A crash between
 * commit and enqueue leaves the row pending, and the next relay sends it.
 */
export class Outbox1764400000000 implements MigrationInterface {
  name = 'Outbox1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        job text NOT NULL,
        payload jsonb NOT NULL,
        -- the queue's job id: the relay enqueues with it, so a row relayed twice is one job
        job_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- not relayed before this (delayed jobs; a failed relay backs off by moving it)
        available_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        done_at timestamptz
      )`);
    // The same side effect is written once while it is pending; once relayed, the queue's own dedupe takes over.
    await q.query(`CREATE UNIQUE INDEX outbox_pending_job_id ON outbox (job_id) WHERE done_at IS NULL`);
    await q.query(`CREATE INDEX outbox_pending ON outbox (available_at, id) WHERE done_at IS NULL`);
    await q.query(`CREATE INDEX outbox_done ON outbox (done_at) WHERE done_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox`);
  }
}
