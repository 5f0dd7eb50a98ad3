import type { DataSource } from 'typeorm';
import { isTaskOpen, OVERDUE_OFFSET, taskReminderJobId, type JobPayloads, type JobResults, type TaskStatus } from '@app/contracts';
import { deliverNotificationEmails, writeNotifications, type Mailer } from './notifications';

const vnDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const shorten = (s: string, n = 120) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * Sends one task reminder, once: in one transaction on the locked task, it checks the reminder is still
 * wanted (the task still being worked on, its deadline still the version the reminder was planned for) and
 * records it under its job id; a second run of the same job (a worker killed after the commit, a relay
 * retried) finds the row and sends nothing. Recipients: the accounts of the lead agency; when overdue, the
 * meeting's secretaries too (the assigning secretariat).
 */
export async function runTaskReminder(db: DataSource, p: JobPayloads['task.remind'], mailer: Mailer | null = null): Promise<JobResults['task.remind']> {
  let batch: string | null = null;
  const result = await db.transaction(async (m) => {
    const [task]: { status: TaskStatus; deadline_version: number; lead_organization_id: string; meeting_id: string; description: string; deadline: string }[] = await m.query(
      `SELECT status, deadline_version, lead_organization_id, meeting_id, description, deadline::text AS deadline FROM assigned_tasks WHERE id = $1 FOR UPDATE`,
      [p.taskId],
    );
    if (!task) return { sent: false, reason: 'task_gone' as const };
    if (task.deadline_version !== p.deadlineVersion) return { sent: false, reason: 'stale_deadline' as const };
    if (!isTaskOpen(task.status)) return { sent: false, reason: 'task_closed' as const };
    const escalated = p.offset === OVERDUE_OFFSET;
    const recipients: { id: string }[] = await m.query(
      `SELECT id FROM accounts WHERE organization_id = $1 AND NOT disabled
       UNION SELECT account_id FROM meeting_secretaries WHERE meeting_id = $2 AND $3::boolean ORDER BY 1`,
      [task.lead_organization_id, task.meeting_id, escalated],
    );
    const inserted: unknown[] = await m.query(
      `INSERT INTO task_reminders (job_id, task_id, deadline_version, "offset", escalated, recipient_ids) VALUES ($1, $2, $3, $4, $5, $6::jsonb)
       ON CONFLICT (job_id) DO NOTHING RETURNING job_id`,
      [taskReminderJobId(p.taskId, p.deadlineVersion, p.offset), p.taskId, p.deadlineVersion, p.offset, escalated, JSON.stringify(recipients.map((r) => r.id))],
    );
    if (!inserted.length) return { sent: false, reason: 'already_sent' as const };
    // the notifications, in this transaction: they exist exactly when the reminder counts as sent
    batch = await writeNotifications(
      m,
      recipients.map((r) => r.id),
      escalated
        ? { kind: 'task_overdue', title: `Quá hạn nhiệm vụ: ${shorten(task.description)}`, body: `Nhiệm vụ “${task.description}” đã quá thời hạn ${vnDate(task.deadline)} mà chưa báo cáo hoàn thành.`, link: `/tasks/${p.taskId}` }
        : { kind: 'task_reminder', title: `Nhắc việc: hạn ${vnDate(task.deadline)} — ${shorten(task.description)}`, body: `Nhiệm vụ “${task.description}” đến hạn ngày ${vnDate(task.deadline)}.`, link: `/tasks/${p.taskId}` },
    );
    return { sent: true, recipients: recipients.length };
  });
  // emails after the commit (a crash between the two leaves them unsent rather than sent for a reminder that never counted)
  if (batch) await deliverNotificationEmails(db, mailer, batch);
  return result;
}
