import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { JobName, JobPayloads } from '@app/contracts';

export interface OutboxOptions {
  /** the queue's job id (deterministic, e.g. summaryJobId()): the same pending side effect is written once, and relayed as one job */
  jobId?: string;
  /** not relayed before this long after the commit (reminders) */
  delayMs?: number;
  /** not relayed before this instant (a reminder's own time, exact to the millisecond; wins over delayMs) */
  availableAt?: Date;
}

export interface OutboxRow {
  id: string;
  job: JobName;
  payload: unknown;
  jobId: string;
  attempts: number;
}

/**
 * Writes a job into the outbox, inside the caller's transaction, so the job
 * exists exactly when the change that decided it commits. False when the same
 * job id is already pending (nothing is written twice).
 */
export async function writeOutbox<N extends JobName>(m: EntityManager, job: N, payload: JobPayloads[N], options: OutboxOptions = {}): Promise<boolean> {
  const rows: unknown[] = await m.query(
    `INSERT INTO outbox (job, payload, job_id, available_at) VALUES ($1, $2::jsonb, $3, COALESCE($5::timestamptz, now() + make_interval(secs => $4::double precision)))
     ON CONFLICT (job_id) WHERE done_at IS NULL DO NOTHING RETURNING id`,
    [job, JSON.stringify(payload), options.jobId ?? randomUUID(), (options.delayMs ?? 0) / 1000, options.availableAt?.toISOString() ?? null],
  );
  return rows.length > 0;
}

/** Due rows nobody else is relaying (FOR UPDATE SKIP LOCKED: several api processes share the table); locked until `m`'s transaction ends. */
export async function claimOutbox(m: EntityManager, limit: number): Promise<OutboxRow[]> {
  const rows: { id: string; job: JobName; payload: unknown; job_id: string; attempts: number }[] = await m.query(
    `SELECT id, job, payload, job_id, attempts FROM outbox
      WHERE done_at IS NULL AND available_at <= now()
      ORDER BY available_at, id
      LIMIT $1
      FOR UPDATE SKIP LOCKED`,
    [limit],
  );
  return rows.map((r) => ({ id: String(r.id), job: r.job, payload: r.payload, jobId: r.job_id, attempts: r.attempts }));
}

export async function markOutboxDone(m: EntityManager, ids: string[]): Promise<void> {
  if (ids.length) await m.query(`UPDATE outbox SET done_at = now(), last_error = NULL WHERE id = ANY($1::bigint[])`, [ids]);
}

/** A failed relay: counted, its error kept, and the row put back for after `retryInMs`. */
export async function markOutboxFailed(m: EntityManager, id: string, error: string, retryInMs: number): Promise<void> {
  await m.query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2, available_at = now() + make_interval(secs => $3::double precision) WHERE id = $1`, [
    id,
    error.slice(0, 2000),
    retryInMs / 1000,
  ]);
}

/** Deletes rows relayed more than `retentionDays` ago; how many. */
export async function purgeOutbox(m: EntityManager, retentionDays: number): Promise<number> {
  const result: unknown = await m.query(`DELETE FROM outbox WHERE done_at < now() - make_interval(days => $1::int) RETURNING id`, [retentionDays]);
  // TypeORM answers DELETE ... RETURNING with [rows, count] on PostgreSQL
  const rows = Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) ? (result[0] as unknown[]) : (result as unknown[]);
  return rows.length;
}
