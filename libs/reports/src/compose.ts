import type {
  SummarySiteGroup,
  SummaryAttendance,
  MeetingKind,
  MeetingStatus,
  MeetingSummary,
  MinutesEntry,
  SummaryEndpoint,
  SummaryPerson,
  SummaryPoll,
  SummaryTaskGroup,
  SpeechKind,
  MajorityRule,
  PollChoiceKind,
  PollMode,
  PollOption,
  PollResult,
} from '@app/contracts';
import { compareVietnamese, personSortKey } from '@app/vietnamese';
import { outcomeWords, ruleWords } from './voting-words';

/** What the summary is made of, as read from the database (see facts.ts). */
export interface SummaryFacts {
  meeting: {
    id: string;
    title: string;
    kind: MeetingKind;
    status: MeetingStatus;
    hostOrganizationName: string;
    hostCode: string | null;
    hostParentName: string | null;
    chair: SummaryPerson | null;
    scheduledStart: Date;
    scheduledEnd: Date;
    actualStart: Date | null;
    actualEnd: Date | null;
  };
  agenda: { id: string; title: string }[];
  endpoints: {
    id: string;
    organizationId: string;
    organizationName: string;
    locationName: string;
    isHost: boolean;
    firstConnectedAt: Date | null;
    /** the site above it in the meeting (a commune's province), issue 21 */
    parentEndpointId?: string | null;
    /** the headcount a headcount site reported (null: not reported); undefined for a roster site */
    headcount?: number | null;
  }[];
  attendees: { endpointId: string; status: string; arrivedLate: boolean; checkedInAt: Date | null }[];
  /** finished and unfinished turns, any order */
  turns: {
    endpointId: string;
    fullName: string;
    position: string | null;
    topic: string | null;
    kind?: SpeechKind;
    /** the request's tham luận document */
    document?: { title: string; fileName: string } | null;
    agendaItemId: string | null;
    startedAt: Date;
    endedAt: Date | null;
    allottedSeconds: number;
    durationSeconds: number | null;
  }[];
  /** closed, published and cancelled polls, in the order they opened */
  polls?: {
    question: string;
    agendaItemId: string | null;
    choiceKind: PollChoiceKind;
    options: PollOption[];
    secret: boolean;
    mode: PollMode;
    rule: MajorityRule;
    status: 'closed' | 'published' | 'cancelled';
    openedAt: Date | null;
    closedAt: Date | null;
    cancelledReason: string | null;
    result: PollResult | null;
  }[];
  entries: Pick<MinutesEntry, 'kind' | 'agendaItemId' | 'text' | 'leadOrganizationId' | 'coOrganizationIds' | 'deadline'>[];
  /** names of every organization the tasks mention */
  organizationNames: Map<string, string>;
  minutes: { revision: number; contentHash: string | null; publishedAt: Date | null };
}

const minutesBetween = (a: Date, b: Date) => Math.round((b.getTime() - a.getTime()) / 60_000);

/** A turn still open when the meeting ended counts until the end of the meeting. */
function turnSeconds(t: SummaryFacts['turns'][number], meetingEnd: Date | null): number {
  if (t.durationSeconds !== null) return t.durationSeconds;
  const end = t.endedAt ?? meetingEnd;
  return end ? Math.max(0, Math.round((end.getTime() - t.startedAt.getTime()) / 1000)) : 0;
}

export function countAttendance(rows: SummaryFacts['attendees']): SummaryAttendance {
  const counts: SummaryAttendance = { expected: rows.length, present: 0, late: 0, excused: 0, absent: 0 };
  for (const a of rows) {
    if (a.checkedInAt || a.status === 'present' || a.status === 'late' || a.status === 'left') {
      counts.present++;
      if (a.arrivedLate || a.status === 'late') counts.late++;
    } else if (a.status === 'excused') counts.excused++;
    else counts.absent++;
  }
  return counts;
}

/** Pure: the same facts give the same summary (but for generatedAt). */
export function composeSummary(facts: SummaryFacts, generatedAt = new Date()): MeetingSummary {
  const { meeting } = facts;
  const endpointName = new Map(facts.endpoints.map((e) => [e.id, e.organizationName]));
  const agendaTitle = new Map(facts.agenda.map((a) => [a.id, a.title]));
  const orgName = (id: string) => facts.organizationNames.get(id) ?? id;

  const turns = [...facts.turns]
    .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())
    .map((t, i) => ({
      order: i + 1,
      endpointName: endpointName.get(t.endpointId) ?? '',
      endpointId: t.endpointId,
      fullName: t.fullName,
      position: t.position,
      topic: t.topic,
      ...(t.kind ? { kind: t.kind } : {}),
      ...(t.document ? { document: t.document } : {}),
      agendaItemTitle: t.agendaItemId ? (agendaTitle.get(t.agendaItemId) ?? null) : null,
      startedAt: t.startedAt.toISOString(),
      endedAt: t.endedAt?.toISOString() ?? null,
      allottedSeconds: t.allottedSeconds,
      durationSeconds: turnSeconds(t, meeting.actualEnd),
    }));

  const spoken = new Map<string, { turns: number; seconds: number }>();
  for (const t of turns) {
    const s = spoken.get(t.endpointId) ?? { turns: 0, seconds: 0 };
    s.turns++;
    s.seconds += t.durationSeconds;
    spoken.set(t.endpointId, s);
  }

  const byEndpoint = new Map<string, SummaryFacts['attendees']>();
  for (const a of facts.attendees) byEndpoint.set(a.endpointId, [...(byEndpoint.get(a.endpointId) ?? []), a]);

  const list: SummaryEndpoint[] = [...facts.endpoints]
    .sort((a, b) => Number(b.isHost) - Number(a.isHost) || compareVietnamese(a.organizationName, b.organizationName))
    .map((e) => ({
      endpointId: e.id,
      organizationId: e.organizationId,
      organizationName: e.organizationName,
      locationName: e.locationName,
      isHost: e.isHost,
      connected: e.firstConnectedAt !== null,
      firstConnectedAt: e.firstConnectedAt?.toISOString() ?? null,
      attendance: countAttendance(byEndpoint.get(e.id) ?? []),
      speakingSeconds: spoken.get(e.id)?.seconds ?? 0,
      turns: spoken.get(e.id)?.turns ?? 0,
    }));

  const groups = new Map<string, SummaryTaskGroup>();
  for (const e of facts.entries) {
    if (e.kind !== 'task' || !e.leadOrganizationId) continue;
    const group = groups.get(e.leadOrganizationId) ?? { leadOrganizationId: e.leadOrganizationId, leadOrganizationName: orgName(e.leadOrganizationId), tasks: [] };
    group.tasks.push({ description: e.text, coOrganizations: e.coOrganizationIds.map(orgName), deadline: e.deadline });
    groups.set(e.leadOrganizationId, group);
  }

  const polls: SummaryPoll[] = (facts.polls ?? []).map((p) => {
    const label = (id: string) => p.options.find((o) => o.id === id)?.label ?? id;
    const r = p.result;
    return {
      question: p.question,
      agendaItemTitle: p.agendaItemId ? (agendaTitle.get(p.agendaItemId) ?? null) : null,
      secret: p.secret,
      mode: p.mode,
      status: p.status,
      cancelledReason: p.cancelledReason,
      openedAt: p.openedAt?.toISOString() ?? null,
      closedAt: p.closedAt?.toISOString() ?? null,
      rule: ruleWords(p.rule),
      result: r
        ? {
            members: r.members,
            present: r.present,
            participants: r.participants,
            cast: r.cast,
            quorumMet: r.quorumMet,
            passed: r.passed,
            outcome: outcomeWords(p.choiceKind, r.passed),
            options: r.options.map((o) => ({
              label: label(o.optionId),
              abstain: p.options.find((x) => x.id === o.optionId)?.abstain ?? false,
              count: o.count,
              ofCast: o.ofCast,
              ofPresent: o.ofPresent,
              ofMembers: o.ofMembers,
              elected: o.elected,
            })),
            named: r.named
              .map((b) => ({ fullName: b.fullName, endpointName: endpointName.get(b.endpointId) ?? '', choices: b.optionIds.map(label) }))
              .sort((a, b) => compareVietnamese(a.endpointName, b.endpointName) || (personSortKey(a.fullName) < personSortKey(b.fullName) ? -1 : personSortKey(a.fullName) > personSortKey(b.fullName) ? 1 : 0)),
            sites: r.sites
              .map((s) => ({ endpointName: endpointName.get(s.endpointId) ?? '', counts: p.options.map((o) => ({ label: o.label, count: s.counts[o.id] ?? 0 })) }))
              .sort((a, b) => compareVietnamese(a.endpointName, b.endpointName)),
            digest: r.digest,
          }
        : null,
    };
  });

  return {
    meeting: {
      id: meeting.id,
      title: meeting.title,
      kind: meeting.kind,
      status: meeting.status,
      hostOrganizationName: meeting.hostOrganizationName,
      hostCode: meeting.hostCode,
      hostParentName: meeting.hostParentName,
      chair: meeting.chair,
      scheduledStart: meeting.scheduledStart.toISOString(),
      scheduledEnd: meeting.scheduledEnd.toISOString(),
      actualStart: meeting.actualStart?.toISOString() ?? null,
      actualEnd: meeting.actualEnd?.toISOString() ?? null,
      plannedMinutes: minutesBetween(meeting.scheduledStart, meeting.scheduledEnd),
      actualMinutes: meeting.actualStart && meeting.actualEnd ? minutesBetween(meeting.actualStart, meeting.actualEnd) : null,
      agenda: facts.agenda.map((a) => a.title),
    },
    endpoints: {
      invited: list.length,
      connected: list.filter((e) => e.connected).length,
      missing: list.filter((e) => !e.connected).map((e) => ({ organizationId: e.organizationId, organizationName: e.organizationName, locationName: e.locationName })),
      list,
    },
    attendance: countAttendance(facts.attendees),
    ...siteGroups(facts, list),
    speakers: {
      turns: turns.map(({ endpointId: _, ...t }) => t),
      totalSeconds: turns.reduce((sum, t) => sum + t.durationSeconds, 0),
      perEndpoint: [...spoken.entries()]
        .map(([endpointId, s]) => ({ endpointId, endpointName: endpointName.get(endpointId) ?? '', ...s }))
        .sort((a, b) => b.seconds - a.seconds || compareVietnamese(a.endpointName, b.endpointName)),
    },
    polls,
    conclusions: facts.entries
      .filter((e) => e.kind === 'conclusion' && e.text.trim())
      .map((e) => ({ agendaItemTitle: e.agendaItemId ? (agendaTitle.get(e.agendaItemId) ?? null) : null, text: e.text })),
    tasks: [...groups.values()].sort((a, b) => compareVietnamese(a.leadOrganizationName, b.leadOrganizationName)),
    minutes: {
      revision: facts.minutes.revision,
      contentHash: facts.minutes.contentHash,
      publishedAt: facts.minutes.publishedAt?.toISOString() ?? null,
      entryCount: facts.entries.length,
    },
    generatedAt: generatedAt.toISOString(),
  };
}

/** "1 giờ 5 phút 12 giây", "45 giây" */
export function formatDurationVi(totalSeconds: number): string {
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const parts = [h ? `${h} giờ` : '', m ? `${m} phút` : '', s || (!h && !m) ? `${s} giây` : ''];
  return parts.filter(Boolean).join(' ');
}

/**
 * A conference down to the communes (issue 21): one row per top-level site with the sites below it, the
 * sites that connected and the people present (a headcount site's reported figure, a roster site's
 * checked-in attendees). Nothing for a meeting without child sites.
 */
function siteGroups(facts: SummaryFacts, list: SummaryEndpoint[]): Pick<MeetingSummary, 'sites'> {
  if (!facts.endpoints.some((e) => e.parentEndpointId)) return {};
  const parent = new Map(facts.endpoints.map((e) => [e.id, e.parentEndpointId ?? null]));
  const byId = new Map(facts.endpoints.map((e) => [e.id, e]));
  const top = (id: string) => {
    let cur = id;
    for (let depth = 0; parent.get(cur) && depth < 8; depth++) cur = parent.get(cur)!;
    return cur;
  };
  const groups = new Map<string, SummarySiteGroup>();
  let people = 0;
  for (const e of list) {
    const fact = byId.get(e.endpointId)!;
    const t = top(e.endpointId);
    const g = groups.get(t) ?? { organizationName: byId.get(t)!.organizationName, sites: 0, connected: 0, people: 0, unreported: 0 };
    const present = fact.headcount === undefined ? e.attendance.present : (fact.headcount ?? 0);
    g.sites++;
    if (e.connected) g.connected++;
    if (fact.headcount === null) g.unreported++;
    g.people += present;
    people += present;
    groups.set(t, g);
  }
  return { sites: { people, groups: [...groups.values()] } };
}
