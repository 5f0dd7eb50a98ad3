import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Task follow-up (issue 20): the lifecycle assigned -> in_progress -> reported_done -> accepted (extended,
 * withdrawn), the assigning body for the registers, a pending extension, the deadline's version (reminders of
 * an older deadline are stale), and every change kept with who and when in task_history.
 */
export class TaskFollowUp1766100000000 implements MigrationInterface {
  name = 'TaskFollowUp1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE assigned_tasks DROP CONSTRAINT IF EXISTS assigned_tasks_status_check`);
    await q.query(`ALTER TABLE assigned_tasks ALTER COLUMN status SET DEFAULT 'assigned'`);
    await q.query(`UPDATE assigned_tasks SET status = CASE status WHEN 'open' THEN 'assigned' WHEN 'done' THEN 'reported_done' ELSE status END`);
    await q.query(`ALTER TABLE assigned_tasks ADD CONSTRAINT assigned_tasks_status_check CHECK (status IN ('assigned','in_progress','reported_done','accepted','extended','withdrawn'))`);
    await q.query(`ALTER TABLE assigned_tasks
      ADD COLUMN assigning_organization_id uuid REFERENCES organizations(id) ON DELETE RESTRICT,
      ADD COLUMN extension_requested date,
      ADD COLUMN deadline_version integer NOT NULL DEFAULT 0,
      ADD COLUMN reported_at timestamptz`);
    await q.query(`UPDATE assigned_tasks t SET assigning_organization_id = m.host_organization_id FROM meetings m WHERE m.id = t.meeting_id`);
    await q.query(`ALTER TABLE assigned_tasks ALTER COLUMN assigning_organization_id SET NOT NULL`);
    // the registers' filters: by meeting, assigning body, co-operating agency, and the open tasks by deadline (overdue, due this week)
    await q.query(`CREATE INDEX assigned_tasks_meeting_idx ON assigned_tasks (meeting_id)`);
    await q.query(`CREATE INDEX assigned_tasks_assigning_idx ON assigned_tasks (assigning_organization_id, deadline)`);
    await q.query(`CREATE INDEX assigned_tasks_co_idx ON assigned_tasks USING gin (co_organization_ids)`);
    await q.query(`CREATE INDEX assigned_tasks_open_deadline_idx ON assigned_tasks (deadline) WHERE status IN ('assigned','in_progress','extended')`);
    await q.query(`
      CREATE TABLE task_history (
        id bigserial PRIMARY KEY,
        task_id uuid NOT NULL REFERENCES assigned_tasks(id) ON DELETE CASCADE,
        action text NOT NULL,
        actor_id uuid REFERENCES accounts(id) ON DELETE SET NULL,
        organization_id uuid REFERENCES organizations(id) ON DELETE SET NULL,
        text text,
        from_status text,
        to_status text NOT NULL,
        deadline_before date,
        deadline_after date,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX task_history_task_idx ON task_history (task_id, id)`);
    await q.query(`INSERT INTO task_history (task_id, action, to_status, deadline_after, at) SELECT id, 'assigned', status, deadline, updated_at FROM assigned_tasks`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE task_history`);
    for (const i of ['assigned_tasks_meeting_idx', 'assigned_tasks_assigning_idx', 'assigned_tasks_co_idx', 'assigned_tasks_open_deadline_idx']) await q.query(`DROP INDEX ${i}`);
    await q.query(`ALTER TABLE assigned_tasks DROP COLUMN assigning_organization_id, DROP COLUMN extension_requested, DROP COLUMN deadline_version, DROP COLUMN reported_at`);
    await q.query(`ALTER TABLE assigned_tasks DROP CONSTRAINT assigned_tasks_status_check`);
    await q.query(`UPDATE assigned_tasks SET status = CASE status WHEN 'assigned' THEN 'open' WHEN 'extended' THEN 'in_progress' WHEN 'reported_done' THEN 'done' WHEN 'accepted' THEN 'done' ELSE status END`);
    await q.query(`ALTER TABLE assigned_tasks ALTER COLUMN status SET DEFAULT 'open'`);
    await q.query(`ALTER TABLE assigned_tasks ADD CONSTRAINT assigned_tasks_status_check CHECK (status IN ('open','in_progress','done','withdrawn'))`);
  }
}
