import { z } from 'zod';
import { meetingKindSchema, meetingStatusSchema, type MeetingKind, type MeetingStatus } from './meetings';
import type { Aligned, Assert } from './common';
import { speechKindSchema, type SpeechKind } from './speakers';
import { POLL_MODES, type PollMode } from './voting';

/**
 * The post-meeting summary: what the ministry's press release and report are
 * written from. Built by a job from one minutes revision and kept unchanged
 * for it: revision 0 is the draft as it stood when the meeting ended, 1.. are
 * the published revisions.
 */
export interface SummaryPerson {
  fullName: string;
  position: string | null;
}

export interface SummaryEndpoint {
  endpointId: string;
  organizationId: string;
  organizationName: string;
  locationName: string;
  isHost: boolean;
  /** the site's console was connected at some point of the meeting */
  connected: boolean;
  firstConnectedAt: string | null;
  attendance: SummaryAttendance;
  speakingSeconds: number;
  turns: number;
}

export interface SummaryAttendance {
  /** people on the roster */
  expected: number;
  /** checked in (on time or late) */
  present: number;
  /** of those present, arrived late */
  late: number;
  excused: number;
  absent: number;
}

export interface SummaryTurn {
  order: number;
  endpointName: string;
  fullName: string;
  position: string | null;
  topic: string | null;
  /** the speech's kind (summaries composed before it was recorded have none) */
  kind?: SpeechKind;
  /** a prepared contribution's uploaded document (tham luận), by title and file name */
  document?: { title: string; fileName: string };
  agendaItemTitle: string | null;
  startedAt: string;
  endedAt: string | null;
  allottedSeconds: number;
  durationSeconds: number;
}

export interface SummaryConclusion {
  agendaItemTitle: string | null;
  text: string;
}

export interface SummaryTask {
  description: string;
  coOrganizations: string[];
  /** YYYY-MM-DD */
  deadline: string | null;
}

export interface SummaryTaskGroup {
  leadOrganizationId: string;
  leadOrganizationName: string;
  tasks: SummaryTask[];
}

/** One poll of the meeting as the report states it: closed, published or cancelled (drafts and open polls are left out). */
export interface SummaryPoll {
  question: string;
  agendaItemTitle: string | null;
  secret: boolean;
  mode: PollMode;
  status: 'closed' | 'published' | 'cancelled';
  cancelledReason: string | null;
  openedAt: string | null;
  closedAt: string | null;
  /** the majority rule in words: "quá nửa tổng số thành viên" */
  rule: string;
  /** null for a poll cancelled before it closed */
  result: {
    members: number;
    present: number;
    participants: number;
    cast: number;
    quorumMet: boolean;
    passed: boolean;
    /** "được thông qua", "không được thông qua", "có người trúng cử" ... */
    outcome: string;
    options: { label: string; abstain: boolean; count: number; ofCast: number | null; ofPresent: number | null; ofMembers: number | null; elected: boolean }[];
    /** named polls: every name, its site and choices, in Vietnamese order (secret polls: empty) */
    named: { fullName: string; endpointName: string; choices: string[] }[];
    /** sites that reported the show of hands */
    sites: { endpointName: string; counts: { label: string; count: number }[] }[];
    digest: string;
  } | null;
}

/** A top-level site with the sites below it (a province and its communes), issue 21. */
export interface SummarySiteGroup {
  organizationName: string;
  sites: number;
  /** sites whose console connected at some point */
  connected: number;
  /** people present: reported headcounts and checked-in attendees */
  people: number;
  /** headcount sites that never reported */
  unreported: number;
}

export interface MeetingSummary {
  meeting: {
    id: string;
    title: string;
    kind: MeetingKind;
    status: MeetingStatus;
    hostOrganizationName: string;
    /** the host's abbreviation for document numbers (BC-VPCP), when it has one */
    hostCode: string | null;
    /** the body above the host, for the administrative heading (e.g. CHÍNH PHỦ above Văn phòng Chính phủ) */
    hostParentName: string | null;
    chair: SummaryPerson | null;
    scheduledStart: string;
    scheduledEnd: string;
    actualStart: string | null;
    actualEnd: string | null;
    plannedMinutes: number;
    actualMinutes: number | null;
    agenda: string[];
  };
  endpoints: {
    invited: number;
    connected: number;
    /** invited sites that never connected, in Vietnamese order */
    missing: { organizationId: string; organizationName: string; locationName: string }[];
    list: SummaryEndpoint[];
  };
  attendance: SummaryAttendance;
  /** a conference down to the communes: the provinces with their communes (absent for a plain plenary) */
  sites?: { people: number; groups: SummarySiteGroup[] };
  speakers: {
    turns: SummaryTurn[];
    totalSeconds: number;
    /** endpoints that spoke, most speaking time first */
    perEndpoint: { endpointId: string; endpointName: string; turns: number; seconds: number }[];
  };
  /** the meeting's polls in the order they opened (summaries composed before voting have none) */
  polls?: SummaryPoll[];
  conclusions: SummaryConclusion[];
  tasks: SummaryTaskGroup[];
  minutes: {
    /** 0: the draft as it stood when the meeting ended; 1..: a published revision */
    revision: number;
    contentHash: string | null;
    publishedAt: string | null;
    entryCount: number;
  };
  generatedAt: string;
}

export const REPORT_STATUSES = ['queued', 'running', 'retrying', 'done', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** One report job of a meeting, as the web app shows it live. */
export interface ReportState {
  meetingId: string;
  revision: number;
  status: ReportStatus;
  /** 0..100 */
  progress: number;
  /** what the job is doing now: collecting, docx, pdf, saving */
  phase: string | null;
  attempts: number;
  /** why the last attempt failed */
  error: string | null;
  formats: ('json' | 'docx' | 'pdf')[];
  /** why a format is missing (e.g. no LibreOffice where the job ran) */
  formatNotes: Record<string, string>;
  queuedAt: string;
  completedAt: string | null;
}

export interface ReportStatusEvent {
  meetingId: string;
  report: ReportState;
}

export const reportQuerySchema = z
  .object({ revision: z.coerce.number().int().min(0).max(10_000).optional() })
  .strict();
export type ReportQuery = z.infer<typeof reportQuerySchema>;

export const retryReportRequestSchema = z.object({ revision: z.number().int().min(0).max(10_000) }).strict();
export type RetryReportRequest = z.infer<typeof retryReportRequestSchema>;

/** A report job's id: one per meeting and minutes revision, so a second enqueue collapses into the first. */
export const summaryJobId = (meetingId: string, revision: number) => `summary.${meetingId}.r${revision}`;

// ---- response schemas (the interfaces above as zod, for the route map and the tests' response checks) ----

const iso = z.string();
const summaryPersonSchema = z.object({ fullName: z.string(), position: z.string().nullable() });
const summaryAttendanceSchema = z.object({ expected: z.number().int(), present: z.number().int(), late: z.number().int(), excused: z.number().int(), absent: z.number().int() });
export const meetingSummarySchema = z.object({
  meeting: z.object({
    id: z.string(),
    title: z.string(),
    kind: meetingKindSchema,
    status: meetingStatusSchema,
    hostOrganizationName: z.string(),
    hostCode: z.string().nullable(),
    hostParentName: z.string().nullable(),
    chair: summaryPersonSchema.nullable(),
    scheduledStart: iso,
    scheduledEnd: iso,
    actualStart: iso.nullable(),
    actualEnd: iso.nullable(),
    plannedMinutes: z.number(),
    actualMinutes: z.number().nullable(),
    agenda: z.array(z.string()),
  }),
  endpoints: z.object({
    invited: z.number().int(),
    connected: z.number().int(),
    missing: z.array(z.object({ organizationId: z.string(), organizationName: z.string(), locationName: z.string() })),
    list: z.array(
      z.object({
        endpointId: z.string(),
        organizationId: z.string(),
        organizationName: z.string(),
        locationName: z.string(),
        isHost: z.boolean(),
        connected: z.boolean(),
        firstConnectedAt: iso.nullable(),
        attendance: summaryAttendanceSchema,
        speakingSeconds: z.number(),
        turns: z.number().int(),
      }),
    ),
  }),
  attendance: summaryAttendanceSchema,
  sites: z
    .object({
      people: z.number().int(),
      groups: z.array(z.object({ organizationName: z.string(), sites: z.number().int(), connected: z.number().int(), people: z.number().int(), unreported: z.number().int() })),
    })
    .optional(),
  speakers: z.object({
    turns: z.array(
      z.object({
        order: z.number().int(),
        endpointName: z.string(),
        fullName: z.string(),
        position: z.string().nullable(),
        topic: z.string().nullable(),
        kind: speechKindSchema.optional(),
        document: z.object({ title: z.string(), fileName: z.string() }).optional(),
        agendaItemTitle: z.string().nullable(),
        startedAt: iso,
        endedAt: iso.nullable(),
        allottedSeconds: z.number(),
        durationSeconds: z.number(),
      }),
    ),
    totalSeconds: z.number(),
    perEndpoint: z.array(z.object({ endpointId: z.string(), endpointName: z.string(), turns: z.number().int(), seconds: z.number() })),
  }),
  polls: z
    .array(
      z.object({
        question: z.string(),
        agendaItemTitle: z.string().nullable(),
        secret: z.boolean(),
        mode: z.enum(POLL_MODES),
        status: z.enum(['closed', 'published', 'cancelled']),
        cancelledReason: z.string().nullable(),
        openedAt: iso.nullable(),
        closedAt: iso.nullable(),
        rule: z.string(),
        result: z
          .object({
            members: z.number().int(),
            present: z.number().int(),
            participants: z.number().int(),
            cast: z.number().int(),
            quorumMet: z.boolean(),
            passed: z.boolean(),
            outcome: z.string(),
            options: z.array(
              z.object({ label: z.string(), abstain: z.boolean(), count: z.number().int(), ofCast: z.number().nullable(), ofPresent: z.number().nullable(), ofMembers: z.number().nullable(), elected: z.boolean() }),
            ),
            named: z.array(z.object({ fullName: z.string(), endpointName: z.string(), choices: z.array(z.string()) })),
            sites: z.array(z.object({ endpointName: z.string(), counts: z.array(z.object({ label: z.string(), count: z.number().int() })) })),
            digest: z.string(),
          })
          .nullable(),
      }),
    )
    .optional(),
  conclusions: z.array(z.object({ agendaItemTitle: z.string().nullable(), text: z.string() })),
  tasks: z.array(
    z.object({
      leadOrganizationId: z.string(),
      leadOrganizationName: z.string(),
      tasks: z.array(z.object({ description: z.string(), coOrganizations: z.array(z.string()), deadline: z.string().nullable() })),
    }),
  ),
  minutes: z.object({ revision: z.number().int(), contentHash: z.string().nullable(), publishedAt: iso.nullable(), entryCount: z.number().int() }),
  generatedAt: iso,
});
export const reportStateSchema = z.object({
  meetingId: z.string(),
  revision: z.number().int(),
  status: z.enum(REPORT_STATUSES),
  progress: z.number(),
  phase: z.string().nullable(),
  attempts: z.number().int(),
  error: z.string().nullable(),
  formats: z.array(z.enum(['json', 'docx', 'pdf'])),
  formatNotes: z.record(z.string(), z.string()),
  queuedAt: iso,
  completedAt: iso.nullable(),
});

export type _SummarySchemasAligned = [
  Assert<Aligned<z.output<typeof meetingSummarySchema>, MeetingSummary>>,
  Assert<Aligned<z.output<typeof reportStateSchema>, ReportState>>,
];
