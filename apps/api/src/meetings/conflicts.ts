import type { EntityManager } from 'typeorm';
import type { SchedulingConflict } from '@app/contracts';
import { BOOKING_STATUSES } from './meeting-lifecycle';

export interface BookingRequest {
  meetingId: string | null;
  start: Date;
  end: Date;
  chairId: string | null;
  secretaryIds: string[];
  organizationIds: string[];
}

/**
 * Other meetings booked at an overlapping time that share this meeting's
 * chair, a secretary (as chair or secretary there), or an endpoint.
 */
export async function findConflicts(m: EntityManager, req: BookingRequest): Promise<SchedulingConflict[]> {
  const people = [...new Set([req.chairId, ...req.secretaryIds].filter((x): x is string => !!x))];
  const params = [req.meetingId ?? '00000000-0000-0000-0000-000000000000', req.start.toISOString(), req.end.toISOString(), BOOKING_STATUSES];
  const rows: {
    meeting_id: string;
    title: string;
    scheduled_start: Date;
    scheduled_end: Date;
    subject_id: string;
    subject_name: string;
    subject_kind: 'person' | 'endpoint';
    subject_short_name: string | null;
  }[] = await m.query(
    `WITH other AS (
       SELECT id, title, scheduled_start, scheduled_end, chair_id FROM meetings
       WHERE id <> $1 AND status = ANY($4) AND scheduled_start < $3 AND scheduled_end > $2
     ), busy AS (
       SELECT id AS meeting_id, chair_id AS account_id FROM other WHERE chair_id IS NOT NULL
       UNION SELECT s.meeting_id, s.account_id FROM meeting_secretaries s JOIN other o ON o.id = s.meeting_id
     )
     SELECT o.id AS meeting_id, o.title, o.scheduled_start, o.scheduled_end, a.id AS subject_id, a.full_name AS subject_name, 'person' AS subject_kind, NULL::text AS subject_short_name
       FROM busy b JOIN other o ON o.id = b.meeting_id JOIN accounts a ON a.id = b.account_id
      WHERE b.account_id = ANY($5)
     UNION ALL
     SELECT o.id, o.title, o.scheduled_start, o.scheduled_end, g.id, g.name, 'endpoint', g.short_name
       FROM meeting_endpoints e JOIN other o ON o.id = e.meeting_id JOIN organizations g ON g.id = e.organization_id
      WHERE e.organization_id = ANY($6)
     ORDER BY 3, 1`,
    [...params, people, req.organizationIds],
  );
  return rows.map((r) => ({
    kind: r.subject_kind === 'endpoint' ? 'endpoint' : r.subject_id === req.chairId ? 'chair' : 'secretary',
    subjectId: r.subject_id,
    subjectName: r.subject_name,
    subjectShortName: r.subject_short_name,
    meetingId: r.meeting_id,
    meetingTitle: r.title,
    scheduledStart: new Date(r.scheduled_start).toISOString(),
    scheduledEnd: new Date(r.scheduled_end).toISOString(),
  }));
}
