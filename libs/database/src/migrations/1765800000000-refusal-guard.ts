import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A command's last statement writes its change, its events and its outbox rows together (issue 17,
 * two round trips under the meeting lock). When the change carries its own condition (an endpoint's
 * open requests below the maximum), the statement calls this when the condition found no row: the
 * statement fails, the transaction rolls back, and the api answers the refusal the command named.
 * VOLATILE, so the planner never evaluates it ahead of the condition.
 */
export class RefusalGuard1765800000000 implements MigrationInterface {
  name = 'RefusalGuard1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION htt_refuse(reason text) RETURNS integer LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        RAISE EXCEPTION 'htt_refused:%', reason USING ERRCODE = 'P0001';
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION htt_refuse(text)`);
  }
}
