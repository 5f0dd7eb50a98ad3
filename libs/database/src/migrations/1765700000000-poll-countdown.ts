import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Polls close by themselves when their countdown runs out (issue 18): every api
 * process looks once a second for open polls past closes_at; this index keeps
 * that look to the open polls with a countdown, however many polls are kept.
 */
export class PollCountdown1765700000000 implements MigrationInterface {
  name = 'PollCountdown1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX polls_open_closes_at ON polls (closes_at) WHERE status = 'open' AND closes_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX polls_open_closes_at`);
  }
}
