import type { DataSource } from 'typeorm';
import type { JobHandlerMap } from './queue.types';
import { runTaskReminder } from './task-reminder.job';
import { deliverNotificationEmails, type Mailer } from './notifications';
import { runDocumentJob, runNoticeJob, runSummaryJob, type OfficeConverter } from '@app/reports';

/**
 * What each job does. The worker runs these on BullMQ; on the embedded
 * default (no Redis) the api runs them in-process. Handlers stay thin.
 */
export function buildJobHandlers(deps: { db: DataSource; office: OfficeConverter; reportPlace?: string; mailer?: Mailer | null }): JobHandlerMap {
  return {
    'summary.generate': (payload, ctx) => runSummaryJob({ db: deps.db, office: deps.office, place: deps.reportPlace }, payload, ctx),
    'document.convert': (payload) => runDocumentJob({ db: deps.db, office: deps.office }, payload),
    'sessions.purge-expired': async ({ retentionDays }) => {
      const result = await deps.db
        .createQueryBuilder()
        .delete()
        .from('sessions')
        .where('expires_at < now() - make_interval(days => :days) OR revoked_at < now() - make_interval(days => :days)', { days: retentionDays })
        .execute();
      return { deleted: result.affected ?? 0 };
    },
    'task.remind': (payload) => runTaskReminder(deps.db, payload, deps.mailer ?? null),
    'notification.deliver': ({ batch }) => deliverNotificationEmails(deps.db, deps.mailer ?? null, batch),
    'notice.generate': (payload, ctx) => runNoticeJob({ db: deps.db, office: deps.office, place: deps.reportPlace }, payload, ctx),
  };
}

export const SESSION_PURGE_SCHEDULE = { id: 'sessions.purge-expired', everyMs: 6 * 3600_000, retentionDays: 30 };
