import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Task reminders (issue 20): one row per reminder sent, keyed by its job id (task, deadline version, offset),
 * written by the job in the same transaction that decides to send it, so a job run twice (a worker killed
 * half way, a relay retried) sends once. The partial index finds a task's pending reminder rows in the outbox
 * (job ids start with task-remind.<task id>.) when its deadline moves or it closes.
 */
export class TaskReminders1766100000001 implements MigrationInterface {
  name = 'TaskReminders1766100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE task_reminders (
        job_id text PRIMARY KEY,
        task_id uuid NOT NULL REFERENCES assigned_tasks(id) ON DELETE CASCADE,
        deadline_version integer NOT NULL,
        "offset" text NOT NULL,
        escalated boolean NOT NULL DEFAULT false,
        recipient_ids jsonb NOT NULL DEFAULT '[]'::jsonb,
        sent_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX task_reminders_task_idx ON task_reminders (task_id, sent_at)`);
    await q.query(`CREATE INDEX outbox_pending_job_id_prefix ON outbox (job_id text_pattern_ops) WHERE done_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_pending_job_id_prefix`);
    await q.query(`DROP TABLE task_reminders`);
  }
}
