import type { DataSource } from 'typeorm';
import type { JobHandlerMap } from '@app/queue';

/**
 * What each job does. The worker runs these on BullMQ; on the embedded
 * default (no Redis) the api runs them in-process. Handlers stay thin.
 */
export function buildJobHandlers(deps: { db: DataSource }): JobHandlerMap {
  return {
    'sessions.purge-expired': async ({ retentionDays }) => {
      const rows: unknown[] = await deps.db.query(
        `DELETE FROM sessions
         WHERE expires_at < now() - make_interval(days => $1)
            OR revoked_at < now() - make_interval(days => $1)
         RETURNING id`,
        [retentionDays],
      );
      return { deleted: rows.length };
    },
  };
}

export const SESSION_PURGE_SCHEDULE = { id: 'sessions.purge-expired', everyMs: 6 * 3600_000, retentionDays: 30 };
