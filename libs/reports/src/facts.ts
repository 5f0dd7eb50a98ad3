import type { DataSource, EntityManager } from 'typeorm';
import type { MajorityRule, MeetingKind, MeetingStatus, MinutesEntry, PollChoiceKind, PollMode, PollOption, PollResult, SpeechKind } from '@app/contracts';
import type { SummaryFacts } from './compose';

type Db = DataSource | EntityManager;

/** the meeting or revision is gone: retrying cannot help (queue drivers do not retry an error marked permanent) */
export class SummarySourceMissing extends Error {
  readonly permanent = true;
}

/**
 * Reads everything one summary needs, for one minutes revision: revision 0
 * is the working draft (as it stands when the job runs, right after the
 * meeting ended), 1.. the published revisions kept in minutes_revisions.
 */
export async function loadSummaryFacts(db: Db, meetingId: string, revision: number): Promise<SummaryFacts> {
  const [meeting] = await db.query(
    `SELECT m.id, m.title, m.kind, m.status, m.scheduled_start, m.scheduled_end, m.actual_start, m.actual_end,
            host.name AS host_name, host.code AS host_code, parent.name AS parent_name, chair.full_name AS chair_name, chair.position AS chair_position
       FROM meetings m
       JOIN organizations host ON host.id = m.host_organization_id
       -- the governing body above the host is named in the heading, but not the platform's root (every body hangs under it)
       LEFT JOIN organizations parent ON parent.id = host.parent_id AND parent.parent_id IS NOT NULL
       LEFT JOIN accounts chair ON chair.id = m.chair_id
      WHERE m.id = $1`,
    [meetingId],
  );
  if (!meeting) throw new SummarySourceMissing(`meeting ${meetingId} does not exist`);

  let entries: SummaryFacts['entries'];
  let minutes: SummaryFacts['minutes'];
  if (revision > 0) {
    const [rev] = await db.query(`SELECT content, content_hash, published_at FROM minutes_revisions WHERE meeting_id = $1 AND number = $2`, [meetingId, revision]);
    if (!rev) throw new SummarySourceMissing(`minutes revision ${revision} of meeting ${meetingId} does not exist`);
    entries = rev.content as MinutesEntry[];
    minutes = { revision, contentHash: rev.content_hash, publishedAt: new Date(rev.published_at) };
  } else {
    const rows = await db.query(
      `SELECT kind, agenda_item_id, text, lead_organization_id, co_organization_ids, deadline::text AS deadline
         FROM minutes_entries WHERE meeting_id = $1 ORDER BY position`,
      [meetingId],
    );
    entries = rows.map((r: Record<string, unknown>) => ({
      kind: r.kind,
      agendaItemId: r.agenda_item_id,
      text: r.text,
      leadOrganizationId: r.lead_organization_id,
      coOrganizationIds: r.co_organization_ids ?? [],
      deadline: r.deadline,
    }));
    minutes = { revision: 0, contentHash: null, publishedAt: null };
  }

  const [agenda, endpoints, attendees, turns, polls] = await Promise.all([
    db.query(
      `SELECT i.id, i.title FROM agenda_items i JOIN agenda_sessions s ON s.id = i.session_id
        WHERE i.meeting_id = $1 ORDER BY s.position, i.position`,
      [meetingId],
    ),
    db.query(
      `SELECT e.id, e.organization_id, o.name, e.location_name, e.is_host, e.parent_endpoint_id, e.attendance_mode,
              e.headcount_leaders + e.headcount_officials + e.headcount_members AS headcount,
              (SELECT min(l.at) FROM endpoint_connection_log l WHERE l.endpoint_id = e.id AND l.event IN ('join', 'reconnect')) AS first_connected_at
         FROM meeting_endpoints e JOIN organizations o ON o.id = e.organization_id
        WHERE e.meeting_id = $1`,
      [meetingId],
    ),
    db.query(`SELECT endpoint_id, status, arrived_late, checked_in_at FROM attendees WHERE meeting_id = $1`, [meetingId]),
    db.query(
      `SELECT t.endpoint_id, a.full_name, a.position, r.topic, r.kind, t.agenda_item_id, t.started_at, t.ended_at, t.allotted_seconds, t.duration_seconds,
              d.title AS document_title, v.file_name AS document_file_name
         FROM speaker_turns t
         JOIN attendees a ON a.id = t.attendee_id
         JOIN speech_requests r ON r.id = t.request_id
         LEFT JOIN meeting_documents d ON d.id = r.document_id
         LEFT JOIN document_versions v ON v.document_id = d.id AND v.version = d.current_version
        WHERE t.meeting_id = $1`,
      [meetingId],
    ),
    // closed, published and cancelled polls: a draft or a poll still open has no result to report
    db.query(
      `SELECT question, agenda_item_id, choice_kind, options, secret, mode, rule, status, opened_at, closed_at, cancelled_reason, result
         FROM polls WHERE meeting_id = $1 AND status IN ('closed', 'published', 'cancelled')
        ORDER BY opened_at NULLS LAST, created_at`,
      [meetingId],
    ),
  ]);

  const orgIds = new Set<string>();
  for (const e of entries) {
    if (e.kind !== 'task') continue;
    if (e.leadOrganizationId) orgIds.add(e.leadOrganizationId);
    e.coOrganizationIds.forEach((id) => orgIds.add(id));
  }
  const orgs: { id: string; name: string }[] = orgIds.size ? await db.query(`SELECT id, name FROM organizations WHERE id = ANY($1::uuid[])`, [[...orgIds]]) : [];

  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return {
    meeting: {
      id: meeting.id,
      title: meeting.title,
      kind: meeting.kind as MeetingKind,
      status: meeting.status as MeetingStatus,
      hostOrganizationName: meeting.host_name,
      // document-number abbreviations are short capitals (VPCP, BNG); province codes such as LANG_SON are not
      hostCode: /^[A-ZĐ]{2,10}$/.test(meeting.host_code ?? '') ? meeting.host_code : null,
      hostParentName: meeting.parent_name,
      chair: meeting.chair_name ? { fullName: meeting.chair_name, position: meeting.chair_position } : null,
      scheduledStart: new Date(meeting.scheduled_start),
      scheduledEnd: new Date(meeting.scheduled_end),
      actualStart: date(meeting.actual_start),
      actualEnd: date(meeting.actual_end),
    },
    agenda: agenda.map((a: { id: string; title: string }) => ({ id: a.id, title: a.title })),
    endpoints: endpoints.map((e: Record<string, unknown>) => ({
      id: e.id as string,
      organizationId: e.organization_id as string,
      organizationName: e.name as string,
      locationName: e.location_name as string,
      isHost: e.is_host as boolean,
      firstConnectedAt: date(e.first_connected_at),
      parentEndpointId: (e.parent_endpoint_id as string | null) ?? null,
      ...(e.attendance_mode === 'headcount' ? { headcount: e.headcount === null ? null : Number(e.headcount) } : {}),
    })),
    attendees: attendees.map((a: Record<string, unknown>) => ({
      endpointId: a.endpoint_id as string,
      status: a.status as string,
      arrivedLate: a.arrived_late as boolean,
      checkedInAt: date(a.checked_in_at),
    })),
    turns: turns.map((t: Record<string, unknown>) => ({
      endpointId: t.endpoint_id as string,
      fullName: t.full_name as string,
      position: t.position as string | null,
      topic: t.topic as string | null,
      kind: (t.kind as SpeechKind | null) ?? undefined,
      document: t.document_title ? { title: t.document_title as string, fileName: t.document_file_name as string } : null,
      agendaItemId: t.agenda_item_id as string | null,
      startedAt: new Date(t.started_at as string),
      endedAt: date(t.ended_at),
      allottedSeconds: t.allotted_seconds as number,
      durationSeconds: t.duration_seconds as number | null,
    })),
    polls: polls.map((p: Record<string, unknown>) => ({
      question: p.question as string,
      agendaItemId: p.agenda_item_id as string | null,
      choiceKind: p.choice_kind as PollChoiceKind,
      options: p.options as PollOption[],
      secret: p.secret as boolean,
      mode: p.mode as PollMode,
      rule: p.rule as MajorityRule,
      status: p.status as 'closed' | 'published' | 'cancelled',
      openedAt: date(p.opened_at),
      closedAt: date(p.closed_at),
      cancelledReason: p.cancelled_reason as string | null,
      result: p.result as PollResult | null,
    })),
    entries,
    organizationNames: new Map(orgs.map((o) => [o.id, o.name])),
    minutes,
  };
}
